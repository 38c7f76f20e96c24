// The Content Manager's relation picker reads guides straight from the database, so no document
// middleware sees it; the plugin's router middleware keeps an editor's picker to their scope.
// No content type of the model relates to guides yet (records name guides by code), so this test
// runs the middleware on what the picker would answer for a relation to guides.
import { relationPickerScope } from '../../src/plugins/linkage/server/src/access/relation-picker';
import { ROLES, createAdmin } from '../support/admins';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

let t: TestStrapi;
beforeAll(async () => {
  t = await startDemoStrapi();
});
afterAll(async () => {
  await t?.stop();
});

const GUIDE = 'plugin::linkage.guide';

interface Row {
  documentId: string;
  unitCode: string;
}

async function pickerAnswer(): Promise<{ results: Row[]; pagination: { total: number } }> {
  const rows = (await t.strapi.db.query(GUIDE).findMany({ where: { locale: 'zh-Hans', publishedAt: null }, select: ['documentId', 'unitCode'] })) as Row[];
  return { results: rows, pagination: { total: rows.length } };
}

async function asAdmin(email: string, body: unknown, targetField = 'localizations', model = GUIDE) {
  const user = await t.strapi.db.query('admin::user').findOne({ where: { email }, populate: ['roles'] });
  const ctx = { params: { model, targetField }, body };
  const request = { state: { user, auth: { strategy: { name: 'admin' } } } };
  await t.strapi.requestContext.run(request as never, () => relationPickerScope(t.strapi)(ctx, async () => undefined));
  return ctx.body as { results: Row[]; pagination: { total: number } };
}

test("an editor's picker lists only the guides of their units, with the total to match", async () => {
  await createAdmin(t, 'badaguan.picker@linkage.test', [ROLES.unitEditor], [{ unitCode: '370202001000' }]);
  const answer = await pickerAnswer();
  expect(answer.results.length).toBe(88);
  const scoped = await asAdmin('badaguan.picker@linkage.test', answer);
  expect(new Set(scoped.results.map((r) => r.unitCode))).toEqual(new Set(['370202001000']));
  expect(scoped.results).toHaveLength(2);
  expect(scoped.pagination.total).toBe(2);
});

test('a subtree editor sees their unit and every unit below it; an editor without membership sees none', async () => {
  await createAdmin(t, 'jiaozhou.picker@linkage.test', [ROLES.unitEditor], [{ unitCode: '370281000000', scope: 'subtree' }]);
  const scoped = await asAdmin('jiaozhou.picker@linkage.test', await pickerAnswer());
  expect(new Set(scoped.results.map((r) => r.unitCode))).toEqual(new Set(['370281000000', '370281001000', '370281002000', '370281001001', '370281001002']));
  await createAdmin(t, 'nobody.picker@linkage.test', [ROLES.unitEditor]);
  expect((await asAdmin('nobody.picker@linkage.test', await pickerAnswer())).results).toEqual([]);
});

test('city managers and auditors see every guide; relations to other types are left alone', async () => {
  await createAdmin(t, 'manager.picker@linkage.test', [ROLES.cityManager]);
  await createAdmin(t, 'auditor.picker@linkage.test', [ROLES.auditor]);
  expect((await asAdmin('manager.picker@linkage.test', await pickerAnswer())).results).toHaveLength(88);
  expect((await asAdmin('auditor.picker@linkage.test', await pickerAnswer())).results).toHaveLength(88);
  await createAdmin(t, 'xianggang.picker@linkage.test', [ROLES.unitEditor], [{ unitCode: '370202002000' }]);
  const users = { results: [{ documentId: 'x', unitCode: '370203000000' }], pagination: { total: 1 } };
  expect(await asAdmin('xianggang.picker@linkage.test', users, 'createdBy')).toEqual(users);
});
