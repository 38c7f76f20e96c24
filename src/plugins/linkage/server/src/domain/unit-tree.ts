// The tree of units: each unit's place in it, its ancestors and its subtree.
import { KINDS_BY_LEVEL, isLevel, parentLevelOf, type Level } from './levels';
import { problem, type Problem } from './problems';
import { extendsCode, significantPrefix, unitCodeProblem } from './unit-codes';

export interface UnitFacts {
  readonly code: string;
  readonly level: Level;
  readonly kind: string;
  readonly parentCode: string | null;
}

/** A unit as written: any field may be missing or wrong. */
export interface UnitDraft {
  readonly code?: unknown;
  readonly level?: unknown;
  readonly kind?: unknown;
  readonly parentCode?: unknown;
}

export type UnitIndex = ReadonlyMap<string, UnitFacts>;

export const indexUnits = (units: Iterable<UnitFacts>): Map<string, UnitFacts> => {
  const index = new Map<string, UnitFacts>();
  for (const unit of units) index.set(unit.code, unit);
  return index;
};

/**
 * Problems with one unit, given every other unit by code (`others` must not hold the unit itself
 * under its own code; a unit being renamed is checked against the tree without its old code).
 */
export function unitProblems(unit: UnitDraft, others: UnitIndex): Problem[] {
  const problems: Problem[] = [];
  const { code, level, kind } = unit;
  const parentCode = unit.parentCode === undefined || unit.parentCode === '' ? null : unit.parentCode;

  if (!isLevel(level)) {
    problems.push(problem(['level'], `must be one of city, district, street, community, got ${JSON.stringify(level ?? null)}`));
    return problems;
  }
  const codeProblem = unitCodeProblem(code, level);
  if (codeProblem) problems.push(problem(['code'], codeProblem));
  else if (others.has(code as string)) problems.push(problem(['code'], `${code} is already the code of another unit`));

  if (!KINDS_BY_LEVEL[level].includes(kind as string)) {
    problems.push(problem(['kind'], `must be one of ${KINDS_BY_LEVEL[level].join(', ')} for a ${level}-level unit, got ${JSON.stringify(kind ?? null)}`));
  }

  const expectedParentLevel = parentLevelOf(level);
  if (expectedParentLevel === null) {
    if (parentCode !== null) problems.push(problem(['parentCode'], 'a city-level unit has no parent'));
    return problems;
  }
  if (parentCode === null) {
    problems.push(problem(['parentCode'], `a ${level}-level unit needs a ${expectedParentLevel}-level parent`));
    return problems;
  }
  if (typeof parentCode !== 'string') {
    problems.push(problem(['parentCode'], `must be a unit code, got ${JSON.stringify(parentCode)}`));
    return problems;
  }
  if (parentCode === code) {
    problems.push(problem(['parentCode'], `a unit cannot be its own parent (cycle ${code} → ${code})`));
    return problems;
  }
  const parent = others.get(parentCode);
  if (!parent) {
    problems.push(problem(['parentCode'], `no unit has the code ${parentCode}`));
    return problems;
  }
  const cycle = cycleThrough(String(code), parentCode, others);
  if (cycle) {
    problems.push(problem(['parentCode'], `makes a cycle: ${cycle.join(' → ')}`));
    return problems;
  }
  if (parent.level !== expectedParentLevel) {
    problems.push(
      problem(['parentCode'], `${parentCode} is a ${parent.level}-level unit; the parent of a ${level}-level unit must be exactly one level up (${expectedParentLevel})`)
    );
  } else if (!codeProblem && !extendsCode(parent.code, parent.level, code as string)) {
    problems.push(problem(['code'], `${code} does not start with ${significantPrefix(parent.code, parent.level)}, the significant digits of its parent ${parent.code}`));
  }
  return problems;
}

/** The parent chain from `startParent` back to `code`, if following parents returns to it. */
function cycleThrough(code: string, startParent: string, others: UnitIndex): string[] | null {
  const chain = [code];
  const seen = new Set<string>([code]);
  let current: string | null = startParent;
  while (current !== null) {
    chain.push(current);
    if (current === code) return chain;
    if (seen.has(current)) return null; // a loop elsewhere in the tree, reported on its own units
    seen.add(current);
    current = others.get(current)?.parentCode ?? null;
  }
  return null;
}

