// The boot-time self-checks of the Strapi internals the plugin patches or relies on, given shapes
// that an upgraded Strapi might have: each check must name what changed and its decision record.
// (That every check passes on this Strapi: test/integration/strapi-internals.test.ts.)
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { assertStrapiInternals, internalProblems, SELF_CHECKS, type SelfCheck } from '../../src/plugins/linkage/server/src/internals/self-checks';

const REPO = path.resolve(__dirname, '..', '..');
const check = (adr: string, name?: RegExp): SelfCheck => {
  const found = SELF_CHECKS.filter((c) => c.adr.endsWith(adr) && (!name || name.test(c.name)));
  if (found.length !== 1) throw new Error(`expected one check for ${adr}, found ${found.length}`);
  return found[0];
};

/** A Strapi with none of the internals: every lookup finds nothing, or throws as a registry does. */
const emptyStrapi = {
  get: () => undefined,
  plugin: () => {
    throw new Error('Plugin not found');
  },
  service: () => undefined,
  db: {
    metadata: {
      get: (uid: string) => {
        throw new Error(`Metadata for "${uid}" not found`);
      },
    },
  },
  server: { router: {} },
} as unknown as Core.Strapi;

test('every check names a decision record that exists in docs/adr/', () => {
  for (const c of SELF_CHECKS) {
    expect(c.adr).toMatch(/^docs\/adr\/\d{3}-[a-z0-9-]+\.md$/);
    expect(fs.existsSync(path.join(REPO, c.adr))).toBe(true);
  }
});

test('each decision record about a Strapi internal names the check that guards it', () => {
  for (const adr of new Set(SELF_CHECKS.map((c) => c.adr))) {
    expect(fs.readFileSync(path.join(REPO, adr), 'utf8')).toContain('internals/self-checks.ts');
  }
});

test('on a Strapi that has none of the internals, every check reports, and none throws', () => {
  for (const c of SELF_CHECKS) {
    const problems = c.inspect(c.subject(emptyStrapi));
    expect({ check: c.name, reported: problems.length > 0 }).toEqual({ check: c.name, reported: true });
  }
});

