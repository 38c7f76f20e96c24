// Catalog import and export: idempotent, all-or-nothing with every problem named by its path in
// the file, and a lossless round trip from one database into an empty one.
import type { Catalog } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { loadDemo } from '../support/demo';
import { storedData } from '../support/stored-data';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

interface CatalogService {
  exportCatalog(): Promise<Catalog>;
  importCatalog(input: unknown, options?: { dryRun?: boolean; onProgress?: (m: string) => void }): Promise<Record<string, unknown>>;
}

let demo: TestStrapi;
beforeAll(async () => {
  demo = await startDemoStrapi();
});
afterAll(async () => {
  await demo?.stop();
});

const catalogOf = (t: TestStrapi) => t.strapi.plugin('linkage').service('catalog') as unknown as CatalogService;
const unchanged = { create: 0, update: 0, unchanged: expect.any(Number) };

async function rejection(t: TestStrapi, input: unknown): Promise<string[]> {
  try {
    await catalogOf(t).importCatalog(input);
  } catch (error) {
    const e = error as { name: string; problems: Array<{ path: Array<string | number>; message: string }> };
    expect(e.name).toBe('CatalogRejected');
    return e.problems.map((p) => `${p.path.reduce<string>((s, part) => (typeof part === 'number' ? `${s}[${part}]` : s ? `${s}.${part}` : part), '')}: ${p.message}`);
  }
  throw new Error('the import was accepted');
}

describe('idempotence', () => {
  test('importing the exported catalog into the same database changes nothing at all', async () => {
    const exported = await catalogOf(demo).exportCatalog();
    const before = await storedData(demo.strapi);
    const summary = await catalogOf(demo).importCatalog(exported);
    expect(summary).toMatchObject({
      units: unchanged,
      departments: unchanged,
      items: unchanged,
      guides: unchanged,
      responsibilityRules: unchanged,
      guideSpec: 'unchanged',
      reviewsAdded: 0,
    });
    expect(await storedData(demo.strapi)).toBe(before);
  });

  test('importing a changed record updates just that record; importing it again changes nothing', async () => {
    const file = await catalogOf(demo).exportCatalog();
    const guide = file.guides.find((g) => g.item === 'QD-SI-001' && g.unit === '370281000000' && g.stage === 'district-review');
    if (!guide) throw new Error('demo guide missing');
    guide.fee = { 'zh-Hans': '免费', en: 'No fee' };
    const first = await catalogOf(demo).importCatalog(file);
    expect(first).toMatchObject({ guides: { create: 0, update: 1, unchanged: 87 }, units: { create: 0, update: 0 } });
    const before = await storedData(demo.strapi);
    const second = await catalogOf(demo).importCatalog(file);
    expect(second).toMatchObject({ guides: { create: 0, update: 0, unchanged: 88 }, reviewsAdded: 0 });
    expect(await storedData(demo.strapi)).toBe(before);
    const after = await catalogOf(demo).exportCatalog();
    expect(after.guides.find((g) => g.item === 'QD-SI-001' && g.unit === '370281000000' && g.stage === 'district-review')?.fee).toEqual({ 'zh-Hans': '免费', en: 'No fee' });
    // The other guide of 胶州市 for a stage of the same key is untouched.
    expect(after.guides.find((g) => g.item === 'QD-HOUSING-001' && g.unit === '370281000000' && g.stage === 'district-review')?.fee).toEqual({
      'zh-Hans': '不收费',
      en: 'Free of charge',
    });
  });

  test('a dry run reports the plan and writes nothing', async () => {
    const file = loadDemo();
    file.units.push({ code: '370202003000', level: 'street', kind: 'subdistrict', parent: '370202000000', name: { 'zh-Hans': '湛山街道', en: 'Zhanshan Subdistrict' } });
    const before = await storedData(demo.strapi);
    const summary = await catalogOf(demo).importCatalog(file, { dryRun: true });
    expect(summary).toMatchObject({ dryRun: true, units: { create: 1, update: 0 } });
    expect(await storedData(demo.strapi)).toBe(before);
  });
});

