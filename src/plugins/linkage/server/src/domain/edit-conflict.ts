// Optimistic concurrency: a save built on a version another save has since replaced is refused, so
// no edit is silently lost (docs/adr/017-edit-versions.md). A version is the draft row's `updatedAt`
// in the locale being saved; what a session loaded is remembered when it reads the record, and
// what it saved when it saves, so saving the same form twice in a row is no conflict.
import type { AdminLanguage, AdminText } from './admin-language';
import { fieldLabel } from './field-names';
import { nounOf } from './record-types';

/** A row's `updatedAt` as milliseconds (SQLite stores numbers, Postgres timestamps, the API strings). */
export function versionOf(value: unknown): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value !== '') {
    const numeric = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
    return Number.isFinite(numeric) ? numeric : null;
  }
  return null;
}

/** What a session read: the version, and the last audit entry of the record it had seen. */
export interface LoadedVersion {
  readonly version: number;
  readonly auditSeq: number;
}

/** An audit entry as the conflict reads it. */
export interface ChangeSince {
  readonly seq: number;
  readonly action: string;
  readonly subjectLocale: string | null;
  readonly fields: ReadonlyArray<string | { readonly field: string }>;
  readonly userEmail: string | null;
}

// What replaces a draft without naming fields.
const REPLACES_DRAFT = new Set(['discard-draft', 'delete']);

/** Is an entry about this locale (`*`, no locale, or a list naming it)? */
const about = (entryLocale: string | null, locale: string | null): boolean =>
  locale === null || entryLocale === null || entryLocale === '*' || entryLocale.split(',').includes(locale);

/**
 * What replaced the version a session loaded, in the locale it edits: null when nothing did (the
 * stored version is the one loaded, or the saves since changed nothing, like the save before a
 * publish); else the fields changed since, in the order first changed. A change in another locale
 * counts only for the fields every locale shares.
 */
export function changedSinceLoad(
  loaded: LoadedVersion | undefined,
  current: number | null,
  entries: readonly ChangeSince[],
  locale: string | null,
  shared: ReadonlySet<string>
): string[] | null {
  if (loaded === undefined || current === null || current === loaded.version) return null;
  const fields = new Set<string>();
  let replaced = false;
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
    if (entry.seq <= loaded.auditSeq) continue;
    const here = about(entry.subjectLocale, locale);
    if (here && REPLACES_DRAFT.has(entry.action)) replaced = true;
    for (const field of entry.fields) {
      const name = typeof field === 'string' ? field : field.field;
      if (here || shared.has(name)) fields.add(name);
    }
  }
  return fields.size > 0 || replaced ? [...fields] : null;
}

/** Who made the stored version, as stored. */
export interface Saver {
  readonly name: string | null;
  readonly email: string | null;
}

export interface EditConflict {
  readonly uid: string;
  readonly documentId: string;
  readonly locale: string | null;
  readonly savedBy: Saver | null;
  /** ISO time of the stored version. */
  readonly savedAt: string;
  readonly fields: readonly string[];
}

const whoSaid = (saver: Saver | null, language: AdminLanguage): string => {
  if (!saver || (!saver.name && !saver.email)) return language === 'en' ? 'Someone else' : '其他人';
  if (saver.name && saver.email) return `${saver.name} (${saver.email})`;
  return (saver.name ?? saver.email) as string;
};

/** A time as the city's clock reads it. */
export const clockTime = (iso: string, language: AdminLanguage, timeZone: string): string =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', { timeZone, dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));

const listOf = (names: readonly string[], language: AdminLanguage): string =>
  language === 'en' ? (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`) : names.join('、');

/** The fields' names in both languages. */
export const fieldNames = (uid: string, fields: readonly string[]): ReadonlyArray<{ readonly field: string; readonly label: AdminText }> =>
  fields.map((field) => ({ field, label: fieldLabel(uid, field) }));

/** The refusal: who saved, when, what they changed, that nothing was saved, and what to do. */
export function conflictText(conflict: EditConflict, timeZone: string): AdminText {
  return saidOf(conflict, timeZone, 'refused');
}

/** The warning before a save: the form shows a version someone else has since replaced. */
export function staleText(conflict: EditConflict, timeZone: string): AdminText {
  return saidOf(conflict, timeZone, 'stale');
}

function saidOf(conflict: EditConflict, timeZone: string, moment: 'refused' | 'stale'): AdminText {
  const noun = nounOf(conflict.uid);
  const say = (language: AdminLanguage): string => {
    const who = whoSaid(conflict.savedBy, language);
    const when = clockTime(conflict.savedAt, language, timeZone);
    const names = fieldNames(conflict.uid, conflict.fields).map((f) => f.label[language]);
    if (language === 'en') {
      const what = names.length > 0 ? `, changing ${listOf(names, 'en')}` : '';
      const then =
        moment === 'refused'
          ? 'Your save was refused so their work is not overwritten: nothing was saved. Reload to see their version, then apply your changes again.'
          : 'Saving this page now would overwrite their work and will be refused: reload to see their version, then apply your changes again.';
      return `${who} saved this ${noun.one} at ${when}${what}, after you opened it. ${then}`;
    }
    const what = names.length > 0 ? `，修改了${listOf(names, 'zh-Hans')}` : '';
    const then =
      moment === 'refused'
        ? '为避免覆盖他人的修改，您的保存未被执行，什么都没有保存。请重新加载查看对方的版本，然后再次应用您的修改。'
        : '现在保存本页会覆盖对方的修改，将被拒绝：请重新加载查看对方的版本，然后再次应用您的修改。';
    return `在您打开此${noun.zh}之后，${who} 于 ${when} 保存了它${what}。${then}`;
  };
  return { en: say('en'), 'zh-Hans': say('zh-Hans') };
}
