// The Strapi internals the plugin patches or relies on, each checked at boot. An upgrade of Strapi
// that moved, renamed or re-shaped one of them must stop the server with the decision record that
// explains it, rather than leave an editor's scope unguarded or a slug empty without a word.
//
// Each check inspects what it is given (`inspect`), so a test can hand it a fake shape without
// booting Strapi; `subject` takes that shape from the running Strapi, and never throws itself.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { LINKAGE_COMPONENTS } from '../components';
import { LINKAGE_SIGNAL_LISTENER, SHUTDOWN_SIGNALS, STRAPI_SIGNAL_LISTENER } from '../graceful-shutdown';
import { LINKAGE_REQUEST_LISTENER, STRAPI_REQUEST_LISTENER } from '../middlewares/public-fast-path';
import { listenSettings } from '../domain/change-notifications';
import { GUIDE } from '../uids';
import { STRAPI_SETUP_CALL } from './postgres-connection-setup';
import { KNEX_PREPARE_CALL } from './sqlite-statements';

/** `register`: checked before the plugin patches anything at register; `bootstrap`: at bootstrap. */
export type Phase = 'register' | 'bootstrap';

export interface SelfCheck {
  /** What is relied on, as a sentence's subject. */
  readonly name: string;
  /** The decision record that says why and how (a path in the repository). */
  readonly adr: string;
  readonly phase: Phase;
  /** The shape to inspect, taken from the running Strapi. */
  readonly subject: (strapi: Core.Strapi) => unknown;
  /** What is not as the plugin expects; empty when all is. */
  readonly inspect: (subject: unknown) => string[];
}

type Shape = Record<string, unknown>;

const isObject = (value: unknown): value is Shape => typeof value === 'object' && value !== null;
const at = (value: unknown, key: string): unknown => (isObject(value) || typeof value === 'function' ? (value as Shape)[key] : undefined);
/** Reads a property path without throwing: whatever is missing on the way reads as undefined. */
const path = (value: unknown, keys: readonly string[]): unknown => keys.reduce(at, value);
/** Calls `read`, turning a throw (a getter, a registry lookup) into undefined. */
const attempt = <T>(read: () => T): T | undefined => {
  try {
    return read();
  } catch {
    return undefined;
  }
};

/** A problem when `owner[method]` is not a function taking `arity` declared parameters. */
function method(owner: unknown, ownerName: string, name: string, arity?: number): string[] {
  const fn = at(owner, name);
  if (typeof fn !== 'function') return [`${ownerName}.${name} is not a function`];
  if (arity !== undefined && fn.length !== arity) return [`${ownerName}.${name} takes ${fn.length} parameters, not ${arity}`];
  return [];
}

interface Route {
  method?: unknown;
  path?: unknown;
}

/** The Content Manager's admin routes (paths relative to /content-manager). */
const contentManagerRoutes = (strapi: Core.Strapi): Route[] => {
  const routes = attempt(() => path(strapi.plugin('content-manager'), ['routes', 'admin', 'routes']));
  return Array.isArray(routes) ? (routes as Route[]) : [];
};

const missingRoutes = (routes: unknown, wanted: readonly string[]): string[] => {
  const present = new Set((Array.isArray(routes) ? (routes as Route[]) : []).map((r) => `${String(r.method)} ${String(r.path)}`));
  return wanted.filter((route) => !present.has(route)).map((route) => `the Content Manager has no route ${route.replace(' ', ' /content-manager')}`);
};

const service = (strapi: Core.Strapi, plugin: string, name: string): unknown => attempt(() => strapi.plugin(plugin).service(name));

