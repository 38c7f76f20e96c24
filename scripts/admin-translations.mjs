#!/usr/bin/env node
// Which of Strapi's own admin texts still have no Chinese: for each package editors meet (the admin,
// the Content Manager, i18n), the ids in its English catalogue that neither its zh-Hans catalogue
// nor src/admin/translations/zh-Hans.json translates. Run after upgrading Strapi.
//   npm run admin:translations [-- --all]   (--all: list every id, not only the counts)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const app = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ours = JSON.parse(fs.readFileSync(path.join(app, 'src/admin/translations/zh-Hans.json'), 'utf8'));
// [package, catalogue folder, id prefix, whether Strapi's own zh-Hans applies at all]
const packages = [
  ['admin', 'node_modules/@strapi/admin/dist/admin/admin/src/translations', '', true],
  // Its catalogue keys the Chinese as "content-manager.…" and Strapi prefixes it again: none applies.
  ['content-manager', 'node_modules/@strapi/content-manager/dist/admin/translations', 'content-manager.', false],
  ['i18n', 'node_modules/@strapi/i18n/dist/admin/translations', 'i18n.', true],
];
const all = process.argv.includes('--all');
for (const [name, dir, prefix, applies] of packages) {
  const load = async (file) => (fs.existsSync(path.join(app, dir, file)) ? (await import(path.join(app, dir, file))).default : {});
  const en = await load('en.json.mjs');
  const zh = await load('zh-Hans.json.mjs');
  const theirs = new Set(applies ? Object.keys(zh).map((k) => prefix + k) : []);
  const missing = Object.keys(en)
    .map((k) => prefix + k)
    .filter((id) => !(id in ours) && !theirs.has(id));
  console.log(`${name}: ${Object.keys(en).length} texts, ${missing.length} without Chinese`);
  if (all) for (const id of missing) console.log(`  ${id}: ${JSON.stringify(en[id.slice(prefix.length)])}`);
}
