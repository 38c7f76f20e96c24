// The role matrix over the demo: who may do what to which guide (docs/design.md §4), the demo guides each
// actor is tried against, a Content Manager client signed in as any admin, the Document Service run
// inside an admin request, and the linkage command line.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Core } from '@strapi/strapi';
import type { Response } from 'supertest';
import { loadDemo } from './demo';
import { storedData } from './stored-data';
import type { TestDatabase } from './databases';
import { APP_DIR } from './env';
import type { SignedInAdmin } from './admins';
import type { TestStrapi } from './strapi';

export const GUIDE = 'plugin::linkage.guide';
const CM = '/content-manager/collection-types';

/** Demo units by name. */
export const UNIT = {
  qingdao: '370200000000',
  shinan: '370202000000',
  shibei: '370203000000',
  huangdao: '370211000000',
  laoshan: '370212000000',
  licang: '370213000000',
  chengyang: '370214000000',
  jimo: '370215000000',
  jiaozhou: '370281000000',
  pingdu: '370283000000',
  laixi: '370285000000',
  badaguan: '370202001000',
  xianggang: '370202002000',
  fuan: '370281001000',
  zhongyun: '370281002000',
  taipingjiao: '370202001001',
  huiquan: '370202001002',
  changzhou: '370281001001',
} as const;

export interface GuideRef {
  readonly itemCode: string;
  readonly stageKey: string;
  readonly unitCode: string;
}

export const guideRef = (itemCode: string, stageKey: string, unitCode: string): GuideRef => ({ itemCode, stageKey, unitCode });
export const describeGuide = (g: GuideRef) => `${g.itemCode}/${g.stageKey}/${g.unitCode}`;

/** The documentId of a demo guide, found by its item, stage and unit. */
export async function guideId(strapi: Core.Strapi, g: GuideRef): Promise<string> {
  const row = (await strapi.db.query(GUIDE).findOne({ where: { itemCode: g.itemCode, stageKey: g.stageKey, unitCode: g.unitCode }, select: ['documentId'] })) as {
    documentId: string;
  } | null;
  if (!row) throw new Error(`no guide ${describeGuide(g)}`);
  return row.documentId;
}

/** The stored rows (every locale, draft and published) of one guide. */
export async function guideRows(strapi: Core.Strapi, documentId: string) {
  return (await strapi.db.query(GUIDE).findMany({ where: { documentId }, orderBy: [{ locale: 'asc' }, { id: 'asc' }] })) as Array<{
    documentId: string;
    locale: string;
    publishedAt: string | null;
    unitCode: string;
    departmentCode: string;
    phone: string | null;
    itemCode: string;
    stageKey: string;
  }>;
}

/** Unit codes of `code` and every unit below it, from the demo file. */
export function subtreeOf(code: string): string[] {
  const units = loadDemo().units as Array<{ code: string; parent: string | null }>;
  const codes = [code];
  for (let i = 0; i < codes.length; i += 1) for (const u of units) if (u.parent === codes[i]) codes.push(u.code);
  return codes.sort();
}

/** The demo guides (item/stage/unit) owned by the given units, sorted. */
export function demoGuidesOf(unitCodes: readonly string[]): string[] {
  const guides = loadDemo().guides as Array<{ item: string; stage: string; unit: string }>;
  return guides
    .filter((g) => unitCodes.includes(g.unit))
    .map((g) => `${g.item}/${g.stage}/${g.unit}`)
    .sort();
}

export const ALL_DEMO_GUIDES = () => demoGuidesOf(loadDemo().units.map((u) => String(u.code)));

/** The Content Manager admin API as the admin panel calls it, signed in as `admin`. */
export function contentManagerAs(t: TestStrapi, admin: { auth: { Authorization: string } }) {
  const { http } = t;
  return {
    auth: admin.auth,
    list(uid: string, locale = 'zh-Hans', query = 'page=1&pageSize=200') {
      return http.get(`${CM}/${uid}?${query}&locale=${locale}`).set(admin.auth);
    },
    get(uid: string, documentId: string, locale = 'zh-Hans') {
      return http.get(`${CM}/${uid}/${documentId}?locale=${locale}`).set(admin.auth);
    },
    create(uid: string, data: object, locale = 'zh-Hans') {
      return http.post(`${CM}/${uid}?locale=${locale}`).set(admin.auth).send(data);
    },
    update(uid: string, documentId: string, data: object, locale = 'zh-Hans') {
      return http.put(`${CM}/${uid}/${documentId}?locale=${locale}`).set(admin.auth).send(data);
    },
    clone(uid: string, documentId: string, data: object, locale = 'zh-Hans') {
      return http.post(`${CM}/${uid}/clone/${documentId}?locale=${locale}`).set(admin.auth).send(data);
    },
    publish(uid: string, documentId: string, data: object = {}, locale = 'zh-Hans') {
      return http.post(`${CM}/${uid}/${documentId}/actions/publish?locale=${locale}`).set(admin.auth).send(data);
    },
    unpublish(uid: string, documentId: string, locale = 'zh-Hans') {
      return http.post(`${CM}/${uid}/${documentId}/actions/unpublish?locale=${locale}`).set(admin.auth).send({});
    },
    remove(uid: string, documentId: string, locale = 'zh-Hans') {
      return http.delete(`${CM}/${uid}/${documentId}?locale=${locale}`).set(admin.auth);
    },
    updateSingle(uid: string, data: object) {
      return http.put(`/content-manager/single-types/${uid}`).set(admin.auth).send(data);
    },
  };
}

