// Strapi's unregistered-condition hazard and the plugin's fail-closed boot check, then the
// membership command line (npm run linkage -- member add/list/remove, here node scripts/linkage.js).
// One database: first an in-process Strapi (the admin API), then, once it is stopped, the command
// line boots Strapi again in a child process on the same database, which is then read directly.
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { createAdmin, ROLES } from '../support/admins';
import { copyOfTemplate, type TestDatabase } from '../support/databases';
import { TEST_ADMIN, applyTestEnv } from '../support/env';
import { GUIDE, UNIT, contentManagerAs, linkageCommand, queryDatabase, storedMemberships, storedRolePermissions, type CliResult } from '../support/roles-matrix';
import { bootStrapi, doctorOnDatabase, stopStrapi, type TestStrapi } from '../support/strapi';

const MISSPELLED = 'plugin::linkage.guide-in-my-unit';
const IN_MY_UNITS = 'plugin::linkage.guide-in-my-units';
const CM_READ = 'plugin::content-manager.explorer.read';

interface Permission {
  action: string;
  subject: string | null;
  properties: object;
  conditions: string[];
}

let database: TestDatabase;
let app: Core.Strapi | null = null;
let http: ReturnType<typeof request>;

const output = (r: CliResult) => `${r.stdout}\n${r.stderr}`;
const roleErrors = (r: CliResult) =>
  output(r)
    .split('\n')
    .filter((line) => line.includes('[linkage] Role'));

async function stopInProcessStrapi(): Promise<void> {
  if (!app) return;
  const stopping = app;
  app = null;
  await stopStrapi(stopping, null);
}

beforeAll(async () => {
  applyTestEnv();
  database = await copyOfTemplate();
  app = await bootStrapi(database, { LINKAGE_SEED_DEMO: 'false' });
  http = request(app.server.httpServer);
});
afterAll(async () => {
  try {
    await stopInProcessStrapi();
    // The command line booted Strapi on the database last: its doctor has the last word.
    if (database) await doctorOnDatabase(database);
  } finally {
    await database?.drop();
  }
});

