// Guides read as what they are, and what editors pick from (issue 10): every guide titled per
// locale from its item, stage and unit; the Content Manager configured with names and labels; a
// shared field published in one language is live in every language; the edit forms' choices; the
// item form checked and drawn before it is saved.
import { createAdmin, ROLES, type SignedInAdmin } from '../support/admins';
import { documentIdOf } from '../support/demo';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

let t: TestStrapi;
let cityManager: SignedInAdmin;
let badaguan: SignedInAdmin;
let outsider: SignedInAdmin;
beforeAll(async () => {
  t = await startDemoStrapi();
  cityManager = await createAdmin(t, 'city-manager@linkage.test', [ROLES.cityManager]);
  badaguan = await createAdmin(t, 'badaguan@linkage.test', [ROLES.unitEditor], [{ unitCode: BADAGUAN }]);
  // A role of its own that may read nothing of the plugin.
  await t.strapi.service('admin::role').create({ name: 'Newsletter', code: 'newsletter', description: 'No linkage permission' });
  outsider = await createAdmin(t, 'newsletter@linkage.test', ['newsletter']);
});
afterAll(async () => {
  await t?.stop();
});

const GUIDE = 'plugin::linkage.guide';
const ITEM = 'plugin::linkage.item';
const UNIT = 'plugin::linkage.unit';
const BADAGUAN = '370202001000';
const CM = (uid: string) => `/content-manager/collection-types/${uid}`;

describe('guide titles', () => {
  test('every demo guide has a title per locale: item · stage · unit', async () => {
    const rows = (await t.strapi.db.query(GUIDE).findMany({ select: ['itemCode', 'stageKey', 'unitCode', 'locale', 'title'] })) as Array<Record<string, string | null>>;
    expect(rows.length).toBeGreaterThan(88);
    expect(rows.filter((r) => !r.title)).toEqual([]);
    const jiaozhou = rows.filter((r) => r.itemCode === 'QD-SI-001' && r.stageKey === 'district-review' && r.unitCode === '370281000000');
    expect(new Set(jiaozhou.map((r) => `${r.locale}: ${r.title}`))).toEqual(
      new Set([
        'zh-Hans: 企业职工退休认证 · 区(市)社会保险经办机构审核 · 胶州市',
        'en: Retirement certification for enterprise employees · Review by the district or county-level city social insurance agency · Jiaozhou City',
      ])
    );
  });

  test('renaming a unit, or an item, retitles its guides', async () => {
    const unitId = await documentIdOf(t.strapi, UNIT, { code: BADAGUAN });
    expect(
      (
        await t.http
          .put(`${CM(UNIT)}/${unitId}?locale=zh-Hans`)
          .set(cityManager.auth)
          .send({ name: '八大关街道办' })
      ).status
    ).toBe(200);
    const titles = async () =>
      ((await t.strapi.db.query(GUIDE).findMany({ where: { unitCode: BADAGUAN, locale: 'zh-Hans' }, select: ['title'] })) as Array<{ title: string }>).map((r) => r.title).sort();
    expect(await titles()).toEqual(expect.arrayContaining(['最低生活保障申请 · 街道(镇)审核 · 八大关街道办']));
    const itemId = await documentIdOf(t.strapi, ITEM, { code: 'QD-CA-001' });
    expect(
      (
        await t.http
          .put(`${CM(ITEM)}/${itemId}?locale=zh-Hans`)
          .set(cityManager.auth)
          .send({ title: '最低生活保障' })
      ).status
    ).toBe(200);
    expect(await titles()).toEqual(expect.arrayContaining(['最低生活保障 · 街道(镇)审核 · 八大关街道办']));
  });
});

