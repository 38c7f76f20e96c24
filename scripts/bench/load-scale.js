#!/usr/bin/env node
// Loads the Qingdao-scale catalog (lib/scale-catalog.js) into an EMPTY database: units,
// departments and items through the plugin's catalog import (every rule checked), then ~100,000
// guides bulk-inserted with knex (the Document Service would take hours), both locales, draft and
// published, with their components.
// Usage: DATABASE_CLIENT=... DATABASE_NAME=... node scripts/bench/load-scale.js
'use strict';
const crypto = require('node:crypto');
const path = require('node:path');
const { withStrapi, run, APP_DIR } = require('../lib/headless-strapi');
const { baseCatalog, guides } = require('./lib/scale-catalog');

const { guideRow } = require(path.join(APP_DIR, 'src/plugins/linkage/dist/server/domain/catalog-records'));
const { guideTitle } = require(path.join(APP_DIR, 'src/plugins/linkage/dist/server/domain/guide-title'));
const { toStoredLogic } = require(path.join(APP_DIR, 'src/plugins/linkage/dist/server/domain/stored-logic'));

const BATCH = 500;
const documentId = () => crypto.randomBytes(12).toString('hex').slice(0, 24);

async function main() {
  return withStrapi(async (app) => {
    if ((await app.db.query('plugin::linkage.unit').count()) > 0) {
      console.error('The database is not empty: load the scale catalog into an empty one (LINKAGE_SEED_DEMO=false on its first start).');
      return 1;
    }
    const catalog = baseCatalog();
    const started = Date.now();
    console.error(`Importing ${catalog.units.length} units, ${catalog.departments.length} departments, ${catalog.items.length} items...`);
    await app
      .plugin('linkage')
      .service('catalog')
      .importCatalog(catalog, { onProgress: (m) => console.error(m) });
    console.error(`  done in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    const knex = app.db.connection;
    const sqlite = app.db.dialect.client === 'sqlite';
    const now = new Date();
    const stamp = sqlite ? now.getTime() : now;
    const meta = (uid) => app.db.metadata.get(uid);
    const guideMeta = meta('plugin::linkage.guide');
    const materialMeta = meta('linkage.material');
    const timeMeta = meta('linkage.time-limit');
    const join = guideMeta.attributes.materials.joinTable;
    const column = (m, attribute) => m.attributes[attribute].columnName;
    const nextId = async (table) => Number((await knex(table).max('id as max').first()).max ?? 0) + 1;
    let guideId = await nextId(guideMeta.tableName);
    let materialId = await nextId(materialMeta.tableName);
    let timeId = await nextId(timeMeta.tableName);
    let joinId = await nextId(join.name);

    const pending = { guides: [], materials: [], times: [], joins: [] };
    const flush = async (trx) => {
      for (const [table, rows] of [
        [guideMeta.tableName, pending.guides],
        [materialMeta.tableName, pending.materials],
        [timeMeta.tableName, pending.times],
        [join.name, pending.joins],
      ]) {
        for (let i = 0; i < rows.length; i += BATCH) await trx(table).insert(rows.slice(i, i + BATCH));
        rows.length = 0;
      }
    };

    // Guide titles (item · stage · unit) per locale, as the plugin writes them.
    const namesIn = (locale) => ({
      items: new Map(catalog.items.map((i) => [i.code, i.title[locale]])),
      stages: new Map(catalog.items.flatMap((i) => i.stages.map((s) => [`${i.code}/${s.key}`, s.name[locale]]))),
      units: new Map(catalog.units.map((u) => [u.code, u.name[locale]])),
    });
    const titleNames = Object.fromEntries(catalog.locales.map((locale) => [locale, namesIn(locale)]));

    const loadStarted = Date.now();
    let count = 0;
    await knex.transaction(async (trx) => {
      for (const guide of guides(catalog)) {
        const id = documentId();
        for (const locale of catalog.locales) {
          const row = guideRow(guide, locale);
          for (const published of [false, true]) {
            const entity = guideId++;
            pending.guides.push({
              id: entity,
              [column(guideMeta, 'documentId')]: id,
              [column(guideMeta, 'title')]: guideTitle(row, titleNames[locale]),
              [column(guideMeta, 'itemCode')]: row.itemCode,
              [column(guideMeta, 'stageKey')]: row.stageKey,
              [column(guideMeta, 'unitCode')]: row.unitCode,
              [column(guideMeta, 'departmentCode')]: row.departmentCode,
              [column(guideMeta, 'conditions')]: row.conditions,
              [column(guideMeta, 'noMaterialsNeeded')]: row.noMaterialsNeeded,
              [column(guideMeta, 'fee')]: row.fee,
              [column(guideMeta, 'onlineUrl')]: row.onlineUrl,
              [column(guideMeta, 'address')]: row.address,
              [column(guideMeta, 'hours')]: row.hours,
              [column(guideMeta, 'phone')]: row.phone,
              [column(guideMeta, 'createdAt')]: stamp,
              [column(guideMeta, 'updatedAt')]: stamp,
              [column(guideMeta, 'publishedAt')]: published ? stamp : null,
              [column(guideMeta, 'locale')]: locale,
            });
            row.materials.forEach((m, order) => {
              const cmp = materialId++;
              const when = toStoredLogic(m.when);
              pending.materials.push({
                id: cmp,
                [column(materialMeta, 'name')]: m.name,
                [column(materialMeta, 'original')]: m.original,
                [column(materialMeta, 'copies')]: m.copies,
                [column(materialMeta, 'required')]: m.required,
                [column(materialMeta, 'when')]: when === null ? null : JSON.stringify(when),
                [column(materialMeta, 'blankForm')]: m.blankForm,
              });
              pending.joins.push({
                id: joinId++,
                [join.joinColumn.name]: entity,
                [join.inverseJoinColumn.name]: cmp,
                component_type: 'linkage.material',
                field: 'materials',
                [join.orderColumnName]: order + 1,
              });
            });
            if (row.timeLimit) {
              const cmp = timeId++;
              pending.times.push({ id: cmp, [column(timeMeta, 'statutoryDays')]: row.timeLimit.statutoryDays, [column(timeMeta, 'promisedDays')]: row.timeLimit.promisedDays });
              pending.joins.push({
                id: joinId++,
                [join.joinColumn.name]: entity,
                [join.inverseJoinColumn.name]: cmp,
                component_type: 'linkage.time-limit',
                field: 'timeLimit',
                [join.orderColumnName]: 1,
              });
            }
          }
        }
        count += 1;
        if (pending.guides.length >= BATCH * 4) await flush(trx);
        if (count % 10000 === 0) console.error(`  guides: ${count} loaded (${((Date.now() - loadStarted) / 1000).toFixed(0)} s)`);
      }
      await flush(trx);
      if (!sqlite) {
        for (const table of [guideMeta.tableName, materialMeta.tableName, timeMeta.tableName, join.name]) {
          await trx.raw(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT MAX(id) FROM "${table}"))`);
        }
      }
    });
    // Fresh statistics, as a database that grew by use would have them.
    await knex.raw('ANALYZE');
    app.plugin('linkage').service('published').invalidate();
    console.error(`Loaded ${count} guides (${count * catalog.locales.length * 2} rows) in ${((Date.now() - loadStarted) / 1000).toFixed(0)} s`);
    return 0;
  });
}

run(main);
