// The public pages speak to citizens, on the seeded demo: on every page of every level, in both
// languages, no internal state ("(已发布)", "(信息不完整)") and no code (units, departments, items,
// question keys, kinds); the first step only once the answers settle it; blank forms linked when
// the media library has them, else named with where to get them; breadcrumbs with separators; and
// refusals (a bad answer, a missing item or unit, an unknown page) as styled pages in the reader's
// language that link back. Read-only: no test here writes.
import { loadDemo } from '../support/demo';
import { byClass, elements, headings, htmlLang, readableText, siteLinks, tags, textOf } from '../support/html';
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
const CITY = '370200000000';
const JIAOZHOU = '370281000000';
const PINGDU = '370283000000';
const LAIXI = '370285000000';
const BADAGUAN = '370202001000';
const TAIPINGJIAO = '370202001001';
const LOCALES = ['zh-Hans', 'en'] as const;

const get = (path: string, headers: Record<string, string> = {}) => {
  const request = t.http.get(path);
  for (const [name, value] of Object.entries(headers)) request.set(name, value);
  return request;
};

// ---- what a citizen must never read ----------------------------------------------------------

const demo = loadDemo();
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Internal states, codes and keys, each with a pattern that finds it in a page's readable text. */
const FORBIDDEN: Array<[string, RegExp]> = [
  ['a guide state in zh-Hans', /已发布|信息不完整|[(（](尚未提供|草稿|已修改)[)）]/],
  ['a guide state in en', /\b(published|incomplete)\b|\((not provided yet|draft|modified)\)/i],
  ['the principle as a label', /统一管理\s*[:：]|Unified management\s*:/],
  ['a unit code', /\b\d{12}\b/],
  ...demo.departments.map((d): [string, RegExp] => [`department code ${d.code}`, new RegExp(`(^|[^\\w-])${escape(d.code)}($|[^\\w-])`)]),
  ...demo.items.map((i): [string, RegExp] => [`item code ${i.code}`, new RegExp(`\\b${escape(i.code)}\\b`)]),
  ...[...new Set(demo.departments.map((d) => d.kind))].map((kind): [string, RegExp] => [`department type code ${kind}`, new RegExp(`(^|[^A-Za-z])${kind}($|[^A-Za-z])`)]),
  ...[...new Set(demo.units.map((u) => u.kind))].filter((k) => k.includes('_')).map((kind): [string, RegExp] => [`unit kind code ${kind}`, new RegExp(`\\b${kind}\\b`)]),
  ...demo.items
    .flatMap((i) => i.questions.map((q) => q.key))
    .filter((k) => k.includes('_'))
    .map((key): [string, RegExp] => [`question key ${key}`, new RegExp(`\\b${key}\\b`)]),
  ...demo.items
    .flatMap((i) => i.questions.flatMap((q) => (q.options ?? []).map((o) => o.value)))
    .filter((v) => v.includes('_'))
    .map((value): [string, RegExp] => [`option value ${value}`, new RegExp(`\\b${value}\\b`)]),
  ['a path of answers', /answers\.[a-z_]+/],
];

const leaks = (text: string): string[] =>
  FORBIDDEN.filter(([, pattern]) => pattern.test(text)).map(
    ([what, pattern]) => `${what}: …${text.slice(Math.max(0, (pattern.exec(text)?.index ?? 0) - 30), (pattern.exec(text)?.index ?? 0) + 40)}…`
  );

