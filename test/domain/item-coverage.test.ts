import { answerSpace } from '../../src/plugins/linkage/server/src/domain/answer-space';
import { departmentsByUnitKind } from '../../src/plugins/linkage/server/src/domain/handlers';
import { describeAnswers, itemCoverage } from '../../src/plugins/linkage/server/src/domain/item-coverage';
import { clone, loadDemo } from './demo-fixtures';
import { reasons } from './problem-reasons';
import { ALLOWANCE, HOUSING, MEDICAL, RETIREMENT, departmentFacts, itemOf, navigatorOf, spaceOf } from './navigator-fixtures';

const nav = navigatorOf();
const withDepartments = (change: (list: ReturnType<typeof departmentFacts>) => ReturnType<typeof departmentFacts>) => departmentsByUnitKind(change(departmentFacts(loadDemo())));

describe('itemCoverage on the demo', () => {
  it.each([
    [RETIREMENT, 80],
    [ALLOWANCE, 8],
    [HOUSING, 24],
    [MEDICAL, 8],
  ])('%s covers every one of its %i combinations with no problem and no unreachable stage', (code, count) => {
    expect(itemCoverage(spaceOf(nav, code), nav.departments)).toEqual({ problems: [], failingCombinations: 0, combinations: count, unreachable: [] });
  });
});

describe('itemCoverage: broken departments', () => {
  it('reports the combinations that need 莱西市 SI once its SI center is gone (normal, special job, bankrupt; domestic)', () => {
    const departments = withDepartments((list) => list.filter((d) => d.code !== '370285-SI'));
    const coverage = itemCoverage(spaceOf(nav, RETIREMENT), departments);
    expect(coverage.combinations).toBe(80);
    expect(coverage.failingCombinations).toBe(3);
    expect(coverage.unreachable).toEqual([]);
    expect(reasons(coverage.problems)).toEqual([
      {
        path: ['stages', 2, 'handler'],
        message: 'when retirement_type=normal, enterprise_type=domestic, enterprise_location=370285000000: 370285000000 has no SI department to handle stage "district-review"',
      },
      {
        path: ['stages', 2, 'handler'],
        message:
          'when retirement_type=special_job, enterprise_type=domestic, enterprise_location=370285000000: 370285000000 has no SI department to handle stage "district-review"',
      },
      {
        path: ['stages', 2, 'handler'],
        message: 'when retirement_type=bankrupt, enterprise_type=domestic, enterprise_location=370285000000: 370285000000 has no SI department to handle stage "district-review"',
      },
    ]);
  });

  it('reports a second SI department in 市南区 on district approval and district review', () => {
    const departments = withDepartments((list) => [...list, { code: '370202-SI-2', kind: 'SI', unitCode: '370202000000' }]);
    const coverage = itemCoverage(spaceOf(nav, RETIREMENT), departments);
    expect(coverage.failingCombinations).toBe(3);
    expect(coverage.problems.map((p) => [p.path, p.message])).toEqual([
      [
        ['stages', 1, 'handler'],
        'when retirement_type=normal, enterprise_type=domestic, enterprise_location=370202000000: 370202000000 has 2 SI departments (370202-SI, 370202-SI-2); stage "district-approval" needs exactly one',
      ],
      [
        ['stages', 2, 'handler'],
        'when retirement_type=special_job, enterprise_type=domestic, enterprise_location=370202000000: 370202000000 has 2 SI departments (370202-SI, 370202-SI-2); stage "district-review" needs exactly one',
      ],
      [
        ['stages', 2, 'handler'],
        'when retirement_type=bankrupt, enterprise_type=domestic, enterprise_location=370202000000: 370202000000 has 2 SI departments (370202-SI, 370202-SI-2); stage "district-review" needs exactly one',
      ],
    ]);
  });

  it('reports a street office removed from 阜安街道 for the allowance, naming the village and the street', () => {
    const departments = withDepartments((list) => list.filter((d) => d.code !== '370281001-OFFICE'));
    const coverage = itemCoverage(spaceOf(nav, ALLOWANCE), departments);
    expect(coverage.failingCombinations).toBe(2);
    expect(reasons(coverage.problems)).toEqual([
      {
        path: ['stages', 1, 'handler'],
        message: 'when household_location=370281001001: 370281001000 has no OFFICE department to handle stage "street-review"',
      },
      {
        path: ['stages', 1, 'handler'],
        message: 'when household_location=370281001002: 370281001000 has no OFFICE department to handle stage "street-review"',
      },
    ]);
  });

  it('keeps at most `limit` problems but counts every failing combination', () => {
    const departments = withDepartments((list) => list.filter((d) => d.code !== 'QD-SI' && d.kind !== 'COMMITTEE'));
    const housing = itemCoverage(spaceOf(nav, HOUSING), departments, 2);
    expect(housing.problems).toHaveLength(2);
    expect(housing.failingCombinations).toBe(8); // registered households in each of the 8 communities
    // Fixed handlers are not checked against the departments: QD-SI removed breaks nothing here.
    expect(itemCoverage(spaceOf(nav, RETIREMENT), departments).problems).toEqual([]);
  });
});

