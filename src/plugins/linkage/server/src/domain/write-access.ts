// Who may write which linkage record: the decision behind the document-service guard. Membership
// gives the scope (which units), the role gives the capability (what may be done).
import type { LinkageRecordKind } from './linkage-roles';

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

export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

const ALLOW: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

/** A unit named for a message: `市北区 (370203000000)`, or the bare code when unknown. */
export type UnitLabel = (code: string) => string;

const VERB: Readonly<Record<GuideAction, string>> = {
  create: 'create',
  update: 'edit',
  clone: 'copy',
  delete: 'delete',
  publish: 'publish',
  unpublish: 'unpublish',
  discardDraft: 'discard the draft of',
};

/**
 * A write on a guide: allowed when the guide's stored owner and its written owner are both in the
 * actor's scope; only a city manager (or a super admin) may change the owner.
 */
export function guideWriteDecision(
  actor: Actor,
  action: GuideAction,
  storedUnitCode: string | null,
  writtenUnitCode: string | null,
  label: UnitLabel
): Decision {
  if (actor.isSuperAdmin || actor.isCityManager) return ALLOW;
  const verb = VERB[action];
  const target = storedUnitCode ?? writtenUnitCode;
  const whose = target ? `the guide of ${label(target)}` : 'a guide';
  if (!actor.mayWriteGuides) {
    return deny(`your roles (${actor.roleNames.join(', ') || 'none'}) do not let you ${verb} guides; you may not ${verb} ${whose}`);
  }
  if (actor.scope.size === 0) {
    return deny(`${actor.email} belongs to no unit, so may not ${verb} ${whose}; ask a city manager for a membership`);
  }
  const mine = [...actor.scope].map(label).join(', ');
  if (storedUnitCode !== null && !actor.scope.has(storedUnitCode)) {
    return deny(`the guide belongs to ${label(storedUnitCode)}, which is outside your units (${mine}); you may not ${verb} it`);
  }
  if (writtenUnitCode !== null && storedUnitCode !== null && writtenUnitCode !== storedUnitCode) {
    return deny(`moving a guide from ${label(storedUnitCode)} to ${label(writtenUnitCode)} changes its owner, which only a city manager may do`);
  }
  if (writtenUnitCode !== null && !actor.scope.has(writtenUnitCode)) {
    return deny(`${label(writtenUnitCode)} is outside your units (${mine}); you may not ${verb} its guides`);
  }
  if (storedUnitCode === null && writtenUnitCode === null) {
    return deny(`a guide must name its owning unit (unitCode), one of your units (${mine})`);
  }
  return ALLOW;
}

/** A write on any other linkage record: city managers and super admins only. */
export function recordWriteDecision(actor: Actor, kind: LinkageRecordKind): Decision {
  if (actor.isSuperAdmin || actor.isCityManager) return ALLOW;
  return deny(`only a city manager may change ${kind}s; your roles (${actor.roleNames.join(', ') || 'none'}) do not let ${actor.email} do it`);
}
