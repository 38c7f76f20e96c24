// Who may write which linkage record: the decision behind the document-service guard. Membership
// gives the scope (which units), the role gives the capability (what may be done).
import { ALLOW, denials, type Decision, type UnitLabel } from './denials';
import { recordType } from './record-types';

export type { Decision, UnitLabel } from './denials';

export interface Actor {
  readonly email: string;
  /** Names of the actor's admin roles, for messages. */
  readonly roleNames: readonly string[];
  readonly isSuperAdmin: boolean;
  readonly isCityManager: boolean;
  /** Whether any of the actor's roles lets them write guides at all (an auditor's does not). */
  readonly mayWriteGuides: boolean;
  /** Unit codes the actor's memberships cover. */
  readonly scope: ReadonlySet<string>;
}

export type GuideAction = 'create' | 'update' | 'clone' | 'delete' | 'publish' | 'unpublish' | 'discardDraft';

/**
 * A write on a guide: allowed when the guide's stored owner and its written owner are both in the
 * actor's scope; only a city manager (or a super admin) may change the owner.
 */
export function guideWriteDecision(actor: Actor, action: GuideAction, storedUnitCode: string | null, writtenUnitCode: string | null, label: UnitLabel): Decision {
  if (actor.isSuperAdmin || actor.isCityManager) return ALLOW;
  const target = storedUnitCode ?? writtenUnitCode;
  if (!actor.mayWriteGuides) return denials.guideRolesLack(actor, action, target, label);
  if (actor.scope.size === 0) return denials.noMembership(actor, action, target, label);
  if (storedUnitCode !== null && !actor.scope.has(storedUnitCode)) return denials.guidesOutside(actor, action, [storedUnitCode], label);
  if (writtenUnitCode !== null && storedUnitCode !== null && writtenUnitCode !== storedUnitCode) return denials.ownerChange(storedUnitCode, writtenUnitCode, label);
  if (writtenUnitCode !== null && !actor.scope.has(writtenUnitCode)) return denials.writtenOutside(actor, action, writtenUnitCode, label);
  if (storedUnitCode === null && writtenUnitCode === null) return denials.noOwnerNamed(actor, label);
  return ALLOW;
}

/**
 * A bulk action on guides (the Content Manager's bulk publish, unpublish, delete): allowed when
 * every guide's owner is in scope; a refusal names the units outside it.
 */
export function bulkGuideDecision(actor: Actor, action: GuideAction, owners: readonly string[], label: UnitLabel): Decision {
  if (actor.isSuperAdmin || actor.isCityManager) return ALLOW;
  const distinct = [...new Set(owners)].sort();
  if (!actor.mayWriteGuides) return denials.guideRolesLack(actor, action, distinct.length === 1 ? distinct[0] : null, label);
  if (actor.scope.size === 0) return denials.noMembership(actor, action, distinct.length === 1 ? distinct[0] : null, label);
  const outside = distinct.filter((code) => !actor.scope.has(code));
  return outside.length > 0 ? denials.guidesOutside(actor, action, outside, label) : ALLOW;
}

/**
 * A write on any other linkage record (named by its uid): city managers and super admins only; the
 * audit trail is append-only and reviews are never changed, whoever asks, and the plugin's derived
 * tables are written by the plugin alone.
 */
export function recordWriteDecision(actor: Actor, uid: string, action: GuideAction | 'read' = 'update'): Decision {
  const writes = recordType(uid)?.writes;
  if (writes === 'append-only') return denials.auditAppendOnly(action === 'read' ? 'update' : action);
  if (writes === 'immutable' && action !== 'create') return denials.reviewsImmutable(action);
  if (writes === 'derived') return denials.derivedRecords(uid);
  if (actor.isSuperAdmin || actor.isCityManager) return ALLOW;
  return denials.cityManagersOnly(actor, uid);
}

/**
 * Reading guides (or acting on them, `action`): `unreadableOwners` are the owners of the guides that
 * the actor's read permission, conditions included, does not reach.
 */
export function guideReadDecision(actor: Actor, action: GuideAction | 'read', mayReadType: boolean, unreadableOwners: readonly string[], label: UnitLabel): Decision {
  if (actor.isSuperAdmin) return ALLOW;
  const owners = [...new Set(unreadableOwners)].sort();
  const single = owners.length === 1 ? owners[0] : null;
  if (!mayReadType) return denials.guideRolesLack(actor, 'read', single, label);
  if (owners.length === 0) return ALLOW;
  // Reading, an editor with no membership is told whose the guide is, as any other editor.
  if (actor.scope.size === 0 && action !== 'read') return denials.noMembership(actor, action, single, label);
  return denials.guidesOutside(actor, action, owners, label);
}