describe('itemCoverage: broken stages', () => {
  it('warns of a stage whose condition never holds as unreachable, without failing the item', () => {
    const item = clone(itemOf(nav, RETIREMENT));
    item.stages.push({
      key: 'never',
      order: 50,
      level: 'city',
      name: { 'zh-Hans': '永不', en: 'Never' },
      handler: { unit: '370200000000', department: 'QD-SI' },
      appliesWhen: { and: [{ '==': [{ var: 'retirement_type' }, 'normal'] }, { '==': [{ var: 'retirement_type' }, 'illness'] }] },
    });
    expect(itemCoverage(answerSpace(item, nav.units), nav.departments)).toEqual({ problems: [], failingCombinations: 0, combinations: 80, unreachable: ['never'] });
  });

  it('reports the work ability appraisal as unreachable once no retirement type is illness', () => {
    const item = clone(itemOf(nav, RETIREMENT));
    item.stages[0].appliesWhen = { '==': [{ var: 'retirement_type' }, 'early'] };
    expect(itemCoverage(answerSpace(item, nav.units), nav.departments).unreachable).toEqual(['work-ability-appraisal']);
  });

  it('reports "no stage applies" for foreign-invested enterprises once city approval is gone, naming the answers', () => {
    const item = clone(itemOf(nav, RETIREMENT));
    item.stages = item.stages.filter((s) => s.key !== 'city-approval');
    const coverage = itemCoverage(answerSpace(item, nav.units), nav.departments);
    expect(coverage.failingCombinations).toBe(30); // normal, special job, bankrupt × foreign × 10 places
    expect(coverage.problems).toHaveLength(5);
    expect(reasons(coverage.problems)[0]).toEqual({
      path: ['stages'],
      message: 'no stage applies when retirement_type=normal, enterprise_type=foreign, enterprise_location=370202000000',
    });
    expect(coverage.problems.map((p) => p.message)).toEqual([
      'no stage applies when retirement_type=normal, enterprise_type=foreign, enterprise_location=370202000000',
      'no stage applies when retirement_type=normal, enterprise_type=foreign, enterprise_location=370203000000',
      'no stage applies when retirement_type=normal, enterprise_type=foreign, enterprise_location=370211000000',
      'no stage applies when retirement_type=normal, enterprise_type=foreign, enterprise_location=370212000000',
      'no stage applies when retirement_type=normal, enterprise_type=foreign, enterprise_location=370213000000',
    ]);
    expect(coverage.unreachable).toEqual([]);
  });

  it('reports "no stage applies" for migrant workers when housing stages only serve the other applicants', () => {
    const item = clone(itemOf(nav, HOUSING));
    for (const s of item.stages) s.appliesWhen = { '!=': [{ var: 'applicant_type' }, 'migrant_worker'] };
    const coverage = itemCoverage(answerSpace(item, nav.units), nav.departments, 100);
    expect(coverage.failingCombinations).toBe(8);
    expect(coverage.problems.every((p) => p.message.startsWith('no stage applies when applicant_type=migrant_worker, residence='))).toBe(true);
  });

  it('reports a unit question nobody can answer at its question, without enumerating', () => {
    const item = clone(itemOf(nav, MEDICAL));
    item.questions[0].within = '370285000000'; // 莱西市 has no communities in the demo
    const coverage = itemCoverage(answerSpace(item, nav.units), nav.departments);
    expect({ ...coverage, problems: reasons(coverage.problems) }).toEqual({
      problems: [{ path: ['questions', 0], message: 'no unit can answer "residence": none lies in its area at or below its answer level' }],
      failingCombinations: 0,
      combinations: 0,
      unreachable: [],
    });
  });
});

describe('describeAnswers', () => {
  it('writes answers as key=value, in order', () => {
    expect(describeAnswers({ retirement_type: 'normal', has_military_service: false, enterprise_location: '370202000000' })).toBe(
      'retirement_type=normal, has_military_service=false, enterprise_location=370202000000'
    );
    expect(describeAnswers({})).toBe('');
  });
});

describe('itemCoverage: what editors read', () => {
  // Names come from the stored units in the checked locale; only 莱西市's matters here.
  const names = (locale: string) => ({ locale, unitName: (code: string) => (code === '370285000000' ? (locale === 'en' ? 'Laixi' : '莱西市') : undefined) });

  it('names the failing answers as the applicant gives them, the stage by its name, and what to do, in both languages', () => {
    const departments = departmentsByUnitKind(departmentFacts(loadDemo()).filter((d) => d.code !== '370285-SI'));
    const [first] = itemCoverage(spaceOf(nav, RETIREMENT), departments, 5, names('zh-Hans')).problems;
    expect(first.text?.['zh-Hans']).toBe(
      '环节“区(市)社会保险经办机构审核”的办理单位：当退休类型 = 正常退休，原企业类型 = 内资企业(不含外资企业)，原企业所在区(市) = 莱西市时，莱西市没有社会保险经办机构可以办理：请为莱西市添加该部门，或缩小该环节的适用条件'
    );
    expect(first.text?.en).toContain('when 退休类型 = 正常退休');
    expect(first.text?.en).toContain('莱西市 has no social insurance agency to handle it: add that department to 莱西市, or narrow when the stage applies');
  });

  it('says "no stage applies" with the answers in the checked locale', () => {
    const item = clone(itemOf(nav, RETIREMENT));
    item.stages = item.stages.filter((s) => s.key !== 'city-approval');
    const [first] = itemCoverage(answerSpace(item, nav.units), nav.departments, 5, names('en')).problems;
    expect(first.text?.en).toMatch(
      /^When Type of retirement = .+, Type of the employing enterprise = Foreign-invested enterprise, .+: no stage applies, so these applicants are sent nowhere\. Widen a stage’s “Applies when”, or add a stage for them\.$/
    );
    expect(first.text?.['zh-Hans']).toMatch(/^当Type of retirement = .+时：没有适用的环节/);
  });
});
