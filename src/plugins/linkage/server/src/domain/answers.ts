// The navigator's answers: checked against the item's questions and converted to their types
// (json-logic-js compares loosely: "true" is not true), and the data conditions are evaluated on.
import type { CatalogItem, CatalogQuestion } from './catalog-format';
import { LEVELS, isAtOrAbove, levelIndex, type Level } from './levels';
import { problem, type Problem } from './problems';
import { ancestorOrSelfAt, ancestorsOf, type UnitFacts, type UnitIndex } from './unit-tree';

/** A typed answer: an option value, a yes/no, or a unit code. */
export type Answer = string | boolean;
export type Answers = Readonly<Record<string, Answer>>;

const describeQuestion = (q: CatalogQuestion) => `"${q.key}"`;

/** The unit a unit question's answers must lie under: its `within`, else the item's city. */
export function answerScope(question: CatalogQuestion, item: CatalogItem, units: UnitIndex): UnitFacts | null {
  if (question.within) return units.get(question.within) ?? null;
  const managing = units.get(item.managingUnit);
  return managing ? (ancestorOrSelfAt(managing.code, 'city', units) ?? managing) : null;
}

/** True when `code` is `scope` or lies below it. */
const isWithin = (code: string, scope: UnitFacts, units: UnitIndex): boolean =>
  code === scope.code || ancestorsOf(code, units).some((u) => u.code === scope.code);

/**
 * Checks raw answers (as they come in a query string) and types them. An empty answer counts as not
 * given. Each problem's path is the question key.
 */
export function parseAnswers(raw: Readonly<Record<string, unknown>>, item: CatalogItem, units: UnitIndex): { answers: Answers; problems: Problem[] } {
  const questions = new Map(item.questions.map((q) => [q.key, q]));
  const answers: Record<string, Answer> = {};
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const question = questions.get(key);
    if (!question) {
      problems.push(problem([key], `is not a question of item ${item.code} (questions: ${item.questions.map((q) => q.key).join(', ')})`));
      continue;
    }
    if (Array.isArray(value) || (typeof value !== 'string' && typeof value !== 'boolean')) {
      problems.push(problem([key], `${describeQuestion(question)} takes one answer, got ${JSON.stringify(value)}`));
      continue;
    }
    if (value === '') continue;
    const parsed = parseAnswer(question, value, item, units);
    if (typeof parsed === 'object') problems.push(problem([key], parsed.problem));
    else answers[key] = parsed;
  }
  return { answers, problems };
}

function parseAnswer(question: CatalogQuestion, value: string | boolean, item: CatalogItem, units: UnitIndex): Answer | { problem: string } {
  const shown = JSON.stringify(value);
  switch (question.type) {
    case 'boolean':
      if (value === true || value === 'true') return true;
      if (value === false || value === 'false') return false;
      return { problem: `${describeQuestion(question)} is answered true or false, got ${shown}` };
    case 'choice': {
      const values = (question.options ?? []).map((o) => o.value);
      if (typeof value === 'string' && values.includes(value)) return value;
      return { problem: `${shown} is not an option of ${describeQuestion(question)} (options: ${values.join(', ')})` };
    }
    case 'unit': {
      if (typeof value !== 'string' || !/^\d{12}$/.test(value)) return { problem: `${describeQuestion(question)} is answered with a 12-digit unit code, got ${shown}` };
      const unit = units.get(value);
      if (!unit) return { problem: `no unit has the code ${value}` };
      const scope = answerScope(question, item, units);
      if (scope && !isWithin(value, scope, units)) return { problem: `${value} is outside ${scope.code}, the area item ${item.code} serves` };
      const level = question.answerLevel as Level;
      if (!isAtOrAbove(level, unit.level)) {
        return { problem: `${value} is a ${unit.level}-level unit; ${describeQuestion(question)} is answered with a ${level}-level unit or one below it` };
      }
      return value;
    }
    default:
      return { problem: `${describeQuestion(question)} has an unknown type` };
  }
}

/** What a unit answer looks like to a condition: its code, kind and level, and its ancestor-or-self at each level. */
export function unitAnswerData(code: string, units: UnitIndex): Record<string, unknown> | null {
  const unit = units.get(code);
  if (!unit) return null;
  const view = (u: UnitFacts) => ({ code: u.code, kind: u.kind, level: u.level });
  const data: Record<string, unknown> = view(unit);
  for (const level of LEVELS) {
    if (levelIndex(level) > levelIndex(unit.level)) continue;
    const at = ancestorOrSelfAt(code, level, units);
    if (at) data[level] = view(at);
  }
  return data;
}

/** The data a JSON Logic condition is evaluated on. */
export function conditionData(answers: Answers, item: CatalogItem, units: UnitIndex): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const question of item.questions) {
    const answer = answers[question.key];
    if (answer === undefined) continue;
    data[question.key] = question.type === 'unit' && typeof answer === 'string' ? unitAnswerData(answer, units) : answer;
  }
  return data;
}
