// The OpenAPI document of /api/linkage is complete and exact: it is a valid OpenAPI 3.1 document,
// every operation is public (`security: []`), and every answer of every public route over the
// demo (each unit, item, answer set, format and locale; 304s, 400s and 404s; on Postgres a 503 of
// an outage) is what the document says, body and headers. A response altered to break the document
// is caught, so the check can fail.
import fs from 'node:fs';
import path from 'node:path';
import { databaseClient } from '../support/env';
import { OpenApiConformance, validateDocument, type Exchange, type OpenApiDocument } from '../support/openapi-conformance';
import { walkPublicApi } from '../support/openapi-walk';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

const PLUGIN = path.join(__dirname, '..', '..', 'src', 'plugins', 'linkage');
const DOCUMENT_FILE = path.join(PLUGIN, 'server', 'src', 'openapi', 'linkage-openapi.json');
const document = JSON.parse(fs.readFileSync(DOCUMENT_FILE, 'utf8')) as OpenApiDocument & { info: { license?: { name: string; identifier?: string } } };
const conformance = new OpenApiConformance(document);
const onPostgres = databaseClient() === 'postgres';

let t: TestStrapi;
let proxy: TcpProxy | null = null;
let exchanges: Exchange[] = [];

/** The answer as sent: the body as its text, whatever the media type. */
async function get(url: string, headers: Readonly<Record<string, string>> = {}): Promise<Exchange> {
  const res = await t.http
    .get(url)
    .set(headers)
    .buffer(true)
    .parse((response, done) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => done(null, text));
    });
  return { url, status: res.status, headers: res.headers as Exchange['headers'], body: res.body as string };
}

beforeAll(async () => {
  // On Postgres the app reaches the database through a proxy the outage test below cuts.
  if (onPostgres) proxy = await startTcpProxy({ host: process.env.DATABASE_HOST ?? '127.0.0.1', port: Number(process.env.DATABASE_PORT ?? 5432) });
  t = await startDemoStrapi(proxy ? { env: { DATABASE_HOST: '127.0.0.1', DATABASE_PORT: String(proxy.port) } } : {});
  exchanges = await walkPublicApi(get);
});
afterAll(async () => {
  proxy?.restore();
  await t?.stop();
  await proxy?.close();
});