describe('the unregistered-condition hazard', () => {
  let superAdmin: { Authorization: string };
  let editorRoleId: number;

  test('Strapi accepts a guide permission saved with a misspelled condition id (200), drops the condition, and an editor then lists every guide', async () => {
    const t = { strapi: app, http } as unknown as TestStrapi;
    const login = await http.post('/admin/login').send(TEST_ADMIN);
    superAdmin = { Authorization: `Bearer ${login.body.data.token}` };
    const editor = await createAdmin(t, 'hazard-editor@linkage.test', [ROLES.unitEditor], [{ unitCode: UNIT.shinan }]);
    const cm = contentManagerAs(t, editor);
    expect((await cm.list(GUIDE)).body.pagination.total).toBe(5);

    const roles = await http.get('/admin/roles').set(superAdmin);
    editorRoleId = (roles.body.data as Array<{ id: number; code: string }>).find((r) => r.code === ROLES.unitEditor)!.id;
    const current = (await http.get(`/admin/roles/${editorRoleId}/permissions`).set(superAdmin)).body.data as Permission[];
    expect(current.filter((p) => p.subject === GUIDE).map((p) => p.conditions)).toEqual(Array(5).fill([IN_MY_UNITS]));
    // The administrator mistypes the condition of the guide read permission only.
    const permissions = current.map(({ action, subject, properties, conditions }) => ({
      action,
      subject,
      properties,
      conditions: action === CM_READ && subject === GUIDE ? [MISSPELLED] : conditions,
    }));
    const saved = await http.put(`/admin/roles/${editorRoleId}/permissions`).set(superAdmin).send({ permissions });
    expect(saved.status).toBe(200);
    const read = (saved.body.data as Permission[]).find((p) => p.action === CM_READ && p.subject === GUIDE);
    expect(read?.conditions).toEqual([]);

    const list = await cm.list(GUIDE);
    expect(list.body.pagination.total).toBe(88);
  });

  let firstBoot: CliResult;
  test('the next boot (here the linkage command line) fails closed: it logs "[linkage] Role ..." and removes the unrestricted read permission, and only it', async () => {
    await stopInProcessStrapi();
    firstBoot = await linkageCommand(database, 'member', 'list');
    expect(firstBoot).toMatchObject({ code: 0 });
    expect(roleErrors(firstBoot)).toEqual([
      expect.stringMatching(
        /\[linkage\] Role "Linkage unit editor": removed its plugin::content-manager\.explorer\.read permission on guides, which no longer carries a registered linkage condition/
      ),
    ]);
    expect(output(firstBoot)).toMatch(/Guide in my units/);

    const stored = await storedRolePermissions(database, ROLES.unitEditor);
    const guides = stored.filter((p) => p.subject === GUIDE);
    expect(guides.map((p) => p.action).sort()).toEqual([
      'plugin::content-manager.explorer.create',
      'plugin::content-manager.explorer.delete',
      'plugin::content-manager.explorer.publish',
      'plugin::content-manager.explorer.update',
    ]);
    expect(guides.every((p) => p.conditions.length === 1 && p.conditions[0] === IN_MY_UNITS)).toBe(true);
    expect(stored.filter((p) => p.subject !== GUIDE).map((p) => `${p.action} ${p.subject}`)).toEqual([
      `${CM_READ} plugin::linkage.item`,
      `${CM_READ} plugin::linkage.unit`,
      `${CM_READ} plugin::linkage.department`,
      'plugin::linkage.reviews.create null',
      'plugin::linkage.items.inspect null',
      'plugin::linkage.assurance.read null',
    ]);
  });

  test('a later boot finds every linkage role scoped: no error, nothing removed, and the removed permission is not silently re-created', async () => {
    const before = await storedRolePermissions(database, ROLES.unitEditor);
    const again = await linkageCommand(database, 'member', 'list', '--email', 'hazard-editor@linkage.test');
    expect(again).toMatchObject({ code: 0 });
    expect(roleErrors(again)).toEqual([]);
    expect(await storedRolePermissions(database, ROLES.unitEditor)).toEqual(before);
    expect(before.some((p) => p.action === CM_READ && p.subject === GUIDE)).toBe(false);
    // The city manager's and the auditor's roles were never touched.
    expect((await storedRolePermissions(database, ROLES.auditor)).filter((p) => p.subject === GUIDE)).toEqual([{ action: CM_READ, subject: GUIDE, conditions: [] }]);
  });
});

