// The public navigator API over the seeded demo: routes for every combination of the retirement
// item's core answers, the other items down to the community, errors naming the question, the
// catalog endpoints and flow charts (the OpenAPI document: openapi-conformance.test.ts).
import { contentManager } from '../support/content-manager';
import { documentIdOf } from '../support/demo';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

let t: TestStrapi;
beforeAll(async () => {
  t = await startDemoStrapi();
});
afterAll(async () => {
  await t?.stop();
});

const RETIREMENT = 'enterprise-employee-retirement-certification';
const api = (path: string) => t.http.get(`/api/linkage${path}`);

interface RouteStage {
  key: string;
  handler: { unit: { code: string }; department: { code: string } } | null;
  guide: { status: string; missingFields: string[]; url: string; materials?: Array<{ name: string; applies: boolean | string }> } | null;
}

const route = async (slug: string, answers: Record<string, string>, locale?: string) => {
  const query = Object.entries(answers).map(([k, v]) => `answers[${k}]=${encodeURIComponent(v)}`);
  if (locale) query.push(`locale=${locale}`);
  const res = await api(`/items/${slug}/route?${query.join('&')}`);
  return res;
};

// The ten districts and county-level cities of the demo (即墨 is a district since 2017).
const DISTRICTS = ['370202000000', '370203000000', '370211000000', '370212000000', '370213000000', '370214000000', '370215000000'];
const COUNTY_CITIES = ['370281000000', '370283000000', '370285000000'];
const SI = (unit: string) => `${unit.slice(0, 6)}-SI`;

/** The stages the demo (after the 2013 article) says apply, with their handling department. */
function expected(type: string, enterprise: string, location: string): Array<[string, string, string]> {
  const city = '370200000000';
  const countyCity = COUNTY_CITIES.includes(location);
  const stages: Array<[string, string, string]> = [];
  if (type === 'illness') stages.push(['work-ability-appraisal', city, 'QD-LAC']);
  if (enterprise === 'domestic' && type === 'normal' && !countyCity) return [['district-approval', location, SI(location)]];
  if (enterprise === 'domestic' && ((type === 'normal' && countyCity) || type === 'special_job' || type === 'bankrupt')) {
    stages.push(['district-review', location, SI(location)]);
  }
  stages.push(['city-approval', city, 'QD-SI']);
  return stages;
}

const combinations = ['normal', 'special_job', 'illness', 'bankrupt'].flatMap((type) =>
  ['domestic', 'foreign'].flatMap((enterprise) => [...DISTRICTS, ...COUNTY_CITIES].map((location) => [type, enterprise, location] as const))
);

describe('the retirement item routes every combination as the demo says', () => {
  test.each(combinations)('%s retirement, %s enterprise in %s', async (type, enterprise, location) => {
    const res = await route(RETIREMENT, { retirement_type: type, enterprise_type: enterprise, enterprise_location: location });
    expect(res.status).toBe(200);
    const stages = res.body.data.stages as RouteStage[];
    expect(stages.map((s) => [s.key, s.handler?.unit.code, s.handler?.department.code])).toEqual(expected(type, enterprise, location));
    expect(res.body.data.complete).toBe(true);
    expect(res.body.data.neededQuestions).toEqual([]);
  });
});

test('normal retirement, domestic enterprise in 胶州市: review by 胶州市社会保险事业中心, then approval by 青岛市社会保险事业中心', async () => {
  const res = await route(RETIREMENT, { retirement_type: 'normal', enterprise_type: 'domestic', enterprise_location: '370281000000' });
  const data = res.body.data;
  expect(data.stages.map((s: RouteStage & { handler: { department: { name: string } } }) => s.handler.department.name)).toEqual([
    '胶州市社会保险事业中心',
    '青岛市社会保险事业中心',
  ]);
  expect(data.firstStep).toMatchObject({ stageKey: 'district-review', department: { code: '370281-SI' }, url: `/sites/370281000000/items/${RETIREMENT}#stage-district-review` });
  expect(data.upperLinks).toEqual([expect.objectContaining({ stageKey: 'city-approval', level: 'city', department: expect.objectContaining({ code: 'QD-SI' }) })]);
});

