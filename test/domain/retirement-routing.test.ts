// The retirement item QD-SI-001 routed for every combination of retirement type × enterprise type ×
// the ten districts and county-level cities, against a table written by hand from the demo's stage
// conditions and the 2013 article (the demo wins: 即墨 is a district).
import { parseAnswers } from '../../src/plugins/linkage/server/src/domain/answers';
import { routeItem } from '../../src/plugins/linkage/server/src/domain/routing';
import { BADAGUAN_STREET, BEIGUAN_VILLAGE, FUAN_STREET, RETIREMENT, TAIPINGJIAO, itemOf, navigatorOf, routeOf, spaceOf, stageTriples, viewOf } from './navigator-fixtures';

type Kind = 'district' | 'county_city';
interface Place {
  code: string;
  name: string;
  kind: Kind;
  si: string;
  siName: string;
}

/** The ten districts and county-level cities, with their social insurance centers (from the demo). */
const PLACES: Place[] = [
  { code: '370202000000', name: '市南区', kind: 'district', si: '370202-SI', siName: '市南区社会保险事业中心' },
  { code: '370203000000', name: '市北区', kind: 'district', si: '370203-SI', siName: '市北区社会保险事业中心' },
  { code: '370211000000', name: '黄岛区', kind: 'district', si: '370211-SI', siName: '黄岛区社会保险事业中心' },
  { code: '370212000000', name: '崂山区', kind: 'district', si: '370212-SI', siName: '崂山区社会保险事业中心' },
  { code: '370213000000', name: '李沧区', kind: 'district', si: '370213-SI', siName: '李沧区社会保险事业中心' },
  { code: '370214000000', name: '城阳区', kind: 'district', si: '370214-SI', siName: '城阳区社会保险事业中心' },
  { code: '370215000000', name: '即墨区', kind: 'district', si: '370215-SI', siName: '即墨区社会保险事业中心' },
  { code: '370281000000', name: '胶州市', kind: 'county_city', si: '370281-SI', siName: '胶州市社会保险事业中心' },
  { code: '370283000000', name: '平度市', kind: 'county_city', si: '370283-SI', siName: '平度市社会保险事业中心' },
  { code: '370285000000', name: '莱西市', kind: 'county_city', si: '370285-SI', siName: '莱西市社会保险事业中心' },
];

const CITY = { code: '370200000000', name: '青岛市' };
const QD_SI = { code: 'QD-SI', name: '青岛市社会保险事业中心' };
const QD_LAC = { code: 'QD-LAC', name: '青岛市劳动能力鉴定委员会办公室' };

/** Who handles a stage: the enterprise's own district or county-level city, or a city department. */
type Who = 'local-si' | 'city-si' | 'city-lac';
type Step = [stageKey: string, level: 'city' | 'district', who: Who];

const WORK_ABILITY: Step = ['work-ability-appraisal', 'city', 'city-lac'];
const DISTRICT_APPROVAL: Step = ['district-approval', 'district', 'local-si'];
const DISTRICT_REVIEW: Step = ['district-review', 'district', 'local-si'];
const CITY_APPROVAL: Step = ['city-approval', 'city', 'city-si'];

/**
 * The expectation table. Normal retirement follows the 2013 article: a domestic enterprise in a
 * district is approved by that district alone; in a county-level city it is reviewed there, then
 * approved by the city; a foreign-invested enterprise is approved by the city alone. Illness: work
 * ability appraisal by the city, then city approval (whatever the enterprise). Special job types and
 * bankrupt enterprises: domestic → review by the district (or county-level city), then city
 * approval; foreign → city approval only.
 */
