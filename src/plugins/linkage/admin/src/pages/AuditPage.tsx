// Settings → Linkage → Audit trail: every write to a linkage record, newest first, filtered by unit,
// record, admin and date; and a check of the hash chain. Read-only: the trail is append-only.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { Box, Button, Field, Flex, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { fieldLabel, typeName } from '../../../server/src/domain/field-names';
import { useUnits } from '../editor/data';
import { useAdminLanguage } from '../editor/language';
import { getTranslation } from '../pluginId';
import type { AuditEntry, AuditField, AuditPagination, AuditVerifyReport } from '../../../server/src/contracts/audit';

type Pagination = AuditPagination;
type VerifyReport = AuditVerifyReport;

interface Filters {
  unit: string;
  subject: string;
  user: string;
  since: string;
}

interface ApiErrorBody {
  error?: { message?: string };
}

const READ = [{ action: 'plugin::linkage.audit.read', subject: null }];
const EMPTY: Filters = { unit: '', subject: '', user: '', since: '' };
const PAGE_SIZE = 25;

const errorOf = (error: unknown): string | undefined => (error as { response?: { data?: ApiErrorBody } })?.response?.data?.error?.message;
const statusOf = (error: unknown): number | undefined => (error as { response?: { status?: number } })?.response?.status;

