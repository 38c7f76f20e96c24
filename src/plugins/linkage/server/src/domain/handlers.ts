// Who handles a stage for given answers: its fixed unit and department, or the unit answer's
// ancestor-or-self at the stage's level and that unit's one department of the given kind.
import type { Answers } from './answers';
import { isAnswerHandler, isFixedHandler, type CatalogStage } from './catalog-format';
import type { DepartmentFacts } from './departments';
import type { Level } from './levels';
import { ancestorOrSelfAt, type UnitIndex } from './unit-tree';

export type HandlerResolution =
  | { readonly kind: 'resolved'; readonly unitCode: string; readonly departmentCode: string }
  /** The unit answer it depends on is not given yet. */
  | { readonly kind: 'pending'; readonly question: string }
  | { readonly kind: 'unresolvable'; readonly reason: string; readonly cause: UnresolvableCause };

/** Why no one handles a stage for some answers, with what a message needs to say so. */
export type UnresolvableCause =
  | { readonly kind: 'no-handler' }
  | { readonly kind: 'no-unit-at-level'; readonly answer: string; readonly level: string }
  | { readonly kind: 'no-department'; readonly unitCode: string; readonly departmentKind: string }
  | { readonly kind: 'several-departments'; readonly unitCode: string; readonly departmentKind: string; readonly departmentCodes: readonly string[] };

/** Departments by `${unitCode}|${kind}`. */
export type DepartmentsByUnitKind = ReadonlyMap<string, readonly DepartmentFacts[]>;

export const departmentsByUnitKind = (departments: Iterable<DepartmentFacts>): Map<string, DepartmentFacts[]> => {
  const index = new Map<string, DepartmentFacts[]>();
  for (const d of departments) {
    const key = `${d.unitCode}|${d.kind}`;
    index.set(key, [...(index.get(key) ?? []), d]);
  }
  return index;
};

export function resolveHandler(stage: CatalogStage, answers: Answers, units: UnitIndex, departments: DepartmentsByUnitKind): HandlerResolution {
  const handler = stage.handler;
  if (isFixedHandler(handler)) return { kind: 'resolved', unitCode: handler.unit, departmentCode: handler.department };
  if (!isAnswerHandler(handler)) return { kind: 'unresolvable', reason: `stage "${stage.key}" has no handler`, cause: { kind: 'no-handler' } };
  const answer = answers[handler.fromAnswer];
  if (typeof answer !== 'string') return { kind: 'pending', question: handler.fromAnswer };
  const unit = ancestorOrSelfAt(answer, handler.level as Level, units);
  if (!unit) {
    return {
      kind: 'unresolvable',
      reason: `${answer} has no ${handler.level}-level unit above it to handle stage "${stage.key}"`,
      cause: { kind: 'no-unit-at-level', answer, level: handler.level },
    };
  }
  const candidates = departments.get(`${unit.code}|${handler.departmentKind}`) ?? [];
  if (candidates.length === 0) {
    return {
      kind: 'unresolvable',
      reason: `${unit.code} has no ${handler.departmentKind} department to handle stage "${stage.key}"`,
      cause: { kind: 'no-department', unitCode: unit.code, departmentKind: handler.departmentKind },
    };
  }
  if (candidates.length > 1) {
    return {
      kind: 'unresolvable',
      reason: `${unit.code} has ${candidates.length} ${handler.departmentKind} departments (${candidates.map((d) => d.code).join(', ')}); stage "${stage.key}" needs exactly one`,
      cause: { kind: 'several-departments', unitCode: unit.code, departmentKind: handler.departmentKind, departmentCodes: candidates.map((d) => d.code) },
    };
  }
  return { kind: 'resolved', unitCode: unit.code, departmentCode: candidates[0].code };
}
