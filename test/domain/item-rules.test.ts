import { itemProblems, itemStructure, localeStructureProblems, questionShapes, type ItemVersion } from '../../src/plugins/linkage/server/src/domain/item-rules';
import { indexDepartments } from '../../src/plugins/linkage/server/src/domain/departments';
import { reasons } from './problem-reasons';
import { clone, demoFacts, demoItem, departmentFactsOf, loadDemo, mutableVersionOf, versionOf, versionsOf, type Mutable } from './demo-fixtures';

// The retirement item (QD-SI-001): questions retirement_type (choice), enterprise_type (choice),
// enterprise_location (unit, district level, within the city), has_military_service (auxiliary
// boolean); stages work-ability-appraisal (city, fixed 370200000000/QD-LAC), district-approval and
// district-review (district, from enterprise_location, SI), city-approval (city, fixed QD-SI).
const retirement = (): Mutable<ItemVersion> => mutableVersionOf(demoItem('QD-SI-001'));
const problemsOf = (version: Mutable<ItemVersion>) => reasons(itemProblems(version as ItemVersion, demoFacts()));

describe('itemProblems on the demo', () => {
  it('finds nothing wrong with any demo item in either locale', () => {
    const facts = demoFacts();
    const demo = loadDemo();
    const problems = demo.items.flatMap((item) =>
      versionsOf(item).flatMap((version) => itemProblems(version, facts).map((p) => ({ item: item.code, locale: version.locale, ...p })))
    );
    expect(problems).toEqual([]);
    expect(demo.items).toHaveLength(4);
  });
});

describe('itemProblems: the item itself', () => {
  it('refuses a code that is not upper-case letters, digits and "-"', () => {
    const item = retirement();
    item.code = 'qd-si-001';
    expect(problemsOf(item)).toEqual([{ path: ['code'], message: 'must be upper-case letters, digits and "-" (like QD-SI-001), got "qd-si-001"' }]);
  });

  it('requires a title in the locale being checked', () => {
    const item = mutableVersionOf(demoItem('QD-SI-001'), 'en');
    item.title = '  ';
    expect(problemsOf(item)).toEqual([{ path: ['title'], message: 'is required (en)' }]);
  });

  it('refuses a domain that is not lower-case', () => {
    const item = retirement();
    item.domain = 'Social Security';
    expect(problemsOf(item)).toEqual([{ path: ['domain'], message: 'must be a lower-case domain such as social-security, got "Social Security"' }]);
  });

  it('requires a managing unit and department that exist', () => {
    const missing = retirement();
    missing.managingUnitCode = null;
    missing.managingDepartmentCode = '';
    expect(problemsOf(missing)).toEqual([
      { path: ['managingUnitCode'], message: 'is required: the unit that manages this item' },
      { path: ['managingDepartmentCode'], message: 'is required: the department that manages this item' },
    ]);
    const unknown = retirement();
    unknown.managingUnitCode = '370299000000';
    unknown.managingDepartmentCode = 'QD-NOPE';
    expect(problemsOf(unknown)).toEqual([
      { path: ['managingUnitCode'], message: 'no unit has the code 370299000000' },
      { path: ['managingDepartmentCode'], message: 'no department has the code QD-NOPE' },
    ]);
  });

  it('refuses a managing department of another unit', () => {
    const item = retirement();
    item.managingDepartmentCode = '370202-SI';
    expect(problemsOf(item)).toEqual([{ path: ['managingDepartmentCode'], message: '370202-SI belongs to unit 370202000000, not to the managing unit 370200000000' }]);
  });

  it('requires a title for every policy', () => {
    const item = retirement();
    item.policies[0].title = null;
    expect(problemsOf(item)).toEqual([{ path: ['policies', 0, 'title'], message: 'is required (zh-Hans)' }]);
  });
});