test('a street-level or community-level location resolves to its district', async () => {
  for (const location of ['370281001000', '370281001002']) {
    const res = await route(RETIREMENT, { retirement_type: 'normal', enterprise_type: 'domestic', enterprise_location: location });
    expect(res.body.data.stages.map((s: RouteStage) => [s.key, s.handler?.unit.code])).toEqual([
      ['district-review', '370281000000'],
      ['city-approval', '370200000000'],
    ]);
  }
});

test("the demo's incomplete and missing guides are reported as such", async () => {
  const status = async (answers: Record<string, string>, slug = RETIREMENT) =>
    ((await route(slug, answers)).body.data.stages as RouteStage[]).map((s) => [s.key, s.handler?.unit.code, s.guide?.status, s.guide?.missingFields]);
  expect(await status({ retirement_type: 'normal', enterprise_type: 'domestic', enterprise_location: '370203000000' })).toEqual([
    ['district-approval', '370203000000', 'incomplete', ['conditions', 'materials', 'timeLimit', 'fee', 'hours']],
  ]);
  expect((await status({ retirement_type: 'normal', enterprise_type: 'domestic', enterprise_location: '370283000000' }))[0]).toEqual([
    'district-review',
    '370283000000',
    'incomplete',
    ['conditions', 'materials', 'timeLimit', 'fee', 'hours'],
  ]);
  expect((await status({ retirement_type: 'normal', enterprise_type: 'domestic', enterprise_location: '370285000000' }))[0]).toEqual([
    'district-review',
    '370285000000',
    'missing',
    [],
  ]);
  expect(await status({ household_location: '370281001002' }, 'minimum-living-allowance')).toEqual([
    ['community-acceptance', '370281001002', 'incomplete', ['conditions', 'materials', 'timeLimit', 'fee', 'hours']],
    ['street-review', '370281001000', 'published', []],
    ['district-approval', '370281000000', 'published', []],
    ['city-filing', '370200000000', 'published', []],
  ]);
});

test('public rental housing: registered households go through community and street, others apply at the district', async () => {
  const keys = async (applicant: string) =>
    ((await route('public-rental-housing', { applicant_type: applicant, residence: '370202001001' })).body.data.stages as RouteStage[]).map((s) => [s.key, s.handler?.unit.code]);
  expect(await keys('registered_household')).toEqual([
    ['community-acceptance', '370202001001'],
    ['street-review', '370202001000'],
    ['district-review', '370202000000'],
    ['city-approval', '370200000000'],
  ]);
  expect(await keys('migrant_worker')).toEqual([
    ['district-review', '370202000000'],
    ['city-approval', '370200000000'],
  ]);
});

test('materials follow the auxiliary answers; unanswered, they are marked maybe', async () => {
  const materials = async (extra: Record<string, string>) => {
    const res = await route(RETIREMENT, { retirement_type: 'normal', enterprise_type: 'domestic', enterprise_location: '370202000000', ...extra });
    return (res.body.data.stages[0] as RouteStage).guide?.materials?.map((m) => [m.name, m.applies]);
  };
  expect(await materials({ has_military_service: 'true' })).toContainEqual(['退伍证或军官转业证', true]);
  expect((await materials({ has_military_service: 'false' }))?.map(([name]) => name)).not.toContain('退伍证或军官转业证');
  expect(await materials({})).toContainEqual(['退伍证或军官转业证', 'maybe']);
});

test('partial answers list the core questions still needed and only the stages already decided', async () => {
  const res = await route(RETIREMENT, { enterprise_type: 'foreign' });
  expect(res.status).toBe(200);
  expect(res.body.data.complete).toBe(false);
  expect(res.body.data.neededQuestions.map((q: { key: string }) => q.key)).toEqual(['retirement_type']);
  expect(res.body.data.stages.map((s: RouteStage) => s.key)).toEqual(['city-approval']);
  expect(res.body.data.undecidedStages.map((s: { key: string }) => s.key)).toEqual(['work-ability-appraisal']);
  const none = await route(RETIREMENT, {});
  expect(none.body.data.neededQuestions.map((q: { key: string }) => q.key)).toEqual(['retirement_type', 'enterprise_type', 'enterprise_location']);
});

