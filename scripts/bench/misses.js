#!/usr/bin/env node
// Site page misses in process, one at a time: every unit's page of an item rendered in turn with the
// render cache off (twice; the second round is reported), wall time per page by unit level (the
// render thread's work included), and the time of each SQL statement per page (on SQLite, its run in
// SQLite; on Postgres, its round through knex). What a miss costs
// without HTTP or queueing; scripts/bench/sites.js measures the same pages under load.
// Usage: DATABASE_FILENAME=.tmp/scale.db node scripts/bench/misses.js [--slug S] [--app DIR]
//   --app: the checkout to measure (default: this one), for a side-by-side run against another commit.
'use strict';
const path = require('node:path');
const { arg } = require('./lib/harness');

const SLUG = arg('slug', 'public-rental-housing-001');
const APP_DIR = path.resolve(arg('app', path.join(__dirname, '..', '..')));

async function main() {
  process.chdir(APP_DIR);
  process.env.NODE_ENV = 'production';
  process.env.LINKAGE_SEED_DEMO = 'false';
  process.env.LINKAGE_CACHE_BYTES = '1';
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  require(path.join(APP_DIR, 'scripts', 'ensure-env'));
  const { createStrapi } = require(require.resolve('@strapi/strapi', { paths: [APP_DIR] }));
  const app = createStrapi({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist'), autoReload: false, serveAdminPanel: false });
  app.log.level = 'error';
  await app.load();
  const client = app.db.connection.client;
  const statements = new Map();
  const timed = (sql, started) => {
    const key = String(sql)
      .replace(/\?(, \?)*/g, '?')
      .slice(0, 90);
    const seen = statements.get(key) ?? { n: 0, ms: 0 };
    seen.n += 1;
    seen.ms += Number(process.hrtime.bigint() - started) / 1e6;
    statements.set(key, seen);
  };
  if (client.driverName === 'better-sqlite3') {
    // Each statement's run in SQLite, whether knex runs it or the plugin's page-miss reads do.
    const connection = await client.acquireConnection();
    const Statement = connection.prepare('select 1').constructor;
    await client.releaseConnection(connection);
    const all = Statement.prototype.all;
    Statement.prototype.all = function timedAll(...bindings) {
      const started = process.hrtime.bigint();
      try {
        return all.apply(this, bindings);
      } finally {
        timed(this.source, started);
      }
    };
  } else {
    const query = client._query;
    client._query = async function timedQuery(connection, obj) {
      const started = process.hrtime.bigint();
      try {
        return await query.call(this, connection, obj);
      } finally {
        timed(obj.sql, started);
      }
    };
  }
  const sites = app.plugin('linkage').service('sites');
  const snapshot = await app.plugin('linkage').service('published').snapshot();
  const byLevel = {};
  let pages = 0;
  let total = 0;
  for (let round = 0; round < 2; round += 1) {
    statements.clear();
    for (const [code, unit] of snapshot.units) {
      const started = process.hrtime.bigint();
      try {
        await sites.itemPage(code, SLUG, 'zh-Hans');
      } catch {
        continue; // the unit takes no part in the item: it has no page of it
      }
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (round === 0) continue;
      const level = (byLevel[unit.level] ??= { pages: 0, ms: 0, max: 0 });
      level.pages += 1;
      level.ms += ms;
      level.max = Math.max(level.max, ms);
      pages += 1;
      total += ms;
    }
  }
  console.log(`\nsite page misses in process, ${SLUG}, ${APP_DIR}\n\n| pages | count | ms a page | slowest ms |\n|---|---|---|---|`);
  console.log(`| all | ${pages} | ${(total / pages).toFixed(2)} | |`);
  for (const [level, s] of Object.entries(byLevel)) console.log(`| ${level} | ${s.pages} | ${(s.ms / s.pages).toFixed(2)} | ${s.max.toFixed(1)} |`);
  console.log('\n| statement (start) | per page | ms a page |\n|---|---|---|');
  for (const [sql, s] of [...statements].sort((a, b) => b[1].ms - a[1].ms)) console.log(`| \`${sql}\` | ${(s.n / pages).toFixed(2)} | ${(s.ms / pages).toFixed(3)} |`);
  await app.destroy();
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
