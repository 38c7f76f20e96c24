#!/usr/bin/env node
// Times the ownership report (aggregated in SQL) on a bulk-loaded catalog (scripts/bench/load-scale.js):
// the whole city, one district's subtree, and the streamed CSV of every record, several runs each,
// with baselines in the same run (a bare count of the guide rows, and the naive way: loading guides
// through the Document Service). Before timing it rebuilds the expected-handler table and, when no
// guide has a review yet, records reviews for about 70% of the guides, spread over the past 400 days
// (so some are overdue) — the loader writes none — then rebuilds the per-guide facts table.
// Usage: DATABASE_CLIENT=postgres DATABASE_NAME=linkage_scale node scripts/bench/report.js [--runs 7]
'use strict';
const crypto = require('node:crypto');
const { Writable } = require('node:stream');
const { pipeline } = require('node:stream/promises');
const { withStrapi, run } = require('../lib/headless-strapi');

const GUIDE = 'plugin::linkage.guide';
const REVIEW = 'plugin::linkage.review';
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 7;

const stats = (ms) => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return { median: at(50), p95: at(95), min: s[0], max: s[s.length - 1] };
};
const fmt = (n) => n.toFixed(0);

async function time(label, times, work) {
  const ms = [];
  let last;
  for (let i = 0; i < times; i += 1) {
    const started = process.hrtime.bigint();
    last = await work();
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const s = stats(ms);
  console.log(`| ${label} | ${times} | ${fmt(s.median)} | ${fmt(s.p95)} | ${fmt(s.min)} | ${fmt(s.max)} |`);
  return last;
}

async function addReviews(app) {
  const knex = app.db.connection;
  const reviewMeta = app.db.metadata.get(REVIEW);
  const existing = await knex(reviewMeta.tableName).where(reviewMeta.attributes.subjectUid.columnName, GUIDE).count({ n: '*' });
  if (Number(existing[0].n) > 0) return 0;
  const guideMeta = app.db.metadata.get(GUIDE);
  const c = (name) => guideMeta.attributes[name].columnName;
  const guides = await knex(guideMeta.tableName)
    .distinct({ documentId: c('documentId'), item: c('itemCode'), stage: c('stageKey'), unit: c('unitCode') })
    .whereNotNull(c('publishedAt'));
  const col = (name) => reviewMeta.attributes[name].columnName;
  const sqlite = app.db.dialect.client === 'sqlite';
  const now = Date.now();
  const rows = [];
  for (const g of guides) {
    const h = crypto.createHash('md5').update(g.documentId).digest();
    if (h[0] < 77) continue; // about 30% never reviewed
    const reviewed = new Date(now - ((h[1] * 256 + h[2]) % 400) * 86400000);
    rows.push({
      [col('documentId')]: crypto.randomBytes(12).toString('hex'),
      [col('subjectUid')]: GUIDE,
      [col('subjectDocumentId')]: g.documentId,
      [col('subjectKey')]: `${g.item}/${g.stage}/${g.unit}`,
      [col('reviewedAt')]: sqlite ? reviewed.getTime() : reviewed,
      [col('source')]: 'import',
      [col('createdAt')]: sqlite ? now : new Date(now),
      [col('updatedAt')]: sqlite ? now : new Date(now),
      [col('publishedAt')]: sqlite ? now : new Date(now),
    });
  }
  for (let i = 0; i < rows.length; i += 500) await knex(reviewMeta.tableName).insert(rows.slice(i, i + 500));
  await knex.raw('ANALYZE');
  return rows.length;
}

async function main() {
  return withStrapi(async (app) => {
    const knex = app.db.connection;
    const report = app.plugin('linkage').service('ownership-report');
    const expected = app.plugin('linkage').service('expected-handlers');
    await expected.idle();
    const guideMeta = app.db.metadata.get(GUIDE);
    const guideRows = Number((await knex(guideMeta.tableName).count({ n: '*' }))[0].n);
    console.log(`Database: ${app.db.dialect.client}, ${guideRows} guide rows (every locale, draft and published)`);
    let started = Date.now();
    const handlerRows = await expected.rebuild();
    console.log(`Expected-handler table rebuilt: ${handlerRows} rows in ${Date.now() - started} ms`);
    started = Date.now();
    const reviews = await addReviews(app);
    if (reviews) console.log(`Reviews recorded for the bench: ${reviews} in ${Date.now() - started} ms`);
    // The loader and the reviews above write with knex, past the Document Service: the per-guide
    // facts the report reads are rebuilt once (what `npm run linkage -- report rebuild` does).
    started = Date.now();
    const facts = await app.plugin('linkage').service('guide-facts').rebuildFacts();
    console.log(`Guide facts rebuilt: ${facts} rows in ${Date.now() - started} ms`);

    const city = (await report.summary({})).params.unit;
    const district = (await knex(app.db.metadata.get('plugin::linkage.unit').tableName).where('level', 'district').orderBy('code').first('code')).code;
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);

    console.log('\n| scenario | runs | median ms | p95 ms | min ms | max ms |\n|---|---|---|---|---|---|');
    await time('baseline: select count(*) of guide rows', runs, () => knex(guideMeta.tableName).count({ n: '*' }));
    const whole = await time(`report, whole city (${city}, subtree)`, runs, () => report.summary({ unit: city, subtree: 'true' }));
    const part = await time(`report, one district's subtree (${district})`, runs, () => report.summary({ unit: district, subtree: 'true' }));
    await time('drill-down, first 100 overdue records of the city', runs, () => report.records({ category: 'overdue', limit: '100' }));
    let rows = 0;
    const csvRuns = Math.max(3, Math.ceil(runs / 2));
    const csvMs = [];
    for (let i = 0; i < csvRuns; i += 1) {
      rows = 0;
      const t0 = Date.now();
      const stream = await report.recordsCsv({ category: 'all' });
      await pipeline(
        stream,
        new Writable({
          write(chunk, _enc, done) {
            rows += (chunk.toString().match(/\r\n/g) || []).length;
            done();
          },
        })
      );
      csvMs.push(Date.now() - t0);
    }
    const s = stats(csvMs);
    console.log(`| CSV of every record of the city (${rows - 1} rows, streamed) | ${csvRuns} | ${fmt(s.median)} | ${fmt(s.p95)} | ${fmt(s.min)} | ${fmt(s.max)} |`);
    const naiveLimit = 10000;
    await time(`naive: Document Service findMany, ${naiveLimit} published guides with populate=*`, 1, () =>
      app.documents(GUIDE).findMany({ status: 'published', locale: 'zh-Hans', populate: '*', limit: naiveLimit })
    );
    clearInterval(sampler);
    console.log(`\nCSV: ${fmt((rows - 1) / (s.median / 1000))} rows/s (median); peak RSS of this process ${fmt(peak / 1048576)} MB`);
    console.log(`City totals: ${JSON.stringify(whole.totals)}`);
    console.log(`District totals: ${JSON.stringify(part.totals)}`);
    return 0;
  });
}

run(main);
