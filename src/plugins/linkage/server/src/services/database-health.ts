// Whether the database can be reached, as this instance last saw it: up until a request or a
// background job fails with an error that says it cannot be reached (domain/database-outage.ts)
// and a look (`SELECT 1`) confirms it; then down, looked at twice a second, until a look answers.
// While down, requests that need the database are refused at once (middlewares/database-outage.ts)
// instead of queueing for a connection. Once it is back: the published snapshot is forgotten, and
// the derived stores whose after-commit work failed meanwhile are rebuilt (the doctor's repair of
// those stores), so nothing stays out of step without a restart.
import type { Core } from '@strapi/strapi';
import { PROBE_EVERY_MS, PROBE_TIMEOUT_MS, isDatabaseUnavailable, type DatabaseLook } from '../domain/database-outage';
import type { DerivedStore } from '../domain/derived-stores';
import { getService } from '../get-service';

class ProbeTimedOut extends Error {}

/** The stores kept after a write commits (writes/projectors: snapshot, expected handlers, item health). */
export const AFTER_COMMIT_STORES: readonly DerivedStore[] = ['published-snapshot', 'expected-handlers', 'item-health'];

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let downSince: Date | null = null;
  let looking: Promise<DatabaseLook> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const owed = new Set<DerivedStore>();

  /** `SELECT 1`, within `timeoutMs`. */
  async function look(timeoutMs: number): Promise<DatabaseLook> {
    const started = Date.now();
    let timeout: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        strapi.db.connection.raw('select 1'),
        new Promise((_, reject) => {
          timeout = setTimeout(() => reject(new ProbeTimedOut()), timeoutMs);
        }),
      ]);
      return { status: 'up', latencyMs: Date.now() - started };
    } catch (error) {
      // Only a failure that says the database cannot be reached makes it down; a slow answer (a
      // full pool, SQLite's one connection held by an import) is reported but changes nothing.
      const reason = error instanceof ProbeTimedOut ? 'timeout' : isDatabaseUnavailable(error) && (error as Error).name !== 'KnexTimeoutError' ? 'unreachable' : 'error';
      return { status: 'down', reason, since: downSince?.toISOString() ?? null };
    } finally {
      clearTimeout(timeout);
    }
  }

  /** One look at a time, whoever asks; what it finds moves the state. */
  function lookOnce(): Promise<DatabaseLook> {
    if (!looking) {
      looking = look(PROBE_TIMEOUT_MS).then(async (found) => {
        looking = null;
        if (found.status === 'up') await wentUp();
        else if (found.reason === 'unreachable') wentDown();
        return found.status === 'down' ? { ...found, since: downSince?.toISOString() ?? null } : found;
      });
    }
    return looking;
  }

  function wentDown(): void {
    if (downSince || stopped) return;
    downSince = new Date();
    strapi.log.error('[linkage] The database cannot be reached: requests that need it are answered 503 with Retry-After until it is back.');
    const again = () => {
      if (stopped || !downSince) return;
      void lookOnce().then(() => {
        if (downSince && !stopped) timer = setTimeout(again, PROBE_EVERY_MS).unref();
      });
    };
    timer = setTimeout(again, PROBE_EVERY_MS).unref();
  }

  async function wentUp(): Promise<void> {
    if (downSince) {
      strapi.log.warn(`[linkage] The database is back after ${((Date.now() - downSince.getTime()) / 1000).toFixed(1)} s.`);
      downSince = null;
      if (timer) clearTimeout(timer);
      timer = null;
      // Whatever was read before the outage may be older than the database: read it again.
      getService(strapi, 'published').invalidate();
    }
    if (owed.size > 0) await repairOwed();
  }

  async function repairOwed(): Promise<void> {
    const stores = [...owed];
    owed.clear();
    try {
      const steps = await getService(strapi, 'doctor').rebuild(stores);
      strapi.log.warn(`[linkage] After-commit work had failed while the database could not be reached; rebuilt: ${steps.map((s) => s.message.en).join('; ')}`);
    } catch (error) {
      for (const store of stores) owed.add(store);
      health.suspect(error);
    }
  }

  // A failed query that some code (Strapi's, a driver's) left without a handler must not take the
  // instance down while the database restarts: it is logged and looked into. Any other unhandled
  // rejection still ends the process, as Node's default does.
  const onUnhandled = (reason: unknown): void => {
    if (!isDatabaseUnavailable(reason)) throw reason;
    strapi.log.error(`[linkage] A database error was left unhandled (the database cannot be reached): ${(reason as Error)?.stack ?? String(reason)}`);
    health.suspect(reason);
  };
  process.on('unhandledRejection', onUnhandled);

  const health = {
    /** Whether the database is known to be unreachable now. */
    isDown: (): boolean => downSince !== null,

    /** A look now (the readiness route): what it found, the state moved by it. */
    look: (): Promise<DatabaseLook> => lookOnce(),

    /** An error a request or a job met: if it says the database cannot be reached, look now. */
    suspect(error: unknown): void {
      if (stopped || downSince || !isDatabaseUnavailable(error)) return;
      void lookOnce();
    },

    /**
     * Work after a commit failed: if because the database could not be reached, these stores are
     * rebuilt once it answers again (the write itself is committed).
     */
    afterCommitFailed(error: unknown, stores: readonly DerivedStore[] = AFTER_COMMIT_STORES): void {
      if (!isDatabaseUnavailable(error)) return;
      for (const store of stores) owed.add(store);
      health.suspect(error);
    },

    /** Stops looking (the server is shutting down). */
    stop(): void {
      stopped = true;
      process.off('unhandledRejection', onUnhandled);
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
  return health;
};
