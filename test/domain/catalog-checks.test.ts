import { catalogProblems } from '../../src/plugins/linkage/server/src/domain/catalog-checks';
import { CATALOG_FORMAT, type Catalog } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { formatPath } from '../../src/plugins/linkage/server/src/domain/problems';
import { clone, emptyStored, loadDemo, storedFrom } from './demo-fixtures';

const LOCALES = ['zh-Hans', 'en'];
const againstEmpty = (file: Catalog, configured: readonly string[] = LOCALES) => catalogProblems(file, emptyStored(file), configured);
const shown = (file: Catalog, stored: Catalog = emptyStored(file)) => catalogProblems(file, stored, LOCALES).map((p) => `${formatPath(p.path)}: ${p.message}`);

/** A file holding only what is given, in the demo's locales. */
const fileOf = (records: Partial<Catalog>): Catalog => ({
  format: CATALOG_FORMAT,
  defaultLocale: 'zh-Hans',
  locales: ['zh-Hans', 'en'],
  units: [],
  departments: [],
  items: [],
  guides: [],
  ...records,
});

describe('catalogProblems: the demo', () => {
  it('finds nothing wrong with the demo against an empty stored catalog', () => {
    expect(againstEmpty(loadDemo())).toEqual([]);
  });

  it('finds nothing wrong with the demo against itself as stored', () => {
    const demo = loadDemo();
    expect(catalogProblems(demo, storedFrom(demo).catalog, LOCALES)).toEqual([]);
  });

  it('finds nothing wrong with an empty file against the demo as stored', () => {
    expect(catalogProblems(fileOf({}), storedFrom(loadDemo()).catalog, LOCALES)).toEqual([]);
  });
});