const TABLE: Record<string, Record<string, Record<Kind, Step[]>>> = {
  normal: {
    domestic: { district: [DISTRICT_APPROVAL], county_city: [DISTRICT_REVIEW, CITY_APPROVAL] },
    foreign: { district: [CITY_APPROVAL], county_city: [CITY_APPROVAL] },
  },
  special_job: {
    domestic: { district: [DISTRICT_REVIEW, CITY_APPROVAL], county_city: [DISTRICT_REVIEW, CITY_APPROVAL] },
    foreign: { district: [CITY_APPROVAL], county_city: [CITY_APPROVAL] },
  },
  illness: {
    domestic: { district: [WORK_ABILITY, CITY_APPROVAL], county_city: [WORK_ABILITY, CITY_APPROVAL] },
    foreign: { district: [WORK_ABILITY, CITY_APPROVAL], county_city: [WORK_ABILITY, CITY_APPROVAL] },
  },
  bankrupt: {
    domestic: { district: [DISTRICT_REVIEW, CITY_APPROVAL], county_city: [DISTRICT_REVIEW, CITY_APPROVAL] },
    foreign: { district: [CITY_APPROVAL], county_city: [CITY_APPROVAL] },
  },
};

const RETIREMENT_TYPES = ['normal', 'special_job', 'illness', 'bankrupt'];
const ENTERPRISE_TYPES = ['domestic', 'foreign'];

/** [stage, level, unit code, unit name, department code, department name] for one step at one place. */
const expectedRow = ([key, level, who]: Step, place: Place) => {
  if (who === 'local-si') return [key, level, place.code, place.name, place.si, place.siName];
  const department = who === 'city-si' ? QD_SI : QD_LAC;
  return [key, level, CITY.code, CITY.name, department.code, department.name];
};

const COMBINATIONS = RETIREMENT_TYPES.flatMap((type) => ENTERPRISE_TYPES.flatMap((enterprise) => PLACES.map((place) => ({ type, enterprise, place }))));

describe('QD-SI-001: the table itself', () => {
  it('has 80 combinations: 4 retirement types × 2 enterprise types × 10 places', () => {
    expect(COMBINATIONS).toHaveLength(80);
  });

  it('names the places as the demo does, with 7 districts (即墨 included) and 3 county-level cities', () => {
    const nav = navigatorOf();
    for (const place of PLACES) {
      const unit = nav.lookup.units.get(place.code);
      expect([unit?.name['zh-Hans'], unit?.kind, unit?.level]).toEqual([place.name, place.kind, 'district']);
      const department = nav.lookup.departments.get(place.si);
      expect([department?.name['zh-Hans'], department?.kind, department?.unit]).toEqual([place.siName, 'SI', place.code]);
    }
    expect(PLACES.filter((p) => p.kind === 'district').map((p) => p.name)).toEqual(['市南区', '市北区', '黄岛区', '崂山区', '李沧区', '城阳区', '即墨区']);
  });
});

describe('QD-SI-001: every combination routes as the table says', () => {
  const nav = navigatorOf();
  const space = spaceOf(nav, RETIREMENT);

  it.each(COMBINATIONS.map((c) => [c.type, c.enterprise, c.place.name, c]))(
    '%s retirement, %s enterprise in %s: the exact ordered stages with their handling unit and department',
    (_type, _enterprise, _name, { type, enterprise, place }) => {
      const raw = { retirement_type: type, enterprise_type: enterprise, enterprise_location: place.code };
      const { answers, problems } = parseAnswers(raw, space.item, nav.units);
      expect(problems).toEqual([]);
      const route = routeItem(space, answers, nav.departments);
      expect(route.complete).toBe(true);
      expect(route.neededQuestions).toEqual([]);
      expect(route.undecided).toEqual([]);

      const view = viewOf(nav, RETIREMENT, raw);
      const actual = view.stages.map((s) => [s.key, s.level, s.handler?.unit.code, s.handler?.unit.name, s.handler?.department.code, s.handler?.department.name]);
      expect(actual).toEqual(TABLE[type][enterprise][place.kind].map((step) => expectedRow(step, place)));
    }
  );

  it('normal retirement, domestic enterprise in 胶州市: review by 胶州市社会保险事业中心, then approval by 青岛市社会保险事业中心 (the article example)', () => {
    const view = viewOf(nav, RETIREMENT, { retirement_type: 'normal', enterprise_type: 'domestic', enterprise_location: '370281000000' });
    expect(view.stages.map((s) => `${s.name}:${s.handler?.department.name}`)).toEqual([
      '区(市)社会保险经办机构审核:胶州市社会保险事业中心',
      '市劳动保险经办机构核准:青岛市社会保险事业中心',
    ]);
  });

  it('a foreign-invested enterprise is approved by the city alone in every place, for every type but illness', () => {
    for (const type of ['normal', 'special_job', 'bankrupt']) {
      for (const place of PLACES) {
        const route = routeOf(nav, RETIREMENT, { retirement_type: type, enterprise_type: 'foreign', enterprise_location: place.code });
        expect(stageTriples(route)).toEqual([['city-approval', CITY.code, 'QD-SI']]);
      }
    }
  });
});

