// "My guides" (我的指南): the signed-in editor's guides, what needs them first at the top and marked
// (overdue, incomplete, never reviewed, unpublished changes), and the guides their units are
// expected to have but lack, each created in one click (an empty draft, through the same guard and
// checks as any write) and then opened in the Content Manager.
import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Badge, Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import { attentionOf } from '../../../server/src/domain/guide-attention';
import { missingFieldNames } from '../../../server/src/domain/guide-assurance';
import { useAdminLanguage } from '../editor/language';
import { getTranslation } from '../pluginId';
import type { MissingGuideRow, MyGuideRow, MyGuides } from '../../../server/src/contracts/assurance';

type Text = Record<string, string> | null;

export type { MyGuides } from '../../../server/src/contracts/assurance';
export type GuideRow = MyGuideRow;
export type MissingRow = MissingGuideRow;

export const GUIDE_EDIT = '/content-manager/collection-types/plugin::linkage.guide';
const errorMessageOf = (error: unknown): string | undefined => (error as { response?: { data?: { error?: { message?: string } } } })?.response?.data?.error?.message;

/** A localized text in the admin's language, else Chinese, else any. */
export const useText = () => {
  const { locale } = useIntl();
  return (value: Text, fallback: string) => (value ? (value[locale] ?? value['zh-Hans'] ?? Object.values(value)[0] ?? fallback) : fallback);
};

const ROW_BACKGROUND: Record<string, string | undefined> = { overdue: 'danger100', incomplete: 'warning100' };

