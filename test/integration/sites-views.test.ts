// What each level's site shows, as JSON view models (GET /api/linkage/sites/:unitCode and
// /sites/:unitCode/items/:slug) over the seeded demo: the city (青岛市), a district (市南区), a
// county-level city (胶州市), a street (八大关街道) and a community with no site of its own
// (太平角社区). Shared sync (共享同步): each unit shows its own guides in full and links to the other
// stages' guides on their owners' sites; nothing is copied. Read-only: no test here writes.
import { publishedGuideRows, type GuideFilter } from '../../src/plugins/linkage/server/src/services/published';
import { guideKey } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { guideFromRows, type GuideRow } from '../../src/plugins/linkage/server/src/domain/catalog-records';
import { getService } from '../../src/plugins/linkage/server/src/get-service';
import { byDocument, type Stored } from '../../src/plugins/linkage/server/src/services/store';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

let t: TestStrapi;
beforeAll(async () => {
  t = await startDemoStrapi();
});
afterAll(async () => {
  await t?.stop();
});

const RETIREMENT = 'enterprise-employee-retirement-certification';
const ALLOWANCE = 'minimum-living-allowance';
const HOUSING = 'public-rental-housing';
const MEDICAL = 'resident-medical-insurance-enrolment';
const SLUGS = [ALLOWANCE, HOUSING, MEDICAL, RETIREMENT];
const ALL_ITEMS = ['QD-CA-001', 'QD-HOUSING-001', 'QD-MI-001', 'QD-SI-001'];

const CITY = '370200000000';
const SHINAN = '370202000000';
const SHIBEI = '370203000000';
const JIAOZHOU = '370281000000';
const PINGDU = '370283000000';
const LAIXI = '370285000000';
const BADAGUAN = '370202001000';
const TAIPINGJIAO = '370202001001';
const HUIQUAN = '370202001002';
const BEIGUAN = '370281001002';

interface Link {
  unit: { code: string; name: string };
  url: string;
}
interface Guide {
  status: string;
  missingFields: string[];
  missingFieldNames: string[];
  conditions?: string | null;
  materials?: Array<{ name: string; original: number | null; copies: number | null; blankForm: string | null; when: string | null }> | null;
  timeLimit?: { statutoryDays?: number; promisedDays?: number } | null;
  fee?: string | null;
  onlineUrl?: string | null;
  address?: string | null;
  hours?: string | null;
  phone?: string | null;
}
interface OwnGuide {
  stage: { key: string; name: string; level: string };
  anchor: string;
  department: { code: string; name: string } | null;
  guide: Guide;
}
interface OtherStage {
  key: string;
  level: string;
  name: string;
  handledBy: string;
  links: Link[];
}
interface Site {
  unit: { code: string; name: string; level: string; kind: string; siteUrl: string | null };
  host: { code: string; name: string; siteUrl: string | null } | null;
  url: string;
  ancestors: Array<{ code: string; name: string; url: string }>;
  children: Array<{ code: string; name: string; url: string }>;
}
interface IndexView {
  site: Site;
  isCity: boolean;
  items: Array<{ code: string; slug: string; title: string; url: string; cityUrl: string; stages: Array<{ key: string; name: string; status: string }> }>;
}
interface ItemView {
  site: Site;
  isCity: boolean;
  item: {
    code: string;
    slug: string;
    title: string;
    url: string;
    cityUrl: string;
    managingDepartment: string;
    policies: Array<{ title: string; url: string | null }>;
    flowchartUrl: string;
  };
  navigator: { action: string; questions: Array<{ key: string; type: string; options?: Array<{ value: string; label: string }> }> };
  ownGuides: OwnGuide[];
  otherStages: OtherStage[];
  upperLinks: Array<Link & { stage: string }>;
}

const get = (path: string) => t.http.get(`/api/linkage${path}`);

async function index(unitCode: string, locale?: string): Promise<IndexView> {
  const res = await get(`/sites/${unitCode}${locale ? `?locale=${locale}` : ''}`);
  expect({ unitCode, status: res.status }).toEqual({ unitCode, status: 200 });
  return res.body.data as IndexView;
}

