// The admin roles the plugin creates, as data: which Content Manager and plugin actions each role
// holds, on which types, and which guide permissions must carry a scope condition.

export const ROLE_CODES = {
  cityManager: 'linkage-city-manager',
  unitEditor: 'linkage-unit-editor',
  auditor: 'linkage-auditor',
} as const;

export type LinkageRoleCode = (typeof ROLE_CODES)[keyof typeof ROLE_CODES];

export const CONDITION_IDS = {
  inMyUnits: 'plugin::linkage.guide-in-my-units',
  inMyUnitsOrBelow: 'plugin::linkage.guide-in-my-units-or-below',
} as const;

export const LINKAGE_CONDITIONS: readonly string[] = Object.values(CONDITION_IDS);

export const PLUGIN_ACTIONS = {
  readMemberships: 'plugin::linkage.memberships.read',
  manageMemberships: 'plugin::linkage.memberships.manage',
  readReports: 'plugin::linkage.reports.read',
  readAudit: 'plugin::linkage.audit.read',
  /** Mark a record reviewed (POST /linkage/reviews); which records is decided by the scope. */
  createReviews: 'plugin::linkage.reviews.create',
  /** An item draft's publishing checks and flow chart, and the health of published items. */
  inspectItems: 'plugin::linkage.items.inspect',
  /** One's own scope, guides and their assurance (my guides), and records' reviews. */
  readAssurance: 'plugin::linkage.assurance.read',
  /** Check the derived stores against the source records (GET /linkage/doctor): no linkage role holds it; super admins only. */
  runDoctor: 'plugin::linkage.doctor.run',
} as const;

const CM = {
  read: 'plugin::content-manager.explorer.read',
  create: 'plugin::content-manager.explorer.create',
  update: 'plugin::content-manager.explorer.update',
  delete: 'plugin::content-manager.explorer.delete',
  publish: 'plugin::content-manager.explorer.publish',
} as const;

const uid = (name: string) => `plugin::linkage.${name}`;
export const GUIDE_UID = uid('guide');

export interface PermissionSpec {
  readonly action: string;
  readonly subject?: string;
  readonly conditions?: readonly string[];
}

export interface RoleSpec {
  readonly code: LinkageRoleCode;
  readonly name: string;
  readonly description: string;
  readonly permissions: readonly PermissionSpec[];
}

const MANAGED = ['unit', 'department', 'item', 'guide', 'guide-spec', 'responsibility-rule', 'site-template'].map(uid);
const READABLE = [...MANAGED, uid('review')];
const ALL_CM = [CM.read, CM.create, CM.update, CM.delete, CM.publish];

const each = (actions: readonly string[], subjects: readonly string[], conditions?: readonly string[]): PermissionSpec[] =>
  subjects.flatMap((subject) => actions.map((action) => (conditions ? { action, subject, conditions } : { action, subject })));

export const ROLE_SPECS: readonly RoleSpec[] = [
  {
    code: ROLE_CODES.cityManager,
    name: 'Linkage city manager',
    description: 'Manages linked items, units, departments, templates, rules, the guide spec and memberships; may move a guide to another owner.',
    permissions: [
      ...each(ALL_CM, MANAGED),
      ...each([CM.read], [uid('review')]),
      { action: PLUGIN_ACTIONS.readMemberships },
      { action: PLUGIN_ACTIONS.manageMemberships },
      { action: PLUGIN_ACTIONS.readReports },
      { action: PLUGIN_ACTIONS.readAudit },
      { action: PLUGIN_ACTIONS.createReviews },
      { action: PLUGIN_ACTIONS.inspectItems },
      { action: PLUGIN_ACTIONS.readAssurance },
    ],
  },
  {
    code: ROLE_CODES.unitEditor,
    name: 'Linkage unit editor',
    description: 'Keeps the guides of their own units (from their memberships): list, read, create, edit, publish. Reads items, units and departments.',
    permissions: [
      ...each(ALL_CM, [GUIDE_UID], [CONDITION_IDS.inMyUnits]),
      ...each([CM.read], [uid('item'), uid('unit'), uid('department')]),
      { action: PLUGIN_ACTIONS.createReviews },
      { action: PLUGIN_ACTIONS.inspectItems },
      { action: PLUGIN_ACTIONS.readAssurance },
    ],
  },
  {
    code: ROLE_CODES.auditor,
    name: 'Linkage auditor',
    description: 'Reads everything, runs ownership reports and reads the audit trail; writes nothing.',
    permissions: [
      ...each([CM.read], READABLE),
      { action: PLUGIN_ACTIONS.readMemberships },
      { action: PLUGIN_ACTIONS.readReports },
      { action: PLUGIN_ACTIONS.readAudit },
      { action: PLUGIN_ACTIONS.inspectItems },
      { action: PLUGIN_ACTIONS.readAssurance },
    ],
  },
];

export interface StoredPermission {
  readonly id: number;
  readonly action: string;
  readonly subject: string | null;
  readonly conditions: readonly string[];
}

/**
 * Guide permissions of a role that its spec scopes with a condition but that no longer carry a
 * registered linkage condition: left alone they would grant every unit's guides.
 */
export function unscopedGuidePermissions(spec: RoleSpec, stored: readonly StoredPermission[], isRegistered: (conditionId: string) => boolean): StoredPermission[] {
  const scopedActions = new Set(spec.permissions.filter((p) => p.subject === GUIDE_UID && p.conditions && p.conditions.length > 0).map((p) => p.action));
  return stored.filter(
    (permission) =>
      permission.subject === GUIDE_UID && scopedActions.has(permission.action) && !permission.conditions.some((id) => LINKAGE_CONDITIONS.includes(id) && isRegistered(id))
  );
}

/** How a spec permission is remembered as given: its action and subject. */
export const permissionKey = (p: { readonly action: string; readonly subject?: string | null }): string => `${p.action}|${p.subject ?? ''}`;

/**
 * Permissions an existing role should be given now: those its spec holds that were never given
 * before (a newer version of the plugin added them) and that it lacks. Each is given once, so an
 * administrator who later removes one is not overruled.
 */
export function permissionsToGrant(spec: RoleSpec, given: ReadonlySet<string>, stored: readonly Pick<StoredPermission, 'action' | 'subject'>[]): PermissionSpec[] {
  const held = new Set(stored.map(permissionKey));
  return spec.permissions.filter((p) => !given.has(permissionKey(p)) && !held.has(permissionKey(p)));
}

/** Strapi's stock roles, which Strapi gives every content type on a new database, the plugin's included. */
export const STOCK_ROLE_CODES: readonly string[] = ['strapi-editor', 'strapi-author'];

/** Stored permissions that concern the plugin: on its types, or its own actions. */
export const linkagePermissions = <P extends Pick<StoredPermission, 'action' | 'subject'>>(stored: readonly P[]): P[] =>
  stored.filter((p) => p.subject?.startsWith('plugin::linkage.') || p.action.startsWith('plugin::linkage.'));
