import { answerSpace, candidateUnits, completions, decide, questionOf, variablesOf } from '../../src/plugins/linkage/server/src/domain/answer-space';
import type { CatalogItem } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { clone } from './demo-fixtures';
import { ancestorOrSelfAt } from '../../src/plugins/linkage/server/src/domain/unit-tree';
import { ALLOWANCE, HOUSING, JIAOZHOU, MEDICAL, RETIREMENT, itemOf, navigatorOf, spaceOf } from './navigator-fixtures';

const nav = navigatorOf();
const TEN_PLACES = [
  '370202000000',
  '370203000000',
  '370211000000',
  '370212000000',
  '370213000000',
  '370214000000',
  '370215000000',
  '370281000000',
  '370283000000',
  '370285000000',
];
const EIGHT_COMMUNITIES = ['370202001001', '370202001002', '370202002001', '370213001001', '370211001001', '370281001001', '370281001002', '370283001001'];

const stage = (item: CatalogItem, key: string) => {
  const found = item.stages.find((s) => s.key === key);
  if (!found) throw new Error(`no stage ${key}`);
  return found;
};

describe('variablesOf and questionOf', () => {
  it('lists the variables a demo condition reads, with their paths, once each', () => {
    const retirement = itemOf(nav, RETIREMENT);
    expect(variablesOf(stage(retirement, 'district-review').appliesWhen)).toEqual(['enterprise_type', 'retirement_type', 'enterprise_location.district.kind']);
    expect(variablesOf(stage(retirement, 'city-approval').appliesWhen)).toEqual(['retirement_type', 'enterprise_type', 'enterprise_location.district.kind']);
  });

  it('reads a var given with a default, and ignores literals and the empty var', () => {
    expect(variablesOf({ or: [{ '==': [{ var: ['retirement_type', 'normal'] }, 'illness'] }, { var: '' }, true, 'x'] })).toEqual(['retirement_type']);
    expect(variablesOf(true)).toEqual([]);
    expect(variablesOf(null)).toEqual([]);
  });

  it('finds variables nested under if, in and !', () => {
    expect(variablesOf({ if: [{ '!': { var: 'a' } }, { in: [{ var: 'b.district.code' }, ['x']] }, { var: 'c' }] })).toEqual(['a', 'b.district.code', 'c']);
  });

  it('names the question of a variable by its first part', () => {
    expect(questionOf('enterprise_location.district.kind')).toBe('enterprise_location');
    expect(questionOf('retirement_type')).toBe('retirement_type');
  });
});

describe('candidateUnits', () => {
  it('lets every unit at or below district level in the city answer the retirement location (25 units, not the city)', () => {
    const retirement = itemOf(nav, RETIREMENT);
    const codes = candidateUnits(retirement.questions[2], retirement, nav.units).map((u) => u.code);
    expect(codes).toHaveLength(25);
    expect(codes).not.toContain('370200000000');
    expect(codes).toEqual(expect.arrayContaining([...TEN_PLACES, '370281001000', '370281001002']));
  });

  it('lets only the 8 communities answer a community-level question', () => {
    const allowance = itemOf(nav, ALLOWANCE);
    expect(
      candidateUnits(allowance.questions[0], allowance, nav.units)
        .map((u) => u.code)
        .sort()
    ).toEqual([...EIGHT_COMMUNITIES].sort());
  });

  it('keeps to a narrower `within`: 胶州市 has 2 streets and 2 communities under it', () => {
    const retirement = clone(itemOf(nav, RETIREMENT));
    retirement.questions[2].within = '370281000000';
    expect(
      candidateUnits(retirement.questions[2], retirement, nav.units)
        .map((u) => u.code)
        .sort()
    ).toEqual(['370281000000', '370281001000', '370281001001', '370281001002', '370281002000']);
  });
});