function MyGuidesPage() {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const language = useAdminLanguage();
  const text = useText();
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

  const fields = (list: readonly string[]) => missingFieldNames(list, language).join(language === 'en' ? ', ' : '、');
  const attention = (g: GuideRow) => {
    const missing = g.completeness.publishedMissing ?? g.completeness.draftMissing;
    const kind = attentionOf({ ...g, complete: g.completeness.complete });
    if (kind === 'overdue') return { kind, text: t('myGuides.attention.overdue', '{days} days overdue for review', { days: g.overdueDays }), tone: 'danger700' };
    if (kind === 'incomplete') return { kind, text: t('myGuides.attention.incomplete', 'Lacks {fields}', { fields: fields(missing) }), tone: 'warning700' };
    if (kind === 'neverReviewed') return { kind, text: t('myGuides.attention.neverReviewed', 'Never reviewed'), tone: 'warning700' };
    if (kind === 'unpublished') return { kind, text: t('myGuides.attention.unpublished', 'Changes not published yet'), tone: 'neutral700' };
    return { kind, text: t('myGuides.attention.ok', 'Up to date'), tone: 'success600' };
  };

  return (
    <Page.Main>
      <Page.Title>{t('myGuides.title', 'My guides')}</Page.Title>
      <Layouts.Header title={t('myGuides.title', 'My guides')} subtitle={t('myGuides.subtitle', 'The guides of your units: what needs you first at the top.')} />
      <Layouts.Content>
        {failed && <Typography textColor="danger600">{t('myGuides.error', 'Your guides could not be loaded.')}</Typography>}
        {data && (
          <Flex direction="column" alignItems="stretch" gap={6}>
            <Flex gap={2} wrap="wrap" data-linkage-counts>
              {data.counts ? (
                <>
                  <Badge backgroundColor={data.counts.overdue > 0 ? 'danger100' : 'neutral100'} textColor={data.counts.overdue > 0 ? 'danger700' : 'neutral700'}>
                    {t('myGuides.count.overdue', '{count} overdue', { count: data.counts.overdue })}
                  </Badge>
                  <Badge backgroundColor={data.counts.incomplete > 0 ? 'warning100' : 'neutral100'} textColor={data.counts.incomplete > 0 ? 'warning700' : 'neutral700'}>
                    {t('myGuides.count.incomplete', '{count} incomplete', { count: data.counts.incomplete })}
                  </Badge>
                  <Badge backgroundColor={data.missing.length > 0 ? 'danger100' : 'neutral100'} textColor={data.missing.length > 0 ? 'danger700' : 'neutral700'}>
                    {t('myGuides.count.missing', '{count} missing', { count: data.missing.length })}
                  </Badge>
                  <Badge>{t('myGuides.count.neverReviewed', '{count} never reviewed', { count: data.counts.neverReviewed })}</Badge>
                  <Badge>{t('myGuides.count.unpublished', '{count} with unpublished changes', { count: data.counts.unpublished })}</Badge>
                </>
              ) : (
                <Typography variant="pi" textColor="neutral600">
                  {t('myGuides.byCode', 'Too many guides to put in order of urgency here: they are listed by code. The ownership report shows who is late.')}
                </Typography>
              )}
            </Flex>
            {data.missing.length > 0 && (
              <Box background="danger100" padding={4} hasRadius borderColor="danger200" data-linkage-missing>
                <Typography variant="delta" tag="h2" textColor="danger700">
                  {t('myGuides.missing', 'Expected but missing: citizens routed here find no guide')}
                </Typography>
                <Flex direction="column" alignItems="stretch" gap={2} paddingTop={3}>
                  {data.missing.map((m) => {
                    const key = `${m.itemCode}/${m.stageKey}/${m.unitCode}`;
                    return (
                      <Flex key={key} justifyContent="space-between" gap={4} background="neutral0" padding={3} hasRadius>
                        <Typography fontWeight="bold">{[text(m.itemTitle, m.itemCode), text(m.stageName, m.stageKey), text(m.unitName, m.unitCode)].join(' · ')}</Typography>
                        <Button size="S" onClick={() => create(m)} loading={creating === key} disabled={creating !== null}>
                          {t('myGuides.create', 'Create')}
                        </Button>
                      </Flex>
                    );
                  })}
                </Flex>
              </Box>
            )}
            <Box>
              <Typography variant="delta" tag="h2">
                {t('myGuides.guides', 'Guides ({total})', { total: data.pagination.total })}
              </Typography>
              <Box paddingTop={3}>
                <Table colCount={4} rowCount={data.guides.length + 1}>
                  <Thead>
                    <Tr>
                      <Th>
                        <Typography variant="sigma">{t('myGuides.guide', 'Guide')}</Typography>
                      </Th>
                      <Th>
                        <Typography variant="sigma">{t('myGuides.statusHeader', 'Status')}</Typography>
                      </Th>
                      <Th>
                        <Typography variant="sigma">{t('myGuides.needs', 'Needs')}</Typography>
                      </Th>
                      <Th>
                        <Typography variant="sigma">{t('myGuides.due', 'Review due')}</Typography>
                      </Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {data.guides.length === 0 && (
                      <Tr>
                        <Td colSpan={4}>
                          <Typography>{t('myGuides.none', 'No guides: ask a city manager for a membership if you expected some.')}</Typography>
                        </Td>
                      </Tr>
                    )}
                    {data.guides.map((g) => {
                      const [itemCode, stageKey, unitCode] = g.key.split('/');
                      const need = attention(g);
                      return (
                        <Tr
                          key={g.documentId}
                          onClick={() => open(g.documentId)}
                          style={{ cursor: 'pointer' }}
                          background={ROW_BACKGROUND[need.kind]}
                          data-linkage-attention={need.kind}
                        >
                          <Td style={{ whiteSpace: 'normal', maxWidth: 520 }}>
                            <Typography fontWeight="bold" tag="div">{`${text(g.itemTitle, itemCode)} · ${text(g.stageName, stageKey)}`}</Typography>
                            <Typography variant="pi" textColor="neutral600">
                              {text(g.unitName, unitCode)}
                            </Typography>
                          </Td>
                          <Td>
                            <Badge>{t(`myGuides.status.${g.status}`, g.status)}</Badge>
                          </Td>
                          <Td style={{ whiteSpace: 'normal', maxWidth: 360 }}>
                            <Typography textColor={need.tone} fontWeight={need.kind === 'overdue' || need.kind === 'incomplete' ? 'bold' : undefined}>
                              {need.text}
                            </Typography>
                          </Td>
                          <Td>
                            <Typography textColor={g.overdueDays > 0 ? 'danger700' : 'neutral800'}>{g.dueOn ?? '—'}</Typography>
                          </Td>
                        </Tr>
                      );
                    })}
                  </Tbody>
                </Table>
              </Box>
              {data.pagination.pageCount > 1 && (
                <Flex gap={2} paddingTop={4}>
                  <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                    {t('myGuides.previous', 'Previous')}
                  </Button>
                  <Typography>{`${data.pagination.page} / ${data.pagination.pageCount}`}</Typography>
                  <Button variant="tertiary" disabled={page >= data.pagination.pageCount} onClick={() => setPage(page + 1)}>
                    {t('myGuides.next', 'Next')}
                  </Button>
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
