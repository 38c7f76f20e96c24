// The seeded demo: every fact of database/demo/qingdao-demo.json reaches the database, in both
// locales, with review dates as review records moved by (today − referenceDate).
import type { Catalog } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { contentManager } from '../support/content-manager';
import { loadDemo } from '../support/demo';
import { TEST_ADMIN } from '../support/env';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

let t: TestStrapi;
beforeAll(async () => {
  t = await startDemoStrapi();
});
afterAll(async () => {
  await t?.stop();
});

const DAY = 24 * 60 * 60 * 1000;
const today = () => new Date().toISOString().slice(0, 10);
const shiftDate = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** What exporting the seeded demo must give: the file without explanations, review dates shifted. */
function expectedFacts(demo: Catalog) {
  const days = Math.round((Date.parse(`${today()}T00:00:00Z`) - Date.parse(`${demo.referenceDate}T00:00:00Z`)) / DAY);
  const strip = <T extends object>(record: T) => Object.fromEntries(Object.entries(record).filter(([key]) => key !== 'note'));
  const reviewed = <T extends { lastReviewedAt?: string }>(record: T) =>
    record.lastReviewedAt ? { ...strip(record), lastReviewedAt: shiftDate(record.lastReviewedAt, days) } : strip(record);
  const byKey = <T>(records: T[], key: (r: T) => string) => [...records].sort((a, b) => key(a).localeCompare(key(b)));
  const guideKey = (g: { item: string; stage: string; unit: string }) => `${g.item}/${g.stage}/${g.unit}`;
  return {
    defaultLocale: demo.defaultLocale,
    locales: [...demo.locales].sort(),
    units: byKey(demo.units.map(strip), (u) => String(u.code)),
    departments: byKey(demo.departments.map(strip), (d) => String(d.code)),
    items: byKey(demo.items.map(reviewed), (i) => String(i.code)),
    guides: byKey(demo.guides.map(reviewed), (g) => guideKey(g as never)),
    responsibilityRules: byKey((demo.responsibilityRules ?? []).map(strip), (r) => String(r.key)),
    guideSpec: { required: demo.guideSpec?.required },
  };
}

test('the content manager lists the demo: 26 units, 61 departments, 4 items, 88 guides, 4 rules, in both locales', async () => {
  const cm = contentManager(t);
  for (const locale of ['zh-Hans', 'en']) {
    const counts: Record<string, number> = {};
    for (const type of ['unit', 'department', 'item', 'guide', 'responsibility-rule']) {
      const res = await cm.list(`plugin::linkage.${type}`, locale);
      expect(res.status).toBe(200);
      counts[type] = res.body.pagination.total;
    }
    expect(counts).toEqual({ unit: 26, department: 61, item: 4, guide: 88, 'responsibility-rule': 4 });
  }
});

test('every fact of the demo file reaches the database (export equals the file, review dates shifted to today)', async () => {
  const exported = await t.strapi.plugin('linkage').service('catalog').exportCatalog();
  const expected = expectedFacts(loadDemo());
  expect({ ...exported, locales: [...exported.locales].sort() }).toMatchObject({
    defaultLocale: expected.defaultLocale,
    locales: expected.locales,
  });
  expect(exported.units).toEqual(expected.units);
  expect(exported.departments).toEqual(expected.departments);
  expect(exported.items).toEqual(expected.items);
  expect(exported.guides).toEqual(expected.guides);
  expect(exported.responsibilityRules).toEqual(expected.responsibilityRules);
  expect(exported.guideSpec).toEqual(expected.guideSpec);
});

test('items are published with their stages and questions in both locales', async () => {
  const cm = contentManager(t);
  const res = await cm.list('plugin::linkage.item', 'en');
  const retirement = res.body.results.find((r: { code: string }) => r.code === 'QD-SI-001');
  expect(retirement).toMatchObject({ title: 'Retirement certification for enterprise employees', status: 'published' });
  const zh = await cm.get('plugin::linkage.item', retirement.documentId, 'zh-Hans');
  expect(zh.body.data.stages.map((s: { key: string }) => s.key)).toEqual(['work-ability-appraisal', 'district-approval', 'district-review', 'city-approval']);
  expect(zh.body.data.stages[1].name).toBe('区社会劳动保险经办机构核准');
  expect(zh.body.data.questions[0].options.map((o: { label: string }) => o.label)).toEqual(['正常退休', '特殊工种退休', '因病退休', '破产企业退休']);
  const en = await cm.get('plugin::linkage.item', retirement.documentId, 'en');
  expect(en.body.data.stages[1].name).toBe('Approval by the district social insurance agency');
});

test('every lastReviewedAt of the demo is a review record, not a field of the record', async () => {
  const reviews = (await t.strapi.db.query('plugin::linkage.review').findMany({})) as Array<{ subjectKey: string; subjectUid: string; source: string; reviewedAt: string }>;
  const demo = loadDemo();
  expect(reviews).toHaveLength(demo.items.length + demo.guides.length);
  const laoshan = reviews.find((r) => r.subjectKey === 'QD-SI-001/district-approval/370212000000');
  const days = Math.round((Date.parse(`${today()}T00:00:00Z`) - Date.parse(`${demo.referenceDate}T00:00:00Z`)) / DAY);
  expect(laoshan).toMatchObject({ subjectUid: 'plugin::linkage.guide', source: 'import' });
  expect(new Date(laoshan!.reviewedAt).toISOString().slice(0, 10)).toBe(shiftDate('2025-09-01', days));
  expect(Object.keys(t.strapi.contentType('plugin::linkage.guide').attributes)).not.toContain('lastReviewedAt');
});

test('locales are zh-Hans (the default) and en', async () => {
  const locales = t.strapi.plugin('i18n').service('locales');
  expect(await locales.getDefaultLocale()).toBe('zh-Hans');
  expect((await locales.find()).map((l: { code: string }) => l.code).sort()).toEqual(['en', 'zh-Hans']);
});

test('the first super admin was created from ADMIN_EMAIL and ADMIN_PASSWORD', async () => {
  const admin = await t.strapi.db.query('admin::user').findOne({ where: { email: TEST_ADMIN.email }, populate: ['roles'] });
  expect(admin).toMatchObject({ isActive: true });
  expect(admin.roles.map((r: { code: string }) => r.code)).toEqual(['strapi-super-admin']);
  const login = await t.http.post('/admin/login').send(TEST_ADMIN);
  expect(login.status).toBe(200);
});
