#!/usr/bin/env node
// The benchmark server: the app's Strapi in production mode, listening on BENCH_PORT, with two
// routes added for comparison in the same process:
//   GET /bench/noop                 a do-nothing Strapi route (auth: false): the ceiling
//   GET /bench/rest/route/:slug     the Document Service reads that Strapi's REST API would make to
//                                   serve the same route (item by slug with populate=*, then its
//                                   published guides for the route's stages and units with populate=*),
//                                   returned as JSON without the navigator's cache.
'use strict';
const path = require('node:path');

const APP_DIR = path.resolve(__dirname, '..', '..');

async function main() {
  process.env.NODE_ENV = 'production';
  process.env.LINKAGE_SEED_DEMO = process.env.LINKAGE_SEED_DEMO ?? 'true';
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  require('../ensure-env');
  const { createStrapi } = require('@strapi/strapi');
  const app = createStrapi({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist'), autoReload: false, serveAdminPanel: false });
  app.log.level = 'error';
  await app.load();

  const ITEM = 'plugin::linkage.item';
  const known = new Map();
  const pairsFor = async (slug, answers, locale) => {
    const key = JSON.stringify([slug, answers, locale]);
    if (!known.has(key)) {
      const routed = JSON.parse((await app.plugin('linkage').service('navigator').route(slug, answers, locale)).body).data;
      known.set(
        key,
        routed.stages.filter((s) => s.handler).map((s) => ({ stageKey: s.key, unitCode: s.handler.unit.code }))
      );
    }
    return known.get(key);
  };
  const GUIDE = 'plugin::linkage.guide';
  app.server.routes([
    {
      method: 'GET',
      path: '/bench/noop',
      handler: (ctx) => {
        ctx.body = 'ok';
      },
      config: { auth: false },
    },
    {
      method: 'GET',
      path: '/bench/rest/route/:slug',
      handler: async (ctx) => {
        const locale = ctx.query.locale || 'zh-Hans';
        const item = await app.documents(ITEM).findFirst({ filters: { slug: ctx.params.slug }, populate: '*', status: 'published', locale });
        if (!item) return ctx.notFound();
        // The (stage, unit) pairs a REST client would have to know already: worked out once per URL.
        const pairs = await pairsFor(ctx.params.slug, ctx.query.answers, locale);
        const guides = pairs.length ? await app.documents(GUIDE).findMany({ filters: { itemCode: item.code, $or: pairs }, populate: '*', status: 'published', locale }) : [];
        ctx.body = { data: { item, guides } };
      },
      config: { auth: false },
    },
  ]);
  // The reads REST would make for one unit's page of an item: the item, and the unit's guides of it.
  app.server.routes([
    {
      method: 'GET',
      path: '/bench/rest/site/:unitCode/items/:slug',
      handler: async (ctx) => {
        const locale = ctx.query.locale || 'zh-Hans';
        const item = await app.documents(ITEM).findFirst({ filters: { slug: ctx.params.slug }, populate: '*', status: 'published', locale });
        if (!item) return ctx.notFound();
        const [unit] = await app.documents('plugin::linkage.unit').findMany({ filters: { code: ctx.params.unitCode }, locale });
        const guides = await app.documents(GUIDE).findMany({ filters: { itemCode: item.code, unitCode: ctx.params.unitCode }, populate: '*', status: 'published', locale });
        ctx.body = { data: { item, unit, guides } };
      },
      config: { auth: false },
    },
  ]);
  const port = Number(process.env.BENCH_PORT || 1399);
  await new Promise((resolve) => app.server.listen(port, '127.0.0.1', resolve));
  // SIGTERM (the harness's stop) drains and exits: the plugin's handler (docs/adr/018-graceful-shutdown.md).
  process.stdout.write(`READY ${port}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
