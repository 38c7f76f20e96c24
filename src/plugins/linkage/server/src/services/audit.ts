// The audit trail (内容保障): every write to a linkage record appends an entry, in the write's own
// transaction, to a hash chain that only grows. Entries are written with strapi.db.query, which no
// document-service middleware sees; the Document Service itself refuses to write them.
//
// Appends are serialized so the chain never forks: on Postgres by a transaction-scoped advisory lock
// taken before the last hash is read and held until commit (a unique index on seq backs it up);
// SQLite runs one write transaction at a time by itself.
//
// `at` is stored as the ISO 8601 string that is hashed, not as a datetime column: Postgres keeps
// datetimes as `timestamp without time zone`, which the driver reads back in the reading process's
// time zone, so a verifier started with another TZ would find every hash broken.
import type { Core } from '@strapi/strapi';
import { auditKey, chainEntry, chainReport, chainVerifier, type AuditField, type AuditKey, type ChainedEntry, type ChainReport } from '../domain/audit-chain';
import { AUDIT_ENTRY } from '../uids';

export type AuditAction = 'create' | 'clone' | 'update' | 'move' | 'publish' | 'unpublish' | 'discard-draft' | 'delete' | 'review' | 'membership-add' | 'membership-remove';

export interface AuditActor {
  readonly id: number;
  readonly email: string | null;
}

/** One entry to append. */
export interface AuditInput {
  readonly action: AuditAction;
  readonly subjectUid: string;
  readonly subjectDocumentId: string | null;
  /** A readable key: item code, `itemCode/stageKey/unitCode` for a guide, unit code... */
  readonly subjectKey: string | null;
  /** The owner unit of the record. */
  readonly unitCode: string | null;
  /** The locale the write named, if any. */
  readonly subjectLocale?: string | null;
  /** The fields written or changed. */
  readonly fields?: readonly AuditField[];
  /** Who wrote: the admin user of the current request unless given; null for the system (seed, command line). */
  readonly actor?: AuditActor | null;
}

export type AuditEntryView = ChainedEntry;

export interface AuditFilter {
  readonly unitCode?: string;
  /** A documentId, a subject key, or a key's prefix up to a "/" (an item code finds its guides). */
  readonly subject?: string;
  /** An admin user's id or email, or "system". */
  readonly user?: number | string;
  /** ISO 8601 instant: entries at or after it. */
  readonly since?: string;
  readonly page: number;
  readonly pageSize: number;
}

export interface AuditPage {
  readonly entries: AuditEntryView[];
  readonly pagination: { page: number; pageSize: number; total: number; pageCount: number };
}

export interface VerifyOptions {
  /** Called after each page read with the number of entries checked so far. */
  readonly onProgress?: (checked: number) => void;
  readonly pageSize?: number;
}

// Any fixed number, distinct from the change feed's: the advisory lock that serializes appends.
const AUDIT_LOCK = 7_354_202;
const VERIFY_PAGE = 1000;

/** A stored row: Postgres returns bigints as strings, and a JSON column written by hand comes back as text. */
type AuditRow = Omit<ChainedEntry, 'seq' | 'fields'> & { id: number; seq: string | number; fields: AuditField[] | string | null };

interface RequestState {
  user?: { id: number | string; email?: string | null };
  auth?: { strategy?: { name?: string } };
}

function toEntry(row: AuditRow): ChainedEntry {
  // SQLite hands a JSON column back as text when it was written by hand; Postgres bigints as strings.
  const fields = typeof row.fields === 'string' ? (JSON.parse(row.fields) as AuditField[]) : (row.fields ?? []);
  return {
    seq: Number(row.seq),
    at: row.at,
    userId: row.userId === null || row.userId === undefined ? null : Number(row.userId),
    userEmail: row.userEmail ?? null,
    unitCode: row.unitCode ?? null,
    action: row.action,
    subjectUid: row.subjectUid,
    subjectDocumentId: row.subjectDocumentId ?? null,
    subjectKey: row.subjectKey ?? null,
    subjectLocale: row.subjectLocale ?? null,
    fields,
    prevHash: row.prevHash ?? null,
    hash: row.hash,
    keyId: row.keyId ?? null,
  };
}

