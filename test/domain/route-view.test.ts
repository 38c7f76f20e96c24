// What the route API answers: stages with handlers, guide status and materials, links, first step
// and upper links, in zh-Hans and en, with links local or to each unit's own site.
import { answerSpace } from '../../src/plugins/linkage/server/src/domain/answer-space';
import type { CatalogGuide, CatalogItem } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { routeItem } from '../../src/plugins/linkage/server/src/domain/routing';
import { fieldName } from '../../src/plugins/linkage/server/src/domain/site-strings';
import { routeView } from '../../src/plugins/linkage/server/src/domain/route-view';
import { clone } from './demo-fixtures';
import {
  ALLOWANCE,
  ALLOWANCE_SLUG,
  BEIGUAN_VILLAGE,
  CITY,
  FUAN_STREET,
  HOUSING,
  JIAOZHOU,
  LAIXI,
  MEDICAL,
  PINGDU,
  RETIREMENT,
  RETIREMENT_SLUG,
  SHIBEI,
  TAIPINGJIAO,
  guidesByKey,
  itemOf,
  linksOf,
  navigatorOf,
  viewOf,
} from './navigator-fixtures';

const nav = navigatorOf();
const JIAOZHOU_NORMAL = { retirement_type: 'normal', enterprise_type: 'domestic', enterprise_location: JIAOZHOU };
const MISSING_FIELDS = ['conditions', 'materials', 'timeLimit', 'fee', 'hours'];
const RETIREMENT_MATERIALS_ZH = ['职工退休审批表', '居民身份证', '职工人事档案', '退伍证或军官转业证'];
const statuses = (view: ReturnType<typeof viewOf>) => view.stages.map((s) => [s.key, s.handler?.unit.code ?? null, s.guide?.status ?? null]);

describe('routeView: 胶州市, normal retirement, domestic enterprise (zh-Hans, local links)', () => {
  const view = viewOf(nav, RETIREMENT, { ...JIAOZHOU_NORMAL, has_military_service: 'true' });

  it('names the item with its page on the city site', () => {
    expect(view.item).toEqual({ code: RETIREMENT, slug: RETIREMENT_SLUG, title: '企业职工退休认证', url: `/sites/${CITY}/items/${RETIREMENT_SLUG}` });
    expect(view.locale).toBe('zh-Hans');
    expect(view.answers).toEqual({ ...JIAOZHOU_NORMAL, has_military_service: true });
    expect(view.complete).toBe(true);
    expect(view.neededQuestions).toEqual([]);
    expect(view.undecidedStages).toEqual([]);
  });

  it('shows the district review by 胶州市社会保险事业中心 with its unit, department and guide', () => {
    const review = view.stages[0];
    expect(review).toMatchObject({ key: 'district-review', order: 30, level: 'district', levelName: '区(市)级', name: '区(市)社会保险经办机构审核' });
    expect(review.handler).toEqual({
      unit: { code: JIAOZHOU, name: '胶州市', level: 'district', siteUrl: 'https://jiaozhou.qingdao.example', url: `/sites/${JIAOZHOU}/items/${RETIREMENT_SLUG}` },
      department: { code: '370281-SI', name: '胶州市社会保险事业中心', phone: null, address: null, hours: null },
    });
    expect(review.guide).toMatchObject({
      status: 'published',
      missingFields: [],
      url: `/sites/${JIAOZHOU}/items/${RETIREMENT_SLUG}#stage-district-review`,
      conditions: '男年满60周岁,女干部年满55周岁、女工人年满50周岁,累计缴费年限满15年。',
      timeLimit: { statutoryDays: 20, promisedDays: 15 },
      fee: '不收费',
      onlineUrl: null,
      address: '胶州市社会保险事业中心服务大厅',
      phone: '0532-12333',
      hours: '工作日 9:00-17:00',
    });
  });

  it('then the city approval by 青岛市社会保险事业中心, with its department contact and online link', () => {
    const approval = view.stages[1];
    expect(approval.key).toBe('city-approval');
    expect(approval.handler?.department).toEqual({ code: 'QD-SI', name: '青岛市社会保险事业中心', phone: '0532-12333', address: '青岛市市北区敦化路', hours: null });
    expect(approval.guide).toMatchObject({ status: 'published', onlineUrl: 'https://www.qingdao.example/online/retirement', timeLimit: { statutoryDays: 20, promisedDays: 10 } });
  });

  it('has the district review as first step and the city approval as the upper-level link', () => {
    expect(view.firstStep).toEqual({
      stageKey: 'district-review',
      name: '区(市)社会保险经办机构审核',
      unit: view.stages[0].handler?.unit,
      department: view.stages[0].handler?.department,
      url: `/sites/${JIAOZHOU}/items/${RETIREMENT_SLUG}#stage-district-review`,
    });
    expect(view.upperLinks).toEqual([
      {
        stageKey: 'city-approval',
        level: 'city',
        unit: { code: CITY, name: '青岛市' },
        department: { code: 'QD-SI', name: '青岛市社会保险事业中心', phone: '0532-12333', address: '青岛市市北区敦化路', hours: null },
        url: `/sites/${CITY}/items/${RETIREMENT_SLUG}#stage-city-approval`,
      },
    ]);
  });

  it('prefixes every link with the local base when one is given', () => {
    const at = viewOf(nav, RETIREMENT, JIAOZHOU_NORMAL, { localBase: 'http://localhost:1337' });
    expect(at.firstStep?.url).toBe(`http://localhost:1337/sites/${JIAOZHOU}/items/${RETIREMENT_SLUG}#stage-district-review`);
    expect(at.upperLinks[0].url).toBe(`http://localhost:1337/sites/${CITY}/items/${RETIREMENT_SLUG}#stage-city-approval`);
  });
});

