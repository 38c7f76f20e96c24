// Side panel on a site template's edit page: the saved draft on the page of a unit and an item the
// editor chooses, with that unit's real content, in the language chosen. Strapi's own preview
// panel shows the city's page; this one answers "how does it look on 八大关街道's site?".
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Box, Button, Combobox, ComboboxOption, Flex, Link, Modal, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useFetchClient, useForm } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { isLevel } from '../../../server/src/domain/levels';
import { levelName } from '../../../server/src/domain/vocabulary';
import { useItems, useUnits } from '../editor/data';
import { useAdminLanguage } from '../editor/language';
import { Labelled } from '../editor/Labelled';
import { getTranslation } from '../pluginId';

const TEMPLATE_UID = 'plugin::linkage.site-template';
// Templates that show on a unit's index page only: no item to choose.
const INDEX_ONLY = new Set(['layout', 'site-index']);
const SITE_LANGUAGES: ReadonlyArray<{ locale: string; name: string }> = [
  { locale: 'zh-Hans', name: '中文' },
  { locale: 'en', name: 'English' },
];

const errorMessageOf = (error: unknown): string | undefined => (error as { response?: { data?: { error?: { message?: string } } } })?.response?.data?.error?.message;

function TemplatePreview({ documentId }: { documentId: string }) {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const language = useAdminLanguage();
  const { post } = useFetchClient();
  const modified = useForm('TemplatePreview', (state) => state.modified);
  const key = useForm('TemplatePreview', (state) => (state.values as { key?: string }).key ?? '');
  const units = useUnits(language);
  const items = useItems(language);
  const [unit, setUnit] = useState('');
  const [item, setItem] = useState('');
  const [locale, setLocale] = useState<string>(language);
  const [opened, setOpened] = useState<{ url: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const unitList = units.state === 'ready' ? units.data : [];
  const itemList = items.state === 'ready' ? items.data : [];
  const unitLabel = (code: string) => {
    const u = unitList.find((x) => x.code === code);
    return u ? `${u.name}（${isLevel(u.level) ? levelName(u.level, language) : u.level}）` : code;
  };

  async function open() {
    setBusy(true);
    setProblem(null);
    try {
      const { data } = await post<{ data: { url: string } }>(`/linkage/site-templates/${encodeURIComponent(documentId)}/preview`, {
        ...(unit ? { unit } : {}),
        ...(item && !INDEX_ONLY.has(key) ? { item } : {}),
        locale,
      });
      setOpened({ url: data.data.url });
    } catch (error) {
      setProblem(errorMessageOf(error) ?? t('templatePreview.failed', 'The preview could not be opened. Try again, or reload the page.'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Typography variant="pi" textColor="neutral600">
        {t('templatePreview.intro', 'See the saved draft on the page of a unit you choose, with that unit’s real content.')}
      </Typography>
      <Labelled id="linkage-template-preview-unit" label={t('templatePreview.unit', "Unit's site")} hint={t('templatePreview.unitHint', 'Left empty: the city’s site.')} shown>
        <Combobox
          value={unit}
          textValue={unit ? unitLabel(unit) : ''}
          placeholder={t('templatePreview.unitPlaceholder', 'The city')}
          loading={units.state === 'loading'}
          onChange={(next) => setUnit(next ? String(next) : '')}
          onClear={() => setUnit('')}
        >
          {unitList.map((u) => (
            <ComboboxOption key={u.code} value={u.code}>
              {unitLabel(u.code)}
            </ComboboxOption>
          ))}
        </Combobox>
      </Labelled>
      {!INDEX_ONLY.has(key) ? (
        <Labelled
          id="linkage-template-preview-item"
          label={t('templatePreview.item', 'Linked item')}
          hint={t('templatePreview.itemHint', 'Left empty: the first item the unit handles.')}
          shown
        >
          <Combobox
            value={item}
            textValue={itemList.find((i) => i.code === item)?.title ?? item}
            placeholder={t('templatePreview.itemPlaceholder', 'Chosen for you')}
            loading={items.state === 'loading'}
            onChange={(next) => setItem(next ? String(next) : '')}
            onClear={() => setItem('')}
          >
            {itemList.map((i) => (
              <ComboboxOption key={i.code} value={i.code}>
                {i.title}
              </ComboboxOption>
            ))}
          </Combobox>
        </Labelled>
      ) : null}
      <Labelled id="linkage-template-preview-language" label={t('templatePreview.language', 'Language of the page')} shown>
        <SingleSelect value={locale} onChange={(next) => setLocale(String(next))}>
          {SITE_LANGUAGES.map((l) => (
            <SingleSelectOption key={l.locale} value={l.locale}>
              {l.name}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Labelled>
      {modified ? (
        <Typography variant="pi" textColor="warning600">
          {t('templatePreview.saveFirst', 'Save the template first: the preview shows the saved draft.')}
        </Typography>
      ) : null}
      {problem ? (
        <Typography variant="pi" textColor="danger600" role="alert">
          {problem}
        </Typography>
      ) : null}
      <Button variant="secondary" fullWidth loading={busy} disabled={modified || busy} onClick={open}>
        {t('templatePreview.open', 'Preview on this page')}
      </Button>
      <Modal.Root open={opened !== null} onOpenChange={(isOpen: boolean) => !isOpen && setOpened(null)}>
        <Modal.Content style={{ maxWidth: '95vw', width: '95vw' }}>
          <Modal.Header>
            <Modal.Title>{t('templatePreview.title', 'Preview: {page}', { page: unit ? unitLabel(unit) : t('templatePreview.unitPlaceholder', 'The city') })}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            {opened ? (
              <Box background="neutral0" style={{ height: '72vh' }}>
                {/* The app's own origin, in a sandbox that runs no script of the page's. */}
                <iframe
                  title={t('templatePreview.frame', 'The template on the chosen page')}
                  src={opened.url}
                  sandbox="allow-same-origin allow-forms"
                  style={{ width: '100%', height: '100%', border: 0 }}
                  data-linkage-template-preview
                />
              </Box>
            ) : null}
          </Modal.Body>
          <Modal.Footer>
            {opened ? (
              <Link href={opened.url} isExternal>
                {t('templatePreview.newTab', 'Open in a new tab')}
              </Link>
            ) : (
              <span />
            )}
            <Modal.Close>
              <Button variant="tertiary">{t('templatePreview.close', 'Close')}</Button>
            </Modal.Close>
          </Modal.Footer>
        </Modal.Content>
      </Modal.Root>
    </Flex>
  );
}

export const TemplatePreviewPanel: PanelComponent = ({ model, documentId }) => {
  const { formatMessage } = useIntl();
  if (model !== TEMPLATE_UID || !documentId) return null;
  return {
    title: formatMessage({ id: getTranslation('templatePreview.panel'), defaultMessage: 'Preview on a unit’s page' }),
    content: <TemplatePreview documentId={documentId} />,
  };
};
