import { answerScope, conditionData, parseAnswers, unitAnswerData } from '../../src/plugins/linkage/server/src/domain/answers';
import type { Catalog } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { indexUnits } from '../../src/plugins/linkage/server/src/domain/unit-tree';
import { clone, loadDemo, unitFactsOf } from './demo-fixtures';
import { ALLOWANCE, BEIGUAN_VILLAGE, CITY, FUAN_STREET, HOUSING, JIAOZHOU, RETIREMENT, SHINAN, itemOf, navigatorOf } from './navigator-fixtures';

const nav = navigatorOf();
const retirement = itemOf(nav, RETIREMENT);
const allowance = itemOf(nav, ALLOWANCE);
const parse = (raw: Record<string, unknown>, item = retirement, units = nav.units) => {
  const { answers, problems } = parseAnswers(raw, item, units);
  // The short English reasons API clients read; the reader's sentences are tested on their own.
  return { answers, problems: problems.map(({ path, message }) => ({ path, message })) };
};
const sentences = (raw: Record<string, unknown>, item = retirement, units = nav.units) => parseAnswers(raw, item, units).problems.map((p) => p.text);

/** The demo plus a second city (济南) with one district, outside Qingdao. */
const withJinan = (): Catalog => {
  const catalog = loadDemo();
  catalog.units.push(
    { code: '370100000000', level: 'city', kind: 'prefecture_city', parent: null, name: { 'zh-Hans': '济南市', en: 'Jinan' } },
    { code: '370102000000', level: 'district', kind: 'district', parent: '370100000000', name: { 'zh-Hans': '历下区', en: 'Lixia District' } }
  );
  return catalog;
};

describe('parseAnswers: typed conversion', () => {
  it('converts a full set of retirement answers to their types ("true" becomes true)', () => {
    expect(parse({ retirement_type: 'normal', enterprise_type: 'domestic', enterprise_location: JIAOZHOU, has_military_service: 'true' })).toEqual({
      answers: { retirement_type: 'normal', enterprise_type: 'domestic', enterprise_location: JIAOZHOU, has_military_service: true },
      problems: [],
    });
  });

  it('converts "false" to false, and keeps real booleans as they are', () => {
    expect(parse({ has_military_service: 'false' }).answers).toEqual({ has_military_service: false });
    expect(parse({ has_military_service: true }).answers).toEqual({ has_military_service: true });
    expect(parse({ has_military_service: false }).answers).toEqual({ has_military_service: false });
  });

  it('counts an empty answer as not given, for every question type', () => {
    expect(parse({ retirement_type: '', enterprise_type: '', enterprise_location: '', has_military_service: '' })).toEqual({ answers: {}, problems: [] });
  });

  it('accepts no answers at all', () => {
    expect(parse({})).toEqual({ answers: {}, problems: [] });
  });

  it('accepts a unit below the answer level (a street and a village for a district-level question)', () => {
    expect(parse({ enterprise_location: FUAN_STREET })).toEqual({ answers: { enterprise_location: FUAN_STREET }, problems: [] });
    expect(parse({ enterprise_location: BEIGUAN_VILLAGE })).toEqual({ answers: { enterprise_location: BEIGUAN_VILLAGE }, problems: [] });
  });

  it('accepts a community for a community-level question', () => {
    expect(parse({ household_location: BEIGUAN_VILLAGE, has_disabled_member: 'true' }, allowance)).toEqual({
      answers: { household_location: BEIGUAN_VILLAGE, has_disabled_member: true },
      problems: [],
    });
  });
});

