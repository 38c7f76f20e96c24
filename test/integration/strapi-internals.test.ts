// The boot-time self-checks on this Strapi (5.54.0): every internal the plugin patches or relies on
// is where the plugin expects it, and a boot whose Strapi lost one stops, naming its decision record.
// (Each check on shapes an upgraded Strapi might have: test/domain/strapi-internals.test.ts.)
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { Client } from 'pg';
import { createStrapi } from '@strapi/strapi';
import { assertStrapiInternals, SELF_CHECKS } from '../../src/plugins/linkage/server/src/internals/self-checks';
import { copyOfTemplate, type TestDatabase } from '../support/databases';
import { APP_DIR, applyTestEnv } from '../support/env';
import { settle } from '../support/settle';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

describe('on a Strapi that lost an internal the plugin decorates', () => {
  let database: TestDatabase;
  let app: Core.Strapi;
  beforeAll(async () => {
    applyTestEnv();
    database = await copyOfTemplate();
    Object.assign(process.env, database.env, { LINKAGE_SEED_DEMO: 'false' });
    app = createStrapi({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist'), autoReload: false, serveAdminPanel: false });
    app.log.level = 'silent';
  });
  afterAll(async () => {
    await settle(app).catch(() => undefined);
    await app.destroy();
    await database.drop();
  });

  test("the boot stops at bootstrap, naming the slug generator's record, before anything is patched", async () => {
    await app.register();
    // As an upgrade that renamed the Content Manager's slug generator would leave it.
    const uid = app.plugin('content-manager').service('uid') as unknown as Record<string, unknown>;
    delete uid.generateUIDField;
    await expect(app.bootstrap()).rejects.toThrow(/content-manager uid\.generateUIDField is not a function \(docs\/adr\/006-content-manager-slugs\.md\)/);
    // Nothing after the check ran: the roles' hook was not decorated. (The admin's permission service
    // is one object per process: this file boots this Strapi before the healthy one.)
    const permissions = app.service('admin::permission') as unknown as { cleanPermissionsInDatabase: { name: string } };
    expect(permissions.cleanPermissionsInDatabase.name).toBe('cleanPermissionsInDatabase');
  });
});

describe('on this Strapi', () => {
  let t: TestStrapi;
  beforeAll(async () => {
    t = await startDemoStrapi();
  });
  afterAll(async () => {
    await t.stop();
  });

  test.each(SELF_CHECKS.map((check) => [check.name, check] as const))('%s: as the plugin expects', (_name, check) => {
    expect(check.inspect(check.subject(t.strapi))).toEqual([]);
  });

  test('on SQLite a query prepares its statement once per connection, then reuses it; on Postgres knex is as it was (022)', async () => {
    const client = t.strapi.db.connection.client as unknown as {
      driverName: string;
      _query: unknown;
      acquireConnection(): Promise<{ prepare: (sql: string) => unknown }>;
      releaseConnection(connection: unknown): Promise<void>;
    };
    if (client.driverName !== 'better-sqlite3') {
      expect(client._query).toBe(Object.getPrototypeOf(client)._query);
      return;
    }
    const connection = await client.acquireConnection();
    const prepared: string[] = [];
    const prepare = connection.prepare;
    connection.prepare = function counted(sql: string) {
      prepared.push(sql);
      return prepare.call(this, sql);
    };
    await client.releaseConnection(connection);
    try {
      // A shape of query no one made before (an unusual order): prepared on first use, then kept.
      const read = (code: string) => t.strapi.db.query('plugin::linkage.unit').findMany({ where: { code: { $eq: code } }, orderBy: { siteUrl: 'desc' } });
      expect(await read('no-such-unit-1')).toEqual([]);
      const first = prepared.filter((sql) => /site_url.? desc/.test(sql)).length;
      expect(first).toBe(1);
      for (let i = 2; i < 5; i += 1) expect(await read(`no-such-unit-${i}`)).toEqual([]);
      expect(prepared.filter((sql) => /site_url.? desc/.test(sql)).length).toBe(first);
    } finally {
      connection.prepare = prepare;
    }
  });

  test('on Postgres a new connection that fails while Strapi sets it up is closed and handed to the pool, not left hanging with an unhandled rejection; on SQLite the dialect is as it was (023)', async () => {
    const dialect = t.strapi.db.dialect as unknown as { client: string; initialize: unknown };
    if (dialect.client !== 'postgres') {
      expect(dialect.initialize).toBe(Object.getPrototypeOf(dialect).initialize);
      return;
    }
    // The pool's hook for each new connection: Strapi's setup (SET search_path), as knex calls it.
    const afterCreate = (t.strapi.db.connection.client as unknown as { config: { pool: { afterCreate: (c: unknown, done: (e: unknown, c: unknown) => void) => void } } }).config
      .pool.afterCreate;
    // A connection the database dropped between its connect and its setup.
    const env = t.database.env;
    const dropped = new Client({ host: env.DATABASE_HOST, port: Number(env.DATABASE_PORT), user: env.DATABASE_USERNAME, database: env.DATABASE_NAME });
    await dropped.connect();
    await dropped.end();
    const outcome = await new Promise((resolve) => {
      const never = setTimeout(() => resolve('the hook never handed the connection back'), 3000);
      afterCreate(dropped, (error, connection) => {
        clearTimeout(never);
        resolve({ error, handedBack: connection === dropped });
      });
    });
    // knex marks an ended connection disposed: its pool discards it and makes another.
    expect(outcome).toEqual({ error: null, handedBack: true });
    expect((await t.strapi.db.connection.raw('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  test('both phases let the boot go on', () => {
    expect(() => assertStrapiInternals(t.strapi, 'register')).not.toThrow();
    expect(() => assertStrapiInternals(t.strapi, 'bootstrap')).not.toThrow();
  });
});
