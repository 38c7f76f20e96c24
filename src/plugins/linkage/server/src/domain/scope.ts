// Scope: the units an admin user may act for, from their memberships. A membership names a unit
// and whether it covers only that unit or the unit and everything below it.
import { subtreeCodes, type UnitFacts } from './unit-tree';

export type MembershipScope = 'unit' | 'subtree';

export interface MembershipFacts {
  readonly unitCode: string;
  readonly scope: MembershipScope;
}

/**
 * `as-granted`: each membership as its scope says; `with-subtrees`: every membership with the
 * units below it (the "or below" condition).
 */
export type ScopeMode = 'as-granted' | 'with-subtrees';

export function scopeCodes(memberships: readonly MembershipFacts[], units: readonly UnitFacts[], mode: ScopeMode = 'as-granted'): string[] {
  const known = new Set(units.map((u) => u.code));
  const codes = new Set<string>();
  for (const membership of memberships) {
    if (!known.has(membership.unitCode)) continue; // a membership of a unit that no longer exists grants nothing
    if (mode === 'with-subtrees' || membership.scope === 'subtree') subtreeCodes(membership.unitCode, units).forEach((code) => codes.add(code));
    else codes.add(membership.unitCode);
  }
  return [...codes].sort();
}
