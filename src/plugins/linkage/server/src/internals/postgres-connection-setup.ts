// On Postgres, a connection that dies while Strapi sets it up is ended, not left hanging
// (docs/adr/023-postgres-connection-setup.md). Strapi's pool hook runs
// `db.dialect.initialize(connection).then(() => done(null, connection))` with no catch: when the
// database goes away between the connect and its `SET search_path`, the rejection is left unhandled
// and the pool's create never finishes (it waits out knex's create timeout).
import type { Core } from '@strapi/strapi';

/** The call in `@strapi/database`'s pool hook (dist/index.js) that this relies on. */
export const STRAPI_SETUP_CALL = 'db.dialect.initialize(nativeConnection).then(';

interface NativeConnection {
  end?: () => Promise<void>;
}
type Initialize = (connection: NativeConnection) => Promise<void>;

/**
 * Wraps the dialect's `initialize` so it never rejects: a connection whose setup failed is ended,
 * the failure logged, and the pool hook goes on. knex marks an ended connection disposed, and its
 * pool discards it at the next acquire and makes another.
 */
export function endFailedConnectionSetup(strapi: Core.Strapi): void {
  if (strapi.db.dialect.client !== 'postgres') return;
  const dialect = strapi.db.dialect as unknown as { initialize: Initialize };
  const original = dialect.initialize.bind(dialect);
  dialect.initialize = async function endingInitialize(connection) {
    try {
      await original(connection);
    } catch (error) {
      strapi.log.warn(`[linkage] A new database connection failed while being set up (${(error as Error).message}); it is closed and another one is made when needed.`);
      await connection.end?.().catch(() => undefined);
    }
  };
}
