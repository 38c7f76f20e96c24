// Routing of the other demo items down to the community, partial answers and stage order.
import type { CatalogStage } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { stageOrder } from '../../src/plugins/linkage/server/src/domain/routing';
import { clone } from './demo-fixtures';
import { ALLOWANCE, CITY, HOUSING, MEDICAL, RETIREMENT, itemOf, navigatorOf, routeOf, stageTriples } from './navigator-fixtures';

const nav = navigatorOf();

/** Each demo community with its street and its district (or county-level city), from the demo tree. */
const COMMUNITIES: Array<{ community: string; name: string; street: string; district: string }> = [
  { community: '370202001001', name: '太平角社区', street: '370202001000', district: '370202000000' },
  { community: '370202001002', name: '汇泉社区', street: '370202001000', district: '370202000000' },
  { community: '370202002001', name: '东海路社区', street: '370202002000', district: '370202000000' },
  { community: '370213001001', name: '书院路社区', street: '370213001000', district: '370213000000' },
  { community: '370211001001', name: '辛安村', street: '370211001000', district: '370211000000' },
  { community: '370281001001', name: '常州路社区', street: '370281001000', district: '370281000000' },
  { community: '370281001002', name: '北关村', street: '370281001000', district: '370281000000' },
  { community: '370283001001', name: '红旗路社区', street: '370283001000', district: '370283000000' },
];
/** A street office's code is the street's 9 significant digits with -OFFICE. */
const office = (street: string) => `${street.slice(0, 9)}-OFFICE`;
const district6 = (district: string) => district.slice(0, 6);

describe('QD-CA-001 minimum living allowance: community, street, district, city', () => {
  it.each(COMMUNITIES.map((c) => [c.name, c]))('%s: committee, street office, district civil affairs, then QD-CA', (_name, c) => {
    const route = routeOf(nav, ALLOWANCE, { household_location: c.community });
    expect(stageTriples(route)).toEqual([
      ['community-acceptance', c.community, `${c.community}-COMMITTEE`],
      ['street-review', c.street, office(c.street)],
      ['district-approval', c.district, `${district6(c.district)}-CA`],
      ['city-filing', CITY, 'QD-CA'],
    ]);
    expect(route.complete).toBe(true);
    expect(route.neededQuestions).toEqual([]);
  });

  it('with no answer, shows all four stages (they always apply), three pending on the household location', () => {
    const route = routeOf(nav, ALLOWANCE, {});
    expect(stageTriples(route)).toEqual([
      ['community-acceptance', 'pending', 'household_location'],
      ['street-review', 'pending', 'household_location'],
      ['district-approval', 'pending', 'household_location'],
      ['city-filing', CITY, 'QD-CA'],
    ]);
    expect(route.undecided).toEqual([]);
    expect(route.neededQuestions).toEqual(['household_location']);
    expect(route.complete).toBe(false);
  });

  it('the auxiliary answer changes nothing in the route', () => {
    const a = routeOf(nav, ALLOWANCE, { household_location: '370281001002', has_disabled_member: true });
    const b = routeOf(nav, ALLOWANCE, { household_location: '370281001002' });
    expect(stageTriples(a)).toEqual(stageTriples(b));
  });
});

