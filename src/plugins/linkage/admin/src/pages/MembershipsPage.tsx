// Settings → Linkage → Memberships: which admin user belongs to which unit, and with what scope.
// Super admins and city managers add and remove memberships; auditors read them.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { Box, Button, Field, Flex, IconButton, SingleSelect, SingleSelectOption, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { getTranslation } from '../pluginId';
import type { Membership } from '../../../server/src/contracts/memberships';

interface ApiErrorBody {
  error?: { message?: string; details?: { errors?: Array<{ path: string[]; message: string }> } };
}

const READ = [{ action: 'plugin::linkage.memberships.read', subject: null }];
const MANAGE = [{ action: 'plugin::linkage.memberships.manage', subject: null }];

const errorOf = (error: unknown): ApiErrorBody['error'] => (error as { response?: { data?: ApiErrorBody } })?.response?.data?.error;

function MembershipsPage() {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { get, post, del } = useFetchClient();
  const { toggleNotification } = useNotification();
  const {
    allowedActions: { canManage },
  } = useRBAC({ manage: MANAGE });

  const [memberships, setMemberships] = useState<Membership[] | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [email, setEmail] = useState('');
  const [unitCode, setUnitCode] = useState('');
  const [scope, setScope] = useState<'unit' | 'subtree'>('unit');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  const load = useCallback(async () => {
    try {
      const { data } = await get<{ data: Membership[] }>('/linkage/memberships');
      setMemberships(data.data);
    } catch {
      setLoadFailed(true);
    }
  }, [get]);

  useEffect(() => {
    void load();
  }, [load]);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setFieldErrors({});
    try {
      await post('/linkage/memberships', { email, unitCode, scope });
      toggleNotification({ type: 'success', message: t('memberships.added', 'Membership added') });
      setEmail('');
      setUnitCode('');
      setScope('unit');
      await load();
    } catch (error) {
      const details = errorOf(error)?.details?.errors ?? [];
      setFieldErrors(Object.fromEntries(details.map((d) => [d.path[0], d.message])));
      toggleNotification({ type: 'danger', message: errorOf(error)?.message ?? t('memberships.failed', 'The membership could not be added') });
    } finally {
      setSaving(false);
    }
  };

  const remove = async (membership: Membership) => {
    try {
      await del(`/linkage/memberships/${membership.documentId}`);
      toggleNotification({ type: 'success', message: t('memberships.removed', 'Membership removed') });
      await load();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorOf(error)?.message ?? t('memberships.removeFailed', 'The membership could not be removed') });
    }
  };

  if (loadFailed) return <Page.Error />;
  if (!memberships) return <Page.Loading />;

  return (
    <Page.Main>
      <Page.Title>{t('memberships.title', 'Memberships')}</Page.Title>
      <Layouts.Header
        title={t('memberships.title', 'Memberships')}
        subtitle={t('memberships.subtitle', 'A membership gives an admin user the scope they edit guides in: one unit, or the unit and every unit below it.')}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {canManage && (
            <Box tag="form" onSubmit={add} background="neutral0" padding={6} shadow="filterShadow" hasRadius>
              <Flex gap={4} alignItems="flex-end" wrap="wrap">
                <Field.Root name="email" error={fieldErrors.email} required>
                  <Field.Label>{t('memberships.email', 'Admin user email')}</Field.Label>
                  <TextInput type="email" value={email} onChange={(e: { target: { value: string } }) => setEmail(e.target.value)} />
                  <Field.Error />
                </Field.Root>
                <Field.Root name="unitCode" error={fieldErrors.unitCode} required>
                  <Field.Label>{t('memberships.unitCode', 'Unit code')}</Field.Label>
                  <TextInput value={unitCode} placeholder="370202000000" onChange={(e: { target: { value: string } }) => setUnitCode(e.target.value)} />
                  <Field.Error />
                </Field.Root>
                <Field.Root name="scope" error={fieldErrors.scope}>
                  <Field.Label>{t('memberships.scope', 'Scope')}</Field.Label>
                  <SingleSelect value={scope} onChange={(value: string | number) => setScope(value === 'subtree' ? 'subtree' : 'unit')}>
                    <SingleSelectOption value="unit">{t('memberships.scope.unit', 'This unit only')}</SingleSelectOption>
                    <SingleSelectOption value="subtree">{t('memberships.scope.subtree', 'This unit and every unit below')}</SingleSelectOption>
                  </SingleSelect>
                  <Field.Error />
                </Field.Root>
                <Button type="submit" startIcon={<Plus />} loading={saving}>
                  {t('memberships.add', 'Add membership')}
                </Button>
              </Flex>
            </Box>
          )}
          <Table colCount={5} rowCount={memberships.length + 1}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">{t('memberships.email', 'Admin user email')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('memberships.unitCode', 'Unit code')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('memberships.unit', 'Unit')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('memberships.scope', 'Scope')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('memberships.actions', 'Actions')}</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {memberships.length === 0 && (
                <Tr>
                  <Td colSpan={5}>
                    <Typography>{t('memberships.none', 'No memberships yet: editors without one can edit nothing.')}</Typography>
                  </Td>
                </Tr>
              )}
              {memberships.map((m) => (
                <Tr key={m.documentId}>
                  <Td>
                    <Typography>{m.email ?? '—'}</Typography>
                  </Td>
                  <Td>
                    <Typography>{m.unitCode}</Typography>
                  </Td>
                  <Td>
                    <Typography>{m.unitName ?? '—'}</Typography>
                  </Td>
                  <Td>
                    <Typography>
                      {m.scope === 'subtree' ? t('memberships.scope.subtree', 'This unit and every unit below') : t('memberships.scope.unit', 'This unit only')}
                    </Typography>
                  </Td>
                  <Td>
                    {canManage && (
                      <IconButton label={t('memberships.remove', 'Remove membership')} onClick={() => remove(m)} variant="ghost">
                        <Trash />
                      </IconButton>
                    )}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}

const ProtectedMembershipsPage = () => (
  <Page.Protect permissions={READ}>
    <MembershipsPage />
  </Page.Protect>
);

export default ProtectedMembershipsPage;
