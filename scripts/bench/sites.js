#!/usr/bin/env node
// Site views and pages under load (docs/design.md §7), side by side in one run: the do-nothing route; a
// unit's item page as JSON and as HTML (cache hits); the Strapi REST-equivalent reads for the same
// page; the HTML pages with the cache off, every unit's page of the item in turn, then the city's
// route pages of a unit question's choice in progress (a district or a street: the form's steps
// without JavaScript), each in turn.
// Usage: node scripts/bench/sites.js [--duration 15] [--connections 32] [--slug S] [--unit CODE]
'use strict';
const { arg, measure, report, rssMb, startServer, stopServer } = require('./lib/harness');

const SLUG = arg('slug', 'enterprise-employee-retirement-certification');
const UNIT = arg('unit', '370281000000');

async function main() {
  const server = await startServer(1399);
  const base = 'http://127.0.0.1:1399';
  const units = [];
  const levels = new Map();
  const walk = (n) => {
    units.push(n.code);
    levels.set(n.code, n.level);
    n.children.forEach(walk);
  };
  (await (await fetch(`${base}/api/linkage/units`)).json()).data.forEach(walk);
  const pages = [];
  for (const code of units) {
    const res = await fetch(`${base}/sites/${code}/items/${SLUG}`);
    if (res.status === 200) pages.push(`/sites/${code}/items/${SLUG}`);
  }
  const rows = [];
  rows.push(await measure(base, 'noop (do-nothing Strapi route)', '/bench/noop'));
  rows.push(await measure(base, 'site item view (JSON), cache hit', `/api/linkage/sites/${UNIT}/items/${SLUG}`));
  rows.push(await measure(base, 'site item page (HTML), cache hit', `/sites/${UNIT}/items/${SLUG}`));
  rows.push(
    await measure(base, 'site item page, 304 (If-None-Match)', `/sites/${UNIT}/items/${SLUG}`, {
      'If-None-Match': (await fetch(`${base}/sites/${UNIT}/items/${SLUG}`)).headers.get('etag'),
    })
  );
  rows.push(await measure(base, 'REST equivalent (item + unit guides, populate=*)', `/bench/rest/site/${UNIT}/items/${SLUG}`));
  const rss = rssMb(server.pid);
  await stopServer(server);
  const cold = await startServer(1398, { LINKAGE_CACHE_BYTES: '1' });
  rows.push(await measure('http://127.0.0.1:1398', `site item pages, cache off (${pages.length} units in turn)`, pages));
  // The steps of a unit question on the city's page: every unit above its answer level, below the city.
  const question = (await (await fetch(`http://127.0.0.1:1398/api/linkage/items/${SLUG}`)).json()).data.questions.find((q) => q.type === 'unit');
  const ORDER = ['city', 'district', 'street', 'community'];
  const city = units.find((code) => levels.get(code) === 'city');
  const steps = question
    ? units
        .filter((code) => code !== city && ORDER.indexOf(levels.get(code)) < ORDER.indexOf(question.answerLevel))
        .map((code) => `/sites/${city}/items/${SLUG}/route?answers%5B${question.key}%5D=${code}`)
    : [];
  // Code before the level-by-level navigator refuses these (400): measured only where they are pages.
  if (steps.length > 0 && (await fetch(`http://127.0.0.1:1398${steps[0]}`)).status === 200) {
    rows.push(await measure('http://127.0.0.1:1398', `city's route pages, a choice in progress, cache off (${steps.length} in turn)`, steps));
  }
  const coldRss = rssMb(cold.pid);
  await stopServer(cold);
  const [noop, view, page, , rest, miss, step] = rows;
  report(
    `sites ${SLUG}`,
    rows,
    `view / noop ${(view.rps / noop.rps).toFixed(2)}, page / noop ${(page.rps / noop.rps).toFixed(2)} (target ≥ 0.70); page / REST ${(page.rps / rest.rps).toFixed(1)}x (target ≥ 5); p99 page ${page.p99} ms (< 100), miss ${miss.p99} ms${step ? `, route page miss ${step.p99} ms` : ''} (< 150); RSS ${rss} / ${coldRss} MB`
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