describe('parseAnswers: each problem names the question and the reason', () => {
  it('refuses a key that is not a question of the item, listing its questions', () => {
    expect(parse({ retirement_kind: 'normal' })).toEqual({
      answers: {},
      problems: [
        {
          path: ['retirement_kind'],
          message: 'is not a question of item QD-SI-001 (questions: retirement_type, enterprise_type, enterprise_location, has_military_service)',
        },
      ],
    });
  });

  it('refuses an option the question lacks, listing its options', () => {
    expect(parse({ retirement_type: 'early' }).problems).toEqual([
      { path: ['retirement_type'], message: '"early" is not an option of "retirement_type" (options: normal, special_job, illness, bankrupt)' },
    ]);
  });

  it('refuses an option of another question (options are per question)', () => {
    expect(parse({ enterprise_type: 'normal' }).problems).toEqual([
      { path: ['enterprise_type'], message: '"normal" is not an option of "enterprise_type" (options: domestic, foreign)' },
    ]);
  });

  it('refuses a boolean that is not true or false (yes, 1, TRUE)', () => {
    for (const value of ['yes', '1', 'TRUE']) {
      expect(parse({ has_military_service: value }).problems).toEqual([
        { path: ['has_military_service'], message: `"has_military_service" is answered true or false, got ${JSON.stringify(value)}` },
      ]);
    }
  });

  it('refuses a malformed unit code (too short, letters, padded)', () => {
    for (const value of ['37028100000', 'jiaozhou', ' 370281000000']) {
      expect(parse({ enterprise_location: value }).problems).toEqual([
        { path: ['enterprise_location'], message: `"enterprise_location" is answered with a 12-digit unit code, got ${JSON.stringify(value)}` },
      ]);
    }
  });

  it('refuses a well-formed code that no unit has', () => {
    expect(parse({ enterprise_location: '370299000000' }).problems).toEqual([{ path: ['enterprise_location'], message: 'no unit has the code 370299000000' }]);
  });

  it('refuses a unit outside the area the question serves (a district of another city)', () => {
    const units = indexUnits(unitFactsOf(withJinan()));
    expect(parse({ enterprise_location: '370102000000' }, retirement, units).problems).toEqual([
      { path: ['enterprise_location'], message: '370102000000 is outside 370200000000, the area item QD-SI-001 serves' },
    ]);
  });

  it('uses the item city as the area when the question has no `within`', () => {
    const item = clone(retirement);
    delete item.questions[2].within;
    const units = indexUnits(unitFactsOf(withJinan()));
    expect(parse({ enterprise_location: '370102000000' }, item, units).problems).toEqual([
      { path: ['enterprise_location'], message: '370102000000 is outside 370200000000, the area item QD-SI-001 serves' },
    ]);
    expect(parse({ enterprise_location: SHINAN }, item, units).problems).toEqual([]);
  });

  it('refuses a unit outside a narrower `within` (胶州市 for a question within 市南区)', () => {
    const item = clone(retirement);
    item.questions[2].within = SHINAN;
    expect(parse({ enterprise_location: JIAOZHOU }, item).problems).toEqual([
      { path: ['enterprise_location'], message: '370281000000 is outside 370202000000, the area item QD-SI-001 serves' },
    ]);
    expect(parse({ enterprise_location: '370202001001' }, item).problems).toEqual([]);
  });

  it('refuses a unit above the answer level (the city for a district-level question)', () => {
    expect(parse({ enterprise_location: CITY }).problems).toEqual([
      {
        path: ['enterprise_location'],
        message: '370200000000 is a city-level unit; "enterprise_location" is answered with a district-level unit or one below it',
      },
    ]);
  });

  it('refuses a street for a community-level question', () => {
    expect(parse({ household_location: FUAN_STREET }, allowance).problems).toEqual([
      {
        path: ['household_location'],
        message: '370281001000 is a street-level unit; "household_location" is answered with a community-level unit or one below it',
      },
    ]);
  });

  it('refuses a list of answers for one question', () => {
    expect(parse({ retirement_type: ['normal', 'illness'] }).problems).toEqual([
      { path: ['retirement_type'], message: '"retirement_type" takes one answer, got ["normal","illness"]' },
    ]);
  });

  it('refuses a boolean for a choice question and a boolean for a unit question', () => {
    expect(parse({ retirement_type: true, enterprise_location: false }).problems).toEqual([
      { path: ['retirement_type'], message: 'true is not an option of "retirement_type" (options: normal, special_job, illness, bankrupt)' },
      { path: ['enterprise_location'], message: '"enterprise_location" is answered with a 12-digit unit code, got false' },
    ]);
  });

  it('reports every bad answer, one problem per question, and keeps the good ones typed', () => {
    const result = parse({ retirement_type: 'normal', enterprise_type: 'state', enterprise_location: '370299000000', has_military_service: 'no', colour: 'red' });
    expect(result.answers).toEqual({ retirement_type: 'normal' });
    expect(result.problems.map((p) => p.path)).toEqual([['enterprise_type'], ['enterprise_location'], ['has_military_service'], ['colour']]);
  });
});

