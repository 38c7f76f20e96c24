// The public change feed (/api/linkage/changes): what was published, unpublished or deleted, in
// order, for sites that keep a copy. Each change is written in the same transaction as its write,
// under a lock, so the sequence has no gaps and commits in order: a reader never skips one. On
// Postgres each change is also announced to the other instances (NOTIFY), on commit.
import type { Core } from '@strapi/strapi';
import { CHANGE_CHANNEL } from '../domain/change-notifications';
import { getService } from '../get-service';
import { CHANGE } from '../uids';

export type ChangeAction = 'published' | 'unpublished' | 'deleted';

export interface ChangeRecord {
  action: ChangeAction;
  subjectUid: string;
  subjectDocumentId: string;
  subjectKey: string;
  locale: string | null;
  /** The units whose sites show the subject; ['*'] for every site. */
  unitCodes: string[];
}

interface ChangeRow extends ChangeRecord {
  seq: string | number;
  at: string;
}

// Any fixed number: the advisory lock that serializes change numbering on Postgres.
const CHANGE_LOCK = 7_354_201;

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Appends a change in the current transaction. */
  async record(change: ChangeRecord): Promise<number> {
    return strapi.db.transaction(async ({ trx }) => {
      if (strapi.db.dialect.client === 'postgres') await trx.raw('SELECT pg_advisory_xact_lock(?)', [CHANGE_LOCK]);
      const table = strapi.db.metadata.get(CHANGE).tableName;
      const row = (await trx(table).max('seq as max').first()) as { max: string | number | null } | undefined;
      const seq = Number(row?.max ?? 0) + 1;
      await strapi.db.query(CHANGE).create({ data: { ...change, seq, at: new Date() } });
      // Delivered to every listening instance when (and only if) the write commits (docs/adr/020-change-notifications.md).
      if (strapi.db.dialect.client === 'postgres') await trx.raw('SELECT pg_notify(?, ?)', [CHANGE_CHANNEL, getService(strapi, 'cluster-notifications').payload(seq)]);
      return seq;
    });
  },

  /** The last change's number (0 while there is none): a cursor past it names no change yet made. */
  async head(): Promise<number> {
    const row = (await strapi.db.query(CHANGE).findOne({ orderBy: { seq: 'desc' }, select: ['seq'] })) as { seq: string | number } | null;
    return Number(row?.seq ?? 0);
  },

  /** Changes after `since` that affect `unitCode`'s site (every change when no unit is given). */
  async list(since: number, unitCode: string | null, limit: number): Promise<{ changes: Array<ChangeRecord & { seq: number; at: string }>; cursor: number; more: boolean }> {
    const matching: Array<ChangeRecord & { seq: number; at: string }> = [];
    let cursor = since;
    // Read in pages and filter by unit here: the unit list is JSON, which SQLite and Postgres query differently.
    for (;;) {
      const rows = (await strapi.db.query(CHANGE).findMany({ where: { seq: { $gt: cursor } }, orderBy: { seq: 'asc' }, limit: 500 })) as ChangeRow[];
      for (const row of rows) {
        const seq = Number(row.seq);
        if (!unitCode || row.unitCodes.includes('*') || row.unitCodes.includes(unitCode)) {
          if (matching.length === limit) return { changes: matching, cursor, more: true };
          matching.push({
            seq,
            at: new Date(row.at).toISOString(),
            action: row.action,
            subjectUid: row.subjectUid,
            subjectDocumentId: row.subjectDocumentId,
            subjectKey: row.subjectKey,
            locale: row.locale,
            unitCodes: row.unitCodes,
          });
        }
        cursor = seq;
      }
      if (rows.length < 500) return { changes: matching, cursor, more: false };
    }
  },
});
