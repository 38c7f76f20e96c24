// Guide and item texts are data, never markup: a `<script>` or a `</script>` in a guide's conditions
// (both locales) or in an item's title, published through the Content Manager, is rendered as
// escaped text on every page; the only script elements are the server's JSON-LD, whose text cannot
// close the element (`<` is written \u003c), and, on pages that ask a unit question level by level,
// the server's own navigator script at its fixed, fingerprinted address (no inline code).
import { contentManager } from '../support/content-manager';
import { documentIdOf } from '../support/demo';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';
import { NAVIGATOR_SCRIPT_FINGERPRINT, NAVIGATOR_SCRIPT_PATH } from '../../src/plugins/linkage/server/src/services/sites';

let t: TestStrapi;
beforeAll(async () => {
  t = await startDemoStrapi();
});
afterAll(async () => {
  await t?.stop();
});

const GUIDE = 'plugin::linkage.guide';
const ITEM = 'plugin::linkage.item';
const RETIREMENT = 'enterprise-employee-retirement-certification';
const CITY = '370200000000';
const JIAOZHOU = '370281000000';
const JIAOZHOU_ROUTE = `answers%5Bretirement_type%5D=normal&answers%5Benterprise_type%5D=domestic&answers%5Benterprise_location%5D=${JIAOZHOU}`;

const SCRIPT = '<script>window.__x=1</script>';
const CLOSER = '</script><script>alert(1)</script>';
const SCRIPT_ESCAPED = '&lt;script&gt;window.__x=1&lt;/script&gt;';
const CLOSER_ESCAPED = '&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;';

/** The server's navigator script: an address of its own, never text from a template or a record. */
const NAVIGATOR_SCRIPT = `<script src="${NAVIGATOR_SCRIPT_PATH}?v=${NAVIGATOR_SCRIPT_FINGERPRINT}" defer>`;

interface Scripts {
  /** Every <script ...> opening tag, as written, but the server's navigator script. */
  openings: string[];
  /** The text of the JSON-LD script elements. */
  jsonLd: string[];
}

function scripts(html: string): Scripts {
  const openings = [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]).filter((tag) => tag !== NAVIGATOR_SCRIPT);
  const jsonLd = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  return { openings, jsonLd };
}

/** The page's only script is one JSON-LD element, which parses and never contains "</script". */
function expectOnlyJsonLd(html: string): unknown {
  const { openings, jsonLd } = scripts(html);
  expect(openings).toEqual(['<script type="application/ld+json">']);
  expect(jsonLd).toHaveLength(1);
  expect(jsonLd[0]).not.toMatch(/<\/script/i);
  expect(jsonLd[0]).not.toMatch(/<script/i);
  return JSON.parse(jsonLd[0]);
}

const get = (path: string) => t.http.get(path);

describe("a payload in 胶州市's review guide conditions, in both locales", () => {
  beforeAll(async () => {
    const cm = contentManager(t);
    const documentId = await documentIdOf(t.strapi, GUIDE, { itemCode: 'QD-SI-001', stageKey: 'district-review', unitCode: JIAOZHOU });
    for (const [locale, words] of [
      ['zh-Hans', '男年满60周岁。'],
      ['en', 'Men aged 60.'],
    ]) {
      const res = await cm.publish(GUIDE, documentId, locale, { conditions: `${words}${SCRIPT}${CLOSER}` });
      expect({ locale, status: res.status }).toEqual({ locale, status: 200 });
    }
  });

  test.each(['zh-Hans', 'en'])("胶州市's item page (%s) shows the conditions as escaped text, and its only script is the JSON-LD", async (locale) => {
    const res = await get(`/sites/${JIAOZHOU}/items/${RETIREMENT}?locale=${locale}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`${SCRIPT_ESCAPED}${CLOSER_ESCAPED}`);
    expect(res.text).not.toContain(SCRIPT);
    expect(res.text).not.toContain('<script>alert(1)');
    expectOnlyJsonLd(res.text);
  });

  test('the JSON view carries the text as it was written (JSON is not HTML)', async () => {
    const res = await get(`/api/linkage/sites/${JIAOZHOU}/items/${RETIREMENT}`);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.data.ownGuides[0].guide.conditions).toBe(`男年满60周岁。${SCRIPT}${CLOSER}`);
  });

  test("the city's route page through 胶州市 and 胶州市's index carry no script at all", async () => {
    for (const path of [`/sites/${CITY}/items/${RETIREMENT}/route?${JIAOZHOU_ROUTE}`, `/sites/${JIAOZHOU}`, `/sites/${JIAOZHOU}?locale=en`]) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect({ path, scripts: scripts(res.text).openings }).toEqual({ path, scripts: [] });
    }
  });
});

describe('a payload in the retirement item title, in both locales', () => {
  const TITLE_ZH = `企业职工退休认证${CLOSER}`;
  const TITLE_EN = `Retirement certification${SCRIPT}`;

  beforeAll(async () => {
    const cm = contentManager(t);
    const documentId = await documentIdOf(t.strapi, ITEM, { code: 'QD-SI-001' });
    for (const [locale, title] of [
      ['zh-Hans', TITLE_ZH],
      ['en', TITLE_EN],
    ]) {
      const res = await cm.publish(ITEM, documentId, locale, { title });
      expect({ locale, status: res.status, error: res.body.error?.message }).toEqual({ locale, status: 200, error: undefined });
    }
  });

  test("the city's and 胶州市's item pages show the title escaped in <title> and <h1>; the JSON-LD escapes it as \\u003c and round-trips it", async () => {
    for (const unit of [CITY, JIAOZHOU]) {
      const res = await get(`/sites/${unit}/items/${RETIREMENT}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain(`<h1>企业职工退休认证${CLOSER_ESCAPED}</h1>`);
      expect(/<title>([^<]*)<\/title>/.exec(res.text)?.[1]).toContain(CLOSER_ESCAPED);
      expect(res.text).not.toContain('<script>alert(1)');
      const data = expectOnlyJsonLd(res.text);
      const services = (Array.isArray(data) ? data : [data]) as Array<{ serviceType: string }>;
      expect(services.map((s) => s.serviceType)).toEqual(services.map(() => TITLE_ZH));
      expect(scripts(res.text).jsonLd[0]).toContain('\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e');
    }
  });

  test('the English item page escapes the English title the same way', async () => {
    const res = await get(`/sites/${JIAOZHOU}/items/${RETIREMENT}?locale=en`);
    expect(res.text).toContain(`<h1>Retirement certification${SCRIPT_ESCAPED}</h1>`);
    const data = expectOnlyJsonLd(res.text) as { serviceType: string };
    expect(data.serviceType).toBe(TITLE_EN);
  });

  test('the index, route and 404 pages show the title escaped and carry no script', async () => {
    for (const path of [`/sites/${CITY}`, `/sites/${JIAOZHOU}`, `/sites/${CITY}/items/${RETIREMENT}/route?${JIAOZHOU_ROUTE}`, `/sites/370202001000/items/${RETIREMENT}`]) {
      const res = await get(path);
      expect({ path, scripts: scripts(res.text).openings }).toEqual({ path, scripts: [] });
      expect({ path, escaped: res.text.includes(CLOSER_ESCAPED) }).toEqual({ path, escaped: true });
    }
  });

  test('the flow chart SVG, which names the item, carries no script', async () => {
    const res = await get(`/api/linkage/items/${RETIREMENT}/flowchart?format=svg`);
    expect(res.status).toBe(200);
    const svg = res.body.toString() as string;
    expect(svg).not.toMatch(/<script/i);
    expect(svg).toContain(CLOSER_ESCAPED);
  });
});
