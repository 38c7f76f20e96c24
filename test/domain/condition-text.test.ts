import type { CatalogItem } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { conditionText } from '../../src/plugins/linkage/server/src/domain/condition-text';
import { ALLOWANCE, HOUSING, RETIREMENT, itemOf, navigatorOf } from './navigator-fixtures';

const nav = navigatorOf();
const retirement = itemOf(nav, RETIREMENT);
const housing = itemOf(nav, HOUSING);
const appliesWhen = (item: CatalogItem, key: string) => item.stages.find((s) => s.key === key)?.appliesWhen;
const zh = (logic: unknown, item = retirement) => conditionText(logic, item, 'zh-Hans');
const en = (logic: unknown, item = retirement) => conditionText(logic, item, 'en');

const NORMAL_ZH = '退休类型为「正常退休」';
const NORMAL_EN = 'Type of retirement is "Normal retirement"';
const DOMESTIC_ZH = '原企业类型为「内资企业(不含外资企业)」';
const DOMESTIC_EN = 'Type of the employing enterprise is "Domestic enterprise (not foreign-invested)"';
const KIND_ZH = '原企业所在区(市)为';
const KIND_EN = 'District or county-level city where the enterprise is registered is a';

describe('conditionText: the retirement stages', () => {
  it('work ability appraisal: one comparison with the option label', () => {
    expect(zh(appliesWhen(retirement, 'work-ability-appraisal'))).toBe('退休类型为「因病退休」');
    expect(en(appliesWhen(retirement, 'work-ability-appraisal'))).toBe('Type of retirement is "Retirement on illness"');
  });

  it('district approval: three comparisons joined by 且 / and, the district kind named 区 / district', () => {
    expect(zh(appliesWhen(retirement, 'district-approval'))).toBe(`${NORMAL_ZH}且${DOMESTIC_ZH}且${KIND_ZH}「区」`);
    expect(en(appliesWhen(retirement, 'district-approval'))).toBe(`${NORMAL_EN} and ${DOMESTIC_EN} and ${KIND_EN} district`);
  });

  it('district review: nested or / 或 in brackets, the county-level city named 县级市', () => {
    expect(zh(appliesWhen(retirement, 'district-review'))).toBe(`${DOMESTIC_ZH}且((${NORMAL_ZH}且${KIND_ZH}「县级市」)或退休类型为「特殊工种退休」或退休类型为「破产企业退休」)`);
    expect(en(appliesWhen(retirement, 'district-review'))).toBe(
      `${DOMESTIC_EN} and ((${NORMAL_EN} and ${KIND_EN} county-level city) or Type of retirement is "Retirement from a special job type" or Type of retirement is "Retirement from a bankrupt enterprise")`
    );
  });

  it('city approval: a negation, 并非(…) / not (…)', () => {
    expect(zh(appliesWhen(retirement, 'city-approval'))).toBe(`并非(${NORMAL_ZH}且${DOMESTIC_ZH}且${KIND_ZH}「区」)`);
    expect(en(appliesWhen(retirement, 'city-approval'))).toBe(`not (${NORMAL_EN} and ${DOMESTIC_EN} and ${KIND_EN} district)`);
  });
});

describe('conditionText: other demo conditions', () => {
  it('a stage that always applies', () => {
    expect(zh(appliesWhen(itemOf(nav, ALLOWANCE), 'street-review'))).toBe('总是适用');
    expect(en(appliesWhen(itemOf(nav, ALLOWANCE), 'street-review'))).toBe('always');
  });

  it('housing: the applicant type', () => {
    expect(zh(appliesWhen(housing, 'community-acceptance'), housing)).toBe('申请人类型为「本市户籍住房困难家庭」');
    expect(en(appliesWhen(housing, 'community-acceptance'), housing)).toBe('Type of applicant is "Registered household with housing difficulty"');
  });

  it('a material condition with `in`: one of the listed options', () => {
    const when = { in: [{ var: 'applicant_type' }, ['new_employee', 'migrant_worker']] };
    expect(zh(when, housing)).toBe('申请人类型为「新就业职工」、「外来务工人员」之一');
    expect(en(when, housing)).toBe('Type of applicant is one of "Newly employed staff", "Migrant worker"');
  });

  it('a boolean material condition: the answer is yes / 为「是」', () => {
    const when = { '==': [{ var: 'has_military_service' }, true] };
    expect(zh(when)).toBe('是否有军龄(视同缴费年限)为「是」');
    expect(en(when)).toBe('the answer to "Has years of military service counted as contribution years" is yes');
  });

  it('a boolean compared as "is not yes" reads as no, and "is not no" as yes', () => {
    expect(zh({ '!=': [{ var: 'has_military_service' }, true] })).toBe('是否有军龄(视同缴费年限)为「否」');
    expect(en({ '!==': [{ var: 'has_military_service' }, false] })).toBe('the answer to "Has years of military service counted as contribution years" is yes');
  });
});