function AuditPage() {
  const { formatMessage, formatDate } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const language = useAdminLanguage();
  const units = useUnits(language === 'en' ? 'en' : 'zh-Hans');
  const unitName = (code: string) => (units.state === 'ready' ? units.data.find((u) => u.code === code)?.name : undefined) ?? code;
  const fieldText = (uid: string) => (f: AuditField) => {
    const name = (field: string) => fieldLabel(uid, field)[language];
    return typeof f === 'string' ? name(f) : `${name(f.field)}: ${f.from ?? '—'} → ${f.to ?? '—'}`;
  };

  const [form, setForm] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [page, setPage] = useState(1);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [pagination, setPagination] = useState<Pagination | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [report, setReport] = useState<VerifyReport | null>(null);
  const [verifying, setVerifying] = useState(false);

  const load = useCallback(async () => {
    const params = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
    for (const [key, value] of Object.entries(filters)) if (value.trim() !== '') params.set(key, value.trim());
    try {
      const { data } = await get<{ data: AuditEntry[]; meta: { pagination: Pagination } }>(`/linkage/audit?${params.toString()}`);
      setEntries(data.data);
      setPagination(data.meta.pagination);
    } catch (error) {
      // A bad filter is a 400 that says which: show it and keep the page.
      if (statusOf(error) === 400)
        toggleNotification({ type: 'danger', message: errorOf(error) ?? formatMessage({ id: getTranslation('audit.badFilter'), defaultMessage: 'Check the filters' }) });
      else setLoadFailed(true);
    }
  }, [get, filters, page, formatMessage, toggleNotification]);

  useEffect(() => {
    void load();
  }, [load]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    setPage(1);
    setFilters(form);
  };

  const verify = async () => {
    setVerifying(true);
    try {
      const { data } = await get<VerifyReport>('/linkage/audit/verify');
      setReport(data);
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorOf(error) ?? t('audit.verifyFailed', 'The chain could not be checked') });
    } finally {
      setVerifying(false);
    }
  };

  if (loadFailed) return <Page.Error />;
  if (!entries || !pagination) return <Page.Loading />;

  const input = (name: keyof Filters, label: string, placeholder: string) => (
    <Field.Root name={name}>
      <Field.Label>{label}</Field.Label>
      <TextInput value={form[name]} placeholder={placeholder} onChange={(e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value })} />
    </Field.Root>
  );

  return (
    <Page.Main>
      <Page.Title>{t('audit.title', 'Audit trail')}</Page.Title>
      <Layouts.Header
        title={t('audit.title', 'Audit trail')}
        subtitle={t('audit.subtitle', 'Every write to a linkage record: when, by whom, for which unit, which record and which fields. Entries are hash-chained and never edited.')}
        primaryAction={
          <Button variant="secondary" onClick={verify} loading={verifying}>
            {t('audit.verify', 'Verify the chain')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {report && (
            <Box background={report.ok ? 'success100' : 'danger100'} padding={4} hasRadius>
              <Typography>
                {report.ok
                  ? t('audit.intact', 'The chain is intact: {count} entries checked.', { count: report.entries })
                  : t('audit.broken', 'The chain is broken at entry {seq}: {message}', { seq: report.firstBroken?.seq ?? 0, message: report.firstBroken?.message ?? '' })}
              </Typography>
            </Box>
          )}
          <Box tag="form" onSubmit={search} background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <Flex gap={4} alignItems="flex-end" wrap="wrap">
              {input('unit', t('audit.unit', 'Unit code'), '370202000000')}
              {input('subject', t('audit.subject', 'Record (key or documentId)'), 'QD-SI-001')}
              {input('user', t('audit.user', 'Admin (email or id, or "system")'), 'editor@example.gov')}
              {input('since', t('audit.since', 'Since'), '2026-01-01')}
              <Button type="submit">{t('audit.search', 'Filter')}</Button>
            </Flex>
          </Box>
          <Table colCount={7} rowCount={entries.length + 1}>
            <Thead>
              <Tr>
                {[
                  t('audit.seq', '#'),
                  t('audit.at', 'When'),
                  t('audit.who', 'Who'),
                  t('audit.unit', 'Unit code'),
                  t('audit.action', 'Action'),
                  t('audit.record', 'Record'),
                  t('audit.fields', 'Fields'),
                ].map((label) => (
                  <Th key={label}>
                    <Typography variant="sigma">{label}</Typography>
                  </Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {entries.length === 0 && (
                <Tr>
                  <Td colSpan={7}>
                    <Typography>{t('audit.none', 'No entries match.')}</Typography>
                  </Td>
                </Tr>
              )}
              {entries.map((e) => (
                <Tr key={e.seq}>
                  <Td>
                    <Typography>{e.seq}</Typography>
                  </Td>
                  <Td>
                    <Typography>{formatDate(e.at, { dateStyle: 'short', timeStyle: 'medium' })}</Typography>
                  </Td>
                  <Td>
                    <Typography>{e.userEmail ?? (e.userId === null ? t('audit.system', 'system') : `#${e.userId}`)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{e.unitCode ? unitName(e.unitCode) : '—'}</Typography>
                  </Td>
                  <Td>
                    <Typography>{t(`audit.action.${e.action}`, e.action)}</Typography>
                  </Td>
                  <Td>
                    <Typography>
                      {typeName(e.subjectUid, language)} {e.subjectKey ?? e.subjectDocumentId ?? ''}
                      {e.subjectLocale ? ` (${e.subjectLocale})` : ''}
                    </Typography>
                  </Td>
                  <Td>
                    <Typography>{e.fields.map(fieldText(e.subjectUid)).join(language === 'en' ? ', ' : '、') || '—'}</Typography>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
          <Flex gap={4} justifyContent="space-between">
            <Typography>
              {t('audit.page', 'Page {page} of {pageCount} ({total} entries)', { page: pagination.page, pageCount: Math.max(pagination.pageCount, 1), total: pagination.total })}
            </Typography>
            <Flex gap={2}>
              <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                {t('audit.newer', 'Newer')}
              </Button>
              <Button variant="tertiary" disabled={page >= pagination.pageCount} onClick={() => setPage(page + 1)}>
                {t('audit.older', 'Older')}
              </Button>
            </Flex>
          </Flex>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}

const ProtectedAuditPage = () => (
  <Page.Protect permissions={READ}>
    <AuditPage />
  </Page.Protect>
);

export default ProtectedAuditPage;
