#!/usr/bin/env node
// Other pages under a hostile template, side by side in one run (issue 12): two servers with the
// render cache off (every request renders), each loaded at once with (a) every unit's item page of
// the retirement item but one, in turn — the pages measured — and (b) that one unit's page in a loop.
// In the baseline the templates are the shipped ones; in the second the published item-page
// template spins ~64 million loop steps on that one unit's page (written straight into the database,
// past the publish check, as a template slow only on a page the check does not render would be).
// Usage: DATABASE_FILENAME=.tmp/bench-demo.db node scripts/bench/hostile-template.js [--duration 15] [--connections 32] [--unit CODE]
// SQLite only: the template is rewritten in a copy of the database file.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const autocannon = require('autocannon');
const { APP_DIR, arg, settings, measure, report, rssMb, startServer, stopServer } = require('./lib/harness');

const SLUG = 'enterprise-employee-retirement-certification';
const VICTIM = arg('unit', '370283000000');
const SLOW = '{% for i in (1..8000) %}{% for j in (1..8000) %}{% endfor %}{% endfor %}';

const baseFile = path.resolve(APP_DIR, process.env.DATABASE_FILENAME || '.tmp/bench-demo.db');

function copyDatabase(to, hostile) {
  fs.copyFileSync(baseFile, to);
  if (!hostile) return;
  const Database = require('better-sqlite3');
  const db = new Database(to);
  const rows = db.prepare("SELECT id, body FROM linkage_site_templates WHERE key = 'item-page'").all();
  const update = db.prepare('UPDATE linkage_site_templates SET body = ? WHERE id = ?');
  for (const row of rows) update.run(`{% if site.unit.code == '${VICTIM}' %}${SLOW}{% endif %}${row.body}`, row.id);
  db.close();
}

/** The victim's page requested in a loop for the whole scenario, beside the measured load. */
function hammer(url, seconds) {
  return new Promise((resolve, reject) => autocannon({ url, connections: 8, duration: seconds }, (e, r) => (e ? reject(e) : resolve(r))));
}

async function scenario(name, file, port) {
  const server = await startServer(port, { DATABASE_FILENAME: file, LINKAGE_CACHE_BYTES: '1', LINKAGE_SEED_DEMO: 'false' });
  const base = `http://127.0.0.1:${port}`;
  const units = [];
  const walk = (n) => {
    units.push(n.code);
    n.children.forEach(walk);
  };
  (await (await fetch(`${base}/api/linkage/units`)).json()).data.forEach(walk);
  const pages = [];
  for (const code of units.filter((c) => c !== VICTIM)) if ((await fetch(`${base}/sites/${code}/items/${SLUG}`)).status === 200) pages.push(`/sites/${code}/items/${SLUG}`);
  const victim = hammer(`${base}/sites/${VICTIM}/items/${SLUG}`, settings().duration + 3);
  const row = await measure(base, `${name}: other units' item pages (${pages.length} in turn), cache off`, pages);
  const v = await victim;
  const rss = rssMb(server.pid);
  await stopServer(server);
  return [
    row,
    {
      name: `${name}: the victim's page (${VICTIM}) in a loop, 8 connections`,
      rps: Math.round(v.requests.average),
      p50: v.latency.p50,
      p99: v.latency.p99,
      non2xx: v.non2xx,
      errors: v.errors,
    },
    rss,
  ];
}

async function main() {
  if (!fs.existsSync(baseFile)) {
    // Seeds the demo on first use.
    await stopServer(await startServer(1397, { DATABASE_FILENAME: baseFile }));
  }
  const dir = path.join(APP_DIR, '.tmp', 'bench');
  fs.mkdirSync(dir, { recursive: true });
  const normalFile = path.join(dir, 'hostile-baseline.db');
  const hostileFile = path.join(dir, 'hostile-template.db');
  copyDatabase(normalFile, false);
  copyDatabase(hostileFile, true);
  const [normal, normalVictim, normalRss] = await scenario('shipped templates', normalFile, 1396);
  const [hostile, hostileVictim, hostileRss] = await scenario('hostile item-page template', hostileFile, 1395);
  report(
    'hostile template',
    [normal, normalVictim, hostile, hostileVictim],
    `other pages p99 ${normal.p99} ms → ${hostile.p99} ms under the hostile template (${(hostile.p99 / Math.max(1, normal.p99)).toFixed(2)}x), req/s ${normal.rps} → ${hostile.rps}; RSS ${normalRss} / ${hostileRss} MB`
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
