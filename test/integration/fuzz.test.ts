// A fuzz corpus over every public and admin parameter and write payload of the plugin: each bad
// input, as text, as a repeated parameter and as a nested one. No answer is a 5xx; every refusal is a
// 4xx in Strapi's error envelope (pages: a plain HTML page) that names the parameter or field; a bad
// write is refused and nothing is stored.
import type { Response } from 'supertest';
import { createAdmin, ROLES } from '../support/admins';
import { changesSince } from '../support/roles-matrix';
import { storedData } from '../support/stored-data';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

const RETIREMENT = 'enterprise-employee-retirement-certification';
const CM = '/content-manager/collection-types';

/** Bad as anything: empty, blank, control characters, numbers out of range, injections, very long, not text. */
const VALUES: readonly string[] = [
  '',
  ' ',
  '\u0000',
  '%00',
  '-1',
  '0.5',
  '1e309',
  'NaN',
  '__proto__',
  '9'.repeat(40),
  '../../etc/passwd',
  "'; DROP TABLE linkage_guides; --",
  '<script>alert(1)</script>',
  'a'.repeat(3000),
  '🙂',
];

/** The values that are bad for an optional link (blank means none). */
const NOT_BLANK = VALUES.filter((v) => v !== '');
/** A department code is letters, digits, "-" and "_": these few are good ones. */
const BAD_CODES = VALUES.filter((v) => !/^[A-Za-z0-9_-]+$/.test(v) || v.length > 64);

type Auth = { Authorization: string } | null;

interface Probe {
  readonly what: string;
  /** The parameter or field a refusal must name. */
  readonly field: string;
  readonly res: Response;
  readonly html?: boolean;
  /** A write: it must be refused. */
  readonly write?: boolean;
}

let t: TestStrapi;
let admin: { Authorization: string };
let auditor: { Authorization: string };
const probes: Probe[] = [];

beforeAll(async () => {
  t = await startDemoStrapi();
  admin = { Authorization: `Bearer ${await t.adminToken()}` };
  auditor = (await createAdmin(t, 'fuzz-auditor@linkage.test', [ROLES.auditor])).auth;
});
afterAll(async () => {
  await t?.stop();
});

const enc = encodeURIComponent;
/** The three shapes of one bad value in a query: plain, repeated, nested. */
const shapes = (name: string, value: string): string[] => [`${name}=${enc(value)}`, `${name}[]=${enc(value)}&${name}[]=x`, `${name}[a]=${enc(value)}`];

async function get(what: string, field: string, url: string, auth: Auth, html = false): Promise<void> {
  const req = t.http.get(url);
  probes.push({ what, field, res: await (auth ? req.set(auth) : req), html });
}

/** Why a probe's answer breaks the contract, or null. */
function breach(p: Probe): string | null {
  const { status } = p.res;
  if (status >= 500) return `${status}`;
  if (p.write && status < 400) return `accepted (${status})`;
  if (status < 400) return null;
  if (p.html) return /text\/html/.test(String(p.res.headers['content-type'])) ? null : `${status} without a page`;
  const error = p.res.body?.error as { status?: number; name?: string; message?: string; details?: { errors?: Array<{ path: string[] }>; parameter?: string } } | undefined;
  if (!error || error.status !== status || typeof error.name !== 'string' || typeof error.message !== 'string')
    return `${status} outside Strapi's error envelope: ${p.res.text.slice(0, 120)}`;
  const paths = (error.details?.errors ?? []).map((e) => e.path.join('.'));
  const named = paths.some((path) => path === p.field || path.startsWith(`${p.field}.`)) || error.details?.parameter === p.field || error.message.includes(p.field);
  return named ? null : `${status} not naming ${p.field}: ${error.message.slice(0, 160)}`;
}

