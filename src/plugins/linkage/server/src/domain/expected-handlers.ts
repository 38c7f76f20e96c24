// Which unit (and department) must handle which stage of a published item under some answer: the
// rows of the expected-handler table that the ownership report joins guides against ("missing").
// The same enumeration as the item coverage check, per stage over only the questions it reads.
import jsonLogic from 'json-logic-js';
import { completions, questionOf, variablesOf, type AnswerSpace } from './answer-space';
import { conditionData } from './answers';
import { isAnswerHandler, isFixedHandler } from './catalog-format';
import { resolveHandler, type DepartmentsByUnitKind } from './handlers';

const partsOf = (variable: string): string => variable.split('.').slice(1).join('.');

export interface ExpectedHandler {
  readonly itemCode: string;
  readonly stageKey: string;
  readonly unitCode: string;
  readonly departmentCode: string;
  /** The stage's level. */
  readonly level: string;
  readonly domain: string | null;
}

export const expectedHandlerKey = (h: Pick<ExpectedHandler, 'itemCode' | 'stageKey' | 'unitCode'>): string => `${h.itemCode}/${h.stageKey}/${h.unitCode}`;

/**
 * Every (stage, unit, department) of a published item that some combination of core answers
 * routes to. Unit answers are enumerated one per distinct view the stage has of them (its
 * condition's parts and the unit at its handler's level), so every handling unit appears once.
 */
export function expectedHandlers(space: AnswerSpace, departments: DepartmentsByUnitKind): ExpectedHandler[] {
  const { item, units } = space;
  const found = new Map<string, ExpectedHandler>();
  for (const stage of item.stages) {
    const variables = variablesOf(stage.appliesWhen);
    const paths = new Map<string, string[]>();
    for (const variable of variables) {
      const key = questionOf(variable);
      paths.set(key, [...(paths.get(key) ?? []), partsOf(variable)]);
    }
    if (isAnswerHandler(stage.handler)) {
      const key = stage.handler.fromAnswer;
      paths.set(key, [...(paths.get(key) ?? []), `${stage.handler.level}.code`]);
    }
    const keys = [...paths.keys()];
    for (const answers of completions(space, {}, keys, paths)) {
      const applies =
        stage.appliesWhen === null || stage.appliesWhen === undefined
          ? true
          : jsonLogic.truthy(jsonLogic.apply(stage.appliesWhen as jsonLogic.RulesLogic, conditionData(answers, item, units)));
      if (!applies) continue;
      const handler = resolveHandler(stage, answers, units, departments);
      if (handler.kind !== 'resolved') continue;
      const row: ExpectedHandler = {
        itemCode: item.code,
        stageKey: stage.key,
        unitCode: handler.unitCode,
        departmentCode: handler.departmentCode,
        level: String(stage.level ?? units.get(handler.unitCode)?.level ?? ''),
        domain: item.domain ?? null,
      };
      found.set(expectedHandlerKey(row), row);
      // A fixed handler is the same for every answer.
      if (isFixedHandler(stage.handler)) break;
    }
  }
  return [...found.values()].sort((a, b) => expectedHandlerKey(a).localeCompare(expectedHandlerKey(b)));
}
