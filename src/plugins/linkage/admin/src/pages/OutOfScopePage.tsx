// Where an editor lands on opening a guide outside their units (a link from a colleague, the change
// feed, an old bookmark): why they may not, and the way back to their own guides. The Content
// Manager would otherwise show its generic error page after the refusal.
import { useIntl } from 'react-intl';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useLocation, useNavigate } from 'react-router-dom';
import { PLUGIN_ID, getTranslation } from '../pluginId';

export const OUT_OF_SCOPE_PATH = `plugins/${PLUGIN_ID}/out-of-scope`;

function OutOfScopePage() {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTranslation(id), defaultMessage });
  const navigate = useNavigate();
  const { state } = useLocation() as { state: { reason?: string } | null };
  return (
    <Page.Main>
      <Page.Title>{t('outOfScope.title', 'Not one of your units’ guides')}</Page.Title>
      <Layouts.Header title={t('outOfScope.title', 'Not one of your units’ guides')} />
      <Layouts.Content>
        <Box background="neutral0" padding={8} hasRadius shadow="tableShadow" data-linkage-out-of-scope>
          <Flex direction="column" alignItems="flex-start" gap={4}>
            <Typography variant="beta" tag="p">
              {t('outOfScope.why', 'Each unit keeps its own guides: you may open and edit only those of the units you belong to.')}
            </Typography>
            {state?.reason ? (
              <Typography textColor="neutral700" tag="p">
                {state.reason}
              </Typography>
            ) : null}
            <Typography textColor="neutral600" tag="p">
              {t('outOfScope.help', 'If this guide should be yours, ask a city manager to add your unit to your memberships.')}
            </Typography>
            <Button onClick={() => navigate(`/plugins/${PLUGIN_ID}/my-guides`)}>{t('outOfScope.back', 'Back to my guides')}</Button>
          </Flex>
        </Box>
      </Layouts.Content>
    </Page.Main>
  );
}

export default OutOfScopePage;