test('the route speaks English with locale=en', async () => {
  const res = await route(RETIREMENT, { retirement_type: 'normal', enterprise_type: 'foreign' }, 'en');
  expect(res.body.data.stages[0]).toMatchObject({ name: 'Approval by the city labour insurance agency', handler: { department: { name: 'Qingdao Social Insurance Center' } } });
});

describe('bad requests: 404 for an unknown item, 400 naming the question and the reason', () => {
  const cases: Array<[string, Record<string, string>, string, RegExp]> = [
    ['an unknown question', { retirement_age: '60' }, 'answers.retirement_age', /is not a question of item QD-SI-001/],
    ['an option the question lacks', { retirement_type: 'early' }, 'answers.retirement_type', /"early" is not an option of "retirement_type"/],
    ['a boolean that is not true or false', { has_military_service: 'yes' }, 'answers.has_military_service', /answered true or false, got "yes"/],
    ['a malformed unit code', { enterprise_location: '3702810' }, 'answers.enterprise_location', /12-digit unit code/],
    ['a unit that does not exist', { enterprise_location: '370299000000' }, 'answers.enterprise_location', /no unit has the code 370299000000/],
    ["a unit outside the item's city", { enterprise_location: '370102000000' }, 'answers.enterprise_location', /no unit has the code|outside/],
    [
      'a unit above the answer level',
      { enterprise_location: '370200000000' },
      'answers.enterprise_location',
      /city-level unit; "enterprise_location" is answered with a district-level unit or one below it/,
    ],
  ];
  test.each(cases)('%s', async (_name, answers, path, reason) => {
    const res = await route(RETIREMENT, answers);
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: path.split('.'), message: expect.stringMatching(reason) })]));
  });

  test('an unknown item is a 404', async () => {
    const res = await route('no-such-item', {});
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/no-such-item/);
  });

  test('an unknown locale or flow chart format is a 400 naming the parameter', async () => {
    const locale = await api('/units?locale=fr');
    expect(locale.status).toBe(400);
    expect(locale.body.error.details.errors[0].path).toEqual(['locale']);
    const format = await api(`/items/${RETIREMENT}/flowchart?format=png`);
    expect(format.status).toBe(400);
    expect(format.body.error.details.errors[0]).toMatchObject({ path: ['format'], message: expect.stringMatching(/svg, mermaid, json/) });
  });
});