describe('routeView: materials filtered by `when`', () => {
  const materialsOf = (raw: Record<string, unknown>) => viewOf(nav, RETIREMENT, raw).stages[0].guide?.materials;

  it('keeps the military discharge certificate when there is military service', () => {
    const materials = materialsOf({ ...JIAOZHOU_NORMAL, has_military_service: 'true' });
    expect(materials?.map((m) => [m.name, m.applies])).toEqual(RETIREMENT_MATERIALS_ZH.map((n) => [n, true]));
    expect(materials?.[0]).toEqual({ name: '职工退休审批表', original: 2, copies: 0, required: true, blankForm: 'retirement-approval-form.pdf', applies: true });
  });

  it('drops it when there is none', () => {
    expect(materialsOf({ ...JIAOZHOU_NORMAL, has_military_service: 'false' })?.map((m) => m.name)).toEqual(RETIREMENT_MATERIALS_ZH.slice(0, 3));
    expect(viewOf(nav, RETIREMENT, { ...JIAOZHOU_NORMAL, has_military_service: 'false' }).optionalQuestions).toEqual([]);
  });

  it('marks it "maybe" when the question is not answered, and offers the auxiliary question', () => {
    const view = viewOf(nav, RETIREMENT, JIAOZHOU_NORMAL);
    expect(view.stages[0].guide?.materials?.map((m) => [m.name, m.applies])).toEqual([
      ['职工退休审批表', true],
      ['居民身份证', true],
      ['职工人事档案', true],
      ['退伍证或军官转业证', 'maybe'],
    ]);
    expect(view.optionalQuestions).toEqual([{ key: 'has_military_service', kind: 'auxiliary', type: 'boolean', label: '是否有军龄(视同缴费年限)' }]);
    expect(view.complete).toBe(true);
  });

  it('housing: the employer form only for new employees and migrant workers, "maybe" before the type is known', () => {
    const names = (raw: Record<string, unknown>) =>
      viewOf(nav, HOUSING, raw)
        .stages.find((s) => s.key === 'district-review')
        ?.guide?.materials?.map((m) => [m.name, m.applies]);
    expect(names({ applicant_type: 'registered_household', residence: TAIPINGJIAO })).toEqual([['居民身份证', true]]);
    expect(names({ applicant_type: 'new_employee', residence: TAIPINGJIAO })).toEqual([
      ['居民身份证', true],
      ['用人单位集体申报表', true],
    ]);
    expect(names({ residence: TAIPINGJIAO })).toEqual([
      ['居民身份证', true],
      ['用人单位集体申报表', 'maybe'],
    ]);
  });

  it('a guide with no materials needed shows an empty list and is published (medical insurance confirmation)', () => {
    const confirmation = viewOf(nav, MEDICAL, { residence: TAIPINGJIAO }).stages[1];
    expect(confirmation.guide).toMatchObject({ status: 'published', materials: [] });
  });

  it('marks a material on an unanswered auxiliary unit question "maybe" (not decided by one representative unit)', () => {
    const item: CatalogItem = clone(itemOf(nav, RETIREMENT));
    item.questions.push({
      key: 'residence_district',
      kind: 'auxiliary',
      type: 'unit',
      answerLevel: 'district',
      within: CITY,
      label: { 'zh-Hans': '户籍所在区(市)', en: 'District of residence' },
    });
    const guides = new Map(nav.guides);
    const key = `${RETIREMENT}/city-approval/${CITY}`;
    const guide = clone(guides.get(key) as CatalogGuide);
    guide.materials = [{ name: { 'zh-Hans': '异地户籍证明', en: 'Proof of residence elsewhere' }, when: { '==': [{ var: 'residence_district.district.kind' }, 'county_city'] } }];
    guides.set(key, guide);
    const view = (answers: Record<string, string>) => {
      const space = answerSpace(item, nav.units);
      const route = routeItem(space, answers, nav.departments);
      return routeView({ space, answers, route, guides, lookup: nav.lookup, spec: nav.spec, locales: nav.locales, locale: 'en', links: linksOf(nav, 'local') });
    };
    const foreign = { retirement_type: 'normal', enterprise_type: 'foreign' };
    expect(view({ ...foreign, residence_district: JIAOZHOU }).stages[0].guide?.materials?.map((m) => m.applies)).toEqual([true]);
    expect(view({ ...foreign, residence_district: '370202000000' }).stages[0].guide?.materials).toEqual([]);
    expect(view(foreign).stages[0].guide?.materials?.map((m) => m.applies)).toEqual(['maybe']);
  });
});