describe('answerSpace', () => {
  it('represents the retirement location by exactly the 10 districts and county-level cities', () => {
    const space = spaceOf(nav, RETIREMENT);
    expect(space.values.get('enterprise_location')).toEqual(TEN_PLACES);
  });

  it('gives choice questions their options and boolean questions true and false', () => {
    const space = spaceOf(nav, RETIREMENT);
    expect(space.values.get('retirement_type')).toEqual(['normal', 'special_job', 'illness', 'bankrupt']);
    expect(space.values.get('enterprise_type')).toEqual(['domestic', 'foreign']);
    expect(space.values.get('has_military_service')).toEqual([true, false]);
  });

  it('represents the allowance, housing and medical insurance locations by the 8 communities', () => {
    expect(spaceOf(nav, ALLOWANCE).values.get('household_location')).toEqual(EIGHT_COMMUNITIES);
    expect(spaceOf(nav, HOUSING).values.get('residence')).toEqual(EIGHT_COMMUNITIES);
    expect(spaceOf(nav, MEDICAL).values.get('residence')).toEqual(EIGHT_COMMUNITIES);
    expect(spaceOf(nav, HOUSING).values.get('applicant_type')).toEqual(['registered_household', 'new_employee', 'migrant_worker']);
  });

  it('keeps one representative per street when a condition reads the street: 10 places + 7 streets', () => {
    const item = clone(itemOf(nav, RETIREMENT));
    item.stages.push({
      key: 'street-check',
      order: 50,
      level: 'street',
      name: { 'zh-Hans': '街道核查', en: 'Street check' },
      handler: { unit: '370200000000', department: 'QD-SI' },
      appliesWhen: { '==': [{ var: 'enterprise_location.street.code' }, '370281001000'] },
    });
    const values = answerSpace(item, nav.units).values.get('enterprise_location') ?? [];
    expect(values).toHaveLength(17);
    expect(values).toEqual(expect.arrayContaining([...TEN_PLACES, '370281001000', '370281002000', '370202001000']));
  });

  it('keeps every candidate when a condition reads the answer code itself', () => {
    const item = clone(itemOf(nav, RETIREMENT));
    item.stages[0].appliesWhen = { '==': [{ var: 'enterprise_location.code' }, '370281001002'] };
    expect(answerSpace(item, nav.units).values.get('enterprise_location')).toHaveLength(25);
  });

  it('indexes representatives by the unit at a level: for every unit, exactly the ones a scan of all of them finds', () => {
    const item = clone(itemOf(nav, RETIREMENT));
    item.stages[0].appliesWhen = { '==': [{ var: 'enterprise_location.code' }, '370281001002'] };
    const space = answerSpace(item, nav.units);
    for (const level of ['district', 'street', 'community'] as const) {
      const paths = ['code', `${level}.code`];
      const all = space.representatives('enterprise_location', paths);
      for (const unit of nav.units.values()) {
        const scanned = all.filter((answer) => typeof answer === 'string' && ancestorOrSelfAt(answer, level, nav.units)?.code === unit.code);
        expect(space.representativesAt('enterprise_location', paths, level, unit.code)).toEqual(scanned);
      }
    }
    expect(space.representativesAt('enterprise_location', ['code', 'district.code'], 'district', JIAOZHOU)).toEqual(
      expect.arrayContaining([JIAOZHOU, '370281001000', '370281001002'])
    );
    expect(space.representativesAt('enterprise_location', ['code', 'street.code'], 'street', '370200000000')).toEqual([]);
  });

  it('keeps a single representative for a unit question nothing reads', () => {
    const item = clone(itemOf(nav, RETIREMENT));
    item.questions.push({ key: 'office', kind: 'core', type: 'unit', answerLevel: 'district', within: '370200000000', label: { 'zh-Hans': '办公地', en: 'Office' } });
    expect(answerSpace(item, nav.units).values.get('office')).toHaveLength(1);
  });
});

