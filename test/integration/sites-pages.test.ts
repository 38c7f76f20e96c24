// The rendered sites (/sites/:unitCode, /sites/:unitCode/items/:slug and its /route, the stylesheet):
// HTML from the city's published templates, accessible (lang, one h1, no skipped heading level,
// every select labelled), in the locale asked for (?locale=, then Accept-Language), with schema.org
// GovernmentService JSON-LD emitted by the server, and a navigator that works as a plain GET form
// without JavaScript. Read-only: no test here writes.
import { attributes, elements, headings, htmlLang, tags, textOf } from '../support/html';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';
import { getService } from '../../src/plugins/linkage/server/src/get-service';

let t: TestStrapi;
beforeAll(async () => {
  t = await startDemoStrapi();
});
afterAll(async () => {
  await t?.stop();
});

const RETIREMENT = 'enterprise-employee-retirement-certification';
const ALLOWANCE = 'minimum-living-allowance';
const CITY = '370200000000';
const SHINAN = '370202000000';
const JIAOZHOU = '370281000000';
const PINGDU = '370283000000';
const LAIXI = '370285000000';
const BADAGUAN = '370202001000';
const TAIPINGJIAO = '370202001001';

// ---- a little HTML reading (test/support/html.ts) ----

function jsonLd(html: string): { count: number; data: unknown } {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  const ld = scripts.filter((m) => /type="application\/ld\+json"/.test(m[1]));
  return { count: ld.length, data: ld.length === 1 ? JSON.parse(ld[0][2]) : null };
}

/** What a browser sends when this form is submitted with these choices (unchosen selects keep their first option). */
function submit(html: string, choices: Record<string, string>): { action: string; method: string; query: string } {
  const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)];
  expect(forms).toHaveLength(1);
  const [, formAttrs, body] = forms[0];
  const form = attributes(formAttrs);
  const params = new URLSearchParams();
  for (const m of body.matchAll(/<input\b([^>]*)>|<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
    const a = attributes(m[1] ?? m[2]);
    if (!a.name) continue;
    if (m[1] !== undefined) {
      params.append(a.name, a.value ?? '');
      continue;
    }
    const options = [...m[3].matchAll(/<option\b([^>]*)>/gi)].map((o) => attributes(o[1]));
    const chosen = choices[a.name];
    if (chosen !== undefined) expect({ select: a.name, has: options.some((o) => o.value === chosen) }).toEqual({ select: a.name, has: true });
    params.append(a.name, chosen ?? options.find((o) => 'selected' in o)?.value ?? options[0]?.value ?? '');
  }
  return { action: form.action, method: (form.method ?? 'get').toLowerCase(), query: params.toString() };
}

const page = (path: string, headers: Record<string, string> = {}) => {
  const request = t.http.get(path);
  for (const [name, value] of Object.entries(headers)) request.set(name, value);
  return request;
};

const varies = (res: { headers: Record<string, string | undefined> }) =>
  (res.headers.vary ?? '')
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);

/** One h1, and no heading level skipped on the way down. */
function headingProblems(html: string): string[] {
  const list = headings(html);
  const problems: string[] = [];
  if (list.filter((h) => h.level === 1).length !== 1) problems.push(`${list.filter((h) => h.level === 1).length} h1 elements`);
  if (list[0]?.level !== 1) problems.push('the first heading is not an h1');
  list.forEach((h, n) => {
    if (n > 0 && h.level > list[n - 1].level + 1) problems.push(`h${list[n - 1].level} "${list[n - 1].text}" is followed by h${h.level} "${h.text}"`);
  });
  return problems;
}

/** Every select has a non-empty <label for> and every image an alt text. */
function labelProblems(html: string): string[] {
  const labels = new Map(elements(html, 'label').map((l) => [l.attrs.for, l.text]));
  const problems = tags(html, 'select')
    .filter((s) => !s.id || !labels.get(s.id))
    .map((s) => `select ${s.name} has no label`);
  problems.push(
    ...tags(html, 'img')
      .filter((i) => !i.alt)
      .map((i) => `img ${i.src} has no alt`)
  );
  return problems;
}

