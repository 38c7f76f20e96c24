import { conditionProblems, constantConditionProblem, readsAnswers, type QuestionShape } from '../../src/plugins/linkage/server/src/domain/conditions';
import { questionShapes } from '../../src/plugins/linkage/server/src/domain/item-rules';
import { demoItem, loadDemo, versionOf } from './demo-fixtures';
import { reasons } from './problem-reasons';

/** The questions of the demo's retirement item, as conditions see them. */
const RETIREMENT: QuestionShape[] = [
  { key: 'retirement_type', kind: 'core', type: 'choice', optionValues: ['normal', 'special_job', 'illness', 'bankrupt'], label: '退休类型' },
  { key: 'enterprise_type', kind: 'core', type: 'choice', optionValues: ['domestic', 'foreign'], label: '原企业类型' },
  { key: 'enterprise_location', kind: 'core', type: 'unit', optionValues: [], label: '原企业所在区(市)' },
  { key: 'has_military_service', kind: 'auxiliary', type: 'boolean', optionValues: [], label: '是否有军龄(视同缴费年限)' },
];
const ROUTE = { coreOnly: true };
const MATERIAL = { coreOnly: false };
const route = (logic: unknown) => reasons(conditionProblems(logic, RETIREMENT, ROUTE));
const material = (logic: unknown) => reasons(conditionProblems(logic, RETIREMENT, MATERIAL));
const eq = (name: string, literal: unknown) => ({ '==': [{ var: name }, literal] });

describe('conditionProblems on the demo', () => {
  it('reads the retirement questions as the shapes above', () => {
    expect(questionShapes(versionOf(demoItem('QD-SI-001')).questions)).toEqual(RETIREMENT);
  });

  it('accepts every stage appliesWhen of every demo item as a route condition', () => {
    const demo = loadDemo();
    const problems = demo.items.flatMap((item) => {
      const shapes = questionShapes(versionOf(item).questions);
      return item.stages.flatMap((stage) => conditionProblems(stage.appliesWhen, shapes, ROUTE).map((p) => ({ item: item.code, stage: stage.key, ...p })));
    });
    expect(problems).toEqual([]);
    expect(demo.items.flatMap((i) => i.stages)).toHaveLength(14);
  });

  it('accepts every material `when` of every demo guide as a material condition', () => {
    const demo = loadDemo();
    const shapesByItem = new Map(demo.items.map((item) => [item.code, questionShapes(versionOf(item).questions)]));
    const conditions = demo.guides.flatMap((guide) => (guide.materials ?? []).filter((m) => m.when !== undefined).map((m) => ({ item: guide.item, when: m.when })));
    expect(conditions).toHaveLength(40);
    const problems = conditions.flatMap(({ item, when }) => conditionProblems(when, shapesByItem.get(item) ?? [], MATERIAL));
    expect(problems).toEqual([]);
  });
});

describe('conditionProblems: operators', () => {
  it('accepts literals, which are valid rules', () => {
    for (const literal of [true, false, null, 0, 'x']) expect(route(literal)).toEqual([]);
  });

  it('refuses an operator that JSON Logic does not have, at its path', () => {
    expect(route({ regex: [{ var: 'retirement_type' }, '^n'] })).toEqual([{ path: ['regex'], message: '"regex" is not a JSON Logic operator' }]);
    expect(route({ and: [true, { or: [false, { like: ['a', 'b'] }] }] })).toEqual([{ path: ['and', 1, 'or', 1, 'like'], message: '"like" is not a JSON Logic operator' }]);
  });

  it.each(['log', 'method'])('refuses the operator %s, which has side effects', (op) => {
    expect(route({ and: [true, { [op]: ['x'] }] })).toEqual([{ path: ['and', 1, op], message: `the operator "${op}" is not allowed in conditions` }]);
  });

  it('refuses an object with no operator', () => {
    expect(route({})).toEqual([{ path: [], message: 'a JSON Logic rule has exactly one operator, found none' }]);
    expect(route({ '!': [{}] })).toEqual([{ path: ['!', 0], message: 'a JSON Logic rule has exactly one operator, found none' }]);
  });

  it('refuses an object with two operators, naming both in a fixed order (Postgres jsonb reorders keys)', () => {
    expect(route({ '==': [1, 1], '!=': [1, 2] })).toEqual([{ path: [], message: 'a JSON Logic rule has exactly one operator, found !=, ==' }]);
  });

  it('refuses a value that is not JSON', () => {
    expect(route({ and: [true, undefined] })).toEqual([{ path: ['and', 1], message: 'is not JSON: undefined' }]);
  });

  it('accepts the usual operators over answers', () => {
    expect(
      route({
        if: [{ and: [eq('retirement_type', 'normal'), { '!': { var: 'enterprise_type' } }] }, { cat: ['a', { var: 'enterprise_location.code' }] }, { max: [1, { '+': [1, 2] }] }],
      })
    ).toEqual([]);
  });
});

