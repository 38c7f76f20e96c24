// Every Document Service call on a linkage record, classified into what it means to do (a write
// intent), and what each intent refuses, checks and feeds. The write pipeline (writes/pipeline.ts)
// runs what this decides; nothing here reads the database.
import { recordType, type DerivedStore, type RecordType } from './record-types';

export const WRITE_ACTIONS = ['create', 'update', 'clone', 'delete', 'publish', 'unpublish', 'discardDraft'] as const;
export type WriteAction = (typeof WRITE_ACTIONS)[number];

export const isWriteAction = (action: string): action is WriteAction => (WRITE_ACTIONS as readonly string[]).includes(action);

/** A Document Service call as a middleware sees it. */
export interface DocumentCall {
  readonly uid: string;
  readonly action: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** Where a call came from: an admin's request (one record, or a Content Manager bulk action), or the server itself. */
export type WritePath = 'admin' | 'admin-bulk' | 'server';

/** What the shell knows around the call: read from the request and the database before classifying. */
export interface CallContext {
  /** The locale Strapi applies to a call that names none. */
  readonly defaultLocale: string;
  /** The stored record's owner (its draft's, where it has one), for calls on an existing document. */
  readonly storedOwner: string | null;
  /** A catalog import: checked as a whole before it writes. */
  readonly trusted: boolean;
  readonly path: WritePath;
  /** Inside the pipeline's own follow-up write (structure carried to another locale). */
  readonly carried: boolean;
}

export interface WriteIntent {
  readonly type: RecordType;
  readonly action: WriteAction;
  /** A publish, or a create or update with `status: 'published'` (publishes in the same call). */
  readonly publishes: boolean;
  /** The document acted on; null for a create (known once written). */
  readonly documentId: string | null;
  /** The locales acted on: named, Strapi's default, or every one (`'*'`). */
  readonly locales: readonly string[] | 'all';
  /** The locale the call named (`'*'` included), if it named one. */
  readonly namedLocale: string | null;
  readonly data: Readonly<Record<string, unknown>> | null;
  readonly ownerBefore: string | null;
  /** The owner the write leaves: the one written, else the one stored. */
  readonly ownerAfter: string | null;
  readonly trusted: boolean;
  readonly path: WritePath;
  readonly carried: boolean;
}

const localesOf = (locale: unknown, defaultLocale: string): readonly string[] | 'all' => {
  if (locale === '*') return 'all';
  if (Array.isArray(locale)) return locale.filter((l): l is string => typeof l === 'string');
  return [typeof locale === 'string' && locale !== '' ? locale : defaultLocale];
};

/** What a call writes: the record type and the stored document (none for a create); null when it writes no linkage record. */
export function callTarget(call: DocumentCall): { readonly type: RecordType; readonly action: WriteAction; readonly documentId: string | null } | null {
  const type = recordType(call.uid);
  if (!type || !isWriteAction(call.action)) return null;
  const documentId = call.action === 'create' ? null : typeof call.params.documentId === 'string' ? call.params.documentId : null;
  return { type, action: call.action, documentId };
}

/** The intent of a call; null when it writes no linkage record (a read, another plugin's type). */
export function classifyCall(call: DocumentCall, context: CallContext): WriteIntent | null {
  const target = callTarget(call);
  if (!target) return null;
  const { type, documentId } = target;
  const params = call.params;
  const data = typeof params.data === 'object' && params.data !== null && !Array.isArray(params.data) ? (params.data as Record<string, unknown>) : null;
  const writtenOwner = data && call.action !== 'delete' ? type.owner(data) : null;
  const ownerFieldWritten = writtenOwner !== null;
  return {
    type,
    action: target.action,
    publishes: call.action === 'publish' || ((call.action === 'create' || call.action === 'update') && params.status === 'published'),
    documentId,
    locales: localesOf(params.locale, context.defaultLocale),
    namedLocale: typeof params.locale === 'string' ? params.locale : null,
    data,
    ownerBefore: documentId ? context.storedOwner : null,
    ownerAfter: ownerFieldWritten ? writtenOwner : documentId ? context.storedOwner : null,
    trusted: context.trusted,
    path: context.path,
    carried: context.carried,
  };
}

/** The locale a row-level step acts on: the one named, else the default; none for "every locale". */
export const singleLocale = (intent: WriteIntent): string | null => (intent.locales === 'all' ? null : intent.locales.length === 1 ? intent.locales[0] : null);

/**
 * Why a write is refused whoever asks, before any other step: the audit trail is append-only, and
 * a review is never changed once recorded.
 */
export function refusalOf(intent: WriteIntent): 'append-only' | 'immutable' | null {
  if (intent.type.writes === 'append-only') return 'append-only';
  if (intent.type.writes === 'immutable' && intent.action !== 'create') return 'immutable';
  return null;
}

const GUIDE = 'plugin::linkage.guide';
const ITEM = 'plugin::linkage.item';

const STRUCTURE_TYPES: readonly string[] = [ITEM, GUIDE];
const EDITS: readonly WriteAction[] = ['create', 'update', 'clone'];

/** Whether the write's data renames what guide titles are made of (an item's title or stages, a unit's name). */
const renamesTitles = (intent: WriteIntent): boolean =>
  intent.data !== null && (intent.type.uid === ITEM ? 'title' in intent.data || 'stages' in intent.data : 'name' in intent.data);

/** For each derived store, which actions of a type that feeds it (domain/record-types.ts) do. */
const FED_BY: Readonly<Record<DerivedStore, (intent: WriteIntent) => boolean>> = {
  'audit-trail': () => true,
  'change-feed': (intent) => changeActionOf(intent, true) !== null,
  // A review feeds its guide's fact as it is recorded (reviews are never changed).
  'guide-facts': (intent) => intent.type.writes !== 'immutable' || intent.action === 'create',
  // Publishing a changed guide is a review, except in an import (which keeps its file's dates).
  reviews: (intent) => intent.publishes && !intent.trusted,
  snapshot: () => true,
  // What units handle which stage: an item's publication, a unit's or department's any change.
  'expected-handlers': (intent) =>
    intent.type.publicity === 'when-published'
      ? intent.publishes || intent.action === 'unpublish' || intent.action === 'delete'
      : intent.action !== 'clone' && intent.action !== 'discardDraft',
  'item-health': (intent) => (intent.action === 'create' || intent.action === 'update' || intent.action === 'delete') && !intent.trusted,
  'guide-titles': (intent) => EDITS.includes(intent.action) && renamesTitles(intent),
};

/**
 * The derived stores a write feeds, each kept by one projector (writes/projectors.ts): those its
 * type feeds, for the actions that feed each.
 */
export function storesFed(intent: WriteIntent): ReadonlySet<DerivedStore> {
  return new Set(intent.type.feeds.filter((store) => FED_BY[store](intent)));
}

export type ChangeAction = 'published' | 'unpublished' | 'deleted';

/**
 * What a write is on the public change feed: a publishable record is news when published,
 * unpublished, or deleted while some version was published; a record without drafts on every write.
 */
export function changeActionOf(intent: WriteIntent, wasPublished: boolean): ChangeAction | null {
  const publicity = intent.type.publicity;
  if (publicity === 'never') return null;
  if (intent.action === 'delete') return publicity === 'when-published' && !wasPublished ? null : 'deleted';
  if (publicity === 'when-published') return intent.publishes ? 'published' : intent.action === 'unpublish' ? 'unpublished' : null;
  return intent.action === 'create' || intent.action === 'update' ? 'published' : null;
}

/** Follow-up writes in the write's transaction, not derived stores: each keeps a fact stated once. */
export type FollowUp = 'carry-structure' | 'publish-shared-fields';

export function followUps(intent: WriteIntent): ReadonlySet<FollowUp> {
  const result = new Set<FollowUp>();
  if (!STRUCTURE_TYPES.includes(intent.type.uid)) return result;
  // Structure is edited once: another locale's draft takes the structure just written (not during an
  // import, which writes every locale whole, nor inside a carry itself).
  if ((intent.action === 'update' || intent.action === 'create') && intent.documentId && intent.data && !intent.trusted && !intent.carried) result.add('carry-structure');
  if (intent.publishes) result.add('publish-shared-fields');
  return result;
}

/** Normalisations of the data before it is checked and stored. */
export type Normalisation = 'conditions' | 'item-slug' | 'guide-title' | 'new-locale-structure' | 'shared-component-rows';

export function normalisations(intent: WriteIntent): ReadonlySet<Normalisation> {
  const result = new Set<Normalisation>();
  if (!intent.data || !EDITS.includes(intent.action)) return result;
  const uid = intent.type.uid;
  if (uid === ITEM || uid === GUIDE) result.add('conditions');
  if (uid === ITEM) result.add('item-slug');
  if (uid === GUIDE) result.add('guide-title');
  if (STRUCTURE_TYPES.includes(uid) && intent.action === 'update' && intent.documentId && !intent.trusted && !intent.carried) result.add('new-locale-structure');
  // A save of one locale gives the others new rows of the components every locale shares (a guide's
  // time limit): a form of another locale opened before it names rows that are gone.
  if (uid === GUIDE && intent.action === 'update' && intent.documentId) result.add('shared-component-rows');
  return result;
}

/** The actions the plugin's checks look at. */
export const CHECKED_ACTIONS = ['create', 'update', 'clone', 'publish', 'delete'] as const satisfies readonly WriteAction[];
export type CheckedAction = (typeof CHECKED_ACTIONS)[number];

/** Whether the plugin's checks run on the write (an import was checked as a whole). */
export const checked = (intent: WriteIntent): intent is WriteIntent & { readonly action: CheckedAction } =>
  intent.type.checked && !intent.trusted && (CHECKED_ACTIONS as readonly WriteAction[]).includes(intent.action);

/** Links are checked on every write that carries data, drafts and imports included. */
export const linksChecked = (intent: WriteIntent): boolean => intent.data !== null && EDITS.includes(intent.action);