describe('routeView: guide status from the demo guides', () => {
  it('市北区, normal, domestic: the district approval guide is incomplete, with what it lacks', () => {
    const view = viewOf(nav, RETIREMENT, { retirement_type: 'normal', enterprise_type: 'domestic', enterprise_location: SHIBEI });
    expect(statuses(view)).toEqual([['district-approval', SHIBEI, 'incomplete']]);
    expect(view.stages[0].guide).toMatchObject({ status: 'incomplete', missingFields: MISSING_FIELDS, address: '市北区社会保险事业中心服务大厅', phone: '0532-12333', fee: null });
  });

  it('市北区, special job, domestic: its district review guide is complete', () => {
    const view = viewOf(nav, RETIREMENT, { retirement_type: 'special_job', enterprise_type: 'domestic', enterprise_location: SHIBEI });
    expect(statuses(view)).toEqual([
      ['district-review', SHIBEI, 'published'],
      ['city-approval', CITY, 'published'],
    ]);
  });

  it('平度市, normal, domestic: the review guide is incomplete, the city approval published', () => {
    const view = viewOf(nav, RETIREMENT, { retirement_type: 'normal', enterprise_type: 'domestic', enterprise_location: PINGDU });
    expect(statuses(view)).toEqual([
      ['district-review', PINGDU, 'incomplete'],
      ['city-approval', CITY, 'published'],
    ]);
    expect(view.stages[0].guide?.missingFields).toEqual(MISSING_FIELDS);
    // Named in the view's language, for a page to say what is not online yet.
    expect(view.stages[0].guide?.missingFieldNames).toEqual(MISSING_FIELDS.map((f) => fieldName(f, 'zh-Hans')));
  });

  it('莱西市, normal, domestic: the review guide is missing, still linked on 莱西市 site', () => {
    const view = viewOf(nav, RETIREMENT, { retirement_type: 'normal', enterprise_type: 'domestic', enterprise_location: LAIXI });
    expect(statuses(view)).toEqual([
      ['district-review', LAIXI, 'missing'],
      ['city-approval', CITY, 'published'],
    ]);
    expect(view.stages[0].guide).toEqual({ status: 'missing', missingFields: [], missingFieldNames: [], url: `/sites/${LAIXI}/items/${RETIREMENT_SLUG}#stage-district-review` });
    expect(view.stages[0].handler?.department.name).toBe('莱西市社会保险事业中心');
  });

  it('北关村 allowance: the community acceptance guide is incomplete, the street, district and city guides published', () => {
    const view = viewOf(nav, ALLOWANCE, { household_location: BEIGUAN_VILLAGE });
    expect(statuses(view)).toEqual([
      ['community-acceptance', BEIGUAN_VILLAGE, 'incomplete'],
      ['street-review', FUAN_STREET, 'published'],
      ['district-approval', JIAOZHOU, 'published'],
      ['city-filing', CITY, 'published'],
    ]);
    expect(view.stages[0].guide?.missingFields).toEqual(MISSING_FIELDS);
  });

  it('常州路社区 allowance (the neighbour of 北关村): every guide published', () => {
    const view = viewOf(nav, ALLOWANCE, { household_location: '370281001001' });
    expect(view.stages.map((s) => s.guide?.status)).toEqual(['published', 'published', 'published', 'published']);
  });

  it('reads the guide of the stage and unit only (another unit guide is not borrowed)', () => {
    const guides = guidesByKey(nav.catalog.guides.filter((g) => !(g.item === RETIREMENT && g.stage === 'district-review' && g.unit === JIAOZHOU)));
    const item = itemOf(nav, RETIREMENT);
    const space = answerSpace(item, nav.units);
    const answers = JIAOZHOU_NORMAL;
    const route = routeItem(space, answers, nav.departments);
    const view = routeView({ space, answers, route, guides, lookup: nav.lookup, spec: nav.spec, locales: nav.locales, locale: 'zh-Hans', links: linksOf(nav, 'local') });
    expect(view.stages[0].guide?.status).toBe('missing');
  });
});