describe('itemProblems: questions', () => {
  it('refuses a repeated question key at the later question, naming the first', () => {
    const item = retirement();
    item.questions.push(clone(item.questions[3]));
    expect(problemsOf(item)).toEqual([{ path: ['questions', 4, 'key'], message: 'repeats the question key "has_military_service" of questions[3]' }]);
  });

  it.each(['HasMilitaryService', '1st', 'has-military-service', '', null])('refuses the question key %p', (key) => {
    const item = retirement();
    item.questions[3].key = key;
    expect(problemsOf(item)).toEqual([
      { path: ['questions', 3, 'key'], message: `must be lower-case letters, digits and "_" starting with a letter, got ${JSON.stringify(key)}` },
    ]);
  });

  it('refuses an unknown question kind and type', () => {
    const item = retirement();
    item.questions[3].kind = 'optional';
    expect(problemsOf(item)).toEqual([{ path: ['questions', 3, 'kind'], message: 'must be core or auxiliary, got "optional"' }]);
    const typed = retirement();
    typed.questions[3].type = 'text';
    expect(problemsOf(typed)).toEqual([{ path: ['questions', 3, 'type'], message: 'must be choice, boolean or unit, got "text"' }]);
  });

  it('requires a question label and option labels', () => {
    const item = retirement();
    item.questions[3].label = '';
    item.questions[1].options[1].label = null;
    expect(problemsOf(item)).toEqual([
      { path: ['questions', 1, 'options', 1, 'label'], message: 'is required (zh-Hans)' },
      { path: ['questions', 3, 'label'], message: 'is required (zh-Hans)' },
    ]);
  });

  it('refuses a choice question with fewer than two options', () => {
    const item = retirement();
    item.questions[1].options = item.questions[1].options.filter((o) => o.value === 'domestic');
    expect(problemsOf(item)).toEqual([{ path: ['questions', 1, 'options'], message: 'a choice question needs at least two options' }]);
  });

  it('refuses a repeated option value at the later option', () => {
    const item = retirement();
    item.questions[0].options.push({ value: 'normal', label: '正常' });
    expect(problemsOf(item)).toEqual([{ path: ['questions', 0, 'options', 4, 'value'], message: 'repeats the option "normal" of options[0]' }]);
  });

  it.each(['special job', '-x', '', null])('refuses the option value %p', (value) => {
    const item = retirement();
    item.questions[0].options.push({ value, label: 'x' });
    expect(problemsOf(item)).toEqual([{ path: ['questions', 0, 'options', 4, 'value'], message: `must be letters, digits, "_" or "-", got ${JSON.stringify(value)}` }]);
  });

  it('refuses options on a question that is not a choice', () => {
    const item = retirement();
    item.questions[3].options = [{ value: 'yes', label: '是' }];
    expect(problemsOf(item)).toEqual([{ path: ['questions', 3, 'options'], message: 'only a choice question has options; this one is boolean' }]);
  });

  it('refuses a unit question without an answer level', () => {
    const item = retirement();
    item.questions[2].answerLevel = null;
    expect(problemsOf(item)).toEqual([
      {
        path: ['questions', 2, 'answerLevel'],
        message: 'a unit question must say at which level it is answered (city, district, street, community), got null',
      },
    ]);
  });

  it('refuses a `within` unit that does not exist', () => {
    const item = retirement();
    item.questions[2].within = '370299000000';
    expect(problemsOf(item)).toEqual([{ path: ['questions', 2, 'within'], message: 'no unit has the code 370299000000' }]);
  });

  it('refuses a `within` unit at or below the answer level', () => {
    const same = retirement();
    same.questions[2].within = '370281000000';
    expect(problemsOf(same)).toEqual([
      {
        path: ['questions', 2, 'within'],
        message: '370281000000 is a district-level unit; answers are district-level units, so it must be above that level',
      },
    ]);
    const below = retirement();
    below.questions[2].within = '370281001000';
    expect(problemsOf(below)).toEqual([
      {
        path: ['questions', 2, 'within'],
        message: '370281001000 is a street-level unit; answers are district-level units, so it must be above that level',
      },
    ]);
  });

  it('accepts a unit question without `within`', () => {
    const item = retirement();
    item.questions[2].within = null;
    expect(problemsOf(item)).toEqual([]);
  });

  it('refuses an answer level or `within` on a question that is not a unit question', () => {
    const item = retirement();
    item.questions[3].answerLevel = 'district';
    item.questions[3].within = '370200000000';
    expect(problemsOf(item)).toEqual([
      { path: ['questions', 3, 'answerLevel'], message: 'only a unit question has an answer level; this one is boolean' },
      { path: ['questions', 3, 'within'], message: 'only a unit question is answered within a unit; this one is boolean' },
    ]);
  });
});

