// Ownership report / 内容保障报告: per owner unit and department, the guides they own and who is
// late: overdue, missing and incomplete first and marked. A number opens its records right under
// its row, by name; downloads (CSV, JSON) are in the admin's language and named for what they hold
// and when. For auditors and city managers (plugin::linkage.reports.read).
import { Fragment, useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import {
  Box,
  Button,
  Checkbox,
  Combobox,
  ComboboxOption,
  Field,
  Flex,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Cross, Download } from '@strapi/icons';
import { Layouts, Page, getFetchClient, useFetchClient } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import { choiceName } from '../../../server/src/domain/field-names';
import { missingFieldNames } from '../../../server/src/domain/guide-assurance';
import { LEVELS } from '../../../server/src/domain/levels';
import { useUnits } from '../editor/data';
import { useAdminLanguage } from '../editor/language';
import { getTranslation } from '../pluginId';
import type { OwnerRow, OwnerTotals, OwnershipRecords, OwnershipSummary, RecordRow } from '../../../server/src/contracts/ownership-report';

const READ = [{ action: 'plugin::linkage.reports.read', subject: null }];
type Category = 'all' | 'incomplete' | 'neverReviewed' | 'overdue' | 'staleDrafts' | 'missing';

interface Filters {
  unit: string;
  subtree: boolean;
  level: string;
  domain: string;
  asOf: string;
}

const errorOf = (error: unknown): string | undefined => (error as { response?: { data?: { error?: { message?: string } } } })?.response?.data?.error?.message;

const queryOf = (filters: Filters, extra: Record<string, string> = {}): string => {
  const params = new URLSearchParams();
  if (filters.unit) params.set('unit', filters.unit);
  params.set('subtree', String(filters.subtree));
  if (filters.level) params.set('level', filters.level);
  if (filters.domain) params.set('domain', filters.domain);
  if (filters.asOf) params.set('asOf', filters.asOf);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
};

/** Who is late first: the most overdue, then missing, then incomplete guides. */
const byUrgency = (a: OwnerRow, b: OwnerRow) => b.overdue - a.overdue || b.missing - a.missing || b.incomplete - a.incomplete || b.overdueDaysMax - a.overdueDaysMax;
const rowTone = (o: OwnerRow): string | undefined => (o.overdue > 0 || o.missing > 0 ? 'danger100' : o.incomplete > 0 ? 'warning100' : undefined);

/** The file name the server gives a download (`filename*`, in the admin's language). */
const fileNameOf = (disposition: string | null, fallback: string): string => {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? fallback;
};

function ReportPage() {
  const { formatMessage, locale } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const language = useAdminLanguage();
  const { get } = useFetchClient();
  const units = useUnits(language === 'en' ? 'en' : 'zh-Hans');
  const [filters, setFilters] = useState<Filters>({ unit: '', subtree: true, level: '', domain: '', asOf: '' });
  const [owners, setOwners] = useState<readonly OwnerRow[] | null>(null);
  const [totals, setTotals] = useState<OwnerTotals | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drill, setDrill] = useState<{ owner: OwnerRow; category: Category; rows: readonly RecordRow[] } | null>(null);
  const drillRef = useRef<HTMLDivElement | null>(null);
  const nameOf = (names: Record<string, string> | undefined, fallback = '') => (names ? (names[locale] ?? names['zh-Hans'] ?? Object.values(names)[0]) : undefined) || fallback;
  const separator = language === 'en' ? ', ' : '、';

  const load = useCallback(
    async (f: Filters) => {
      setError(null);
      setDrill(null);
      try {
        const { data } = await get<{ data: OwnershipSummary }>(`/linkage/reports/ownership?${queryOf(f)}`);
        setOwners([...data.data.owners].sort(byUrgency));
        setTotals(data.data.totals);
      } catch (e) {
        setError(errorOf(e) ?? t('report.error', 'The report could not be loaded.'));
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [get]
  );

  useEffect(() => {
    void load(filters);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The records open under the row clicked: brought into view there.
  useEffect(() => {
    if (drill) drillRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [drill]);

  const open = async (owner: OwnerRow, category: Category) => {
    if (drill && drill.owner === owner && drill.category === category) return setDrill(null);
    try {
      const { data } = await get<{ data: OwnershipRecords }>(
        `/linkage/reports/ownership/records?${queryOf(filters, { owner: `${owner.unitCode}:${owner.departmentCode}`, category, limit: '500' })}`
      );
      setDrill({ owner, category, rows: data.data.rows });
    } catch (e) {
      setError(errorOf(e) ?? t('report.error', 'The report could not be loaded.'));
    }
  };

  const download = async (format: 'csv' | 'json', path = '/linkage/reports/ownership', extra: Record<string, string> = {}) => {
    const { get: raw } = getFetchClient();
    const response = (await raw(`${path}?${queryOf(filters, { format, language, ...(format === 'json' ? { download: '1' } : {}), ...extra })}`, {
      responseType: 'blob',
    } as never)) as {
      data: unknown;
      headers?: Headers;
    };
    const blob = response.data instanceof Blob ? response.data : new Blob([format === 'json' ? JSON.stringify(response.data, null, 2) : String(response.data)]);
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = fileNameOf(response.headers?.get('content-disposition') ?? null, `ownership-report.${format}`);
    a.click();
    URL.revokeObjectURL(url);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void load(filters);
  };

  const cell = (owner: OwnerRow, category: Category, value: number, tone?: string) =>
    value > 0 ? (
      <Button variant="ghost" size="S" onClick={() => void open(owner, category)} aria-expanded={drill?.owner === owner && drill.category === category}>
        <Typography textColor={tone} fontWeight={tone ? 'bold' : undefined}>
          {value}
        </Typography>
      </Button>
    ) : (
      <Typography textColor="neutral500">0</Typography>
    );

  const categoryName = (category: Category) => t(`report.category.${category}`, category);

  return (
    <Page.Main>
      <Page.Title>{t('report.title', 'Ownership report')}</Page.Title>
      <Layouts.Header
        title={t('report.title', 'Ownership report')}
        subtitle={t('report.subtitle', 'Who owns which guides, and who is late: per owner unit and department.')}
        primaryAction={
          <Flex gap={2}>
            <Button startIcon={<Download />} variant="secondary" onClick={() => void download('csv')}>
              {t('report.csv', 'Download CSV')}
            </Button>
            <Button startIcon={<Download />} variant="secondary" onClick={() => void download('json')}>
              {t('report.json', 'Download JSON')}
            </Button>
          </Flex>
        }
      />
      <Layouts.Content>
        <form onSubmit={submit}>
          <Box background="neutral0" padding={4} marginBottom={4} hasRadius>
            <Flex gap={4} alignItems="flex-end" wrap="wrap">
              <Field.Root name="unit">
                <Field.Label>{t('report.unit', 'Unit')}</Field.Label>
                <Combobox
                  value={filters.unit}
                  placeholder={t('report.city', 'The whole city')}
                  onChange={(v: string | undefined) => setFilters({ ...filters, unit: v ? String(v) : '' })}
                  onClear={() => setFilters({ ...filters, unit: '' })}
                >
                  {(units.state === 'ready' ? units.data : []).map((u) => (
                    <ComboboxOption key={u.code} value={u.code}>
                      {u.name}
                    </ComboboxOption>
                  ))}
                </Combobox>
              </Field.Root>
              <Checkbox checked={filters.subtree} onCheckedChange={(v: boolean) => setFilters({ ...filters, subtree: Boolean(v) })}>
                {t('report.subtree', 'And every unit below')}
              </Checkbox>
              <Field.Root name="level">
                <Field.Label>{t('report.level', 'Level')}</Field.Label>
                {/* The design system's select shows an empty value as its placeholder too: "any" stands for it. */}
                <SingleSelect value={filters.level || 'any'} onChange={(v: string | number) => setFilters({ ...filters, level: v === 'any' ? '' : String(v) })}>
                  <SingleSelectOption value="any">{t('report.any', 'Any')}</SingleSelectOption>
                  {LEVELS.map((level) => (
                    <SingleSelectOption key={level} value={level}>
                      {choiceName('level', level, language)}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
              <Field.Root name="domain">
                <Field.Label>{t('report.domain', 'Domain')}</Field.Label>
                <TextInput
                  value={filters.domain}
                  onChange={(e: { target: { value: string } }) => setFilters({ ...filters, domain: e.target.value })}
                  placeholder="social-security"
                />
              </Field.Root>
              <Field.Root name="asOf">
                <Field.Label>{t('report.asOf', 'As of')}</Field.Label>
                <TextInput type="date" value={filters.asOf} onChange={(e: { target: { value: string } }) => setFilters({ ...filters, asOf: e.target.value })} />
              </Field.Root>
              <Button type="submit">{t('report.run', 'Show')}</Button>
            </Flex>
          </Box>
        </form>
        {error && (
          <Box padding={4} background="danger100" marginBottom={4} hasRadius>
            <Typography textColor="danger700">{error}</Typography>
          </Box>
        )}
        {totals && (
          <Box marginBottom={4}>
            <Typography>
              {t(
                'report.totals',
                '{owners} owners ({noEditor} without an editor), {guides} guides: {overdue} overdue (at most {max} days), {missing} missing, {incomplete} incomplete',
                {
                  owners: totals.owners,
                  noEditor: totals.ownersWithoutEditor,
                  guides: totals.guides,
                  incomplete: totals.incomplete,
                  overdue: totals.overdue,
                  max: totals.overdueDaysMax,
                  missing: totals.missing,
                }
              )}
            </Typography>
          </Box>
        )}
        {owners && (
          <Table colCount={8} rowCount={owners.length + 1}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">{t('report.owner', 'Owner')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('report.guides', 'Guides')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{categoryName('overdue')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{categoryName('missing')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{categoryName('incomplete')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{categoryName('neverReviewed')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{categoryName('staleDrafts')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('report.editor', 'Editor')}</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {owners.map((o) => {
                const key = `${o.unitCode}:${o.departmentCode}`;
                const open = drill?.owner === o ? drill : null;
                return (
                  <Fragment key={key}>
                    <Tr background={rowTone(o)} data-linkage-owner={key}>
                      <Td style={{ whiteSpace: 'normal', maxWidth: 360 }}>
                        <Typography fontWeight="bold" tag="div">
                          {nameOf(o.unitName, o.unitCode)}
                        </Typography>
                        <Typography variant="pi" textColor="neutral600">
                          {nameOf(o.departmentName, o.departmentCode)}
                          {o.responsibleByRule ? t('report.byRule', ' (responsible by a rule)') : ''}
                        </Typography>
                      </Td>
                      <Td>{cell(o, 'all', o.guides)}</Td>
                      <Td>
                        {cell(o, 'overdue', o.overdue, 'danger700')}
                        {o.overdue > 0 && (
                          <Typography variant="pi" textColor="danger700" tag="div">
                            {t('report.days', 'up to {max} days', { max: o.overdueDaysMax })}
                          </Typography>
                        )}
                      </Td>
                      <Td>{cell(o, 'missing', o.missing, 'danger700')}</Td>
                      <Td>{cell(o, 'incomplete', o.incomplete, 'warning700')}</Td>
                      <Td>{cell(o, 'neverReviewed', o.neverReviewed)}</Td>
                      <Td>{cell(o, 'staleDrafts', o.staleDrafts)}</Td>
                      <Td>
                        <Typography textColor={o.hasEditor ? 'neutral800' : 'danger700'}>
                          {o.hasEditor ? t('report.yes', 'Yes') : t('report.noEditor', 'None assigned')}
                        </Typography>
                      </Td>
                    </Tr>
                    {open && (
                      <Tr>
                        <Td colSpan={8} style={{ whiteSpace: 'normal' }}>
                          <Box ref={drillRef} padding={4} background="neutral100" hasRadius data-linkage-records={open.category}>
                            <Flex justifyContent="space-between" marginBottom={2} gap={2}>
                              <Typography
                                variant="delta"
                                tag="h2"
                              >{`${nameOf(o.departmentName, o.departmentCode)} · ${categoryName(open.category)} (${open.rows.length})`}</Typography>
                              <Flex gap={2}>
                                <Button
                                  variant="tertiary"
                                  startIcon={<Download />}
                                  onClick={() =>
                                    void download('csv', '/linkage/reports/ownership/records', { owner: `${o.unitCode}:${o.departmentCode}`, category: open.category })
                                  }
                                >
                                  {t('report.csv', 'Download CSV')}
                                </Button>
                                <Button variant="ghost" startIcon={<Cross />} onClick={() => setDrill(null)}>
                                  {t('report.close', 'Close')}
                                </Button>
                              </Flex>
                            </Flex>
                            <Table colCount={5} rowCount={open.rows.length + 1}>
                              <Thead>
                                <Tr>
                                  <Th>
                                    <Typography variant="sigma">{t('report.record', 'Guide')}</Typography>
                                  </Th>
                                  <Th>
                                    <Typography variant="sigma">{t('report.status', 'Status')}</Typography>
                                  </Th>
                                  <Th>
                                    <Typography variant="sigma">{t('report.missingFields', 'Missing')}</Typography>
                                  </Th>
                                  <Th>
                                    <Typography variant="sigma">{t('report.lastReviewed', 'Last reviewed')}</Typography>
                                  </Th>
                                  <Th>
                                    <Typography variant="sigma">{t('report.dueOn', 'Review due')}</Typography>
                                  </Th>
                                </Tr>
                              </Thead>
                              <Tbody>
                                {open.rows.map((r) => {
                                  const title = [nameOf(r.names.item, r.itemCode), nameOf(r.names.stage, r.stageKey), nameOf(r.names.unit, r.unitCode)].join(' · ');
                                  return (
                                    <Tr key={r.documentId ?? `${r.itemCode}/${r.stageKey}/${r.unitCode}`}>
                                      <Td style={{ whiteSpace: 'normal', maxWidth: 420 }}>
                                        {r.documentId ? (
                                          <NavLink to={`/content-manager/collection-types/plugin::linkage.guide/${r.documentId}?plugins[i18n][locale]=zh-Hans`}>{title}</NavLink>
                                        ) : (
                                          <Typography>{title}</Typography>
                                        )}
                                      </Td>
                                      <Td>
                                        <Typography>{t(`report.status.${r.status}`, r.status)}</Typography>
                                      </Td>
                                      <Td style={{ whiteSpace: 'normal', maxWidth: 260 }}>
                                        <Typography textColor={r.missingFields.length > 0 ? 'warning700' : undefined}>
                                          {missingFieldNames(r.missingFields, language).join(separator) || '—'}
                                        </Typography>
                                      </Td>
                                      <Td>
                                        <Typography>{r.lastReviewedOn ?? t('report.never', 'Never')}</Typography>
                                      </Td>
                                      <Td>
                                        <Typography textColor={r.overdueDays > 0 ? 'danger700' : undefined} fontWeight={r.overdueDays > 0 ? 'bold' : undefined}>
                                          {r.dueOn ?? '—'}
                                          {r.overdueDays > 0 ? t('report.overdueBy', ' ({days} days overdue)', { days: r.overdueDays }) : ''}
                                        </Typography>
                                      </Td>
                                    </Tr>
                                  );
                                })}
                              </Tbody>
                            </Table>
                          </Box>
                        </Td>
                      </Tr>
                    )}
                  </Fragment>
                );
              })}
            </Tbody>
          </Table>
        )}
      </Layouts.Content>
    </Page.Main>
  );
}

const ProtectedReportPage = () => (
  <Page.Protect permissions={READ}>
    <ReportPage />
  </Page.Protect>
);

export default ProtectedReportPage;
