// Refusals name the right thing for every linkage type and every bulk action, in the language of the
// admin who asked: their Strapi profile's interface language, else their browser's Accept-Language.
import { createAdmin, ROLES, type SignedInAdmin } from '../support/admins';
import { changesSince, GUIDE, UNIT, guideId, guideRef, inAdminRequest, refusalOf } from '../support/roles-matrix';
import { storedData } from '../support/stored-data';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

const CM = '/content-manager/collection-types';

/** Every linkage type with how people name it in each language. */
const TYPES: Array<[uid: string, en: RegExp, zh: RegExp]> = [
  ['plugin::linkage.unit', /\bunits\b/, /行政单位/],
  ['plugin::linkage.department', /\bdepartments\b/, /部门/],
  ['plugin::linkage.item', /\bitems\b/, /联动事项/],
  ['plugin::linkage.responsibility-rule', /\bresponsibility rules\b/, /内容保障职责/],
  ['plugin::linkage.site-template', /\bsite templates\b/, /展现模板/],
  ['plugin::linkage.membership', /\bmemberships\b/, /成员关系/],
  ['plugin::linkage.review', /\breviews\b/, /复核记录/],
  ['plugin::linkage.audit-entry', /\bAudit entries are append-only\b/, /审计条目只能追加/],
  ['plugin::linkage.change', /\bchanges are derived\b/, /变更记录由 Linkage/],
  ['plugin::linkage.expected-handler', /\bexpected handlers are derived\b/, /应办理单位记录由 Linkage/],
  ['plugin::linkage.guide-fact', /\bguide facts are derived\b/, /指南统计记录由 Linkage/],
];

let t: TestStrapi;
let shinan: SignedInAdmin;
let shinanZh: SignedInAdmin;

beforeAll(async () => {
  t = await startDemoStrapi();
  shinan = await createAdmin(t, 'denials-shinan@linkage.test', [ROLES.unitEditor], [{ unitCode: UNIT.shinan }]);
  shinanZh = await createAdmin(t, 'denials-shinan-zh@linkage.test', [ROLES.unitEditor], [{ unitCode: UNIT.shinan }]);
  await t.strapi.db.query('admin::user').update({ where: { id: shinanZh.id }, data: { preferedLanguage: 'zh-Hans' } });
});
afterAll(async () => {
  await t?.stop();
});

/** A Document Service write of `uid` by `who`, inside an admin request with this Accept-Language. */
async function writeAs(who: SignedInAdmin, uid: string, acceptLanguage?: string) {
  const user = (await t.strapi.db.query('admin::user').findOne({ where: { id: who.id }, populate: ['roles'] })) as object;
  const ctx = { state: { user, auth: { strategy: { name: 'admin' } } }, get: (h: string) => (h.toLowerCase() === 'accept-language' ? (acceptLanguage ?? '') : '') };
  const run = t.strapi.requestContext.run.bind(t.strapi.requestContext) as unknown as (store: object, cb: () => Promise<unknown>) => Promise<unknown>;
  return refusalOf(() => run(ctx, () => (t.strapi.documents(uid as 'plugin::linkage.unit') as unknown as { create(p: object): Promise<unknown> }).create({ data: {} })));
}

