// A real Strapi for one test file: booted on its own copy of the seeded database, served through
// supertest, with a super admin token for the admin API.
import path from 'node:path';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { createStrapi } from '@strapi/strapi';
import { APP_DIR, TEST_ADMIN, applyTestEnv } from './env';
import { settle } from './settle';
import { copyOfTemplate, emptyDatabase, type TestDatabase } from './databases';

export interface TestStrapi {
  readonly strapi: Core.Strapi;
  readonly http: ReturnType<typeof request>;
  readonly database: TestDatabase;
  /** Bearer token of the seeded super admin. */
  adminToken(): Promise<string>;
  stop(): Promise<void>;
}

/** `beforeMount` may register routes as a plugin would (routes added after mounting are not served). */
export interface BootOptions {
  /** Serve the built admin panel (for the browser tests). */
  readonly adminPanel?: boolean;
  /** Register routes as a plugin would (routes added after mounting are not served). */
  readonly beforeMount?: (app: Core.Strapi) => void;
}

export async function bootStrapi(database: TestDatabase, extraEnv: Record<string, string> = {}, options: BootOptions = {}): Promise<Core.Strapi> {
  applyTestEnv();
  Object.assign(process.env, database.env, extraEnv);
  const app = createStrapi({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist'), autoReload: false, serveAdminPanel: options.adminPanel === true });
  app.log.level = process.env.TEST_LOG_LEVEL ?? 'error';
  await app.load();
  options.beforeMount?.(app);
  app.server.mount();
  return app;
}

async function start(database: TestDatabase, extraEnv: Record<string, string>, options: BootOptions = {}): Promise<TestStrapi> {
  const app = await bootStrapi(database, extraEnv, options);
  const http = request(app.server.httpServer);
  let token: string | null = null;
  return {
    strapi: app,
    http,
    database,
    async adminToken() {
      if (token) return token;
      const response = await http.post('/admin/login').send(TEST_ADMIN);
      if (response.status !== 200) throw new Error(`admin login failed: ${response.status} ${JSON.stringify(response.body)}`);
      token = response.body.data.token as string;
      return token;
    },
    async stop() {
      await settle(app);
      await app.destroy();
      await database.drop();
    },
  };
}

/** Strapi on a copy of the seeded demo database; with `adminPanel`, serving the built admin panel too. */
export async function startDemoStrapi(options: BootOptions = {}): Promise<TestStrapi> {
  return start(await copyOfTemplate(), { LINKAGE_SEED_DEMO: 'false' }, options);
}

/** Strapi on an empty database, with nothing seeded. */
export async function startEmptyStrapi(name: string): Promise<TestStrapi> {
  return start(await emptyDatabase(name), { LINKAGE_SEED_DEMO: 'false', ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password });
}
