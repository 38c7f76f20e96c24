// CORS: the admin API takes credentials only from its own origin (and the configured ones); the
// public API (content API and site pages) answers any origin, never with credentials, exposes ETag
// and accepts If-None-Match in a preflight.
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { copyOfTemplate, type TestDatabase } from '../support/databases';
import { TEST_ADMIN, applyTestEnv } from '../support/env';
import { bootStrapi, stopStrapi } from '../support/strapi';

const CONFIGURED = 'https://admin.qingdao.example';
const FOREIGN = 'https://evil.example';
const HOST = 'linkage.qingdao.example:1337';

const cookiesOf = (res: request.Response): string => ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []).map((c) => c.split(';')[0]).join('; ');

let database: TestDatabase;
let app: Core.Strapi;
let http: ReturnType<typeof request>;
let own: string;
let refreshCookie: string;

beforeAll(async () => {
  applyTestEnv();
  database = await copyOfTemplate();
  app = await bootStrapi(database, { LINKAGE_SEED_DEMO: 'false', LINKAGE_ADMIN_ORIGINS: CONFIGURED });
  http = request(app.server.httpServer);
  const login = await http.post('/admin/login').send(TEST_ADMIN);
  expect(login.status).toBe(200);
  refreshCookie = cookiesOf(login);
  expect(refreshCookie).toMatch(/=/);
  // supertest listens on a new port per request: the requests name their host, as a browser would.
  own = `http://${HOST}`;
});
afterAll(async () => {
  await stopStrapi(app, database);
});

describe('the admin API', () => {
  test('a foreign origin sending the refresh cookie to /admin/access-token gets no token and no CORS grant', async () => {
    const res = await http.post('/admin/access-token').set('Host', HOST).set('Origin', FOREIGN).set('Cookie', refreshCookie).send({});
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).not.toMatch(/"token"/);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.body.error.message).toMatch(/https:\/\/evil\.example/);
  });

  test('a foreign preflight is not granted', async () => {
    const res = await http.options('/admin/access-token').set('Origin', FOREIGN).set('Access-Control-Request-Method', 'POST');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.status).toBe(403);
  });

  test.each([
    ['its own origin', () => own],
    ['a configured origin (LINKAGE_ADMIN_ORIGINS)', () => CONFIGURED],
  ])('%s gets a fresh token, with credentials allowed for that origin only', async (_what, origin) => {
    const res = await http.post('/admin/access-token').set('Host', HOST).set('Origin', origin()).set('Cookie', refreshCookie).send({});
    expect(res.status).toBe(200);
    // The refresh token rotates on every use: the next call sends the new one.
    refreshCookie = cookiesOf(res) || refreshCookie;
    expect(res.body.data.token).toEqual(expect.any(String));
    expect(res.headers['access-control-allow-origin']).toBe(origin());
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers.vary).toMatch(/Origin/);
  });

  test('a request with no Origin (same-origin GET, a server, curl) is not affected', async () => {
    const token = (await http.post('/admin/login').send(TEST_ADMIN)).body.data.token as string;
    const res = await http.get('/admin/users/me').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('the public API', () => {
  test.each(['/api/linkage/units', '/sites/370200000000', '/api/linkage/openapi.json'])('%s answers any origin with *, no credentials, and exposes ETag', async (path) => {
    const res = await http.get(path).set('Origin', FOREIGN);
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.headers['access-control-expose-headers']).toMatch(/\bETag\b/i);
  });

  test('a preflight asking for If-None-Match is granted, without credentials', async () => {
    const res = await http
      .options('/api/linkage/sites/370200000000')
      .set('Origin', FOREIGN)
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'if-none-match, accept-language');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-headers']).toMatch(/If-None-Match/i);
    expect(res.headers['access-control-allow-headers']).toMatch(/Accept-Language/i);
    expect(res.headers['access-control-allow-methods']).toMatch(/GET/);
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  test('a browser on another origin revalidates with If-None-Match and gets a 304', async () => {
    const first = await http.get('/api/linkage/units').set('Origin', FOREIGN);
    const again = await http.get('/api/linkage/units').set('Origin', FOREIGN).set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
    expect(again.headers['access-control-allow-origin']).toBe('*');
  });
});
