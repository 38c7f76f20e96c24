// The plugin's admin roles: created once, when missing, with permissions that name every locale and
// carry the plugin's conditions; then, at every boot, a check that the scoped guide permissions of
// those roles still carry a registered linkage condition, removing any that do not (fail closed).
import type { Core } from '@strapi/strapi';
import {
  ROLE_SPECS,
  STOCK_ROLE_CODES,
  linkagePermissions,
  permissionKey,
  permissionsToGrant,
  unscopedGuidePermissions,
  type RoleSpec,
  type StoredPermission,
} from '../domain/linkage-roles';
import { conditionProvider } from './conditions';
import { getService } from '../get-service';

interface RoleService {
  findOne(params: { code: string }): Promise<{ id: number; code: string; name: string } | null>;
  create(attributes: { name: string; code: string; description: string }): Promise<{ id: number }>;
  addPermissions(roleId: number, permissions: object[]): Promise<unknown>;
  createRolesIfNoneExist(): Promise<void>;
}

interface PermissionService {
  actionProvider: { get(actionId: string): { actionId: string; subjects?: string[]; options?: { applyToProperties?: string[] } } | undefined };
  deleteByIds(ids: number[]): Promise<unknown>;
  cleanPermissionsInDatabase(): Promise<void>;
}

interface ContentTypeService {
  getPermissionsWithNestedFields(actions: object[]): Array<{ action: string; subject: string; properties: { fields?: string[] } }>;
}

const STORE_KEY = 'roles-created';
// Whether Strapi's stock roles were stripped of the plugin's permissions (once per database).
const STOCK_KEY = 'stock-roles-cleared';
// Per role, the spec permissions already given once (see permissionsToGrant).
const GIVEN_KEY = 'permissions-given';

const services = (strapi: Core.Strapi) => ({
  roles: strapi.service('admin::role') as unknown as RoleService,
  permissions: strapi.service('admin::permission') as unknown as PermissionService,
  contentTypes: strapi.service('admin::content-type') as unknown as ContentTypeService,
});

const pluginStore = (strapi: Core.Strapi) => strapi.store({ type: 'plugin', name: 'linkage' });

async function permissionsOf(strapi: Core.Strapi, spec: RoleSpec, locales: string[]): Promise<object[]> {
  const { permissions, contentTypes } = services(strapi);
  return spec.permissions.map((p) => {
    if (!p.subject) return { action: p.action, subject: null, properties: {}, conditions: [] };
    const action = permissions.actionProvider.get(p.action);
    if (!action) throw new Error(`linkage: the admin action ${p.action} is not registered`);
    const [withFields] = contentTypes.getPermissionsWithNestedFields([{ ...action, subjects: [p.subject] }]);
    const localized = (strapi.contentType(p.subject as 'plugin::linkage.guide').pluginOptions as { i18n?: { localized?: boolean } } | undefined)?.i18n?.localized === true;
    // A localized permission that names no locale grants none: name them all.
    const properties = { ...withFields.properties, ...(localized ? { locales } : {}) };
    return { action: p.action, subject: p.subject, properties, conditions: [...(p.conditions ?? [])] };
  });
}

/**
 * Creates each linkage role the first time it is missing, and gives an existing role the permissions
 * a newer plugin version added to its spec, once; an administrator's later edits stand.
 */
export async function ensureRoles(strapi: Core.Strapi): Promise<void> {
  const { roles } = services(strapi);
  const store = pluginStore(strapi);
  const created = new Set(((await store.get({ key: STORE_KEY })) as string[] | null) ?? []);
  const given = ((await store.get({ key: GIVEN_KEY })) as Record<string, string[]> | null) ?? {};
  const locales = await getService(strapi, 'locales').codes();
  for (const spec of ROLE_SPECS) {
    const existing = await roles.findOne({ code: spec.code });
    if (existing) {
      const stored = (await strapi.db.query('admin::permission').findMany({ where: { role: { id: existing.id } }, select: ['action', 'subject'] })) as StoredPermission[];
      const missing = permissionsToGrant(spec, new Set(given[spec.code] ?? []), stored);
      if (missing.length > 0) {
        await roles.addPermissions(existing.id, await permissionsOf(strapi, { ...spec, permissions: missing }, locales));
        strapi.log.info(`[linkage] Gave the role "${existing.name}" its new permissions: ${missing.map((p) => p.action).join(', ')}`);
      }
    } else if (!created.has(spec.code)) {
      const role = await roles.create({ name: spec.name, code: spec.code, description: spec.description });
      await roles.addPermissions(role.id, await permissionsOf(strapi, spec, locales));
      strapi.log.info(`[linkage] Created the admin role "${spec.name}"`);
    }
    created.add(spec.code);
    given[spec.code] = spec.permissions.map(permissionKey).sort();
  }
  await store.set({ key: STORE_KEY, value: [...created].sort() });
  await store.set({ key: GIVEN_KEY, value: given });
}

