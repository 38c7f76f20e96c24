// Side panel on a linked item's edit page: its flow chart, drawn by the server from the draft.
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Box, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { getTranslation } from '../pluginId';

const ITEM_UID = 'plugin::linkage.item';

function Flowchart({ documentId, locale, version }: { documentId: string; locale: string; version: string }) {
  const { formatMessage } = useIntl();
  const { get } = useFetchClient();
  const [svg, setSvg] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    setFailed(false);
    get<string>(`/linkage/items/${documentId}/flowchart`, { params: { locale, format: 'svg' }, responseType: 'text' })
      .then(({ data }) => !cancelled && setSvg(data))
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
    };
  }, [documentId, locale, version, get]);

  if (failed) {
    return <Typography variant="pi">{formatMessage({ id: getTranslation('flowchart.unavailable'), defaultMessage: 'The flow chart appears once the stages hold together.' })}</Typography>;
  }
  if (!svg) return <Typography variant="pi">…</Typography>;
  // An image, not inline markup: the chart cannot run anything.
  const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  return (
    <Box>
      <a href={src} target="_blank" rel="noreferrer">
        <img src={src} alt={formatMessage({ id: getTranslation('flowchart.alt'), defaultMessage: 'Flow chart of the stages' })} style={{ width: '100%', height: 'auto' }} />
      </a>
    </Box>
  );
}

export const ItemFlowchartPanel: PanelComponent = ({ model, documentId, document }) => {
  if (model !== ITEM_UID || !documentId || !document) return null;
  return {
    title: 'Linkage · 流程图 / Flow chart',
    content: <Flowchart documentId={documentId} locale={String(document.locale ?? '')} version={String(document.updatedAt ?? '')} />,
  };
};