describe('QD-HOUSING-001 public rental housing: the applicant type decides the community and street stages', () => {
  it.each(COMMUNITIES.map((c) => [c.name, c]))('%s, registered household: community, street, district housing bureau, city', (_name, c) => {
    const route = routeOf(nav, HOUSING, { applicant_type: 'registered_household', residence: c.community });
    expect(stageTriples(route)).toEqual([
      ['community-acceptance', c.community, `${c.community}-COMMITTEE`],
      ['street-review', c.street, office(c.street)],
      ['district-review', c.district, `${district6(c.district)}-HOUSING`],
      ['city-approval', CITY, 'QD-HOUSING'],
    ]);
    expect(route.complete).toBe(true);
  });

  it.each(COMMUNITIES.flatMap((c) => ['new_employee', 'migrant_worker'].map((type) => [type, c.name, type, c] as const)))(
    '%s in %s: the community and street are skipped, district housing bureau then city',
    (_t, _n, type, c) => {
      const route = routeOf(nav, HOUSING, { applicant_type: type, residence: c.community });
      expect(stageTriples(route)).toEqual([
        ['district-review', c.district, `${district6(c.district)}-HOUSING`],
        ['city-approval', CITY, 'QD-HOUSING'],
      ]);
      expect(route.complete).toBe(true);
      expect(route.undecided).toEqual([]);
    }
  );

  it('with only the residence: district and city stages shown, community and street undecided, the applicant type needed', () => {
    const route = routeOf(nav, HOUSING, { residence: '370202001001' });
    expect(stageTriples(route)).toEqual([
      ['district-review', '370202000000', '370202-HOUSING'],
      ['city-approval', CITY, 'QD-HOUSING'],
    ]);
    expect(route.undecided.map((s) => s.key)).toEqual(['community-acceptance', 'street-review']);
    expect(route.neededQuestions).toEqual(['applicant_type']);
    expect(route.complete).toBe(false);
  });

  it('with only a new employee: district review pending on the residence, city approval resolved', () => {
    const route = routeOf(nav, HOUSING, { applicant_type: 'new_employee' });
    expect(stageTriples(route)).toEqual([
      ['district-review', 'pending', 'residence'],
      ['city-approval', CITY, 'QD-HOUSING'],
    ]);
    expect(route.neededQuestions).toEqual(['residence']);
    expect(route.complete).toBe(false);
  });

  it('with no answers: needs the applicant type and the residence, in the item order', () => {
    const route = routeOf(nav, HOUSING, {});
    expect(route.neededQuestions).toEqual(['applicant_type', 'residence']);
    expect(route.undecided.map((s) => s.key)).toEqual(['community-acceptance', 'street-review']);
    expect(route.stages.map((s) => s.stage.key)).toEqual(['district-review', 'city-approval']);
  });

  it('lists needed questions in the item question order, not in the order the stages ask for them', () => {
    const item = clone(itemOf(nav, HOUSING));
    item.questions.reverse(); // residence first, applicant_type second
    expect(routeOf(nav, item, {}).neededQuestions).toEqual(['residence', 'applicant_type']);
  });
});

describe('QD-MI-001 medical insurance: community registration, district confirmation', () => {
  it.each(COMMUNITIES.map((c) => [c.name, c]))('%s: the committee, then the district healthcare security bureau', (_name, c) => {
    const route = routeOf(nav, MEDICAL, { residence: c.community });
    expect(stageTriples(route)).toEqual([
      ['community-registration', c.community, `${c.community}-COMMITTEE`],
      ['district-confirmation', c.district, `${district6(c.district)}-MI`],
    ]);
    expect(route.complete).toBe(true);
  });

  it('never needs the auxiliary newborn question', () => {
    expect(routeOf(nav, MEDICAL, {}).neededQuestions).toEqual(['residence']);
  });
});

describe('routing: order and completeness', () => {
  const stage = (key: string, order: number): CatalogStage => ({
    key,
    order,
    level: 'city',
    name: { 'zh-Hans': key, en: key },
    handler: { unit: CITY, department: 'QD-SI' },
    appliesWhen: true,
  });

  it('orders stages by order, then by key', () => {
    const sorted = [stage('c', 20), stage('b', 10), stage('a', 20), stage('d', 5)].sort(stageOrder).map((s) => s.key);
    expect(sorted).toEqual(['d', 'b', 'a', 'c']);
  });

  it('routes stages in their order even when the item lists them out of order', () => {
    const item = clone(itemOf(nav, RETIREMENT));
    item.stages.reverse();
    const route = routeOf(nav, item, { retirement_type: 'illness' });
    expect(route.stages.map((s) => s.stage.key)).toEqual(['work-ability-appraisal', 'city-approval']);
  });

  it('reports an unresolvable handler on its stage and asks no more questions for it', () => {
    const item = clone(itemOf(nav, MEDICAL));
    item.stages[1].handler = { fromAnswer: 'residence', level: 'district', departmentKind: 'NOPE' };
    const route = routeOf(nav, item, { residence: '370202001001' });
    expect(route.neededQuestions).toEqual([]);
    expect(route.stages[1].handler).toEqual({
      kind: 'unresolvable',
      reason: '370202000000 has no NOPE department to handle stage "district-confirmation"',
      cause: { kind: 'no-department', unitCode: '370202000000', departmentKind: 'NOPE' },
    });
  });
});