describe('the document', () => {
  test('is a valid OpenAPI 3.1 document (@seriousme/openapi-schema-validator)', async () => {
    expect(await validateDocument(DOCUMENT_FILE)).toEqual({ valid: true, version: '3.1', errors: null });
  });

  test('every schema in it compiles with Ajv in strict mode (no unknown keyword, no dangling $ref)', () => {
    expect(() => conformance.compileAll()).not.toThrow();
  });

  test('every operation is public (security: []), as every public route is (auth: false), and each route is one operation', () => {
    const operations = conformance.operations();
    expect(operations.filter((o) => !Array.isArray(o.operation.security) || o.operation.security.length !== 0).map((o) => o.name)).toEqual([]);
    type ContentApi = { routes: Array<{ method: string; path: string; config?: { auth?: boolean } }> };
    const { routes } = (t.strapi.plugin('linkage').routes as unknown as Record<string, ContentApi>)['content-api'];
    expect(routes.filter((r) => r.config?.auth !== false)).toEqual([]);
    expect(operations.map((o) => o.name).sort()).toEqual(routes.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`).sort());
  });

  test("names the plugin's license", () => {
    const { license } = JSON.parse(fs.readFileSync(path.join(PLUGIN, 'package.json'), 'utf8')) as { license: string };
    expect(document.info.license).toEqual({ name: license, identifier: license });
  });

  test('is what /api/linkage/openapi.json serves', () => {
    const served = exchanges.find((e) => e.url === '/api/linkage/openapi.json' && e.status === 200);
    expect(JSON.parse(served?.body ?? 'null')).toEqual(document);
  });
});

// What the walk must have met for each operation: every status it can answer but a 503.
const EXPECTED_STATUSES: Record<string, number[]> = {
  'GET /units': [200, 304, 400],
  'GET /items': [200, 304, 400],
  'GET /items/{slug}': [200, 304, 400, 404],
  'GET /items/{slug}/route': [200, 304, 400, 404],
  'GET /items/{slug}/flowchart': [200, 304, 400, 404],
  'GET /sites/{unitCode}': [200, 304, 400, 404],
  'GET /sites/{unitCode}/items/{slug}': [200, 304, 400, 404],
  'GET /changes': [200, 304, 400],
  'GET /documents/{documentId}': [200, 304, 400, 404],
  'GET /exports/cpsv-ap.jsonld': [200, 304, 400, 404],
  'GET /openapi.json': [200, 304, 400],
};

describe('every public answer over the demo is what the document says', () => {
  const operationOf = (url: string): string => {
    const rest = url.split('?')[0].replace(/^\/api\/linkage/, '');
    const template = Object.keys(document.paths)
      .sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))
      .find((tpl) => new RegExp(`^${tpl.replace(/\{\w+\}/g, '[^/]+').replace(/\./g, '\\.')}$`).test(rest));
    return `GET ${template ?? rest}`;
  };

  test('the walk asked every operation, in both locales', () => {
    expect([...new Set(exchanges.map((e) => operationOf(e.url)))].sort()).toEqual(Object.keys(EXPECTED_STATUSES).sort());
    for (const locale of ['zh-Hans', 'en']) expect(exchanges.filter((e) => e.url.includes(`locale=${locale}`) && e.status === 200).length).toBeGreaterThan(100);
  });

  test.each(Object.entries(EXPECTED_STATUSES))('%s: every answer (statuses %p) conforms', (operation, statuses) => {
    const mine = exchanges.filter((e) => operationOf(e.url) === operation);
    expect([...new Set(mine.map((e) => e.status))].sort()).toEqual(statuses);
    expect(mine.flatMap((e) => conformance.check(e))).toEqual([]);
  });
});

if (onPostgres) {
  describe('a database outage (Postgres, reached through a proxy the test cuts)', () => {
    test('the 503 of a read that needs the database is what the document says, Retry-After included', async () => {
      proxy!.cut();
      let answer: Exchange;
      try {
        answer = await get('/api/linkage/changes');
      } finally {
        proxy!.restore();
      }
      expect(answer.status).toBe(503);
      expect(conformance.check(answer)).toEqual([]);
      for (let i = 0; i < 100 && (await get('/_ready')).status !== 200; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    });
  });
}

describe('the check can fail: answers altered to break the document are caught', () => {
  const sample = (pattern: RegExp, status = 200): Exchange => {
    const found = exchanges.find((e) => pattern.test(e.url) && e.status === status);
    if (!found) throw new Error(`the walk has no ${status} answer of ${pattern}`);
    return found;
  };
  /** The exchange with its JSON body changed by `edit`. */
  const altered = (exchange: Exchange, edit: (body: { data: Record<string, unknown> & { [k: string]: unknown } }) => void): Exchange => {
    const body = JSON.parse(exchange.body) as { data: Record<string, unknown> };
    edit(body);
    return { ...exchange, body: JSON.stringify(body) };
  };
  const firstStage = (body: { data: Record<string, unknown> }) => (body.data.stages as Array<Record<string, unknown>>)[0];

  test('the unaltered samples conform', () => {
    for (const e of [sample(/\/items\/[^/?]+\?/), sample(/\/route\?answers.*locale=en/), sample(/\/changes$/)]) expect(conformance.check(e)).toEqual([]);
  });

  test.each<[string, () => Exchange, RegExp]>([
    ['a required field missing (an item without its title)', () => altered(sample(/\/items\/[^/?]+\?/), (b) => delete b.data.title), /must have required property 'title'/],
    ['a field the document does not know', () => altered(sample(/\/items\/[^/?]+\?/), (b) => (b.data.extra = 1)), /unevaluated properties.*extra/],
    [
      'a field of the wrong type (a stage order as text)',
      () => altered(sample(/\/items\/[^/?]+\?/), (b) => (firstStage(b).order = '1')),
      /\/data\/stages\/0\/order must be integer/,
    ],
    [
      'a non-nullable field null (a route stage name)',
      () => altered(sample(/\/route\?answers.*locale=en/), (b) => (firstStage(b).name = null)),
      /\/data\/stages\/0\/name must be string/,
    ],
    [
      'a value outside its enum (a level)',
      () => altered(sample(/\/units/), (b) => ((b.data as unknown as Array<Record<string, unknown>>)[0].level = 'province')),
      /\/data\/0\/level must be equal to one of the allowed values/,
    ],
    [
      'a change with a malformed date',
      () => altered(sample(/\/changes$/), (b) => ((b.data as unknown as Array<Record<string, unknown>>)[0].at = 'yesterday')),
      /\/data\/0\/at must match format "date-time"/,
    ],
    [
      "an error in a shape other than Strapi's",
      () => ({ ...sample(/\/items\?level=planet/, 400), body: JSON.stringify({ message: 'bad' }) }),
      /must have required property 'data'/,
    ],
    ['a status the operation does not document', () => ({ ...sample(/\/units/), status: 418 }), /status 418 is not documented/],
    ['a 304 with a body', () => ({ ...sample(/\/units/, 304), body: '{}' }), /no body/],
    ['an answer without its ETag', () => ({ ...sample(/\/units/), headers: { ...sample(/\/units/).headers, etag: undefined } }), /required header ETag is missing/],
    ['a malformed ETag', () => ({ ...sample(/\/units/), headers: { ...sample(/\/units/).headers, etag: 'abc' } }), /header ETag/],
    [
      'a media type the operation does not answer with',
      () => ({ ...sample(/\/units/), headers: { ...sample(/\/units/).headers, 'content-type': 'text/html' } }),
      /media type "text\/html"/,
    ],
    ['a flow chart in SVG that is not SVG', () => ({ ...sample(/\/flowchart\?format=svg/), body: 'hello' }), /must match pattern/],
    ['a path no operation has', () => ({ ...sample(/\/units/), url: '/api/linkage/nowhere' }), /no operation of the document has this path/],
    ['a query parameter the operation does not declare', () => ({ ...sample(/\/units/), url: '/api/linkage/units?colour=red' }), /query parameter colour is not declared/],
  ])('%s', (_what, exchange, failure) => {
    const failures = conformance.check(exchange());
    expect(failures.join('\n')).toMatch(failure);
  });
});