test('the public API: every parameter', async () => {
  const queries: Array<[string, string, string[]]> = [
    ['/api/linkage/units', '', ['locale']],
    ['/api/linkage/items', '', ['domain', 'unit', 'level', 'q', 'locale']],
    [`/api/linkage/items/${RETIREMENT}`, '', ['locale']],
    [`/api/linkage/items/${RETIREMENT}/route`, '', ['answers[retirement_type]', 'answers[enterprise_location]', 'answers[no_such_question]', 'locale']],
    [`/api/linkage/items/${RETIREMENT}/flowchart`, '', ['format', 'locale']],
    ['/api/linkage/sites/370281000000', '', ['locale']],
    [`/api/linkage/sites/370281000000/items/${RETIREMENT}`, '', ['locale']],
    ['/api/linkage/changes', '', ['since', 'unit', 'limit']],
    ['/api/linkage/exports/cpsv-ap.jsonld', '', ['item']],
  ];
  for (const [path, , names] of queries) {
    for (const name of names) {
      for (const value of VALUES)
        for (const query of shapes(name, value)) await get(`GET ${path}?${name}`, name.replace(/\[.*$/, '') === 'answers' ? name.slice(8, -1) : name, `${path}?${query}`, null);
    }
  }
  for (const value of VALUES) {
    await get('GET /api/linkage/items/:slug', 'slug', `/api/linkage/items/${enc(value) || '%20'}`, null);
    await get('GET /api/linkage/items/:slug/route', 'slug', `/api/linkage/items/${enc(value) || '%20'}/route`, null);
    await get('GET /api/linkage/sites/:unitCode', 'unitCode', `/api/linkage/sites/${enc(value) || '%20'}`, null);
    await get('GET /sites/:unitCode', 'unitCode', `/sites/${enc(value) || '%20'}`, null, true);
    await get('GET /sites/:unitCode/items/:slug', 'slug', `/sites/370281000000/items/${enc(value) || '%20'}`, null, true);
    for (const query of shapes('answers[retirement_type]', value))
      await get('GET /sites/.../route', 'retirement_type', `/sites/370200000000/items/${RETIREMENT}/route?${query}`, null, true);
  }
});

test('the admin API: every parameter', async () => {
  const item = (await t.strapi.db.query('plugin::linkage.item').findOne({ select: ['documentId'] })) as { documentId: string };
  // Each with the other parameters valid: a refusal is about the one under test.
  const queries: Array<[string, string[], Auth, Record<string, string>]> = [
    ['/linkage/audit', ['unit', 'subject', 'user', 'since', 'page', 'pageSize'], auditor, {}],
    ['/linkage/reports/ownership', ['unit', 'subtree', 'level', 'domain', 'asOf', 'format'], auditor, {}],
    ['/linkage/reports/ownership/records', ['owner', 'category', 'limit', 'offset', 'format'], auditor, {}],
    ['/linkage/my-guides', ['page', 'pageSize', 'unitCode'], admin, {}],
    ['/linkage/reviews', ['uid', 'documentId'], admin, { uid: 'plugin::linkage.item', documentId: item.documentId }],
    ['/linkage/memberships', ['email', 'unitCode'], admin, {}],
  ];
  for (const [path, names, auth, valid] of queries) {
    for (const name of names) {
      const others = Object.entries(valid)
        .filter(([k]) => k !== name)
        .map(([k, v]) => `&${k}=${enc(v)}`)
        .join('');
      for (const value of VALUES) for (const query of shapes(name, value)) await get(`GET ${path}?${name}`, name, `${path}?${query}${others}`, auth);
    }
  }
  for (const value of VALUES) {
    await get('GET /linkage/guides/:documentId/assurance', 'documentId', `/linkage/guides/${enc(value) || '%20'}/assurance`, admin);
    await get('GET /linkage/items/:documentId/checks', 'documentId', `/linkage/items/${enc(value) || '%20'}/checks`, admin);
    await get('GET /linkage/items/:documentId/flowchart', 'documentId', `/linkage/items/${enc(value) || '%20'}/flowchart`, admin);
  }
});

test('write payloads: each bad field refused, nothing stored', async () => {
  const before = await storedData(t.strapi);
  const post = async (what: string, field: string, url: string, body: object, method: 'post' | 'put' | 'delete' = 'post') => {
    const res = await t.http[method](url).set(admin).send(body);
    probes.push({ what, field, res, write: true });
  };
  // Each payload is valid but for the one field under test.
  const bodies: Array<[string, string, Record<string, unknown>, string[], readonly unknown[]]> = [
    ['POST /linkage/memberships', '/linkage/memberships', { email: 'fuzz-auditor@linkage.test', unitCode: '370202000000', scope: 'unit' }, ['email', 'unitCode', 'scope'], VALUES],
    ['POST /linkage/reviews', '/linkage/reviews', { uid: 'plugin::linkage.item', documentId: 'x', note: 'ok' }, ['uid', 'documentId'], VALUES],
    ['POST /linkage/reviews (note)', '/linkage/reviews', { uid: 'plugin::linkage.item', documentId: 'x' }, ['note'], ['a'.repeat(2001), 5, { a: 1 }, ['x']]],
    [
      'POST /linkage/my-guides/missing',
      '/linkage/my-guides/missing',
      { itemCode: 'QD-SI-001', stageKey: 'district-review', unitCode: '370285000000' },
      ['itemCode', 'stageKey', 'unitCode'],
      VALUES,
    ],
    [
      'create a unit',
      `${CM}/plugin::linkage.unit?locale=zh-Hans`,
      { code: '370202009000', level: 'street', kind: 'subdistrict', parentCode: '370202000000', name: '测试街道', siteUrl: 'https://x.example' },
      ['code', 'level', 'parentCode'],
      VALUES,
    ],
    [
      'create a unit (siteUrl)',
      `${CM}/plugin::linkage.unit?locale=zh-Hans`,
      { code: '370202009000', level: 'street', kind: 'subdistrict', parentCode: '370202000000', name: '测试街道' },
      ['siteUrl'],
      NOT_BLANK,
    ],
    ['create a department', `${CM}/plugin::linkage.department?locale=zh-Hans`, { code: 'FUZZ-D', kind: 'SI', unitCode: '370202000000', name: '测试部门' }, ['unitCode'], VALUES],
    ['create a department (code)', `${CM}/plugin::linkage.department?locale=zh-Hans`, { kind: 'SI', unitCode: '370202000000', name: '测试部门' }, ['code'], BAD_CODES],
    [
      'create a guide',
      `${CM}/plugin::linkage.guide?locale=zh-Hans`,
      { itemCode: 'QD-SI-001', stageKey: 'district-review', unitCode: '370285000000', departmentCode: '370285-SI', onlineUrl: 'https://x.example' },
      ['itemCode', 'stageKey', 'unitCode', 'departmentCode'],
      VALUES,
    ],
    [
      'create a guide (onlineUrl)',
      `${CM}/plugin::linkage.guide?locale=zh-Hans`,
      { itemCode: 'QD-SI-001', stageKey: 'district-review', unitCode: '370285000000', departmentCode: '370285-SI' },
      ['onlineUrl'],
      NOT_BLANK,
    ],
    [
      'create a responsibility rule',
      `${CM}/plugin::linkage.responsibility-rule?locale=zh-Hans`,
      { key: 'fuzz-rule', scope: 'guide', level: 'street', reviewEveryDays: 90 },
      ['scope', 'reviewEveryDays'],
      VALUES,
    ],
    // A rule's key is lower-case letters, digits and "-": these are the bad ones.
    [
      'create a responsibility rule (key)',
      `${CM}/plugin::linkage.responsibility-rule?locale=zh-Hans`,
      { scope: 'guide', level: 'street', reviewEveryDays: 90 },
      ['key'],
      VALUES.filter((v) => !/^[a-z0-9][a-z0-9-]*$/.test(v)),
    ],
    ['create a site template', `${CM}/plugin::linkage.site-template/actions/publish?locale=zh-Hans`, { key: 'fuzz-part', body: 'ok' }, ['key'], VALUES],
    [
      'publish a site template (body)',
      `${CM}/plugin::linkage.site-template/actions/publish?locale=zh-Hans`,
      { key: 'fuzz-part' },
      ['body'],
      ['', ' ', '{{ x | raw }}', '{% raw %}x{% endraw %}', '{% if %}', '{{ x | no_such_filter }}'],
    ],
  ];
  for (const [what, url, valid, fields, values] of bodies) {
    for (const field of fields) for (const value of values) await post(`${what}: ${field}`, field, url, { ...valid, [field]: value });
  }
  for (const value of VALUES) await post('DELETE /linkage/memberships/:documentId', 'documentId', `/linkage/memberships/${enc(value) || '%20'}`, {}, 'delete');
  for (const value of [[5], ['no-such-field'], 'conditions', { a: 1 }, null]) {
    const res = await t.http.put('/content-manager/single-types/plugin::linkage.guide-spec').set(admin).send({ required: value });
    probes.push({ what: 'update the guide spec', field: 'required', res, write: true });
  }
  expect(await changesSince(t.strapi, before)).toEqual([]);
});

test('the corpus: over 200 bad inputs; no 5xx; every refusal a 4xx in the envelope naming its field', () => {
  expect(probes.length).toBeGreaterThan(200);
  const found = probes.map((p) => ({ p, why: breach(p) })).filter((x) => x.why !== null);
  expect(found.map(({ p, why }) => `${p.what} [${JSON.stringify(p.res.req?.path ?? '').slice(0, 90)}]: ${why}`)).toEqual([]);
  // And the refusals are most of it: the corpus is bad input.
  expect(probes.filter((p) => p.res.status >= 400).length).toBeGreaterThan(probes.length / 2);
});