describe('every type is named as people name it', () => {
  test.each(TYPES)('%s: in English, then in Chinese (Accept-Language), then in Chinese (profile)', async (uid, en, zh) => {
    const english = await writeAs(shinan, uid);
    expect(english?.name).toBe('PolicyError');
    expect(english?.message).toMatch(en);
    expect(english?.message).not.toMatch(/undefined|entrys|\b[a-z]+ys\b/);
    const chinese = await writeAs(shinan, uid, 'zh-CN,zh;q=0.9,en;q=0.5');
    expect(chinese?.message).toMatch(zh);
    expect(chinese?.message).not.toMatch(/undefined/);
    expect((await writeAs(shinanZh, uid, 'en-US'))?.message).toMatch(zh);
  });

  test('a guide without an owner, by an editor, says so in their language', async () => {
    expect((await writeAs(shinan, GUIDE))?.message).toMatch(/a guide must name its owning unit \(unitCode\), one of your units \(Shinan District \(370202000000\)\)/);
    expect((await writeAs(shinanZh, GUIDE))?.message).toMatch(/指南必须写明所属单位（unitCode），且须是你的单位之一（市南区 \(370202000000\)）/);
  });

  test('the Content Manager refusing a stock-role-less type names it too (no "undefined")', async () => {
    const res = await t.http.post(`${CM}/plugin::linkage.unit?locale=zh-Hans`).set(shinan.auth).send({ code: '370202009000' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/only a city manager may change units/);
    const zh = await t.http.post(`${CM}/plugin::linkage.unit?locale=zh-Hans`).set(shinanZh.auth).send({ code: '370202009000' });
    expect(zh.body.error.message).toMatch(/只有市级管理员可以修改行政单位/);
  });
});

describe('bulk actions name the units of the guides outside the editor’s', () => {
  const jiaozhou = guideRef('QD-SI-001', 'district-review', UNIT.jiaozhou);
  const shibei = guideRef('QD-SI-001', 'district-review', UNIT.shibei);
  const own = guideRef('QD-SI-001', 'district-review', UNIT.shinan);

  test.each([
    ['bulkPublish', /you may not publish them/, /你不能发布它们/],
    ['bulkUnpublish', /you may not unpublish them/, /你不能撤销发布它们/],
    ['bulkDelete', /you may not delete them/, /你不能删除它们/],
  ])('%s of an own guide and two others: 403 naming 胶州市 and 市北区, nothing changed', async (action, en, zh) => {
    const documentIds = [await guideId(t.strapi, own), await guideId(t.strapi, jiaozhou), await guideId(t.strapi, shibei)];
    const before = await storedData(t.strapi);
    const res = await t.http.post(`${CM}/${GUIDE}/actions/${action}?locale=zh-Hans`).set(shinan.auth).send({ documentIds });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/Jiaozhou City \(370281000000\)/);
    expect(res.body.error.message).toMatch(/Shibei District \(370203000000\)/);
    expect(res.body.error.message).toMatch(
      /^guides of Shibei District \(370203000000\), Jiaozhou City \(370281000000\) are outside your units \(Shinan District \(370202000000\)\)/
    );
    expect(res.body.error.message).toMatch(en);
    const chinese = await t.http.post(`${CM}/${GUIDE}/actions/${action}?locale=zh-Hans`).set(shinanZh.auth).send({ documentIds });
    expect(chinese.body.error.message).toMatch(/^市北区 \(370203000000\)、胶州市 \(370281000000\)的指南不在你的单位（市南区 \(370202000000\)）之内/);
    expect(chinese.body.error.message).toMatch(zh);
    expect(await changesSince(t.strapi, before)).toEqual([]);
  });

  test('an auditor’s bulk publish of any guides: 403, their roles do not let them publish guides', async () => {
    const auditor = await createAdmin(t, 'denials-auditor@linkage.test', [ROLES.auditor]);
    const res = await t.http
      .post(`${CM}/${GUIDE}/actions/bulkPublish?locale=zh-Hans`)
      .set(auditor.auth)
      .send({ documentIds: [await guideId(t.strapi, own)] });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/do not let you publish guides/);
  });

  test('one guide, inside a request: the guard still names the unit (inAdminRequest)', async () => {
    const documentId = await guideId(t.strapi, jiaozhou);
    const refusal = await inAdminRequest(t.strapi, shinan.id, () => refusalOf(() => t.strapi.documents(GUIDE as 'plugin::linkage.guide').delete({ documentId })));
    expect(refusal?.message).toMatch(/the guide belongs to Jiaozhou City \(370281000000\), which is outside your units/);
  });
});