describe('routeView: guide status over every combination of every demo item', () => {
  const PLACES = ['370202000000', '370203000000', '370211000000', '370212000000', '370213000000', '370214000000', '370215000000', JIAOZHOU, PINGDU, LAIXI];
  const COMMUNITIES = ['370202001001', '370202001002', '370202002001', '370213001001', '370211001001', '370281001001', BEIGUAN_VILLAGE, '370283001001'];
  /** The demo's flagged guides (docs/design.md §6); every other guide a route reaches is there and complete. */
  const FLAGGED: Record<string, string> = {
    [`${RETIREMENT}/district-approval/${SHIBEI}`]: 'incomplete',
    [`${RETIREMENT}/district-review/${PINGDU}`]: 'incomplete',
    [`${RETIREMENT}/district-review/${LAIXI}`]: 'missing',
    [`${ALLOWANCE}/community-acceptance/${BEIGUAN_VILLAGE}`]: 'incomplete',
  };
  const check = (itemCode: string, raw: Record<string, string>, seen: Set<string>) => {
    for (const stage of viewOf(nav, itemCode, raw).stages) {
      const key = `${itemCode}/${stage.key}/${stage.handler?.unit.code}`;
      seen.add(key);
      expect({ key, status: stage.guide?.status }).toEqual({ key, status: FLAGGED[key] ?? 'published' });
    }
  };

  it('retirement: published everywhere but 市北区 approval, 平度市 review (incomplete) and 莱西市 review (missing)', () => {
    const seen = new Set<string>();
    for (const type of ['normal', 'special_job', 'illness', 'bankrupt']) {
      for (const enterprise of ['domestic', 'foreign']) {
        for (const place of PLACES) check(RETIREMENT, { retirement_type: type, enterprise_type: enterprise, enterprise_location: place }, seen);
      }
    }
    for (const key of Object.keys(FLAGGED).filter((k) => k.startsWith(RETIREMENT))) expect(seen).toContain(key);
    // 7 district approvals + 10 district reviews + city approval + work ability appraisal
    expect(seen.size).toBe(19);
  });

  it('allowance, housing and medical insurance: published in every community but 北关村 allowance acceptance', () => {
    const seen = new Set<string>();
    for (const community of COMMUNITIES) {
      check(ALLOWANCE, { household_location: community }, seen);
      check(MEDICAL, { residence: community }, seen);
      for (const type of ['registered_household', 'new_employee', 'migrant_worker']) check(HOUSING, { applicant_type: type, residence: community }, seen);
    }
    expect(seen).toContain(`${ALLOWANCE}/community-acceptance/${BEIGUAN_VILLAGE}`);
  });
});

