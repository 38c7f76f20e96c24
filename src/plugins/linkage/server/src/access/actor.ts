// The admin user behind the current request, with what the guard needs: roles and scope.
import type { Core } from '@strapi/strapi';
import { CONDITION_IDS, GUIDE_UID, ROLE_CODES } from '../domain/linkage-roles';
import type { Actor } from '../domain/write-access';
import { getService } from '../get-service';

export const SUPER_ADMIN_CODE = 'strapi-super-admin';

export interface RequestActor extends Actor {
  readonly userId: number;
  readonly isAuditor: boolean;
}

interface AdminState {
  user?: AdminUser;
  auth?: { strategy?: { name?: string } };
  linkageActor?: RequestActor;
}

/** The admin user of the current request, or null outside an admin request (seeding, scripts). */
export async function currentActor(strapi: Core.Strapi): Promise<RequestActor | null> {
  const ctx = strapi.requestContext.get() as { state?: AdminState } | undefined;
  const state = ctx?.state;
  if (!state?.user || state.auth?.strategy?.name !== 'admin') return null;
  if (state.linkageActor) return state.linkageActor;
  const actor = await actorFor(strapi, state.user);
  state.linkageActor = actor;
  return actor;
}

interface AdminUser {
  id: number;
  email: string;
  roles?: Array<{ id: number; code: string; name: string }>;
}

const GUIDE_WRITES = ['create', 'update', 'delete', 'publish'].map((a) => `plugin::content-manager.explorer.${a}`);

export async function actorFor(strapi: Core.Strapi, user: AdminUser): Promise<RequestActor> {
  const roles = user.roles ?? ((await strapi.db.query('admin::user').findOne({ where: { id: user.id }, populate: ['roles'] })) as Required<AdminUser>).roles;
  const codes = new Set(roles.map((r) => r.code));
  const guidePermissions = (await strapi.db.query('admin::permission').findMany({
    where: { role: { id: { $in: roles.map((r) => r.id) } }, subject: GUIDE_UID },
    select: ['action', 'conditions'],
  })) as Array<{ action: string; conditions: string[] | null }>;
  // A role whose guide permissions use the "or below" condition widens its members' scope.
  const mode = guidePermissions.some((p) => (p.conditions ?? []).includes(CONDITION_IDS.inMyUnitsOrBelow)) ? 'with-subtrees' : 'as-granted';
  const scope = await getService(strapi, 'memberships').scopeOf(user.id, mode);
  return {
    userId: user.id,
    email: user.email,
    roleNames: roles.map((r) => r.name),
    isSuperAdmin: codes.has(SUPER_ADMIN_CODE),
    mayWriteGuides: guidePermissions.some((p) => GUIDE_WRITES.includes(p.action)),
    isCityManager: codes.has(ROLE_CODES.cityManager),
    isAuditor: codes.has(ROLE_CODES.auditor),
    scope: new Set(scope),
  };
}