export const SELF_CHECKS: readonly SelfCheck[] = [
  {
    name: "Strapi's auth service (the read gate wraps its authenticate)",
    adr: 'docs/adr/001-read-gate.md',
    phase: 'register',
    subject: (strapi) => attempt(() => strapi.get('auth')),
    inspect: (auth) =>
      isObject(auth) ? [...method(auth, 'auth', 'authenticate', 2), ...method(auth, 'auth', 'verify'), ...method(auth, 'auth', 'register')] : ["strapi.get('auth') is gone"],
  },
  {
    name: "Strapi's signal handlers and HTTP server (the plugin drains the server on SIGTERM and SIGINT instead)",
    adr: 'docs/adr/018-graceful-shutdown.md',
    phase: 'register',
    subject: (strapi) => ({
      listeners: Object.fromEntries(SHUTDOWN_SIGNALS.map((signal) => [signal, process.listeners(signal).map((listener) => listener.name)])),
      server: attempt(() => strapi.server.httpServer),
    }),
    inspect: (subject) => [
      ...SHUTDOWN_SIGNALS.flatMap((signal) => {
        const names = at(at(subject, 'listeners'), signal);
        // Strapi's, before the plugin replaces it; the plugin's, once it has.
        const found = Array.isArray(names) && (names.includes(STRAPI_SIGNAL_LISTENER) || names.includes(LINKAGE_SIGNAL_LISTENER));
        return found ? [] : [`createStrapi added no ${signal} listener named ${STRAPI_SIGNAL_LISTENER}`];
      }),
      ...(isObject(at(subject, 'server'))
        ? [
            ...method(at(subject, 'server'), 'strapi.server.httpServer', 'close'),
            ...method(at(subject, 'server'), 'strapi.server.httpServer', 'closeIdleConnections'),
            ...method(at(subject, 'server'), 'strapi.server.httpServer', 'on'),
          ]
        : ['strapi.server.httpServer is gone']),
    ],
  },
  {
    name: "Strapi's component registry (the plugin registers its components there)",
    adr: 'docs/adr/015-component-registry.md',
    phase: 'register',
    subject: (strapi) => attempt(() => strapi.get('components')),
    inspect: (registry) =>
      isObject(registry)
        ? [...method(registry, 'components', 'get', 1), ...method(registry, 'components', 'set', 2), ...method(registry, 'components', 'getAll', 0)]
        : ["strapi.get('components') is gone"],
  },
  {
    name: "the plugin's components as Strapi built them",
    adr: 'docs/adr/015-component-registry.md',
    phase: 'bootstrap',
    subject: (strapi) => ({
      components: attempt(() => strapi.components),
      tables: Object.fromEntries(LINKAGE_COMPONENTS.map(({ uid }) => [uid, attempt(() => strapi.db.metadata.get(uid as never).tableName)])),
    }),
    inspect: (subject) => {
      const components = at(subject, 'components');
      const tables = at(subject, 'tables');
      return LINKAGE_COMPONENTS.flatMap(({ uid, table }) => {
        const component = at(components, uid);
        if (!isObject(component)) return [`the component ${uid} registered at register is not among strapi.components`];
        if (component.modelType !== 'component' || component.uid !== uid) return [`the component ${uid} is not shaped as the app's components are (modelType, uid)`];
        if (at(tables, uid) !== table) return [`the component ${uid} has no table ${table} in the database metadata`];
        return [];
      });
    },
  },
  {
    name: "the admin's permission set-up (the linkage roles are set up after cleanPermissionsInDatabase)",
    adr: 'docs/adr/005-admin-permission-hook.md',
    phase: 'bootstrap',
    subject: (strapi) => attempt(() => strapi.service('admin::permission')),
    inspect: (permissions) =>
      isObject(permissions)
        ? [
            ...method(permissions, 'permission', 'cleanPermissionsInDatabase', 0),
            ...method(permissions, 'permission', 'deleteByIds', 1),
            ...method(at(permissions, 'actionProvider'), 'permission.actionProvider', 'get', 1),
            ...method(at(permissions, 'conditionProvider'), 'permission.conditionProvider', 'has', 1),
          ]
        : ["the admin's permission service is gone"],
  },
  {
    name: "the admin's role service (roles created, stock roles cleared)",
    adr: 'docs/adr/002-stock-roles.md',
    phase: 'bootstrap',
    subject: (strapi) => attempt(() => strapi.service('admin::role')),
    inspect: (roles) =>
      isObject(roles)
        ? [...method(roles, 'role', 'findOne'), ...method(roles, 'role', 'create'), ...method(roles, 'role', 'addPermissions', 2)]
        : ["the admin's role service is gone"],
  },
  {
    name: "the Content Manager's relation picker routes (scoped by router middlewares)",
    adr: 'docs/adr/004-relation-picker.md',
    phase: 'bootstrap',
    subject: (strapi) => ({ routes: contentManagerRoutes(strapi), use: attempt(() => strapi.server.router.use) }),
    inspect: (subject) => [
      ...(typeof at(subject, 'use') === 'function' ? [] : ['strapi.server.router.use is not a function']),
      ...missingRoutes(at(subject, 'routes'), ['GET /relations/:model/:targetField', 'GET /relations/:model/:id/:targetField']),
    ],
  },
  {
    name: "the Content Manager's document routes and Strapi's policy error (denials rewritten)",
    adr: 'docs/adr/007-denial-rewriting.md',
    phase: 'bootstrap',
    subject: (strapi) => ({ routes: contentManagerRoutes(strapi), PolicyError: errors.PolicyError }),
    inspect: (subject) => {
      const PolicyError = at(subject, 'PolicyError');
      const message = typeof PolicyError === 'function' ? attempt(() => new (PolicyError as new () => Error)().message) : undefined;
      return [
        ...(message === 'Policy Failed' ? [] : [`a failed policy no longer reads "Policy Failed" (${message === undefined ? 'no PolicyError' : JSON.stringify(message)})`]),
        ...missingRoutes(at(subject, 'routes'), [
          'GET /collection-types/:model',
          'POST /collection-types/:model',
          'PUT /collection-types/:model/:id',
          'POST /collection-types/:model/clone/:sourceId',
          'POST /collection-types/:model/actions/bulkPublish',
          'GET /single-types/:model',
        ]),
      ];
    },
  },
  {
    name: "the Content Manager's slug generator (romanized for Chinese titles)",
    adr: 'docs/adr/006-content-manager-slugs.md',
    phase: 'bootstrap',
    subject: (strapi) => service(strapi, 'content-manager', 'uid'),
    inspect: (uid) => (isObject(uid) ? method(uid, 'content-manager uid', 'generateUIDField', 1) : ["the Content Manager's uid service is gone"]),
  },
  {
    name: "the guides' component join table (read with knex)",
    adr: 'docs/adr/008-raw-sql.md',
    phase: 'bootstrap',
    subject: (strapi) => ({
      joinTable: attempt(() => path(strapi.db.metadata.get(GUIDE), ['attributes', 'materials', 'joinTable'])),
      material: attempt(() => strapi.db.metadata.get('linkage.material' as never).attributes),
    }),
    inspect: (subject) => {
      const join = at(subject, 'joinTable');
      const problems: string[] = [];
      if (!isObject(join)) return ["a guide's materials have no joinTable in the database metadata"];
      for (const key of [['name'], ['joinColumn', 'name'], ['inverseJoinColumn', 'name'], ['orderColumnName']]) {
        if (typeof path(join, key) !== 'string') problems.push(`the materials' joinTable has no ${key.join('.')}`);
      }
      const pivot = at(join, 'pivotColumns');
      if (!Array.isArray(pivot) || !pivot.includes('field')) problems.push("the materials' joinTable has no field column naming the component field");
      const attributes = at(subject, 'material');
      if (typeof path(attributes, ['when', 'columnName']) !== 'string') problems.push("a material's attributes carry no columnName");
      return problems;
    },
  },
  {
    name: "the Content Manager's configuration services (labels and layouts for editors)",
    adr: 'docs/adr/009-editor-configuration.md',
    phase: 'bootstrap',
    subject: (strapi) => ({ 'content-types': service(strapi, 'content-manager', 'content-types'), components: service(strapi, 'content-manager', 'components') }),
    inspect: (subject) =>
      (['content-types', 'components'] as const).flatMap((name) => [
        ...method(at(subject, name), `content-manager ${name}`, 'findConfiguration', 1),
        ...method(at(subject, name), `content-manager ${name}`, 'updateConfiguration', 2),
      ]),
  },
  {
    name: "i18n's sync of shared fields (called after every publish)",
    adr: 'docs/adr/010-publish-shared-fields.md',
    phase: 'bootstrap',
    subject: (strapi) => ({ localizations: service(strapi, 'i18n', 'localizations'), contentTypes: service(strapi, 'i18n', 'content-types') }),
    inspect: (subject) => [
      ...method(at(subject, 'localizations'), 'i18n localizations', 'syncNonLocalizedAttributes', 2),
      ...method(at(subject, 'contentTypes'), 'i18n content-types', 'getNestedPopulateOfNonLocalizedAttributes', 1),
    ],
  },
  {
    name: "the request context and the Content Manager's permission checker (who may preview, and whose request it is)",
    adr: 'docs/adr/011-preview-links.md',
    phase: 'bootstrap',
    subject: (strapi) => ({ requestContext: attempt(() => strapi.requestContext), permissionChecker: service(strapi, 'content-manager', 'permission-checker') }),
    inspect: (subject) => [
      ...method(at(subject, 'requestContext'), 'strapi.requestContext', 'get', 0),
      ...method(at(subject, 'permissionChecker'), 'content-manager permission-checker', 'create', 1),
    ],
  },
  {
    name: "the Content Manager's edit-page reads and the admin's sign-in sessions (what each edit form was built on)",
    adr: 'docs/adr/017-edit-versions.md',
    phase: 'bootstrap',
    subject: (strapi) => ({ routes: contentManagerRoutes(strapi), sessionManager: attempt(() => (strapi as unknown as { sessionManager?: unknown }).sessionManager) }),
    inspect: (subject) => [
      ...(typeof at(subject, 'sessionManager') === 'function' ? [] : ['strapi.sessionManager is gone: admin requests carry no sign-in session to remember loads by']),
      ...missingRoutes(at(subject, 'routes'), ['GET /collection-types/:model/:id', 'GET /single-types/:model']),
    ],
  },
  {
    name: "the http server's request listener (cache hits are answered before it)",
    adr: 'docs/adr/021-public-fast-path.md',
    phase: 'bootstrap',
    subject: (strapi) => {
      const server = attempt(() => strapi.server.httpServer);
      const listeners = attempt(() => server?.listeners('request'));
      return Array.isArray(listeners) ? listeners.map((l) => (typeof l === 'function' ? l.name : typeof l)) : null;
    },
    inspect: (names) => {
      if (!Array.isArray(names)) return ['strapi.server.httpServer has no request listeners to read'];
      // Strapi's, before the plugin takes its place; the plugin's once it has.
      const found = names.filter((n) => n === STRAPI_REQUEST_LISTENER || n === LINKAGE_REQUEST_LISTENER).length;
      return found === 1 ? [] : [`expected one request listener named ${STRAPI_REQUEST_LISTENER}, found ${JSON.stringify(names)}`];
    },
  },
  {
    name: "knex's better-sqlite3 query method and pool (statements are kept per connection, page misses read with them)",
    adr: 'docs/adr/022-sqlite-statements.md',
    phase: 'bootstrap',
    subject: (strapi) => {
      const client = attempt(() => strapi.db.connection.client) as
        | { driverName?: unknown; _query?: unknown; acquireConnection?: unknown; releaseConnection?: unknown }
        | undefined;
      if (!isObject(client)) return null;
      if (client.driverName !== 'better-sqlite3') return { sqlite: false };
      // Read from the class, not the instance: the plugin wraps the instance's after this check.
      const query = attempt(() => Object.getPrototypeOf(client)._query as unknown);
      const pooled = typeof client.acquireConnection === 'function' && typeof client.releaseConnection === 'function';
      return { sqlite: true, source: typeof query === 'function' ? String(query) : null, pooled };
    },
    inspect: (subject) => {
      if (!isObject(subject)) return ["strapi.db.connection.client (knex's client) is not there to read"];
      if (at(subject, 'sqlite') !== true) return [];
      const problems =
        at(subject, 'pooled') === true ? [] : ["knex's client no longer has acquireConnection and releaseConnection (the page misses' reads take the connection with them)"];
      const source = at(subject, 'source');
      if (typeof source !== 'string') return [...problems, "knex's better-sqlite3 client has no _query method"];
      return source.includes(KNEX_PREPARE_CALL) ? problems : [...problems, `knex's better-sqlite3 _query no longer calls ${KNEX_PREPARE_CALL}`];
    },
  },
  {
    name: "Strapi's pool hook that sets up each new Postgres connection (a failed setup is ended, not left unhandled)",
    adr: 'docs/adr/023-postgres-connection-setup.md',
    phase: 'bootstrap',
    subject: (strapi) => {
      const client = attempt(() => strapi.db.dialect.client);
      if (typeof client !== 'string') return null;
      if (client !== 'postgres') return { postgres: false };
      // The hook is a closure inside @strapi/database: read the module Strapi's core loads.
      const file = attempt(() => require.resolve('@strapi/database', { paths: [dirname(require.resolve('@strapi/core'))] }));
      return {
        postgres: true,
        initialize: typeof attempt(() => (strapi.db.dialect as unknown as Shape).initialize),
        source: file ? (attempt(() => readFileSync(file, 'utf8')) ?? null) : null,
      };
    },
    inspect: (subject) => {
      if (!isObject(subject)) return ["strapi.db.dialect (Strapi's database dialect) is not there to read"];
      if (at(subject, 'postgres') !== true) return [];
      const problems: string[] = [];
      if (at(subject, 'initialize') !== 'function') problems.push('strapi.db.dialect.initialize is not a function');
      const source = at(subject, 'source');
      if (typeof source !== 'string') problems.push('@strapi/database could not be read');
      else if (!source.includes(STRAPI_SETUP_CALL)) problems.push(`@strapi/database's pool hook no longer calls ${STRAPI_SETUP_CALL}`);
      return problems;
    },
  },
  {
    name: "Strapi's database dialect and connection settings (the change-notification listener opens its own connection with them)",
    adr: 'docs/adr/020-change-notifications.md',
    phase: 'bootstrap',
    subject: (strapi) => ({ client: attempt(() => strapi.db.dialect.client), connection: attempt(() => strapi.config.get('database.connection')) }),
    inspect: (subject) => {
      const client = at(subject, 'client');
      if (typeof client !== 'string') return ['strapi.db.dialect.client is not a string'];
      if (client !== 'postgres') return [];
      const found = listenSettings(at(subject, 'connection'));
      return 'problem' in found ? [found.problem] : [];
    },
  },
];

/** Every problem of one phase's checks, each naming its decision record. */
export function internalProblems(strapi: Core.Strapi, phase: Phase, checks: readonly SelfCheck[] = SELF_CHECKS): string[] {
  return checks.filter((check) => check.phase === phase).flatMap((check) => check.inspect(check.subject(strapi)).map((problem) => `${check.name}: ${problem} (${check.adr})`));
}

/**
 * Stops the boot when a Strapi internal the plugin patches or relies on is not as it expects.
 * register.ts calls it with 'register' first thing; bootstrap.ts with 'bootstrap'.
 */
export function assertStrapiInternals(strapi: Core.Strapi, phase: Phase, checks: readonly SelfCheck[] = SELF_CHECKS): void {
  const problems = internalProblems(strapi, phase, checks);
  if (problems.length === 0) return;
  throw new Error(
    `[linkage] This Strapi is not the one the plugin was built against: ${problems.length === 1 ? 'an internal it patches or relies on has' : 'internals it patches or relies on have'} changed. ` +
      `Refusing to start (a silent change here could leave an editor's scope unguarded). Read each record and adapt the plugin:\n` +
      problems.map((p) => `  - ${p}`).join('\n')
  );
}
