#!/usr/bin/env node
// npm run catalog:import -- FILE [--dry-run]
// npm run catalog:export -- FILE        (FILE "-" writes to standard output)
// npm run catalog:export -- --format cpsv-ap FILE [--item SLUG|CODE]   (CPSV-AP 3.2.0 JSON-LD)
// --format national-list: the national implementation list (scripts/lib/national-list.js)
// Boots Strapi without its HTTP server against the configured database (.env, DATABASE_*).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { Readable } = require('node:stream');
const { pipeline } = require('node:stream/promises');
const { run, withStrapi } = require('./lib/headless-strapi');
const nationalList = require('./lib/national-list');

const usage = `Usage:
  npm run catalog:import -- FILE [--dry-run]   check FILE, then write it all or nothing
  npm run catalog:export -- FILE               write the stored catalog to FILE ("-" for standard output)
  npm run catalog:export -- --format cpsv-ap FILE [--item SLUG|CODE]
                                               write the published catalog (or one item) as CPSV-AP 3.2.0 JSON-LD
${nationalList.usage.replace(/^Usage:\n/, '')}`;

/**
 * `export --format cpsv-ap FILE [--item SLUG|CODE]`: what GET /api/linkage/exports/cpsv-ap.jsonld
 * serves (the plugin's cpsv-ap service), streamed to FILE as it is read. Null: not this command.
 */
function cpsvApExport(args) {
  if (args[0] !== 'export' || args[1] !== '--format' || args[2] !== 'cpsv-ap') return null;
  const [file, ...flags] = args.slice(3);
  const item = flags[0] === '--item' && flags.length === 2 ? flags[1] : undefined;
  if (!file || file.startsWith('--') || (flags.length > 0 && item === undefined)) {
    console.error(usage);
    return Promise.resolve(2);
  }
  return withStrapi(async (app) => {
    const exported = await app
      .plugin('linkage')
      .service('cpsv-ap')
      .open(item === undefined ? {} : { item });
    const out = file === '-' ? process.stdout : fs.createWriteStream(path.resolve(file));
    await pipeline(Readable.from(exported.chunks), out, { end: file !== '-' });
    console.error(`Exported ${item === undefined ? 'the published catalog' : `the item ${item}`} as CPSV-AP 3.2.0 JSON-LD${file === '-' ? '' : ` to ${file}`}`);
    return 0;
  });
}

async function main() {
  const cpsvAp = cpsvApExport(process.argv.slice(2));
  if (cpsvAp) return cpsvAp;
  if (nationalList.wants(process.argv.slice(2))) return nationalList.main(process.argv.slice(2));
  const [command, file, ...flags] = process.argv.slice(2);
  if (!['import', 'export'].includes(command) || !file || flags.some((f) => f !== '--dry-run')) {
    console.error(usage);
    return 2;
  }
  const dryRun = flags.includes('--dry-run');
  let input;
  if (command === 'import') {
    let text;
    try {
      text = fs.readFileSync(path.resolve(file), 'utf8');
    } catch (error) {
      console.error(`Cannot read ${file}: ${error.message}`);
      return 1;
    }
    try {
      input = JSON.parse(text);
    } catch (error) {
      console.error(`${file} is not JSON: ${error.message}`);
      return 1;
    }
  }

  const progress = (message) => console.error(message);
  return withStrapi(async (app) => {
    const catalog = app.plugin('linkage').service('catalog');
    if (command === 'export') {
      const exported = await catalog.exportCatalog();
      const json = `${JSON.stringify(exported, null, 2)}\n`;
      if (file === '-') process.stdout.write(json);
      else fs.writeFileSync(path.resolve(file), json);
      progress(
        `Exported ${exported.units.length} units, ${exported.departments.length} departments, ${exported.items.length} items, ` +
          `${exported.guides.length} guides, ${(exported.responsibilityRules || []).length} responsibility rules${file === '-' ? '' : ` to ${file}`}`
      );
      return 0;
    }
    const summary = await catalog.importCatalog(input, { dryRun, onProgress: progress });
    const line = (label, counts) => `  ${label.padEnd(22)} ${counts.create} new, ${counts.update} changed, ${counts.unchanged} unchanged`;
    console.log(dryRun ? `Dry run of ${file}: nothing was written. The import would make:` : `Imported ${file}:`);
    console.log(line('units', summary.units));
    console.log(line('departments', summary.departments));
    console.log(line('items', summary.items));
    console.log(line('guides', summary.guides));
    console.log(line('responsibility rules', summary.responsibilityRules));
    console.log(`  ${'guide spec'.padEnd(22)} ${summary.guideSpec}`);
    console.log(`  ${'reviews recorded'.padEnd(22)} ${summary.reviewsAdded}`);
    if (summary.localesAdded.length > 0) console.log(`  locales added: ${summary.localesAdded.join(', ')}`);
    return 0;
  });
}

run(main);
