// Side panel on a guide's edit page: content assurance (内容保障): what the guide spec says it
// lacks, which rule governs it and when it is due, and "Mark as reviewed" with an optional note.
import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Box, Button, Flex, Textarea, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { missingFieldNames } from '../../../server/src/domain/guide-assurance';
import { useAdminLanguage } from '../editor/language';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { getTranslation } from '../pluginId';
import type { GuideAssurance } from '../../../server/src/contracts/assurance';

const GUIDE_UID = 'plugin::linkage.guide';
const REVIEW = [{ action: 'plugin::linkage.reviews.create', subject: null }];
const NOTE_MAX_LENGTH = 2000;

type Assurance = GuideAssurance;

type State = { kind: 'loading' } | { kind: 'error' } | { kind: 'done'; data: Assurance };

const errorMessageOf = (error: unknown): string | undefined => (error as { response?: { data?: { error?: { message?: string } } } })?.response?.data?.error?.message;

function GuideAssurance({ documentId, version }: { documentId: string; version: string }) {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { get, post } = useFetchClient();
  const language = useAdminLanguage();
  const {
    isLoading: checkingRights,
    allowedActions: { canCreate: mayReview },
  } = useRBAC({ create: REVIEW });
  const { toggleNotification } = useNotification();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);

  const load = useCallback(async () => {
    try {
      const { data } = await get<{ data: Assurance }>(`/linkage/guides/${documentId}/assurance`);
      setState({ kind: 'done', data: data.data });
    } catch {
      setState({ kind: 'error' });
    }
  }, [documentId, get]);

  useEffect(() => {
    setState({ kind: 'loading' });
    void load();
  }, [load, version]);

  const markReviewed = async () => {
    setSaving(true);
    try {
      await post('/linkage/reviews', { uid: GUIDE_UID, documentId, note: note.trim() === '' ? undefined : note });
      toggleNotification({ type: 'success', message: t('assurance.reviewed', 'Marked as reviewed') });
      setNote('');
      await load();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessageOf(error) ?? t('assurance.reviewFailed', 'The review could not be recorded') });
    } finally {
      setSaving(false);
    }
  };

  if (state.kind === 'loading') return <Typography variant="pi">{t('assurance.loading', 'Loading…')}</Typography>;
  if (state.kind === 'error')
    return (
      <Typography variant="pi" textColor="danger600">
        {t('assurance.error', 'The content assurance could not be loaded.')}
      </Typography>
    );
  const { data } = state;
  const missing = data.completeness.publishedMissing ?? data.completeness.draftMissing;
  const names = (fields: readonly string[]) => missingFieldNames(fields, language).join(language === 'en' ? ', ' : '、');
  const draftIncomplete = data.completeness.draftMissing.length > 0;
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-linkage-assurance={missing.length === 0 ? 'complete' : 'incomplete'}>
      {missing.length === 0 ? (
        <Typography variant="pi" textColor="success600">
          {t('assurance.complete', 'Complete: it holds every field the guide spec requires.')}
        </Typography>
      ) : (
        <Typography variant="pi" textColor="warning600" fontWeight="bold">
          {t('assurance.incomplete', 'Incomplete: it lacks {fields}.', { fields: names(missing) })}
        </Typography>
      )}
      {data.completeness.publishedMissing !== null && data.completeness.draftMissing.join() !== data.completeness.publishedMissing.join() && (
        <Typography variant="pi" textColor="neutral600">
          {draftIncomplete
            ? t('assurance.draftMissing', 'The draft lacks {fields}.', { fields: names(data.completeness.draftMissing) })
            : t('assurance.draftComplete', 'The draft is complete: publish it.')}
        </Typography>
      )}
      {draftIncomplete && (
        <Box padding={2} background="warning100" hasRadius>
          <Typography variant="pi" textColor="warning700">
            {t('assurance.publishWarning', 'Publishing now would show citizens a guide without {fields}.', { fields: names(data.completeness.draftMissing) })}
          </Typography>
        </Box>
      )}
      <Typography variant="pi">
        {data.rule ? t('assurance.rule', 'Reviewed every {days} days', { days: data.rule.reviewEveryDays }) : t('assurance.noRule', 'No responsibility rule governs this guide.')}
      </Typography>
      <Typography variant="pi">
        {data.neverReviewed ? t('assurance.neverReviewed', 'Never reviewed') : t('assurance.lastReviewed', 'Last reviewed on {date}', { date: data.lastReviewedOn ?? '' })}
      </Typography>
      {data.dueOn && (
        <Typography variant="pi" textColor={data.overdueDays > 0 ? 'danger600' : 'neutral800'} fontWeight={data.overdueDays > 0 ? 'bold' : undefined}>
          {data.overdueDays > 0
            ? t('assurance.overdue', 'Due on {date}: {days} days overdue', { date: data.dueOn, days: data.overdueDays })
            : t('assurance.due', 'Next review due on {date}', { date: data.dueOn })}
        </Typography>
      )}
      {!checkingRights && mayReview ? (
        <>
          <Textarea
            name="review-note"
            aria-label={t('assurance.note', 'Review note (optional)')}
            placeholder={t('assurance.note', 'Review note (optional)')}
            value={note}
            maxLength={NOTE_MAX_LENGTH}
            onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setNote(event.target.value)}
          />
          <Button onClick={markReviewed} loading={saving} variant="secondary" disabled={missing.length > 0}>
            {t('assurance.markReviewed', 'Mark as reviewed')}
          </Button>
          {missing.length > 0 && (
            <Typography variant="pi" textColor="neutral600">
              {t('assurance.completeFirst', 'A review vouches for the content: fill in {fields} and publish first.', { fields: names(missing) })}
            </Typography>
          )}
        </>
      ) : null}
    </Flex>
  );
}

export const AssurancePanel: PanelComponent = ({ model, documentId, document }) => {
  const { formatMessage } = useIntl();
  if (model !== GUIDE_UID) return null;
  return {
    title: formatMessage({ id: getTranslation('assurance.title'), defaultMessage: 'Content assurance' }),
    content: documentId ? (
      <GuideAssurance documentId={documentId} version={String(document?.updatedAt ?? '')} />
    ) : (
      <Typography variant="pi">{formatMessage({ id: getTranslation('assurance.unsaved'), defaultMessage: 'Save the guide first.' })}</Typography>
    ),
  };
};
