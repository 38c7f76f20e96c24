/**
 * @jest-environment ./test/support/production-rejections-environment.js
 */
// Readiness (GET /_ready) on every database; and, on Postgres, a database outage: this file's
// Strapi reaches Postgres through a TCP proxy the test cuts (the machine's Postgres, shared with
// other runs, is never stopped). While it is cut, a write is refused with a 503 and Retry-After and
// leaves nothing, readiness says 503, public reads held in memory are still served; once restored,
// the app recovers without a restart and what failed meanwhile is rebuilt. How fast failures are
// is measured by scripts/faults/postgres-restart.js (RELIABILITY.md), not here.
import { getService } from '../../src/plugins/linkage/server/src/get-service';
import { contentManager } from '../support/content-manager';
import { databaseClient } from '../support/env';
import { GUIDE, UNIT, changesSince, guideId, guideRef, queryDatabase } from '../support/roles-matrix';
import { storedData } from '../support/stored-data';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

const onPostgres = databaseClient() === 'postgres';
const RETIREMENT_REVIEW = guideRef('QD-SI-001', 'district-review', UNIT.jiaozhou);

let t: TestStrapi;
let proxy: TcpProxy | null = null;

beforeAll(async () => {
  if (onPostgres) proxy = await startTcpProxy({ host: process.env.DATABASE_HOST ?? '127.0.0.1', port: Number(process.env.DATABASE_PORT ?? 5432) });
  t = await startDemoStrapi(proxy ? { env: { DATABASE_HOST: '127.0.0.1', DATABASE_PORT: String(proxy.port) } } : {});
});
afterAll(async () => {
  proxy?.restore();
  await t?.stop();
  await proxy?.close();
});

describe('readiness: GET /_ready', () => {
  test('answers anyone, with no credentials: 200, the database up and the published snapshot loaded', async () => {
    const res = await t.http.get('/_ready');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      ready: true,
      checkedAt: expect.any(String),
      database: { status: 'up', latencyMs: expect.any(Number), client: databaseClient() },
      snapshot: { status: 'loaded', generation: expect.any(Number), builtAt: expect.any(String), ageSeconds: expect.any(Number) },
    });
  });

  test('says nothing an outsider could use: no host, port, database name or file (the shape above is all it holds)', async () => {
    const text = (await t.http.get('/_ready')).text;
    for (const secret of [t.database.name, t.database.env.DATABASE_HOST, t.database.env.DATABASE_PORT, proxy?.port]) {
      if (secret) expect(text).not.toContain(String(secret));
    }
  });

  test("is public on purpose beside Strapi's liveness /_health, which stays as it is", async () => {
    const route = (t.strapi.server.router as unknown as { stack: Array<{ path: string; methods: string[] }> }).stack.find((l) => l.path === '/_ready');
    expect(route?.methods).toContain('GET');
    expect((await t.http.get('/_health')).status).toBe(204);
  });

  test('a snapshot forgotten by a write is loaded again by the look', async () => {
    getService(t.strapi, 'published').invalidate();
    const res = await t.http.get('/_ready');
    expect(res.status).toBe(200);
    expect(res.body.snapshot.generation).toBe(getService(t.strapi, 'published').generation());
  });
});

/**
 * Readiness, asked until it answers 200 (the proxy restored, the next look finds the database); then
 * the pool's connections used until every one answers. A connection the pool held across the cut fails
 * once, when next used (pg notices its dead socket then), and is dropped: a reader who meets one gets
 * a 503 with Retry-After; the test's own reads through the app's pool must not meet one.
 */
