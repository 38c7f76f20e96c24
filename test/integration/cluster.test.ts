// Several instances on one database (docs/adr/020-change-notifications.md): instance A (the app in a
// child process) publishes through its Content Manager API; instance B (this process's Strapi)
// and nginx in front of both (configured as deploy/ configures it) serve it on the next request. On
// Postgres B is told on commit (LISTEN/NOTIFY) and, while its listening connection is lost, looks
// at the change feed instead, then listens again. SQLite has no notifications: B looks at the feed
// at most once a second. nginx is required (CI installs it: apt-get install -y nginx).
import fs from 'node:fs';
import { Client } from 'pg';
import { startAppProcess, type AppProcess } from '../support/app-process';
import { databaseClient } from '../support/env';
import { NGINX, startNginx, type Nginx } from '../support/nginx';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';
import { getService } from '../../src/plugins/linkage/server/src/get-service';

const postgres = databaseClient() === 'postgres';
const GUIDE = 'plugin::linkage.guide';
const PAGE = '/sites/370281000000/items/enterprise-employee-retirement-certification?locale=zh-Hans';
const ROUTE =
  '/api/linkage/items/enterprise-employee-retirement-certification/route?answers[retirement_type]=normal&answers[enterprise_type]=domestic&answers[enterprise_location]=370281000000';

let b: TestStrapi;
let bPort = 0;
let a: AppProcess;
let nginx: Nginx;
let guideId = '';
let token = '';

beforeAll(async () => {
  if (!fs.existsSync(NGINX)) throw new Error(`this test needs nginx at ${NGINX} (apt-get install -y nginx)`);
  b = await startDemoStrapi();
  await new Promise<void>((resolve) => b.strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  bPort = (b.strapi.server.httpServer.address() as { port: number }).port;
  a = await startAppProcess(b.database);
  nginx = await startNginx([a.port, bPort]);
  const guide = (await b.strapi.db.query(GUIDE).findOne({
    where: { itemCode: 'QD-SI-001', unitCode: '370281000000', stageKey: 'district-review', locale: 'zh-Hans' },
    select: ['documentId'],
  })) as { documentId: string };
  guideId = guide.documentId;
  token = await b.adminToken();
});

afterAll(async () => {
  await nginx?.stop();
  if (a && a.child.exitCode === null && a.child.signalCode === null) a.child.kill('SIGTERM');
  await a?.exited;
  await b?.stop();
});

const get = (port: number, path: string) => fetch(`http://127.0.0.1:${port}${path}`);
const pageText = async (port: number) => (await get(port, PAGE)).text();
const routeFee = async (port: number) => ((await (await get(port, ROUTE)).json()) as { data: { stages: Array<{ guide: { fee: string } }> } }).data.stages[0].guide.fee;

/** Publishes the guide with a new fee through instance A's Content Manager API (zh-Hans). */
async function publishFee(fee: string): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${a.port}/content-manager/collection-types/${GUIDE}/${guideId}/actions/publish?locale=zh-Hans`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ fee }),
  });
  expect(response.status).toBe(200);
}

const until = async (what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

const notifications = () => getService(b.strapi, 'cluster-notifications');
const published = () => getService(b.strapi, 'published');

test(
  postgres
    ? 'Postgres: a guide published through instance A is served by instance B and through nginx on the next request (B is notified on commit)'
    : 'SQLite: a guide published through instance A is served by instance B and through nginx once B has looked at the change feed (at most a second)',
  async () => {
    expect(notifications().mode()).toBe(postgres ? 'listening' : 'polling');
    // Every instance, and nginx, has the page and the route cached first.
    for (const port of [a.port, bPort, nginx.port]) {
      expect(await pageText(port)).toContain('不收费');
      expect(await routeFee(port)).toBe('不收费');
    }
    // nginx stored the page and revalidates it with its ETag: the instance answers 304, nginx the body.
    const again = await get(nginx.port, PAGE);
    expect(again.headers.get('x-cache-status')).toBe('REVALIDATED');
    expect(await again.text()).toContain('不收费');

    await publishFee('每件收取工本费5元');
    if (!postgres) await new Promise((resolve) => setTimeout(resolve, 1100));
    for (const port of [bPort, nginx.port, a.port]) {
      expect(await pageText(port)).toContain('每件收取工本费5元');
      expect(await routeFee(port)).toBe('每件收取工本费5元');
    }
  }
);

if (postgres) {
  test("Postgres: B's listening connection terminated: B follows by the change feed meanwhile, then listens again on a new connection", async () => {
    const settings = b.database.env;
    const admin = new Client({
      host: settings.DATABASE_HOST,
      port: Number(settings.DATABASE_PORT),
      user: settings.DATABASE_USERNAME,
      password: settings.DATABASE_PASSWORD,
      database: 'postgres',
    });
    await admin.connect();
    const database = b.database.name;
    const listeners = async () =>
      (await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'linkage-listen'", [database])).rows.map((r) => r.pid);
    try {
      const before = await listeners();
      expect(before).toHaveLength(2);
      // No new connection to the database for now: the listeners cannot come back at once.
      await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
      try {
        await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid = ANY($2)', [database, before]);
        await until('B has lost its listening connection', () => notifications().mode() === 'polling');
        // Without notifications, B's caches are not trusted without a look at the feed.
        expect(published().cacheTrusted()).toBe(false);
        await publishFee('每件收取工本费6元');
        expect(await pageText(bPort)).toContain('每件收取工本费6元');
        expect(await routeFee(nginx.port)).toBe('每件收取工本费6元');
      } finally {
        await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
      }
      await until('B listens again', () => notifications().mode() === 'listening');
      await until('both instances listen again', async () => (await listeners()).length === 2);
      expect((await listeners()).filter((pid) => before.includes(pid))).toEqual([]);
      // Notified again: caches are trusted without a look, and the next publish shows at once.
      await published().snapshot();
      expect(published().cacheTrusted()).toBe(true);
      await publishFee('每件收取工本费7元');
      expect(await pageText(bPort)).toContain('每件收取工本费7元');
      expect(await pageText(nginx.port)).toContain('每件收取工本费7元');
    } finally {
      await admin.end();
    }
  });
} else {
  test('SQLite: nothing listens; cached answers are trusted for a second after each look at the change feed', async () => {
    expect(notifications().mode()).toBe('polling');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await published().snapshot();
    expect(published().cacheTrusted()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(published().cacheTrusted()).toBe(false);
  });
}
