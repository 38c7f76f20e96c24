// The finite space of answers: every value a core question can take (its options, true/false, or
// the units at or below its answer level in its area). Conditions only see some parts of a unit
// answer (its district's kind, say), so units that look alike to every condition and handler
// are represented by one of them: the space stays small at any scale.
import jsonLogic from 'json-logic-js';
import { answerScope, conditionData, unitAnswerData, type Answer, type Answers } from './answers';
import type { CatalogItem, CatalogQuestion } from './catalog-format';
import { isAnswerHandler } from './catalog-format';
import { isAtOrAbove, type Level } from './levels';
import { ancestorOrSelfAt, ancestorsOf, type UnitFacts, type UnitIndex } from './unit-tree';

/** The variable names a rule reads, with their paths: `enterprise_location.district.kind`. */
export function variablesOf(logic: unknown): string[] {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      for (const [op, args] of Object.entries(node)) {
        if (op === 'var') {
          const name = Array.isArray(args) ? args[0] : args;
          if (typeof name === 'string' && name !== '') names.add(name);
        } else walk(args);
      }
    }
  };
  walk(logic);
  return [...names];
}

export const questionOf = (variable: string): string => variable.split('.')[0];

export interface AnswerSpace {
  readonly item: CatalogItem;
  readonly units: UnitIndex;
  /** Representative answers of each question, as the stages and handlers see them. */
  readonly values: ReadonlyMap<string, readonly Answer[]>;
  /** Representative answers of a question as a rule reading these parts of it sees them. */
  representatives(key: string, paths: readonly string[]): readonly Answer[];
  /**
   * Those of `representatives(key, paths)` that are units at or below `code`, whose unit at `level`
   * is `code`: what one unit handles for (indexed once per space, so a page of one of 1,500
   * communities does not scan the other 1,499).
   */
  representativesAt(key: string, paths: readonly string[], level: Level, code: string): readonly Answer[];
}

const valueAt = (data: unknown, path: string[]): unknown =>
  path.reduce<unknown>((v, part) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined), data);

/** The units that may answer a unit question: in its area, at or below its answer level. */
export function candidateUnits(question: CatalogQuestion, item: CatalogItem, units: UnitIndex): UnitFacts[] {
  const scope = answerScope(question, item, units);
  const level = question.answerLevel as Level;
  return [...units.values()].filter((u) => isAtOrAbove(level, u.level) && (!scope || u.code === scope.code || ancestorsOf(u.code, units).some((a) => a.code === scope.code)));
}

/**
 * The answer space of an item's core questions. Unit answers are reduced to one representative per
 * distinct view the stages can have of them: the parts their conditions read, and the unit found at
 * each handler's level.
 */
export function answerSpace(item: CatalogItem, units: UnitIndex): AnswerSpace {
  const seen = new Map<string, Set<string>>();
  const note = (key: string, path: string) => seen.set(key, (seen.get(key) ?? new Set()).add(path));
  for (const stage of item.stages) {
    for (const variable of variablesOf(stage.appliesWhen)) note(questionOf(variable), partsOf(variable));
    if (isAnswerHandler(stage.handler)) note(stage.handler.fromAnswer, `${stage.handler.level}.code`);
  }
  const candidates = new Map<string, string[]>();
  const fixed = new Map<string, Answer[]>();
  for (const question of item.questions) {
    if (question.type === 'choice')
      fixed.set(
        question.key,
        (question.options ?? []).map((o) => o.value)
      );
    else if (question.type === 'boolean') fixed.set(question.key, [true, false]);
    else
      candidates.set(
        question.key,
        candidateUnits(question, item, units).map((u) => u.code)
      );
  }
  const memo = new Map<string, Answer[]>();
  const representatives = (key: string, paths: readonly string[]): Answer[] => {
    const values = fixed.get(key);
    if (values) return values;
    const memoKey = `${key}|${[...paths].sort().join('|')}`;
    const known = memo.get(memoKey);
    if (known) return known;
    const split = paths.map((p) => p.split('.').filter(Boolean));
    const byView = new Map<string, string>();
    for (const code of candidates.get(key) ?? []) {
      const data = unitAnswerData(code, units);
      const view = JSON.stringify(split.map((p) => valueAt(data, p) ?? null));
      if (!byView.has(view)) byView.set(view, code);
    }
    const found = [...byView.values()];
    memo.set(memoKey, found);
    return found;
  };
  const byUnit = new Map<string, Map<string, Answer[]>>();
  const representativesAt = (key: string, paths: readonly string[], level: Level, code: string): Answer[] => {
    const indexKey = `${key}|${level}|${[...paths].sort().join('|')}`;
    let index = byUnit.get(indexKey);
    if (!index) {
      index = new Map();
      for (const answer of representatives(key, paths)) {
        const at = typeof answer === 'string' ? ancestorOrSelfAt(answer, level, units) : null;
        if (at) index.set(at.code, [...(index.get(at.code) ?? []), answer]);
      }
      byUnit.set(indexKey, index);
    }
    return index.get(code) ?? [];
  };
  const values = new Map(item.questions.map((q) => [q.key, representatives(q.key, [...(seen.get(q.key) ?? [])])] as const));
  return { item, units, values, representatives, representativesAt };
}

const partsOf = (variable: string): string => variable.split('.').slice(1).join('.');

/**
 * Every completion of `answers` over the given unanswered questions: for a unit question, one unit
 * per view that the `paths` read (by default, the stages' and handlers' view).
 */
export function* completions(space: AnswerSpace, answers: Answers, keys: readonly string[], paths?: ReadonlyMap<string, readonly string[]>): Generator<Answers> {
  const open = keys.filter((k) => answers[k] === undefined && space.values.has(k));
  const valuesOf = (key: string) => (paths?.has(key) ? space.representatives(key, paths.get(key) as string[]) : (space.values.get(key) ?? []));
  const walk = function* (i: number, acc: Record<string, Answer>): Generator<Answers> {
    if (i === open.length) {
      yield { ...acc };
      return;
    }
    for (const value of valuesOf(open[i])) {
      acc[open[i]] = value;
      yield* walk(i + 1, acc);
    }
    delete acc[open[i]];
  };
  yield* walk(0, { ...answers });
}

export type Decision = boolean | 'undecided';

/** Whether a rule holds for these answers, for every completion of the questions it reads that are not answered. */
export function decide(logic: unknown, answers: Answers, space: AnswerSpace): Decision {
  const variables = variablesOf(logic);
  const keys = [...new Set(variables.map(questionOf))];
  // The rule's own view of each unit answer decides which units stand for the others.
  const paths = new Map(keys.map((key) => [key, variables.filter((v) => questionOf(v) === key).map(partsOf)]));
  let sawTrue = false;
  let sawFalse = false;
  for (const completion of completions(space, answers, keys, paths)) {
    const holds = jsonLogic.truthy(jsonLogic.apply(logic as jsonLogic.RulesLogic, conditionData(completion, space.item, space.units)));
    if (holds) sawTrue = true;
    else sawFalse = true;
    if (sawTrue && sawFalse) return 'undecided';
  }
  // A rule that reads only questions with no possible answer never holds.
  return sawTrue;
}
