// Guides: a guide must point at an item, stage, unit and department that exist and fit together,
// and be its unit's only guide for that stage. Each refusal is a 400 naming the field and the
// reason, through the Content Manager and the Document Service, with stored data unchanged.
import { BOTH_PATHS, attempt, type WriteCase } from '../support/refusals';
import { contentManager } from '../support/content-manager';
import { documentIdOf } from '../support/demo';
import { storedData } from '../support/stored-data';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

let t: TestStrapi;
beforeAll(async () => {
  t = await startDemoStrapi();
});
afterAll(async () => {
  await t?.stop();
});

const GUIDE = 'plugin::linkage.guide';

// 莱西市's review guide for the retirement item is missing from the demo: a valid new guide.
const laixiReview = (extra: Record<string, unknown> = {}) => ({
  itemCode: 'QD-SI-001',
  stageKey: 'district-review',
  unitCode: '370285000000',
  departmentCode: '370285-SI',
  conditions: '男年满60周岁。',
  phone: '0532-12333',
  ...extra,
});

interface RuleCase extends WriteCase {
  readonly rule: string;
  readonly field: string;
  readonly reason: RegExp;
}

const shinanApproval = { itemCode: 'QD-SI-001', stageKey: 'district-approval', unitCode: '370202000000' };

const cases: RuleCase[] = [
  { rule: 'an item that does not exist', uid: GUIDE, action: 'create', data: laixiReview({ itemCode: 'QD-XX-999' }), field: 'itemCode', reason: /no item has the code QD-XX-999/ },
  {
    rule: 'a stage the item lacks',
    uid: GUIDE,
    action: 'create',
    data: laixiReview({ stageKey: 'district-lottery' }),
    field: 'stageKey',
    reason: /has no stage "district-lottery"/,
  },
  {
    rule: 'a unit that does not exist',
    uid: GUIDE,
    action: 'create',
    data: laixiReview({ unitCode: '370299000000' }),
    field: 'unitCode',
    reason: /no unit has the code 370299000000/,
  },
  {
    rule: 'a department that does not exist',
    uid: GUIDE,
    action: 'create',
    data: laixiReview({ departmentCode: '370285-XX' }),
    field: 'departmentCode',
    reason: /no department has the code 370285-XX/,
  },
  {
    rule: "a unit not at the stage's level",
    uid: GUIDE,
    action: 'create',
    data: laixiReview({ unitCode: '370281001000', departmentCode: '370281001-OFFICE' }),
    field: 'unitCode',
    reason: /street-level unit, but stage "district-review" is handled at district level/,
  },
  {
    rule: 'a department of another unit',
    uid: GUIDE,
    action: 'create',
    data: laixiReview({ departmentCode: '370281-SI' }),
    field: 'departmentCode',
    reason: /belongs to unit 370281000000, not to 370285000000/,
  },
  {
    rule: "a department not of the handler's kind",
    uid: GUIDE,
    action: 'create',
    data: laixiReview({ departmentCode: '370285-CA' }),
    field: 'departmentCode',
    reason: /is a CA department, but stage "district-review" is handled by a SI department/,
  },
  {
    rule: "a department other than a fixed handler's",
    uid: GUIDE,
    action: 'create',
    data: laixiReview({ stageKey: 'city-approval', unitCode: '370200000000', departmentCode: 'QD-CA' }),
    field: 'departmentCode',
    reason: /handled by department QD-SI only/,
  },
  {
    rule: 'a second guide of the same unit for the same stage',
    uid: GUIDE,
    action: 'create',
    data: laixiReview({ unitCode: '370281000000', departmentCode: '370281-SI' }),
    field: 'unitCode',
    reason: /370281000000 already has a guide for stage "district-review" of item QD-SI-001/,
  },
  {
    rule: 'an update that moves a guide onto a unit that already has one',
    uid: GUIDE,
    action: 'update',
    target: shinanApproval,
    data: { unitCode: '370203000000', departmentCode: '370203-SI' },
    field: 'unitCode',
    reason: /370203000000 already has a guide for stage "district-approval"/,
  },
  {
    rule: 'a clone that keeps the unit (a duplicate)',
    uid: GUIDE,
    action: 'clone',
    target: shinanApproval,
    data: {},
    field: 'unitCode',
    reason: /370202000000 already has a guide for stage "district-approval"/,
  },
  {
    rule: 'a material condition naming a question the item lacks',
    uid: GUIDE,
    action: 'create',
    data: laixiReview({ materials: [{ name: '证明', original: 1, copies: 0, required: true, when: { '==': [{ var: 'has_pets' }, true] } }] }),
    field: 'materials.0.when.==.0.var',
    reason: /"has_pets", which is not a question of this item/,
  },
  {
    rule: 'a material condition that is not JSON Logic',
    uid: GUIDE,
    action: 'create',
    data: laixiReview({ materials: [{ name: '证明', original: 1, when: { eval: 'process.exit()' } }] }),
    field: 'materials.0.when.eval',
    reason: /"eval" is not a JSON Logic operator/,
  },
  {
    rule: '"no materials needed" with materials listed',
    uid: GUIDE,
    action: 'create',
    data: laixiReview({ noMaterialsNeeded: true, materials: [{ name: '证明', original: 1 }] }),
    field: 'noMaterialsNeeded',
    reason: /needs no materials, but 1 are listed/,
  },
  {
    rule: 'an online link that is not a web address (a javascript: link would run in the unit site)',
    uid: GUIDE,
    action: 'create',
    data: laixiReview({ onlineUrl: 'javascript:alert(document.cookie)' }),
    field: 'onlineUrl',
    reason: /must be a web address starting with http:\/\/ or https:\/\//,
  },
];

