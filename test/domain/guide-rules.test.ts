import { guideProblems, itemFactsOf, type GuideContext, type GuideDraft } from '../../src/plugins/linkage/server/src/domain/guide-rules';
import { indexDepartments } from '../../src/plugins/linkage/server/src/domain/departments';
import type { ItemVersion } from '../../src/plugins/linkage/server/src/domain/item-rules';
import { indexUnits } from '../../src/plugins/linkage/server/src/domain/unit-tree';
import { reasons } from './problem-reasons';
import { clone, demoDepartmentIndex, demoItem, demoUnitIndex, departmentFactsOf, guideDraftOf, loadDemo, unitFactsOf, versionsOf, type Mutable } from './demo-fixtures';

const demo = loadDemo();
const itemFacts = new Map(demo.items.map((item) => [item.code, itemFactsOf(versionsOf(item))]));
const contextFor = (itemCode: unknown, duplicateOf: string | null = null): GuideContext => ({
  item: itemFacts.get(String(itemCode)) ?? null,
  units: demoUnitIndex(),
  departments: demoDepartmentIndex(),
  duplicateOf,
});
const check = (draft: GuideDraft, duplicateOf: string | null = null) => reasons(guideProblems(draft, contextFor(draft.itemCode, duplicateOf)));

/** Demo guide 0: QD-SI-001 / district-approval / 市南区 (370202000000) / 370202-SI, with 4 materials. */
const shinanApproval = (): Mutable<GuideDraft> => clone(guideDraftOf(demo.guides[0])) as Mutable<GuideDraft>;
/** Demo guide 16: QD-SI-001 / city-approval / the city / QD-SI (a fixed handler). */
const cityApproval = (): Mutable<GuideDraft> => clone(guideDraftOf(demo.guides[16])) as Mutable<GuideDraft>;

describe('guideProblems on the demo', () => {
  it('accepts every demo guide against its demo item', () => {
    expect(demo.guides).toHaveLength(88);
    const problems = demo.guides.flatMap((guide, i) => check(guideDraftOf(guide)).map((p) => ({ guide: i, ...p })));
    expect(problems).toEqual([]);
  });

  it('describes the guides used below as the demo has them', () => {
    expect(shinanApproval()).toMatchObject({ itemCode: 'QD-SI-001', stageKey: 'district-approval', unitCode: '370202000000', departmentCode: '370202-SI' });
    expect(cityApproval()).toMatchObject({ itemCode: 'QD-SI-001', stageKey: 'city-approval', unitCode: '370200000000', departmentCode: 'QD-SI' });
  });
});

