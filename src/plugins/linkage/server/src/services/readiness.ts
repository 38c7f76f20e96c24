// Whether this instance can serve (GET /_ready): the database answers `SELECT 1` and the published
// snapshot is in memory, each looked at within a short bound; the decision is domain/database-outage.ts.
import type { Core } from '@strapi/strapi';
import { PROBE_TIMEOUT_MS, isDatabaseUnavailable, readiness, type Readiness, type SnapshotLook } from '../domain/database-outage';
import { getService } from '../get-service';

class SnapshotTimedOut extends Error {}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** The snapshot as readers get it: built now if a write made it stale, within the bound. */
  async function snapshotLook(): Promise<SnapshotLook> {
    const published = getService(strapi, 'published');
    let timeout: NodeJS.Timeout | undefined;
    try {
      const snapshot = await Promise.race([
        published.snapshot(),
        new Promise<never>((_, reject) => {
          timeout = setTimeout(() => reject(new SnapshotTimedOut()), PROBE_TIMEOUT_MS);
        }),
      ]);
      const builtAt = published.lastBuilt()?.builtAt ?? new Date();
      return { status: 'loaded', generation: snapshot.generation, builtAt: builtAt.toISOString(), ageSeconds: Math.round((Date.now() - builtAt.getTime()) / 1000) };
    } catch (error) {
      return { status: 'unavailable', reason: error instanceof SnapshotTimedOut ? 'timeout' : isDatabaseUnavailable(error) ? 'database' : 'error' };
    } finally {
      clearTimeout(timeout);
    }
  }

  return {
    async check(): Promise<Readiness> {
      const [database, snapshot] = await Promise.all([getService(strapi, 'database-health').look(), snapshotLook()]);
      return readiness(String(strapi.config.get('database.connection.client', 'unknown')), database, snapshot, new Date());
    },
  };
};
