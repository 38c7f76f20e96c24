// Who may mark which record as reviewed, and who may read its reviews. A review is no edit of the
// record's content, but it vouches for it: only the record's owner (a guide's unit editors) or a
// city manager may give it.
import type { Actor, Decision, UnitLabel } from './write-access';

export type ReviewSubjectKind = 'guide' | 'item' | 'template';

export interface ReviewActor extends Actor {
  readonly isAuditor: boolean;
}

export const NOTE_MAX_LENGTH = 2000;

const ALLOW: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });
const roles = (actor: Actor) => actor.roleNames.join(', ') || 'none';

/** `unitCode`: a guide's owner; null for items and templates, which the city owns. */
export function reviewDecision(actor: ReviewActor, kind: ReviewSubjectKind, unitCode: string | null, label: UnitLabel): Decision {
  if (actor.isSuperAdmin || actor.isCityManager) return ALLOW;
  if (kind !== 'guide') return deny(`only a city manager may review ${kind}s; your roles (${roles(actor)}) do not let ${actor.email} do it`);
  const whose = unitCode ? `the guide of ${label(unitCode)}` : 'this guide';
  if (!actor.mayWriteGuides) return deny(`your roles (${roles(actor)}) do not let you review guides; you may not review ${whose}`);
  if (actor.scope.size === 0) return deny(`${actor.email} belongs to no unit, so may not review ${whose}; ask a city manager for a membership`);
  if (unitCode === null || !actor.scope.has(unitCode)) {
    const mine = [...actor.scope].map(label).join(', ');
    return deny(`${unitCode ? `the guide belongs to ${label(unitCode)}` : 'the guide names no unit'}, which is outside your units (${mine}); you may not review it`);
  }
  return ALLOW;
}

/**
 * A record's reviews (and its assurance, `what`) are read by whoever may read the record: editors
 * their own guides and every item; auditors and city managers everything.
 */
export function reviewReadDecision(actor: ReviewActor, kind: ReviewSubjectKind, unitCode: string | null, label: UnitLabel, what = 'its reviews'): Decision {
  if (actor.isSuperAdmin || actor.isCityManager || actor.isAuditor) return ALLOW;
  if (kind === 'item') return ALLOW;
  if (kind === 'guide' && unitCode !== null && actor.scope.has(unitCode)) return ALLOW;
  if (kind === 'guide') return deny(`the guide belongs to ${unitCode ? label(unitCode) : 'no unit'}, which is outside your units; you may not read ${what}`);
  return deny(`your roles (${roles(actor)}) do not let you read ${what.replace('its', 'the')} of ${kind}s`);
}

/** A note is optional free text, bounded so a review stays a note. */
export function noteProblem(note: unknown): string | null {
  if (note === undefined || note === null) return null;
  if (typeof note !== 'string') return `must be text, got ${typeof note}`;
  if (note.length > NOTE_MAX_LENGTH) return `must be at most ${NOTE_MAX_LENGTH} characters, got ${note.length}`;
  return null;
}