describe('itemProblems: stages', () => {
  it('refuses an item without stages', () => {
    const item = retirement();
    item.stages = [];
    expect(problemsOf(item)).toEqual([{ path: ['stages'], message: 'an item needs at least one stage' }]);
  });

  it('refuses a repeated stage key at the later stage, naming the first', () => {
    const item = retirement();
    item.stages[2].key = 'district-approval';
    expect(problemsOf(item)).toEqual([{ path: ['stages', 2, 'key'], message: 'repeats the stage key "district-approval" of stages[1]' }]);
  });

  it.each(['District-Approval', 'district_approval', '-approval', '', null])('refuses the stage key %p', (key) => {
    const item = retirement();
    item.stages[1].key = key;
    expect(problemsOf(item)).toEqual([{ path: ['stages', 1, 'key'], message: `must be lower-case letters, digits and "-", got ${JSON.stringify(key)}` }]);
  });

  it.each([-10, 1.5, null])('refuses the order %p', (order) => {
    const item = retirement();
    item.stages[0].order = order;
    expect(problemsOf(item)).toEqual([{ path: ['stages', 0, 'order'], message: `must be a whole number ≥ 0, got ${JSON.stringify(order)}` }]);
  });

  it('accepts order 0', () => {
    const item = retirement();
    item.stages[0].order = 0;
    expect(problemsOf(item)).toEqual([]);
  });

  it('requires a stage name and a known stage level', () => {
    const item = retirement();
    item.stages[0].name = '';
    item.stages[0].level = 'province';
    expect(problemsOf(item)).toEqual([
      { path: ['stages', 0, 'name'], message: 'is required (zh-Hans)' },
      { path: ['stages', 0, 'level'], message: 'must be one of city, district, street, community, got "province"' },
    ]);
  });

  it('requires appliesWhen', () => {
    const item = retirement();
    item.stages[3].appliesWhen = null;
    expect(problemsOf(item)).toEqual([
      {
        path: ['stages', 3, 'appliesWhen'],
        message: 'is required: a JSON Logic rule over the core answers, or true if the stage always applies',
      },
    ]);
  });

  it('refuses an appliesWhen that is not valid JSON Logic, at its path inside the rule', () => {
    const item = retirement();
    item.stages[0].appliesWhen = { and: [true, { like: [{ var: 'retirement_type' }, 'ill%'] }] };
    expect(problemsOf(item)).toEqual([{ path: ['stages', 0, 'appliesWhen', 'and', 1, 'like'], message: '"like" is not a JSON Logic operator' }]);
  });

  it('refuses an appliesWhen naming an unknown question', () => {
    const item = retirement();
    item.stages[0].appliesWhen = { '==': [{ var: 'retirement_kind' }, 'illness'] };
    expect(problemsOf(item)).toEqual([
      {
        path: ['stages', 0, 'appliesWhen', '==', 0, 'var'],
        message: 'names "retirement_kind", which is not a question of this item (questions: retirement_type, enterprise_type, enterprise_location, has_military_service)',
      },
    ]);
  });

  it('refuses an appliesWhen using an auxiliary question (route conditions are core-only)', () => {
    const item = retirement();
    item.stages[0].appliesWhen = { var: 'has_military_service' };
    expect(problemsOf(item)).toEqual([
      {
        path: ['stages', 0, 'appliesWhen', 'var'],
        message: 'names the auxiliary question "has_military_service"; only core questions decide the route',
      },
    ]);
  });
});

