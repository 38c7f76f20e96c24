// Boots the app's Strapi without its HTTP server, for command-line tools, against the configured
// database (.env, DATABASE_*); never seeds the demo.
'use strict';
const path = require('node:path');

const APP_DIR = path.resolve(__dirname, '..', '..');

// Strapi emits entry events after commit without awaiting them; let their queries finish first.
async function settle(app) {
  const pool = app.db.connection.client.pool;
  let quiet = 0;
  for (let i = 0; pool && i < 600 && quiet < 3; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    quiet = pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() === 0 ? quiet + 1 : 0;
  }
}

async function withStrapi(work) {
  require('../ensure-env');
  process.env.LINKAGE_SEED_DEMO = 'false';
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  // A command waits for the database longer than a serving instance, which must answer 503 at once
  // while the database is down: on a busy machine a Postgres connection can take seconds. What the
  // environment or .env says wins (loaded here first: Strapi would load .env after these are set).
  require('dotenv').config({ path: path.join(APP_DIR, '.env') });
  process.env.DATABASE_CONNECT_TIMEOUT ??= '15000';
  process.env.DATABASE_CONNECTION_TIMEOUT ??= '30000';
  const { createStrapi } = require('@strapi/strapi');
  console.error('Starting Strapi...');
  const app = createStrapi({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist'), autoReload: false, serveAdminPanel: false });
  app.log.level = 'error';
  await app.load();
  try {
    return await work(app);
  } finally {
    await settle(app);
    await app.destroy();
  }
}

/** Runs main() and exits with its code; an error that Strapi raises for bad input is printed plainly. */
function run(main) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      if (error && ['ValidationError', 'NotFoundError', 'CatalogRejected', 'Invalid', 'NotFound', 'BackupError'].includes(error.name)) {
        console.error(error.message);
        for (const detail of (error.details && error.details.errors) || []) console.error(`  - ${detail.path.join('.')}: ${detail.message}`);
        // The plugin's own failures (server/src/domain/failures.ts) list their problems; a rejected
        // catalog's message lists them already (domain/catalog-rejection.ts).
        if (error.name !== 'CatalogRejected') for (const p of error.problems || []) console.error(`  - ${p.path.join('.')}: ${p.message}`);
      } else if (error && error.code === 'SQLITE_BUSY') {
        // SQLite has one writer at a time; an import holds the write lock until it commits.
        console.error(
          'The database is locked: another process is writing to it (on SQLite an import holds the write lock until it has finished). Nothing was written; try again when it has finished.'
        );
      } else console.error(error);
      process.exit(1);
    }
  );
}

module.exports = { APP_DIR, withStrapi, run };
