// The public API and the sites speak HTTP as RFC 9110 says: conditional requests with weak and
// strong comparison, gzip and brotli with an ETag per representation, parameters refused by name,
// case-insensitive locale tags, cache policies; and cache hits answered before Koa with the same
// bytes and headers the long way gave.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Context, Next } from 'koa';
import { documentIdOf } from '../support/demo';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

const GUIDE = 'plugin::linkage.guide';
let t: TestStrapi;
/** Every request that reached Koa (a cache hit answered before it does not). */
const reachedKoa: string[] = [];

beforeAll(async () => {
  t = await startDemoStrapi({
    beforeMount: (app) => {
      app.server.use(async (ctx: Context, next: Next) => {
        reachedKoa.push(ctx.url);
        await next();
      });
    },
  });
  await new Promise<void>((resolve) => t.strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
});
afterAll(async () => {
  await t?.stop();
});

const ITEM = '/api/linkage/items/enterprise-employee-retirement-certification';
const PAGE = '/sites/370281000000/items/enterprise-employee-retirement-certification?locale=zh-Hans';
const ROUTE = `${ITEM}/route?answers[retirement_type]=normal&answers[enterprise_type]=domestic&answers[enterprise_location]=370281000000`;

/** A request without supertest's own Accept-Encoding (gzip, deflate), unless one is given. */
const get = (url: string, headers: Record<string, string> = {}) => t.http.get(url).set({ 'Accept-Encoding': 'identity', ...headers });

/** The headers of an answer without those that differ between any two answers (Date). */
const headersOf = (response: { headers: Record<string, string> }) => Object.fromEntries(Object.entries(response.headers).filter(([name]) => name !== 'date'));

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** The bytes as sent (supertest would decode them), over a socket of its own. */
function raw(url: string, encoding: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  const { port } = t.strapi.server.httpServer.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: url, method, headers: { 'Accept-Encoding': encoding, ...headers }, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers as Record<string, string>, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('conditional requests', () => {
  test.each([ITEM, PAGE, ROUTE, '/api/linkage/units', '/api/linkage/changes', '/api/linkage/openapi.json'])(
    '%s: its ETag strong or weak, in a list or alone, gets a 304; another gets a 200',
    async (url) => {
      const first = await get(url);
      expect(first.status).toBe(200);
      const etag = first.headers.etag;
      expect(etag).toMatch(/^"[^"]+"$/);
      for (const header of [etag, `W/${etag}`, `"other", W/${etag}`, '*']) {
        const again = await get(url, { 'If-None-Match': header });
        expect({ header, status: again.status, etag: again.headers.etag }).toEqual({ header, status: 304, etag });
      }
      expect((await get(url, { 'If-None-Match': '"other"' })).status).toBe(200);
    }
  );

  test('Last-Modified is sent, and If-Modified-Since is honoured unless If-None-Match is given', async () => {
    const first = await get(ITEM);
    const lastModified = first.headers['last-modified'];
    expect(new Date(lastModified).toUTCString()).toBe(lastModified);
    expect((await get(ITEM, { 'If-Modified-Since': lastModified })).status).toBe(304);
    expect((await get(ITEM, { 'If-Modified-Since': new Date(Date.parse(lastModified) - 1000).toUTCString() })).status).toBe(200);
    // If-None-Match decides when both are sent (RFC 9110 §13.2.2).
    expect((await get(ITEM, { 'If-Modified-Since': lastModified, 'If-None-Match': '"other"' })).status).toBe(200);
  });
});

describe('compression', () => {
  test.each([
    ['br', brotliDecompressSync],
    ['gzip', gunzipSync],
  ] as const)('%s: the body is compressed, decodes to the same bytes, and has its own ETag; Vary names Accept-Encoding', async (coding, decode) => {
    for (const url of [ITEM, PAGE, '/api/linkage/changes']) {
      const plain = await raw(url, 'identity');
      const coded = await raw(url, coding === 'br' ? 'gzip;q=0.5, br' : 'gzip');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(coded.headers['content-encoding']).toBe(coding);
      expect(decode(coded.body).equals(plain.body)).toBe(true);
      expect(coded.body.length).toBeLessThan(plain.body.length / 2);
      expect(coded.headers.etag).not.toBe(plain.headers.etag);
      expect(coded.headers.vary).toMatch(/Accept-Encoding/i);
      expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
      const revalidated = await raw(url, coding, { 'If-None-Match': coded.headers.etag });
      expect(revalidated.status).toBe(304);
    }
  });

  test('a client that refuses identity but names nothing else, or gives br q=0, is not sent br', async () => {
    expect((await raw(ITEM, 'br;q=0, gzip')).headers['content-encoding']).toBe('gzip');
    expect((await raw(ITEM, 'compress')).headers['content-encoding']).toBeUndefined();
  });
});

describe('parameters', () => {
  test.each([
    ['/api/linkage/items?domain=housing&domain=healthcare', 'domain', 'must be given once'],
    ['/api/linkage/items?filters[domain][$eq]=housing', 'filters', 'is not a parameter of this address'],
    ['/api/linkage/items?colour=red', 'colour', 'is not a parameter of this address'],
    ['/api/linkage/units?locale=en&locale=zh-Hans', 'locale', 'must be given once'],
    [`${ITEM}?populate=*`, 'populate', 'is not a parameter of this address'],
    [`${ROUTE}&answers[retirement_type]=special`, 'answers.retirement_type', 'must be given once'],
    ['/api/linkage/changes?since=0&since=1', 'since', 'must be given once'],
    ['/api/linkage/changes?cursor=3', 'cursor', 'is not a parameter of this address'],
    ['/api/linkage/openapi.json?x=1', 'x', 'this address takes no parameters'],
    ['/sites/assets/site.css?v=000000000000&colour=red', 'colour', 'is not a parameter of this address'],
    ['/sites/assets/site.css?v=1&v=2', 'v', 'must be given once'],
    ['/sites/assets/navigator.js?cachebust=1', 'cachebust', 'is not a parameter of this address'],
  ])('%s is a 400 naming %s', async (url, name, reason) => {
    const response = await get(url);
    expect(response.status).toBe(400);
    const errors = response.body.error.details.errors as Array<{ path: string[]; message: string; reason: string }>;
    expect(errors.map((e) => e.path.join('.'))).toContain(name);
    const error = errors.find((e) => e.path.join('.') === name);
    expect(error?.reason).toContain(reason);
    // The sentence names the parameter as it was sent.
    expect(error?.message).toContain(`“${name.replace(/\.(.+)$/, '[$1]')}”`);
  });

  test('locale tags are case-insensitive: zh-hans and EN are the catalog’s zh-Hans and en', async () => {
    const lower = await get('/api/linkage/units?locale=zh-hans');
    expect(lower.status).toBe(200);
    expect(lower.body.meta.locale).toBe('zh-Hans');
    expect(lower.body).toEqual((await get('/api/linkage/units?locale=zh-Hans')).body);
    expect((await get(`${ITEM}?locale=EN`)).body.meta.locale).toBe('en');
    expect((await get('/sites/370200000000?locale=EN')).text).toContain('lang="en"');
  });

  test('a change cursor past the head is a 400 (a client would skip what comes later); the head itself is not', async () => {
    const { meta } = (await get('/api/linkage/changes?limit=1000')).body as { meta: { cursor: number; more: boolean } };
    expect(meta.more).toBe(false);
    expect((await get(`/api/linkage/changes?since=${meta.cursor}`)).status).toBe(200);
    const past = await get(`/api/linkage/changes?since=${meta.cursor + 1}`);
    expect(past.status).toBe(400);
    expect(past.body.error.details.errors[0]).toMatchObject({ path: ['since'] });
    expect(past.body.error.details.errors[0].message).toContain(`past the last change (${meta.cursor})`);
  });
});

describe('cache policies', () => {
  test('the fingerprinted stylesheet is kept a year; pages, views and documents are revalidated; the feed is never kept', async () => {
    const page = await get('/sites/370200000000?locale=en');
    const [, href] = /href="(\/sites\/assets\/site\.css\?v=[^"]+)"/.exec(page.text) ?? [];
    expect(href).toBeDefined();
    expect((await get(href)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // Another version than the page names is not that version's bytes: revalidated.
    expect((await get('/sites/assets/site.css?v=000000000000')).headers['cache-control']).toBe('public, max-age=0, s-maxage=0');
    expect(page.headers['cache-control']).toBe('public, max-age=0, s-maxage=0');
    expect((await get(ITEM)).headers['cache-control']).toBe('public, max-age=0, s-maxage=0');
    expect((await get('/api/linkage/changes')).headers['cache-control']).toBe('no-cache');
  });
});

describe('cache hits before Koa', () => {
  test.each([ITEM, PAGE, ROUTE, '/api/linkage/units?locale=en', '/api/linkage/sites/370281000000'])(
    '%s: the second request is answered before Koa, with the same bytes and headers as the first',
    async (url) => {
      for (const encoding of ['identity', 'br', 'gzip']) {
        await raw(url, encoding); // in the cache, whatever came before
        reachedKoa.length = 0;
        const first = await raw(url, encoding);
        const second = await raw(url, encoding);
        const conditional = await raw(url, encoding, { 'If-None-Match': `W/${first.headers.etag}` });
        expect(reachedKoa).toEqual([]);
        expect(second.status).toBe(200);
        expect(second.body.equals(first.body)).toBe(true);
        expect(headersOf(second)).toEqual(headersOf(first));
        expect(conditional.status).toBe(304);
        expect(conditional.headers.etag).toBe(first.headers.etag);
      }
    }
  );

  test('the headers a hit replays are those the long way sets: security headers, CORS, Vary', async () => {
    const url = PAGE;
    reachedKoa.length = 0;
    const slow = await raw(url, 'identity', { Origin: 'https://example.org' });
    const fast = await raw(url, 'identity', { Origin: 'https://example.org' });
    expect(reachedKoa).toEqual([url]);
    for (const response of [slow, fast]) {
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(response.headers['content-security-policy']).toBeDefined();
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(headersOf(fast)).toEqual(headersOf(slow));
  });

  test('a HEAD hit sends the headers without the body', async () => {
    await get(ITEM);
    reachedKoa.length = 0;
    const head = await raw(ITEM, 'identity', {}, 'HEAD');
    expect(reachedKoa).toEqual([]);
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength((await get(ITEM)).text)));
    expect(head.body.length).toBe(0);
  });

  test('a publish is served on the next request, and the hit path answers it again afterwards', async () => {
    const documentId = await documentIdOf(t.strapi, GUIDE, { itemCode: 'QD-SI-001', stageKey: 'district-review', unitCode: '370281000000' });
    await get(PAGE);
    const before = await get(PAGE);
    await t.strapi.documents(GUIDE as 'plugin::linkage.guide').update({ documentId, locale: 'zh-Hans', data: { phone: '0532-11112222' } as never, status: 'published' });
    reachedKoa.length = 0;
    const after = await get(PAGE);
    expect(after.text).toContain('0532-11112222');
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(reachedKoa).toEqual([PAGE]);
    const hit = await get(PAGE);
    expect(hit.text).toBe(after.text);
    expect(reachedKoa).toEqual([PAGE]);
  });

  test('errors, previews and the change feed always take the long way', async () => {
    reachedKoa.length = 0;
    for (let i = 0; i < 2; i += 1) {
      await get('/api/linkage/items/no-such-item');
      await get('/api/linkage/changes');
    }
    expect(reachedKoa).toEqual(['/api/linkage/items/no-such-item', '/api/linkage/changes', '/api/linkage/items/no-such-item', '/api/linkage/changes']);
  });
});

describe('site page misses before Koa', () => {
  const SLUG = 'enterprise-employee-retirement-certification';
  const sites = () =>
    t.strapi.plugin('linkage').service('sites') as {
      itemPage(u: string, s: string, l: string): Promise<{ body: Buffer; etag: string }>;
      indexPage(u: string, l: string): Promise<{ body: Buffer; etag: string }>;
      routePage(u: string, s: string, answers: Record<string, string>, l: string): Promise<{ body: Buffer; etag: string }>;
    };
  /** Forgets what was rendered and what the chain's answers looked like, as a write does. */
  const forget = () => (t.strapi.plugin('linkage').service('published') as { invalidate(): void }).invalidate();
  const REPRESENTATION = ['etag', 'content-length', 'date'];
  const chainHeaders = (response: RawResponse) => Object.fromEntries(Object.entries(response.headers).filter(([name]) => !REPRESENTATION.includes(name)));

  test("once the chain has answered a unit's item page, another unit's item page is rendered before Koa: the page's bytes, the chain's headers", async () => {
    forget();
    reachedKoa.length = 0;
    const learned = await raw(`/sites/370281000000/items/${SLUG}`, 'identity');
    const miss = await raw(`/sites/370200000000/items/${SLUG}`, 'identity');
    expect(reachedKoa).toEqual([`/sites/370281000000/items/${SLUG}`]);
    expect(learned.status).toBe(200);
    expect(miss.status).toBe(200);
    const page = await sites().itemPage('370200000000', SLUG, 'zh-Hans');
    expect(miss.body.equals(page.body)).toBe(true);
    expect(miss.headers.etag).toBe(page.etag);
    expect(miss.headers['content-length']).toBe(String(page.body.length));
    expect(chainHeaders(miss)).toEqual(chainHeaders(learned));
    expect(miss.headers['content-security-policy']).toBeDefined();
    expect(miss.headers.vary).toBe('Origin, Accept-Language, Accept-Encoding');
    // Then a hit, as for any answer.
    const hit = await raw(`/sites/370200000000/items/${SLUG}`, 'identity');
    expect(hit.body.equals(miss.body)).toBe(true);
    expect(reachedKoa).toHaveLength(1);
  });

  test("a unit's home page likewise; in the reader's language, in each content coding", async () => {
    forget();
    reachedKoa.length = 0;
    await raw('/sites/370281000000', 'identity');
    const english = await raw('/sites/370200000000', 'identity', { 'Accept-Language': 'en-GB,en;q=0.9' });
    const brotli = await raw('/sites/370202001000', 'br');
    expect(reachedKoa).toEqual(['/sites/370281000000']);
    expect(english.body.equals((await sites().indexPage('370200000000', 'en')).body)).toBe(true);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(brotli.body).equals((await sites().indexPage('370202001000', 'zh-Hans')).body)).toBe(true);
  });

  test("once the chain has answered a route page, another route page is rendered before Koa: the page's bytes, the chain's headers", async () => {
    const CITY = '370200000000';
    const route = (query: string) => `/sites/${CITY}/items/${SLUG}/route?${query}`;
    forget();
    reachedKoa.length = 0;
    const learned = await raw(route('answers%5Benterprise_type%5D=foreign'), 'identity');
    const miss = await raw(route('answers%5Bretirement_type%5D=normal&answers%5Benterprise_type%5D=domestic&answers%5Benterprise_location%5D=370281000000'), 'identity');
    // A choice in progress, the brackets as a hand would type them.
    const step = await raw(route('answers[enterprise_location]=370281000000'), 'identity');
    expect(reachedKoa).toEqual([route('answers%5Benterprise_type%5D=foreign')]);
    expect([learned.status, miss.status, step.status]).toEqual([200, 200, 200]);
    const page = await sites().routePage(CITY, SLUG, { retirement_type: 'normal', enterprise_type: 'domestic', enterprise_location: '370281000000' }, 'zh-Hans');
    expect(miss.body.equals(page.body)).toBe(true);
    expect(miss.headers.etag).toBe(page.etag);
    expect(step.body.equals((await sites().routePage(CITY, SLUG, { enterprise_location: '370281000000' }, 'zh-Hans')).body)).toBe(true);
    expect(chainHeaders(miss)).toEqual(chainHeaders(learned));
    expect(miss.headers.vary).toBe('Origin, Accept-Language, Accept-Encoding');
  });

  test('a page asked for with ?locale= does not vary with Accept-Language: its headers are learned from a page asked for so, not from one without', async () => {
    const CITY = '370200000000';
    forget();
    await raw(`/sites/${CITY}/items/${SLUG}/route?answers%5Benterprise_type%5D=foreign`, 'identity');
    reachedKoa.length = 0;
    const learned = await raw(`/sites/${CITY}/items/${SLUG}/route?answers%5Benterprise_type%5D=foreign&locale=en`, 'identity');
    const miss = await raw(`/sites/${CITY}/items/${SLUG}/route?locale=en&answers%5Benterprise_type%5D=domestic`, 'gzip', { 'Accept-Language': 'zh-CN' });
    const item = await raw(`/sites/370281000000/items/${SLUG}?locale=en`, 'identity');
    const itemMiss = await raw(`/sites/${CITY}/items/${SLUG}?locale=en`, 'identity');
    expect(reachedKoa).toEqual([`/sites/${CITY}/items/${SLUG}/route?answers%5Benterprise_type%5D=foreign&locale=en`, `/sites/370281000000/items/${SLUG}?locale=en`]);
    expect(learned.headers.vary).toBe('Origin, Accept-Encoding');
    expect(miss.headers.vary).toBe('Origin, Accept-Encoding');
    expect(miss.status).toBe(200);
    expect(gunzipSync(miss.body).equals((await sites().routePage(CITY, SLUG, { enterprise_type: 'domestic' }, 'en')).body)).toBe(true);
    expect(chainHeaders(itemMiss)).toEqual(chainHeaders(item));
    expect(itemMiss.body.equals((await sites().itemPage(CITY, SLUG, 'en')).body)).toBe(true);
  });

  test('route pages whose answers are refused, and queries not plainly the parameters a page takes, take the long way, which refuses them', async () => {
    const CITY = '370200000000';
    forget();
    await raw(`/sites/${CITY}/items/${SLUG}/route?answers%5Benterprise_type%5D=foreign`, 'identity');
    await raw(`/sites/${CITY}/items/${SLUG}`, 'identity');
    reachedKoa.length = 0;
    const urls = [
      `/sites/${CITY}/items/${SLUG}/route?answers%5Bretirement_type%5D=sometime`,
      `/sites/${CITY}/items/${SLUG}/route?answers%5Bretirement_type%5D=normal&answers%5Bretirement_type%5D=early`,
      `/sites/${CITY}/items/${SLUG}/route?answers%5B0%5D=normal`,
      `/sites/${CITY}/items/${SLUG}/route?answers=normal`,
      `/sites/${CITY}/items/${SLUG}?answers%5Bretirement_type%5D=normal`,
      `/sites/${CITY}/items/${SLUG}?locale=en&locale=zh-Hans`,
    ];
    const answers = [];
    for (const url of urls) answers.push(await raw(url, 'identity'));
    expect(reachedKoa).toEqual(urls);
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 400, 400]);
  });

  test('a page that cannot be shown, an origin not seen yet, and a page of a form the chain has not answered yet (?locale=, a route page) take the long way', async () => {
    forget();
    await raw(`/sites/370281000000/items/${SLUG}`, 'identity');
    reachedKoa.length = 0;
    const urls = [`/sites/370299000000/items/${SLUG}`, '/sites/999999999999', `/sites/370200000000/items/${SLUG}?locale=en`, `/sites/370281000000/items/${SLUG}/route`];
    const answers = await Promise.all(urls.map((url) => raw(url, 'identity')));
    const otherOrigin = await raw(`/sites/370202001000`, 'identity', { Origin: 'https://example.org' });
    expect(reachedKoa.sort()).toEqual([...urls, '/sites/370202001000'].sort());
    expect(answers.map((a) => a.status)).toEqual([404, 404, 200, 200]);
    expect(answers[0].body.toString()).toContain('<html');
    expect(otherOrigin.headers['access-control-allow-origin']).toBe('*');
    // The next page from that origin is rendered before Koa, with its CORS headers.
    reachedKoa.length = 0;
    const next = await raw(`/sites/370200000000`, 'identity', { Origin: 'https://example.org' });
    expect(reachedKoa).toEqual([]);
    expect(next.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('ids and dates', () => {
  test('public records carry their document id and when they were updated and published', async () => {
    const items = (await get('/api/linkage/items?locale=en')).body.data as Array<Record<string, unknown>>;
    const stored = (await t.strapi.db.query('plugin::linkage.item').findMany({ where: { locale: 'en', publishedAt: { $notNull: true } } })) as Array<{
      code: string;
      documentId: string;
      updatedAt: string;
      publishedAt: string;
    }>;
    expect(items.length).toBe(stored.length);
    for (const item of items) {
      const row = stored.find((r) => r.code === item.code);
      expect(item).toMatchObject({
        documentId: row?.documentId,
        updatedAt: new Date(row?.updatedAt ?? '').toISOString(),
        publishedAt: new Date(row?.publishedAt ?? '').toISOString(),
      });
    }
    const detail = (await get(`${ITEM}?locale=en`)).body.data;
    expect(detail.documentId).toBe(stored.find((r) => r.code === detail.code)?.documentId);
    const [city] = (await get('/api/linkage/units')).body.data;
    expect(city).toMatchObject({ code: '370200000000', documentId: expect.any(String), updatedAt: expect.any(String), publishedAt: expect.any(String) });
    expect(city.children[0].documentId).toEqual(expect.any(String));
  });

  test("the guides a route and a unit's item page show carry their document id and dates, in the locale shown", async () => {
    const stored = (await t.strapi.db.query('plugin::linkage.guide').findMany({ where: { publishedAt: { $notNull: true } } })) as Array<{
      itemCode: string;
      stageKey: string;
      unitCode: string;
      locale: string;
      documentId: string;
      updatedAt: string;
      publishedAt: string;
    }>;
    const stampOf = (stageKey: string, unitCode: string, locale: string) => {
      const row = stored.find((r) => r.itemCode === 'QD-SI-001' && r.stageKey === stageKey && r.unitCode === unitCode && r.locale === locale);
      return { documentId: row?.documentId, updatedAt: new Date(row?.updatedAt ?? '').toISOString(), publishedAt: new Date(row?.publishedAt ?? '').toISOString() };
    };
    for (const locale of ['zh-Hans', 'en']) {
      const route = (await get(`${ROUTE}&locale=${locale}`)).body.data as {
        stages: Array<{ key: string; handler: { unit: { code: string } } | null; guide: Record<string, unknown> | null }>;
      };
      const shown = route.stages.filter((s) => s.guide && s.guide.status !== 'missing');
      expect(shown.length).toBeGreaterThan(1);
      for (const stage of shown) expect(stage.guide).toMatchObject(stampOf(stage.key, stage.handler?.unit.code as string, locale));
      const site = (await get(`/api/linkage/sites/370281000000/items/enterprise-employee-retirement-certification?locale=${locale}`)).body.data as {
        ownGuides: Array<{ stage: { key: string }; guide: Record<string, unknown> }>;
      };
      expect(site.ownGuides.length).toBeGreaterThan(0);
      for (const own of site.ownGuides) expect(own.guide).toMatchObject(stampOf(own.stage.key, '370281000000', locale));
    }
  });

  test('every document the change feed names that is public can be looked up by its id; others are a 404', async () => {
    const changes = (await get('/api/linkage/changes?limit=1000')).body.data as Array<{ subjectUid: string; subjectDocumentId: string; action: string }>;
    const named = new Map(changes.filter((c) => c.action === 'published').map((c) => [c.subjectDocumentId, c.subjectUid]));
    let looked = 0;
    let considered = 0;
    for (const [documentId, uid] of named) {
      if (!['plugin::linkage.item', 'plugin::linkage.guide'].includes(uid)) continue;
      considered += 1;
      const response = await get(`/api/linkage/documents/${documentId}?locale=zh-Hans`);
      expect({ documentId, status: response.status }).toEqual({ documentId, status: 200 });
      expect(response.body.data).toMatchObject({ documentId, type: uid === 'plugin::linkage.item' ? 'item' : 'guide' });
      const { api } = response.body.data as { api: string | null };
      // null: a guide the rules give no stage to any more is shown nowhere.
      if (api !== null) expect({ api, status: (await get(api)).status }).toEqual({ api, status: 200 });
      looked += api === null ? 0 : 1;
    }
    expect(looked).toBeGreaterThan(considered / 2);
    const missing = await get('/api/linkage/documents/no-such-document');
    expect(missing.status).toBe(404);
  });
});

describe('parameters of the pages', () => {
  test.each([
    ['en', 'This address has parameters the page does not take', 'This address does not take “colour”.', 'Open this page without them'],
    ['zh-Hans', '这个网址带有本页不接受的参数', '此地址不接受参数“colour”。', '打开不带这些参数的本页'],
  ])('in %s: an unknown parameter is a 400 page that names it and links to the page without it', async (locale, message, sentence, way) => {
    const page = await get(`/sites/370200000000?colour=red&locale=${locale}`);
    expect(page.status).toBe(400);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain(message);
    expect(page.text).toContain(sentence);
    expect(page.text).toContain(`<a href="/sites/370200000000?locale=${locale}">${way}</a>`);
    expect((await get(`/sites/370200000000?locale=${locale}`)).status).toBe(200);
  });

  test('a route page refuses an answer given twice, and takes answers given once', async () => {
    const route = '/sites/370281000000/items/enterprise-employee-retirement-certification/route?locale=en&answers[retirement_type]=normal';
    expect((await get(route)).status).toBe(200);
    const twice = await get(`${route}&answers[retirement_type]=special`);
    expect(twice.status).toBe(400);
    expect(twice.text).toContain('“answers[retirement_type]” must be given once.');
  });
});