/** Route pages: complete answers, partial answers and none, on sites of every level. */
const ROUTES = [
  `/sites/${CITY}/items/${RETIREMENT}/route?answers[retirement_type]=normal&answers[enterprise_type]=domestic&answers[enterprise_location]=${JIAOZHOU}`,
  `/sites/${CITY}/items/${RETIREMENT}/route?answers[retirement_type]=normal&answers[enterprise_type]=domestic&answers[enterprise_location]=${LAIXI}`,
  `/sites/${CITY}/items/${RETIREMENT}/route?answers[enterprise_type]=foreign`,
  `/sites/${CITY}/items/${RETIREMENT}/route`,
  `/sites/${PINGDU}/items/${RETIREMENT}/route?answers[retirement_type]=special_job&answers[enterprise_type]=domestic&answers[enterprise_location]=${PINGDU}`,
  `/sites/${BADAGUAN}/items/${ALLOWANCE}/route?answers[household_location]=${TAIPINGJIAO}&answers[has_disabled_member]=true`,
  `/sites/${TAIPINGJIAO}/items/${ALLOWANCE}/route?answers[household_location]=${TAIPINGJIAO}`,
  `/sites/${BADAGUAN}/items/public-rental-housing/route?answers[applicant_type]=registered_household&answers[residence]=${TAIPINGJIAO}`,
  `/sites/${CITY}/items/resident-medical-insurance-enrolment/route?answers[is_newborn]=true`,
];

describe('no internal state or code on any page of any level, in either language', () => {
  test.each(LOCALES)('every unit index, every item page they link to, and route pages, in %s', async (locale) => {
    const units = (await get('/api/linkage/units?locale=zh-Hans')).body.data as Array<{ code: string; children: unknown[] }>;
    const codes: string[] = [];
    const walk = (nodes: Array<{ code: string; children: unknown[] }>) => nodes.forEach((n) => (codes.push(n.code), walk(n.children as never)));
    walk(units);
    expect(codes).toHaveLength(demo.units.length);

    const queue = [...codes.map((code) => `/sites/${code}`), ...ROUTES];
    const seen = new Set<string>();
    const found: string[] = [];
    while (queue.length > 0) {
      const path = queue.shift() as string;
      if (seen.has(path)) continue;
      seen.add(path);
      const res = await get(`${path}${path.includes('?') ? '&' : '?'}locale=${locale}`);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      found.push(...leaks(readableText(res.text)).map((leak) => `${path}: ${leak}`));
      for (const link of siteLinks(res.text)) {
        const target = link.split('#')[0].replace(/[?&]locale=[^&]*/, '');
        if (!seen.has(target) && /^\/sites\/\d{12}(\/items\/[^/?]+)?$/.test(target)) queue.push(target);
      }
    }
    // Every unit's index and every item page a unit shows, of all four levels.
    expect(seen.size).toBeGreaterThan(80);
    expect(found).toEqual([]);
  });
});

describe('the first step is shown only once it is settled', () => {
  test("the city's retirement page names no first step before any answer (劳动能力鉴定 is for illness only): it asks for the answers", async () => {
    const zh = await get(`/sites/${CITY}/items/${RETIREMENT}?locale=zh-Hans`);
    const first = byClass(zh.text, 'div', 'first-step');
    expect(first?.text).toContain('办理第一步');
    expect(first?.text).not.toContain('劳动能力鉴定');
    expect(first?.text).toMatch(/请先回答.*问题/);
    expect(tags(first?.inner ?? '', 'a').map((a) => a.href)).toEqual(['#navigator-heading']);
    const en = await get(`/sites/${CITY}/items/${RETIREMENT}?locale=en`);
    expect(byClass(en.text, 'div', 'first-step')?.text).toMatch(/answer the questions/i);
    expect(byClass(en.text, 'div', 'first-step')?.text).not.toContain('Work ability appraisal');
  });

  test('the allowance, whose first stage applies to everyone, names it and who handles it', async () => {
    const res = await get(`/sites/${BADAGUAN}/items/${ALLOWANCE}?locale=zh-Hans`);
    const first = byClass(res.text, 'div', 'first-step');
    expect(first?.text).toContain('社区(村)受理');
    expect(first?.text).toContain('居(村)民委员会');
    expect(first?.text).not.toMatch(/请先回答/);
  });

  test('a route page with answers that do not settle the first step says which questions to answer, and names no first step', async () => {
    const res = await get(`/sites/${CITY}/items/${RETIREMENT}/route?answers[enterprise_type]=domestic&locale=zh-Hans`);
    expect(byClass(res.text, 'p', 'first-step')).toBeUndefined();
    expect(byClass(res.text, 'p', 'notice')?.text).toContain('退休类型');
  });
});