describe('QD-SI-001: a street or community location resolves to its district or county-level city', () => {
  const nav = navigatorOf();

  const sameRoute = (location: string, district: string) => {
    for (const type of RETIREMENT_TYPES) {
      for (const enterprise of ENTERPRISE_TYPES) {
        const at = routeOf(nav, RETIREMENT, { retirement_type: type, enterprise_type: enterprise, enterprise_location: location });
        const of = routeOf(nav, RETIREMENT, { retirement_type: type, enterprise_type: enterprise, enterprise_location: district });
        expect({ type, enterprise, stages: stageTriples(at), complete: at.complete }).toEqual({ type, enterprise, stages: stageTriples(of), complete: true });
      }
    }
  };

  it('阜安街道 (370281001000, a street of 胶州市) routes like 胶州市 for every type', () => {
    sameRoute(FUAN_STREET, '370281000000');
  });

  it('北关村 (370281001002, a village under 阜安街道) routes like 胶州市 for every type', () => {
    sameRoute(BEIGUAN_VILLAGE, '370281000000');
  });

  it('八大关街道 and 太平角社区 route like 市南区 for every type', () => {
    sameRoute(BADAGUAN_STREET, '370202000000');
    sameRoute(TAIPINGJIAO, '370202000000');
  });

  it('北关村, normal, domestic: review by 370281-SI (the county-level city, not the street or village), then QD-SI', () => {
    expect(stageTriples(routeOf(nav, RETIREMENT, { retirement_type: 'normal', enterprise_type: 'domestic', enterprise_location: BEIGUAN_VILLAGE }))).toEqual([
      ['district-review', '370281000000', '370281-SI'],
      ['city-approval', CITY.code, 'QD-SI'],
    ]);
  });

  it('accepts a street and a community as answers to the district-level location question', () => {
    const item = itemOf(nav, RETIREMENT);
    expect(parseAnswers({ enterprise_location: FUAN_STREET }, item, nav.units)).toEqual({ answers: { enterprise_location: FUAN_STREET }, problems: [] });
    expect(parseAnswers({ enterprise_location: BEIGUAN_VILLAGE }, item, nav.units)).toEqual({ answers: { enterprise_location: BEIGUAN_VILLAGE }, problems: [] });
  });
});