describe('routeView: site links', () => {
  it('北关村 allowance: a village without a site is served from 阜安街道 site under /units/<code>/', () => {
    const view = viewOf(nav, ALLOWANCE, { household_location: BEIGUAN_VILLAGE }, { mode: 'site' });
    expect(view.stages.map((s) => s.guide?.url)).toEqual([
      `https://fuan.jiaozhou.qingdao.example/units/${BEIGUAN_VILLAGE}/items/${ALLOWANCE_SLUG}#stage-community-acceptance`,
      `https://fuan.jiaozhou.qingdao.example/items/${ALLOWANCE_SLUG}#stage-street-review`,
      `https://jiaozhou.qingdao.example/items/${ALLOWANCE_SLUG}#stage-district-approval`,
      `https://www.qingdao.example/items/${ALLOWANCE_SLUG}#stage-city-filing`,
    ]);
    expect(view.stages[0].handler?.unit).toEqual({
      code: BEIGUAN_VILLAGE,
      name: '北关村民委员会',
      level: 'community',
      siteUrl: null,
      url: `https://fuan.jiaozhou.qingdao.example/units/${BEIGUAN_VILLAGE}/items/${ALLOWANCE_SLUG}`,
    });
    expect(view.item.url).toBe(`https://www.qingdao.example/items/${ALLOWANCE_SLUG}`);
  });

  it('北关村 allowance: first step at the village, upper links to the street, district and city in order', () => {
    const view = viewOf(nav, ALLOWANCE, { household_location: BEIGUAN_VILLAGE }, { mode: 'site' });
    expect(view.firstStep?.stageKey).toBe('community-acceptance');
    expect(view.firstStep?.url).toBe(`https://fuan.jiaozhou.qingdao.example/units/${BEIGUAN_VILLAGE}/items/${ALLOWANCE_SLUG}#stage-community-acceptance`);
    expect(view.upperLinks.map((l) => [l.stageKey, l.level, l.unit.code, l.department?.code])).toEqual([
      ['street-review', 'street', FUAN_STREET, '370281001-OFFICE'],
      ['district-approval', 'district', JIAOZHOU, '370281-CA'],
      ['city-filing', 'city', CITY, 'QD-CA'],
    ]);
  });

  it('胶州市 retirement: the first step on 胶州市 site, the upper link on the city site', () => {
    const view = viewOf(nav, RETIREMENT, JIAOZHOU_NORMAL, { mode: 'site' });
    expect(view.firstStep?.url).toBe(`https://jiaozhou.qingdao.example/items/${RETIREMENT_SLUG}#stage-district-review`);
    expect(view.upperLinks.map((l) => l.url)).toEqual([`https://www.qingdao.example/items/${RETIREMENT_SLUG}#stage-city-approval`]);
  });

  it('a route that stays at the city level has no upper links (illness)', () => {
    const view = viewOf(nav, RETIREMENT, { retirement_type: 'illness' }, { mode: 'site' });
    expect(view.firstStep?.stageKey).toBe('work-ability-appraisal');
    expect(view.firstStep?.department?.code).toBe('QD-LAC');
    expect(view.upperLinks).toEqual([]);
  });

  it('housing for a new employee: first step at the district housing bureau, the city as upper link', () => {
    const view = viewOf(nav, HOUSING, { applicant_type: 'new_employee', residence: TAIPINGJIAO });
    expect(view.firstStep?.stageKey).toBe('district-review');
    expect(view.firstStep?.unit?.code).toBe('370202000000');
    expect(view.upperLinks.map((l) => l.stageKey)).toEqual(['city-approval']);
  });
});

