// Optimistic concurrency for the admin's edit forms (domain/edit-conflict.ts decides; this loads).
// The Content Manager's form sends back the values it loaded, without their version, so the
// version a form was built on is remembered per admin session: the version the edit page read
// (`GET` of one document, writes/edit-versions.ts), replaced by the version each of the session's
// own saves made. A save in an admin request whose session read an older version than the stored one
// is refused with a 409 naming who saved, when, and the fields they changed (from the audit trail).
// See docs/adr/017-edit-versions.md.
import type { Core } from '@strapi/strapi';
import { LRUCache } from 'lru-cache';
import { changedSinceLoad, conflictText, staleText, versionOf, type ChangeSince, type EditConflict, type LoadedVersion } from '../domain/edit-conflict';
import { Conflict } from '../domain/failures';
import { recordType } from '../domain/record-types';
import { singleLocale, type WriteIntent } from '../domain/write-intent';
import { AUDIT_ENTRY } from '../uids';

type Row = Record<string, unknown>;

// The Content Manager's read of one document for its edit page: the load a form is built on.
const SINGLE_TYPE_PAGE = '/content-manager/single-types/:model';
const EDIT_PAGE_READS = new Set(['/content-manager/collection-types/:model/:id', SINGLE_TYPE_PAGE]);

type ReadRow = Row & { documentId?: string; locale?: string | null; publishedAt?: unknown };

interface SessionState {
  method?: string;
  _matchedRoute?: string;
  state?: { user?: { id?: number | string }; session?: { id?: string }; auth?: { strategy?: { name?: string } } };
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // Forms open at once across every admin; the oldest forgotten first (a forgotten load is not judged).
  const loads = new LRUCache<string, LoadedVersion>({ max: 50_000 });
  // The last refused save of each session and record, until its edit page has asked.
  const refusals = new LRUCache<string, EditConflict>({ max: 5_000, ttl: 10 * 60_000 });

  /** The admin session of the current request (a browser's sign-in), or null. */
  function sessionOf(): string | null {
    const ctx = strapi.requestContext.get() as SessionState | undefined;
    const state = ctx?.state;
    if (!state?.user?.id || state.auth?.strategy?.name !== 'admin') return null;
    return `${state.user.id}:${state.session?.id ?? ''}`;
  }

  const keyOf = (session: string, uid: string, documentId: string, locale: string | null) => `${session}|${uid}|${documentId}|${locale ?? ''}`;

  const isDraftAndPublish = (uid: string): boolean =>
    (strapi.getModel(uid as 'plugin::linkage.guide') as unknown as { options?: { draftAndPublish?: boolean } }).options?.draftAndPublish === true;

  const isLocalized = (uid: string): boolean =>
    (strapi.getModel(uid as 'plugin::linkage.guide') as unknown as { pluginOptions?: { i18n?: { localized?: boolean } } }).pluginOptions?.i18n?.localized === true;

  /** The fields every locale of a localized type shares (Strapi copies them to each locale on save). */
  function sharedFields(uid: string): ReadonlySet<string> {
    if (!isLocalized(uid)) return new Set();
    const attributes = (strapi.getModel(uid as 'plugin::linkage.guide') as unknown as { attributes: Record<string, { pluginOptions?: { i18n?: { localized?: boolean } } }> })
      .attributes;
    return new Set(Object.keys(attributes).filter((name) => attributes[name].pluginOptions?.i18n?.localized === false));
  }

  /** The last audit entry about a document (0 when none). */
  async function lastAuditSeq(uid: string, documentId: string): Promise<number> {
    const last = (await strapi.db
      .query(AUDIT_ENTRY as 'plugin::linkage.audit-entry')
      .findOne({ where: { subjectUid: uid, subjectDocumentId: documentId }, orderBy: { seq: 'desc' }, select: ['seq'] })) as { seq: string | number } | null;
    return last ? Number(last.seq) : 0;
  }

  /** Whether a write is judged: an admin's edit of one locale of a record (not a bulk action or a follow-up). */
  const judged = (intent: WriteIntent): boolean => intent.action === 'update' && intent.path === 'admin' && !intent.carried && !intent.trusted && intent.documentId !== null;

  /** The stored draft of the locale, with who last saved it. */
  async function storedDraft(uid: string, documentId: string, locale: string | null): Promise<Row | null> {
    const where: Row = { documentId };
    if (locale !== null) where.locale = locale;
    if (isDraftAndPublish(uid)) where.publishedAt = null;
    return (await strapi.db
      .query(uid as 'plugin::linkage.guide')
      .findOne({ where, select: ['updatedAt'], populate: { updatedBy: { select: ['firstname', 'lastname', 'email'] } } })) as Row | null;
  }

  const localeOf = (intent: WriteIntent): string | null => (isLocalized(intent.type.uid) ? singleLocale(intent) : null);

