// Guide and item texts are data, never markup: a `<script>` or a `</script>` in a guide's conditions
// (both locales) or in an item's title, published through the Content Manager, is rendered as
// escaped text on every page; the only script elements are the server's JSON-LD, whose text cannot
// close the element (`<` is written \u003c), and, on pages that ask a unit question level by level,
// the server's own navigator script at its fixed, fingerprinted address (no inline code). The
// server writes them, and the page's canonical and language links, first in the head whatever the
// city's templates say: a template that would drop them (no head to write into) or forge them (its
// own canonical link, hreflang link or JSON-LD) is refused at publish, and one that does so only on
// pages the publish check does not render falls back, on those pages, to the last good templates.
import { contentManager, fieldErrors } from '../support/content-manager';
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

/** The page's <link rel="canonical"> and <link rel="alternate" hreflang> elements, as [rel, hreflang, href]. */
const headLinks = (html: string): string[][] =>
  [...html.matchAll(/<link\b[^>]*>/gi)]
    .map((m) => m[0])
    .filter((tag) => /rel="(canonical|alternate)"/.test(tag))
    .map((tag) => [/rel="([^"]*)"/.exec(tag)?.[1] ?? '', /hreflang="([^"]*)"/.exec(tag)?.[1] ?? '', (/href="([^"]*)"/.exec(tag)?.[1] ?? '').replace(/&amp;/g, '&')]);

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

  test("the city's route page through 胶州市 and 胶州市's index carry no script but the JSON-LD", async () => {
    for (const path of [`/sites/${CITY}/items/${RETIREMENT}/route?${JIAOZHOU_ROUTE}`, `/sites/${JIAOZHOU}`, `/sites/${JIAOZHOU}?locale=en`]) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expectOnlyJsonLd(res.text);
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
      const data = expectOnlyJsonLd(res.text) as { name: string; mainEntity: { serviceType: string }; about?: Array<{ serviceType: string }> };
      const services = [data.mainEntity, ...(data.about ?? [])];
      expect([data.name, ...services.map((s) => s.serviceType)]).toEqual([TITLE_ZH, ...services.map(() => TITLE_ZH)]);
      expect(scripts(res.text).jsonLd[0]).toContain('\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e');
    }
  });

  test('the English item page escapes the English title the same way', async () => {
    const res = await get(`/sites/${JIAOZHOU}/items/${RETIREMENT}?locale=en`);
    expect(res.text).toContain(`<h1>Retirement certification${SCRIPT_ESCAPED}</h1>`);
    const data = expectOnlyJsonLd(res.text) as { mainEntity: { serviceType: string } };
    expect(data.mainEntity.serviceType).toBe(TITLE_EN);
  });

  test('the index and route pages show the title escaped and carry no script but the JSON-LD, which round-trips it; the 404 page carries none', async () => {
    for (const path of [`/sites/${CITY}`, `/sites/${JIAOZHOU}`, `/sites/${CITY}/items/${RETIREMENT}/route?${JIAOZHOU_ROUTE}`]) {
      const res = await get(path);
      expect({ path, escaped: res.text.includes(CLOSER_ESCAPED) }).toEqual({ path, escaped: true });
      expect(JSON.stringify(expectOnlyJsonLd(res.text))).toContain(JSON.stringify(TITLE_ZH).slice(1, -1));
    }
    const missing = await get(`/sites/370202001000/items/${RETIREMENT}`);
    expect(missing.status).toBe(404);
    expect(scripts(missing.text).openings).toEqual([]);
    expect(missing.text).toContain(CLOSER_ESCAPED);
  });

  test("a title holding markup leaves every page's canonical and language links whole: one of each, the server's", async () => {
    for (const path of [`/sites/${CITY}`, `/sites/${JIAOZHOU}/items/${RETIREMENT}?locale=en`, `/sites/${CITY}/items/${RETIREMENT}/route?${JIAOZHOU_ROUTE}`]) {
      const links = headLinks((await get(path)).text);
      expect({ path, rels: links.map(([rel, hreflang]) => `${rel}${hreflang ? `:${hreflang}` : ''}`) }).toEqual({
        path,
        rels: ['canonical', 'alternate:zh-Hans', 'alternate:en', 'alternate:x-default'],
      });
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

describe("a city-edited layout cannot drop or forge the server's head", () => {
  const TEMPLATE = 'plugin::linkage.site-template';
  const FORGED = '<link rel="canonical" href="https://elsewhere.example/">';
  const MARK = 'EDITED-LAYOUT-4c2a';
  let layoutId: string;
  let layout: string;

  beforeAll(async () => {
    const row = (await t.strapi.db.query(TEMPLATE).findOne({ where: { key: 'layout', publishedAt: null } })) as { documentId: string; body: string };
    layoutId = row.documentId;
    layout = row.body;
  });

  /** Saves the layout's draft and publishes it, as the city's editor does; in the admin's language when given. */
  async function publishLayout(body: string, language?: string) {
    const cm = contentManager(t);
    expect((await cm.update(TEMPLATE, layoutId, { body })).status).toBe(200);
    const request = t.http
      .post(`/content-manager/collection-types/${TEMPLATE}/${layoutId}/actions/publish?locale=zh-Hans`)
      .set({ Authorization: `Bearer ${await t.adminToken()}` });
    return (language ? request.set('Accept-Language', language) : request).send({});
  }

  test.each([
    ['its own canonical link', () => layout.replace('<title>', `${FORGED}\n<title>`), /canonical"> of its own/, /规范链接由服务器写入/],
    [
      'its own language link',
      () => layout.replace('<title>', '<link rel="alternate" hreflang="fr" href="https://elsewhere.example/fr">\n<title>'),
      /hreflang> of its own/,
      /语言链接由服务器写入/,
    ],
    [
      'its own JSON-LD',
      () => layout.replace('<title>', '<script type="application/ld+json">{"@type":"Thing"}</script>\n<title>'),
      /ld\+json"> of its own/,
      /关联数据由服务器写入/,
    ],
    ['no <head> to write into', () => layout.replace('<head>\n', '').replace('</head>\n', ''), /must open with <!doctype html>, <html …> and <head …>/, /页面须以/],
    ['a comment before its head', () => layout.replace('<html', '<!-- the portal --><html'), /must open with/, /页面须以/],
  ])('a layout with %s is refused at publish, in the editor’s language, and pages stay as they were', async (_why, body, reason, zh) => {
    const res = await publishLayout(body());
    expect(res.status).toBe(400);
    expect(fieldErrors(res.body).join('\n')).toMatch(new RegExp(`^body: rendering "site-index" with it: .*${reason.source}`, 'm'));
    const chinese = await publishLayout(body(), 'zh-CN');
    expect(chinese.status).toBe(400);
    expect(chinese.body.error.details.errors.map((e: { message: string }) => e.message).join('\n')).toMatch(zh);
    expect(headLinks((await get(`/sites/${CITY}`)).text).filter(([rel]) => rel === 'canonical')).toHaveLength(1);
  });

  test('a layout that forges the canonical link only on a page the publish check does not render is published; that page falls back to the last good templates', async () => {
    const checked = new Set(
      ((await t.strapi.plugin('linkage').service('sites').heavyPageChecks()) as Array<{ label?: string }>).map((c) => /\((\d{12})\)/.exec(c.label ?? '')?.[1])
    );
    const target = ['370285000000', '370283000000', '370214000000'].find((code) => !checked.has(code)) as string;
    expect(target).toBeDefined();
    const body = layout.replace('<title>', `{% if site.unit.code == '${target}' %}${FORGED}{% endif %}\n<title>`).replace('</footer>', `${MARK}</footer>`);
    const res = await publishLayout(body);
    expect({ status: res.status, errors: fieldErrors(res.body) }).toEqual({ status: 200, errors: [] });

    // Elsewhere, the new layout is live.
    expect((await get(`/sites/${CITY}`)).text).toContain(MARK);
    // On the target's page, the forged link never reaches a reader: the page is the last good layout's, with the server's links only.
    const page = await get(`/sites/${target}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(MARK);
    expect(page.text).not.toContain('elsewhere.example');
    const base = String(t.strapi.config.get('plugin::linkage.baseUrl'));
    expect(headLinks(page.text)).toEqual([
      ['canonical', '', `${base}/sites/${target}?locale=zh-Hans`],
      ['alternate', 'zh-Hans', `${base}/sites/${target}?locale=zh-Hans`],
      ['alternate', 'en', `${base}/sites/${target}?locale=en`],
      ['alternate', 'x-default', `${base}/sites/${target}`],
    ]);
    expectOnlyJsonLd(page.text);
  });
});