async function untilReady(): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    if ((await t.http.get('/_ready')).status === 200) break;
    if (i === 99) throw new Error('readiness never answered 200 after the proxy was restored');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (let round = 0; round < 50; round += 1) {
    const used = await Promise.allSettled(Array.from({ length: 12 }, () => t.strapi.db.connection.raw('SELECT 1')));
    if (used.every((u) => u.status === 'fulfilled')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the app's pool kept failing after the proxy was restored");
}

// Only Postgres is reached over a connection that can be cut; SQLite is a file in the process.
if (onPostgres) {
  describe('a database outage: the proxy to Postgres cut, then restored', () => {
    const cm = () => contentManager(t);

    test("a write during the outage gets a 503 with Retry-After in the asker's language and stores nothing; after it, the same write is stored", async () => {
      const documentId = await guideId(t.strapi, RETIREMENT_REVIEW);
      const auth = { Authorization: `Bearer ${await t.adminToken()}` };
      // Read straight from Postgres, not through the app's pool.
      const audited = async () => (await queryDatabase<{ n: string }>(t.database, 'SELECT count(*) AS n FROM linkage_audit_entries')).map((r) => Number(r.n))[0];
      const phones = async () =>
        (await queryDatabase<{ phone: string }>(t.database, 'SELECT phone FROM linkage_guides WHERE document_id = $1 ORDER BY id', [documentId])).map((r) => r.phone);
      const before = { entries: await audited(), phones: await phones(), data: await storedData(t.strapi) };
      proxy!.cut();
      try {
        const refused = await t.http
          .put(`/content-manager/collection-types/${GUIDE}/${documentId}?locale=zh-Hans`)
          .set(auth)
          .set('Accept-Language', 'en')
          .send({ phone: '0532-0000-0001' });
        expect({ status: refused.status, body: refused.body }).toMatchObject({
          status: 503,
          body: { error: { status: 503, name: 'ServiceUnavailableError', details: { reason: 'database-unavailable', retryAfterSeconds: 2 } } },
        });
        expect(refused.headers['retry-after']).toBe('2');
        expect(refused.body.error.message).toMatch(/database cannot be reached.*could not be completed/);
        // Known down now: refused before it runs, in Chinese for a Chinese browser.
        const again = await t.http
          .put(`/content-manager/collection-types/${GUIDE}/${documentId}?locale=zh-Hans`)
          .set(auth)
          .set('Accept-Language', 'zh-CN,zh;q=0.9')
          .send({ phone: '0532-0000-0002' });
        expect({ status: again.status, retryAfter: again.headers['retry-after'] }).toEqual({ status: 503, retryAfter: '2' });
        expect(again.body.error.message).toMatch(/暂时无法连接数据库/);
        const login = await t.http.post('/admin/login').send({ email: 'nobody@linkage.test', password: 'x' });
        expect(login.status).toBe(503);
      } finally {
        proxy!.restore();
      }
      await untilReady();
      expect({ entries: await audited(), phones: await phones() }).toEqual({ entries: before.entries, phones: before.phones });
      expect(await changesSince(t.strapi, before.data)).toEqual([]);
      const stored = await cm().update(GUIDE, documentId, { phone: '0532-0000-0003' });
      expect(stored.status).toBe(200);
      expect(stored.body.data.phone).toBe('0532-0000-0003');
    });

    test('readiness says 503 while the database cannot be reached, and 200 again once it can', async () => {
      proxy!.cut();
      try {
        const res = await t.http.get('/_ready');
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('2');
        expect(res.body).toMatchObject({ ready: false, database: { status: 'down', reason: 'unreachable', client: 'postgres' } });
      } finally {
        proxy!.restore();
      }
      await untilReady();
    });

    test("public reads held in memory are served during the outage; one that needs the database gets a 503 (a site page: the sites' refusal page)", async () => {
      const cached = await t.http.get(`/sites/${UNIT.qingdao}?locale=en`);
      expect(cached.status).toBe(200);
      const cachedJson = await t.http.get('/api/linkage/units');
      expect(cachedJson.status).toBe(200);
      proxy!.cut();
      try {
        expect((await t.http.get(`/sites/${UNIT.qingdao}?locale=en`)).text).toBe(cached.text);
        expect((await t.http.get('/api/linkage/units')).body).toEqual(cachedJson.body);
        // Guides are read from the database for a unit's page: refused, in the sites' look.
        const page = await t.http.get(`/sites/${UNIT.jiaozhou}?locale=en`);
        expect(page.status).toBe(503);
        expect(page.headers['retry-after']).toBe('2');
        expect(page.headers['content-type']).toMatch(/text\/html/);
        expect(page.text).toContain('This page cannot be shown at the moment; please try again later.');
        const feed = await t.http.get('/api/linkage/changes');
        expect(feed.status).toBe(503);
        expect(feed.body.error.name).toBe('ServiceUnavailableError');
      } finally {
        proxy!.restore();
      }
      await untilReady();
      expect((await t.http.get(`/sites/${UNIT.jiaozhou}?locale=en`)).status).toBe(200);
    });

    test('a site page miss answered before Koa (no query) is refused the same way: the 503 refusal page, first and while the outage is known', async () => {
      // A home page goes the long way once: the next home pages' misses are rendered before Koa.
      expect((await t.http.get(`/sites/${UNIT.qingdao}`)).status).toBe(200);
      getService(t.strapi, 'published').invalidate();
      expect((await t.http.get(`/sites/${UNIT.qingdao}`)).status).toBe(200);
      proxy!.cut();
      try {
        for (let i = 0; i < 2; i += 1) {
          const page = await t.http.get(`/sites/${UNIT.jiaozhou}`).set('Accept-Language', 'en');
          expect({ status: page.status, retryAfter: page.headers['retry-after'] }).toEqual({ status: 503, retryAfter: '2' });
          expect(page.text).toContain('This page cannot be shown at the moment; please try again later.');
        }
      } finally {
        proxy!.restore();
      }
      await untilReady();
      expect((await t.http.get(`/sites/${UNIT.jiaozhou}`)).status).toBe(200);
    });

    test('a published snapshot that could not be built during the outage is built on the first read after it', async () => {
      // As after a write: the next read builds the snapshot from the database.
      getService(t.strapi, 'published').invalidate();
      proxy!.cut();
      try {
        expect((await t.http.get('/api/linkage/units')).status).toBe(503);
      } finally {
        proxy!.restore();
      }
      await untilReady();
      expect((await t.http.get('/api/linkage/units')).status).toBe(200);
    });

    test('a derived store whose refresh failed during the outage is rebuilt once the database is back, without a restart', async () => {
      const meta = t.strapi.db.metadata.get('plugin::linkage.expected-handler');
      // A row the refresh below must put back (written past the app, straight to the database).
      await queryDatabase(t.database, `DELETE FROM "${meta.tableName}" WHERE id = (SELECT MIN(id) FROM "${meta.tableName}")`, [], { write: true });
      const handlers = getService(t.strapi, 'expected-handlers');
      proxy!.cut();
      try {
        handlers.schedule({ full: true });
        await handlers.idle();
        expect((await t.http.get('/_ready')).status).toBe(503);
      } finally {
        proxy!.restore();
      }
      await untilReady();
      let differences: string[] = ['not looked at'];
      for (let i = 0; i < 50 && differences.length > 0; i += 1) {
        await handlers.idle();
        differences = (await getService(t.strapi, 'doctor').examine()).differences.filter((d) => d.store === 'expected-handlers').map((d) => d.message.en);
        if (differences.length > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(differences).toEqual([]);
    });
  });
}