async function itemOf(unitCode: string, slug: string, locale?: string): Promise<ItemView> {
  const res = await get(`/sites/${unitCode}/items/${slug}${locale ? `?locale=${locale}` : ''}`);
  expect({ unitCode, slug, status: res.status }).toEqual({ unitCode, slug, status: 200 });
  return res.body.data as ItemView;
}

const stagesByItem = (view: IndexView) => Object.fromEntries(view.items.map((i) => [i.code, i.stages.map((s) => [s.key, s.status])]));
const ownKeys = (view: ItemView) => view.ownGuides.map((g) => g.stage.key);
const linksOf = (view: ItemView, stageKey: string) => (view.otherStages.find((s) => s.key === stageKey)?.links ?? []).map((l) => l.url).sort();
const guidePage = (unitCode: string, slug: string, stageKey: string) => `/sites/${unitCode}/items/${slug}#stage-${stageKey}`;

describe('the city 青岛市 (370200000000): everything', () => {
  test('its index lists all four linked items, each with the stages the city handles and their guide status', async () => {
    const view = await index(CITY);
    expect(view.isCity).toBe(true);
    expect(view.site.unit).toMatchObject({ code: CITY, name: '青岛市', level: 'city', siteUrl: 'https://www.qingdao.example' });
    expect(view.site.host?.code).toBe(CITY);
    expect(view.site.ancestors).toEqual([]);
    expect(view.site.children.map((c) => c.code)).toEqual([
      SHINAN,
      SHIBEI,
      '370211000000',
      '370212000000',
      '370213000000',
      '370214000000',
      '370215000000',
      JIAOZHOU,
      PINGDU,
      LAIXI,
    ]);
    expect(view.items.map((i) => i.code)).toEqual(ALL_ITEMS);
    expect(view.items.map((i) => i.url)).toEqual(SLUGS.map((slug) => `/sites/${CITY}/items/${slug}`));
    expect(stagesByItem(view)).toEqual({
      'QD-CA-001': [['city-filing', 'published']],
      'QD-HOUSING-001': [['city-approval', 'published']],
      'QD-MI-001': [],
      'QD-SI-001': [
        ['work-ability-appraisal', 'published'],
        ['city-approval', 'published'],
      ],
    });
  });

  test("the retirement item shows the basic info, the navigator, the city's own guides in full (work-ability-appraisal, city-approval) and the district stages", async () => {
    const view = await itemOf(CITY, RETIREMENT);
    expect(view.isCity).toBe(true);
    expect(view.item).toMatchObject({
      code: 'QD-SI-001',
      title: '企业职工退休认证',
      url: `/sites/${CITY}/items/${RETIREMENT}`,
      cityUrl: `/sites/${CITY}/items/${RETIREMENT}`,
      managingDepartment: '青岛市政务服务管理办公室',
      policies: [{ title: '国务院关于工人退休、退职的暂行办法', url: 'https://www.gov.example/policy/retirement-interim-measures' }],
    });
    expect(view.navigator.action).toBe(`/sites/${CITY}/items/${RETIREMENT}/route`);
    expect(view.navigator.questions.map((q) => q.key)).toEqual(['retirement_type', 'enterprise_type', 'enterprise_location', 'has_military_service']);
    expect(view.navigator.questions[2].options?.map((o) => o.value)).toEqual([
      SHINAN,
      SHIBEI,
      '370211000000',
      '370212000000',
      '370213000000',
      '370214000000',
      '370215000000',
      JIAOZHOU,
      PINGDU,
      LAIXI,
    ]);

    expect(ownKeys(view)).toEqual(['work-ability-appraisal', 'city-approval']);
    const [appraisal, approval] = view.ownGuides;
    expect(appraisal).toMatchObject({
      anchor: 'stage-work-ability-appraisal',
      department: { code: 'QD-LAC', name: '青岛市劳动能力鉴定委员会办公室' },
      guide: {
        status: 'published',
        missingFields: [],
        conditions: '因病或非因工致残,经劳动能力鉴定委员会鉴定完全丧失劳动能力。',
        timeLimit: { statutoryDays: 60, promisedDays: 45 },
        fee: '不收费',
        address: '青岛市劳动能力鉴定中心',
        hours: '工作日 9:00-17:00',
        phone: '0532-12333',
      },
    });
    expect(appraisal.guide.materials?.map((m) => m.name)).toEqual(['居民身份证', '病历及诊断证明']);
    expect(approval).toMatchObject({
      anchor: 'stage-city-approval',
      department: { code: 'QD-SI', name: '青岛市社会保险事业中心' },
      guide: {
        status: 'published',
        conditions: '男年满60周岁,女干部年满55周岁、女工人年满50周岁,累计缴费年限满15年。',
        onlineUrl: 'https://www.qingdao.example/online/retirement',
      },
    });
    expect(approval.guide.materials?.map((m) => [m.name, m.blankForm, m.when])).toEqual([
      ['职工退休审批表', 'retirement-approval-form.pdf', null],
      ['居民身份证', null, null],
      ['职工人事档案', null, null],
      ['退伍证或军官转业证', null, '是否有军龄(视同缴费年限)为「是」'],
    ]);

    expect(view.otherStages.map((s) => [s.key, s.level])).toEqual([
      ['district-approval', 'district'],
      ['district-review', 'district'],
    ]);
    expect(view.otherStages[0].handledBy).toMatch(/原企业所在区\(市\)/);
    expect(view.upperLinks).toEqual([]);
  });

  test('the city item view speaks English with locale=en', async () => {
    const view = await itemOf(CITY, RETIREMENT, 'en');
    expect(view.item.title).toBe('Retirement certification for enterprise employees');
    expect(view.site.unit.name).toBe('Qingdao');
    expect(view.ownGuides[1].department?.name).toBe('Qingdao Social Insurance Center');
    expect(view.ownGuides[1].guide.conditions).toMatch(/^Men aged 60/);
  });
});

