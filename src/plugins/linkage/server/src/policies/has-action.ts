// Route policy: the admin user's roles must give this plugin action. Unlike admin::hasPermissions,
// a refusal says which permission is missing instead of a bare "Policy Failed".
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

interface PolicyContext {
  state: { user?: { email?: string }; userAbility?: { can(action: string, subject?: string): boolean } };
}

export interface HasActionConfig {
  action: string;
  /** What the action allows, for the message: "manage memberships". */
  does: string;
  /** The content type the action is on, for Content Manager actions (`plugin::linkage.item`). */
  subject?: string;
}

export default (policyContext: PolicyContext, config: HasActionConfig, _context: { strapi: Core.Strapi }) => {
  if (policyContext.state.userAbility?.can(config.action, config.subject)) return true;
  throw new errors.PolicyError(
    `${policyContext.state.user?.email ?? 'you'} may not ${config.does}: that needs the permission ${config.action}, which none of your roles gives`
  );
};
