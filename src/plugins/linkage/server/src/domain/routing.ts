// The route of a linked item for given answers: which stages apply, in order, and who handles each.
// With partial answers a stage is shown only once every completion of the answers agrees that it
// applies, and the core questions still needed are listed, so a frontend can ask step by step.
import { decide, questionOf, variablesOf, type AnswerSpace } from './answer-space';
import { parseAnswers, type Answers } from './answers';
import type { CatalogStage } from './catalog-format';
import { isAnswerHandler } from './catalog-format';
import { resolveHandler, type DepartmentsByUnitKind, type HandlerResolution } from './handlers';
import { prefixed, type Problem } from './problems';

export interface RoutedStage {
  readonly stage: CatalogStage;
  readonly handler: HandlerResolution;
}

export interface Route {
  /** Stages that apply for every completion of the answers, in order. */
  readonly stages: readonly RoutedStage[];
  /** Stages whose applying still depends on unanswered questions. */
  readonly undecided: readonly CatalogStage[];
  /** Core questions still needed to decide every stage and every handler, in the item's order. */
  readonly neededQuestions: readonly string[];
  /** True when every stage is decided and every applying stage's handler is known. */
  readonly complete: boolean;
}

export const stageOrder = (a: CatalogStage, b: CatalogStage): number => a.order - b.order || a.key.localeCompare(b.key);

export function routeItem(space: AnswerSpace, answers: Answers, departments: DepartmentsByUnitKind): Route {
  const { item, units } = space;
  const stages: RoutedStage[] = [];
  const undecided: CatalogStage[] = [];
  const needed = new Set<string>();
  for (const stage of [...item.stages].sort(stageOrder)) {
    const applies = decide(stage.appliesWhen, answers, space);
    if (applies === 'undecided') {
      undecided.push(stage);
      for (const key of variablesOf(stage.appliesWhen).map(questionOf)) if (answers[key] === undefined) needed.add(key);
      if (isAnswerHandler(stage.handler) && answers[stage.handler.fromAnswer] === undefined) needed.add(stage.handler.fromAnswer);
      continue;
    }
    if (!applies) continue;
    const handler = resolveHandler(stage, answers, units, departments);
    if (handler.kind === 'pending') needed.add(handler.question);
    stages.push({ stage, handler });
  }
  const neededQuestions = item.questions.filter((q) => q.kind === 'core' && needed.has(q.key)).map((q) => q.key);
  return { stages, undecided, neededQuestions, complete: undecided.length === 0 && stages.every((s) => s.handler.kind !== 'pending') };
}

/** A stage of a route and the unit that handles it: whose guide the route shows. */
export interface RoutedGuide {
  readonly stageKey: string;
  readonly unitCode: string;
}

export type AnsweredRoute = { readonly problems: readonly Problem[] } | { readonly answers: Answers; readonly route: Route; readonly guides: readonly RoutedGuide[] };

/**
 * The one way from answers as a request gives them to a route (the navigator API and the sites'
 * route pages): the answers read against the item's questions (problems under `answers`), the
 * route, and the guides it shows (the stages whose handler is known).
 */
export function routeForAnswers(space: AnswerSpace, raw: Readonly<Record<string, unknown>>, departments: DepartmentsByUnitKind): AnsweredRoute {
  const { answers, problems } = parseAnswers(raw, space.item, space.units);
  if (problems.length > 0) return { problems: prefixed(['answers'], problems) };
  const route = routeItem(space, answers, departments);
  const guides = route.stages.flatMap(({ stage, handler }) => (handler.kind === 'resolved' ? [{ stageKey: stage.key, unitCode: handler.unitCode }] : []));
  return { answers, route, guides };
}