describe('all or nothing: one bad record and nothing is written, every problem listed by its path', () => {
  type Mutation = (c: Catalog) => void;
  const unit = (c: Catalog, code: string) => c.units.find((u) => u.code === code) as Catalog['units'][number];
  const guideAt = (c: Catalog, item: string, stage: string, unitCode: string) =>
    c.guides.find((g) => g.item === item && g.stage === stage && g.unit === unitCode) as Catalog['guides'][number];
  const retirement = (c: Catalog) => c.items.find((i) => i.code === 'QD-SI-001') as Catalog['items'][number];

  const cases: Array<[string, Mutation, RegExp]> = [
    ['a unit code that is not 12 digits', (c) => void (unit(c, '370213000000').code = '3702130'), /^units\[5\]\.code: must match/],
    [
      'a unit code not significant to its level',
      (c) => c.units.push({ code: '370299001000', level: 'district', kind: 'district', parent: '370200000000', name: { 'zh-Hans': '甲', en: 'A' } }),
      /^units\[26\]\.code: 370299001000 is not a district code/,
    ],
    [
      'a unit code not prefixed by its parent',
      (c) => c.units.push({ code: '370203009000', level: 'street', kind: 'subdistrict', parent: '370202000000', name: { 'zh-Hans': '甲', en: 'A' } }),
      /^units\[26\]\.code: .*does not start with 370202/,
    ],
    [
      'a parent not exactly one level up',
      (c) => c.units.push({ code: '370202009000', level: 'street', kind: 'subdistrict', parent: '370200000000', name: { 'zh-Hans': '甲', en: 'A' } }),
      /^units\[26\]\.parent: .*exactly one level up/,
    ],
    [
      'a cycle of parents',
      (c) => {
        c.units.push({ code: '370202009000', level: 'street', kind: 'subdistrict', parent: '370202008000', name: { 'zh-Hans': '甲', en: 'A' } });
        c.units.push({ code: '370202008000', level: 'street', kind: 'subdistrict', parent: '370202009000', name: { 'zh-Hans': '乙', en: 'B' } });
      },
      /^units\[26\]\.parent: makes a cycle: 370202009000 → 370202008000 → 370202009000/,
    ],
    ['a duplicate unit code', (c) => c.units.push({ ...unit(c, '370202000000') }), /^units\[26\]\.code: 370202000000 is also the code of units\[1\]/],
    [
      'a guide whose item does not exist',
      (c) => void (guideAt(c, 'QD-SI-001', 'district-review', '370281000000').item = 'QD-SI-404'),
      /^guides\[\d+\]\.item: no item has the code QD-SI-404/,
    ],
    [
      'a guide whose stage does not exist',
      (c) => void (guideAt(c, 'QD-SI-001', 'district-review', '370281000000').stage = 'district-lottery'),
      /^guides\[\d+\]\.stage: item QD-SI-001 has no stage "district-lottery"/,
    ],
    [
      'a guide whose unit does not exist',
      (c) => void (guideAt(c, 'QD-SI-001', 'district-review', '370281000000').unit = '370299000000'),
      /^guides\[\d+\]\.unit: no unit has the code 370299000000/,
    ],
    [
      'a guide whose department does not exist',
      (c) => void (guideAt(c, 'QD-SI-001', 'district-review', '370281000000').department = '370281-XX'),
      /^guides\[\d+\]\.department: no department has the code 370281-XX/,
    ],
    [
      "a guide whose unit is not at the stage's level",
      (c) => Object.assign(guideAt(c, 'QD-SI-001', 'district-review', '370281000000'), { unit: '370281001000', department: '370281001-OFFICE' }),
      /^guides\[\d+\]\.unit: 370281001000 is a street-level unit, but stage "district-review" is handled at district level/,
    ],
    [
      'a guide whose department is of another unit',
      (c) => void (guideAt(c, 'QD-SI-001', 'district-review', '370281000000').department = '370283-SI'),
      /^guides\[\d+\]\.department: 370283-SI belongs to unit 370283000000, not to 370281000000/,
    ],
    [
      "a guide whose department is not of the handler's kind",
      (c) => void (guideAt(c, 'QD-SI-001', 'district-review', '370281000000').department = '370281-CA'),
      /^guides\[\d+\]\.department: 370281-CA is a CA department/,
    ],
    [
      'two guides of one unit for one stage',
      (c) => c.guides.push({ ...guideAt(c, 'QD-SI-001', 'district-review', '370281000000') }),
      /^guides\[88\]\.unit: 370281000000 already has a guide for stage "district-review" of item QD-SI-001 \(guides\[\d+\]\)/,
    ],
    [
      'a repeated stage key',
      (c) => void (retirement(c).stages[2].key = 'district-approval'),
      /^items\[0\]\.stages\[2\]\.key: repeats the stage key "district-approval" of stages\[1\]/,
    ],
    ['a repeated question key', (c) => void (retirement(c).questions[1].key = 'retirement_type'), /^items\[0\]\.questions\[1\]\.key: repeats the question key "retirement_type"/],
    [
      'a condition that is not JSON Logic',
      (c) => void (retirement(c).stages[0].appliesWhen = { equals: ['a', 'b'] }),
      /^items\[0\]\.stages\[0\]\.appliesWhen\.equals: "equals" is not a JSON Logic operator/,
    ],
    [
      'a condition naming a question the item lacks',
      (c) => void (retirement(c).stages[0].appliesWhen = { '==': [{ var: 'age' }, 60] }),
      /^items\[0\]\.stages\[0\]\.appliesWhen\.==\[0\]\.var: names "age", which is not a question/,
    ],
    [
      'a handler at a level that does not exist',
      (c) => void (retirement(c).stages[1].handler = { fromAnswer: 'enterprise_location', level: 'province' as never, departmentKind: 'SI' }),
      /^items\[0\]\.stages\[1\]\.handler/,
    ],
    [
      'a handler from an answer that does not exist',
      (c) => void (retirement(c).stages[1].handler = { fromAnswer: 'workplace', level: 'district', departmentKind: 'SI' }),
      /^items\[0\]\.stages\[1\]\.handler\.fromAnswer: names "workplace"/,
    ],
    [
      'a handler with a department kind that does not exist',
      (c) => void (retirement(c).stages[1].handler = { fromAnswer: 'enterprise_location', level: 'district', departmentKind: 'PENSION' }),
      /^items\[0\]\.stages\[1\]\.handler\.departmentKind: no department is of kind "PENSION"/,
    ],
    ['a locale Strapi does not know', (c) => void c.locales.push('xx-Nope'), /^locales\[2\]/],
  ];

  test.each(cases)('refuses %s', async (_rule, mutate, expected) => {
    const file = loadDemo();
    mutate(file);
    const before = await storedData(demo.strapi);
    const problems = await rejection(demo, file);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
    expect(await storedData(demo.strapi)).toBe(before);
  });

  test('lists every problem of a file at once, and writes none of its good records', async () => {
    const file = loadDemo();
    file.units.push({ code: '370202003000', level: 'street', kind: 'subdistrict', parent: '370202000000', name: { 'zh-Hans': '湛山街道', en: 'Zhanshan' } });
    guideAt(file, 'QD-CA-001', 'street-review', '370202001000').department = '370202002-OFFICE';
    guideAt(file, 'QD-MI-001', 'district-confirmation', '370285000000').stage = 'district-check';
    (file.responsibilityRules ?? [])[0].responsibleDepartment = 'QD-NOPE';
    const before = await storedData(demo.strapi);
    const problems = await rejection(demo, file);
    expect(problems).toHaveLength(3);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^guides\[\d+\]\.department: 370202002-OFFICE belongs to unit 370202002000, not to 370202001000/),
        expect.stringMatching(/^guides\[\d+\]\.stage: item QD-MI-001 has no stage "district-check"/),
        'responsibilityRules[0].responsibleDepartment: no department has the code QD-NOPE',
      ])
    );
    expect(await storedData(demo.strapi)).toBe(before);
  });

  test('refuses a file that is not a catalog, naming what is wrong with its shape', async () => {
    const problems = await rejection(demo, { format: 'linkage-catalog/2', units: 'none' });
    expect(problems).toEqual(
      expect.arrayContaining(['format: must be "linkage-catalog/1"', 'defaultLocale: is required', 'units: must be array', expect.stringMatching(/^guides: is required/)])
    );
  });
});