describe('itemProblems: handlers', () => {
  const SHAPE = 'must be either {"unit", "department"} for a fixed handler or {"fromAnswer", "level", "departmentKind"}';

  it.each([null, 'QD-LAC', ['370200000000', 'QD-LAC'], {}])('refuses the handler %p, which is neither shape', (handler) => {
    const item = retirement();
    item.stages[0].handler = handler;
    expect(problemsOf(item)).toEqual([{ path: ['stages', 0, 'handler'], message: SHAPE }]);
  });

  it('refuses a fixed handler without its unit as neither shape', () => {
    const item = retirement();
    item.stages[0].handler = { department: 'QD-LAC' };
    expect(problemsOf(item)).toEqual([{ path: ['stages', 0, 'handler'], message: expect.stringContaining(SHAPE) }]);
  });

  it('refuses a handler that has both shapes, naming the keys that do not belong', () => {
    const item = retirement();
    item.stages[0].handler = { unit: '370200000000', department: 'QD-LAC', fromAnswer: 'enterprise_location', level: 'city', departmentKind: 'LAC' };
    expect(problemsOf(item)).toEqual([{ path: ['stages', 0, 'handler'], message: `${SHAPE}; unexpected fromAnswer, level, departmentKind` }]);
  });

  it('refuses extra keys on a fixed or an answer handler', () => {
    const fixed = retirement();
    fixed.stages[0].handler = { unit: '370200000000', department: 'QD-LAC', phone: '0532-12333' };
    expect(problemsOf(fixed)).toEqual([{ path: ['stages', 0, 'handler'], message: `${SHAPE}; unexpected phone` }]);
    const answer = retirement();
    answer.stages[1].handler = { fromAnswer: 'enterprise_location', level: 'district', departmentKind: 'SI', note: 'x' };
    expect(problemsOf(answer)).toEqual([{ path: ['stages', 1, 'handler'], message: `${SHAPE}; unexpected note` }]);
  });

  it('refuses a fixed handler unit that does not exist', () => {
    const item = retirement();
    item.stages[0].handler = { unit: '370299000000', department: 'QD-LAC' };
    expect(problemsOf(item)).toEqual([{ path: ['stages', 0, 'handler', 'unit'], message: 'no unit has the code "370299000000"' }]);
  });

  it("refuses a fixed handler unit that is not at the stage's level", () => {
    const item = retirement();
    item.stages[0].handler = { unit: '370202000000', department: '370202-SI' };
    expect(problemsOf(item)).toEqual([{ path: ['stages', 0, 'handler', 'unit'], message: '370202000000 is a district-level unit, but the stage is at city level' }]);
  });

  it('refuses a fixed handler department that does not exist', () => {
    const item = retirement();
    item.stages[0].handler = { unit: '370200000000', department: 'QD-NOPE' };
    expect(problemsOf(item)).toEqual([{ path: ['stages', 0, 'handler', 'department'], message: 'no department has the code "QD-NOPE"' }]);
  });

  it('refuses a fixed handler department of another unit', () => {
    const item = retirement();
    item.stages[3].handler = { unit: '370200000000', department: '370202-SI' };
    expect(problemsOf(item)).toEqual([{ path: ['stages', 3, 'handler', 'department'], message: '370202-SI belongs to unit 370202000000, not to 370200000000' }]);
  });

  it('refuses an answer handler naming a question the item does not have', () => {
    const item = retirement();
    item.stages[1].handler = { fromAnswer: 'enterprise_address', level: 'district', departmentKind: 'SI' };
    expect(problemsOf(item)).toEqual([{ path: ['stages', 1, 'handler', 'fromAnswer'], message: 'names "enterprise_address", which is not a question of this item' }]);
  });

  it('refuses an answer handler naming a question that is not a unit question', () => {
    const item = retirement();
    item.stages[1].handler = { fromAnswer: 'enterprise_type', level: 'district', departmentKind: 'SI' };
    expect(problemsOf(item)).toEqual([
      {
        path: ['stages', 1, 'handler', 'fromAnswer'],
        message: 'names "enterprise_type", a choice question; a handler is found from a unit answer',
      },
    ]);
  });

  it('refuses an answer handler naming an auxiliary unit question', () => {
    const item = retirement();
    item.questions.push({ key: 'residence', kind: 'auxiliary', type: 'unit', label: '居住地', options: [], answerLevel: 'district', within: null });
    item.stages[1].handler = { fromAnswer: 'residence', level: 'district', departmentKind: 'SI' };
    expect(problemsOf(item)).toEqual([
      {
        path: ['stages', 1, 'handler', 'fromAnswer'],
        message: 'names the auxiliary question "residence"; only core answers decide who handles a stage',
      },
    ]);
  });

  it('refuses an answer handler level that is not a level', () => {
    const item = retirement();
    item.stages[1].handler = { fromAnswer: 'enterprise_location', level: 'county', departmentKind: 'SI' };
    expect(problemsOf(item)).toEqual([{ path: ['stages', 1, 'handler', 'level'], message: 'must be one of city, district, street, community, got "county"' }]);
  });

  it("refuses an answer handler level that is not the stage's", () => {
    const item = retirement();
    item.stages[1].handler = { fromAnswer: 'enterprise_location', level: 'city', departmentKind: 'SI' };
    expect(problemsOf(item)).toEqual([{ path: ['stages', 1, 'handler', 'level'], message: 'is city, but the stage is at district level' }]);
  });

  it('refuses an answer handler level below the level the question is answered at', () => {
    const item = retirement();
    item.stages[1].level = 'street';
    item.stages[1].handler = { fromAnswer: 'enterprise_location', level: 'street', departmentKind: 'OFFICE' };
    expect(problemsOf(item)).toEqual([
      {
        path: ['stages', 1, 'handler', 'level'],
        message: '"enterprise_location" is answered with a district-level unit, which has no street-level ancestor',
      },
    ]);
  });

  it('refuses a department kind that no department has, listing the kinds', () => {
    const item = retirement();
    item.stages[1].handler = { fromAnswer: 'enterprise_location', level: 'district', departmentKind: 'PENSION' };
    expect(problemsOf(item)).toEqual([
      {
        path: ['stages', 1, 'handler', 'departmentKind'],
        message: 'no department is of kind "PENSION" (kinds: CA, COMMITTEE, EGOV, HOUSING, LAC, MI, OFFICE, SI)',
      },
    ]);
  });

  it('knows department kinds only from the departments it is given', () => {
    const demo = loadDemo();
    const facts = { ...demoFacts(demo), departments: indexDepartments(departmentFactsOf(demo).filter((d) => d.kind !== 'SI')) };
    const problems = itemProblems(versionOf(demoItem('QD-SI-001', demo)), facts);
    expect(problems.map((p) => p.path)).toEqual([
      ['stages', 1, 'handler', 'departmentKind'],
      ['stages', 2, 'handler', 'departmentKind'],
      ['stages', 3, 'handler', 'department'],
    ]);
  });
});

