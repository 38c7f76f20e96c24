// Side panel on a linked item's edit page: its flow chart, drawn by the server from the form as it
// stands (unsaved changes included). A preview in the panel; full size in a dialog with zoom.
import { useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { Box, Button, Flex, IconButton, Modal, Typography } from '@strapi/design-system';
import { Minus, Plus } from '@strapi/icons';
import { useFetchClient, useForm } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { useEditedLocale } from '../editor/data';
import { getTranslation } from '../pluginId';

const ITEM_UID = 'plugin::linkage.item';
const WAIT_AFTER_CHANGE_MS = 800;
const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];

type State = { kind: 'loading' } | { kind: 'unavailable'; reason: string } | { kind: 'done'; svg: string };

function Flowchart() {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTranslation(id), defaultMessage });
  const { post } = useFetchClient();
  const locale = useEditedLocale();
  const values = useForm('ItemFlowchart', (state) => state.values);
  const body = JSON.stringify(values);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [zoom, setZoom] = useState(2);
  const serial = useRef(0);

  useEffect(() => {
    const mine = ++serial.current;
    const timer = setTimeout(() => {
      post<{ data: { body: string } }>('/linkage/items/flowchart', { locale, format: 'svg', data: JSON.parse(body) })
        .then(({ data }) => mine === serial.current && setState({ kind: 'done', svg: data.data.body }))
        .catch(() => mine === serial.current && setState({ kind: 'unavailable', reason: t('flowchart.unavailable', 'The flow chart appears once the stages hold together.') }));
    }, WAIT_AFTER_CHANGE_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [body, locale, post]);

  if (state.kind === 'loading') return <Typography variant="pi">{t('flowchart.loading', 'Drawing the flow chart…')}</Typography>;
  if (state.kind === 'unavailable') return <Typography variant="pi">{state.reason}</Typography>;
  // An image, not inline markup: the chart cannot run anything.
  const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(state.svg)}`;
  const alt = t('flowchart.alt', 'Flow chart of the stages');
  return (
    <Modal.Root>
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Modal.Trigger>
          <Box tag="span" style={{ display: 'block', cursor: 'zoom-in' }} title={t('flowchart.open', 'Open the flow chart full size')}>
            <img src={src} alt={alt} style={{ width: '100%', height: 'auto', display: 'block' }} data-linkage-flowchart="preview" />
          </Box>
        </Modal.Trigger>
        <Modal.Trigger>
          <Button variant="secondary" size="S" fullWidth>
            {t('flowchart.open', 'Open the flow chart full size')}
          </Button>
        </Modal.Trigger>
      </Flex>
      <Modal.Content style={{ maxWidth: '95vw', width: '95vw' }}>
        <Modal.Header>
          <Modal.Title>{t('flowchart.title', 'Flow chart')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex gap={2} paddingBottom={3} alignItems="center">
            <IconButton label={t('flowchart.zoomOut', 'Zoom out')} disabled={zoom <= 0} onClick={() => setZoom((z) => Math.max(0, z - 1))}>
              <Minus />
            </IconButton>
            <Typography variant="pi" aria-live="polite">
              {Math.round(ZOOMS[zoom] * 100)}%
            </Typography>
            <IconButton label={t('flowchart.zoomIn', 'Zoom in')} disabled={zoom >= ZOOMS.length - 1} onClick={() => setZoom((z) => Math.min(ZOOMS.length - 1, z + 1))}>
              <Plus />
            </IconButton>
          </Flex>
          <Box overflow="auto" style={{ maxHeight: '70vh' }} background="neutral0">
            <img src={src} alt={alt} style={{ width: `${ZOOMS[zoom] * 100}%`, maxWidth: 'none', height: 'auto', display: 'block' }} data-linkage-flowchart="full" />
          </Box>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('flowchart.close', 'Close')}</Button>
          </Modal.Close>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}

export const ItemFlowchartPanel: PanelComponent = ({ model }) => {
  const { formatMessage } = useIntl();
  if (model !== ITEM_UID) return null;
  return {
    title: formatMessage({ id: getTranslation('flowchart.title'), defaultMessage: 'Flow chart' }),
    content: <Flowchart />,
  };
};
