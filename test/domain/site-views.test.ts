// What one unit's site shows (shared sync, 共享同步), over the demo catalog: the city lists every
// item; a lower unit lists the items in which it handles a stage, shows its own guides in full and
// links to the other stages' guides on the sites of the units that handle them (and only those),
// up to the city. A unit with no site of its own is served from its nearest ancestor's.
import { answerSpace } from '../../src/plugins/linkage/server/src/domain/answer-space';
import { guideKey, type Catalog, type CatalogGuide, type CatalogItem } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { handlesStage, stageHandlers } from '../../src/plugins/linkage/server/src/domain/participation';
import { guideView, settledFirstSteps, siteIndexView, siteItemView, type SiteContext } from '../../src/plugins/linkage/server/src/domain/site-views';
import { clone, loadDemo } from './demo-fixtures';
import {
  ALLOWANCE,
  ALLOWANCE_SLUG,
  BADAGUAN_STREET,
  BEIGUAN_VILLAGE,
  CHANGZHOU_ROAD,
  CITY,
  FUAN_STREET,
  HOUSING,
  HOUSING_SLUG,
  JIAOZHOU,
  LAIXI,
  MEDICAL,
  MEDICAL_SLUG,
  PINGDU,
  RETIREMENT,
  RETIREMENT_SLUG,
  SHIBEI,
  SHINAN,
  TAIPINGJIAO,
  itemOf,
  linksOf,
  navigatorOf,
  type Navigator,
} from './navigator-fixtures';

const HUIQUAN = '370202001002';
const XIANGGANG_STREET = '370202002000';
const ALL_ITEMS = [ALLOWANCE, HOUSING, MEDICAL, RETIREMENT];
const SLUGS = [ALLOWANCE_SLUG, HOUSING_SLUG, MEDICAL_SLUG, RETIREMENT_SLUG];
const DISTRICTS = [SHINAN, SHIBEI, '370211000000', '370212000000', '370213000000', '370214000000', '370215000000', JIAOZHOU, PINGDU, LAIXI];

const nav = navigatorOf();

interface ContextOptions {
  locale?: string;
  mode?: 'local' | 'site';
  localBase?: string;
  blankForms?: ReadonlyMap<string, string>;
}

const contextOf = (n: Navigator, options: ContextOptions = {}): SiteContext => ({
  units: n.lookup.units,
  unitIndex: n.units,
  lookup: n.lookup,
  items: n.catalog.items,
  spec: n.spec,
  locales: n.locales,
  locale: options.locale ?? 'zh-Hans',
  links: linksOf(n, options.mode ?? 'local', options.localBase ?? ''),
  blankForms: options.blankForms,
  space: (item: CatalogItem) => answerSpace(item, n.units),
});

const ctx = contextOf(nav);

/** A unit's own guides (of one item, or of all), as the site service hands them over. */
const ownGuidesOf = (unitCode: string, itemCode?: string, catalog: Catalog = nav.catalog): Map<string, CatalogGuide> =>
  new Map(catalog.guides.filter((g) => g.unit === unitCode && (!itemCode || g.item === itemCode)).map((g) => [guideKey(g), g]));

const indexOf = (unitCode: string, c: SiteContext = ctx) => siteIndexView(unitCode, c, [...ownGuidesOf(unitCode).values()]);
const pageOf = (unitCode: string, itemCode: string, c: SiteContext = ctx, n: Navigator = nav, chosen: Record<string, string> = {}) =>
  siteItemView(unitCode, itemOf(n, itemCode), c, ownGuidesOf(unitCode, itemCode, n.catalog), chosen);

const stagesByItem = (view: ReturnType<typeof indexOf>) => Object.fromEntries(view.items.map((i) => [i.code, i.stages.map((s) => [s.key, s.status])]));
const ownKeys = (view: ReturnType<typeof pageOf>) => view.ownGuides.map((g) => g.stage.key);
const linkUnits = (view: ReturnType<typeof pageOf>, stageKey: string) => (view.otherStages.find((s) => s.key === stageKey)?.links ?? []).map((l) => l.unit.code).sort();
/** The options of a unit question: the next level's units under the choice so far. */
const unitOptions = (question: unknown) => (question as { options: Array<{ value: string; label: string; selected: boolean; final: boolean }> }).options;
/** A unit question of a page's navigator, by key. */
const unitQuestion = (view: ReturnType<typeof pageOf>, key: string) =>
  view.navigator.questions.find((q) => q.key === key) as unknown as {
    options: Array<{ value: string; label: string; selected: boolean; final: boolean }>;
    asking: { level: string; levelName: string };
    path: Array<{ code: string; name: string; level: string }>;
    chosenSoFar: string;
    back: { value: string; levelName: string } | null;
  };
const guidePage = (unitCode: string, slug: string, stageKey: string) => `/sites/${unitCode}/items/${slug}#stage-${stageKey}`;