describe('conditionProblems: variables', () => {
  it('refuses a variable that names no question, listing the questions', () => {
    expect(route(eq('retirement_kind', 'normal'))).toEqual([
      {
        path: ['==', 0, 'var'],
        message: 'names "retirement_kind", which is not a question of this item (questions: retirement_type, enterprise_type, enterprise_location, has_military_service)',
      },
    ]);
  });

  it('says "none" when the item has no questions', () => {
    expect(reasons(conditionProblems({ var: 'x' }, [], ROUTE))).toEqual([{ path: ['var'], message: 'names "x", which is not a question of this item (questions: none)' }]);
  });

  it('refuses an empty variable name and reads the name of a variable with a default', () => {
    expect(route({ '!': { var: '' } })).toEqual([{ path: ['!', 'var'], message: 'a variable must name a question' }]);
    expect(route({ '!': { var: ['nope', false] } })).toEqual([{ path: ['!', 'var'], message: expect.stringContaining('names "nope", which is not a question of this item') }]);
  });

  it('checks variables named by missing', () => {
    expect(route({ missing: ['retirement_type', 'nope'] })).toEqual([
      { path: ['missing', 1], message: expect.stringContaining('names "nope", which is not a question of this item') },
    ]);
  });

  it('reports a variable named by missing_some at its place in the list of names', () => {
    expect(route({ missing_some: [1, ['retirement_type', 'nope']] })).toEqual([
      { path: ['missing_some', 1, 1], message: expect.stringContaining('names "nope", which is not a question of this item') },
    ]);
  });

  it('reports the variable of a single-name missing at the operator, where the name is', () => {
    expect(route({ missing: 'nope' })).toEqual([{ path: ['missing'], message: expect.stringContaining('names "nope", which is not a question of this item') }]);
  });

  it('refuses an auxiliary question in a route condition', () => {
    expect(route(eq('has_military_service', true))).toEqual([
      { path: ['==', 0, 'var'], message: 'names the auxiliary question "has_military_service"; only core questions decide the route' },
    ]);
  });

  it('accepts an auxiliary question in a material condition', () => {
    expect(material(eq('has_military_service', true))).toEqual([]);
    expect(material({ and: [eq('retirement_type', 'illness'), { var: 'has_military_service' }] })).toEqual([]);
  });

  it('refuses parts of an answer that is not a unit', () => {
    expect(route(eq('retirement_type.code', 'normal'))).toEqual([{ path: ['==', 0, 'var'], message: '"retirement_type.code": a choice answer has no parts' }]);
    expect(material({ var: 'has_military_service.value' })).toEqual([{ path: ['var'], message: '"has_military_service.value": a boolean answer has no parts' }]);
  });

  it.each([
    'enterprise_location',
    'enterprise_location.code',
    'enterprise_location.kind',
    'enterprise_location.level',
    'enterprise_location.city',
    'enterprise_location.district.code',
    'enterprise_location.district.kind',
    'enterprise_location.street.level',
  ])('accepts the unit path %s', (name) => {
    expect(route({ var: name })).toEqual([]);
  });

  it.each([
    'enterprise_location.name',
    'enterprise_location.province',
    'enterprise_location.district.name',
    'enterprise_location.district.kind.extra',
    'enterprise_location.district.city',
  ])('refuses the unit path %s, saying what a unit answer exposes', (name) => {
    expect(route({ var: name })).toEqual([
      {
        path: ['var'],
        message: `"${name}": a unit answer exposes enterprise_location[.<level>][.code|.kind|.level], with <level> one of city, district, street, community`,
      },
    ]);
  });

  it('does not check variables in the second argument of map, filter, all, some, none and reduce', () => {
    expect(route({ map: [[1, 2, 3], { '*': [{ var: '' }, 2] }] })).toEqual([]);
    expect(route({ filter: [[1, 2], { '>': [{ var: 'element' }, 1] }] })).toEqual([]);
    expect(route({ all: [[1, 2], { '==': [{ var: 'x' }, 'anything'] }] })).toEqual([]);
    expect(route({ some: [[1, 2], { '==': [{ var: '' }, 1] }] })).toEqual([]);
    expect(route({ none: [[1, 2], { var: 'item' }] })).toEqual([]);
    expect(route({ reduce: [[1, 2], { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 0] })).toEqual([]);
  });

  it('still checks operators inside the second argument of map', () => {
    expect(route({ map: [[1], { log: [{ var: '' }] }] })).toEqual([{ path: ['map', 1, 'log'], message: 'the operator "log" is not allowed in conditions' }]);
  });

  it('checks variables in the first argument of map and filter, which run over the answers', () => {
    expect(route({ filter: [{ var: 'nope' }, true] })).toEqual([
      { path: ['filter', 0, 'var'], message: expect.stringContaining('names "nope", which is not a question of this item') },
    ]);
    expect(route({ map: [{ var: 'has_military_service' }, { var: '' }] })).toEqual([
      { path: ['map', 0, 'var'], message: 'names the auxiliary question "has_military_service"; only core questions decide the route' },
    ]);
  });

  it("checks variables in reduce's initial value, which json-logic evaluates over the answers", () => {
    // json-logic-js evaluates reduce's third argument with the outer data, not per element.
    expect(route({ reduce: [[1, 2], { '+': [{ var: 'current' }, { var: 'accumulator' }] }, { var: 'nope' }] })).toEqual([
      { path: ['reduce', 2, 'var'], message: expect.stringContaining('names "nope", which is not a question of this item') },
    ]);
  });
});

describe('conditionProblems: literals compared with answers', () => {
  it('refuses a literal that is not an option of a choice question, listing the options', () => {
    expect(route(eq('retirement_type', 'early'))).toEqual([
      { path: ['==', 1], message: 'compares "retirement_type" with "early", which is not one of its options (normal, special_job, illness, bankrupt)' },
    ]);
  });

  it('checks the literal whichever side of the comparison it is on, for every equality operator', () => {
    for (const op of ['==', '===', '!=', '!==']) {
      expect(route({ [op]: ['early', { var: 'retirement_type' }] })).toEqual([
        { path: [op, 0], message: 'compares "retirement_type" with "early", which is not one of its options (normal, special_job, illness, bankrupt)' },
      ]);
    }
  });

  it('refuses a non-boolean compared with a yes/no answer', () => {
    expect(material(eq('has_military_service', 'yes'))).toEqual([{ path: ['==', 1], message: 'compares the yes/no answer "has_military_service" with "yes"; use true or false' }]);
    expect(material(eq('has_military_service', 1))).toEqual([{ path: ['==', 1], message: 'compares the yes/no answer "has_military_service" with 1; use true or false' }]);
  });

  it('refuses a literal that is not a unit kind when compared with a unit kind', () => {
    expect(route(eq('enterprise_location.district.kind', 'county_level_city'))).toEqual([
      {
        path: ['==', 1],
        message:
          'compares a unit kind with "county_level_city", which is not a unit kind (prefecture_city, municipality, district, county_city, county, subdistrict, town, township, residents_committee, villagers_committee)',
      },
    ]);
  });

  it('refuses a literal that is not a level when compared with a unit level', () => {
    expect(route(eq('enterprise_location.level', 'province'))).toEqual([{ path: ['==', 1], message: 'compares a unit level with "province", which is not a level' }]);
    expect(route(eq('enterprise_location.level', 'district'))).toEqual([]);
  });

  it('refuses a literal that is not a 12-digit code when compared with a unit code', () => {
    expect(route(eq('enterprise_location.code', '370202'))).toEqual([{ path: ['==', 1], message: 'compares a unit with "370202", which is not a 12-digit unit code' }]);
    expect(route(eq('enterprise_location.district.code', 370202000000))).toEqual([
      { path: ['==', 1], message: 'compares a unit with 370202000000, which is not a 12-digit unit code' },
    ]);
    expect(route(eq('enterprise_location.district.code', '370202000000'))).toEqual([]);
  });

  it('refuses comparing a whole unit answer with a literal: the answer is an object, compare its code', () => {
    expect(route(eq('enterprise_location', '370202000000'))).toEqual([
      { path: ['==', 1], message: 'compares the unit "enterprise_location" with "370202000000"; compare its code, kind or level (enterprise_location.code)' },
    ]);
    expect(route(eq('enterprise_location.district', '370202000000'))).toEqual([{ path: ['==', 1], message: expect.stringContaining('(enterprise_location.district.code)') }]);
  });

  it('checks each literal of an `in` list against the answer', () => {
    expect(route({ in: [{ var: 'retirement_type' }, ['normal', 'early', 'illness', 'late']] })).toEqual([
      { path: ['in', 1, 1], message: expect.stringContaining('compares "retirement_type" with "early"') },
      { path: ['in', 1, 3], message: expect.stringContaining('compares "retirement_type" with "late"') },
    ]);
    expect(route({ in: [{ var: 'enterprise_location.district.kind' }, ['district', 'county_city']] })).toEqual([]);
  });

  it('accepts the demo housing material condition and refuses it with a made-up option', () => {
    const shapes = questionShapes(versionOf(demoItem('QD-HOUSING-001')).questions);
    const when = (values: string[]) => ({ in: [{ var: 'applicant_type' }, values] });
    expect(conditionProblems(when(['new_employee', 'migrant_worker']), shapes, MATERIAL)).toEqual([]);
    expect(reasons(conditionProblems(when(['new_employee', 'tourist']), shapes, MATERIAL))).toEqual([
      {
        path: ['in', 1, 1],
        message: 'compares "applicant_type" with "tourist", which is not one of its options (registered_household, new_employee, migrant_worker)',
      },
    ]);
  });

  it('checks both variables when two answers are compared', () => {
    expect(route({ '==': [{ var: 'retirement_type' }, { var: 'nope' }] })).toEqual([{ path: ['==', 1, 'var'], message: expect.stringContaining('names "nope"') }]);
  });

  it('does not check literals compared inside map and filter bodies', () => {
    expect(route({ some: [[1], { '==': [{ var: 'retirement_type' }, 'early'] }] })).toEqual([]);
  });
});

describe('readsAnswers and constantConditionProblem: "always" only on purpose', () => {
  it('finds the answers a rule reads, at any depth, but not the elements an all/some runs over', () => {
    expect(readsAnswers({ '==': [{ var: 'retirement_type' }, 'normal'] })).toBe(true);
    expect(readsAnswers({ and: [true, { '!': [{ var: 'has_military_service' }] }] })).toBe(true);
    expect(readsAnswers({ missing: ['enterprise_location'] })).toBe(true);
    expect(readsAnswers({ some: [[1, 2], { '==': [{ var: '' }, 1] }] })).toBe(false);
    expect(readsAnswers({ '==': [1, 1] })).toBe(false);
  });

  it('accepts the explicit "always" and any rule that reads an answer', () => {
    expect(constantConditionProblem(true)).toBeNull();
    expect(constantConditionProblem({ '==': [{ var: 'retirement_type' }, 'illness'] })).toBeNull();
  });

  it.each([
    ['a comparison of two constants', { '==': [1, 1] }],
    ['"never"', false],
    ['a string kept as a literal', { if: ['{"==":[{"var":"retirement_type"},"illness"]}'] }],
    ['a number', 3],
  ])('refuses %s, which gives the same result whoever applies', (_what, logic) => {
    const found = constantConditionProblem(logic);
    expect(found?.message).toMatch(/^reads no question/);
    expect(found?.text?.en).toContain('choose a question, or choose “Always” if it really applies to everyone');
    expect(found?.text?.['zh-Hans']).toContain('请选择一个问题');
  });
});

describe('conditionProblems: sentences editors read', () => {
  it('names the question by its label and the options to choose from', () => {
    const [found] = conditionProblems({ '==': [{ var: 'retirement_type' }, 'sick'] }, RETIREMENT, ROUTE);
    expect(found.text).toEqual({
      en: 'the condition compares “退休类型” with "sick", which is not one of its answers: choose one of its options (normal, special_job, illness, bankrupt)',
      'zh-Hans': '条件把“退休类型”与"sick"比较，但这不是该问题的选项：请从它的选项中选择（normal、special_job、illness、bankrupt）',
    });
  });

  it('says how to fix a route condition on an auxiliary question', () => {
    const [found] = conditionProblems({ '==': [{ var: 'has_military_service' }, true] }, RETIREMENT, ROUTE);
    expect(found.text?.en).toBe(
      'the condition uses the auxiliary question “是否有军龄(视同缴费年限)”, but only core questions decide which stages apply: use a core question, or make “是否有军龄(视同缴费年限)” a core question'
    );
  });

  it('gives every problem a sentence in both languages', () => {
    const rules = [
      { regex: [1] },
      { log: [1] },
      { a: 1, b: 2 },
      { var: 'nope' },
      { '==': [{ var: 'enterprise_location' }, 'x'] },
      { '==': [{ var: 'enterprise_location.kind' }, 'x'] },
      { '==': [{ var: 'retirement_type.code' }, 'x'] },
    ];
    for (const rule of rules) {
      const found = conditionProblems(rule, RETIREMENT, ROUTE);
      expect(found.length).toBeGreaterThan(0);
      for (const p of found) {
        expect(p.text?.en).toMatch(/\S/);
        expect(p.text?.['zh-Hans']).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });
});