describe('catalogProblems: paths in the file', () => {
  it('reports a guide whose unit does not exist at guides[3].unit', () => {
    const file = loadDemo();
    file.guides[3].unit = '370299000000';
    expect(shown(file)).toEqual(['guides[3].unit: no unit has the code 370299000000']);
  });

  it('reports a unit whose parent does not exist at units[5].parent', () => {
    const file = loadDemo();
    file.units[5].parent = '370299000000';
    expect(shown(file)).toEqual(['units[5].parent: no unit has the code 370299000000']);
  });

  it('reports a repeated unit code at the later unit', () => {
    const file = loadDemo();
    file.units.push(clone(file.units[8]));
    expect(shown(file)).toEqual(['units[26].code: 370281000000 is also the code of units[8]']);
  });

  it('reports a repeated stage key at items[0].stages[1].key, and the guides of the stage that is gone', () => {
    const file = loadDemo();
    file.items[0].stages[1].key = 'work-ability-appraisal';
    const orphans = file.guides.flatMap((g, i) => (g.item === 'QD-SI-001' && g.stage === 'district-approval' ? [i] : []));
    expect(orphans).toEqual([0, 2, 4, 6, 8, 10, 12]);
    expect(shown(file)).toEqual([
      'items[0].stages[1].key: repeats the stage key "work-ability-appraisal" of stages[0]',
      ...orphans.map(
        (i) => `guides[${i}].stage: item QD-SI-001 has no stage "district-approval" (stages: work-ability-appraisal, work-ability-appraisal, district-review, city-approval)`
      ),
    ]);
  });

  it('reports a department of an unknown unit at departments[2].unit, and what relied on it', () => {
    const file = loadDemo();
    expect(file.departments[2].code).toBe('QD-LAC');
    file.departments[2].unit = '370299000000';
    expect(shown(file)).toEqual([
      'departments[2].unit: no unit has the code 370299000000',
      'items[0].stages[0].handler.department: QD-LAC belongs to unit 370299000000, not to 370200000000',
      'guides[17].department: QD-LAC belongs to unit 370299000000, not to 370200000000',
    ]);
  });

  it('reports a repeated department code at the later department', () => {
    const file = loadDemo();
    file.departments.push(clone(file.departments[0]));
    expect(shown(file)).toEqual(['departments[61].code: QD-EGOV is also the code of departments[0]']);
  });

  it('reports a repeated item code at the later item', () => {
    const file = loadDemo();
    file.items.push(clone(file.items[3]));
    expect(shown(file)).toEqual(['items[4].code: QD-MI-001 is also the code of items[3]']);
  });

  it('reports a duplicate guide in the file at the later one, naming the first', () => {
    const file = loadDemo();
    file.guides.push(clone(file.guides[0]));
    expect(shown(file)).toEqual([
      'guides[88].unit: 370202000000 already has a guide for stage "district-approval" of item QD-SI-001 (guides[0]); a unit keeps one guide per stage',
    ]);
  });

  it('reports a material condition at its path in the guide', () => {
    const file = loadDemo();
    file.guides[0].materials![3].when = { '==': [{ var: 'has_military_service' }, 'yes'] };
    expect(shown(file)).toEqual(['guides[0].materials[3].when.==[1]: compares the yes/no answer "has_military_service" with "yes"; use true or false']);
  });

  it('reports a locale that is not configured in Strapi', () => {
    expect(againstEmpty(loadDemo(), ['zh-Hans'])).toEqual([{ path: ['locales', 1], message: 'en is not a locale of this Strapi (locales: zh-Hans)' }]);
  });

  it('reports a default locale that is not one of the locales', () => {
    const file = loadDemo();
    file.defaultLocale = 'en';
    file.locales = ['zh-Hans'];
    expect(againstEmpty(file)).toEqual([{ path: ['defaultLocale'], message: 'en is not one of locales (zh-Hans)' }]);
  });

  it('requires the names of units and departments in the default locale', () => {
    const file = loadDemo();
    file.units[0].name = { en: 'Qingdao' };
    file.departments[1].name = { 'zh-Hans': ' ', en: 'Qingdao Social Insurance Center' };
    expect(shown(file)).toEqual(['units[0].name: needs a text in the default locale zh-Hans', 'departments[1].name: needs a text in the default locale zh-Hans']);
  });

  it('requires the names of units, departments and materials in every locale of the file, as the catalog format says (Strapi refused them before, naming no record)', () => {
    const file = loadDemo();
    delete (file.units[3].name as Record<string, string>).en;
    file.departments[3].name = { 'zh-Hans': file.departments[3].name['zh-Hans'], en: '  ' };
    delete (file.guides[0].materials![1].name as Record<string, string>).en;
    expect(shown(file)).toEqual([
      'units[3].name: needs a text in en too: names and titles need every locale',
      'departments[3].name: needs a text in en too: names and titles need every locale',
      'guides[0].materials[1].name: needs a text in en too: names and titles need every locale',
    ]);
    // In each admin language, for the operators who import.
    const material = catalogProblems(file, emptyStored(file), LOCALES).find((p) => formatPath(p.path) === 'guides[0].materials[1].name');
    expect(material?.text).toEqual({ en: 'the name is empty in English: names and titles need every locale', 'zh-Hans': '名称（英文版）为空：名称和标题每种语言都要填写' });
  });

  it("lets a draft guide's material names leave a locale out", () => {
    const file = loadDemo();
    file.guides[0].status = 'draft';
    delete (file.guides[0].materials![1].name as Record<string, string>).en;
    expect(shown(file)).toEqual([]);
  });

  it('checks a published item in every locale of the file', () => {
    const file = loadDemo();
    file.items[1].title = { 'zh-Hans': '最低生活保障申请' };
    expect(shown(file)).toEqual(['items[1].title: is required (en)']);
  });

  it('lets a draft item be incomplete, but not its code', () => {
    const file = loadDemo();
    file.items[1].status = 'draft';
    file.items[1].title = { 'zh-Hans': '最低生活保障申请' };
    file.items[1].stages[0].handler = { fromAnswer: 'nope', level: 'community', departmentKind: 'COMMITTEE' };
    expect(shown(file)).toEqual([]);
    file.items[1].code = 'qd-ca-001';
    const problems = shown(file);
    expect(problems[0]).toBe('items[1].code: must be upper-case letters, digits and "-" (like QD-SI-001), got "qd-ca-001"');
    // Its guides now name an item that does not exist.
    expect(problems.slice(1).every((p) => / no item has the code QD-CA-001$/.test(p))).toBe(true);
    expect(problems).toHaveLength(1 + file.guides.filter((g) => g.item === 'QD-CA-001').length);
  });

  it('refuses a slug that a stored item already has', () => {
    const file = loadDemo();
    const stored = emptyStored(file);
    stored.items = [{ ...clone(file.items[2]), code: 'QD-HOUSING-002' }];
    expect(shown(file, stored)).toEqual(['items[2].slug: public-rental-housing is already the slug of item QD-HOUSING-002']);
  });

  it('refuses the same slug on two items of the file', () => {
    const file = loadDemo();
    file.items[3].slug = file.items[2].slug;
    expect(shown(file)).toEqual(['items[3].slug: public-rental-housing is already the slug of item QD-HOUSING-001']);
  });

  it('reports responsibility rules and the guide spec under their catalog names', () => {
    const file = loadDemo();
    file.responsibilityRules![0].responsibleDepartment = 'QD-NOPE';
    file.responsibilityRules![3].key = 'guides-default';
    file.guideSpec!.required.push('title');
    expect(shown(file)).toEqual([
      'responsibilityRules[0].responsibleDepartment: no department has the code QD-NOPE',
      'responsibilityRules[3].key: guides-default is already the key of another rule',
      'guideSpec.required[7]: "title" is not a guide field (fields: conditions, materials, timeLimit, fee, onlineUrl, address, phone, hours)',
    ]);
  });
});