/** Problems with a whole set of units, each path starting with the unit's index in `units`. */
export function unitSetProblems(units: readonly UnitDraft[]): Problem[] {
  const problems: Problem[] = [];
  const firstIndexOfCode = new Map<unknown, number>();
  const all = new Map<string, UnitFacts>();
  units.forEach((unit, i) => {
    if (firstIndexOfCode.has(unit.code)) {
      problems.push(problem([i, 'code'], `${unit.code} is also the code of units[${firstIndexOfCode.get(unit.code)}]`));
    } else {
      firstIndexOfCode.set(unit.code, i);
      if (typeof unit.code === 'string' && isLevel(unit.level)) {
        all.set(unit.code, {
          code: unit.code,
          level: unit.level,
          kind: String(unit.kind),
          parentCode: typeof unit.parentCode === 'string' && unit.parentCode !== '' ? unit.parentCode : null,
        });
      }
    }
  });
  units.forEach((unit, i) => {
    if (firstIndexOfCode.get(unit.code) !== i) return;
    const others = new Map(all);
    if (typeof unit.code === 'string') others.delete(unit.code);
    for (const p of unitProblems(unit, others)) problems.push(problem([i, ...p.path], p.message));
  });
  return problems;
}

/** The unit's ancestors, nearest first (parent, grandparent, ...). */
export function ancestorsOf(code: string, units: UnitIndex): UnitFacts[] {
  const ancestors: UnitFacts[] = [];
  const seen = new Set<string>([code]);
  let parentCode = units.get(code)?.parentCode ?? null;
  while (parentCode !== null && !seen.has(parentCode)) {
    const parent = units.get(parentCode);
    if (!parent) break;
    ancestors.push(parent);
    seen.add(parentCode);
    parentCode = parent.parentCode;
  }
  return ancestors;
}

/** The unit itself or its ancestor at `level`, if any. */
export function ancestorOrSelfAt(code: string, level: Level, units: UnitIndex): UnitFacts | null {
  const self = units.get(code);
  if (!self) return null;
  if (self.level === level) return self;
  return ancestorsOf(code, units).find((unit) => unit.level === level) ?? null;
}

// A unit index is built once per catalog snapshot and not changed after: its children are worked
// out once too, not on every call (a site page asks for subtrees many times). The size check
// catches an index that grew since.
const childrenByIndex = new WeakMap<object, { size: number; children: Map<string, string[]> }>();

const isIndex = (units: Iterable<UnitFacts> | UnitIndex): units is UnitIndex => units instanceof Map;

function childrenOf(units: Iterable<UnitFacts> | UnitIndex): Map<string, string[]> {
  const cached = isIndex(units) ? childrenByIndex.get(units) : undefined;
  if (cached && isIndex(units) && cached.size === units.size) return cached.children;
  const children = new Map<string, string[]>();
  for (const unit of isIndex(units) ? units.values() : units) {
    if (unit.parentCode === null) continue;
    const list = children.get(unit.parentCode) ?? [];
    list.push(unit.code);
    children.set(unit.parentCode, list);
  }
  if (isIndex(units)) childrenByIndex.set(units, { size: units.size, children });
  return children;
}

/** The codes of a unit's children, in code order. */
export const childCodes = (code: string, units: UnitIndex): string[] => [...(childrenOf(units).get(code) ?? [])].sort((a, b) => a.localeCompare(b));

/** The codes of a unit and every unit below it; pass the unit index itself to reuse its children. */
export function subtreeCodes(code: string, units: Iterable<UnitFacts> | UnitIndex): string[] {
  const children = childrenOf(units);
  const result: string[] = [];
  const stack = [code];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const current = stack.pop() as string;
    if (seen.has(current)) continue;
    seen.add(current);
    result.push(current);
    stack.push(...(children.get(current) ?? []));
  }
  return result;
}
