// Whether an item routes every citizen somewhere: every combination of core answers must give at
// least one stage, and exactly one handler for each stage that applies. Stages that no
// combination reaches are reported too (a warning: the item still routes).
import { completions, decide, type AnswerSpace } from './answer-space';
import type { Answers } from './answers';
import { resolveHandler, type DepartmentsByUnitKind } from './handlers';
import { problem, type Problem } from './problems';
import { stageOrder } from './routing';

export interface Coverage {
  /** The first failing combinations, as problems. */
  readonly problems: readonly Problem[];
  readonly failingCombinations: number;
  readonly combinations: number;
  /** Stages that apply for no combination. */
  readonly unreachable: readonly string[];
}

export const describeAnswers = (answers: Answers): string =>
  Object.entries(answers)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(', ');

export function itemCoverage(space: AnswerSpace, departments: DepartmentsByUnitKind, limit = 5): Coverage {
  const { item, units } = space;
  const stages = [...item.stages].sort(stageOrder);
  const coreKeys = item.questions.filter((q) => q.kind === 'core').map((q) => q.key);
  const problems: Problem[] = [];
  const reached = new Set<string>();
  let combinations = 0;
  let failing = 0;
  const empty = coreKeys.filter((key) => (space.values.get(key) ?? []).length === 0);
  if (empty.length > 0) {
    return {
      problems: empty.map((key) => problem(['questions', item.questions.findIndex((q) => q.key === key)], `no unit can answer "${key}": none lies in its area at or below its answer level`)),
      failingCombinations: 0,
      combinations: 0,
      unreachable: [],
    };
  }
  for (const answers of completions(space, {}, coreKeys)) {
    combinations += 1;
    const found: Problem[] = [];
    const applying = stages.filter((stage) => decide(stage.appliesWhen, answers, space) === true);
    if (applying.length === 0) found.push(problem(['stages'], `no stage applies when ${describeAnswers(answers)}`));
    for (const stage of applying) {
      reached.add(stage.key);
      const handler = resolveHandler(stage, answers, units, departments);
      if (handler.kind === 'unresolvable') {
        found.push(problem(['stages', item.stages.indexOf(stage), 'handler'], `when ${describeAnswers(answers)}: ${handler.reason}`));
      }
    }
    if (found.length > 0) {
      failing += 1;
      if (problems.length < limit) problems.push(...found.slice(0, limit - problems.length));
    }
  }
  return { problems, failingCombinations: failing, combinations, unreachable: stages.filter((s) => !reached.has(s.key)).map((s) => s.key) };
}
