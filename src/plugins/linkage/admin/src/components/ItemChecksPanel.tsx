// Side panel on a linked item's edit page: what would stop its draft from being published.
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Box, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { getTranslation } from '../pluginId';

const ITEM_UID = 'plugin::linkage.item';

interface CheckProblem {
  path: string;
  message: string;
}

interface ChecksResponse {
  publishable: boolean;
  problems: CheckProblem[];
  warnings: CheckProblem[];
}

type State = { kind: 'loading' } | { kind: 'error' } | { kind: 'done'; result: ChecksResponse };

function ItemChecks({ documentId, locale, version }: { documentId: string; locale: string; version: string }) {
  const { formatMessage } = useIntl();
  const { get } = useFetchClient();
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    let cancelled = false;
    setState({ kind: 'loading' });
    get<ChecksResponse>(`/linkage/items/${documentId}/checks`, { params: { locale } })
      .then(({ data }) => !cancelled && setState({ kind: 'done', result: data }))
      .catch(() => !cancelled && setState({ kind: 'error' }));
    return () => {
      cancelled = true;
    };
  }, [documentId, locale, version, get]);

  if (state.kind === 'loading') {
    return <Typography variant="pi">{formatMessage({ id: getTranslation('checks.loading'), defaultMessage: 'Checking this item…' })}</Typography>;
  }
  if (state.kind === 'error') {
    return (
      <Typography variant="pi" textColor="danger600">
        {formatMessage({ id: getTranslation('checks.error'), defaultMessage: 'The checks could not be loaded.' })}
      </Typography>
    );
  }
  const { result } = state;
  const warnings = result.warnings.length > 0 && (
    <Box tag="ul" paddingLeft={4}>
      {result.warnings.map((warning) => (
        <li key={`${warning.path}|${warning.message}`}>
          <Typography variant="pi" textColor="neutral600">
            {warning.path} {warning.message}
          </Typography>
        </li>
      ))}
    </Box>
  );
  if (result.publishable) {
    return (
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="pi" textColor="success600">
          {formatMessage({ id: getTranslation('checks.ready'), defaultMessage: 'Ready to publish in this locale.' })}
        </Typography>
        {warnings}
      </Flex>
    );
  }
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography variant="pi" textColor="warning600">
        {formatMessage(
          { id: getTranslation('checks.blocked'), defaultMessage: '{count} problems stop this draft from being published.' },
          { count: result.problems.length }
        )}
      </Typography>
      <Box tag="ul" paddingLeft={4}>
        {result.problems.map((problem) => (
          <li key={`${problem.path}|${problem.message}`}>
            <Typography variant="pi">
              <Typography variant="pi" fontWeight="bold">
                {problem.path}
              </Typography>{' '}
              {problem.message}
            </Typography>
          </li>
        ))}
      </Box>
      {warnings}
    </Flex>
  );
}

export const ItemChecksPanel: PanelComponent = ({ model, documentId, document }) => {
  if (model !== ITEM_UID) return null;
  return {
    title: 'Linkage · 发布检查 / Publishing checks',
    content:
      documentId && document ? (
        <ItemChecks documentId={documentId} locale={String(document.locale ?? '')} version={String(document.updatedAt ?? '')} />
      ) : (
        <Typography variant="pi">Save the draft to check it. 请先保存草稿再检查。</Typography>
      ),
  };
};
