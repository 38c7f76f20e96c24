// On first start with an empty database, load the Qingdao demo catalog (unless LINKAGE_SEED_DEMO=false),
// its review dates moved so that the demo always shows the same picture of who is late.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';

interface CatalogService {
  importCatalog(input: unknown, options: { shiftDatesTo?: string; onProgress?: (message: string) => void }): Promise<unknown>;
}

export const DEMO_CATALOG = path.join('database', 'demo', 'qingdao-demo.json');

export async function seedDemoIfEmpty(strapi: Core.Strapi): Promise<void> {
  if (process.env.LINKAGE_SEED_DEMO === 'false') return;
  if ((await strapi.db.query('plugin::linkage.unit').count()) > 0) return;
  const file = path.join(strapi.dirs.app.root, DEMO_CATALOG);
  const catalog: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
  const started = Date.now();
  strapi.log.info(`[linkage] Empty database: seeding the demo catalog from ${DEMO_CATALOG} (set LINKAGE_SEED_DEMO=false to skip)`);
  const service = strapi.plugin('linkage').service('catalog') as unknown as CatalogService;
  await service.importCatalog(catalog, {
    shiftDatesTo: new Date().toISOString().slice(0, 10),
    onProgress: (message) => strapi.log.info(`[linkage] ${message.trim()}`),
  });
  strapi.log.info(`[linkage] Demo catalog seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
