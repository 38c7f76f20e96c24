// Who may mark which record as reviewed, and who may read its reviews. A review is no edit of the
// record's content, but it vouches for it: only the record's owner (a guide's unit editors) or a
// city manager may give it.
import type { AdminText } from './admin-language';
import { ALLOW, denials, type Decision, type UnitLabel } from './denials';
import type { Actor } from './write-access';

export type ReviewSubjectKind = 'guide' | 'item' | 'template';

export interface ReviewActor extends Actor {
  readonly isAuditor: boolean;
}

export const NOTE_MAX_LENGTH = 2000;

const REVIEWS: AdminText = { en: 'its reviews', 'zh-Hans': '复核记录' };

/** `unitCode`: a guide's owner; null for items and templates, which the city owns. */
export function reviewDecision(actor: ReviewActor, kind: ReviewSubjectKind, unitCode: string | null, label: UnitLabel): Decision {
  if (actor.isSuperAdmin || actor.isCityManager) return ALLOW;
  if (kind !== 'guide') return denials.reviewKindCityOnly(actor, kind);
  if (!actor.mayWriteGuides) return denials.guideRolesLack(actor, 'review', unitCode, label);
  if (actor.scope.size === 0) return denials.noMembership(actor, 'review', unitCode, label);
  if (unitCode === null) return denials.noOwnerNamed(actor, label);
  if (!actor.scope.has(unitCode)) return denials.guidesOutside(actor, 'review', [unitCode], label);
  return ALLOW;
}

/**
 * A record's reviews (and its assurance, `what`) are read by whoever may read the record: editors
 * their own guides and every item; auditors and city managers everything.
 */
export function reviewReadDecision(actor: ReviewActor, kind: ReviewSubjectKind, unitCode: string | null, label: UnitLabel, what: AdminText = REVIEWS): Decision {
  if (actor.isSuperAdmin || actor.isCityManager || actor.isAuditor) return ALLOW;
  if (kind === 'item') return ALLOW;
  if (kind === 'guide' && unitCode !== null && actor.scope.has(unitCode)) return ALLOW;
  if (kind === 'guide') return denials.guideUnreadable(unitCode, label, what);
  return denials.readOfKind(actor, kind, what);
}

/** A note is optional free text, bounded so a review stays a note. */
export function noteProblem(note: unknown): string | null {
  if (note === undefined || note === null) return null;
  if (typeof note !== 'string') return `must be text, got ${typeof note}`;
  if (note.length > NOTE_MAX_LENGTH) return `must be at most ${NOTE_MAX_LENGTH} characters, got ${note.length}`;
  return null;
}
