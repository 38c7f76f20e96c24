// The home page's first widget: the work of the editor's own units (missing guides, overdue and
// incomplete ones first, and the latest changes), where the stock home page shows project-wide counts.
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Badge, Box, Flex, Link, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import { attentionOf } from '../../../server/src/domain/guide-attention';
import { missingFieldNames } from '../../../server/src/domain/guide-assurance';
import { useAdminLanguage } from '../editor/language';
import { GUIDE_EDIT, useText, type MyGuides } from '../pages/MyGuidesPage';
import { getTranslation } from '../pluginId';

const SHOWN = 5;

export function MyWorkWidget() {
  const { formatMessage, formatDate } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const language = useAdminLanguage();
  const text = useText();
  const { get } = useFetchClient();
  const [data, setData] = useState<MyGuides | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    get<{ data: MyGuides }>('/linkage/my-guides', { params: { page: 1, pageSize: SHOWN } })
      .then((res) => setData(res.data.data))
      .catch(() => setFailed(true));
  }, [get]);

  if (failed) return <Typography textColor="danger600">{t('myGuides.error', 'Your guides could not be loaded.')}</Typography>;
  if (!data) return <Typography>{t('assurance.loading', 'Loading…')}</Typography>;
  const needing = data.guides.filter((g) => attentionOf({ ...g, complete: g.completeness.complete }) !== 'ok');
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-linkage-home>
      <Flex gap={2} wrap="wrap">
        <Badge backgroundColor={data.missing.length > 0 ? 'danger100' : 'neutral100'} textColor={data.missing.length > 0 ? 'danger700' : 'neutral700'}>
          {t('myGuides.count.missing', '{count} missing', { count: data.missing.length })}
        </Badge>
        {data.counts && (
          <>
            <Badge backgroundColor={data.counts.overdue > 0 ? 'danger100' : 'neutral100'} textColor={data.counts.overdue > 0 ? 'danger700' : 'neutral700'}>
              {t('myGuides.count.overdue', '{count} overdue', { count: data.counts.overdue })}
            </Badge>
            <Badge backgroundColor={data.counts.incomplete > 0 ? 'warning100' : 'neutral100'} textColor={data.counts.incomplete > 0 ? 'warning700' : 'neutral700'}>
              {t('myGuides.count.incomplete', '{count} incomplete', { count: data.counts.incomplete })}
            </Badge>
          </>
        )}
      </Flex>
      {data.missing.slice(0, SHOWN).map((m) => (
        <Typography key={`${m.itemCode}/${m.stageKey}/${m.unitCode}`} textColor="danger700">
          {t('home.missing', 'Missing: {guide}', { guide: [text(m.itemTitle, m.itemCode), text(m.stageName, m.stageKey), text(m.unitName, m.unitCode)].join(' · ') })}
        </Typography>
      ))}
      {needing.length === 0 && data.missing.length === 0 ? (
        <Typography textColor="success600">{t('home.allClear', 'Nothing needs you: every guide is complete and reviewed on time.')}</Typography>
      ) : (
        needing.map((g) => {
          const [itemCode, stageKey, unitCode] = g.key.split('/');
          const kind = attentionOf({ ...g, complete: g.completeness.complete });
          const missing = g.completeness.publishedMissing ?? g.completeness.draftMissing;
          const why =
            kind === 'overdue'
              ? t('myGuides.attention.overdue', '{days} days overdue for review', { days: g.overdueDays })
              : kind === 'incomplete'
                ? t('myGuides.attention.incomplete', 'Lacks {fields}', { fields: missingFieldNames(missing, language).join(language === 'en' ? ', ' : '、') })
                : kind === 'neverReviewed'
                  ? t('myGuides.attention.neverReviewed', 'Never reviewed')
                  : t('myGuides.attention.unpublished', 'Changes not published yet');
          return (
            <Box
              key={g.documentId}
              padding={2}
              hasRadius
              background={kind === 'overdue' ? 'danger100' : kind === 'incomplete' ? 'warning100' : 'neutral100'}
              data-linkage-attention={kind}
            >
              <Link tag={NavLink} to={`${GUIDE_EDIT}/${g.documentId}?plugins[i18n][locale]=zh-Hans`}>
                {[text(g.itemTitle, itemCode), text(g.stageName, stageKey), text(g.unitName, unitCode)].join(' · ')}
              </Link>
              <Typography variant="pi" tag="div" textColor={kind === 'overdue' ? 'danger700' : 'neutral700'}>
                {why}
              </Typography>
            </Box>
          );
        })
      )}
      {data.recent.length > 0 && (
        <Box paddingTop={2}>
          <Typography variant="sigma" textColor="neutral600">
            {t('home.recent', 'Recent changes')}
          </Typography>
          {data.recent.slice(0, SHOWN).map((r) => (
            <Typography key={`${r.at}|${r.subjectDocumentId}|${r.action}`} variant="pi" tag="div" textColor="neutral700">
              {t('home.change', '{when}: {who} {action} {what}', {
                when: formatDate(r.at, { dateStyle: 'short', timeStyle: 'short' }),
                who: r.userEmail ?? t('home.system', 'the system'),
                action: t(`audit.action.${r.action}`, r.action),
                what: text(r.title, r.subjectKey),
              })}
            </Typography>
          ))}
        </Box>
      )}
    </Flex>
  );
}
