// Side panel on every linkage record's edit page. When someone else has saved the record since this
// page loaded it (the server would refuse this page's save with a 409), it says who, when and what,
// and offers to reload their version and apply this editor's changes again on top of it. When a save
// was refused, the Content Manager has already reloaded the record (their version now shows): the
// panel says why, and applies again the changes the editor had made, kept when the save began.
// Asked when the page opens, every 15 seconds, when the window regains focus, and after each save.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { useFetchClient, useForm } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import type { AdminText } from '../../../server/src/domain/admin-language';
import { useEditedLocale } from '../editor/data';
import { useAdminLanguage } from '../editor/language';
import { changedFields, reapplicable } from '../editor/form-changes';
import { getTranslation } from '../pluginId';

const POLL_MS = 15_000;

interface ConflictView {
  readonly savedBy: { readonly name: string | null; readonly email: string | null } | null;
  readonly savedAt: string;
  readonly fields: ReadonlyArray<{ readonly field: string; readonly label: AdminText }>;
  readonly message: AdminText;
}

/** What a reload carries over: this editor's changed fields, and what the other save changed. */
interface Stash {
  readonly values: Record<string, unknown>;
  readonly theirs: ReadonlyArray<{ readonly field: string; readonly label: AdminText }>;
  readonly who: string;
}

interface Reapplied {
  readonly mine: string[];
  readonly both: string[];
  readonly who: string;
}

const stashKey = (model: string, documentId: string, locale: string) => `linkage.reapply:${model}:${documentId}:${locale}`;

const whoOf = (conflict: ConflictView, language: 'en' | 'zh-Hans'): string => conflict.savedBy?.name ?? conflict.savedBy?.email ?? (language === 'en' ? 'someone else' : '其他人');