describe('stageHandlers: who handles a stage for someone at a unit', () => {
  it('is the fixed unit of a fixed handler, whoever asks', () => {
    for (const unit of [CITY, JIAOZHOU, BEIGUAN_VILLAGE]) expect(stageHandlers(itemOf(nav, RETIREMENT), 'city-approval', unit, ctx)).toEqual([CITY]);
  });

  it('is the unit itself for an answer handler at its own level', () => {
    expect(stageHandlers(itemOf(nav, RETIREMENT), 'district-review', JIAOZHOU, ctx)).toEqual([JIAOZHOU]);
    expect(stageHandlers(itemOf(nav, ALLOWANCE), 'street-review', BADAGUAN_STREET, ctx)).toEqual([BADAGUAN_STREET]);
  });

  it('is its ancestor at the stage level for a stage above it', () => {
    expect(stageHandlers(itemOf(nav, ALLOWANCE), 'district-approval', BADAGUAN_STREET, ctx)).toEqual([SHINAN]);
    expect(stageHandlers(itemOf(nav, ALLOWANCE), 'street-review', TAIPINGJIAO, ctx)).toEqual([BADAGUAN_STREET]);
    expect(stageHandlers(itemOf(nav, ALLOWANCE), 'district-approval', BEIGUAN_VILLAGE, ctx)).toEqual([JIAOZHOU]);
  });

  it('is every unit below it at the stage level for a stage below it', () => {
    expect(stageHandlers(itemOf(nav, ALLOWANCE), 'community-acceptance', BADAGUAN_STREET, ctx).sort()).toEqual([TAIPINGJIAO, HUIQUAN]);
    expect(stageHandlers(itemOf(nav, ALLOWANCE), 'street-review', SHINAN, ctx).sort()).toEqual([BADAGUAN_STREET, XIANGGANG_STREET]);
    expect(stageHandlers(itemOf(nav, RETIREMENT), 'district-review', CITY, ctx).sort()).toEqual(DISTRICTS);
  });

  it('is nobody for an unknown stage, or an unknown unit under an answer handler', () => {
    expect(stageHandlers(itemOf(nav, RETIREMENT), 'no-such-stage', JIAOZHOU, ctx)).toEqual([]);
    expect(stageHandlers(itemOf(nav, RETIREMENT), 'district-review', '370299000000', ctx)).toEqual([]);
  });
});

describe('handlesStage: whether a unit handles some stage of an item for someone', () => {
  it('is true for the city in every item with a city stage, and false in the one without (medical insurance)', () => {
    expect([RETIREMENT, ALLOWANCE, HOUSING, MEDICAL].map((code) => handlesStage(itemOf(nav, code), CITY, ctx))).toEqual([true, true, true, false]);
  });

  it('is true for 胶州市 in the retirement item (district-review), however its guide stands', () => {
    expect(handlesStage(itemOf(nav, RETIREMENT), JIAOZHOU, ctx)).toBe(true);
    expect(handlesStage(itemOf(nav, RETIREMENT), LAIXI, ctx)).toBe(true);
  });

  it('is false for a street and a community in the retirement item, which has no stage at their levels', () => {
    expect(handlesStage(itemOf(nav, RETIREMENT), BADAGUAN_STREET, ctx)).toBe(false);
    expect(handlesStage(itemOf(nav, RETIREMENT), TAIPINGJIAO, ctx)).toBe(false);
  });

  it('is true for a street in the allowance and housing, false in the medical insurance (no street stage)', () => {
    expect([ALLOWANCE, HOUSING, MEDICAL].map((code) => handlesStage(itemOf(nav, code), BADAGUAN_STREET, ctx))).toEqual([true, true, false]);
  });

  it('is false for a unit whose stage never applies to anyone it handles for', () => {
    const catalog = loadDemo();
    const housing = catalog.items.find((i) => i.code === HOUSING) as CatalogItem;
    for (const stage of housing.stages) if (stage.level === 'street') (stage as { appliesWhen: unknown }).appliesWhen = false;
    const n = navigatorOf(catalog);
    expect(handlesStage(itemOf(n, HOUSING), BADAGUAN_STREET, contextOf(n))).toBe(false);
  });
});

describe('siteIndexView: the city, 青岛市', () => {
  const view = indexOf(CITY);

  it('lists every item, ordered by code, each linked on the city site', () => {
    expect(view.isCity).toBe(true);
    expect(view.items.map((i) => i.code)).toEqual(ALL_ITEMS);
    expect(view.items.map((i) => i.url)).toEqual(SLUGS.map((slug) => `/sites/${CITY}/items/${slug}`));
    expect(view.items.map((i) => i.cityUrl)).toEqual(SLUGS.map((slug) => `/sites/${CITY}/items/${slug}`));
  });

  it("lists with each item only the stages the city handles, in stage order, with their guides' status", () => {
    expect(stagesByItem(view)).toEqual({
      [ALLOWANCE]: [['city-filing', 'published']],
      [HOUSING]: [['city-approval', 'published']],
      [MEDICAL]: [],
      [RETIREMENT]: [
        ['work-ability-appraisal', 'published'],
        ['city-approval', 'published'],
      ],
    });
  });

  it('frames the site: its name, level and kind, no ancestors, and its districts as children in code order', () => {
    expect(view.site.siteName).toBe('青岛市网上办事');
    expect(view.site.unit).toEqual({
      code: CITY,
      name: '青岛市',
      level: 'city',
      levelName: '市级',
      kind: 'prefecture_city',
      kindName: '地级市',
      siteUrl: 'https://www.qingdao.example',
    });
    expect(view.site.host).toEqual({ code: CITY, name: '青岛市', siteUrl: 'https://www.qingdao.example' });
    expect(view.site.url).toBe(`/sites/${CITY}`);
    expect(view.site.ancestors).toEqual([]);
    expect(view.site.children.map((c) => c.code)).toEqual(DISTRICTS);
    expect(view.site.children[0]).toEqual({ code: SHINAN, name: '市南区', url: `/sites/${SHINAN}` });
    expect(view.site.locale).toBe('zh-Hans');
    expect(view.site.locales).toEqual(['zh-Hans', 'en']);
  });
});