describe('a district 市南区 (370202000000)', () => {
  test('its index lists the four items with the district stages it handles', async () => {
    const view = await index(SHINAN);
    expect(view.isCity).toBe(false);
    expect(view.site.ancestors.map((a) => a.code)).toEqual([CITY]);
    expect(view.site.children.map((c) => c.code)).toEqual([BADAGUAN, '370202002000']);
    expect(view.items.map((i) => [i.code, i.url, i.cityUrl])).toEqual(SLUGS.map((slug, n) => [ALL_ITEMS[n], `/sites/${SHINAN}/items/${slug}`, `/sites/${CITY}/items/${slug}`]));
    expect(stagesByItem(view)).toEqual({
      'QD-CA-001': [['district-approval', 'published']],
      'QD-HOUSING-001': [['district-review', 'published']],
      'QD-MI-001': [['district-confirmation', 'published']],
      'QD-SI-001': [
        ['district-approval', 'published'],
        ['district-review', 'published'],
      ],
    });
  });

  test("its retirement page shows its own district-approval and district-review guides and links up to the city's stages", async () => {
    const view = await itemOf(SHINAN, RETIREMENT);
    expect(view.item.cityUrl).toBe(`/sites/${CITY}/items/${RETIREMENT}`);
    expect(view.item.title).toBe('企业职工退休认证');
    expect(ownKeys(view)).toEqual(['district-approval', 'district-review']);
    expect(view.ownGuides.map((g) => [g.department?.code, g.guide.status])).toEqual([
      ['370202-SI', 'published'],
      ['370202-SI', 'published'],
    ]);
    expect(view.ownGuides[0].guide).toMatchObject({ fee: '不收费', onlineUrl: 'https://shinan.qingdao.example/online/retirement', address: '市南区社会保险事业中心服务大厅' });
    expect(view.otherStages.map((s) => s.key)).toEqual(['work-ability-appraisal', 'city-approval']);
    expect(linksOf(view, 'work-ability-appraisal')).toEqual([guidePage(CITY, RETIREMENT, 'work-ability-appraisal')]);
    expect(linksOf(view, 'city-approval')).toEqual([guidePage(CITY, RETIREMENT, 'city-approval')]);
    expect(view.upperLinks.map((l) => [l.unit.code, l.url])).toEqual([
      [CITY, guidePage(CITY, RETIREMENT, 'work-ability-appraisal')],
      [CITY, guidePage(CITY, RETIREMENT, 'city-approval')],
    ]);
  });
});

