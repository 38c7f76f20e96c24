// The navigator's answers: checked against the item's questions and converted to their types
// (json-logic-js compares loosely: "true" is not true), and the data conditions are evaluated on.
import type { CatalogItem, CatalogQuestion } from './catalog-format';
import type { AdminText } from './admin-language';
import { LEVELS, isAtOrAbove, levelIndex, type Level } from './levels';
import { problem, type Problem } from './problems';
import { ancestorOrSelfAt, ancestorsOf, type UnitFacts, type UnitIndex } from './unit-tree';
import { levelName, textIn } from './vocabulary';

/** A typed answer: an option value, a yes/no, or a unit code. */
export type Answer = string | boolean;
export type Answers = Readonly<Record<string, Answer>>;

const describeQuestion = (q: CatalogQuestion) => `"${q.key}"`;

// What a reader of the sites is told, by the question's label and never its key or a code: the
// answers come from a form or a link, so what went wrong is an out-of-date link or a choice to make again.
type Reason = 'unknown-question' | 'one-answer' | 'not-an-option' | 'yes-or-no' | 'no-such-place' | 'outside-area' | 'above-level' | 'unanswerable';

function readerText(reason: Reason, question?: CatalogQuestion): AdminText {
  const zhLabel = question ? `「${textIn(question.label, 'zh-Hans')}」` : '';
  const enLabel = question ? `"${textIn(question.label, 'en')}"` : '';
  const level = question?.answerLevel;
  switch (reason) {
    case 'unknown-question':
      return { 'zh-Hans': '链接中含有本事项不再询问的问题，请重新回答。', en: 'The link carries a question this service no longer asks; please answer again.' };
    case 'one-answer':
      return { 'zh-Hans': `${zhLabel}只能选择一个答案。`, en: `${enLabel}: choose one answer only.` };
    case 'not-an-option':
      return { 'zh-Hans': `${zhLabel}的答案不在可选范围内，请重新选择。`, en: `${enLabel}: the answer given is not one of the choices; please choose again.` };
    case 'yes-or-no':
      return { 'zh-Hans': `${zhLabel}请选择“是”或“否”。`, en: `${enLabel}: please choose Yes or No.` };
    case 'no-such-place':
      return { 'zh-Hans': `${zhLabel}所选的地区不存在，请重新选择。`, en: `${enLabel}: the place given does not exist; please choose again.` };
    case 'outside-area':
      return { 'zh-Hans': `${zhLabel}所选的地区不在本事项的办理范围内。`, en: `${enLabel}: the place given is outside the area this service covers.` };
    case 'above-level':
      return level
        ? { 'zh-Hans': `${zhLabel}请选择${levelName(level, 'zh-Hans')}或更下一级的地区。`, en: `${enLabel}: please choose a place at ${levelName(level, 'en')} or below.` }
        : readerText('no-such-place', question);
    default:
      return { 'zh-Hans': `${zhLabel}暂时无法回答，请联系主管部门。`, en: `${enLabel} cannot be answered at the moment; please contact the responsible department.` };
  }
}

interface Refusal {
  readonly problem: string;
  readonly reason: Reason;
}

/** The unit a unit question's answers must lie under: its `within`, else the item's city. */
export function answerScope(question: CatalogQuestion, item: CatalogItem, units: UnitIndex): UnitFacts | null {
  if (question.within) return units.get(question.within) ?? null;
  const managing = units.get(item.managingUnit);
  return managing ? (ancestorOrSelfAt(managing.code, 'city', units) ?? managing) : null;
}

/** True when `code` is `scope` or lies below it. */
const isWithin = (code: string, scope: UnitFacts, units: UnitIndex): boolean => code === scope.code || ancestorsOf(code, units).some((u) => u.code === scope.code);

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
      problems.push(problem([key], `is not a question of item ${item.code} (questions: ${item.questions.map((q) => q.key).join(', ')})`, readerText('unknown-question')));
      continue;
    }
    if (Array.isArray(value) || (typeof value !== 'string' && typeof value !== 'boolean')) {
      problems.push(problem([key], `${describeQuestion(question)} takes one answer, got ${JSON.stringify(value)}`, readerText('one-answer', question)));
      continue;
    }
    if (value === '') continue;
    const parsed = parseAnswer(question, value, item, units);
    if (typeof parsed === 'object') problems.push(problem([key], parsed.problem, readerText(parsed.reason, question)));
    else answers[key] = parsed;
  }
  return { answers, problems };
}

function parseAnswer(question: CatalogQuestion, value: string | boolean, item: CatalogItem, units: UnitIndex): Answer | Refusal {
  const shown = JSON.stringify(value);
  switch (question.type) {
    case 'boolean':
      if (value === true || value === 'true') return true;
      if (value === false || value === 'false') return false;
      return { problem: `${describeQuestion(question)} is answered true or false, got ${shown}`, reason: 'yes-or-no' };
    case 'choice': {
      const values = (question.options ?? []).map((o) => o.value);
      if (typeof value === 'string' && values.includes(value)) return value;
      return { problem: `${shown} is not an option of ${describeQuestion(question)} (options: ${values.join(', ')})`, reason: 'not-an-option' };
    }
    case 'unit': {
      if (typeof value !== 'string' || !/^\d{12}$/.test(value))
        return { problem: `${describeQuestion(question)} is answered with a 12-digit unit code, got ${shown}`, reason: 'no-such-place' };
      const unit = units.get(value);
      if (!unit) return { problem: `no unit has the code ${value}`, reason: 'no-such-place' };
      const scope = answerScope(question, item, units);
      if (scope && !isWithin(value, scope, units)) return { problem: `${value} is outside ${scope.code}, the area item ${item.code} serves`, reason: 'outside-area' };
      const level = question.answerLevel as Level;
      if (!isAtOrAbove(level, unit.level)) {
        return { problem: `${value} is a ${unit.level}-level unit; ${describeQuestion(question)} is answered with a ${level}-level unit or one below it`, reason: 'above-level' };
      }
      return value;
    }
    default:
      return { problem: `${describeQuestion(question)} has an unknown type`, reason: 'unanswerable' };
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