describe('routeView: English', () => {
  const view = viewOf(nav, RETIREMENT, { ...JIAOZHOU_NORMAL, has_military_service: 'false' }, { locale: 'en' });

  it('writes item, stage, level, unit, department and guide texts in English', () => {
    expect(view.item.title).toBe('Retirement certification for enterprise employees');
    expect(view.locale).toBe('en');
    const review = view.stages[0];
    expect([review.name, review.levelName, review.handler?.unit.name, review.handler?.department.name]).toEqual([
      'Review by the district or county-level city social insurance agency',
      'district level',
      'Jiaozhou City',
      'Jiaozhou City Social Insurance Center',
    ]);
    expect(review.guide).toMatchObject({ fee: 'Free of charge', address: 'Service hall, Jiaozhou City Social Insurance Center', hours: 'Working days 9:00-17:00' });
    expect(review.guide?.materials?.map((m) => m.name)).toEqual(['Employee retirement approval form', 'Resident identity card', 'Personnel file']);
    expect(view.upperLinks[0].unit.name).toBe('Qingdao');
    expect(view.upperLinks[0].department?.address).toBe('Dunhua Road, Shibei, Qingdao');
  });

  it('asks the needed questions in English with their options', () => {
    const partial = viewOf(nav, RETIREMENT, { retirement_type: 'normal' }, { locale: 'en' });
    expect(partial.neededQuestions.map((q) => [q.key, q.label])).toEqual([
      ['enterprise_type', 'Type of the employing enterprise'],
      ['enterprise_location', 'District or county-level city where the enterprise is registered'],
    ]);
    expect(partial.neededQuestions[0].options).toEqual([
      { value: 'domestic', label: 'Domestic enterprise (not foreign-invested)' },
      { value: 'foreign', label: 'Foreign-invested enterprise' },
    ]);
    expect(partial.neededQuestions[1]).toMatchObject({ type: 'unit', answerLevel: 'district', within: CITY });
    expect(partial.undecidedStages.map((s) => s.name)).toEqual([
      'Approval by the district social insurance agency',
      'Review by the district or county-level city social insurance agency',
      'Approval by the city labour insurance agency',
    ]);
  });
});

describe('routeView: partial answers', () => {
  it('allowance with no answer: stages pending on the household location carry no handler and no guide', () => {
    const view = viewOf(nav, ALLOWANCE, {});
    expect(view.complete).toBe(false);
    expect(view.neededQuestions.map((q) => q.key)).toEqual(['household_location']);
    expect(view.stages.slice(0, 3).map((s) => [s.key, s.handler, 'handlerNeeds' in s ? s.handlerNeeds : undefined, s.guide])).toEqual([
      ['community-acceptance', null, 'household_location', null],
      ['street-review', null, 'household_location', null],
      ['district-approval', null, 'household_location', null],
    ]);
    expect(view.stages[3].handler?.unit.code).toBe(CITY);
  });

  it('housing with only the residence: lists the community and street stages as undecided', () => {
    const view = viewOf(nav, HOUSING, { residence: TAIPINGJIAO });
    expect(view.undecidedStages).toEqual([
      { key: 'community-acceptance', level: 'community', name: '社区受理' },
      { key: 'street-review', level: 'street', name: '街道初审' },
    ]);
    expect(view.neededQuestions.map((q) => q.key)).toEqual(['applicant_type']);
  });

  it('never names as first step a later stage while the first stage handler is still unknown (allowance, no answer)', () => {
    // Community acceptance comes first; only the city filing (the last stage) has a known handler.
    const view = viewOf(nav, ALLOWANCE, {});
    expect([null, 'community-acceptance']).toContain(view.firstStep?.stageKey ?? null);
  });

  it('never names city approval as first step while the district review before it waits for the location (special job, domestic)', () => {
    const view = viewOf(nav, RETIREMENT, { retirement_type: 'special_job', enterprise_type: 'domestic' });
    expect(view.stages.map((s) => s.key)).toEqual(['district-review', 'city-approval']);
    expect([null, 'district-review']).toContain(view.firstStep?.stageKey ?? null);
  });
});