describe('QD-SI-001: partial answers', () => {
  const nav = navigatorOf();
  const keys = (route: ReturnType<typeof routeOf>) => route.stages.map((s) => s.stage.key);

  it('with no answers, shows no stage and needs the three core questions in the item order', () => {
    const route = routeOf(nav, RETIREMENT, {});
    expect(keys(route)).toEqual([]);
    expect(route.undecided.map((s) => s.key)).toEqual(['work-ability-appraisal', 'district-approval', 'district-review', 'city-approval']);
    expect(route.neededQuestions).toEqual(['retirement_type', 'enterprise_type', 'enterprise_location']);
    expect(route.complete).toBe(false);
  });

  it('illness alone decides the whole route: work ability appraisal, then city approval, nothing more needed', () => {
    const route = routeOf(nav, RETIREMENT, { retirement_type: 'illness' });
    expect(stageTriples(route)).toEqual([
      ['work-ability-appraisal', CITY.code, 'QD-LAC'],
      ['city-approval', CITY.code, 'QD-SI'],
    ]);
    expect(route.neededQuestions).toEqual([]);
    expect(route.complete).toBe(true);
  });

  it('normal retirement alone: no stage is shown yet; the enterprise type and location are needed', () => {
    const route = routeOf(nav, RETIREMENT, { retirement_type: 'normal' });
    expect(keys(route)).toEqual([]);
    expect(route.undecided.map((s) => s.key)).toEqual(['district-approval', 'district-review', 'city-approval']);
    expect(route.neededQuestions).toEqual(['enterprise_type', 'enterprise_location']);
    expect(route.complete).toBe(false);
  });

  it('normal retirement from a foreign-invested enterprise needs no location: city approval alone', () => {
    const route = routeOf(nav, RETIREMENT, { retirement_type: 'normal', enterprise_type: 'foreign' });
    expect(stageTriples(route)).toEqual([['city-approval', CITY.code, 'QD-SI']]);
    expect(route.neededQuestions).toEqual([]);
    expect(route.complete).toBe(true);
  });

  it('normal retirement from a domestic enterprise still needs the location, and shows no stage until it is given', () => {
    const route = routeOf(nav, RETIREMENT, { retirement_type: 'normal', enterprise_type: 'domestic' });
    expect(keys(route)).toEqual([]);
    expect(route.neededQuestions).toEqual(['enterprise_location']);
    expect(route.complete).toBe(false);
  });

  it('a foreign-invested enterprise with no retirement type: city approval is shown, the appraisal is undecided, the type is needed', () => {
    const route = routeOf(nav, RETIREMENT, { enterprise_type: 'foreign' });
    expect(stageTriples(route)).toEqual([['city-approval', CITY.code, 'QD-SI']]);
    expect(route.undecided.map((s) => s.key)).toEqual(['work-ability-appraisal']);
    expect(route.neededQuestions).toEqual(['retirement_type']);
    expect(route.complete).toBe(false);
  });

  it('a domestic enterprise in 胶州市 with no retirement type: city approval is decided, district approval is excluded', () => {
    const route = routeOf(nav, RETIREMENT, { enterprise_type: 'domestic', enterprise_location: '370281000000' });
    expect(stageTriples(route)).toEqual([['city-approval', CITY.code, 'QD-SI']]);
    expect(route.undecided.map((s) => s.key)).toEqual(['work-ability-appraisal', 'district-review']);
    expect(route.neededQuestions).toEqual(['retirement_type']);
  });

  it('special job type from a domestic enterprise: district review is shown with its handler pending on the location', () => {
    const route = routeOf(nav, RETIREMENT, { retirement_type: 'special_job', enterprise_type: 'domestic' });
    expect(stageTriples(route)).toEqual([
      ['district-review', 'pending', 'enterprise_location'],
      ['city-approval', CITY.code, 'QD-SI'],
    ]);
    expect(route.undecided).toEqual([]);
    expect(route.neededQuestions).toEqual(['enterprise_location']);
    expect(route.complete).toBe(false);
  });

  it('the pending handler resolves once the location is given', () => {
    const route = routeOf(nav, RETIREMENT, { retirement_type: 'special_job', enterprise_type: 'domestic', enterprise_location: '370214000000' });
    expect(stageTriples(route)).toEqual([
      ['district-review', '370214000000', '370214-SI'],
      ['city-approval', CITY.code, 'QD-SI'],
    ]);
    expect(route.complete).toBe(true);
  });

  it('the location alone (a district) decides nothing but needs both types', () => {
    const route = routeOf(nav, RETIREMENT, { enterprise_location: '370202000000' });
    expect(keys(route)).toEqual([]);
    expect(route.neededQuestions).toEqual(['retirement_type', 'enterprise_type']);
  });

  it('never lists the auxiliary question (military service) as needed', () => {
    const partials: Array<Record<string, string>> = [{}, { retirement_type: 'normal' }, { retirement_type: 'bankrupt', enterprise_type: 'domestic' }];
    for (const answers of partials) {
      expect(routeOf(nav, RETIREMENT, answers).neededQuestions).not.toContain('has_military_service');
    }
  });
});