describe('siteIndexView: lower units list only the items in which they handle a stage', () => {
  it('市南区 lists all four, each with its district stages', () => {
    const view = indexOf(SHINAN);
    expect(view.isCity).toBe(false);
    expect(view.items.map((i) => [i.code, i.url, i.cityUrl])).toEqual(
      ALL_ITEMS.map((code, n) => [code, `/sites/${SHINAN}/items/${SLUGS[n]}`, `/sites/${CITY}/items/${SLUGS[n]}`])
    );
    expect(stagesByItem(view)).toEqual({
      [ALLOWANCE]: [['district-approval', 'published']],
      [HOUSING]: [['district-review', 'published']],
      [MEDICAL]: [['district-confirmation', 'published']],
      [RETIREMENT]: [
        ['district-approval', 'published'],
        ['district-review', 'published'],
      ],
    });
  });

  it('胶州市, a county-level city, handles district-review in the retirement item, never district-approval', () => {
    expect(stagesByItem(indexOf(JIAOZHOU))[RETIREMENT]).toEqual([['district-review', 'published']]);
  });

  it('八大关街道 lists the allowance and the housing only, ancestors first the city, then its district', () => {
    const view = indexOf(BADAGUAN_STREET);
    expect(stagesByItem(view)).toEqual({
      [ALLOWANCE]: [['street-review', 'published']],
      [HOUSING]: [['street-review', 'published']],
    });
    expect(view.site.ancestors.map((a) => a.code)).toEqual([CITY, SHINAN]);
    expect(view.site.children.map((c) => c.code)).toEqual([TAIPINGJIAO, HUIQUAN]);
  });

  it('太平角社区, which has no site, is served from 八大关街道 and lists allowance, housing and medical insurance', () => {
    const view = indexOf(TAIPINGJIAO);
    expect(view.site.unit.siteUrl).toBeNull();
    expect(view.site.host).toEqual({ code: BADAGUAN_STREET, name: '八大关街道', siteUrl: 'https://badaguan.shinan.qingdao.example' });
    expect(view.site.ancestors.map((a) => a.code)).toEqual([CITY, SHINAN, BADAGUAN_STREET]);
    expect(view.site.children).toEqual([]);
    expect(stagesByItem(view)).toEqual({
      [ALLOWANCE]: [['community-acceptance', 'published']],
      [HOUSING]: [['community-acceptance', 'published']],
      [MEDICAL]: [['community-registration', 'published']],
    });
  });

  it("shows incomplete and missing guides as such (市北区's approval, 平度市's and 莱西市's reviews, 北关村's acceptance)", () => {
    expect(stagesByItem(indexOf(SHIBEI))[RETIREMENT]).toEqual([
      ['district-approval', 'incomplete'],
      ['district-review', 'published'],
    ]);
    expect(stagesByItem(indexOf(PINGDU))[RETIREMENT]).toEqual([['district-review', 'incomplete']]);
    expect(stagesByItem(indexOf(LAIXI))[RETIREMENT]).toEqual([['district-review', 'missing']]);
    expect(stagesByItem(indexOf(BEIGUAN_VILLAGE))[ALLOWANCE]).toEqual([['community-acceptance', 'incomplete']]);
  });
});

describe('siteIndexView: languages and links', () => {
  it("speaks English with locale en: 'Jiaozhou City Online services', English titles and stage names", () => {
    const view = indexOf(JIAOZHOU, contextOf(nav, { locale: 'en' }));
    expect(view.site.siteName).toBe('Jiaozhou City Online services');
    expect(view.site.unit).toMatchObject({ name: 'Jiaozhou City', levelName: 'district level', kindName: 'county-level city' });
    expect(view.site.ancestors).toEqual([{ code: CITY, name: 'Qingdao', url: `/sites/${CITY}` }]);
    const retirement = view.items.find((i) => i.code === RETIREMENT);
    expect(retirement?.title).toBe('Retirement certification for enterprise employees');
    expect(retirement?.stages.map((s) => s.name)).toHaveLength(1);
    expect(retirement?.stages[0].name).not.toMatch(/[\u3400-\u9fff]/);
    expect(view.site.locale).toBe('en');
  });

  it("says '胶州市网上办事' in zh-Hans", () => {
    expect(indexOf(JIAOZHOU).site.siteName).toBe('胶州市网上办事');
  });

  it("links every page on its unit's own site in site mode, and a unit without one on its host's", () => {
    const site = contextOf(nav, { mode: 'site' });
    const jiaozhou = indexOf(JIAOZHOU, site);
    expect(jiaozhou.site.url).toBe('https://jiaozhou.qingdao.example');
    expect(jiaozhou.items.find((i) => i.code === RETIREMENT)).toMatchObject({
      url: `https://jiaozhou.qingdao.example/items/${RETIREMENT_SLUG}`,
      cityUrl: `https://www.qingdao.example/items/${RETIREMENT_SLUG}`,
    });
    expect(jiaozhou.site.children.map((c) => c.url)).toEqual(['https://fuan.jiaozhou.qingdao.example', 'https://zhongyun.jiaozhou.qingdao.example']);
    expect(indexOf(TAIPINGJIAO, site).site.url).toBe(`https://badaguan.shinan.qingdao.example/units/${TAIPINGJIAO}`);
  });

  it('prefixes the local base to every local link', () => {
    const view = indexOf(JIAOZHOU, contextOf(nav, { localBase: 'http://localhost:1337/' }));
    expect(view.site.url).toBe(`http://localhost:1337/sites/${JIAOZHOU}`);
    expect(view.items[0].url).toBe(`http://localhost:1337/sites/${JIAOZHOU}/items/${ALLOWANCE_SLUG}`);
  });
});