  /** The conflict a save of this record (in this locale) by the current session would make, or null. */
  async function conflictOf(uid: string, documentId: string, requestedLocale: string | null): Promise<EditConflict | null> {
    const session = sessionOf();
    if (!session || !recordType(uid)) return null;
    const locale = isLocalized(uid) ? requestedLocale : null;
    const loaded = loads.get(keyOf(session, uid, documentId, locale));
    const stored = await storedDraft(uid, documentId, locale);
    const current = versionOf(stored?.updatedAt);
    if (!stored || loaded === undefined || current === loaded.version) return null;
    const entries = (await strapi.db.query(AUDIT_ENTRY as 'plugin::linkage.audit-entry').findMany({
      where: { subjectUid: uid, subjectDocumentId: documentId, seq: { $gt: loaded.auditSeq } },
      select: ['seq', 'action', 'subjectLocale', 'fields', 'userEmail'],
    })) as Array<Omit<ChangeSince, 'seq'> & { seq: string | number }>;
    const since: ChangeSince[] = entries.map((e) => ({ ...e, seq: Number(e.seq), fields: Array.isArray(e.fields) ? e.fields : [] }));
    const fields = changedSinceLoad(loaded, current, since, locale, sharedFields(uid));
    if (fields === null) return null;
    const user = stored.updatedBy as { firstname?: string | null; lastname?: string | null; email?: string | null } | null | undefined;
    const name = [user?.firstname, user?.lastname].filter((part): part is string => typeof part === 'string' && part !== '').join(' ');
    const lastEmail = since.length > 0 ? since[since.length - 1].userEmail : null;
    return {
      uid,
      documentId,
      locale,
      savedBy: user || lastEmail ? { name: name || null, email: user?.email ?? lastEmail } : null,
      savedAt: new Date(current as number).toISOString(),
      fields,
    };
  }

  const timeZone = (): string => strapi.config.get('plugin::linkage.timeZone', 'Asia/Shanghai') as string;

  /** The conflict as the refusal says it, with its facts for API clients and the admin's panel. */
  function conflictFailure(conflict: EditConflict): Conflict {
    return new Conflict(conflictText(conflict, timeZone()), { conflict });
  }

  /**
   * Refuses a stale save (call inside the write's transaction, after the audit lock: two saves of one
   * record take turns, so the second sees the first). Returns what to read once the write is done, in
   * its transaction: the version it made, to remember for the session once it has committed.
   */
  async function guardFreshness(intent: WriteIntent): Promise<(() => Promise<() => void>) | null> {
    const session = sessionOf();
    if (!judged(intent) || !session) return null;
    const locale = localeOf(intent);
    const documentId = intent.documentId as string;
    const conflict = await conflictOf(intent.type.uid, documentId, locale);
    if (conflict) {
      // The edit page reloads the record after a refused save; it asks what was refused, once.
      refusals.set(keyOf(session, intent.type.uid, documentId, locale), conflict);
      throw conflictFailure(conflict);
    }
    return async () => {
      const stored = await storedDraft(intent.type.uid, documentId, locale);
      const version = versionOf(stored?.updatedAt);
      const auditSeq = await lastAuditSeq(intent.type.uid, documentId);
      return () => {
        if (version !== null) loads.set(keyOf(session, intent.type.uid, documentId, locale), { version, auditSeq });
      };
    };
  }

  /**
   * Remembers the version of a record the current request's edit page read, for its session: the
   * document a collection type's page reads, or the first of the list a single type's page reads.
   */
  async function rememberRead(uid: string, read: ReadRow | ReadRow[]): Promise<void> {
    if (!recordType(uid)) return;
    const ctx = strapi.requestContext.get() as SessionState | undefined;
    const route = ctx?._matchedRoute ?? '';
    if (ctx?.method !== 'GET' || !EDIT_PAGE_READS.has(route)) return;
    if (Array.isArray(read) !== (route === SINGLE_TYPE_PAGE)) return;
    const row = Array.isArray(read) ? read[0] : read;
    if (!row?.documentId) return;
    const session = sessionOf();
    if (!session) return;
    // Forms are built on drafts; the published version read beside it is not what they save.
    if (isDraftAndPublish(uid) && row.publishedAt !== null && row.publishedAt !== undefined) return;
    const version = versionOf(row.updatedAt);
    if (version === null) return;
    const locale = isLocalized(uid) ? (row.locale ?? null) : null;
    loads.set(keyOf(session, uid, row.documentId, locale), { version, auditSeq: await lastAuditSeq(uid, row.documentId) });
  }

  /** The current session's last refused save of a record (in a locale), forgotten once told. */
  function takeRefusal(uid: string, documentId: string, requestedLocale: string | null): EditConflict | null {
    const session = sessionOf();
    if (!session || !recordType(uid)) return null;
    const key = keyOf(session, uid, documentId, isLocalized(uid) ? requestedLocale : null);
    const refused = refusals.get(key) ?? null;
    refusals.delete(key);
    return refused;
  }

  /** The warning an edit page shows before a save that would be refused. */
  const staleWarning = (conflict: EditConflict) => staleText(conflict, timeZone());

  return { rememberRead, conflictOf, conflictFailure, staleWarning, guardFreshness, takeRefusal };
};
