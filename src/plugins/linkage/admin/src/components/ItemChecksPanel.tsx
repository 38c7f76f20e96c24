// Side panel on a linked item's edit page: what would stop the item, as it stands in the form (not
// as last saved), from being published: each problem in plain language, in the admin's language,
// with a link to the field to fix. Checked again a moment after each change.
import { useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { Box, Flex, TextButton, Typography } from '@strapi/design-system';
import { useFetchClient, useForm, useQueryParams } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { useEditedLocale } from '../editor/data';
import { useAdminLanguage } from '../editor/language';
import { getTranslation } from '../pluginId';
import type { CheckProblem, ItemChecks } from '../../../server/src/contracts/item-checks';

const ITEM_UID = 'plugin::linkage.item';
const WAIT_AFTER_CHANGE_MS = 600;

type ChecksResponse = ItemChecks;

type State = { kind: 'loading' } | { kind: 'error' } | { kind: 'done'; result: ChecksResponse };

function ProblemList({ problems, tone }: { problems: CheckProblem[]; tone: 'neutral800' | 'neutral600' }) {
  const { formatMessage } = useIntl();
  const [, setQuery] = useQueryParams<{ field?: string }>();
  return (
    <Box tag="ol" paddingLeft={4} style={{ listStyle: 'decimal' }}>
      {problems.map((problem) => (
        <li key={`${problem.path}|${problem.text}`} style={{ marginBottom: 8 }}>
          <Typography variant="pi" textColor={tone} style={{ overflowWrap: 'anywhere' }}>
            {problem.text}
          </Typography>{' '}
          {problem.field ? (
            <TextButton onClick={() => setQuery({ field: problem.field })}>
              {formatMessage({ id: getTranslation('checks.goToField'), defaultMessage: 'Go to the field' })}
            </TextButton>
          ) : null}
        </li>
      ))}
    </Box>
  );
}

function ItemChecks({ documentId }: { documentId: string | undefined }) {
  const { formatMessage } = useIntl();
  const language = useAdminLanguage();
  const locale = useEditedLocale();
  const { post } = useFetchClient();
  const values = useForm('ItemChecks', (state) => state.values);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const serial = useRef(0);
  const body = JSON.stringify(values);

  useEffect(() => {
    const mine = ++serial.current;
    const timer = setTimeout(() => {
      post<ChecksResponse>(`/linkage/items/checks?language=${language}`, { documentId, locale, data: JSON.parse(body) })
        .then(({ data }) => mine === serial.current && setState({ kind: 'done', result: data }))
        .catch(() => mine === serial.current && setState({ kind: 'error' }));
    }, WAIT_AFTER_CHANGE_MS);
    return () => clearTimeout(timer);
  }, [body, documentId, locale, language, post]);

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
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-linkage-checks={result.publishable ? 'ready' : 'blocked'}>
      {result.publishable ? (
        <Typography variant="pi" textColor="success600">
          {formatMessage({ id: getTranslation('checks.ready'), defaultMessage: 'Ready to publish in this language.' })}
        </Typography>
      ) : (
        <>
          <Typography variant="pi" textColor="warning600" fontWeight="bold">
            {formatMessage(
              { id: getTranslation('checks.blocked'), defaultMessage: '{count, plural, one {# problem stops} other {# problems stop}} this item from being published.' },
              { count: result.problems.length }
            )}
          </Typography>
          <ProblemList problems={result.problems} tone="neutral800" />
        </>
      )}
      {result.warnings.length > 0 ? (
        <>
          <Typography variant="pi" textColor="neutral600" fontWeight="bold">
            {formatMessage({ id: getTranslation('checks.warnings'), defaultMessage: 'Worth a look (publishing is not stopped):' })}
          </Typography>
          <ProblemList problems={result.warnings} tone="neutral600" />
        </>
      ) : null}
    </Flex>
  );
}

export const ItemChecksPanel: PanelComponent = ({ model, documentId }) => {
  const { formatMessage } = useIntl();
  if (model !== ITEM_UID) return null;
  return {
    title: formatMessage({ id: getTranslation('checks.title'), defaultMessage: 'Publishing checks' }),
    content: <ItemChecks documentId={documentId} />,
  };
};