describe('completions', () => {
  const space = spaceOf(nav, RETIREMENT);
  const core = ['retirement_type', 'enterprise_type', 'enterprise_location'];

  it('enumerates all 80 combinations of the retirement core questions, each distinct', () => {
    const all = [...completions(space, {}, core)];
    expect(all).toHaveLength(80);
    expect(new Set(all.map((a) => JSON.stringify(a))).size).toBe(80);
    expect(all[0]).toEqual({ retirement_type: 'normal', enterprise_type: 'domestic', enterprise_location: '370202000000' });
  });

  it('keeps given answers and completes only the open questions (normal → 20)', () => {
    const all = [...completions(space, { retirement_type: 'normal' }, core)];
    expect(all).toHaveLength(20);
    expect(all.every((a) => a.retirement_type === 'normal')).toBe(true);
  });

  it('keeps a given answer that is not a representative (a street)', () => {
    const all = [...completions(space, { enterprise_location: '370281001000' }, core)];
    expect(all).toHaveLength(8);
    expect(all.every((a) => a.enterprise_location === '370281001000')).toBe(true);
  });

  it('yields the answers once when nothing is open', () => {
    expect([...completions(space, { retirement_type: 'illness' }, ['retirement_type'])]).toEqual([{ retirement_type: 'illness' }]);
    expect([...completions(space, {}, [])]).toEqual([{}]);
  });

  it('ignores keys the space does not know', () => {
    expect([...completions(space, {}, ['no_such_question'])]).toEqual([{}]);
  });
});

describe('decide', () => {
  const retirement = itemOf(nav, RETIREMENT);
  const space = spaceOf(nav, RETIREMENT);
  const review = stage(retirement, 'district-review').appliesWhen;

  it('decides literal rules', () => {
    expect(decide(true, {}, space)).toBe(true);
    expect(decide(false, {}, space)).toBe(false);
  });

  it('is undecided when completions disagree', () => {
    expect(decide(review, {}, space)).toBe('undecided');
    expect(decide(review, { retirement_type: 'special_job' }, space)).toBe('undecided');
  });

  it('decides once every completion agrees', () => {
    expect(decide(review, { retirement_type: 'special_job', enterprise_type: 'domestic' }, space)).toBe(true);
    expect(decide(review, { enterprise_type: 'foreign' }, space)).toBe(false);
    expect(decide(review, { retirement_type: 'illness' }, space)).toBe(false);
  });

  it('evaluates a unit path on the given answer (a village of 胶州市 is in a county-level city)', () => {
    expect(decide(review, { retirement_type: 'normal', enterprise_type: 'domestic', enterprise_location: '370281001002' }, space)).toBe(true);
    expect(decide(review, { retirement_type: 'normal', enterprise_type: 'domestic', enterprise_location: '370202001001' }, space)).toBe(false);
  });

  it('compares booleans strictly as typed answers: true holds, false does not, unanswered is undecided', () => {
    const when = { '==': [{ var: 'has_military_service' }, true] };
    expect(decide(when, { has_military_service: true }, space)).toBe(true);
    expect(decide(when, { has_military_service: false }, space)).toBe(false);
    expect(decide(when, {}, space)).toBe('undecided');
  });

  it('never holds for a rule that reads a question with no possible answer', () => {
    const item = clone(retirement);
    item.questions[2].within = '370285000000';
    item.questions[2].answerLevel = 'community'; // 莱西市 has no communities in the demo
    const empty = answerSpace(item, nav.units);
    expect(empty.values.get('enterprise_location')).toEqual([]);
    expect(decide({ '==': [{ var: 'enterprise_location.district.kind' }, 'county_city'] }, {}, empty)).toBe(false);
  });

  it('is undecided for a rule on an auxiliary unit question that is not answered (representatives must cover what material conditions read)', () => {
    const item = clone(retirement);
    item.questions.push({
      key: 'residence_district',
      kind: 'auxiliary',
      type: 'unit',
      answerLevel: 'district',
      within: '370200000000',
      label: { 'zh-Hans': '户籍所在区(市)', en: 'District of residence' },
    });
    const auxSpace = answerSpace(item, nav.units);
    const when = { '==': [{ var: 'residence_district.district.kind' }, 'county_city'] };
    expect(decide(when, { residence_district: '370281000000' }, auxSpace)).toBe(true);
    expect(decide(when, { residence_district: '370202000000' }, auxSpace)).toBe(false);
    // 7 districts and 3 county-level cities could answer: the rule is not decided yet.
    expect(decide(when, {}, auxSpace)).toBe('undecided');
  });
});
