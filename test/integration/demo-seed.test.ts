import { startDemoStrapi, type TestStrapi } from '../support/strapi';

let t: TestStrapi;
beforeAll(async () => {
  t = await startDemoStrapi();
});
afterAll(async () => {
  await t?.stop();
});

test('the demo is seeded', async () => {
  const token = await t.adminToken();
  const res = await t.http
    .get('/content-manager/collection-types/plugin::linkage.unit?page=1&pageSize=100&locale=zh-Hans')
    .set('Authorization', `Bearer ${token}`);
  expect(res.status).toBe(200);
  expect(res.body.pagination.total).toBe(26);
});