describe('catalog endpoints', () => {
  test('GET /units is the tree of the 26 units under 青岛市', async () => {
    const res = await api('/units');
    expect(res.status).toBe(200);
    const [city] = res.body.data;
    expect(res.body.data).toHaveLength(1);
    expect(city).toMatchObject({ code: '370200000000', name: '青岛市', level: 'city' });
    const count = (node: { children: unknown[] }): number => 1 + (node.children as Array<{ children: unknown[] }>).reduce((n, c) => n + count(c), 0);
    expect(count(city)).toBe(26);
    expect(city.children).toHaveLength(10);
    const shinan = city.children.find((c: { code: string }) => c.code === '370202000000');
    expect(shinan.children.map((c: { name: string }) => c.name)).toEqual(['八大关街道', '香港中路街道']);
  });

  test('GET /items filters by domain, unit and level, and searches titles in both locales', async () => {
    const codes = async (query: string) => ((await api(`/items?${query}`)).body.data as Array<{ code: string }>).map((i) => i.code);
    expect(await codes('')).toEqual(['QD-CA-001', 'QD-HOUSING-001', 'QD-MI-001', 'QD-SI-001']);
    expect(await codes('domain=housing')).toEqual(['QD-HOUSING-001']);
    expect(await codes('level=street')).toEqual(['QD-CA-001', 'QD-HOUSING-001']);
    expect(await codes('unit=370202001001')).toEqual(['QD-CA-001', 'QD-HOUSING-001', 'QD-MI-001']);
    expect(await codes('unit=370281000000')).toEqual(['QD-CA-001', 'QD-HOUSING-001', 'QD-MI-001', 'QD-SI-001']);
    expect(await codes(`q=${encodeURIComponent('退休')}`)).toEqual(['QD-SI-001']);
    expect(await codes('q=RENTAL')).toEqual(['QD-HOUSING-001']);
    const bad = await api('/items?level=province');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['level']);
  });

  test('GET /items/:slug gives basic info, policies, questions, stages with readable conditions, and flow chart links', async () => {
    const res = await api(`/items/${RETIREMENT}?locale=en`);
    expect(res.status).toBe(200);
    const item = res.body.data;
    expect(item).toMatchObject({ code: 'QD-SI-001', title: 'Retirement certification for enterprise employees', domain: 'social-security' });
    expect(item.policies[0].title).toBe('Interim Measures of the State Council on the Retirement of Workers');
    expect(item.questions.map((q: { key: string }) => q.key)).toEqual(['retirement_type', 'enterprise_type', 'enterprise_location', 'has_military_service']);
    expect(item.stages.map((s: { key: string }) => s.key)).toEqual(['work-ability-appraisal', 'district-approval', 'district-review', 'city-approval']);
    expect(item.stages[0].condition).toBe('Type of retirement is "Retirement on illness"');
    expect(item.links.flowchart.svg).toBe(`/api/linkage/items/${RETIREMENT}/flowchart?format=svg&locale=en`);
  });

  test('the flow chart comes as SVG (drawn on the server, no script), Mermaid and JSON', async () => {
    const svg = await api(`/items/${RETIREMENT}/flowchart?format=svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const text = svg.body.toString();
    expect(text).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text).toContain('<title id="flow-title">企业职工退休认证 · 办理流程图</title>');
    expect(text).toContain('劳动能力鉴定');
    expect(text).toContain('退休类型为「因病退休」');
    expect(text).not.toMatch(/<script/i);
    const mermaid = await api(`/items/${RETIREMENT}/flowchart?format=mermaid&locale=en`);
    expect(mermaid.text).toMatch(/^flowchart TD\n/);
    expect(mermaid.text).toContain('n_start -->|"Type of retirement is #quot;Retirement on illness#quot;"| n_stage_work_ability_appraisal');
    const json = await api(`/items/${RETIREMENT}/flowchart?format=json`);
    expect(json.body.data.nodes.map((n: { id: string }) => n.id)).toEqual([
      'start',
      'stage:work-ability-appraisal',
      'stage:district-approval',
      'stage:district-review',
      'stage:city-approval',
      'end',
    ]);
  });
});

describe('published content only, and every change shows at once', () => {
  test('a guide edited and published by its unit appears on the next route request', async () => {
    const answers = { retirement_type: 'normal', enterprise_type: 'domestic', enterprise_location: '370281000000' };
    const before = await route(RETIREMENT, answers);
    expect(before.body.data.stages[0].guide.fee).toBe('不收费');
    const cm = contentManager(t);
    const documentId = await documentIdOf(t.strapi, 'plugin::linkage.guide', { itemCode: 'QD-SI-001', stageKey: 'district-review', unitCode: '370281000000' });
    expect((await cm.update('plugin::linkage.guide', documentId, { fee: '按标准收取工本费' })).status).toBe(200);
    expect((await route(RETIREMENT, answers)).body.data.stages[0].guide.fee).toBe('不收费');
    expect((await cm.publish('plugin::linkage.guide', documentId)).status).toBe(200);
    expect((await route(RETIREMENT, answers)).body.data.stages[0].guide.fee).toBe('按标准收取工本费');
  });

  test('an item unpublished in every locale is gone from the public API', async () => {
    const documentId = await documentIdOf(t.strapi, 'plugin::linkage.item', { code: 'QD-MI-001' });
    for (const locale of ['zh-Hans', 'en']) {
      const res = await t.http
        .post(`/content-manager/collection-types/plugin::linkage.item/${documentId}/actions/unpublish?locale=${locale}`)
        .set('Authorization', `Bearer ${await t.adminToken()}`)
        .send({});
      expect(res.status).toBe(200);
    }
    expect((await api('/items/resident-medical-insurance-enrolment/route')).status).toBe(404);
    expect(((await api('/items')).body.data as Array<{ code: string }>).map((i) => i.code)).not.toContain('QD-MI-001');
  });
});