describe('a county-level city 胶州市 (370281000000)', () => {
  test('its index lists the four items; in retirement it handles district-review only', async () => {
    const view = await index(JIAOZHOU);
    expect(view.site.unit).toMatchObject({ code: JIAOZHOU, name: '胶州市', level: 'district', kind: 'county_city' });
    expect(view.items.map((i) => i.code)).toEqual(ALL_ITEMS);
    expect(stagesByItem(view)).toEqual({
      'QD-CA-001': [['district-approval', 'published']],
      'QD-HOUSING-001': [['district-review', 'published']],
      'QD-MI-001': [['district-confirmation', 'published']],
      'QD-SI-001': [['district-review', 'published']],
    });
  });

  test("its retirement page owns district-review (never district-approval, which applies to districts only) and links to the city's guides", async () => {
    const view = await itemOf(JIAOZHOU, RETIREMENT);
    expect(ownKeys(view)).toEqual(['district-review']);
    expect(view.ownGuides[0]).toMatchObject({
      anchor: 'stage-district-review',
      department: { code: '370281-SI', name: '胶州市社会保险事业中心' },
      guide: {
        status: 'published',
        conditions: '男年满60周岁,女干部年满55周岁、女工人年满50周岁,累计缴费年限满15年。',
        fee: '不收费',
        phone: expect.any(String),
        address: expect.any(String),
        hours: expect.any(String),
      },
    });
    expect(view.ownGuides[0].guide.materials?.length).toBeGreaterThan(0);
    expect(view.otherStages.map((s) => s.key)).toEqual(['work-ability-appraisal', 'district-approval', 'city-approval']);
    expect(linksOf(view, 'work-ability-appraisal')).toEqual([guidePage(CITY, RETIREMENT, 'work-ability-appraisal')]);
    expect(linksOf(view, 'city-approval')).toEqual([guidePage(CITY, RETIREMENT, 'city-approval')]);
    expect(view.upperLinks.map((l) => l.url)).toEqual([guidePage(CITY, RETIREMENT, 'work-ability-appraisal'), guidePage(CITY, RETIREMENT, 'city-approval')]);
    expect(view.item.cityUrl).toBe(`/sites/${CITY}/items/${RETIREMENT}`);
  });

  test("its retirement page never links district-approval to 胶州市's own page: 胶州市 has no such guide", async () => {
    const view = await itemOf(JIAOZHOU, RETIREMENT);
    expect(linksOf(view, 'district-approval')).not.toContain(guidePage(JIAOZHOU, RETIREMENT, 'district-approval'));
  });
});