describe('guides speak to citizens', () => {
  test("平度市's incomplete guide says what is not online yet and whom to ask, not that it is incomplete", async () => {
    const res = await get(`/sites/${PINGDU}/items/${RETIREMENT}?locale=zh-Hans`);
    const notice = byClass(res.text, 'p', 'notice');
    expect(notice?.text).toMatch(/以下信息暂未在网上公布.*办理条件、申报材料、办理时限、收费标准、办公时间/);
    expect(notice?.text).toContain('承办部门');
    expect(readableText(res.text)).not.toMatch(/不完整|incomplete/);
  });

  test("莱西市's missing guide is a notice naming the department to contact, in both languages", async () => {
    const zh = await get(`/sites/${LAIXI}/items/${RETIREMENT}?locale=zh-Hans`);
    expect(byClass(zh.text, 'p', 'notice')?.text).toMatch(/暂未在网上公布.*莱西市社会保险事业中心/);
    const en = await get(`/sites/${LAIXI}/items/${RETIREMENT}?locale=en`);
    expect(byClass(en.text, 'p', 'notice')?.text).toMatch(/not online yet.*Laixi/i);
  });

  test("the managing department is introduced as such, not by the principle's name (统一管理)", async () => {
    const zh = textOf((await get(`/sites/${CITY}/items/${RETIREMENT}?locale=zh-Hans`)).text);
    expect(zh).toContain('主管部门：青岛市政务服务管理办公室');
    const en = textOf((await get(`/sites/${CITY}/items/${RETIREMENT}?locale=en`)).text);
    expect(en).toContain('Responsible department: Qingdao Government Services Management Office');
  });

  test('a blank form not in the media library is named, with where to get it, and is no link', async () => {
    const res = await get(`/sites/${CITY}/items/${RETIREMENT}?locale=zh-Hans`);
    const cell = elements(res.text, 'td').find((td) => td.text.includes('retirement-approval-form.pdf'));
    expect(cell?.text).toContain('请向承办部门索取');
    expect(tags(cell?.inner ?? '', 'a')).toEqual([]);
    const en = await get(`/sites/${CITY}/items/${RETIREMENT}?locale=en`);
    expect(elements(en.text, 'td').find((td) => td.text.includes('retirement-approval-form.pdf'))?.text).toMatch(/ask the handling department/i);
  });

  test('a stage that applies to everyone does not say "applies when: always"', async () => {
    for (const locale of LOCALES) {
      const text = textOf((await get(`/sites/${BADAGUAN}/items/${ALLOWANCE}?locale=${locale}`)).text);
      expect(text).not.toMatch(/适用条件[:：]\s*总是适用|Applies when:\s*always/);
    }
  });
});

describe('the breadcrumb', () => {
  test("on 太平角社区's allowance page: the city, the district, the street, the community and the page, with separators between", async () => {
    const res = await get(`/sites/${TAIPINGJIAO}/items/${ALLOWANCE}?locale=zh-Hans`);
    const crumb = elements(res.text, 'nav').find((n) => (n.attrs.class ?? '').includes('breadcrumb'));
    const items = elements(crumb?.inner ?? '', 'li');
    expect(items.map((i) => i.text.replace(/^›\s*/, ''))).toEqual(['青岛市', '市南区', '八大关街道', '太平角社区居民委员会', '最低生活保障申请']);
    // A separator before every item but the first, hidden from screen readers (the list says it).
    expect(items.map((i) => /<span class="separator" aria-hidden="true">›<\/span>/.test(i.inner))).toEqual([false, true, true, true, true]);
    expect(tags(items[4].inner, 'a')).toEqual([]);
    expect(/aria-current="page"/.test(crumb?.inner ?? '')).toBe(true);
  });
});

