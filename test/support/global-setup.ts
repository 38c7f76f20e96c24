// Seeds the demo once per test run into a template database that every test file copies, and has
// the admin panel built for the browser tests (only when its sources changed).
import fs from 'node:fs';
import { ensureAdminBuilt } from './admin-build';
import { TEST_ADMIN, TEST_TMP, applyTestEnv, databaseClient } from './env';
import { emptyDatabase, templateName } from './databases';
import { settle } from './settle';
import { bootStrapi } from './strapi';

export default async function globalSetup(): Promise<void> {
  applyTestEnv();
  fs.mkdirSync(TEST_TMP, { recursive: true });
  ensureAdminBuilt((line) => process.stderr.write(`\n${line}\n`));
  const started = Date.now();
  const template = await emptyDatabase(templateName());
  const app = await bootStrapi(template, { LINKAGE_SEED_DEMO: 'true', ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password });
  await settle(app);
  await app.destroy();
  process.stderr.write(`\n[linkage tests] ${databaseClient()} template ${template.name} seeded in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
