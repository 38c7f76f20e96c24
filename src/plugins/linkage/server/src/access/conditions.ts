// RBAC conditions for guide permissions. Conditions cannot match prefixes, so each returns the
// explicit list of unit codes in the user's scope: `{ unitCode: { $in: codes } }`.
import type { Core } from '@strapi/strapi';
import { CONDITION_IDS } from '../domain/linkage-roles';
import type { ScopeMode } from '../domain/scope';
import { getService } from '../get-service';

interface ConditionProvider {
  registerMany(conditions: Array<{ displayName: string; name: string; plugin: string; category?: string; handler: (user: { id: number }) => Promise<object> }>): unknown;
}

export const conditionProvider = (strapi: Core.Strapi): ConditionProvider =>
  (strapi.admin as unknown as { services: { permission: { conditionProvider: ConditionProvider } } }).services.permission.conditionProvider;

export function registerConditions(strapi: Core.Strapi): void {
  const inScope = (mode: ScopeMode) => async (user: { id: number }) => {
    const codes = await getService(strapi, 'memberships').scopeOf(user.id, mode);
    return { unitCode: { $in: codes } };
  };
  conditionProvider(strapi).registerMany([
    { displayName: 'Guide in my units', name: CONDITION_IDS.inMyUnits.split('.').pop() as string, plugin: 'linkage', category: 'Linkage', handler: inScope('as-granted') },
    {
      displayName: 'Guide in my units or below',
      name: CONDITION_IDS.inMyUnitsOrBelow.split('.').pop() as string,
      plugin: 'linkage',
      category: 'Linkage',
      handler: inScope('with-subtrees'),
    },
  ]);
}