describe("parseAnswers: each problem is also said to a reader of the sites, by the question's label and in both languages", () => {
  it('an option the question lacks: choose again', () => {
    expect(sentences({ retirement_type: 'early' })).toEqual([
      { 'zh-Hans': '「退休类型」的答案不在可选范围内，请重新选择。', en: '"Type of retirement": the answer given is not one of the choices; please choose again.' },
    ]);
  });

  it('a yes/no question answered otherwise: choose yes or no', () => {
    expect(sentences({ has_military_service: 'yes' })).toEqual([
      { 'zh-Hans': '「是否有军龄(视同缴费年限)」请选择“是”或“否”。', en: '"Has years of military service counted as contribution years": please choose Yes or No.' },
    ]);
  });

  it('a place that does not exist, lies outside the area, or is above the level asked for', () => {
    const units = indexUnits(unitFactsOf(withJinan()));
    expect(sentences({ enterprise_location: '370299000000' })[0]?.en).toMatch(/the place given does not exist/);
    expect(sentences({ enterprise_location: 'jiaozhou' })[0]?.['zh-Hans']).toBe('「原企业所在区(市)」所选的地区不存在，请重新选择。');
    expect(sentences({ enterprise_location: '370102000000' }, retirement, units)[0]?.['zh-Hans']).toBe('「原企业所在区(市)」所选的地区不在本事项的办理范围内。');
    expect(sentences({ enterprise_location: CITY })).toEqual([
      {
        'zh-Hans': '「原企业所在区(市)」请选择区(市)级或更下一级的地区。',
        en: '"District or county-level city where the enterprise is registered": please choose a place at district level or below.',
      },
    ]);
  });

  it('a question the item does not ask, and several answers to one question', () => {
    expect(sentences({ retirement_kind: 'normal' })[0]?.['zh-Hans']).toBe('链接中含有本事项不再询问的问题，请重新回答。');
    expect(sentences({ retirement_type: ['normal', 'illness'] })[0]?.en).toBe('"Type of retirement": choose one answer only.');
  });

  it('never names a question key, an option value or a unit code', () => {
    const all = sentences({ retirement_type: 'early', enterprise_type: 'state', enterprise_location: '370299000000', has_military_service: 'no', colour: 'red' });
    expect(all).toHaveLength(5);
    for (const text of all.flatMap((t) => (t ? [t.en, t['zh-Hans']] : ['(none)']))) {
      expect(text).not.toMatch(/retirement_type|enterprise_type|enterprise_location|has_military_service|colour|early|state|370299000000|\(none\)/);
    }
  });
});

describe('answerScope', () => {
  it('is the question `within` when given', () => {
    expect(answerScope(retirement.questions[2], retirement, nav.units)?.code).toBe(CITY);
    const question = { ...retirement.questions[2], within: JIAOZHOU };
    expect(answerScope(question, retirement, nav.units)?.code).toBe(JIAOZHOU);
  });

  it('is the managing unit city when there is no `within`', () => {
    const question = { ...retirement.questions[2] };
    delete question.within;
    expect(answerScope(question, retirement, nav.units)?.code).toBe(CITY);
  });
});

describe('unitAnswerData and conditionData', () => {
  it('exposes a district answer with its code, kind and level, and itself and the city by level', () => {
    expect(unitAnswerData(JIAOZHOU, nav.units)).toEqual({
      code: JIAOZHOU,
      kind: 'county_city',
      level: 'district',
      city: { code: CITY, kind: 'prefecture_city', level: 'city' },
      district: { code: JIAOZHOU, kind: 'county_city', level: 'district' },
    });
  });

  it('exposes a village answer with every ancestor by level, so district.kind is its county-level city', () => {
    expect(unitAnswerData(BEIGUAN_VILLAGE, nav.units)).toEqual({
      code: BEIGUAN_VILLAGE,
      kind: 'villagers_committee',
      level: 'community',
      city: { code: CITY, kind: 'prefecture_city', level: 'city' },
      district: { code: JIAOZHOU, kind: 'county_city', level: 'district' },
      street: { code: FUAN_STREET, kind: 'subdistrict', level: 'street' },
      community: { code: BEIGUAN_VILLAGE, kind: 'villagers_committee', level: 'community' },
    });
  });

  it('has no data for an unknown unit', () => {
    expect(unitAnswerData('370299000000', nav.units)).toBeNull();
  });

  it('gives choices and booleans as they are and unit answers as their data, leaving out what is not answered', () => {
    const data = conditionData({ retirement_type: 'normal', enterprise_location: FUAN_STREET, has_military_service: false }, retirement, nav.units);
    expect(Object.keys(data)).toEqual(['retirement_type', 'enterprise_location', 'has_military_service']);
    expect(data.retirement_type).toBe('normal');
    expect(data.has_military_service).toBe(false);
    expect((data.enterprise_location as { district: { kind: string } }).district.kind).toBe('county_city');
  });

  it('ignores answers to keys that are not questions of the item', () => {
    expect(conditionData({ applicant_type: 'new_employee' }, retirement, nav.units)).toEqual({});
    expect(conditionData({ applicant_type: 'new_employee' }, itemOf(nav, HOUSING), nav.units)).toEqual({ applicant_type: 'new_employee' });
  });
});