describe('the Content Manager shows names, labels and descriptions', () => {
  const configuration = async (admin: SignedInAdmin, uid: string) => (await t.http.get(`/content-manager/content-types/${uid}/configuration`).set(admin.auth)).body.data;

  test('a guide is shown by its title, which is not editable; lists show names', async () => {
    const { contentType } = await configuration(badaguan, GUIDE);
    expect(contentType.settings.mainField).toBe('title');
    expect(contentType.metadatas.title.edit).toMatchObject({ label: 'Guide', editable: false });
    expect(contentType.layouts.list[0]).toBe('title');
    const units = await configuration(badaguan, UNIT);
    expect(units.contentType.settings.mainField).toBe('name');
    expect(units.contentType.layouts.list).not.toContain('code');
  });

  test.each([GUIDE, ITEM, UNIT, 'plugin::linkage.department', 'plugin::linkage.responsibility-rule'])(
    'every field of %s has a label that is not its name, and a description',
    async (uid) => {
      const { contentType, components } = await configuration(cityManager, uid);
      const attributes = Object.keys((t.strapi.contentType(uid as 'plugin::linkage.guide') as { attributes: object }).attributes);
      const own = (name: string) => !['createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations'].includes(name);
      for (const field of attributes.filter(own)) {
        const edit = contentType.metadatas[field]?.edit ?? {};
        expect({
          field,
          label: edit.label !== field && typeof edit.label === 'string',
          description: typeof edit.description === 'string' && edit.description.length > 10,
        }).toEqual({ field, label: true, description: true });
      }
      for (const [componentUid, component] of Object.entries(components as Record<string, { metadatas: Record<string, { edit: { label: string } }> }>)) {
        for (const [field, metadata] of Object.entries(component.metadatas).filter(([name]) => name !== 'id')) {
          expect({ componentUid, field, labelled: metadata.edit.label !== field }).toEqual({ componentUid, field, labelled: true });
        }
      }
    }
  );

  test('the edit form picks codes by name, and builds conditions: the fields are the plugin’s custom fields', async () => {
    const init = await t.http.get('/content-manager/init').set(badaguan.auth);
    const guide = (init.body.data.contentTypes as Array<{ uid: string; attributes: Record<string, { customField?: string; options?: { refers?: string } }> }>).find(
      (c) => c.uid === GUIDE
    );
    expect(guide?.attributes.unitCode).toMatchObject({ customField: 'plugin::linkage.code', options: { refers: 'unit' } });
    const stage = (init.body.data.components as Array<{ uid: string; attributes: Record<string, { customField?: string }> }>).find((c) => c.uid === 'linkage.stage');
    expect(stage?.attributes.appliesWhen.customField).toBe('plugin::linkage.condition');
    expect(stage?.attributes.handler.customField).toBe('plugin::linkage.handler');
  });
});

describe('a shared field is never live in one language and stale in another', () => {
  test('the street editor publishes a new phone in Chinese: the English site shows it too, its texts as they were', async () => {
    const documentId = await documentIdOf(t.strapi, GUIDE, { itemCode: 'QD-CA-001', stageKey: 'street-review', unitCode: BADAGUAN });
    const url = `${CM(GUIDE)}/${documentId}`;
    const enBefore = (await t.http.get(`${url}?locale=en`).set(badaguan.auth)).body.data as { hours: string };
    // An unpublished English text edit stays unpublished.
    expect((await t.http.put(`${url}?locale=en`).set(badaguan.auth).send({ hours: 'Draft hours, not yet published' })).status).toBe(200);
    expect((await t.http.put(`${url}?locale=zh-Hans`).set(badaguan.auth).send({ phone: '0532-88886666' })).status).toBe(200);
    expect((await t.http.post(`${url}/actions/publish?locale=zh-Hans`).set(badaguan.auth).send({})).status).toBe(200);

    const published = (await t.strapi.db.query(GUIDE).findMany({ where: { documentId, publishedAt: { $notNull: true } }, select: ['locale', 'phone', 'hours'] })) as Array<{
      locale: string;
      phone: string;
      hours: string;
    }>;
    expect(Object.fromEntries(published.map((r) => [r.locale, r.phone]))).toEqual({ 'zh-Hans': '0532-88886666', en: '0532-88886666' });
    expect(published.find((r) => r.locale === 'en')?.hours).toBe(enBefore.hours);

    const page = await t.http.get(`/sites/${BADAGUAN}/items/minimum-living-allowance?locale=en`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('0532-88886666');
    expect(page.text).not.toContain('Draft hours, not yet published');
  });
});

describe('what the edit forms offer', () => {
  test('units, departments and items by name, to an editor who may read them', async () => {
    const units = await t.http.get('/linkage/editor/units?locale=en').set(badaguan.auth);
    expect(units.status).toBe(200);
    expect(units.body.data).toEqual(expect.arrayContaining([{ code: BADAGUAN, name: 'Badaguan Subdistrict', level: 'street', kind: 'subdistrict', parentCode: '370202000000' }]));
    const departments = await t.http.get('/linkage/editor/departments?locale=zh-Hans').set(badaguan.auth);
    expect(departments.body.data).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: '370281-SI', unitCode: '370281000000', kind: 'SI', kindName: '社会保险经办机构' })])
    );
    const item = await t.http.get('/linkage/editor/items/QD-SI-001?locale=zh-Hans').set(badaguan.auth);
    expect(item.body.data.stages.map((s: { key: string; name: string }) => [s.key, s.name])).toEqual([
      ['work-ability-appraisal', '劳动能力鉴定'],
      ['district-approval', '区社会劳动保险经办机构核准'],
      ['district-review', '区(市)社会保险经办机构审核'],
      ['city-approval', '市劳动保险经办机构核准'],
    ]);
    expect(item.body.data.questions[0]).toMatchObject({ key: 'retirement_type', label: '退休类型', options: expect.arrayContaining([{ value: 'normal', label: '正常退休' }]) });
  });

  test.each(['/linkage/editor/units', '/linkage/editor/departments', '/linkage/editor/items', '/linkage/editor/items/QD-SI-001'])(
    '%s refuses an admin whose roles may not read that type',
    async (path) => {
      const res = await t.http.get(path).set(outsider.auth);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/may not choose .* in edit forms: that needs the permission plugin::linkage\.assurance\.read/);
    }
  );

  test('an unknown item is a 404', async () => {
    expect((await t.http.get('/linkage/editor/items/QD-NOPE').set(badaguan.auth)).status).toBe(404);
  });
});