/**
 * Takes from Strapi's stock Editor and Author roles every permission on the plugin's types, which
 * Strapi gave them unconditioned on a new database (every unit's guides, reviews with emails and
 * notes). Once per database: an administrator who later grants them some deliberately is not overruled.
 */
export async function clearStockRoles(strapi: Core.Strapi): Promise<number> {
  const store = pluginStore(strapi);
  if (await store.get({ key: STOCK_KEY })) return 0;
  const { roles, permissions } = services(strapi);
  let removed = 0;
  for (const code of STOCK_ROLE_CODES) {
    const role = await roles.findOne({ code });
    if (!role) continue;
    const stored = (await strapi.db.query('admin::permission').findMany({ where: { role: { id: role.id } }, select: ['id', 'action', 'subject'] })) as StoredPermission[];
    const ours = linkagePermissions(stored);
    if (ours.length === 0) continue;
    await permissions.deleteByIds(ours.map((p) => p.id));
    removed += ours.length;
    strapi.log.info(`[linkage] Took ${ours.length} permissions on Linkage types from Strapi's stock role "${role.name}"`);
  }
  await store.set({ key: STOCK_KEY, value: true });
  return removed;
}

/** Removes scoped guide permissions that lost their linkage condition, so they cannot grant every unit. */
export async function failClosedOnUnscopedGuides(strapi: Core.Strapi): Promise<number> {
  const { roles, permissions } = services(strapi);
  const provider = conditionProvider(strapi) as unknown as { has(id: string): boolean };
  let removed = 0;
  for (const spec of ROLE_SPECS) {
    const role = await roles.findOne({ code: spec.code });
    if (!role) continue;
    const stored = (await strapi.db.query('admin::permission').findMany({ where: { role: { id: role.id } } })) as Array<StoredPermission & { conditions: string[] | null }>;
    const unscoped = unscopedGuidePermissions(
      spec,
      stored.map((p) => ({ ...p, conditions: p.conditions ?? [] })),
      (id) => provider.has(id)
    );
    if (unscoped.length === 0) continue;
    await permissions.deleteByIds(unscoped.map((p) => p.id));
    removed += unscoped.length;
    for (const p of unscoped) {
      strapi.log.error(
        `[linkage] Role "${role.name}": removed its ${p.action} permission on guides, which no longer carries a registered linkage condition ` +
          `(${(p.conditions ?? []).join(', ') || 'none'}); unrestricted it would grant every unit's guides. Give the role back its permission with the condition "Guide in my units".`
      );
    }
  }
  return removed;
}

/**
 * Roles need the admin's own roles and every plugin's actions, which exist only once the admin has
 * bootstrapped (after the plugins). The admin ends its permission set-up with
 * cleanPermissionsInDatabase: the linkage roles are set up right after it.
 */
export function setUpRolesAfterAdmin(strapi: Core.Strapi): void {
  const { permissions } = services(strapi);
  const clean = permissions.cleanPermissionsInDatabase.bind(permissions);
  permissions.cleanPermissionsInDatabase = async () => {
    await clean();
    // Roles name every locale: the configured ones must exist first.
    const configured = strapi.config.get('plugin::linkage.locales', []) as string[];
    const added = await getService(strapi, 'locales').ensure(configured);
    if (added.length > 0) strapi.log.info(`[linkage] Locales added: ${added.join(', ')}`);
    await ensureRoles(strapi);
    await clearStockRoles(strapi);
    await failClosedOnUnscopedGuides(strapi);
  };
}