describe('a street 八大关街道 (370202001000)', () => {
  test('its index lists only the items in which it handles a stage: the allowance and public rental housing', async () => {
    const view = await index(BADAGUAN);
    expect(view.site.ancestors.map((a) => a.code)).toEqual([CITY, SHINAN]);
    expect(view.site.children.map((c) => c.code)).toEqual([TAIPINGJIAO, HUIQUAN]);
    expect(stagesByItem(view)).toEqual({
      'QD-CA-001': [['street-review', 'published']],
      'QD-HOUSING-001': [['street-review', 'published']],
    });
  });

  test('its allowance page shows its own street-review guide in full, links up to 市南区 and the city, and down to its communities', async () => {
    const view = await itemOf(BADAGUAN, ALLOWANCE);
    expect(ownKeys(view)).toEqual(['street-review']);
    expect(view.ownGuides[0]).toMatchObject({
      department: { code: '370202001-OFFICE', name: '八大关街道办事处社会事务科' },
      guide: {
        status: 'published',
        conditions: '社区(村)已受理且材料齐全。',
        timeLimit: { promisedDays: 10 },
        fee: '不收费',
        address: '八大关街道便民服务中心',
        phone: '0532-81000000',
      },
    });
    expect(view.ownGuides[0].guide.materials?.map((m) => m.name)).toEqual(['社区(村)受理意见']);
    expect(linksOf(view, 'community-acceptance')).toEqual(
      [guidePage(TAIPINGJIAO, ALLOWANCE, 'community-acceptance'), guidePage(HUIQUAN, ALLOWANCE, 'community-acceptance')].sort()
    );
    expect(linksOf(view, 'district-approval')).toEqual([guidePage(SHINAN, ALLOWANCE, 'district-approval')]);
    expect(linksOf(view, 'city-filing')).toEqual([guidePage(CITY, ALLOWANCE, 'city-filing')]);
    expect(view.upperLinks.map((l) => [l.unit.code, l.url])).toEqual([
      [SHINAN, guidePage(SHINAN, ALLOWANCE, 'district-approval')],
      [CITY, guidePage(CITY, ALLOWANCE, 'city-filing')],
    ]);
  });

  test('its housing page shows its street-review guide and links to the community, district and city stages', async () => {
    const view = await itemOf(BADAGUAN, HOUSING);
    expect(ownKeys(view)).toEqual(['street-review']);
    expect(view.ownGuides[0].guide.status).toBe('published');
    expect(view.otherStages.map((s) => s.key)).toEqual(['community-acceptance', 'district-review', 'city-approval']);
    expect(linksOf(view, 'district-review')).toEqual([guidePage(SHINAN, HOUSING, 'district-review')]);
  });

  test('the retirement item, in which it handles no stage, is a 404 that says so and points at the city page', async () => {
    const res = await get(`/sites/${BADAGUAN}/items/${RETIREMENT}`);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/八大关街道/);
    expect(res.body.error.message).toMatch(/handles no stage/);
    expect(res.body.error.message).toContain(`/sites/${CITY}/items/${RETIREMENT}`);
  });
});

describe('a community 太平角社区 (370202001001), which has no site of its own', () => {
  test("it is served from 八大关街道's site; its index lists the allowance, housing and medical insurance", async () => {
    const view = await index(TAIPINGJIAO);
    expect(view.site.unit).toMatchObject({ code: TAIPINGJIAO, level: 'community', siteUrl: null });
    expect(view.site.host).toMatchObject({ code: BADAGUAN, name: '八大关街道', siteUrl: 'https://badaguan.shinan.qingdao.example' });
    expect(view.site.ancestors.map((a) => a.code)).toEqual([CITY, SHINAN, BADAGUAN]);
    expect(view.site.children).toEqual([]);
    expect(stagesByItem(view)).toEqual({
      'QD-CA-001': [['community-acceptance', 'published']],
      'QD-HOUSING-001': [['community-acceptance', 'published']],
      'QD-MI-001': [['community-registration', 'published']],
    });
  });

  test('its housing page shows its own acceptance guide and links up to 八大关街道, 市南区 and the city', async () => {
    const view = await itemOf(TAIPINGJIAO, HOUSING);
    expect(view.site.host?.code).toBe(BADAGUAN);
    expect(ownKeys(view)).toEqual(['community-acceptance']);
    expect(view.ownGuides[0]).toMatchObject({
      department: { code: '370202001001-COMMITTEE' },
      guide: { status: 'published', conditions: '本市户籍,家庭人均住房面积低于规定标准。', phone: '0532-80000000' },
    });
    expect(view.ownGuides[0].guide.materials?.map((m) => m.name)).toEqual(['居民身份证', '户口簿', '住房情况证明']);
    expect(view.upperLinks.map((l) => [l.unit.code, l.url])).toEqual([
      [BADAGUAN, guidePage(BADAGUAN, HOUSING, 'street-review')],
      [SHINAN, guidePage(SHINAN, HOUSING, 'district-review')],
      [CITY, guidePage(CITY, HOUSING, 'city-approval')],
    ]);
  });

  test('its medical insurance page shows its registration guide and links to the district confirmation', async () => {
    const view = await itemOf(TAIPINGJIAO, MEDICAL);
    expect(ownKeys(view)).toEqual(['community-registration']);
    expect(view.ownGuides[0].guide.conditions).toBe('未参加职工基本医疗保险的城乡居民。');
    expect(linksOf(view, 'district-confirmation')).toEqual([guidePage(SHINAN, MEDICAL, 'district-confirmation')]);
  });

  test('the retirement item is a 404 for the community', async () => {
    const res = await get(`/sites/${TAIPINGJIAO}/items/${RETIREMENT}`);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/handles no stage/);
  });
});

