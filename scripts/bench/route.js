#!/usr/bin/env node
// Route requests under load (docs/design.md §7), side by side in one run:
//   noop            a do-nothing Strapi route (auth: false): the ceiling
//   route-hit       GET /api/linkage/items/:slug/route, one set of answers (served from the cache)
//   rest            the Strapi Document Service reads that REST would make for the same data
//   route-miss      the route with the cache off, cycling through every combination of answers
// Usage: node scripts/bench/route.js [--duration 15] [--connections 32] [--slug S]
// The database is whatever DATABASE_* says (SQLite .tmp/data.db by default, seeded with the demo).
'use strict';
const { arg, measure, report, rssMb, startServer, stopServer } = require('./lib/harness');

const SLUG = arg('slug', 'enterprise-employee-retirement-certification');

async function combinations(base) {
  const item = (await (await fetch(`${base}/api/linkage/items/${SLUG}`)).json()).data;
  const units = (await (await fetch(`${base}/api/linkage/units`)).json()).data;
  const flat = [];
  const walk = (n) => {
    flat.push(n);
    n.children.forEach(walk);
  };
  units.forEach(walk);
  const values = item.questions
    .filter((q) => q.kind === 'core')
    .map((q) => [
      q.key,
      q.type === 'choice' ? q.options.map((o) => o.value) : q.type === 'boolean' ? ['true', 'false'] : flat.filter((u) => u.level === q.answerLevel).map((u) => u.code),
    ]);
  let combos = [[]];
  for (const [key, options] of values) combos = combos.flatMap((c) => options.map((v) => [...c, `answers[${key}]=${encodeURIComponent(v)}`]));
  return combos.map((c) => `/api/linkage/items/${SLUG}/route?${c.join('&')}`);
}

async function main() {
  const hitServer = await startServer(1399);
  const base = 'http://127.0.0.1:1399';
  const all = await combinations(base);
  const one = all.find((p) => p.includes('370281')) ?? all[0];
  const rows = [];
  rows.push(await measure(base, 'noop (do-nothing Strapi route)', '/bench/noop'));
  rows.push(await measure(base, 'route, cache hit', one));
  rows.push(await measure(base, 'REST equivalent (item + guides, populate=*)', one.replace(`/api/linkage/items/${SLUG}/route`, `/bench/rest/route/${SLUG}`)));
  const hitRss = rssMb(hitServer.pid);
  await stopServer(hitServer);
  const missServer = await startServer(1398, { LINKAGE_CACHE_BYTES: '1' });
  rows.push(await measure('http://127.0.0.1:1398', `route, cache off (${all.length} combinations in turn)`, all));
  const missRss = rssMb(missServer.pid);
  await stopServer(missServer);
  const [noop, hit, rest, miss] = rows;
  report(
    `route ${SLUG}`,
    rows,
    `route hit / noop: ${(hit.rps / noop.rps).toFixed(2)} (target ≥ 0.70); route hit / REST: ${(hit.rps / rest.rps).toFixed(1)}x (target ≥ 5); p99 hit ${hit.p99} ms (target < 100), miss ${miss.p99} ms (target < 250); RSS ${hitRss} / ${missRss} MB`
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
