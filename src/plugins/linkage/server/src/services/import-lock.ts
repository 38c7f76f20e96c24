// One catalog import at a time across every process on the database: the import takes this lock as
// the first thing in its transaction, before it reads the stored catalog it plans against, and
// holds it until it commits or rolls back. A second import waits, then plans against what the first
// wrote: two imports never interleave.
//
// Postgres: a transaction-scoped advisory lock (released by the commit, the rollback, or the
// connection dropping when the process dies). SQLite has no such lock: the import takes the
// database's write lock at once (what BEGIN IMMEDIATE does), by a write that changes nothing; the
// operating system releases it when a process dies.
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { CHANGE } from '../uids';

// Any fixed number, distinct from the audit's, the change feed's and the guide facts' locks.
const IMPORT_LOCK = 7_354_203;

/** How often a waiting import tries SQLite's write lock again. */
const SQLITE_RETRY_MS = 100;

const isBusy = (error: unknown): boolean => (error as { code?: string }).code === 'SQLITE_BUSY';

async function lockPostgres(trx: Knex.Transaction, onWait: () => void): Promise<void> {
  const tried = (await trx.raw('SELECT pg_try_advisory_xact_lock(?) AS locked', [IMPORT_LOCK])) as { rows: Array<{ locked: boolean }> };
  if (tried.rows[0]?.locked) return;
  onWait();
  await trx.raw('SELECT pg_advisory_xact_lock(?)', [IMPORT_LOCK]);
}

// Tried without SQLite's busy wait, which would block the event loop (better-sqlite3 is
// synchronous) and say nothing; a failed try holds no lock, so the import holding it can commit.
async function lockSqlite(trx: Knex.Transaction, table: string, onWait: () => void): Promise<void> {
  const timeout = (await trx.raw('PRAGMA busy_timeout')) as Array<Record<string, number>>;
  const restore = Object.values(timeout[0] ?? {})[0] ?? 5000;
  await trx.raw('PRAGMA busy_timeout = 0');
  try {
    for (let waited = false; ; waited = true) {
      try {
        await trx.raw(`UPDATE "${table}" SET id = id WHERE 0 = 1`);
        return;
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (!waited) onWait();
        await new Promise((resolve) => setTimeout(resolve, SQLITE_RETRY_MS));
      }
    }
  } finally {
    await trx.raw(`PRAGMA busy_timeout = ${Number(restore)}`);
  }
}

/**
 * Takes the import lock in the current transaction (call it first in the import's transaction);
 * `onWait` is called once if another import (on SQLite: any writer) holds it.
 */
export async function takeImportLock(strapi: Core.Strapi, onWait: () => void): Promise<void> {
  await strapi.db.transaction(async ({ trx }) => {
    const knex = trx as unknown as Knex.Transaction;
    if (strapi.db.dialect.client === 'postgres') await lockPostgres(knex, onWait);
    else await lockSqlite(knex, strapi.db.metadata.get(CHANGE).tableName, onWait);
  });
}
