// Departments: offices of a unit that handle stages, with a kind shared across units (SI, CA, ...).
import { problem, type Problem } from './problems';
import type { UnitIndex } from './unit-tree';

export interface DepartmentFacts {
  readonly code: string;
  readonly kind: string;
  readonly unitCode: string;
}

export interface DepartmentDraft {
  readonly code?: unknown;
  readonly kind?: unknown;
  readonly unitCode?: unknown;
}

export type DepartmentIndex = ReadonlyMap<string, DepartmentFacts>;

export const DEPARTMENT_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
export const DEPARTMENT_KIND = /^[A-Z][A-Z0-9_]*$/;

export const indexDepartments = (departments: Iterable<DepartmentFacts>): Map<string, DepartmentFacts> => {
  const index = new Map<string, DepartmentFacts>();
  for (const department of departments) index.set(department.code, department);
  return index;
};

/** Problems with one department; `others` holds every other department by code. */
export function departmentProblems(department: DepartmentDraft, units: UnitIndex, others: DepartmentIndex): Problem[] {
  const problems: Problem[] = [];
  const { code, kind, unitCode } = department;
  if (typeof code !== 'string' || !DEPARTMENT_CODE.test(code)) {
    problems.push(problem(['code'], `must be letters, digits, "-" or "_", got ${JSON.stringify(code ?? null)}`));
  } else if (others.has(code)) {
    problems.push(problem(['code'], `${code} is already the code of another department`));
  }
  if (typeof kind !== 'string' || !DEPARTMENT_KIND.test(kind)) {
    problems.push(problem(['kind'], `must be an upper-case kind shared across units such as SI or CA, got ${JSON.stringify(kind ?? null)}`));
  }
  if (typeof unitCode !== 'string' || unitCode === '') {
    problems.push(problem(['unitCode'], 'is required: the unit this department belongs to'));
  } else if (!units.has(unitCode)) {
    problems.push(problem(['unitCode'], `no unit has the code ${unitCode}`));
  }
  return problems;
}