describe("guide statuses as in the demo: incomplete and missing guides are shown as such on their owner's site", () => {
  test("市北区's retirement approval is incomplete, naming what it lacks; its review is published", async () => {
    expect(stagesByItem(await index(SHIBEI))['QD-SI-001']).toEqual([
      ['district-approval', 'incomplete'],
      ['district-review', 'published'],
    ]);
    const view = await itemOf(SHIBEI, RETIREMENT);
    const approval = view.ownGuides.find((g) => g.stage.key === 'district-approval') as OwnGuide;
    expect(approval.guide).toMatchObject({ status: 'incomplete', missingFields: ['conditions', 'materials', 'timeLimit', 'fee', 'hours'], conditions: null, fee: null });
    expect(approval.guide.missingFieldNames).toEqual(['办理条件', '申报材料', '办理时限', '收费标准', '办公时间']);
    expect(approval.guide.phone).toBeTruthy();
  });

  test("平度市's retirement review is incomplete and 莱西市's is missing (its department still named)", async () => {
    expect(stagesByItem(await index(PINGDU))['QD-SI-001']).toEqual([['district-review', 'incomplete']]);
    expect(stagesByItem(await index(LAIXI))['QD-SI-001']).toEqual([['district-review', 'missing']]);
    const laixi = await itemOf(LAIXI, RETIREMENT);
    expect(laixi.ownGuides).toEqual([
      expect.objectContaining({
        stage: expect.objectContaining({ key: 'district-review' }),
        department: expect.objectContaining({ code: '370285-SI' }),
        guide: { status: 'missing', missingFields: [], missingFieldNames: [] },
      }),
    ]);
  });

  test("北关村's allowance acceptance is incomplete on its own page and on its index", async () => {
    expect(stagesByItem(await index(BEIGUAN))['QD-CA-001']).toEqual([['community-acceptance', 'incomplete']]);
    const view = await itemOf(BEIGUAN, ALLOWANCE);
    expect(view.ownGuides[0].guide).toMatchObject({ status: 'incomplete', missingFields: ['conditions', 'materials', 'timeLimit', 'fee', 'hours'] });
  });
});

test('every link to another stage leads to a page that shows that stage as its own guide (no link to a page without the guide)', async () => {
  const broken: string[] = [];
  for (const unitCode of [CITY, SHINAN, JIAOZHOU, BADAGUAN, TAIPINGJIAO]) {
    for (const item of (await index(unitCode)).items) {
      const view = await itemOf(unitCode, item.slug);
      const urls = [...view.otherStages.flatMap((s) => s.links.map((l) => l.url)), ...view.upperLinks.map((l) => l.url)];
      for (const url of new Set(urls)) {
        const [path, anchor] = url.split('#');
        const res = await get(path);
        const owned = res.status === 200 && (res.body.data as ItemView).ownGuides.some((g) => g.anchor === anchor);
        if (!owned) broken.push(`${unitCode}/${item.slug} → ${url} (${res.status})`);
      }
    }
  }
  expect(broken).toEqual([]);
});