describe('the item form checked and drawn before it is saved', () => {
  let retirement: Record<string, unknown>;
  beforeAll(async () => {
    const documentId = await documentIdOf(t.strapi, ITEM, { code: 'QD-SI-001' });
    const { status: _status, ...values } = (await t.http.get(`${CM(ITEM)}/${documentId}?locale=zh-Hans`).set(cityManager.auth)).body.data;
    retirement = { ...values, documentId };
  });

  test('a routing break in the unsaved form is shown as answers, in the admin’s language, with the field to fix', async () => {
    const stages = (retirement.stages as Array<{ key: string }>).filter((s) => s.key !== 'city-approval');
    const res = await t.http
      .post('/linkage/items/checks?language=zh-Hans')
      .set(cityManager.auth)
      .send({ documentId: retirement.documentId, locale: 'zh-Hans', data: { ...retirement, stages } });
    expect(res.status).toBe(200);
    expect(res.body.publishable).toBe(false);
    expect(res.body.problems[0]).toMatchObject({
      field: 'stages',
      text: expect.stringMatching(/^当退休类型 = 正常退休，原企业类型 = 外资企业，原企业所在区\(市\) = 市南区时：没有适用的环节/),
    });
    // Nothing was saved: the stored draft still publishes.
    const stored = await t.http.get(`/linkage/items/${retirement.documentId}/checks?locale=zh-Hans`).set(cityManager.auth);
    expect(stored.body.publishable).toBe(true);
  });

  test('the unsaved form is drawn as a flow chart', async () => {
    const res = await t.http.post('/linkage/items/flowchart').set(cityManager.auth).send({ locale: 'zh-Hans', format: 'svg', data: retirement });
    expect(res.status).toBe(200);
    expect(res.body.data.type).toMatch(/^image\/svg\+xml/);
    expect(res.body.data.body).toContain('劳动能力鉴定');
  });

  test('a unit editor may neither check nor draw an item form', async () => {
    expect((await t.http.post('/linkage/items/checks').set(badaguan.auth).send({ locale: 'zh-Hans', data: retirement })).status).toBe(403);
    expect((await t.http.post('/linkage/items/flowchart').set(badaguan.auth).send({ locale: 'zh-Hans', data: retirement })).status).toBe(403);
  });

  test('a form that is not an object, or an unknown locale, is a 400 naming the field', async () => {
    const bad = await t.http.post('/linkage/items/checks').set(cityManager.auth).send({ locale: 'zh-Hans', data: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['data']);
    const locale = await t.http.post('/linkage/items/flowchart').set(cityManager.auth).send({ locale: 'fr', data: {} });
    expect(locale.status).toBe(400);
    expect(locale.body.error.details.errors[0].path).toEqual(['locale']);
  });
});
