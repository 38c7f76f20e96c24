// Ownership report / 内容保障报告: per owner unit and department, the guides they own, how many are
// complete, incomplete, never reviewed, overdue, stale drafts and missing; click a number to see the
// records; download CSV or JSON. For auditors and city managers (plugin::linkage.reports.read).
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { Box, Button, Checkbox, Field, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { Layouts, Page, useFetchClient, getFetchClient } from '@strapi/strapi/admin';
import { getTranslation } from '../pluginId';

const READ = [{ action: 'plugin::linkage.reports.read', subject: null }];
const CATEGORIES = ['incomplete', 'neverReviewed', 'overdue', 'staleDrafts', 'missing'] as const;
type Category = (typeof CATEGORIES)[number] | 'all';

interface OwnerRow {
  unitCode: string;
  unitName: Record<string, string>;
  departmentCode: string;
  departmentName: Record<string, string>;
  responsibleByRule: string | null;
  hasEditor: boolean;
  guides: number;
  complete: number;
  incomplete: number;
  neverReviewed: number;
  overdue: number;
  overdueDaysMax: number;
  overdueDaysTotal: number;
  staleDrafts: number;
  missing: number;
}

interface RecordRow {
  documentId: string | null;
  itemCode: string;
  stageKey: string;
  unitCode: string;
  departmentCode: string;
  status: string;
  missingFields: string[];
  lastReviewedOn: string | null;
  dueOn: string | null;
  overdueDays: number;
}

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

function ReportPage() {
  const { formatMessage, locale } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { get } = useFetchClient();
  const [filters, setFilters] = useState<Filters>({ unit: '', subtree: true, level: '', domain: '', asOf: '' });
  const [owners, setOwners] = useState<OwnerRow[] | null>(null);
  const [totals, setTotals] = useState<Record<string, number> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drill, setDrill] = useState<{ owner: OwnerRow; category: Category; rows: RecordRow[] } | null>(null);
  const [units, setUnits] = useState<Array<{ code: string; name: string }>>([]);
  const nameOf = (names: Record<string, string>) => names[locale] ?? names['zh-Hans'] ?? Object.values(names)[0] ?? '';

  const load = useCallback(
    async (f: Filters) => {
      setError(null);
      setDrill(null);
      try {
        const { data } = await get<{ data: { owners: OwnerRow[]; totals: Record<string, number> } }>(`/linkage/reports/ownership?${queryOf(f)}`);
        setOwners(data.data.owners);
        setTotals(data.data.totals);
      } catch (e) {
        setError(errorOf(e) ?? t('report.error', 'The report could not be loaded.'));
      }
    },
    [get]
  );

  useEffect(() => {
    void load(filters);
    // The unit picker lists the public unit tree (codes and names).
    void fetch('/api/linkage/units')
      .then((r) => r.json())
      .then((body: unknown) => {
        const list: Array<{ code: string; name: string }> = [];
        const walk = (node: unknown) => {
          if (Array.isArray(node)) return node.forEach(walk);
          if (node && typeof node === 'object') {
            const n = node as { code?: string; name?: unknown; children?: unknown; data?: unknown };
            if (typeof n.code === 'string') list.push({ code: n.code, name: typeof n.name === 'string' ? n.name : nameOf((n.name as Record<string, string>) ?? {}) });
            if (n.children) walk(n.children);
            if (n.data) walk(n.data);
          }
        };
        walk(body);
        setUnits(list);
      })
      .catch(() => setUnits([]));
  }, []);

  const open = async (owner: OwnerRow, category: Category) => {
    try {
      const { data } = await get<{ data: { rows: RecordRow[] } }>(`/linkage/reports/ownership/records?${queryOf(filters, { owner: `${owner.unitCode}:${owner.departmentCode}`, category, limit: '500' })}`);
      setDrill({ owner, category, rows: data.data.rows });
    } catch (e) {
      setError(errorOf(e) ?? t('report.error', 'The report could not be loaded.'));
    }
  };

  const download = async (format: 'csv' | 'json', path = '/linkage/reports/ownership', extra: Record<string, string> = {}) => {
    const { get: raw } = getFetchClient();
    const response = await raw(`${path}?${queryOf(filters, { format, ...(format === 'json' ? { download: '1' } : {}), ...extra })}`, { responseType: 'blob' } as never);
    const blob = response.data instanceof Blob ? response.data : new Blob([format === 'json' ? JSON.stringify(response.data, null, 2) : String(response.data)]);
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `ownership-report.${format}`;
    a.click();
    URL.revokeObjectURL(url);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void load(filters);
  };

  const cell = (owner: OwnerRow, category: Category, value: number) =>
    value > 0 && category !== 'all' ? (
      <Button variant="ghost" size="S" onClick={() => void open(owner, category)}>
        {value}
      </Button>
    ) : (
      <Typography>{value}</Typography>
    );

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
              {units.length > 0 ? (
                <SingleSelect value={filters.unit} onChange={(v: string | number) => setFilters({ ...filters, unit: String(v) })} placeholder={t('report.city', 'The whole city')}>
                  {units.map((u) => (
                    <SingleSelectOption key={u.code} value={u.code}>{`${u.name} ${u.code}`}</SingleSelectOption>
                  ))}
                </SingleSelect>
              ) : (
                <TextInput value={filters.unit} onChange={(e: { target: { value: string } }) => setFilters({ ...filters, unit: e.target.value })} placeholder="370200000000" />
              )}
            </Field.Root>
            <Checkbox checked={filters.subtree} onCheckedChange={(v: boolean) => setFilters({ ...filters, subtree: Boolean(v) })}>
              {t('report.subtree', 'And every unit below')}
            </Checkbox>
            <Field.Root name="level">
              <Field.Label>{t('report.level', 'Level')}</Field.Label>
              {/* The design system's select shows an empty value as its placeholder too: "any" stands for it. */}
              <SingleSelect value={filters.level || 'any'} onChange={(v: string | number) => setFilters({ ...filters, level: v === 'any' ? '' : String(v) })}>
                <SingleSelectOption value="any">{t('report.any', 'Any')}</SingleSelectOption>
                {['city', 'district', 'street', 'community'].map((level) => (
                  <SingleSelectOption key={level} value={level}>{t(`report.level.${level}`, level)}</SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
            <Field.Root name="domain">
              <Field.Label>{t('report.domain', 'Domain')}</Field.Label>
              <TextInput value={filters.domain} onChange={(e: { target: { value: string } }) => setFilters({ ...filters, domain: e.target.value })} placeholder="social-security" />
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
              {t('report.totals', '{owners} owners ({noEditor} without an editor), {guides} guides: {incomplete} incomplete, {overdue} overdue (at most {max} days), {missing} missing', {
                owners: totals.owners,
                noEditor: totals.ownersWithoutEditor,
                guides: totals.guides,
                incomplete: totals.incomplete,
                overdue: totals.overdue,
                max: totals.overdueDaysMax,
                missing: totals.missing,
              })}
            </Typography>
          </Box>
        )}
        {owners && (
          <Table colCount={10} rowCount={owners.length + 1}>
            <Thead>
              <Tr>
                <Th><Typography variant="sigma">{t('report.owner', 'Owner')}</Typography></Th>
                <Th><Typography variant="sigma">{t('report.guides', 'Guides')}</Typography></Th>
                <Th><Typography variant="sigma">{t('report.complete', 'Complete')}</Typography></Th>
                {CATEGORIES.map((c) => (
                  <Th key={c}><Typography variant="sigma">{t(`report.category.${c}`, c)}</Typography></Th>
                ))}
                <Th><Typography variant="sigma">{t('report.editor', 'Editor')}</Typography></Th>
              </Tr>
            </Thead>
            <Tbody>
              {owners.map((o) => (
                <Tr key={`${o.unitCode}:${o.departmentCode}`}>
                  <Td>
                    <Typography>{`${nameOf(o.unitName)} · ${nameOf(o.departmentName) || o.departmentCode}`}</Typography>
                    {o.responsibleByRule && <Typography variant="pi">{t('report.byRule', ' (responsible by rule {rule})', { rule: o.responsibleByRule })}</Typography>}
                  </Td>
                  <Td>{cell(o, 'all', o.guides)}</Td>
                  <Td><Typography>{o.complete}</Typography></Td>
                  <Td>{cell(o, 'incomplete', o.incomplete)}</Td>
                  <Td>{cell(o, 'neverReviewed', o.neverReviewed)}</Td>
                  <Td>
                    {cell(o, 'overdue', o.overdue)}
                    {o.overdue > 0 && <Typography variant="pi">{t('report.days', ' max {max} d, total {total} d', { max: o.overdueDaysMax, total: o.overdueDaysTotal })}</Typography>}
                  </Td>
                  <Td>{cell(o, 'staleDrafts', o.staleDrafts)}</Td>
                  <Td>{cell(o, 'missing', o.missing)}</Td>
                  <Td><Typography textColor={o.hasEditor ? 'neutral800' : 'danger600'}>{o.hasEditor ? t('report.yes', 'Yes') : t('report.noEditor', 'None assigned')}</Typography></Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
        {drill && (
          <Box marginTop={6}>
            <Flex justifyContent="space-between" marginBottom={2}>
              <Typography variant="delta">{`${nameOf(drill.owner.unitName)} · ${drill.owner.departmentCode} — ${t(`report.category.${drill.category}`, drill.category)}`}</Typography>
              <Button
                variant="tertiary"
                startIcon={<Download />}
                onClick={() => void download('csv', '/linkage/reports/ownership/records', { owner: `${drill.owner.unitCode}:${drill.owner.departmentCode}`, category: drill.category })}
              >
                {t('report.csv', 'Download CSV')}
              </Button>
            </Flex>
            <Table colCount={6} rowCount={drill.rows.length + 1}>
              <Thead>
                <Tr>
                  <Th><Typography variant="sigma">{t('report.record', 'Item / stage / unit')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('report.status', 'Status')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('report.missingFields', 'Missing fields')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('report.lastReviewed', 'Last reviewed')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('report.dueOn', 'Due')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('report.overdueDays', 'Days overdue')}</Typography></Th>
                </Tr>
              </Thead>
              <Tbody>
                {drill.rows.map((r) => (
                  <Tr key={r.documentId ?? `${r.itemCode}/${r.stageKey}/${r.unitCode}`}>
                    <Td>
                      {r.documentId ? (
                        <a href={`/admin/content-manager/collection-types/plugin::linkage.guide/${r.documentId}`}>{`${r.itemCode} / ${r.stageKey} / ${r.unitCode}`}</a>
                      ) : (
                        <Typography>{`${r.itemCode} / ${r.stageKey} / ${r.unitCode}`}</Typography>
                      )}
                    </Td>
                    <Td><Typography>{t(`report.status.${r.status}`, r.status)}</Typography></Td>
                    <Td><Typography>{r.missingFields.join(', ')}</Typography></Td>
                    <Td><Typography>{r.lastReviewedOn ?? t('report.never', 'Never')}</Typography></Td>
                    <Td><Typography>{r.dueOn ?? ''}</Typography></Td>
                    <Td><Typography>{r.overdueDays || ''}</Typography></Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </Box>
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