export const EditConflictPanel: PanelComponent = ({ model, documentId, document }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const language = useAdminLanguage();
  const locale = useEditedLocale();
  const { get } = useFetchClient();
  const values = useForm('EditConflict', (state) => state.values as Record<string, unknown>);
  const onChange = useForm('EditConflict', (state) => state.onChange);
  const isSubmitting = useForm('EditConflict', (state) => state.isSubmitting);
  const [conflict, setConflict] = useState<ConflictView | null>(null);
  const [refused, setRefused] = useState<{ view: ConflictView; mine: Record<string, unknown> } | null>(null);
  const [reapplied, setReapplied] = useState<Reapplied | null>(null);
  // The editor's changes as a save began: the form shows the reloaded record once a save is refused.
  const attempted = useRef<Record<string, unknown>>({});
  const linkage = model.startsWith('plugin::linkage.') && Boolean(documentId);

  const check = useCallback(async () => {
    if (!linkage || !documentId) return;
    try {
      const query = new URLSearchParams({ model, documentId, locale });
      const { data } = await get<{ conflict: ConflictView | null; refused: ConflictView | null }>(`/linkage/edit-conflict?${query.toString()}`);
      setConflict(data.conflict);
      if (data.refused) {
        setRefused({ view: data.refused, mine: attempted.current });
        setReapplied(null);
      }
    } catch {
      // Asking again later is enough: the save itself is what refuses a stale form.
    }
  }, [get, linkage, model, documentId, locale]);

  useEffect(() => {
    void check();
    const timer = window.setInterval(() => void check(), POLL_MS);
    const onFocus = () => void check();
    window.addEventListener('focus', onFocus);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', onFocus);
    };
  }, [check, document?.updatedAt]);

  // After a save attempt: refused (now in conflict) or accepted (the page holds the latest).
  const wasSubmitting = useRef(false);
  useEffect(() => {
    if (!wasSubmitting.current && isSubmitting) attempted.current = reapplicable(values, changedFields(values, (document ?? {}) as Record<string, unknown>));
    if (wasSubmitting.current && !isSubmitting) void check();
    wasSubmitting.current = isSubmitting;
  }, [isSubmitting, check, values, document]);

  const applyAgain = (mine: Record<string, unknown>, theirs: ConflictView['fields'], who: string) => {
    for (const [field, value] of Object.entries(mine)) onChange(field, value);
    const theirNames = new Map(theirs.map((f) => [f.field, f.label[language]]));
    const fields = Object.keys(mine);
    setReapplied({ mine: fields, both: fields.filter((f) => theirNames.has(f)).map((f) => theirNames.get(f) as string), who });
    setRefused(null);
  };

  // After "reload and apply again": this editor's changes, on top of the version just loaded. Applied
  // once the form has taken the loaded version (after this render's effects, the form's included).
  const applied = useRef(false);
  useEffect(() => {
    if (!linkage || !documentId || !document || applied.current) return;
    const raw = window.sessionStorage.getItem(stashKey(model, documentId, locale));
    if (!raw) return;
    applied.current = true;
    window.sessionStorage.removeItem(stashKey(model, documentId, locale));
    const stash = JSON.parse(raw) as Stash;
    window.setTimeout(() => {
      for (const [field, value] of Object.entries(stash.values)) onChange(field, value);
      const theirs = new Set(stash.theirs.map((f) => f.field));
      const label = (field: string) => stash.theirs.find((f) => f.field === field)?.label[language] ?? field;
      const mine = Object.keys(stash.values);
      setReapplied({ mine, both: mine.filter((f) => theirs.has(f)).map(label), who: stash.who });
    }, 0);
  }, [linkage, model, documentId, locale, document, onChange, language]);

  const reload = (keepMine: boolean) => {
    if (!documentId || !conflict) return;
    if (keepMine) {
      const mine = changedFields(values, (document ?? {}) as Record<string, unknown>);
      const stash: Stash = { values: reapplicable(values, mine), theirs: conflict.fields, who: whoOf(conflict, language) };
      window.sessionStorage.setItem(stashKey(model, documentId, locale), JSON.stringify(stash));
    }
    window.location.reload();
  };

  if (!linkage || (!conflict && !refused && !reapplied)) return null;
  return {
    title: t('editConflict.title', 'Saved by someone else'),
    content: (
      <Flex direction="column" alignItems="stretch" gap={3} width="100%" role={conflict || refused ? 'alert' : 'status'}>
        {conflict ? (
          <>
            <Box background="danger100" borderColor="danger200" hasRadius padding={3}>
              <Typography variant="omega" textColor="danger700">
                {conflict.message[language]}
              </Typography>
            </Box>
            <Button variant="default" fullWidth onClick={() => reload(true)}>
              {t('editConflict.reapply', 'Reload their version and apply my changes again')}
            </Button>
            <Button variant="tertiary" fullWidth onClick={() => reload(false)}>
              {t('editConflict.discard', 'Reload their version and drop my changes')}
            </Button>
          </>
        ) : null}
        {refused && !conflict ? (
          <>
            <Box background="danger100" borderColor="danger200" hasRadius padding={3}>
              <Typography variant="omega" textColor="danger700">
                {refused.view.message[language]}
              </Typography>
            </Box>
            <Typography variant="pi">{t('editConflict.nowShowing', 'The page now shows {who}’s version.', { who: whoOf(refused.view, language) })}</Typography>
            {Object.keys(refused.mine).length > 0 ? (
              <Button variant="default" fullWidth onClick={() => applyAgain(refused.mine, refused.view.fields, whoOf(refused.view, language))}>
                {t('editConflict.applyAgain', 'Apply my changes again')}
              </Button>
            ) : null}
            <Button variant="tertiary" fullWidth onClick={() => setRefused(null)}>
              {t('editConflict.keepTheirs', 'Keep their version')}
            </Button>
          </>
        ) : null}
        {!conflict && !refused && reapplied ? (
          <Box background="success100" borderColor="success200" hasRadius padding={3}>
            <Typography variant="omega" textColor="success700">
              {reapplied.mine.length === 0
                ? t('editConflict.nothingToReapply', 'You had no unsaved changes: this is {who}’s version.', { who: reapplied.who })
                : t('editConflict.reapplied', 'Your changes are applied again on top of {who}’s version. Check them, then save.', { who: reapplied.who })}
              {reapplied.both.length > 0
                ? ` ${t('editConflict.both', 'You both changed {fields}: yours is shown.', { fields: reapplied.both.join(language === 'en' ? ', ' : '、') })}`
                : ''}
            </Typography>
          </Box>
        ) : null}
      </Flex>
    ),
  };
};
