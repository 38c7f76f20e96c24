// Side panel on a responsibility rule's edit page: after each save, which kinds of record two rules
// govern equally (a tie: the stricter applies) and which no rule governs (a gap).
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Box, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { getTranslation } from '../pluginId';
import type { RuleCoverage } from '../../../server/src/contracts/assurance';

const RULE_UID = 'plugin::linkage.responsibility-rule';

type Coverage = RuleCoverage;

type State = { kind: 'loading' } | { kind: 'error' } | { kind: 'done'; data: Coverage };

function RuleCoverage({ version, ruleKey }: { version: string; ruleKey: string }) {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { get } = useFetchClient();
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    let cancelled = false;
    get<{ data: Coverage }>('/linkage/rules/coverage')
      .then(({ data }) => !cancelled && setState({ kind: 'done', data: data.data }))
      .catch(() => !cancelled && setState({ kind: 'error' }));
    return () => {
      cancelled = true;
    };
  }, [get, version]);

  if (state.kind === 'loading') return <Typography variant="pi">{t('assurance.loading', 'Loading…')}</Typography>;
  if (state.kind === 'error')
    return (
      <Typography variant="pi" textColor="danger600">
        {t('coverage.error', 'The rule coverage could not be loaded.')}
      </Typography>
    );
  const { ties, gaps } = state.data;
  if (ties.length === 0 && gaps.length === 0)
    return (
      <Typography variant="pi" textColor="success600">
        {t('coverage.ok', 'Every kind of record has exactly one most specific rule.')}
      </Typography>
    );
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      {ties.length > 0 && (
        <>
          <Typography variant="pi" fontWeight="bold">
            {t('coverage.ties', 'Ties (the stricter rule applies)')}
          </Typography>
          <Box tag="ul" paddingLeft={4}>
            {ties.map((tie) => (
              <li key={tie.subject.text}>
                <Typography variant="pi" textColor={tie.keys.includes(ruleKey) ? 'warning600' : 'neutral800'}>
                  {tie.message}
                </Typography>
              </li>
            ))}
          </Box>
        </>
      )}
      {gaps.length > 0 && (
        <>
          <Typography variant="pi" fontWeight="bold">
            {t('coverage.gaps', 'Gaps (no rule: no review cycle)')}
          </Typography>
          <Box tag="ul" paddingLeft={4}>
            {gaps.map((gap) => (
              <li key={gap.text}>
                <Typography variant="pi">{gap.text}</Typography>
              </li>
            ))}
          </Box>
        </>
      )}
    </Flex>
  );
}

export const RuleCoveragePanel: PanelComponent = ({ model, document }) => {
  if (model !== RULE_UID) return null;
  return {
    title: 'Linkage · 规则覆盖 / Rule coverage',
    content: <RuleCoverage version={String(document?.updatedAt ?? '')} ruleKey={String(document?.key ?? '')} />,
  };
};