export type ContentManagerClient = ReturnType<typeof contentManagerAs>;

/** The unit codes of a Content Manager list of guides, as item/stage/unit keys, sorted. */
export const listedGuides = (res: Response): string[] =>
  (res.body.results as Array<{ itemCode: string; stageKey: string; unitCode: string }>).map((g) => `${g.itemCode}/${g.stageKey}/${g.unitCode}`).sort();

export const errorMessage = (res: Response): string => String(res.body?.error?.message ?? '');

/** A write answered as a denial: 403, with a message naming `unitCode` and matching `reason`. */
export function expectDenied(res: Response, unitCode: string, reason: RegExp): void {
  expect({ status: res.status, message: errorMessage(res) }).toEqual({ status: 403, message: expect.stringContaining(unitCode) });
  expect(errorMessage(res)).toMatch(reason);
}

/** The admin user as the admin API puts it on a request: with its roles. */
export async function adminUser(strapi: Core.Strapi, id: number) {
  return (await strapi.db.query('admin::user').findOne({ where: { id }, populate: ['roles'] })) as { id: number; email: string; roles: Array<{ id: number; code: string }> };
}

/** Runs `work` as if inside an admin API request made by the admin user `id`. */
export async function inAdminRequest<T>(strapi: Core.Strapi, id: number, work: () => Promise<T>): Promise<T> {
  const user = await adminUser(strapi, id);
  const ctx = { state: { user, auth: { strategy: { name: 'admin' } }, isAuthenticated: true } };
  const run = strapi.requestContext.run.bind(strapi.requestContext) as unknown as (store: object, callback: () => Promise<T>) => Promise<T>;
  return run(ctx, work);
}

export interface Refusal {
  readonly name: string;
  readonly message: string;
  readonly status?: number;
}

/** What a Document Service call threw, or null when it succeeded. */
export async function refusalOf(work: () => Promise<unknown>): Promise<Refusal | null> {
  try {
    await work();
    return null;
  } catch (error) {
    const e = error as { name?: string; message?: string; status?: number };
    return { name: e.name ?? 'Error', message: e.message ?? String(error), status: e.status };
  }
}

export type Signed = SignedInAdmin;

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const run = promisify(execFile);