describe('questionShapes', () => {
  it('leaves out questions without a key, a known kind or a known type', () => {
    const item = retirement();
    item.questions[0].key = null;
    item.questions[1].kind = 'optional';
    item.questions[2].type = 'text';
    expect(questionShapes(item.questions as ItemVersion['questions'])).toEqual([
      { key: 'has_military_service', kind: 'auxiliary', type: 'boolean', optionValues: [], label: '是否有军龄(视同缴费年限)' },
    ]);
  });
});

describe('localeStructureProblems', () => {
  it('finds nothing when every demo item has the same structure in zh-Hans and en', () => {
    expect(loadDemo().items.flatMap((item) => localeStructureProblems(versionsOf(item)))).toEqual([]);
  });

  it('finds nothing when only texts differ between locales', () => {
    const [zh, en] = versionsOf(demoItem('QD-SI-001')).map((v) => clone(v) as Mutable<ItemVersion>);
    expect(en.title).not.toBe(zh.title);
    en.title = 'Another title';
    en.questions[0].label = 'Another label';
    en.questions[0].options[0].label = 'Another option label';
    en.stages[0].name = 'Another stage name';
    en.policies[0].title = 'Another policy';
    expect(reasons(localeStructureProblems([zh, en] as ItemVersion[]))).toEqual([]);
  });

  it('reports the path of a stage key that differs between zh-Hans and en, and both values', () => {
    const [zh, en] = versionsOf(demoItem('QD-SI-001')).map((v) => clone(v) as Mutable<ItemVersion>);
    en.stages[1].key = 'district-approval-en';
    expect(reasons(localeStructureProblems([zh, en] as ItemVersion[]))).toEqual([
      {
        path: ['stages', 1, 'key'],
        message:
          'differs between locales: zh-Hans has "district-approval", en has "district-approval-en"; keys, option values, conditions, handlers and codes must be the same in every locale',
      },
    ]);
  });

  it('reports only the first difference of a locale, in the order of the structure', () => {
    const [zh, en] = versionsOf(demoItem('QD-SI-001')).map((v) => clone(v) as Mutable<ItemVersion>);
    en.stages[0].level = 'district';
    en.questions[0].options[2].value = 'sick';
    const problems = localeStructureProblems([zh, en] as ItemVersion[]);
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toEqual(['questions', 0, 'options', 2]);
    expect(problems[0].message).toContain('zh-Hans has "illness", en has "sick"');
  });

  it('reports a difference inside a handler or a condition', () => {
    const [zh, en] = versionsOf(demoItem('QD-SI-001')).map((v) => clone(v) as Mutable<ItemVersion>);
    en.stages[3].handler = { unit: '370200000000', department: 'QD-EGOV' };
    expect(localeStructureProblems([zh, en] as ItemVersion[]).map((p) => p.path)).toEqual([['stages', 3, 'handler', 'department']]);
    const [zh2, en2] = versionsOf(demoItem('QD-SI-001')).map((v) => clone(v) as Mutable<ItemVersion>);
    en2.stages[0].appliesWhen = { '==': [{ var: 'retirement_type' }, 'normal'] };
    expect(localeStructureProblems([zh2, en2] as ItemVersion[]).map((p) => p.path)).toEqual([['stages', 0, 'appliesWhen', '==', 1]]);
  });

  it('reports a stage missing from a locale as "nothing"', () => {
    const [zh, en] = versionsOf(demoItem('QD-MI-001')).map((v) => clone(v) as Mutable<ItemVersion>);
    en.stages.pop();
    const problems = localeStructureProblems([zh, en] as ItemVersion[]);
    expect(problems.map((p) => p.path)).toEqual([['stages', 1]]);
    expect(problems[0].message).toContain('en has nothing');
  });

  it('compares every other locale with the first one', () => {
    const demo = demoItem('QD-MI-001');
    const zh = versionOf(demo, 'zh-Hans');
    const en = clone(versionOf(demo, 'en')) as Mutable<ItemVersion>;
    const fr = clone({ ...versionOf(demo, 'en'), locale: 'fr' }) as Mutable<ItemVersion>;
    en.domain = 'health';
    fr.code = 'QD-MI-002';
    expect(localeStructureProblems([zh, en, fr] as ItemVersion[]).map((p) => p.path)).toEqual([['domain'], ['code']]);
  });

  it('finds nothing for one locale or none', () => {
    expect(localeStructureProblems([versionOf(demoItem('QD-MI-001'))])).toEqual([]);
    expect(localeStructureProblems([])).toEqual([]);
  });

  it('keeps labels out of the structure', () => {
    const structure = itemStructure(versionOf(demoItem('QD-MI-001')));
    expect(JSON.stringify(structure)).not.toContain('社区');
    expect(structure.questions[0]).toEqual({ key: 'residence', kind: 'core', type: 'unit', options: [], answerLevel: 'community', within: '370200000000' });
  });
});