/** What one transaction knows of the trail: whether it holds the lock, and the head it last wrote. */
interface TransactionState {
  locked: boolean;
  head: { seq: number; hash: string } | null;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // The signing key and the older keys that verify entries written before a rotation (config.ts checks them at boot).
  const signing = (): AuditKey => auditKey(strapi.config.get('plugin::linkage.auditKey') as string);
  const verifying = (): AuditKey[] => [signing(), ...((strapi.config.get('plugin::linkage.auditPreviousKeys', []) as string[]) ?? []).map(auditKey)];
  // Keyed by the transaction object, which Strapi hands to every nested transaction() it joins.
  const states = new WeakMap<object, TransactionState>();
  const stateOf = (trx: object): TransactionState => {
    let state = states.get(trx);
    if (!state) states.set(trx, (state = { locked: false, head: null }));
    return state;
  };
  let turn: Promise<unknown> = Promise.resolve();
  /** Runs `work` after every earlier call's work has finished (an in-process mutex). */
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const run = turn.then(work, work);
    turn = run.catch(() => undefined);
    return run;
  };
  const table = () => strapi.db.metadata.get(AUDIT_ENTRY).tableName;
  const query = () => strapi.db.query(AUDIT_ENTRY as 'plugin::linkage.audit-entry');

  /** The admin user of the current request; null outside an admin request. */
  function requestActor(): AuditActor | null {
    const ctx = strapi.requestContext.get() as { state?: RequestState } | undefined;
    const state = ctx?.state;
    if (!state?.user || state.auth?.strategy?.name !== 'admin') return null;
    return { id: Number(state.user.id), email: state.user.email ?? null };
  }

  /**
   * Takes the append lock in the current transaction (a no-op on SQLite). The write middleware
   * takes it before the write, so every write transaction takes the audit lock before the change
   * feed's: one order, no deadlock. Call it only inside a transaction: the lock is released when the
   * transaction ends.
   */
  async function lock(): Promise<void> {
    if (strapi.db.dialect.client !== 'postgres') return;
    await strapi.db.transaction(async ({ trx }) => {
      const state = stateOf(trx);
      if (state.locked) return;
      await trx.raw('SELECT pg_advisory_xact_lock(?)', [AUDIT_LOCK]);
      state.locked = true;
    });
  }

  return {
    requestActor,
    lock,

    /** Appends an entry in the current transaction (or in one of its own when there is none). */
    async append(input: AuditInput): Promise<void> {
      await strapi.db.transaction(async ({ trx }) => {
        await lock();
        const state = stateOf(trx);
        // Within one transaction the advisory lock does not exclude itself: two appends started
        // together in it must still take their turns.
        await inTurn(async () => {
          const last = state.head ?? ((await trx(table()).select('seq', 'hash').orderBy('seq', 'desc').first()) as { seq: string | number; hash: string } | undefined) ?? null;
          const actor = input.actor !== undefined ? input.actor : requestActor();
          const entry = chainEntry(
            last ? { seq: Number(last.seq), hash: last.hash } : null,
            {
              at: new Date().toISOString(),
              userId: actor?.id ?? null,
              userEmail: actor?.email ?? null,
              unitCode: input.unitCode ?? null,
              action: input.action,
              subjectUid: input.subjectUid,
              subjectDocumentId: input.subjectDocumentId ?? null,
              subjectKey: input.subjectKey ?? null,
              subjectLocale: input.subjectLocale ?? null,
              fields: [...(input.fields ?? [])],
            },
            signing()
          );
          // createMany: one INSERT, without create()'s read back of the row.
          await query().createMany({ data: [{ ...entry, fields: [...entry.fields] }] as never });
          // The lock (or SQLite's single writer) keeps others out until commit: the head stays ours.
          state.head = { seq: entry.seq, hash: entry.hash };
        });
      });
    },

    /** Entries matching the filter, newest first. */
    async list(filter: AuditFilter): Promise<AuditPage> {
      const conditions: Array<Record<string, unknown>> = [];
      if (filter.unitCode) conditions.push({ unitCode: filter.unitCode });
      if (filter.subject) {
        conditions.push({ $or: [{ subjectDocumentId: filter.subject }, { subjectKey: filter.subject }, { subjectKey: { $startsWith: `${filter.subject}/` } }] });
      }
      if (filter.user === 'system') conditions.push({ userId: { $null: true } });
      else if (typeof filter.user === 'number') conditions.push({ userId: filter.user });
      else if (typeof filter.user === 'string') conditions.push({ userEmail: { $eqi: filter.user } });
      if (filter.since) conditions.push({ at: { $gte: filter.since } });
      const where = conditions.length > 0 ? { $and: conditions } : {};
      const [rows, total] = await Promise.all([
        query().findMany({ where, orderBy: { seq: 'desc' }, offset: (filter.page - 1) * filter.pageSize, limit: filter.pageSize }) as Promise<AuditRow[]>,
        query().count({ where }),
      ]);
      return {
        entries: rows.map(toEntry),
        pagination: { page: filter.page, pageSize: filter.pageSize, total, pageCount: Math.ceil(total / filter.pageSize) },
      };
    },

    /** Walks the whole chain in order of seq, a page at a time, and reports the first broken link. */
    async verify(options: VerifyOptions = {}): Promise<ChainReport> {
      const pageSize = options.pageSize ?? VERIFY_PAGE;
      const verifier = chainVerifier(verifying());
      // Keyset paging on (seq, id): constant cost per page, and a duplicated seq is still read.
      let after: { seq: number; id: number } | null = null;
      for (;;) {
        const where: Record<string, unknown> = after ? { $or: [{ seq: { $gt: after.seq } }, { seq: after.seq, id: { $gt: after.id } }] } : {};
        const rows = (await query().findMany({ where, orderBy: [{ seq: 'asc' }, { id: 'asc' }], limit: pageSize })) as AuditRow[];
        for (const row of rows) if (verifier.check(toEntry(row))) return chainReport(verifier);
        options.onProgress?.(verifier.count);
        if (rows.length < pageSize) return chainReport(verifier);
        const last = rows[rows.length - 1];
        after = { seq: Number(last.seq), id: last.id };
      }
    },
  };
};