describe('siteItemView: 胶州市 (county-level city), retirement', () => {
  const view = pageOf(JIAOZHOU, RETIREMENT);

  it('shows the basic information it inherits from the city, with its own page and the city page', () => {
    expect(view.isCity).toBe(false);
    expect(view.item).toMatchObject({
      code: RETIREMENT,
      slug: RETIREMENT_SLUG,
      title: '企业职工退休认证',
      url: `/sites/${JIAOZHOU}/items/${RETIREMENT_SLUG}`,
      cityUrl: `/sites/${CITY}/items/${RETIREMENT_SLUG}`,
      managingDepartment: '青岛市政务服务管理办公室',
      policies: [{ title: '国务院关于工人退休、退职的暂行办法', url: 'https://www.gov.example/policy/retirement-interim-measures' }],
      flowchartUrl: `/api/linkage/items/${RETIREMENT_SLUG}/flowchart?format=svg&locale=zh-Hans`,
    });
  });

  it('shows its own guide only, district-review, in full with its department', () => {
    expect(ownKeys(view)).toEqual(['district-review']);
    const [own] = view.ownGuides;
    expect(own.anchor).toBe('stage-district-review');
    expect(own.stage).toMatchObject({ key: 'district-review', order: 30, level: 'district', levelName: '区(市)级', name: '区(市)社会保险经办机构审核' });
    expect(own.department).toEqual({ code: '370281-SI', name: '胶州市社会保险事业中心', phone: null, address: null, hours: null });
    expect(own.guide).toMatchObject({
      status: 'published',
      missingFields: [],
      missingFieldNames: [],
      conditions: '男年满60周岁,女干部年满55周岁、女工人年满50周岁,累计缴费年限满15年。',
      timeLimit: { statutoryDays: 20, promisedDays: 15 },
      fee: '不收费',
      onlineUrl: null,
      address: '胶州市社会保险事业中心服务大厅',
      hours: '工作日 9:00-17:00',
      phone: '0532-12333',
    });
  });

  it("lists the guide's materials with counts, blank form and when each is needed", () => {
    expect(view.ownGuides[0].guide.materials).toEqual([
      { name: '职工退休审批表', original: 2, copies: 0, required: true, blankForm: 'retirement-approval-form.pdf', blankFormUrl: null, when: null },
      { name: '居民身份证', original: 1, copies: 1, required: true, blankForm: null, blankFormUrl: null, when: null },
      { name: '职工人事档案', original: 1, copies: 0, required: true, blankForm: null, blankFormUrl: null, when: null },
      { name: '退伍证或军官转业证', original: 1, copies: 1, required: true, blankForm: null, blankFormUrl: null, when: '是否有军龄(视同缴费年限)为「是」' },
    ]);
  });

  it('lists the other stages in stage order, linked only where some unit handles them: never district-approval to 胶州市', () => {
    expect(view.otherStages.map((s) => [s.key, s.order, s.level])).toEqual([
      ['work-ability-appraisal', 10, 'city'],
      ['district-approval', 20, 'district'],
      ['city-approval', 40, 'city'],
    ]);
    expect(view.otherStages.map((s) => s.links.map((l) => l.url))).toEqual([
      [guidePage(CITY, RETIREMENT_SLUG, 'work-ability-appraisal')],
      [],
      [guidePage(CITY, RETIREMENT_SLUG, 'city-approval')],
    ]);
    expect(view.otherStages[0].links[0].unit).toEqual({ code: CITY, name: '青岛市' });
  });

  it('says who handles each other stage and when it applies', () => {
    const [appraisal, approval] = view.otherStages;
    expect(appraisal.handledBy).toBe('青岛市 · 青岛市劳动能力鉴定委员会办公室');
    expect(appraisal.condition).toBe('退休类型为「因病退休」');
    expect(approval.handledBy).toMatch(/原企业所在区\(市\)/);
    expect(appraisal.levelName).toBe('市级');
  });

  it("links up to the city's stages, in stage order, naming each stage", () => {
    expect(view.upperLinks).toEqual([
      { stage: '劳动能力鉴定', unit: { code: CITY, name: '青岛市' }, url: guidePage(CITY, RETIREMENT_SLUG, 'work-ability-appraisal') },
      { stage: '市劳动保险经办机构核准', unit: { code: CITY, name: '青岛市' }, url: guidePage(CITY, RETIREMENT_SLUG, 'city-approval') },
    ]);
  });

  it("gives the navigator its form action and the questions, the unit question offering 胶州市 itself (its own area) with the city's page for elsewhere", () => {
    expect(view.navigator.action).toBe(`/sites/${JIAOZHOU}/items/${RETIREMENT_SLUG}/route`);
    expect(view.navigator.questions.map((q) => [q.key, q.type])).toEqual([
      ['retirement_type', 'choice'],
      ['enterprise_type', 'choice'],
      ['enterprise_location', 'unit'],
      ['has_military_service', 'boolean'],
    ]);
    expect(view.navigator.questions[0].options?.map((o) => o.value)).toEqual(['normal', 'special_job', 'illness', 'bankrupt']);
    expect(view.navigator.questions[0].label).toBe('退休类型');
    expect(unitOptions(view.navigator.questions[2])).toEqual([{ value: JIAOZHOU, label: '胶州市', selected: true, final: true }]);
    expect(view.navigator.questions[2]).toMatchObject({ narrowedTo: { code: JIAOZHOU, name: '胶州市', elsewhereUrl: `/sites/${CITY}/items/${RETIREMENT_SLUG}` } });
  });

  it("the city's own page offers every district for the same question, not narrowed", () => {
    const city = pageOf(CITY, RETIREMENT);
    const location = unitOptions(city.navigator.questions[2]);
    expect(location.map((o) => o.value)).toEqual(DISTRICTS);
    expect(location[7]).toEqual({ value: JIAOZHOU, label: '胶州市', selected: false, final: true });
    expect(city.navigator.questions[2]).toMatchObject({ narrowedTo: null });
  });

  it('a community site asked for a district (above its own level) offers every district', () => {
    const community = pageOf(CHANGZHOU_ROAD, RETIREMENT);
    expect(unitOptions(community.navigator.questions[2]).map((o) => o.value)).toEqual(DISTRICTS);
    expect(community.navigator.questions[2]).toMatchObject({ narrowedTo: null });
  });

  it('names no first step before any answer (劳动能力鉴定, the first stage, is for illness retirement only), and every stage in order', () => {
    expect(view.firstSteps).toEqual([]);
    expect(view.stagesInOrder).toEqual(['劳动能力鉴定', '区社会劳动保险经办机构核准', '区(市)社会保险经办机构审核', '市劳动保险经办机构核准']);
  });

  it('frames the page with the site of 胶州市', () => {
    expect(view.site).toMatchObject({ siteName: '胶州市网上办事', url: `/sites/${JIAOZHOU}` });
    expect(view.site.unit).toMatchObject({ code: JIAOZHOU, kind: 'county_city', kindName: '县级市' });
  });
});

