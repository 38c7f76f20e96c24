// A real Strapi for one test file: booted on its own copy of the seeded database, served through
// supertest, with a super admin token for the admin API. Stopping it runs the doctor first: every
// test file ends by asserting that every derived store agrees with the source records.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { createStrapi } from '@strapi/strapi';
import type { DerivedStore } from '../../src/plugins/linkage/server/src/domain/derived-stores';
import { getService } from '../../src/plugins/linkage/server/src/get-service';
import { APP_DIR, TEST_ADMIN, applyTestEnv } from './env';
import { settle } from './settle';
import { copyOfTemplate, emptyDatabase, type TestDatabase } from './databases';

export interface TestStrapi {
  readonly strapi: Core.Strapi;
  readonly http: ReturnType<typeof request>;
  readonly database: TestDatabase;
  /** Bearer token of the seeded super admin. */
  adminToken(): Promise<string>;
  /** Runs the doctor, stops Strapi, drops the database; throws listing what the doctor found. */
  stop(options?: StopOptions): Promise<void>;
}

export interface StopOptions {
  /**
   * Stores this file breaks on purpose (an audit row tampered with, rows written past the Document
   * Service): what the doctor finds there is expected and not a failure.
   */
  readonly brokenOnPurpose?: readonly DerivedStore[];
}

/** What the doctor finds wrong with the derived data, as a failure message (null: nothing). */
export async function doctorFindings(app: Core.Strapi, options: StopOptions = {}): Promise<string | null> {
  const report = await getService(app, 'doctor').examine();
  const excused = new Set(options.brokenOnPurpose ?? []);
  const problems = report.differences.filter((d) => !excused.has(d.store)).map((d) => `  ${d.message.en}`);
  return problems.length === 0 ? null : `The doctor found differences in the derived data at the end of this test file:\n${problems.join('\n')}`;
}

/**
 * The end of a test file's Strapi: the doctor, then Strapi stopped and the database dropped
 * whatever the doctor found; then a failure if it found anything not excused.
 */
export async function stopStrapi(app: Core.Strapi, database: TestDatabase | null, options: StopOptions = {}): Promise<void> {
  let findings: string | null = null;
  let failure: unknown = null;
  try {
    await settle(app);
    findings = await doctorFindings(app, options);
  } catch (error) {
    failure = error;
  } finally {
    await settle(app);
    await app.destroy();
    await database?.drop();
  }
  if (failure) throw failure;
  if (findings) throw new Error(findings);
}

/** `beforeMount` may register routes as a plugin would (routes added after mounting are not served). */
export interface BootOptions {
  /** Serve the built admin panel (for the browser tests). */
  readonly adminPanel?: boolean;
  /** Register routes as a plugin would (routes added after mounting are not served). */
  readonly beforeMount?: (app: Core.Strapi) => void;
  /** Environment for this Strapi over the database's (say DATABASE_PORT, to reach it through a proxy). */
  readonly env?: Record<string, string>;
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
    async stop(options: StopOptions = {}) {
      await stopStrapi(app, database, options);
    },
  };
}

/** Strapi on a copy of the seeded demo database; with `adminPanel`, serving the built admin panel too. */
export async function startDemoStrapi(options: BootOptions = {}): Promise<TestStrapi> {
  return start(await copyOfTemplate(), { LINKAGE_SEED_DEMO: 'false', ...options.env }, options);
}

/** Strapi on an empty database, with nothing seeded. */
export async function startEmptyStrapi(name: string): Promise<TestStrapi> {
  return start(await emptyDatabase(name), { LINKAGE_SEED_DEMO: 'false', ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password });
}

/**
 * The doctor of a database last written by the command line (no Strapi of the test's own is
 * running on it): `npm run linkage -- doctor` in a child process; throws with its output unless it
 * finds nothing.
 */
export async function doctorOnDatabase(database: TestDatabase): Promise<void> {
  try {
    await promisify(execFile)('node', [path.join(APP_DIR, 'scripts', 'linkage.js'), 'doctor'], {
      cwd: APP_DIR,
      env: { ...process.env, ...database.env, LINKAGE_SEED_DEMO: 'false' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    throw new Error(
      `The doctor (npm run linkage -- doctor) found differences in the derived data at the end of this test file (exit ${e.code}):\n${e.stdout ?? ''}${e.stderr ?? ''}`
    );
  }
}