describe('refusals', () => {
  test('an unknown unit is a 404 for the index and for an item page', async () => {
    for (const path of ['/sites/370299000000', `/sites/370299000000/items/${RETIREMENT}`, '/sites/not-a-code']) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.body.error.message).toMatch(/no unit has the code/i);
    }
  });

  test('an unknown item is a 404 naming the slug', async () => {
    const res = await get(`/sites/${CITY}/items/no-such-item`);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('no-such-item');
  });

  test('an unknown locale is a 400 naming `locale`, for the index and for an item page', async () => {
    for (const path of [`/sites/${CITY}?locale=fr`, `/sites/${JIAOZHOU}/items/${RETIREMENT}?locale=zh-TW`]) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.error.details.errors).toEqual([expect.objectContaining({ path: ['locale'], message: expect.stringMatching(/zh-Hans, en/) })]);
    }
  });
});

describe('published guides read with precompiled statements (services/published.ts publishedGuideRows, attachComponents)', () => {
  test("hold, for every unit, item and stage filter, exactly what Strapi's query engine returns for the same published guides", async () => {
    const guideUid = 'plugin::linkage.guide';
    const all = (await t.strapi.db.query(guideUid).findMany({ where: { publishedAt: { $notNull: true } }, orderBy: { id: 'asc' } })) as Array<{
      id: number;
      unitCode: string;
      itemCode: string;
      stageKey: string;
    }>;
    expect(all.length).toBeGreaterThan(20);
    const byId = (rows: Array<{ id: number }>) => [...rows].sort((a, b) => a.id - b.id);
    const filters = [
      ...new Set(all.map((g) => JSON.stringify({ unitCode: g.unitCode }))),
      ...new Set(all.map((g) => JSON.stringify({ unitCode: g.unitCode, itemCode: g.itemCode }))),
      ...new Set(all.map((g) => JSON.stringify({ itemCode: g.itemCode, stageKey: g.stageKey }))),
      ...new Set(all.map((g) => JSON.stringify({ unitCode: g.unitCode, itemCode: g.itemCode, stageKey: g.stageKey }))),
    ].map((f) => JSON.parse(f) as GuideFilter);
    for (const filter of filters) {
      const expected = await t.strapi.db.query(guideUid).findMany({ where: { ...filter, publishedAt: { $notNull: true } } });
      expect({ filter, rows: byId(await publishedGuideRows(t.strapi, filter)) }).toEqual({ filter, rows: byId(expected as Array<{ id: number }>) });
    }
    // With their components, as guides: the same as from Strapi's populate.
    const published = getService(t.strapi, 'published');
    const locales = (await published.snapshot()).locales;
    for (const unitCode of new Set(all.map((g) => g.unitCode))) {
      const populated = (await t.strapi.db.query(guideUid).findMany({
        where: { unitCode, publishedAt: { $notNull: true } },
        populate: { materials: true, timeLimit: true },
      })) as unknown as Array<Stored<GuideRow>>;
      const expected = [...byDocument(populated, locales).values()].map((group) => guideFromRows(group, 'published')).sort((a, b) => guideKey(a).localeCompare(guideKey(b)));
      const read = [...(await published.unitGuides(unitCode, locales)).values()]
        .map(({ stamps: _stamps, ...guide }) => guide)
        .sort((a, b) => guideKey(a).localeCompare(guideKey(b)));
      expect({ unitCode, guides: read }).toEqual({ unitCode, guides: expected });
    }
    // A draft is never read, and a code no guide has reads nothing.
    expect(await publishedGuideRows(t.strapi, { unitCode: 'no-such-unit' })).toEqual([]);
    const drafts = await t.strapi.db.query(guideUid).count({ where: { publishedAt: null } });
    expect(drafts).toBeGreaterThan(0);
    expect((await publishedGuideRows(t.strapi, { unitCode: all[0].unitCode })).every((row) => row.publishedAt !== null)).toBe(true);
  });
});
