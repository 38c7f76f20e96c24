#!/usr/bin/env node
// What a write costs through the write pipeline (issue 13): guide edits and publishes through the
// Document Service, one after another, on a copy of the demo database, each with everything it
// feeds (audit entry, change, guide fact, review, snapshot, shared fields, structure carried).
// Run the same script in a checkout of the code before, on a copy of the same database, for the
// side-by-side baseline (BENCHMARKS.md).
// Usage: DATABASE_FILENAME=.tmp/bench-writes.db node scripts/bench/writes.js [--writes 200]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { APP_DIR, withStrapi, run } = require('../lib/headless-strapi');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const WRITES = Number(arg('writes', 200));
const GUIDE = 'plugin::linkage.guide';

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function timed(label, count, work) {
  const times = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i += 1) {
    const t0 = process.hrtime.bigint();
    await work(i);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const total = Number(process.hrtime.bigint() - started) / 1e9;
  times.sort((a, b) => a - b);
  return { label, count, perSecond: Math.round(count / total), p50: percentile(times, 50).toFixed(1), p99: percentile(times, 99).toFixed(1) };
}

async function main() {
  const file = path.resolve(APP_DIR, process.env.DATABASE_FILENAME || '.tmp/bench-writes.db');
  if (!fs.existsSync(file)) {
    console.error(`No database at ${file}: copy a seeded demo database there first (e.g. .tmp/data.db after npm run develop).`);
    return 2;
  }
  return withStrapi(async (app) => {
    const guides = await app.db.query(GUIDE).findMany({ where: { publishedAt: null, locale: 'zh-Hans' }, select: ['documentId'], orderBy: { id: 'asc' }, limit: 40 });
    if (guides.length === 0) throw new Error('no guides: is this a demo database?');
    const docs = app.documents(GUIDE);
    const rows = [];
    rows.push(
      await timed('guide draft update (zh-Hans)', WRITES, (i) =>
        docs.update({ documentId: guides[i % guides.length].documentId, locale: 'zh-Hans', data: { phone: `0532-8${String(i).padStart(7, '0')}` } })
      )
    );
    rows.push(
      await timed('guide publish of a changed draft (zh-Hans)', Math.min(WRITES, guides.length * 2), (i) =>
        docs.publish({ documentId: guides[i % guides.length].documentId, locale: 'zh-Hans' })
      )
    );
    rows.push(
      await timed('guide update and publish in one call (en)', WRITES / 2, (i) =>
        docs.update({ documentId: guides[i % guides.length].documentId, locale: 'en', status: 'published', data: { phone: `0532-9${String(i).padStart(7, '0')}` } })
      )
    );
    console.log('\n| writes (sequential, Document Service) | count | writes/s | p50 ms | p99 ms |\n|---|---|---|---|---|');
    for (const r of rows) console.log(`| ${r.label} | ${r.count} | ${r.perSecond} | ${r.p50} | ${r.p99} |`);
    return 0;
  });
}

run(main);
