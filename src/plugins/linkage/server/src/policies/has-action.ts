// Route policy: the admin user's roles must give this plugin action (and, for a route that shows
// records of a type, the Content Manager's read permission on it). Unlike admin::hasPermissions, a
// refusal says which permission is missing, in the admin's language, instead of a bare "Policy Failed".
import type { Core } from '@strapi/strapi';
import type { AdminText } from '../domain/admin-language';
import { denials } from '../domain/denials';
import { enforce } from '../access/refusal';

interface PolicyContext {
  state: { user?: { email?: string; roles?: Array<{ code?: string }> }; userAbility?: { can(action: string, subject?: string): boolean } };
}

/** Strapi's own role code for super admins. */
export const SUPER_ADMIN_ROLE = 'strapi-super-admin';

export interface HasActionConfig {
  action: string;
  /** What the action allows, for the message: "manage memberships". */
  does: AdminText;
  /** A content type whose records the route shows: its Content Manager read permission is needed too. */
  reads?: string;
  /** A content type whose unsaved form the route works on: its Content Manager update permission is needed too. */
  edits?: string;
  /** Only a super admin, whatever actions other roles were given (the doctor, which reads every store). */
  superAdmin?: true;
}

export const CM_UPDATE = 'plugin::content-manager.explorer.update';

export const CM_READ = 'plugin::content-manager.explorer.read';

export default (policyContext: PolicyContext, config: HasActionConfig, { strapi }: { strapi: Core.Strapi }) => {
  const { user, userAbility } = policyContext.state;
  if (config.superAdmin && !(user?.roles ?? []).some((role) => role.code === SUPER_ADMIN_ROLE)) {
    enforce(strapi, {
      allowed: false,
      reason: {
        en: `${user?.email ?? 'you'} may not ${config.does.en}: only a super admin may`,
        'zh-Hans': `${user?.email ?? '你'} 不能${config.does['zh-Hans']}：只有超级管理员可以`,
      },
    });
  }
  if (!userAbility?.can(config.action)) enforce(strapi, denials.missingAction(user?.email, config.action, config.does));
  if (config.reads && !userAbility?.can(CM_READ, config.reads)) enforce(strapi, denials.missingRead(user?.email, config.reads));
  if (config.edits && !userAbility?.can(CM_UPDATE, config.edits)) enforce(strapi, denials.missingEdit(user?.email, config.edits));
  return true;
};