describe('conditionText: operators and edge cases', () => {
  it('says 不为 / is not for != and !==', () => {
    expect(zh({ '!=': [{ var: 'enterprise_type' }, 'foreign'] })).toBe('原企业类型不为「外资企业」');
    expect(en({ '!==': [{ var: 'enterprise_type' }, 'foreign'] })).toBe('Type of the employing enterprise is not "Foreign-invested enterprise"');
  });

  it('reads a comparison written literal first', () => {
    expect(en({ '==': ['normal', { var: 'retirement_type' }] })).toBe(NORMAL_EN);
  });

  it('says a unit answer is a unit, lies in one, is a kind or lies in one, or is at a level', () => {
    const names = (code: string) => ({ '370281000000': '胶州市', '370281001000': '阜安街道' })[code];
    expect(zh({ '==': [{ var: 'enterprise_location.level' }, 'street'] })).toBe('原企业所在区(市)为「街道(镇)级」');
    expect(en({ '==': [{ var: 'enterprise_location.level' }, 'street'] })).toBe('District or county-level city where the enterprise is registered is at street level');
    expect(conditionText({ '==': [{ var: 'enterprise_location.code' }, '370281000000'] }, retirement, 'zh-Hans', names)).toBe('原企业所在区(市)为「胶州市」');
    expect(conditionText({ '!=': [{ var: 'enterprise_location.city.code' }, '370200000000'] }, retirement, 'en', () => 'Qingdao')).toBe(
      'District or county-level city where the enterprise is registered does not lie in "Qingdao"'
    );
    expect(conditionText({ in: [{ var: 'enterprise_location.city.kind' }, ['prefecture_city', 'municipality']] }, retirement, 'en')).toBe(
      'District or county-level city where the enterprise is registered lies in a prefecture-level city or a municipality'
    );
    expect(conditionText({ in: [{ var: 'enterprise_location.city.kind' }, ['prefecture_city', 'municipality']] }, retirement, 'zh-Hans')).toBe(
      '原企业所在区(市)位于「地级市」或「直辖市」'
    );
    // A code with no name known is shown as it is.
    expect(en({ '==': [{ var: 'enterprise_location.street.code' }, '370281001000'] })).toBe(
      'District or county-level city where the enterprise is registered lies in "370281001000"'
    );
  });

  it('says never for false and null', () => {
    expect(zh(false)).toBe('不适用');
    expect(en(null)).toBe('never');
  });

  it('unwraps !! and a one-argument if', () => {
    expect(en({ '!!': [{ '==': [{ var: 'retirement_type' }, 'normal'] }] })).toBe(NORMAL_EN);
    expect(en({ if: [{ '==': [{ var: 'retirement_type' }, 'normal'] }] })).toBe(NORMAL_EN);
  });

  it('falls back to the JSON of what it cannot say', () => {
    expect(en({ '>': [{ var: 'age' }, 60] })).toBe('{">":[{"var":"age"},60]}');
  });

  it('keeps an unknown option value quoted as it is', () => {
    expect(en({ '==': [{ var: 'retirement_type' }, 'early'] })).toBe('Type of retirement is "early"');
  });

  it('falls back to English words for a locale it does not have', () => {
    expect(conditionText({ and: [true, false] }, retirement, 'fr')).toBe('always and never');
  });
});