/** `npm run linkage -- ARGS` (node scripts/linkage.js) against the given database. */
export async function linkageCommand(database: TestDatabase, ...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run('node', [path.join(APP_DIR, 'scripts', 'linkage.js'), ...args], {
      cwd: APP_DIR,
      env: { ...process.env, ...database.env, LINKAGE_SEED_DEMO: 'false' },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

interface PermissionRow {
  action: string;
  subject: string | null;
  conditions: string[];
}

/** Rows of one SQL query ($1, $2... parameters) on a test database, read directly (no Strapi running). */
export async function queryDatabase<Row = Record<string, unknown>>(
  database: TestDatabase,
  sql: string,
  params: unknown[] = [],
  options: { write?: boolean } = {}
): Promise<Row[]> {
  if (database.env.DATABASE_CLIENT === 'postgres') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Client } = require('pg') as {
      Client: new (settings: object) => { connect(): Promise<void>; query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }>; end(): Promise<void> };
    };
    const client = new Client({
      host: database.env.DATABASE_HOST,
      port: Number(database.env.DATABASE_PORT),
      user: database.env.DATABASE_USERNAME,
      password: database.env.DATABASE_PASSWORD,
      database: database.env.DATABASE_NAME,
    });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as Row[];
    } finally {
      await client.end();
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Sqlite = require('better-sqlite3') as new (
    file: string,
    options: { readonly: boolean }
  ) => {
    prepare(sql: string): { all(...args: unknown[]): unknown[]; run(...args: unknown[]): unknown };
    close(): void;
  };
  const db = new Sqlite(database.env.DATABASE_FILENAME, { readonly: !options.write });
  try {
    const statement = db.prepare(sql.replace(/\$\d+/g, '?'));
    if (options.write) {
      statement.run(...params);
      return [];
    }
    return statement.all(...params) as Row[];
  } finally {
    db.close();
  }
}

/** The stored permissions of an admin role, read straight from the database. */
export async function storedRolePermissions(database: TestDatabase, roleCode: string): Promise<PermissionRow[]> {
  const rows = await queryDatabase<{ action: string; subject: string | null; conditions: unknown }>(
    database,
    'SELECT p.action AS action, p.subject AS subject, p.conditions AS conditions FROM admin_permissions p ' +
      'JOIN admin_permissions_role_lnk l ON l.permission_id = p.id JOIN admin_roles r ON r.id = l.role_id WHERE r.code = $1 ORDER BY p.id',
    [roleCode]
  );
  return rows.map((r) => ({
    action: r.action,
    subject: r.subject,
    conditions: (typeof r.conditions === 'string' ? JSON.parse(r.conditions) : (r.conditions ?? [])) as string[],
  }));
}

/** Every stored membership as "unitCode scope userId", read straight from the database. */
export async function storedMemberships(database: TestDatabase): Promise<string[]> {
  const rows = await queryDatabase<{ unit_code: string; scope: string; user_id: number }>(database, 'SELECT unit_code, scope, user_id FROM linkage_memberships ORDER BY id');
  return rows.map((r) => `${r.unit_code} ${r.scope} ${r.user_id}`);
}

/** A demo unit's Chinese name, for test titles. */
export function unitName(code: string): string {
  const unit = loadDemo().units.find((u) => String(u.code) === code) as { name: Record<string, string> } | undefined;
  return unit ? unit.name['zh-Hans'] : code;
}

/** The department code of a stored guide. */
export async function departmentOf(strapi: Core.Strapi, g: GuideRef): Promise<string> {
  const row = (await strapi.db.query(GUIDE).findOne({ where: { itemCode: g.itemCode, stageKey: g.stageKey, unitCode: g.unitCode }, select: ['departmentCode'] })) as {
    departmentCode: string;
  } | null;
  if (!row) throw new Error(`no guide ${describeGuide(g)}`);
  return row.departmentCode;
}

/** The writes an editor may try on a guide through the Content Manager. */
export const GUIDE_WRITES = ['update', 'create', 'clone', 'take over', 'publish', 'unpublish', 'discard', 'delete'] as const;
export type GuideWrite = (typeof GUIDE_WRITES)[number];

/**
 * Tries one write on `target` through the Content Manager. `create` creates a guide for the
 * target's unit and stage; `take over` moves the target to `ownUnit` (an owner change).
 */
export async function tryGuideWrite(
  t: TestStrapi,
  cm: ContentManagerClient,
  action: GuideWrite,
  target: GuideRef,
  ownUnit: { unitCode: string; departmentCode: string } = { unitCode: UNIT.laixi, departmentCode: '370285-SI' }
): Promise<Response> {
  const documentId = await guideId(t.strapi, target);
  switch (action) {
    case 'update':
      return cm.update(GUIDE, documentId, { phone: '0532-99999999' });
    case 'create':
      return cm.create(GUIDE, { ...target, departmentCode: await departmentOf(t.strapi, target), conditions: '新指南', phone: '0532-99999999' });
    case 'clone':
      return cm.clone(GUIDE, documentId, {});
    case 'take over':
      return cm.update(GUIDE, documentId, ownUnit);
    case 'publish':
      return cm.publish(GUIDE, documentId, { phone: '0532-99999999' });
    case 'unpublish':
      return cm.unpublish(GUIDE, documentId);
    case 'discard':
      return t.http.post(`/content-manager/collection-types/${GUIDE}/${documentId}/actions/discard?locale=zh-Hans`).set(cm.auth).send({});
    case 'delete':
      return cm.remove(GUIDE, documentId);
  }
}

/**
 * What changed in the stored data since `before` (a storedData snapshot), row by row:
 * "plugin::linkage.guide#12 changed", "... added", "... removed". Empty when nothing changed.
 */
export async function changesSince(strapi: Core.Strapi, before: string): Promise<string[]> {
  const after = await storedData(strapi);
  if (after === before) return [];
  const [a, b] = [JSON.parse(before), JSON.parse(after)] as Array<Record<string, Array<{ id: number }>>>;
  const changes: string[] = [];
  for (const table of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const rowsA = new Map((a[table] ?? []).map((r) => [r.id, JSON.stringify(r)]));
    const rowsB = new Map((b[table] ?? []).map((r) => [r.id, JSON.stringify(r)]));
    for (const [id, row] of rowsA) {
      if (!rowsB.has(id)) changes.push(`${table}#${id} removed`);
      else if (rowsB.get(id) !== row) changes.push(`${table}#${id} changed`);
    }
    for (const id of rowsB.keys()) if (!rowsA.has(id)) changes.push(`${table}#${id} added`);
  }
  return changes;
}
