// Memberships: which admin user belongs to which unit, and whether the membership covers the
// units below it.
import { problem, type Problem } from './problems';
import type { MembershipScope } from './scope';
import type { UnitIndex } from './unit-tree';

export const MEMBERSHIP_SCOPES: readonly MembershipScope[] = ['unit', 'subtree'];

export interface MembershipDraft {
  readonly userFound: boolean;
  readonly email: unknown;
  readonly unitCode: unknown;
  readonly scope: unknown;
}

export function membershipProblems(draft: MembershipDraft, units: UnitIndex, alreadyMember: boolean): Problem[] {
  const problems: Problem[] = [];
  if (typeof draft.email !== 'string' || draft.email.trim() === '') problems.push(problem(['email'], 'is required: the email of an admin user'));
  else if (!draft.userFound) problems.push(problem(['email'], `no admin user has the email ${draft.email}`));
  if (typeof draft.unitCode !== 'string' || draft.unitCode === '') problems.push(problem(['unitCode'], 'is required: the code of the unit'));
  else if (!units.has(draft.unitCode)) problems.push(problem(['unitCode'], `no unit has the code ${draft.unitCode}`));
  else if (alreadyMember) problems.push(problem(['unitCode'], `${draft.email} is already a member of ${draft.unitCode}; remove that membership to change its scope`));
  if (!MEMBERSHIP_SCOPES.includes(draft.scope as MembershipScope)) {
    problems.push(problem(['scope'], `must be unit (that unit only) or subtree (it and every unit below), got ${JSON.stringify(draft.scope ?? null)}`));
  }
  return problems;
}
