// Strapi gives its stock "Editor" and "Author" roles every content type on a new database, the
// plugin's included. The plugin takes those permissions away: on a new database (the template every
// test copies was one), and once on an existing database that still has them; a permission an
// administrator grants them later stands. The in-process Strapi prepares an "existing" database, then
// the linkage command line boots Strapi on it again in a child process; the database is read directly.
import type { Core } from '@strapi/strapi';
import { copyOfTemplate, type TestDatabase } from '../support/databases';
import { applyTestEnv } from '../support/env';
import { GUIDE, linkageCommand, queryDatabase, storedRolePermissions } from '../support/roles-matrix';
import { bootStrapi, doctorOnDatabase, stopStrapi } from '../support/strapi';

const STOCK = ['strapi-editor', 'strapi-author'];
const CM_READ = 'plugin::content-manager.explorer.read';
const linkageOf = async (database: TestDatabase, code: string) =>
  (await storedRolePermissions(database, code)).filter((p) => p.subject?.startsWith('plugin::linkage.')).map((p) => `${p.action} ${p.subject}`);

let database: TestDatabase;
let app: Core.Strapi | null = null;

beforeAll(async () => {
  applyTestEnv();
  database = await copyOfTemplate();
  app = await bootStrapi(database, { LINKAGE_SEED_DEMO: 'false' });
});
afterAll(async () => {
  try {
    if (app) await stopStrapi(app, null);
    // The command line booted Strapi on the database last: its doctor has the last word.
    if (database) await doctorOnDatabase(database);
  } finally {
    await database?.drop();
  }
});

test('on a new database (the seeded template), the stock roles hold no permission on a linkage type', async () => {
  for (const code of STOCK) expect(await linkageOf(database, code)).toEqual([]);
});

test('on an existing database that still gives them guides and reviews, the next boot takes them away, once', async () => {
  const strapi = app as Core.Strapi;
  // As a database from before this version: the stock roles read every guide and review.
  const roles = strapi.service('admin::role') as unknown as { addPermissions(id: number, permissions: object[]): Promise<unknown> };
  for (const code of STOCK) {
    const role = (await strapi.db.query('admin::role').findOne({ where: { code } })) as { id: number };
    await roles.addPermissions(role.id, [
      { action: CM_READ, subject: GUIDE, properties: { locales: ['zh-Hans', 'en'] }, conditions: [] },
      { action: CM_READ, subject: 'plugin::linkage.review', properties: {}, conditions: [] },
    ]);
  }
  await strapi.store({ type: 'plugin', name: 'linkage' }).delete({ key: 'stock-roles-cleared' });
  await stopStrapi(strapi, null);
  app = null;
  for (const code of STOCK) expect(await linkageOf(database, code)).toEqual([`${CM_READ} ${GUIDE}`, `${CM_READ} plugin::linkage.review`]);

  const boot = await linkageCommand(database, 'member', 'list');
  expect(boot).toMatchObject({ code: 0 });
  for (const code of STOCK) expect(await linkageOf(database, code)).toEqual([]);
  // Their other permissions (the media library, ...) are untouched.
  expect((await storedRolePermissions(database, 'strapi-editor')).length).toBeGreaterThan(0);

  // An administrator then grants the stock Editor guides deliberately: later boots leave it.
  const [read] = await queryDatabase<{ id: number }>(
    database,
    'SELECT p.id AS id FROM admin_permissions p JOIN admin_permissions_role_lnk l ON l.permission_id = p.id JOIN admin_roles r ON r.id = l.role_id WHERE r.code = $1 AND p.action = $2 AND p.subject = $3',
    ['linkage-city-manager', CM_READ, GUIDE]
  );
  await queryDatabase(
    database,
    "INSERT INTO admin_permissions (document_id, action, subject, properties, conditions, action_parameters, created_at, updated_at) SELECT document_id || 'x', action, subject, properties, conditions, action_parameters, created_at, updated_at FROM admin_permissions WHERE id = $1",
    [read.id],
    { write: true }
  );
  const [copy] = await queryDatabase<{ id: number }>(database, 'SELECT MAX(id) AS id FROM admin_permissions');
  const [editor] = await queryDatabase<{ id: number }>(database, "SELECT id FROM admin_roles WHERE code = 'strapi-editor'");
  await queryDatabase(database, 'INSERT INTO admin_permissions_role_lnk (permission_id, role_id) VALUES ($1, $2)', [copy.id, editor.id], { write: true });
  const again = await linkageCommand(database, 'member', 'list');
  expect(again).toMatchObject({ code: 0 });
  expect(await linkageOf(database, 'strapi-editor')).toEqual([`${CM_READ} ${GUIDE}`]);
});