test('the boot stops with every problem of its phase, each naming its record', () => {
  expect(() => assertStrapiInternals(emptyStrapi, 'register')).toThrow(/docs\/adr\/001-read-gate\.md[\s\S]*docs\/adr\/015-component-registry\.md/);
  let message = '';
  try {
    assertStrapiInternals(emptyStrapi, 'bootstrap');
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toMatch(/^\[linkage\] This Strapi is not the one the plugin was built against/);
  for (const c of SELF_CHECKS.filter((x) => x.phase === 'bootstrap')) expect(message).toContain(c.adr);
  // Only that phase's checks: the register-time ones ran before.
  expect(message).not.toContain('docs/adr/001-read-gate.md');
});

test('a phase whose checks find nothing lets the boot go on', () => {
  const fine: SelfCheck = { name: 'x', adr: 'docs/adr/000-x.md', phase: 'bootstrap', subject: () => null, inspect: () => [] };
  expect(() => assertStrapiInternals(emptyStrapi, 'bootstrap', [fine])).not.toThrow();
  expect(internalProblems(emptyStrapi, 'bootstrap', [fine])).toEqual([]);
});

describe('the uid generator (006)', () => {
  const uid = check('006-content-manager-slugs.md');
  test('as in Strapi 5.54: generateUIDField({ contentTypeUID, field, data, locale })', () => {
    expect(uid.inspect({ generateUIDField: async ({ field }: { field: string }) => field })).toEqual([]);
  });
  test('renamed', () => {
    expect(uid.inspect({ generateUid: async () => '' })).toEqual(['content-manager uid.generateUIDField is not a function']);
  });
  test('its signature changed', () => {
    expect(uid.inspect({ generateUIDField: async (_model: string, _field: string) => '' })).toEqual(['content-manager uid.generateUIDField takes 2 parameters, not 1']);
  });
});

describe('cleanPermissionsInDatabase (005)', () => {
  const hook = check('005-admin-permission-hook.md');
  const permissions = {
    cleanPermissionsInDatabase: async () => undefined,
    deleteByIds: async (_ids: number[]) => undefined,
    actionProvider: { get: (_id: string) => undefined },
    conditionProvider: { has: (_id: string) => false },
  };
  test('as in Strapi 5.54', () => expect(hook.inspect(permissions)).toEqual([]));
  test('gone, or given a parameter', () => {
    expect(hook.inspect({ ...permissions, cleanPermissionsInDatabase: undefined })).toEqual(['permission.cleanPermissionsInDatabase is not a function']);
    expect(hook.inspect({ ...permissions, cleanPermissionsInDatabase: async (_options: object) => undefined })).toEqual([
      'permission.cleanPermissionsInDatabase takes 1 parameters, not 0',
    ]);
  });
  test('the condition provider moved', () => {
    expect(hook.inspect({ ...permissions, conditionProvider: undefined })).toEqual(['permission.conditionProvider.has is not a function']);
  });
});

describe('the component registry (015)', () => {
  const registry = check('015-component-registry.md', /registry/);
  const built = check('015-component-registry.md', /as Strapi built/);
  test('as in Strapi 5.54', () => {
    expect(registry.inspect({ get: (_uid: string) => undefined, set: (_uid: string, _c: object) => undefined, getAll: () => ({}) })).toEqual([]);
  });
  test('a registry that only takes maps of components', () => {
    expect(registry.inspect({ get: (_uid: string) => undefined, add: (_map: object) => undefined, getAll: () => ({}) })).toEqual(['components.set is not a function']);
  });
  test('components registered but never built into models', () => {
    const problems = built.inspect({ components: {}, tables: {} });
    expect(problems).toContain('the component linkage.stage registered at register is not among strapi.components');
  });
  test('components built without their table', () => {
    const components = Object.fromEntries(
      ['policy', 'option', 'question', 'stage', 'material', 'time-limit'].map((n) => [`linkage.${n}`, { uid: `linkage.${n}`, modelType: 'component' }])
    );
    expect(built.inspect({ components, tables: { 'linkage.stage': 'components_linkage_stages' } })).toContain(
      'the component linkage.material has no table components_linkage_materials in the database metadata'
    );
  });
});

describe('the raw join-table SQL (008)', () => {
  const sql = check('008-raw-sql.md');
  const joinTable = {
    name: 'linkage_guides_cmps',
    joinColumn: { name: 'entity_id' },
    inverseJoinColumn: { name: 'cmp_id' },
    orderColumnName: 'order',
    pivotColumns: ['entity_id', 'cmp_id', 'field', 'component_type'],
  };
  const material = { when: { columnName: 'when' } };
  test('as in Strapi 5.54', () => expect(sql.inspect({ joinTable, material })).toEqual([]));
  test('the join table reshaped', () => {
    expect(sql.inspect({ joinTable: { ...joinTable, joinColumn: 'entity_id', pivotColumns: ['entity_id', 'cmp_id'] }, material })).toEqual([
      "the materials' joinTable has no joinColumn.name",
      "the materials' joinTable has no field column naming the component field",
    ]);
  });
  test('components no longer joined through a table', () => {
    expect(sql.inspect({ joinTable: undefined, material })).toEqual(["a guide's materials have no joinTable in the database metadata"]);
  });
});

describe('denial rewriting (007)', () => {
  const denials = check('007-denial-rewriting.md');
  const routes = [
    ['GET', '/collection-types/:model'],
    ['POST', '/collection-types/:model'],
    ['PUT', '/collection-types/:model/:id'],
    ['POST', '/collection-types/:model/clone/:sourceId'],
    ['POST', '/collection-types/:model/actions/bulkPublish'],
    ['GET', '/single-types/:model'],
  ].map(([method, p]) => ({ method, path: p }));
  class PolicyError extends Error {
    constructor(message = 'Policy Failed') {
      super(message);
    }
  }
  test('as in Strapi 5.54', () => expect(denials.inspect({ routes, PolicyError })).toEqual([]));
  test('the Content Manager moved its routes', () => {
    const moved = routes.map((r) => ({ ...r, path: r.path.replace('/collection-types/', '/documents/') }));
    expect(denials.inspect({ routes: moved, PolicyError })).toContain('the Content Manager has no route POST /content-manager/collection-types/:model/clone/:sourceId');
  });
  test('a failed policy says something else', () => {
    class Renamed extends Error {
      constructor() {
        super('Forbidden by policy');
      }
    }
    expect(denials.inspect({ routes, PolicyError: Renamed })).toEqual(['a failed policy no longer reads "Policy Failed" ("Forbidden by policy")']);
  });
});

describe('the relation picker (004)', () => {
  const picker = check('004-relation-picker.md');
  const routes = [
    { method: 'GET', path: '/relations/:model/:targetField' },
    { method: 'GET', path: '/relations/:model/:id/:targetField' },
  ];
  test('as in Strapi 5.54', () => expect(picker.inspect({ routes, use: () => undefined })).toEqual([]));
  test('a picker route changed: its middleware would no longer run', () => {
    expect(picker.inspect({ routes: [routes[0]], use: () => undefined })).toEqual(['the Content Manager has no route GET /content-manager/relations/:model/:id/:targetField']);
  });
});

describe('the read gate (001), shared fields (010), previews (011), editor configuration (009), roles (002)', () => {
  test("the auth service's authenticate no longer takes (ctx, next)", () => {
    expect(check('001-read-gate.md').inspect({ authenticate: async (_ctx: object) => undefined, verify: () => undefined, register: () => undefined })).toEqual([
      'auth.authenticate takes 1 parameters, not 2',
    ]);
  });
  test("i18n's sync renamed", () => {
    expect(
      check('010-publish-shared-fields.md').inspect({
        localizations: { syncLocalizations: () => undefined },
        contentTypes: { getNestedPopulateOfNonLocalizedAttributes: (_uid: string) => [] },
      })
    ).toEqual(['i18n localizations.syncNonLocalizedAttributes is not a function']);
  });
  test('no permission checker', () => {
    expect(check('011-preview-links.md').inspect({ requestContext: { get: () => undefined }, permissionChecker: undefined })).toEqual([
      'content-manager permission-checker.create is not a function',
    ]);
  });
  test('configuration services without updateConfiguration', () => {
    const service = { findConfiguration: (_uid: object) => ({}) };
    expect(check('009-editor-configuration.md').inspect({ 'content-types': service, components: service })).toEqual([
      'content-manager content-types.updateConfiguration is not a function',
      'content-manager components.updateConfiguration is not a function',
    ]);
  });
  test('a role service that adds permissions otherwise', () => {
    expect(check('002-stock-roles.md').inspect({ findOne: () => null, create: () => null, addPermissions: (_permissions: object[]) => null })).toEqual([
      'role.addPermissions takes 1 parameters, not 2',
    ]);
  });
});

describe("Strapi's signal handlers and HTTP server (017)", () => {
  const shutdown = check('018-graceful-shutdown.md');
  const server = { close: () => undefined, closeIdleConnections: () => undefined, on: () => undefined };
  const listeners = (name: string) => ({ SIGTERM: [name], SIGINT: [name] });
  test('as in Strapi 5.54: createStrapi adds terminateStrapi to both signals', () => {
    expect(shutdown.inspect({ listeners: listeners('terminateStrapi'), server })).toEqual([]);
  });
  test('already replaced by the plugin (a second check on the same process)', () => {
    expect(shutdown.inspect({ listeners: listeners('drainThenStop'), server })).toEqual([]);
  });
  test('Strapi renamed its handler: the plugin could not remove it, and it would cut requests', () => {
    expect(shutdown.inspect({ listeners: listeners('stopStrapi'), server })).toEqual([
      'createStrapi added no SIGTERM listener named terminateStrapi',
      'createStrapi added no SIGINT listener named terminateStrapi',
    ]);
  });
  test('a server without closeIdleConnections (idle keep-alive connections would hold the exit)', () => {
    expect(shutdown.inspect({ listeners: listeners('terminateStrapi'), server: { close: () => undefined, on: () => undefined } })).toEqual([
      'strapi.server.httpServer.closeIdleConnections is not a function',
    ]);
  });
});

describe("the database's dialect and connection settings (020)", () => {
  const settings = check('020-change-notifications.md');
  const postgres = { client: 'postgres', connection: { host: '127.0.0.1', port: 5432, database: 'linkage', user: 'postgres', password: '', schema: 'public' } };
  test('as in Strapi 5.54, on Postgres and on SQLite', () => {
    expect(settings.inspect({ client: 'postgres', connection: postgres })).toEqual([]);
    expect(settings.inspect({ client: 'sqlite', connection: { client: 'sqlite', connection: { filename: 'x.db' } } })).toEqual([]);
  });
  test('the dialect no longer says its name', () => {
    expect(settings.inspect({ client: undefined, connection: postgres })).toEqual(['strapi.db.dialect.client is not a string']);
  });
  test('the configuration moved or reshaped: nothing to connect the listener with', () => {
    expect(settings.inspect({ client: 'postgres', connection: undefined })).toEqual(['database.connection.client is undefined, not "postgres"']);
    expect(settings.inspect({ client: 'postgres', connection: { client: 'postgres', connection: { schema: 'public' } } })).toEqual([
      'database.connection.connection names neither a connectionString nor a host or database',
    ]);
  });
});

describe("knex's better-sqlite3 query method (022)", () => {
  const statements = check('022-sqlite-statements.md');
  const knexQuery = 'async _query(connection, obj) { const statement = connection.prepare(obj.sql); return statement; }';
  test('as in knex 3.1, on SQLite; nothing to check on Postgres', () => {
    expect(statements.inspect({ sqlite: true, source: knexQuery, pooled: true })).toEqual([]);
    expect(statements.inspect({ sqlite: false })).toEqual([]);
  });
  test('the query method no longer prepares the SQL itself, or is gone', () => {
    expect(statements.inspect({ sqlite: true, source: 'async _query(connection, obj) { return this.cache.run(obj); }', pooled: true })).toEqual([
      "knex's better-sqlite3 _query no longer calls connection.prepare(obj.sql)",
    ]);
    expect(statements.inspect({ sqlite: true, source: null, pooled: true })).toEqual(["knex's better-sqlite3 client has no _query method"]);
  });
  test("the client no longer lends and takes back its pool's connection", () => {
    expect(statements.inspect({ sqlite: true, source: knexQuery, pooled: false })).toEqual([
      "knex's client no longer has acquireConnection and releaseConnection (the page misses' reads take the connection with them)",
    ]);
  });
});

describe("Strapi's pool hook for new Postgres connections (023)", () => {
  const setup = check('023-postgres-connection-setup.md');
  const strapiHook = 'const afterCreate = (db)=>(nativeConnection, done)=>{ db.dialect.initialize(nativeConnection).then(()=>{ return done(null, nativeConnection); }); };';
  test('as in @strapi/database 5, on Postgres; nothing to check on SQLite', () => {
    expect(setup.inspect({ postgres: true, initialize: 'function', source: strapiHook })).toEqual([]);
    expect(setup.inspect({ postgres: false })).toEqual([]);
  });
  test('the hook no longer sets connections up through the dialect, the dialect has no initialize, or the module cannot be read', () => {
    expect(setup.inspect({ postgres: true, initialize: 'function', source: 'const afterCreate = (db)=>(c, done)=>db.setUp(c, done);' })).toEqual([
      "@strapi/database's pool hook no longer calls db.dialect.initialize(nativeConnection).then(",
    ]);
    expect(setup.inspect({ postgres: true, initialize: 'undefined', source: strapiHook })).toEqual(['strapi.db.dialect.initialize is not a function']);
    expect(setup.inspect({ postgres: true, initialize: 'function', source: null })).toEqual(['@strapi/database could not be read']);
  });
});
