#!/usr/bin/env node
// Site page renders in one thread, side by side in the same process: every unit's page of an item
// (the view models a miss sends its render thread, captured from the sites service), rendered by
// liquidjs alone and by the direct render (docs/adr/024-liquid-direct-render.md), alternately, after
// checking that both give the same bytes for every page. What a render thread spends on a miss,
// without the hand-off, the head or HTTP; scripts/bench/sites.js measures the same pages under load.
// Usage: DATABASE_FILENAME=.tmp/scale.db node scripts/bench/render.js [--slug S] [--rounds 6]
'use strict';
const path = require('node:path');
const { arg } = require('./lib/harness');
const { APP_DIR, withStrapi } = require('../lib/headless-strapi');

const SLUG = arg('slug', 'public-rental-housing-001');
const ROUNDS = Number(arg('rounds', 6));

/** The render tasks of every unit's page of the item, as the sites service hands them to its renderer. */
function capturedPages() {
  process.env.NODE_ENV = 'production';
  // Nothing cached: every page is rendered, so every page is seen.
  process.env.LINKAGE_CACHE_BYTES = '1';
  return withStrapi(async (app) => {
    const renderer = app.plugin('linkage').service('renderer');
    const pages = [];
    let templates = new Map();
    const render = renderer.render;
    renderer.render = async (set, page, data) => {
      templates = set;
      // As the render thread receives it: a structured copy.
      pages.push({ page, data: structuredClone(data) });
      return render(set, page, data);
    };
    const sites = app.plugin('linkage').service('sites');
    const snapshot = await app.plugin('linkage').service('published').snapshot();
    for (const code of snapshot.units.keys()) {
      try {
        await sites.itemPage(code, SLUG, 'zh-Hans');
      } catch {
        // the unit takes no part in the item: it has no page of it
      }
    }
    return { templates: new Map(templates), pages };
  });
}

async function main() {
  const { templates, pages } = await capturedPages();
  const { templateEngine, DIRECT_RENDER_PROBLEM } = require(path.join(APP_DIR, 'src/plugins/linkage/dist/server/domain/templates.js'));
  if (DIRECT_RENDER_PROBLEM) throw new Error(`this liquidjs cannot render directly: ${DIRECT_RENDER_PROBLEM}`);
  const engines = { 'liquidjs alone': templateEngine(templates, { directRender: false }), 'direct render': templateEngine(templates, { directRender: true }) };
  let bytes = 0;
  for (const { page, data } of pages) {
    const [a, b] = Object.values(engines).map((engine) => engine.renderFileSync(page, data));
    if (a !== b) throw new Error(`the two engines differ on a page of ${SLUG}`);
    bytes += a.length;
  }
  const times = Object.fromEntries(Object.keys(engines).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, engine] of Object.entries(engines)) {
      const started = process.hrtime.bigint();
      for (const { page, data } of pages) engine.renderFileSync(page, data);
      times[name].push(Number(process.hrtime.bigint() - started) / 1e6 / pages.length);
    }
  }
  const median = (list) => [...list].sort((x, y) => x - y)[list.length >> 1];
  console.log(`\nrenders of every unit's page of ${SLUG} in one thread: ${pages.length} pages, ${Math.round(bytes / pages.length)} characters a page, the same from both\n`);
  console.log('| engine | ms a page, each round | median |\n|---|---|---|');
  for (const [name, list] of Object.entries(times)) console.log(`| ${name} | ${list.map((ms) => ms.toFixed(3)).join(' / ')} | ${median(list).toFixed(3)} |`);
  console.log(`\ndirect / liquidjs alone: ${(median(times['direct render']) / median(times['liquidjs alone'])).toFixed(2)}`);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