describe('guideProblems', () => {
  it('refuses an item that does not exist', () => {
    const guide = shinanApproval();
    guide.itemCode = 'QD-SI-999';
    expect(check(guide)).toEqual([{ path: ['itemCode'], message: 'no item has the code QD-SI-999' }]);
  });

  it('requires the item, stage, unit and department codes', () => {
    expect(check({ itemCode: '', stageKey: ' ', unitCode: undefined, departmentCode: null })).toEqual([
      { path: ['itemCode'], message: 'is required: the code of the linked item' },
      { path: ['stageKey'], message: 'is required: the key of the stage this guide is for' },
      { path: ['unitCode'], message: 'is required: the unit that owns and handles this guide' },
      { path: ['departmentCode'], message: 'is required: the department that handles this stage' },
    ]);
  });

  it('refuses a stage the item does not have, listing its stages', () => {
    const guide = shinanApproval();
    guide.stageKey = 'district-approve';
    expect(check(guide)).toEqual([
      {
        path: ['stageKey'],
        message: 'item QD-SI-001 has no stage "district-approve" (stages: work-ability-appraisal, district-approval, district-review, city-approval)',
      },
    ]);
  });

  it('refuses a unit that does not exist', () => {
    const guide = shinanApproval();
    guide.unitCode = '370299000000';
    expect(check(guide)).toEqual([{ path: ['unitCode'], message: 'no unit has the code 370299000000' }]);
  });

  it('refuses a department that does not exist', () => {
    const guide = shinanApproval();
    guide.departmentCode = '370202-PENSION';
    expect(check(guide)).toEqual([{ path: ['departmentCode'], message: 'no department has the code 370202-PENSION' }]);
  });

  it("refuses a unit that is not at the stage's level", () => {
    const guide = shinanApproval();
    guide.unitCode = '370200000000';
    guide.departmentCode = 'QD-SI';
    expect(check(guide)).toEqual([{ path: ['unitCode'], message: '370200000000 is a city-level unit, but stage "district-approval" is handled at district level' }]);
  });

  it("refuses a unit other than the fixed handler's, and its department", () => {
    const units = indexUnits([...unitFactsOf(demo), { code: '370300000000', level: 'city', kind: 'prefecture_city', parentCode: null }]);
    const departments = indexDepartments([...departmentFactsOf(demo), { code: 'ZB-SI', kind: 'SI', unitCode: '370300000000' }]);
    const guide = cityApproval();
    guide.unitCode = '370300000000';
    guide.departmentCode = 'ZB-SI';
    expect(reasons(guideProblems(guide, { ...contextFor('QD-SI-001'), units, departments }))).toEqual([
      { path: ['unitCode'], message: 'stage "city-approval" is handled by unit 370200000000 only, not 370300000000' },
      { path: ['departmentCode'], message: 'stage "city-approval" is handled by department QD-SI only, not ZB-SI' },
    ]);
  });

  it('refuses a department of another unit', () => {
    const guide = shinanApproval();
    guide.departmentCode = '370203-SI';
    expect(check(guide)).toEqual([{ path: ['departmentCode'], message: '370203-SI belongs to unit 370203000000, not to 370202000000' }]);
  });

  it("refuses a department not of the answer handler's kind", () => {
    const guide = shinanApproval();
    guide.departmentCode = '370202-CA';
    expect(check(guide)).toEqual([{ path: ['departmentCode'], message: '370202-CA is a CA department, but stage "district-approval" is handled by a SI department' }]);
  });

  it("refuses a department of the right unit other than the fixed handler's", () => {
    const guide = cityApproval();
    guide.departmentCode = 'QD-CA';
    expect(check(guide)).toEqual([{ path: ['departmentCode'], message: 'stage "city-approval" is handled by department QD-SI only, not QD-CA' }]);
  });

  it('refuses a second guide of the same unit for the same stage, naming the first', () => {
    expect(check(shinanApproval(), 'guides[0]')).toEqual([
      {
        path: ['unitCode'],
        message: '370202000000 already has a guide for stage "district-approval" of item QD-SI-001 (guides[0]); a unit keeps one guide per stage',
      },
    ]);
  });

  it('refuses "no materials needed" when materials are listed', () => {
    const guide = shinanApproval();
    guide.noMaterialsNeeded = true;
    expect(check(guide)).toEqual([{ path: ['noMaterialsNeeded'], message: 'says the stage needs no materials, but 4 are listed' }]);
  });

  it.each(['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', '//evil.example/x', 'www.qingdao.gov.cn'])(
    'refuses an online link %p that is not an http(s) address',
    (onlineUrl) => {
      expect(check({ ...shinanApproval(), onlineUrl })).toEqual([{ path: ['onlineUrl'], message: 'must be a web address starting with http:// or https://' }]);
    }
  );

  it('accepts an http(s) online link, or none', () => {
    for (const onlineUrl of ['https://www.qingdao.example/online/retirement', 'http://shinan.qingdao.example/apply', null, undefined, '']) {
      expect(check({ ...shinanApproval(), onlineUrl })).toEqual([]);
    }
  });

  it('accepts "no materials needed" with no materials', () => {
    const guide = guideDraftOf(demo.guides[58]);
    expect(guide.noMaterialsNeeded).toBe(true);
    expect(check(guide)).toEqual([]);
  });

  it('refuses a material `when` that is not a valid condition, at its path', () => {
    const guide = shinanApproval();
    guide.materials = [{}, {}, {}, { when: { '==': [{ var: 'has_military_service' }, 'yes'] } }];
    expect(check(guide)).toEqual([{ path: ['materials', 3, 'when', '==', 1], message: 'compares the yes/no answer "has_military_service" with "yes"; use true or false' }]);
  });

  it('refuses a material `when` naming a question of another item', () => {
    const guide = shinanApproval();
    guide.materials = [{ when: { var: 'is_newborn' } }];
    expect(check(guide)).toEqual([
      {
        path: ['materials', 0, 'when', 'var'],
        message: 'names "is_newborn", which is not a question of this item (questions: retirement_type, enterprise_type, enterprise_location, has_military_service)',
      },
    ]);
  });

  it('lets a material `when` use auxiliary questions', () => {
    const guide = shinanApproval();
    guide.materials = [{ when: { and: [{ var: 'has_military_service' }, { '==': [{ var: 'retirement_type' }, 'normal'] }] } }, { when: null }];
    expect(check(guide)).toEqual([]);
  });
});

describe('itemFactsOf', () => {
  it('takes the code and title, the questions of the first version and the stages with their level, handler and name', () => {
    const facts = itemFactsOf(versionsOf(demoItem('QD-CA-001')));
    expect(facts?.code).toBe('QD-CA-001');
    expect(facts?.title).toBe('最低生活保障申请');
    expect(facts?.questions.map((q) => q.key)).toEqual(['household_location', 'has_disabled_member']);
    expect(facts?.stages).toEqual([
      { key: 'community-acceptance', level: 'community', handler: { fromAnswer: 'household_location', level: 'community', departmentKind: 'COMMITTEE' }, name: '社区(村)受理' },
      { key: 'street-review', level: 'street', handler: { fromAnswer: 'household_location', level: 'street', departmentKind: 'OFFICE' }, name: '街道(镇)审核' },
      { key: 'district-approval', level: 'district', handler: { fromAnswer: 'household_location', level: 'district', departmentKind: 'CA' }, name: '区(市)民政局审批' },
      { key: 'city-filing', level: 'city', handler: { unit: '370200000000', department: 'QD-CA' }, name: expect.any(String) },
    ]);
  });

  it('collects stages from every version, the first version leading', () => {
    const [zh, en] = versionsOf(demoItem('QD-MI-001')).map((v) => clone(v) as Mutable<ItemVersion>);
    zh.stages.pop();
    en.stages[0].level = 'street';
    const facts = itemFactsOf([zh, en] as ItemVersion[]);
    expect(facts?.stages.map((s) => [s.key, s.level])).toEqual([
      ['community-registration', 'community'],
      ['district-confirmation', 'district'],
    ]);
  });

  it('gives nothing without versions or without a code', () => {
    expect(itemFactsOf([])).toBeNull();
    const [zh] = versionsOf(demoItem('QD-MI-001')).map((v) => clone(v) as Mutable<ItemVersion>);
    zh.code = null;
    expect(itemFactsOf([zh as ItemVersion])).toBeNull();
  });
});
