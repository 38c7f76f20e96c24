// Several instances share one database: a change published by another instance (here the catalog
// command, in a child process, on the same database) shows on this instance's next request after at
// most a second, although this instance cached the page before.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { APP_DIR, TEST_TMP } from '../support/env';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

const run = promisify(execFile);
let t: TestStrapi;
beforeAll(async () => {
  t = await startDemoStrapi();
});
afterAll(async () => {
  await t?.stop();
});

const ROUTE =
  '/api/linkage/items/enterprise-employee-retirement-certification/route?answers[retirement_type]=normal&answers[enterprise_type]=domestic&answers[enterprise_location]=370281000000';
const PAGE = '/sites/370281000000/items/enterprise-employee-retirement-certification?locale=zh-Hans';

test('a guide published by another instance appears on the next request, route and page alike', async () => {
  const before = await t.http.get(ROUTE);
  expect(before.body.data.stages[0].guide.fee).toBe('不收费');
  const page = await t.http.get(PAGE);
  expect(page.text).toContain('不收费');

  const catalog = await t.strapi.plugin('linkage').service('catalog').exportCatalog();
  const guide = catalog.guides.find((g: { item: string; unit: string; stage: string }) => g.item === 'QD-SI-001' && g.unit === '370281000000' && g.stage === 'district-review');
  guide.fee = { 'zh-Hans': '每件收取工本费5元', en: 'A fee of 5 yuan' };
  const file = path.join(TEST_TMP, `coherence-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(catalog));
  const result = await run('node', [path.join(APP_DIR, 'scripts', 'catalog.js'), 'import', file], { cwd: APP_DIR, env: { ...process.env, ...t.database.env } });
  fs.rmSync(file);
  expect(result.stdout).toMatch(/guides\s+0 new, 1 changed/);

  await new Promise((resolve) => setTimeout(resolve, 1100));
  const after = await t.http.get(ROUTE);
  expect(after.body.data.stages[0].guide.fee).toBe('每件收取工本费5元');
  expect((await t.http.get(PAGE)).text).toContain('每件收取工本费5元');
  expect(after.headers.etag).not.toBe(before.headers.etag);
});