describe('the pages are accessible HTML', () => {
  const PAGES = [
    `/sites/${CITY}`,
    `/sites/${CITY}/items/${RETIREMENT}`,
    `/sites/${JIAOZHOU}/items/${RETIREMENT}`,
    `/sites/${BADAGUAN}`,
    `/sites/${BADAGUAN}/items/${ALLOWANCE}`,
    `/sites/${TAIPINGJIAO}`,
    `/sites/${TAIPINGJIAO}/items/${ALLOWANCE}`,
    `/sites/${CITY}/items/${RETIREMENT}/route?answers[retirement_type]=normal&answers[enterprise_type]=domestic&answers[enterprise_location]=${JIAOZHOU}`,
    `/sites/${CITY}/items/${RETIREMENT}/route?answers[enterprise_type]=foreign`,
  ];

  test.each(PAGES)('%s: html lang, one h1, no skipped heading level, every select labelled, every image with alt', async (path) => {
    const res = await page(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(htmlLang(res.text)).toBe('zh-Hans');
    expect(res.text).toMatch(/^<!doctype html>/i);
    expect(headingProblems(res.text)).toEqual([]);
    expect(labelProblems(res.text)).toEqual([]);
    expect(res.text).toMatch(/<main\b/);
    expect(
      tags(res.text, 'link')
        .filter((l) => l.rel === 'stylesheet')
        .map((l) => l.href)
    ).toEqual([expect.stringMatching(/^\/sites\/assets\/site\.css(\?|$)/)]);
  });

  test("the city's retirement page: title, sections for basic info, navigator, flow chart, the city's guides and the district stages", async () => {
    const res = await page(`/sites/${CITY}/items/${RETIREMENT}`);
    const h = headings(res.text);
    expect(h.filter((x) => x.level === 1).map((x) => x.text)).toEqual(['企业职工退休认证']);
    expect(h.filter((x) => x.level === 2).map((x) => x.text)).toEqual(['基本信息', '办事导航', '办理流程图', '本单位办事指南', '办理环节']);
    expect(h.filter((x) => x.level === 3).map((x) => x.text)).toEqual(expect.arrayContaining(['劳动能力鉴定', '市劳动保险经办机构核准']));
    expect(
      tags(res.text, 'section')
        .map((s) => s.id)
        .filter(Boolean)
    ).toEqual(['stage-work-ability-appraisal', 'stage-city-approval']);
    expect(textOf(res.text)).toContain('因病或非因工致残,经劳动能力鉴定委员会鉴定完全丧失劳动能力。');
    expect(tags(res.text, 'img').map((i) => i.src)).toEqual([`/api/linkage/items/${RETIREMENT}/flowchart?format=svg&locale=zh-Hans`]);
    expect(elements(res.text, 'label').map((l) => l.text)).toEqual(['退休类型', '原企业类型', '请选择区(市)', '是否有军龄(视同缴费年限)']);
    expect(elements(res.text, 'legend').map((l) => l.text)).toEqual(['原企业所在区(市)']);
  });

  test("胶州市's retirement page shows its review guide in full and links back to the city's page and to the city's stages", async () => {
    const res = await page(`/sites/${JIAOZHOU}/items/${RETIREMENT}`);
    const text = textOf(res.text);
    expect(text).toContain('胶州市社会保险事业中心');
    expect(text).toContain('男年满60周岁,女干部年满55周岁、女工人年满50周岁,累计缴费年限满15年。');
    expect(
      tags(res.text, 'section')
        .map((s) => s.id)
        .filter(Boolean)
    ).toEqual(['stage-district-review']);
    const hrefs = tags(res.text, 'a').map((a) => a.href);
    expect(hrefs).toContain(`/sites/${CITY}/items/${RETIREMENT}?locale=zh-Hans`);
    // In the reader's language: the locale goes before the fragment.
    expect(hrefs).toContain(`/sites/${CITY}/items/${RETIREMENT}?locale=zh-Hans#stage-city-approval`);
    expect(hrefs).toContain(`/sites/${CITY}/items/${RETIREMENT}?locale=zh-Hans#stage-work-ability-appraisal`);
  });

  test("the community 太平角社区's index is served by 八大关街道 and lists its three items", async () => {
    const res = await page(`/sites/${TAIPINGJIAO}`);
    expect(elements(res.text, 'p').find((p) => p.attrs.class === 'served-by')?.text).toContain('八大关街道');
    expect(elements(res.text, 'h3').map((x) => x.text)).toEqual(['最低生活保障申请', '公共租赁住房申请', '城乡居民基本医疗保险参保登记']);
    expect(tags(res.text, 'a').map((a) => a.href)).toEqual(
      expect.arrayContaining([`/sites/${TAIPINGJIAO}/items/${ALLOWANCE}?locale=zh-Hans`, `/sites/${BADAGUAN}?locale=zh-Hans`])
    );
  });

  test("莱西市's missing review guide and 平度市's incomplete one are shown with a notice", async () => {
    const laixi = await page(`/sites/${LAIXI}/items/${RETIREMENT}`);
    expect(textOf(laixi.text)).toContain('本环节的办事指南暂未在网上公布');
    const pingdu = await page(`/sites/${PINGDU}/items/${RETIREMENT}`);
    expect(textOf(pingdu.text)).toMatch(/以下信息暂未在网上公布，请向承办部门咨询：办理条件、申报材料、办理时限、收费标准、办公时间/);
  });
});

describe('the language: ?locale=, then Accept-Language', () => {
  test('?locale=en renders the page in English with lang="en" and does not vary with Accept-Language', async () => {
    const res = await page(`/sites/${JIAOZHOU}/items/${RETIREMENT}?locale=en`);
    expect(res.status).toBe(200);
    expect(htmlLang(res.text)).toBe('en');
    expect(headings(res.text)[0].text).toBe('Retirement certification for enterprise employees');
    expect(elements(res.text, 'label').map((l) => l.text)[0]).toBe('Type of retirement');
    expect(varies(res)).not.toContain('accept-language');
  });

  test('the English index page\'s heading and title keep the unit\'s name and "Online services" apart', async () => {
    const res = await page(`/sites/${JIAOZHOU}?locale=en`);
    const [h1] = headings(res.text);
    expect(h1.text).toMatch(/^Jiaozhou City\b.*\bOnline services$/);
    expect(textOf(/<title>([\s\S]*?)<\/title>/.exec(res.text)?.[1] ?? '')).toMatch(/Jiaozhou City\b.*\bOnline services$/);
  });

  test('?locale= wins over Accept-Language', async () => {
    const res = await page(`/sites/${SHINAN}?locale=zh-Hans`, { 'Accept-Language': 'en-US,en;q=0.9' });
    expect(htmlLang(res.text)).toBe('zh-Hans');
    expect(varies(res)).not.toContain('accept-language');
  });

  test('Accept-Language en-US gives English, zh-CN gives zh-Hans, each with Vary: Accept-Language', async () => {
    const en = await page(`/sites/${PINGDU}/items/${ALLOWANCE}`, { 'Accept-Language': 'en-US,en;q=0.8' });
    expect(en.status).toBe(200);
    expect(htmlLang(en.text)).toBe('en');
    expect(headings(en.text)[0].text).toBe('Application for the minimum living allowance');
    expect(varies(en)).toContain('accept-language');
    const zh = await page(`/sites/${PINGDU}`, { 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.5' });
    expect(htmlLang(zh.text)).toBe('zh-Hans');
    expect(varies(zh)).toContain('accept-language');
    const preferred = await page(`/sites/${PINGDU}/items/${RETIREMENT}`, { 'Accept-Language': 'fr;q=1, en;q=0.7, zh;q=0.3' });
    expect(htmlLang(preferred.text)).toBe('en');
  });

  test('a page chosen by Accept-Language says Vary: Accept-Language even when the same page was first served for ?locale=en', async () => {
    const first = await page(`/sites/${LAIXI}?locale=en`);
    expect(htmlLang(first.text)).toBe('en');
    const res = await page(`/sites/${LAIXI}`, { 'Accept-Language': 'en-US' });
    expect(htmlLang(res.text)).toBe('en');
    expect(varies(res)).toContain('accept-language');
  });

  test('a page asked for with no Accept-Language at all still says Vary: Accept-Language (a cache must not give it to an English browser)', async () => {
    const res = await page(`/sites/${LAIXI}`);
    expect(htmlLang(res.text)).toBe('zh-Hans');
    expect(varies(res)).toContain('accept-language');
  });
});

describe('schema.org JSON-LD, emitted by the server', () => {
  // LINKAGE_BASE_URL as configured (the tests' default: this app on localhost); every address absolute under it.
  const base = () => String(t.strapi.config.get('plugin::linkage.baseUrl'));
  type Service = { '@id': string; '@type': string; provider: { name: string; identifier: string }; areaServed: { name: string; identifier: string } };

  test("胶州市's retirement page: about one GovernmentService provided by 胶州市社会保险事业中心 for the area 胶州市, addresses absolute", async () => {
    const res = await page(`/sites/${JIAOZHOU}/items/${RETIREMENT}`);
    const { count, data } = jsonLd(res.text);
    expect(count).toBe(1);
    expect(res.text.indexOf('application/ld+json')).toBeLessThan(res.text.indexOf('</head>'));
    const pageUrl = `${base()}/sites/${JIAOZHOU}/items/${RETIREMENT}`;
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'WebPage',
      '@id': `${pageUrl}?locale=zh-Hans`,
      mainEntity: { '@id': `${base()}/sites/${CITY}/items/${RETIREMENT}#item` },
    });
    expect((data as { about: unknown[] }).about).toEqual([
      expect.objectContaining({
        '@id': `${pageUrl}#service-district-review`,
        '@type': 'GovernmentService',
        serviceType: '企业职工退休认证',
        provider: expect.objectContaining({ '@type': 'GovernmentOrganization', name: '胶州市社会保险事业中心', identifier: '370281-SI' }),
        areaServed: expect.objectContaining({ '@type': 'AdministrativeArea', name: '胶州市', identifier: JIAOZHOU }),
        url: `${pageUrl}#stage-district-review`,
      }),
    ]);
  });

  test("the city's retirement page: a GovernmentService for each of the city's stages, provided by the handling department", async () => {
    const { count, data } = jsonLd((await page(`/sites/${CITY}/items/${RETIREMENT}`)).text);
    expect(count).toBe(1);
    const services = (data as { about: Service[] }).about;
    expect(services.map((s) => [s['@type'], s.provider.name, s.areaServed.identifier])).toEqual([
      ['GovernmentService', '青岛市劳动能力鉴定委员会办公室', CITY],
      ['GovernmentService', '青岛市社会保险事业中心', CITY],
    ]);
  });

  test("八大关街道's allowance page in English: provider its street office, area 八大关街道", async () => {
    const { data } = jsonLd((await page(`/sites/${BADAGUAN}/items/${ALLOWANCE}?locale=en`)).text);
    expect((data as { about: Service[] }).about).toEqual([
      expect.objectContaining({
        '@type': 'GovernmentService',
        serviceType: 'Application for the minimum living allowance',
        provider: expect.objectContaining({ name: 'Badaguan Subdistrict Office, Social Affairs Section', identifier: '370202001-OFFICE' }),
        areaServed: expect.objectContaining({ name: 'Badaguan Subdistrict', identifier: BADAGUAN }),
      }),
    ]);
  });

  test("太平角社区居民委员会's allowance page: the area served is the community, 太平角社区, not its committee", async () => {
    const { data } = jsonLd((await page(`/sites/${TAIPINGJIAO}/items/${ALLOWANCE}`)).text);
    expect((data as { about: Service[] }).about[0].areaServed).toEqual({
      '@id': `${base()}/id/areas/${TAIPINGJIAO}`,
      '@type': 'AdministrativeArea',
      name: '太平角社区',
      identifier: TAIPINGJIAO,
    });
  });

  test('the JSON-LD does not come from the template text: the published templates never mention ld+json', async () => {
    const bodies = (await t.strapi.db.query('plugin::linkage.site-template').findMany({ select: ['key', 'body'] })) as Array<{ key: string; body: string }>;
    expect(bodies.length).toBeGreaterThanOrEqual(6);
    expect(bodies.filter((b) => /ld\+json|<script|rel="canonical"/i.test(b.body)).map((b) => b.key)).toEqual([]);
  });
});

describe('the navigator is a plain HTML form', () => {
  test("submitting the city page's form as a browser would (normal retirement, domestic enterprise in 胶州市) renders the route whose first step links to 胶州市's guide page", async () => {
    const item = await page(`/sites/${CITY}/items/${RETIREMENT}`);
    // Scripts: the JSON-LD and the navigator's, added by the server; the form below works without them.
    expect([...item.text.matchAll(/<script\b([^>]*)>/gi)].map((m) => attributes(m[1]).src ?? attributes(m[1]).type)).toEqual([
      'application/ld+json',
      expect.stringMatching(/^\/sites\/assets\/navigator\.js\?v=\w+$/),
    ]);
    expect(item.text).not.toMatch(/\son[a-z]+="/i);
    const form = submit(item.text, {
      'answers[retirement_type]': 'normal',
      'answers[enterprise_type]': 'domestic',
      'answers[enterprise_location]': JIAOZHOU,
    });
    expect(form.method).toBe('get');
    expect(form.action).toBe(`/sites/${CITY}/items/${RETIREMENT}/route`);
    // The browser's query: brackets percent-encoded, the hidden locale, the unanswered optional question empty.
    expect(form.query).toBe(
      'locale=zh-Hans&answers%5Bretirement_type%5D=normal&answers%5Benterprise_type%5D=domestic&answers%5Benterprise_location%5D=370281000000&answers%5Bhas_military_service%5D='
    );

    const route = await page(`${form.action}?${form.query}`);
    expect(route.status).toBe(200);
    expect(htmlLang(route.text)).toBe('zh-Hans');
    expect(headings(route.text)[0].text).toBe('企业职工退休认证 · 办理流程');
    expect(elements(route.text, 'h3').map((h) => h.text)).toEqual(['区(市)社会保险经办机构审核', '市劳动保险经办机构核准']);
    const firstStep = elements(route.text, 'p').find((p) => p.attrs.class === 'first-step');
    expect(firstStep?.text).toContain('胶州市社会保险事业中心');
    const [link] = tags(firstStep?.inner ?? '', 'a');
    expect(link.href).toBe(`/sites/${JIAOZHOU}/items/${RETIREMENT}?locale=zh-Hans#stage-district-review`);
    // The answers stay chosen in the form on the route page.
    expect(route.text).toMatch(/<option value="normal" selected>/);
    expect(route.text).toMatch(/<option value="370281000000" selected>/);

    const [path, anchor] = link.href.split('#');
    const guide = await page(path);
    expect(guide.status).toBe(200);
    expect(tags(guide.text, 'section').map((s) => s.id)).toContain(anchor);
    expect(textOf(guide.text)).toContain('男年满60周岁,女干部年满55周岁、女工人年满50周岁,累计缴费年限满15年。');
  });

  test("a route page at the city takes the city's own guides from the page's one read of them, not from a second", async () => {
    const published = getService(t.strapi, 'published');
    // A new snapshot: the page is a miss, rendered now.
    published.invalidate();
    const reads = jest.spyOn(published, 'guides');
    try {
      const route = await page(
        `/sites/${CITY}/items/${RETIREMENT}/route?answers%5Bretirement_type%5D=normal&answers%5Benterprise_type%5D=domestic&answers%5Benterprise_location%5D=${PINGDU}`
      );
      expect(route.status).toBe(200);
      // The city's stage is on the route, with its guide: the link to it and its materials.
      // The city's stage is on the route with its guide (shown only when it was found): its materials and the link to it.
      const list = route.text.slice(route.text.indexOf('<ol class="route">'));
      const cityStage = list.slice(list.indexOf('<h3>市劳动保险经办机构核准</h3>'), list.indexOf('</ol>\n'));
      expect(elements(cityStage, 'li').map((li) => textOf(li.inner))).toEqual(['职工退休审批表', '居民身份证', '职工人事档案', '退伍证或军官转业证 可能需要']);
      expect(tags(cityStage, 'a').map((a) => a.href)).toEqual([`/sites/${CITY}/items/${RETIREMENT}?locale=zh-Hans#stage-city-approval`]);
      // Only the other units' guides of the route were read for the route.
      const pairs = reads.mock.calls.flatMap(([, asked]) => asked);
      expect(pairs.length).toBeGreaterThan(0);
      expect(pairs.filter((pair) => pair.unitCode === CITY)).toEqual([]);
    } finally {
      reads.mockRestore();
    }
  });

  test('the English form submits to the same route page in English', async () => {
    const item = await page(`/sites/${SHINAN}/items/${RETIREMENT}?locale=en`);
    const form = submit(item.text, {
      'answers[retirement_type]': 'special_job',
      'answers[enterprise_type]': 'domestic',
      'answers[enterprise_location]': SHINAN,
      'answers[has_military_service]': 'true',
    });
    expect(form.action).toBe(`/sites/${SHINAN}/items/${RETIREMENT}/route`);
    const route = await page(`${form.action}?${form.query}`);
    expect(route.status).toBe(200);
    expect(htmlLang(route.text)).toBe('en');
    const firstStep = elements(route.text, 'p').find((p) => p.attrs.class === 'first-step');
    expect(tags(firstStep?.inner ?? '', 'a')[0].href).toBe(`/sites/${SHINAN}/items/${RETIREMENT}?locale=en#stage-district-review`);
    expect(textOf(route.text)).toContain('Military discharge certificate');
  });

  test("胶州市's form asks for the enterprise's location within 胶州市 only, chosen already, and links to the city's page for elsewhere", async () => {
    const item = await page(`/sites/${JIAOZHOU}/items/${RETIREMENT}`);
    const select = /<select\b[^>]*name="answers\[enterprise_location\]"[^>]*>([\s\S]*?)<\/select>\s*<small>([\s\S]*?)<\/small>/.exec(item.text);
    expect(select).not.toBeNull();
    const options = [...(select?.[1] ?? '').matchAll(/<option\b([^>]*)>/gi)].map((o) => attributes(o[1]));
    expect(options.map((o) => o.value)).toEqual(['', JIAOZHOU]);
    expect('selected' in options[1]).toBe(true);
    expect(textOf(select?.[2] ?? '')).toContain('胶州市');
    expect(tags(select?.[2] ?? '', 'a')[0].href).toBe(`/sites/${CITY}/items/${RETIREMENT}?locale=zh-Hans`);
    const form = submit(item.text, { 'answers[retirement_type]': 'normal', 'answers[enterprise_type]': 'domestic' });
    expect(form.query).toContain('answers%5Benterprise_location%5D=370281000000');
  });

  test('partial answers render the route page with the core questions still needed', async () => {
    const route = await page(
      `/sites/${CITY}/items/${RETIREMENT}/route?locale=zh-Hans&answers%5Benterprise_type%5D=foreign&answers%5Bretirement_type%5D=&answers%5Benterprise_location%5D=&answers%5Bhas_military_service%5D=`
    );
    expect(route.status).toBe(200);
    expect(elements(route.text, 'p').find((p) => p.attrs.class === 'notice')?.text).toContain('退休类型');
  });

  test("a bad answer on the route page is a 400 HTML page naming the question by its label, in the reader's language", async () => {
    const res = await page(`/sites/${CITY}/items/${RETIREMENT}/route?answers%5Bretirement_type%5D=early&answers%5Benterprise_type%5D=domestic`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(htmlLang(res.text)).toBe('zh-Hans');
    expect(textOf(res.text)).toContain('「退休类型」的答案不在可选范围内，请重新选择。');
    const unknown = await page(`/sites/${CITY}/items/${RETIREMENT}/route?answers%5Bretirement_age%5D=60&locale=en`);
    expect(unknown.status).toBe(400);
    expect(htmlLang(unknown.text)).toBe('en');
    expect(textOf(unknown.text)).toContain('The link carries a question this service no longer asks; please answer again.');
  });

  test('a unit that handles no stage of the item, an unknown unit and an unknown item are 404 HTML pages', async () => {
    for (const path of [
      `/sites/${BADAGUAN}/items/${RETIREMENT}`,
      `/sites/${TAIPINGJIAO}/items/${RETIREMENT}/route?answers%5Benterprise_type%5D=foreign`,
      '/sites/370299000000',
      `/sites/${CITY}/items/no-such-item`,
    ]) {
      const res = await page(path);
      expect({ path, status: res.status, type: res.headers['content-type'] }).toEqual({ path, status: 404, type: 'text/html; charset=utf-8' });
      expect(htmlLang(res.text)).toBe('zh-Hans');
    }
    expect(textOf((await page(`/sites/${BADAGUAN}/items/${RETIREMENT}`)).text)).toContain('八大关街道不承办「企业职工退休认证」的任何环节。');
  });
});

describe('a unit question is asked level by level (no page lists every community)', () => {
  interface UnitNode {
    code: string;
    level: string;
    children: UnitNode[];
  }
  /** Every unit of the demo: its parent and level, from the units API. */
  async function unitTree(): Promise<Map<string, { parent: string | null; level: string }>> {
    const units = new Map<string, { parent: string | null; level: string }>();
    const walk = (n: UnitNode, parent: string | null) => {
      units.set(n.code, { parent, level: n.level });
      n.children.forEach((c) => walk(c, n.code));
    };
    ((await page('/api/linkage/units')).body.data as UnitNode[]).forEach((n) => walk(n, null));
    return units;
  }
  /** The unit codes a page's unit-question selects offer (the placeholder and "choose another" aside), by question. */
  const unitOffers = (html: string): Record<string, string[]> =>
    Object.fromEntries(
      [...html.matchAll(/<fieldset\b[^>]*data-unit-question="([^"]+)"[^>]*>([\s\S]*?)<\/fieldset>/gi)].map((m) => [
        m[1],
        [...m[2].matchAll(/<option\b([^>]*)>([^<]*)/gi)]
          .filter((o) => attributes(o[1]).value !== '' && !o[2].startsWith('‹') && !/请选择|Choose…/.test(o[2]))
          .map((o) => attributes(o[1]).value),
      ])
    );

  test("no page of the demo offers more than one level's units under one unit, for any unit question, in either language", async () => {
    const units = await unitTree();
    const items = [RETIREMENT, ALLOWANCE, 'public-rental-housing', 'resident-medical-insurance-enrolment'];
    let checked = 0;
    for (const code of units.keys()) {
      for (const slug of items) {
        for (const locale of ['zh-Hans', 'en']) {
          const res = await page(`/sites/${code}/items/${slug}?locale=${locale}`);
          if (res.status === 404) continue;
          expect(res.status).toBe(200);
          for (const [key, offered] of Object.entries(unitOffers(res.text))) {
            const parents = new Set(offered.map((o) => units.get(o)?.parent));
            const levels = new Set(offered.map((o) => units.get(o)?.level));
            expect({ page: res.request.url, key, parents: parents.size <= 1, levels: levels.size <= 1 }).toEqual({ page: res.request.url, key, parents: true, levels: true });
            checked += 1;
          }
        }
      }
    }
    // The city's page of the allowance asks the districts first: 10 of the demo's 26 units.
    expect(unitOffers((await page(`/sites/${CITY}/items/${ALLOWANCE}`)).text).household_location.map((c) => units.get(c)?.level)).toEqual(Array(10).fill('district'));
    expect(checked).toBeGreaterThan(20);
  });

  test('answering level by level without JavaScript (plain GETs of the form) reaches the same route as the full answer', async () => {
    const units = await unitTree();
    let html = (await page(`/sites/${CITY}/items/${ALLOWANCE}`)).text;
    const asked: string[][] = [];
    for (const choice of [SHINAN, BADAGUAN, TAIPINGJIAO]) {
      asked.push(unitOffers(html).household_location);
      const form = submit(html, { 'answers[household_location]': choice });
      expect(form).toMatchObject({ method: 'get', action: `/sites/${CITY}/items/${ALLOWANCE}/route` });
      const res = await page(`${form.action}?${form.query}`);
      expect(res.status).toBe(200);
      html = res.text;
    }
    expect(asked.map((offered) => offered.map((c) => units.get(c)?.level)[0])).toEqual(['district', 'street', 'community']);
    expect(asked[1]).toContain(BADAGUAN);
    expect(asked[2]).toContain(TAIPINGJIAO);
    expect(asked.every((offered) => offered.length <= 15)).toBe(true);
    // On the street's page the path chosen so far is said, and the community is asked.
    const full = await page(`/sites/${CITY}/items/${ALLOWANCE}/route?answers%5Bhousehold_location%5D=${TAIPINGJIAO}&answers%5Bhas_disabled_member%5D=&locale=zh-Hans`);
    expect(full.status).toBe(200);
    const routeOf = (text: string) => elements(text, 'section').find((x) => x.attrs['aria-labelledby'] === 'route-heading')?.inner;
    expect(routeOf(html)).toBeDefined();
    expect(routeOf(html)).toBe(routeOf(full.text));
    expect(html).toMatch(new RegExp(`<option value="${TAIPINGJIAO}" selected>`));
  });

  test("the partial choice's page says what is chosen so far, asks the next level and offers to choose again one level up, in 中文 and English", async () => {
    const zh = await page(`/sites/${CITY}/items/${ALLOWANCE}/route?answers%5Bhousehold_location%5D=${BADAGUAN}`);
    expect(zh.status).toBe(200);
    const fieldset = elements(zh.text, 'fieldset')[0];
    expect(elements(fieldset.inner, 'legend')[0].text).toBe('户籍所在社区(村)');
    expect(textOf(fieldset.inner)).toContain('已选择：市南区 › 八大关街道');
    expect(elements(fieldset.inner, 'label')[0].text).toBe('请选择社区(村)');
    // The placeholder chooses nothing: a required question is not submitted unchosen (W3C checker).
    expect(fieldset.inner).toMatch(/<select [^>]*required>\s*<option value="">请选择<\/option>/);
    expect(fieldset.inner).toMatch(new RegExp(`<option value="${SHINAN}" data-next>‹ 重新选择街道\\(镇\\)</option>`));
    const en = await page(`/sites/${CITY}/items/${ALLOWANCE}/route?answers%5Bhousehold_location%5D=${SHINAN}&locale=en`);
    const enFieldset = elements(en.text, 'fieldset')[0].inner;
    expect(elements(enFieldset, 'label')[0].text).toBe('Choose the subdistrict or town');
    expect(textOf(enFieldset)).toMatch(/Chosen so far: Shinan/);
    expect(enFieldset).toMatch(/<option value="" data-next>‹ Choose another district or county-level city<\/option>/);
    expect(labelProblems(en.text)).toEqual([]);
    expect(headingProblems(en.text)).toEqual([]);
  });

  test('the route API still refuses a unit above the answer level (400 naming the question); only the pages take it as a step', async () => {
    const res = await page(`/api/linkage/items/${ALLOWANCE}/route?answers[household_location]=${SHINAN}`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('household_location');
  });

  test('the navigator script is served as JavaScript at the address the pages name', async () => {
    const src = [...(await page(`/sites/${CITY}/items/${ALLOWANCE}`)).text.matchAll(/<script\b([^>]*)>/gi)].map((m) => attributes(m[1]).src).find(Boolean) as string;
    const res = await page(src);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.text).toContain('data-unit-question');
  });
});

describe('links carry no raw brackets (W3C checker)', () => {
  test("no href of the demo's pages, route pages included, has a raw [ or ]; the encoded language link works", async () => {
    const paths = [
      `/sites/${CITY}`,
      `/sites/${CITY}/items/${RETIREMENT}`,
      `/sites/${CITY}/items/${ALLOWANCE}`,
      `/sites/${BADAGUAN}/items/${ALLOWANCE}`,
      `/sites/${CITY}/items/${RETIREMENT}/route?answers[retirement_type]=normal&answers[enterprise_type]=domestic&answers[enterprise_location]=${JIAOZHOU}`,
      `/sites/${CITY}/items/${ALLOWANCE}/route?answers[household_location]=${BADAGUAN}`,
      `/sites/${CITY}/items/${ALLOWANCE}/route?answers%5Bhousehold_location%5D=${TAIPINGJIAO}&locale=en`,
      `/sites/${CITY}/items/${RETIREMENT}/route?answers%5Bretirement_type%5D=early`,
    ];
    for (const path of paths) {
      const res = await page(path);
      const raw = [...res.text.matchAll(/\bhref="([^"]*)"/gi)].map((m) => m[1]).filter((href) => /[[\]]/.test(href));
      expect({ path, raw }).toEqual({ path, raw: [] });
    }
    const route = await page(
      `/sites/${CITY}/items/${RETIREMENT}/route?answers[retirement_type]=normal&answers[enterprise_type]=domestic&answers[enterprise_location]=${JIAOZHOU}`
    );
    const english = tags(route.text, 'a').find((a) => a.hreflang === 'en')?.href as string;
    expect(english).toBe(
      `/sites/${CITY}/items/${RETIREMENT}/route?answers%5Bretirement_type%5D=normal&answers%5Benterprise_type%5D=domestic&answers%5Benterprise_location%5D=${JIAOZHOU}&locale=en`
    );
    const followed = await page(english);
    expect(followed.status).toBe(200);
    expect(htmlLang(followed.text)).toBe('en');
    expect(followed.text).toMatch(/<option value="normal" selected>/);
    expect(followed.text).toMatch(new RegExp(`<option value="${JIAOZHOU}" selected>`));
  });
});

test('the stylesheet is served at /sites/assets/site.css as CSS, at the address the pages link to', async () => {
  const res = await page('/sites/assets/site.css');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
  expect(res.text).toContain('.navigator');
  const href = tags((await page(`/sites/${CITY}`)).text, 'link').find((l) => l.rel === 'stylesheet')?.href as string;
  const linked = await page(href);
  expect(linked.status).toBe(200);
  expect(linked.text).toBe(res.text);
});

// Last: it stops the render threads, as the server's shutdown does.
test('pages in flight when the server stops are not taken for templates failing: they are unavailable, and no template error is logged', async () => {
  const sites = t.strapi.plugin('linkage').service('sites') as { itemPage(u: string, s: string, l: string): Promise<unknown> };
  const renderer = t.strapi.plugin('linkage').service('renderer') as { stop(): Promise<void> };
  const logged: string[] = [];
  const error = jest.spyOn(t.strapi.log, 'error').mockImplementation((message: unknown) => {
    logged.push(String(message));
    return t.strapi.log;
  });
  try {
    // Nothing rendered kept: every page is rendered now.
    (t.strapi.plugin('linkage').service('published') as { invalidate(): void }).invalidate();
    const inFlight = [CITY, SHINAN, JIAOZHOU, PINGDU, LAIXI, BADAGUAN, TAIPINGJIAO].map((unit) =>
      sites.itemPage(unit, RETIREMENT, 'en').then(
        () => 'rendered',
        (e: Error) => e.name
      )
    );
    await renderer.stop();
    const outcomes = await Promise.all(inFlight);
    expect(outcomes.some((o) => o === 'PageUnavailable')).toBe(true);
    expect(outcomes.every((o) => o === 'rendered' || o === 'PageUnavailable' || o === 'NotFound')).toBe(true);
    await expect(sites.itemPage(CITY, ALLOWANCE, 'en')).rejects.toThrow('the server is stopping');
    expect(logged.filter((m) => m.includes('failed to render'))).toEqual([]);
  } finally {
    error.mockRestore();
  }
});