describe('settledFirstSteps: the stages everyone takes first, once the answers settle them', () => {
  const space = (code: string) => answerSpace(itemOf(nav, code), nav.units);

  it('none for the retirement before any answer: its first stage applies to illness retirement only', () => {
    expect(settledFirstSteps(itemOf(nav, RETIREMENT), space(RETIREMENT)).map((s) => s.key)).toEqual([]);
  });

  it("the retirement's appraisal once the retirement is for illness; its district review once it is a normal retirement from a county-level city", () => {
    expect(settledFirstSteps(itemOf(nav, RETIREMENT), space(RETIREMENT), { retirement_type: 'illness' }).map((s) => s.key)).toEqual(['work-ability-appraisal']);
    const normal = { retirement_type: 'normal', enterprise_type: 'domestic', enterprise_location: JIAOZHOU };
    expect(settledFirstSteps(itemOf(nav, RETIREMENT), space(RETIREMENT), normal).map((s) => s.key)).toEqual(['district-review']);
  });

  it('still none while a stage before the first sure one may apply (a normal retirement, place not given)', () => {
    expect(settledFirstSteps(itemOf(nav, RETIREMENT), space(RETIREMENT), { retirement_type: 'normal', enterprise_type: 'domestic' }).map((s) => s.key)).toEqual([]);
  });

  it("the allowance's community acceptance at once: it applies to everyone", () => {
    expect(settledFirstSteps(itemOf(nav, ALLOWANCE), space(ALLOWANCE)).map((s) => s.key)).toEqual(['community-acceptance']);
  });

  it('on the page: the settled first step with who handles it, and no condition to show when it applies to everyone', () => {
    const view = pageOf(BADAGUAN_STREET, ALLOWANCE);
    expect(view.firstSteps).toEqual([
      { key: 'community-acceptance', name: '社区(村)受理', condition: '总是适用', always: true, handledBy: '「户籍所在社区(村)」的居(村)民委员会' },
    ]);
    expect(view.otherStages.every((s) => s.always)).toBe(true);
    expect(pageOf(JIAOZHOU, RETIREMENT).otherStages.map((s) => s.always)).toEqual([false, false, false]);
  });
});