describe('npm run linkage -- member add / list / remove', () => {
  const EMAIL = 'hazard-editor@linkage.test';

  test('member add --scope subtree: exit 0, prints the membership with the unit name and scope; it is stored', async () => {
    const before = await storedMemberships(database);
    const r = await linkageCommand(database, 'member', 'add', '--email', EMAIL, '--unit', UNIT.jiaozhou, '--scope', 'subtree');
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toMatch(new RegExp(`Added: ${UNIT.jiaozhou}\\s+胶州市\\s+subtree\\s+${EMAIL}`));
    const after = await storedMemberships(database);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length)).toEqual([expect.stringMatching(new RegExp(`^${UNIT.jiaozhou} subtree \\d+$`))]);
  });

  test('member list: exit 0, one line per membership (unit, name, scope, email); --unit filters', async () => {
    const all = await linkageCommand(database, 'member', 'list');
    expect(all).toMatchObject({ code: 0 });
    const lines = all.stdout.split('\n').filter((l) => l.includes(EMAIL));
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^${UNIT.shinan}\\s+市南区\\s+unit\\s+${EMAIL}$`)),
      expect.stringMatching(new RegExp(`^${UNIT.jiaozhou}\\s+胶州市\\s+subtree\\s+${EMAIL}$`)),
    ]);
    const byUnit = await linkageCommand(database, 'member', 'list', '--unit', UNIT.jiaozhou);
    expect(
      byUnit.stdout
        .trim()
        .split('\n')
        .filter((l) => /^\d{12}\s/.test(l))
    ).toEqual([expect.stringContaining(EMAIL)]);
  });

  test('member remove: exit 0, prints what was removed; the list no longer shows it', async () => {
    const r = await linkageCommand(database, 'member', 'remove', '--email', EMAIL, '--unit', UNIT.jiaozhou);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toMatch(new RegExp(`Removed: ${UNIT.jiaozhou}\\s+胶州市\\s+subtree\\s+${EMAIL}`));
    const after = await linkageCommand(database, 'member', 'list', '--unit', UNIT.jiaozhou);
    expect(after.stdout).toMatch(/No memberships\./);
  });

  test('an unknown email: exit 1, the error names the email, nothing is added', async () => {
    const before = await storedMemberships(database);
    const r = await linkageCommand(database, 'member', 'add', '--email', 'ghost@nowhere.test', '--unit', UNIT.shinan);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/email: no admin user has the email ghost@nowhere\.test/);
    expect(await storedMemberships(database)).toEqual(before);
  });

  test('an unknown unit and a bad scope: exit 1, each named; removing a membership that does not exist: exit 1', async () => {
    const before = await storedMemberships(database);
    const r = await linkageCommand(database, 'member', 'add', '--email', TEST_ADMIN.email, '--unit', '370299000000', '--scope', 'wide');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unitCode: no unit has the code 370299000000/);
    expect(r.stderr).toMatch(/scope: must be unit .* or subtree .*"wide"/);
    const remove = await linkageCommand(database, 'member', 'remove', '--email', TEST_ADMIN.email, '--unit', UNIT.shinan);
    expect(remove.code).toBe(1);
    expect(remove.stderr).toMatch(new RegExp(`${TEST_ADMIN.email} is not a member of ${UNIT.shinan}`));
    expect(await storedMemberships(database)).toEqual(before);
  });

  test.each([
    ['member add without --unit', ['member', 'add', '--email', EMAIL]],
    ['an option without a value', ['member', 'add', '--email', EMAIL, '--unit']],
    ['an unknown option', ['member', 'list', '--role', 'editor']],
    ['an unknown command', ['member', 'promote']],
    ['no command at all', []],
  ])('bad usage (%s): exit 2 with the usage', async (_what, args) => {
    const r = await linkageCommand(database, ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Usage:\n\s+npm run linkage -- member add --email EMAIL --unit CODE \[--scope unit\|subtree\]/);
  });
});

describe('a newer plugin version adds a permission to a linkage role', () => {
  const REVIEW = 'plugin::linkage.reviews.create';
  const removeFromEditors = async () => {
    const ids = await queryDatabase<{ id: number }>(
      database,
      'SELECT p.id AS id FROM admin_permissions p JOIN admin_permissions_role_lnk l ON l.permission_id = p.id JOIN admin_roles r ON r.id = l.role_id WHERE r.code = $1 AND p.action = $2',
      [ROLES.unitEditor, REVIEW]
    );
    expect(ids).toHaveLength(1);
    await queryDatabase(database, 'DELETE FROM admin_permissions_role_lnk WHERE permission_id = $1', [ids[0].id], { write: true });
    await queryDatabase(database, 'DELETE FROM admin_permissions WHERE id = $1', [ids[0].id], { write: true });
  };
  const editorHasIt = async () => (await storedRolePermissions(database, ROLES.unitEditor)).some((p) => p.action === REVIEW);

  test('a database from before it (the role lacks it, and no record says it was given) gets it at the next boot', async () => {
    await removeFromEditors();
    await queryDatabase(database, "DELETE FROM strapi_core_store_settings WHERE key = 'plugin_linkage_permissions-given'", [], { write: true });
    const boot = await linkageCommand(database, 'member', 'list');
    expect(boot).toMatchObject({ code: 0 });
    expect(await editorHasIt()).toBe(true);
  });

  test('once given, an administrator who removes it is not overruled at the next boot', async () => {
    await removeFromEditors();
    const boot = await linkageCommand(database, 'member', 'list');
    expect(boot).toMatchObject({ code: 0 });
    expect(await editorHasIt()).toBe(false);
  });
});