describe('refusals are styled pages in the reader’s language that link back', () => {
  const styled = (html: string) => {
    expect(html).toMatch(/^<!doctype html>/i);
    expect(
      tags(html, 'link')
        .filter((l) => l.rel === 'stylesheet')
        .map((l) => l.href)
    ).toEqual([expect.stringMatching(/^\/sites\/assets\/site\.css\?v=/)]);
    expect(byClass(html, 'header', 'site-header')).toBeDefined();
    expect(headings(html).filter((h) => h.level === 1)).toHaveLength(1);
  };

  test('a bad answer: 400 in Chinese naming the question by its label, linking back to the form', async () => {
    const res = await get(`/sites/${CITY}/items/${RETIREMENT}/route?answers[retirement_type]=early&answers[enterprise_type]=domestic&locale=zh-Hans`);
    expect(res.status).toBe(400);
    expect(htmlLang(res.text)).toBe('zh-Hans');
    styled(res.text);
    const text = readableText(res.text);
    expect(text).toContain('「退休类型」');
    expect(text).not.toMatch(/[A-Za-z]{4,}/);
    expect(tags(res.text, 'a').map((a) => a.href)).toContain(`/sites/${CITY}/items/${RETIREMENT}?locale=zh-Hans`);
  });

  test('a bad answer in English, chosen by Accept-Language', async () => {
    const res = await get(`/sites/${CITY}/items/${RETIREMENT}/route?answers[has_military_service]=maybe`, { 'Accept-Language': 'en-GB,en;q=0.9' });
    expect(res.status).toBe(400);
    expect(htmlLang(res.text)).toBe('en');
    styled(res.text);
    expect(readableText(res.text)).toMatch(/"Has years of military service counted as contribution years": please choose Yes or No/);
    expect(tags(res.text, 'a').map((a) => a.href)).toContain(`/sites/${CITY}/items/${RETIREMENT}?locale=en`);
  });

  test("an item a unit does not handle: 404 naming the unit, linking to the city's page of the item and the unit's home", async () => {
    const res = await get(`/sites/${BADAGUAN}/items/${RETIREMENT}`, { 'Accept-Language': 'zh-CN' });
    expect(res.status).toBe(404);
    expect(htmlLang(res.text)).toBe('zh-Hans');
    styled(res.text);
    expect(readableText(res.text)).toMatch(/八大关街道.*企业职工退休认证/);
    expect(tags(res.text, 'a').map((a) => a.href)).toEqual(expect.arrayContaining([`/sites/${CITY}/items/${RETIREMENT}?locale=zh-Hans`, `/sites/${BADAGUAN}?locale=zh-Hans`]));
    expect(leaks(readableText(res.text))).toEqual([]);
  });

  test("an unknown item: 404 linking to the unit's home, in English", async () => {
    const res = await get(`/sites/${JIAOZHOU}/items/no-such-service?locale=en`);
    expect(res.status).toBe(404);
    expect(htmlLang(res.text)).toBe('en');
    styled(res.text);
    expect(readableText(res.text)).toMatch(/no such service/i);
    expect(tags(res.text, 'a').map((a) => a.href)).toContain(`/sites/${JIAOZHOU}?locale=en`);
  });

  test("an unknown unit and an unknown page: 404 linking to the city's home", async () => {
    for (const path of ['/sites/370299000000', '/sites/not-a-unit', `/sites/${CITY}/no/such/page`, `/sites/${CITY}/items/${RETIREMENT}/nothing`]) {
      const res = await get(`${path}?locale=zh-Hans`);
      expect({ path, status: res.status, type: res.headers['content-type'] }).toEqual({ path, status: 404, type: 'text/html; charset=utf-8' });
      styled(res.text);
      expect(tags(res.text, 'a').map((a) => a.href)).toContain(`/sites/${CITY}?locale=zh-Hans`);
      expect(leaks(readableText(res.text))).toEqual([]);
    }
  });
});