describe('siteItemView: other units and items', () => {
  it("市南区's retirement page owns district-approval and district-review and links up to the city's two stages", () => {
    const view = pageOf(SHINAN, RETIREMENT);
    expect(ownKeys(view)).toEqual(['district-approval', 'district-review']);
    expect(view.ownGuides.map((g) => [g.department?.code, g.guide.status])).toEqual([
      ['370202-SI', 'published'],
      ['370202-SI', 'published'],
    ]);
    expect(view.ownGuides[0].guide).toMatchObject({ onlineUrl: 'https://shinan.qingdao.example/online/retirement' });
    expect(view.otherStages.map((s) => s.key)).toEqual(['work-ability-appraisal', 'city-approval']);
    expect(view.upperLinks.map((l) => [l.unit.code, l.url])).toEqual([
      [CITY, guidePage(CITY, RETIREMENT_SLUG, 'work-ability-appraisal')],
      [CITY, guidePage(CITY, RETIREMENT_SLUG, 'city-approval')],
    ]);
  });

  it("the city's retirement page owns the city stages in full and links no district (it has no single handler)", () => {
    const view = pageOf(CITY, RETIREMENT);
    expect(view.isCity).toBe(true);
    expect(view.item.url).toBe(view.item.cityUrl);
    expect(ownKeys(view)).toEqual(['work-ability-appraisal', 'city-approval']);
    expect(view.ownGuides.map((g) => g.department?.code)).toEqual(['QD-LAC', 'QD-SI']);
    expect(view.ownGuides[1].department).toEqual({ code: 'QD-SI', name: '青岛市社会保险事业中心', phone: '0532-12333', address: '青岛市市北区敦化路', hours: null });
    expect(view.otherStages.map((s) => [s.key, s.links])).toEqual([
      ['district-approval', []],
      ['district-review', []],
    ]);
    expect(view.upperLinks).toEqual([]);
  });

  it('八大关街道 links down to each of its communities, up to 市南区 and the city; upper links hold only the stages above it', () => {
    const view = pageOf(BADAGUAN_STREET, ALLOWANCE);
    expect(ownKeys(view)).toEqual(['street-review']);
    expect(view.ownGuides[0]).toMatchObject({
      department: { code: '370202001-OFFICE', name: '八大关街道办事处社会事务科' },
      guide: { status: 'published', conditions: '社区(村)已受理且材料齐全。', timeLimit: { promisedDays: 10 }, fee: '不收费', phone: '0532-81000000' },
    });
    expect(linkUnits(view, 'community-acceptance')).toEqual([TAIPINGJIAO, HUIQUAN]);
    expect(linkUnits(view, 'district-approval')).toEqual([SHINAN]);
    expect(linkUnits(view, 'city-filing')).toEqual([CITY]);
    expect(view.upperLinks.map((l) => [l.stage, l.unit.code, l.url])).toEqual([
      ['区(市)民政局审批', SHINAN, guidePage(SHINAN, ALLOWANCE_SLUG, 'district-approval')],
      ['市民政局备案抽查', CITY, guidePage(CITY, ALLOWANCE_SLUG, 'city-filing')],
    ]);
  });

  it('太平角社区 links up to 八大关街道, 市南区 and the city, in stage order', () => {
    const view = pageOf(TAIPINGJIAO, HOUSING);
    expect(view.site.host?.code).toBe(BADAGUAN_STREET);
    expect(ownKeys(view)).toEqual(['community-acceptance']);
    expect(view.ownGuides[0].guide.materials?.map((m) => m.name)).toEqual(['居民身份证', '户口簿', '住房情况证明']);
    expect(view.upperLinks.map((l) => [l.unit.code, l.url])).toEqual([
      [BADAGUAN_STREET, guidePage(BADAGUAN_STREET, HOUSING_SLUG, 'street-review')],
      [SHINAN, guidePage(SHINAN, HOUSING_SLUG, 'district-review')],
      [CITY, guidePage(CITY, HOUSING_SLUG, 'city-approval')],
    ]);
  });

  it("莱西市's missing review is shown missing, its department still named from the handler's kind", () => {
    const view = pageOf(LAIXI, RETIREMENT);
    expect(view.ownGuides).toEqual([
      expect.objectContaining({
        stage: expect.objectContaining({ key: 'district-review' }),
        department: { code: '370285-SI', name: '莱西市社会保险事业中心', phone: null, address: null, hours: null },
        guide: { status: 'missing', missingFields: [], missingFieldNames: [] },
      }),
    ]);
  });

  it("市北区's incomplete approval names what it lacks, in the page's language", () => {
    const approval = pageOf(SHIBEI, RETIREMENT).ownGuides.find((g) => g.stage.key === 'district-approval');
    expect(approval?.guide).toMatchObject({
      status: 'incomplete',
      missingFields: ['conditions', 'materials', 'timeLimit', 'fee', 'hours'],
      missingFieldNames: ['办理条件', '申报材料', '办理时限', '收费标准', '办公时间'],
      conditions: null,
      materials: null,
      fee: null,
      phone: '0532-12333',
    });
    const en = pageOf(SHIBEI, RETIREMENT, contextOf(nav, { locale: 'en' })).ownGuides.find((g) => g.stage.key === 'district-approval');
    expect(en?.guide.missingFieldNames).toEqual(['Conditions', 'Materials to bring', 'Time limit', 'Fee', 'Opening hours']);
  });

  it("shows only the unit's own guide, even when handed other units' guides of the same stage", () => {
    const all = new Map(nav.catalog.guides.filter((g) => g.item === RETIREMENT).map((g) => [guideKey(g), g]));
    const view = siteItemView(LAIXI, itemOf(nav, RETIREMENT), ctx, all);
    expect(view.ownGuides[0].guide.status).toBe('missing');
    const jiaozhou = siteItemView(JIAOZHOU, itemOf(nav, RETIREMENT), ctx, all);
    expect(jiaozhou.ownGuides[0].guide).toMatchObject({ status: 'published', address: '胶州市社会保险事业中心服务大厅' });
  });

  it("asks the allowance's community level by level on the city's page: the districts, never every community", () => {
    const question = unitQuestion(pageOf(CITY, ALLOWANCE), 'household_location');
    expect(question.options.map((o) => o.value)).toEqual(DISTRICTS);
    expect(question.options.every((o) => !o.final && !o.selected)).toBe(true);
    expect(question).toMatchObject({ asking: { level: 'district', levelName: '区(市)' }, path: [], chosenSoFar: '', back: null });
  });

  it("once a district is chosen, offers its streets; once a street is chosen, that street's communities", () => {
    const streets = unitQuestion(pageOf(CITY, ALLOWANCE, ctx, nav, { household_location: SHINAN }), 'household_location');
    const shinanStreets = nav.catalog.units
      .filter((u) => u.parent === SHINAN)
      .map((u) => u.code)
      .sort();
    expect(streets.options.map((o) => o.value)).toEqual(shinanStreets);
    expect(streets).toMatchObject({ asking: { level: 'street' }, path: [{ code: SHINAN, name: '市南区', level: 'district' }], chosenSoFar: SHINAN, back: { value: '' } });
    const communities = unitQuestion(pageOf(CITY, ALLOWANCE, ctx, nav, { household_location: BADAGUAN_STREET }), 'household_location');
    expect(communities.options.map((o) => o.value)).toEqual(
      nav.catalog.units
        .filter((u) => u.parent === BADAGUAN_STREET)
        .map((u) => u.code)
        .sort()
    );
    expect(communities.options.every((o) => o.final)).toBe(true);
    expect(communities).toMatchObject({
      asking: { level: 'community', levelName: '社区(村)' },
      path: [{ code: SHINAN }, { code: BADAGUAN_STREET, name: '八大关街道' }],
      chosenSoFar: BADAGUAN_STREET,
      back: { value: SHINAN, levelName: '街道(镇)' },
    });
  });

  it("an answer at the community level is shown selected among its street's communities", () => {
    const question = unitQuestion(pageOf(CITY, ALLOWANCE, ctx, nav, { household_location: TAIPINGJIAO }), 'household_location');
    expect(question.options.find((o) => o.selected)).toEqual({ value: TAIPINGJIAO, label: '太平角社区居民委员会', selected: true, final: true });
    expect(question.options.filter((o) => o.selected)).toHaveLength(1);
    expect(question.chosenSoFar).toBe(BADAGUAN_STREET);
  });

  it("a choice outside the page's part of the area is not followed: a street's site keeps offering its own communities", () => {
    const question = unitQuestion(pageOf(BADAGUAN_STREET, ALLOWANCE, ctx, nav, { household_location: FUAN_STREET }), 'household_location');
    expect(question.options.map((o) => o.value)).toContain(TAIPINGJIAO);
    expect(question.path).toEqual([]);
  });

  it('speaks English: the level asked for and the path chosen', () => {
    const question = unitQuestion(pageOf(CITY, ALLOWANCE, contextOf(nav, { locale: 'en' }), nav, { household_location: SHINAN }), 'household_location');
    expect(question.asking.levelName).toBe('subdistrict or town');
    expect(question.back?.levelName).toBe('district or county-level city');
    expect(question.path[0].name).not.toMatch(/[\u3400-\u9fff]/);
  });

  it("a street's site offers only its own communities for the allowance's unit question", () => {
    const view = pageOf(BADAGUAN_STREET, ALLOWANCE);
    const question = view.navigator.questions.find((q) => q.key === 'household_location');
    const own = nav.catalog.units
      .filter((u) => u.parent === BADAGUAN_STREET)
      .map((u) => u.code)
      .sort();
    expect(own).toContain(TAIPINGJIAO);
    expect(unitOptions(question).map((o) => o.value)).toEqual(own);
    expect(question).toMatchObject({ narrowedTo: { code: BADAGUAN_STREET, name: '八大关街道' } });
  });

  it("a community's site offers only itself", () => {
    const question = pageOf(TAIPINGJIAO, ALLOWANCE).navigator.questions.find((q) => q.key === 'household_location');
    expect(unitOptions(question).map((o) => o.value)).toEqual([TAIPINGJIAO]);
  });

  it('a unit question with `within` offers only the units under that unit', () => {
    const catalog = loadDemo();
    const allowance = catalog.items.find((i) => i.code === ALLOWANCE) as CatalogItem;
    (allowance.questions.find((q) => q.key === 'household_location') as { within?: string }).within = JIAOZHOU;
    const n = navigatorOf(catalog);
    const view = pageOf(FUAN_STREET, ALLOWANCE, contextOf(n), n);
    const household = unitOptions(view.navigator.questions.find((q) => q.key === 'household_location'));
    expect(household.map((o) => o.value)).toEqual([CHANGZHOU_ROAD, BEIGUAN_VILLAGE]);
  });

  it('speaks English with locale en: titles, stage names, department names, guide texts and the flow chart link', () => {
    const view = pageOf(JIAOZHOU, RETIREMENT, contextOf(nav, { locale: 'en' }));
    expect(view.item.title).toBe('Retirement certification for enterprise employees');
    expect(view.item.flowchartUrl).toBe(`/api/linkage/items/${RETIREMENT_SLUG}/flowchart?format=svg&locale=en`);
    expect(view.ownGuides[0].department?.name).toBe('Jiaozhou City Social Insurance Center');
    expect(view.ownGuides[0].guide.conditions).toMatch(/^Men aged 60/);
    expect(view.upperLinks[0].unit.name).toBe('Qingdao');
    expect(view.site.siteName).toBe('Jiaozhou City Online services');
    expect(JSON.stringify(view.ownGuides.map((g) => g.stage))).not.toMatch(/[\u3400-\u9fff]/);
  });

  it("links guides on the handling units' own sites in site mode", () => {
    const view = pageOf(JIAOZHOU, RETIREMENT, contextOf(nav, { mode: 'site' }));
    expect(view.item.url).toBe(`https://jiaozhou.qingdao.example/items/${RETIREMENT_SLUG}`);
    expect(view.navigator.action).toBe(`https://jiaozhou.qingdao.example/items/${RETIREMENT_SLUG}/route`);
    expect(view.upperLinks.map((l) => l.url)).toEqual([
      `https://www.qingdao.example/items/${RETIREMENT_SLUG}#stage-work-ability-appraisal`,
      `https://www.qingdao.example/items/${RETIREMENT_SLUG}#stage-city-approval`,
    ]);
    const street = pageOf(BADAGUAN_STREET, ALLOWANCE, contextOf(nav, { mode: 'site' }));
    expect(
      street.otherStages
        .find((s) => s.key === 'community-acceptance')
        ?.links.map((l) => l.url)
        .sort()
    ).toEqual([TAIPINGJIAO, HUIQUAN].map((code) => `https://badaguan.shinan.qingdao.example/units/${code}/items/${ALLOWANCE_SLUG}#stage-community-acceptance`).sort());
  });

  it('links a blank form only when a file of that name is in the media library', () => {
    const forms = new Map([['retirement-approval-form.pdf', '/uploads/retirement_approval_form_1a2b.pdf']]);
    const view = pageOf(JIAOZHOU, RETIREMENT, contextOf(nav, { blankForms: forms }));
    expect(view.ownGuides[0].guide.materials?.map((m) => [m.blankForm, m.blankFormUrl])).toEqual([
      ['retirement-approval-form.pdf', '/uploads/retirement_approval_form_1a2b.pdf'],
      [null, null],
      [null, null],
      [null, null],
    ]);
    const elsewhere = pageOf(JIAOZHOU, RETIREMENT, contextOf(nav, { blankForms: new Map([['other.pdf', '/uploads/other.pdf']]) }));
    expect(elsewhere.ownGuides[0].guide.materials?.[0].blankFormUrl).toBeNull();
  });

  it('never links another stage to a unit that does not have that stage among its own guides', () => {
    const broken: string[] = [];
    for (const unitCode of [CITY, SHINAN, SHIBEI, JIAOZHOU, PINGDU, BADAGUAN_STREET, FUAN_STREET, TAIPINGJIAO, BEIGUAN_VILLAGE]) {
      for (const item of indexOf(unitCode).items) {
        const view = pageOf(unitCode, item.code);
        for (const stage of view.otherStages) {
          for (const link of stage.links) {
            const target = pageOf(link.unit.code, item.code);
            if (!ownKeys(target).includes(stage.key)) broken.push(`${unitCode}/${item.code}/${stage.key} → ${link.unit.code}`);
            if (link.url !== guidePage(link.unit.code, item.slug, stage.key)) broken.push(`${unitCode}/${item.code}/${stage.key}: ${link.url}`);
          }
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('lists every stage of the item exactly once, as its own guide or as another stage', () => {
    for (const [unitCode, itemCode] of [
      [CITY, RETIREMENT],
      [JIAOZHOU, RETIREMENT],
      [BADAGUAN_STREET, HOUSING],
      [TAIPINGJIAO, MEDICAL],
    ]) {
      const view = pageOf(unitCode, itemCode);
      const keys = [...ownKeys(view), ...view.otherStages.map((s) => s.key)].sort();
      expect({ unitCode, keys }).toEqual({
        unitCode,
        keys: itemOf(nav, itemCode)
          .stages.map((s) => s.key)
          .sort(),
      });
    }
  });
});

describe('guideView: one guide as a page shows it', () => {
  const retirement = itemOf(nav, RETIREMENT);
  const guideOf = (unit: string, stage: string) => nav.catalog.guides.find((g) => g.item === RETIREMENT && g.unit === unit && g.stage === stage) as CatalogGuide;

  it('is missing, naming no field, when there is no guide', () => {
    expect(guideView(undefined, retirement, ctx)).toEqual({ status: 'missing', missingFields: [], missingFieldNames: [] });
  });

  it('is published with every text in the locale', () => {
    const en = guideView(guideOf(JIAOZHOU, 'district-review'), retirement, contextOf(nav, { locale: 'en' }));
    expect(en.status).toBe('published');
    expect(en.materials?.map((m) => m.name)[0]).toBe('Employee retirement approval form');
    expect(en.materials?.[3].when).not.toMatch(/[\u3400-\u9fff]/);
  });

  it('says null for a text that is not there, and for missing time limits and materials', () => {
    const view = guideView(guideOf(SHIBEI, 'district-approval'), retirement, ctx);
    expect(view).toMatchObject({ conditions: null, materials: null, timeLimit: null, fee: null, hours: null, onlineUrl: null, address: '市北区社会保险事业中心服务大厅' });
  });

  it('keeps an empty list of materials (none needed) apart from no list at all', () => {
    const guide = clone(guideOf(JIAOZHOU, 'district-review'));
    guide.materials = [];
    const view = guideView(guide, retirement, ctx);
    expect(view.materials).toEqual([]);
    expect(view.status).toBe('published');
  });

  it('takes a material as required when it does not say, and counts it as not given when absent', () => {
    const guide = clone(guideOf(JIAOZHOU, 'district-review'));
    guide.materials = [{ name: { 'zh-Hans': '申请书', en: 'Application' } }, { name: { 'zh-Hans': '证明', en: 'Proof' }, required: false }];
    expect(guideView(guide, retirement, ctx).materials).toEqual([
      { name: '申请书', original: null, copies: null, required: true, blankForm: null, blankFormUrl: null, when: null },
      { name: '证明', original: null, copies: null, required: false, blankForm: null, blankFormUrl: null, when: null },
    ]);
  });

  it("carries guide texts as written: escaping is the template engine's job", () => {
    const guide = clone(guideOf(JIAOZHOU, 'district-review'));
    guide.conditions = { 'zh-Hans': '</script><b>', en: '</script><b>' };
    expect(guideView(guide, retirement, ctx).conditions).toBe('</script><b>');
  });

  it('offers no online link that is not http(s): a javascript: URL would run script in the site when clicked', () => {
    const guide = clone(guideOf(JIAOZHOU, 'district-review'));
    guide.onlineUrl = 'javascript:alert(document.cookie)';
    expect(guideView(guide, retirement, ctx).onlineUrl).toBeNull();
    guide.onlineUrl = 'https://jiaozhou.qingdao.example/online/retirement';
    expect(guideView(guide, retirement, ctx).onlineUrl).toBe('https://jiaozhou.qingdao.example/online/retirement');
  });
});
