// "My guides" (我的指南): the signed-in editor's guides with status, completeness and due date, and
// the guides their units are expected to have but lack, each created in one click (an empty draft,
// through the same guard and checks as any write) and then opened in the Content Manager.
import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Badge, Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import { getTranslation } from '../pluginId';

type Text = Record<string, string> | null;

interface GuideRow {
  documentId: string;
  key: string;
  itemTitle: Text;
  stageName: Text;
  unitName: Text;
  status: 'draft' | 'published' | 'modified';
  completeness: { draftMissing: string[]; publishedMissing: string[] | null; complete: boolean };
  dueOn: string | null;
  overdueDays: number;
  neverReviewed: boolean;
}

interface MissingRow {
  itemCode: string;
  stageKey: string;
  unitCode: string;
  itemTitle: Text;
  stageName: Text;
  unitName: Text;
}

interface MyGuides {
  guides: GuideRow[];
  pagination: { page: number; pageCount: number; total: number };
  missing: MissingRow[];
}

const GUIDE_EDIT = '/content-manager/collection-types/plugin::linkage.guide';
const errorMessageOf = (error: unknown): string | undefined =>
  (error as { response?: { data?: { error?: { message?: string } } } })?.response?.data?.error?.message;

function MyGuidesPage() {
  const { formatMessage, locale } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const text = (value: Text, fallback: string) => (value ? (value[locale] ?? value['zh-Hans'] ?? Object.values(value)[0] ?? fallback) : fallback);
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<MyGuides | null>(null);
  const [failed, setFailed] = useState(false);
  const [creating, setCreating] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const res = await get<{ data: MyGuides }>('/linkage/my-guides', { params: { page, pageSize: 50 } });
      setData(res.data.data);
    } catch {
      setFailed(true);
    }
  }, [get, page]);

  useEffect(() => {
    void load();
  }, [load]);

  const open = (documentId: string, guideLocale = 'zh-Hans') => navigate(`${GUIDE_EDIT}/${documentId}?plugins[i18n][locale]=${guideLocale}`);

  const create = async (m: MissingRow) => {
    const key = `${m.itemCode}/${m.stageKey}/${m.unitCode}`;
    setCreating(key);
    try {
      const res = await post<{ data: { documentId: string; locale: string } }>('/linkage/my-guides/missing', { itemCode: m.itemCode, stageKey: m.stageKey, unitCode: m.unitCode });
      open(res.data.data.documentId, res.data.data.locale);
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessageOf(error) ?? t('myGuides.createFailed', 'The guide could not be created') });
      setCreating(null);
    }
  };

  const status = (g: GuideRow) => t(`myGuides.status.${g.status}`, g.status);
  const due = (g: GuideRow) =>
    g.dueOn === null ? '—' : g.overdueDays > 0 ? t('myGuides.overdue', '{date} ({days} days overdue)', { date: g.dueOn, days: g.overdueDays }) : g.dueOn;

  return (
    <Page.Main>
      <Page.Title>{t('myGuides.title', 'My guides')}</Page.Title>
      <Layouts.Header title={t('myGuides.title', 'My guides')} subtitle={t('myGuides.subtitle', 'The guides of your units: status, completeness and review due dates.')} />
      <Layouts.Content>
        {failed && <Typography textColor="danger600">{t('myGuides.error', 'Your guides could not be loaded.')}</Typography>}
        {data && (
          <Flex direction="column" alignItems="stretch" gap={6}>
            {data.missing.length > 0 && (
              <Box>
                <Typography variant="delta" tag="h2">{t('myGuides.missing', 'Expected but missing')}</Typography>
                <Table colCount={4} rowCount={data.missing.length + 1}>
                  <Thead>
                    <Tr>
                      <Th><Typography variant="sigma">{t('myGuides.item', 'Item')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('myGuides.stage', 'Stage')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('myGuides.unit', 'Unit')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('myGuides.actions', 'Actions')}</Typography></Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {data.missing.map((m) => {
                      const key = `${m.itemCode}/${m.stageKey}/${m.unitCode}`;
                      return (
                        <Tr key={key}>
                          <Td><Typography>{text(m.itemTitle, m.itemCode)}</Typography></Td>
                          <Td><Typography>{text(m.stageName, m.stageKey)}</Typography></Td>
                          <Td><Typography>{text(m.unitName, m.unitCode)}</Typography></Td>
                          <Td>
                            <Button size="S" onClick={() => create(m)} loading={creating === key} disabled={creating !== null}>
                              {t('myGuides.create', 'Create')}
                            </Button>
                          </Td>
                        </Tr>
                      );
                    })}
                  </Tbody>
                </Table>
              </Box>
            )}
            <Box>
              <Typography variant="delta" tag="h2">{t('myGuides.guides', 'Guides ({total})', { total: data.pagination.total })}</Typography>
              <Table colCount={6} rowCount={data.guides.length + 1}>
                <Thead>
                  <Tr>
                    <Th><Typography variant="sigma">{t('myGuides.item', 'Item')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('myGuides.stage', 'Stage')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('myGuides.unit', 'Unit')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('myGuides.statusHeader', 'Status')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('myGuides.completeness', 'Completeness')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('myGuides.due', 'Review due')}</Typography></Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {data.guides.length === 0 && (
                    <Tr>
                      <Td colSpan={6}><Typography>{t('myGuides.none', 'No guides: ask a city manager for a membership if you expected some.')}</Typography></Td>
                    </Tr>
                  )}
                  {data.guides.map((g) => {
                    const missing = g.completeness.publishedMissing ?? g.completeness.draftMissing;
                    return (
                      <Tr key={g.documentId} onClick={() => open(g.documentId)} style={{ cursor: 'pointer' }}>
                        <Td><Typography>{text(g.itemTitle, g.key.split('/')[0])}</Typography></Td>
                        <Td><Typography>{text(g.stageName, g.key.split('/')[1])}</Typography></Td>
                        <Td><Typography>{text(g.unitName, g.key.split('/')[2])}</Typography></Td>
                        <Td><Badge>{status(g)}</Badge></Td>
                        <Td>
                          <Typography textColor={missing.length > 0 ? 'warning600' : 'success600'}>
                            {missing.length > 0 ? t('myGuides.lacks', 'Lacks {fields}', { fields: missing.join(', ') }) : t('myGuides.complete', 'Complete')}
                          </Typography>
                        </Td>
                        <Td><Typography textColor={g.overdueDays > 0 ? 'danger600' : 'neutral800'}>{due(g)}</Typography></Td>
                      </Tr>
                    );
                  })}
                </Tbody>
              </Table>
              {data.pagination.pageCount > 1 && (
                <Flex gap={2} paddingTop={4}>
                  <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>{t('myGuides.previous', 'Previous')}</Button>
                  <Typography>{`${data.pagination.page} / ${data.pagination.pageCount}`}</Typography>
                  <Button variant="tertiary" disabled={page >= data.pagination.pageCount} onClick={() => setPage(page + 1)}>{t('myGuides.next', 'Next')}</Button>
                </Flex>
              )}
            </Box>
          </Flex>
        )}
      </Layouts.Content>
    </Page.Main>
  );
}

export default MyGuidesPage;