describe('catalogProblems: stored records the file would break', () => {
  it('reports stored guides that a changed department no longer fits, under "(stored) guides"', () => {
    const demo = loadDemo();
    const stored = storedFrom(demo).catalog;
    const file = fileOf({ departments: [{ ...clone(demo.departments.find((d) => d.code === '370202-SI')!), kind: 'PENSION' }] });
    const problems = catalogProblems(file, stored, LOCALES).filter((p) => p.path[0] === '(stored) guides');
    expect(problems.map((p) => [p.path.slice(0, 2), p.message])).toEqual([
      [['(stored) guides', 'QD-SI-001/district-approval/370202000000'], '370202-SI is a PENSION department, but stage "district-approval" is handled by a SI department'],
      [['(stored) guides', 'QD-SI-001/district-review/370202000000'], '370202-SI is a PENSION department, but stage "district-review" is handled by a SI department'],
    ]);
  });

  it('reports stored guides of a stage the file removes', () => {
    const demo = loadDemo();
    const stored = storedFrom(demo).catalog;
    const item = clone(demo.items[3]);
    item.stages[1].key = 'district-check';
    const problems = catalogProblems(fileOf({ items: [item] }), stored, LOCALES);
    const guidesOfStage = demo.guides.filter((g) => g.item === 'QD-MI-001' && g.stage === 'district-confirmation');
    expect(guidesOfStage).toHaveLength(10);
    expect(problems.map((p) => p.path[1])).toEqual(guidesOfStage.map((g) => `${g.item}/${g.stage}/${g.unit}`));
    expect(problems.every((p) => p.path[0] === '(stored) guides')).toBe(true);
    expect(problems[0].message).toBe('item QD-MI-001 has no stage "district-confirmation" (stages: community-registration, district-check)');
  });

  it('reports stored units whose parent the file changes, under "(stored) units"', () => {
    const demo = loadDemo();
    const stored = storedFrom(demo).catalog;
    const jiaozhou = { ...clone(demo.units.find((u) => u.code === '370281000000')!), level: 'street' as const, kind: 'subdistrict' };
    const problems = catalogProblems(fileOf({ units: [jiaozhou] }), stored, LOCALES);
    const storedUnitProblems = problems.filter((p) => p.path[0] === '(stored) units').map((p) => [p.path[1], p.message]);
    expect(storedUnitProblems).toEqual([
      ['370281001000', '370281000000 is a street-level unit; the parent of a street-level unit must be exactly one level up (district)'],
      ['370281002000', '370281000000 is a street-level unit; the parent of a street-level unit must be exactly one level up (district)'],
    ]);
    expect(problems.filter((p) => p.path[0] === 'units').map((p) => formatPath(p.path))).toEqual(['units[0].code', 'units[0].parent']);
  });

  it('reports a stored department whose unit is missing, under "(stored) departments"', () => {
    const stored = emptyStored();
    stored.departments = [{ code: '370299-SI', kind: 'SI', unit: '370299000000', name: { 'zh-Hans': '某区社保中心' } }];
    expect(catalogProblems(fileOf({}), stored, LOCALES)).toEqual([
      { path: ['(stored) departments', '370299-SI', 'unit'], message: 'its unit 370299000000 would no longer exist' },
    ]);
  });

  it('names the fields of stored records as the catalog does (department, not departmentCode)', () => {
    const demo = loadDemo();
    const file = fileOf({ departments: [{ ...clone(demo.departments.find((d) => d.code === '370202-SI')!), kind: 'PENSION' }] });
    const problems = catalogProblems(file, storedFrom(demo).catalog, LOCALES);
    expect(problems.filter((p) => p.path[0] === '(stored) guides').map((p) => formatPath(p.path))).toEqual([
      '(stored) guides.QD-SI-001/district-approval/370202000000.department',
      '(stored) guides.QD-SI-001/district-review/370202000000.department',
    ]);
  });

  it('reports a stored published item that would no longer route every combination, under "(stored) items"', () => {
    // 市南区's SI center becomes a PENSION department: retirements from a domestic enterprise in
    // 市南区 would find no SI department to handle them.
    const demo = loadDemo();
    const file = fileOf({ departments: [{ ...clone(demo.departments.find((d) => d.code === '370202-SI')!), kind: 'PENSION' }] });
    const problems = catalogProblems(file, storedFrom(demo).catalog, LOCALES).filter((p) => p.path[0] === '(stored) items');
    expect(problems.map((p) => formatPath(p.path))).toEqual([
      '(stored) items.QD-SI-001.stages[1].handler',
      '(stored) items.QD-SI-001.stages[2].handler',
      '(stored) items.QD-SI-001.stages[2].handler',
    ]);
    expect(problems[0].message).toBe(
      'when retirement_type=normal, enterprise_type=domestic, enterprise_location=370202000000: 370202000000 has no SI department to handle stage "district-approval"'
    );
  });

  it('reports a stored item whose fixed handler the file breaks, under "(stored) items"', () => {
    // The file moves QD-LAC to 市南区; the stored item QD-SI-001 still says the city's QD-LAC
    // handles its work-ability appraisal, which itemProblems refuses.
    const demo = loadDemo();
    const lac = { ...clone(demo.departments.find((d) => d.code === 'QD-LAC')!), unit: '370202000000' };
    const problems = catalogProblems(fileOf({ departments: [lac] }), storedFrom(demo).catalog, LOCALES);
    expect(problems.map((p) => p.path.slice(0, 2))).toContainEqual(['(stored) guides', 'QD-SI-001/work-ability-appraisal/370200000000']);
    expect(problems.map((p) => p.path.slice(0, 2))).toContainEqual(['(stored) items', 'QD-SI-001']);
  });
});
