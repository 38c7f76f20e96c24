// Who handles an item together with a unit (联办机构 of the national list): the other units'
// departments that handle stages on a route the unit is on. 胶州市 reviews a retirement that the city
// then approves, so 青岛市社会保险事业中心 handles it jointly with 胶州市; the city's work ability
// appraisal is on no route through 胶州市, so its department does not. Every combination of core
// answers is routed once, as the item's coverage check does.
import { completions, type AnswerSpace } from './answer-space';
import type { DepartmentsByUnitKind } from './handlers';
import { routeItem, stageOrder } from './routing';

/** One stage of an item as one unit's department handles it. */
export interface StageHandling {
  readonly stageKey: string;
  readonly unitCode: string;
  readonly departmentCode: string;
}

/**
 * For each unit that handles some stage of the item: the stages other units handle on the same
 * routes, in the item's stage order, then by unit code.
 */
export function jointHandlers(space: AnswerSpace, departments: DepartmentsByUnitKind): Map<string, StageHandling[]> {
  const { item } = space;
  const coreKeys = item.questions.filter((q) => q.kind === 'core').map((q) => q.key);
  const joint = new Map<string, Map<string, StageHandling>>();
  for (const answers of completions(space, {}, coreKeys)) {
    const handled: StageHandling[] = [];
    for (const { stage, handler } of routeItem(space, answers, departments).stages) {
      if (handler.kind === 'resolved') handled.push({ stageKey: stage.key, unitCode: handler.unitCode, departmentCode: handler.departmentCode });
    }
    for (const own of handled) {
      const others = joint.get(own.unitCode) ?? new Map<string, StageHandling>();
      for (const other of handled) if (other.unitCode !== own.unitCode) others.set(`${other.stageKey}/${other.unitCode}`, other);
      joint.set(own.unitCode, others);
    }
  }
  const order = new Map([...item.stages].sort(stageOrder).map((s, i) => [s.key, i]));
  const sorted = (handlings: Iterable<StageHandling>) =>
    [...handlings].sort((a, b) => (order.get(a.stageKey) ?? 0) - (order.get(b.stageKey) ?? 0) || a.unitCode.localeCompare(b.unitCode));
  return new Map([...joint].map(([unitCode, others]) => [unitCode, sorted(others.values())]));
}