describe.each(BOTH_PATHS)('through the %s', (via) => {
  test.each(cases)('refuses $rule', async (c) => {
    const before = await storedData(t.strapi);
    const outcome = await attempt(t, via, c);
    expect(outcome.status).toBe(400);
    const escaped = c.field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(outcome.errors).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${escaped}: .*${c.reason.source}`))]));
    expect(await storedData(t.strapi)).toBe(before);
  });
});

test("a valid guide for 莱西市's missing review is created in both locales and published", async () => {
  const cm = contentManager(t);
  const created = await cm.create(GUIDE, laixiReview());
  expect(created.status).toBe(201);
  const documentId = created.body.data.documentId;
  const en = await cm.update(GUIDE, documentId, { conditions: 'Men aged 60.' }, 'en');
  expect(en.status).toBe(200);
  expect(en.body.data).toMatchObject({ unitCode: '370285000000', departmentCode: '370285-SI', locale: 'en' });
  for (const locale of ['zh-Hans', 'en']) {
    const published = await cm.publish(GUIDE, documentId, locale);
    expect(published.status).toBe(200);
  }
  const rows = await t.strapi.db.query(GUIDE).findMany({ where: { documentId, publishedAt: { $notNull: true } } });
  expect(rows.map((r: { locale: string }) => r.locale).sort()).toEqual(['en', 'zh-Hans']);
});

test('a guide may be moved to another unit of the right kind when that unit has none', async () => {
  const cm = contentManager(t);
  // A new county-level city with its own social insurance center, and no guides yet.
  expect((await cm.create('plugin::linkage.unit', { code: '370299000000', level: 'district', kind: 'county_city', parentCode: '370200000000', name: '新市' })).status).toBe(201);
  expect((await cm.create('plugin::linkage.department', { code: '370299-SI', kind: 'SI', unitCode: '370299000000', name: '新市社会保险事业中心' })).status).toBe(201);
  const documentId = await documentIdOf(t.strapi, GUIDE, { itemCode: 'QD-SI-001', stageKey: 'district-review', unitCode: '370283000000' });
  const res = await cm.update(GUIDE, documentId, { unitCode: '370299000000', departmentCode: '370299-SI' });
  expect(res.status).toBe(200);
  const rows = (await t.strapi.db.query(GUIDE).findMany({ where: { documentId, publishedAt: null } })) as Array<{ unitCode: string }>;
  // unitCode is not localized: both locales' drafts follow.
  expect(rows.map((r) => r.unitCode)).toEqual(['370299000000', '370299000000']);
});