describe('itemProblems: sentences editors read', () => {
  const sentences = (version: Mutable<ItemVersion>) => itemProblems(version as ItemVersion, demoFacts()).map((p) => p.text);

  it('refuses at publish a stage condition that reads no question, unless it is the explicit "always"', () => {
    const item = retirement();
    item.stages[0].appliesWhen = { if: ['{"==":[{"var":"retirement_type"},"illness"]}'] };
    expect(problemsOf(item)).toEqual([
      { path: ['stages', 0, 'appliesWhen'], message: 'reads no question, so it gives the same result whatever the applicant answers; choose a question, or "always" (true)' },
    ]);
    item.stages[0].appliesWhen = true;
    expect(problemsOf(item)).toEqual([]);
  });

  it('names the stage by its name, the field by its label, and says what to do', () => {
    const item = retirement();
    item.stages[0].appliesWhen = { '==': [1, 1] };
    expect(sentences(item)).toEqual([
      {
        en: 'Stage “劳动能力鉴定” › Applies when: the condition reads no question, so it gives the same answer whoever applies: choose a question, or choose “Always” if it really applies to everyone',
        'zh-Hans': '环节“劳动能力鉴定”的适用条件：条件没有引用任何问题，无论申请人如何回答结果都一样：请选择一个问题；若确实对所有人都适用，请选择“总是适用”',
      },
    ]);
  });

  it('names a repeated key by the question that holds it first', () => {
    const item = retirement();
    item.questions.push({ ...clone(item.questions[3]), label: '再问一次' });
    expect(sentences(item)[0]?.en).toBe(
      'Question “再问一次” › Key: “has_military_service” is already the key of Question “是否有军龄(视同缴费年限)”: give each question its own key'
    );
  });

  it('says which language a missing text is missing in', () => {
    const item = mutableVersionOf(demoItem('QD-SI-001'), 'en');
    item.stages[1].name = '';
    expect(sentences(item)).toEqual([{ en: 'Stage 2 › Name is empty in English: fill it in', 'zh-Hans': '第 2 个环节的环节名称（英文版）为空：请填写' }]);
  });

  it('names a unit of the wrong level by its name when names are known', () => {
    const item = retirement();
    item.stages[0].handler = { unit: '370202000000', department: '370202-SI' };
    const facts = { ...demoFacts(), unitNames: new Map([['370202000000', '市南区']]) };
    const [found] = itemProblems(item as ItemVersion, facts);
    expect(found.text?.['zh-Hans']).toBe('环节“劳动能力鉴定”的办理单位：市南区是区(市)级单位，但该环节由市级办理：请选择该层级的单位，或修改环节的办理层级');
  });

  it('writes every problem of a broken item in both languages', () => {
    const item = retirement();
    item.code = 'x';
    item.domain = 'X';
    item.questions[0].options = [];
    item.questions[2].answerLevel = null;
    item.stages[1].handler = { fromAnswer: 'retirement_type', level: 'county', departmentKind: 'NOPE' };
    item.stages[2].appliesWhen = { like: [1] };
    const found = itemProblems(item as ItemVersion, demoFacts());
    expect(found.length).toBeGreaterThanOrEqual(6);
    for (const p of found) {
      expect(p.text?.en).toMatch(/\S/);
      expect(p.text?.['zh-Hans']).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
