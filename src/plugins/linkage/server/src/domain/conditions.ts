// Conditions are JSON Logic over the navigator's answers. This checks a rule before it is stored:
// known operators only, variables that name the item's questions, literals a question can take.
import { LEVELS, UNIT_KINDS, isLevel } from './levels';
import { problem, type FieldPath, type Problem } from './problems';
import type { QuestionKind, QuestionType } from './catalog-format';

/** What a condition may know of a question. */
export interface QuestionShape {
  readonly key: string;
  readonly kind: QuestionKind;
  readonly type: QuestionType;
  readonly optionValues?: readonly string[];
}

// json-logic-js operators, less `log` (writes to the console) and `method` (calls host methods).
const OPERATORS = new Set([
  '==', '===', '!=', '!==', '>', '>=', '<', '<=', '!!', '!', '%', 'in', 'cat', 'substr',
  '+', '*', '-', '/', 'min', 'max', 'merge', 'var', 'missing', 'missing_some',
  'if', '?:', 'and', 'or', 'filter', 'map', 'reduce', 'all', 'none', 'some',
]);
const FORBIDDEN = new Set(['log', 'method']);
// In these, the second argument runs over each element: its `var`s name the element, not answers.
const SCOPED = new Set(['filter', 'map', 'reduce', 'all', 'none', 'some']);
const EQUALITY = new Set(['==', '===', '!=', '!==']);
const UNIT_ATTRIBUTES = ['code', 'kind', 'level'] as const;

type Literal = string | number | boolean | null;

/** What a variable path denotes, so literals compared with it can be checked. */
type VariableMeaning =
  | { kind: 'choice'; values: readonly string[]; key: string }
  | { kind: 'boolean'; key: string }
  | { kind: 'unit'; key: string; path: string }
  | { kind: 'unit-code'; key: string }
  | { kind: 'unit-kind'; key: string }
  | { kind: 'unit-level'; key: string }
  | { kind: 'other' };

export interface ConditionOptions {
  /** Route conditions may use core questions only; material conditions may use any. */
  readonly coreOnly: boolean;
}

export function conditionProblems(
  logic: unknown,
  questions: readonly QuestionShape[],
  options: ConditionOptions
): Problem[] {
  const byKey = new Map(questions.map((q) => [q.key, q]));
  const problems: Problem[] = [];

  const variable = (name: unknown, path: FieldPath): VariableMeaning => {
    if (typeof name === 'number') return { kind: 'other' };
    if (typeof name !== 'string' || name === '') {
      problems.push(problem(path, 'a variable must name a question'));
      return { kind: 'other' };
    }
    const [key, ...rest] = name.split('.');
    const question = byKey.get(key);
    if (!question) {
      problems.push(problem(path, `names "${key}", which is not a question of this item (questions: ${[...byKey.keys()].join(', ') || 'none'})`));
      return { kind: 'other' };
    }
    if (options.coreOnly && question.kind !== 'core') {
      problems.push(problem(path, `names the auxiliary question "${key}"; only core questions decide the route`));
    }
    if (question.type !== 'unit') {
      if (rest.length > 0) {
        problems.push(problem(path, `"${name}": a ${question.type} answer has no parts`));
        return { kind: 'other' };
      }
      return question.type === 'choice'
        ? { kind: 'choice', values: question.optionValues ?? [], key }
        : { kind: 'boolean', key };
    }
    // A unit answer: an object with its code, kind and level, and its ancestor-or-self at each level.
    let parts = rest;
    if (parts.length > 0 && isLevel(parts[0])) parts = parts.slice(1);
    if (parts.length === 0) return { kind: 'unit', key, path: name };
    if (parts.length === 1 && (UNIT_ATTRIBUTES as readonly string[]).includes(parts[0])) {
      return parts[0] === 'code' ? { kind: 'unit-code', key } : parts[0] === 'kind' ? { kind: 'unit-kind', key } : { kind: 'unit-level', key };
    }
    problems.push(
      problem(path, `"${name}": a unit answer exposes ${key}[.<level>][.code|.kind|.level], with <level> one of ${LEVELS.join(', ')}`)
    );
    return { kind: 'other' };
  };

  const checkLiteral = (meaning: VariableMeaning, literal: Literal, path: FieldPath): void => {
    const shown = JSON.stringify(literal);
    switch (meaning.kind) {
      case 'choice':
        if (typeof literal !== 'string' || !meaning.values.includes(literal)) {
          problems.push(problem(path, `compares "${meaning.key}" with ${shown}, which is not one of its options (${meaning.values.join(', ')})`));
        }
        break;
      case 'boolean':
        if (typeof literal !== 'boolean') problems.push(problem(path, `compares the yes/no answer "${meaning.key}" with ${shown}; use true or false`));
        break;
      case 'unit-kind':
        if (typeof literal !== 'string' || !UNIT_KINDS.includes(literal)) {
          problems.push(problem(path, `compares a unit kind with ${shown}, which is not a unit kind (${UNIT_KINDS.join(', ')})`));
        }
        break;
      case 'unit-level':
        if (!isLevel(literal)) problems.push(problem(path, `compares a unit level with ${shown}, which is not a level`));
        break;
      case 'unit':
        problems.push(problem(path, `compares the unit "${meaning.path}" with ${shown}; compare its code, kind or level (${meaning.path}.code)`));
        break;
      case 'unit-code':
        if (typeof literal !== 'string' || !/^\d{12}$/.test(literal)) {
          problems.push(problem(path, `compares a unit with ${shown}, which is not a 12-digit unit code`));
        }
        break;
      default:
        break;
    }
  };

  const isLiteral = (value: unknown): value is Literal =>
    value === null || ['string', 'number', 'boolean'].includes(typeof value);

  const varOf = (value: unknown, path: FieldPath, scoped: boolean): VariableMeaning | null => {
    if (scoped || typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const keys = Object.keys(value);
    if (keys.length !== 1 || keys[0] !== 'var') return null;
    const arg = (value as { var: unknown }).var;
    const name = Array.isArray(arg) ? arg[0] : arg;
    return variable(name, [...path, 'var']);
  };

  const walk = (node: unknown, path: FieldPath, scoped: boolean): void => {
    if (isLiteral(node)) return;
    if (Array.isArray(node)) {
      node.forEach((element, i) => walk(element, [...path, i], scoped));
      return;
    }
    if (typeof node !== 'object') {
      problems.push(problem(path, `is not JSON: ${typeof node}`));
      return;
    }
    const keys = Object.keys(node as object);
    if (keys.length !== 1) {
      problems.push(problem(path, `a JSON Logic rule has exactly one operator, found ${keys.length === 0 ? 'none' : [...keys].sort().join(', ')}`));
      return;
    }
    const op = keys[0];
    const rawArgs = (node as Record<string, unknown>)[op];
    const opPath = [...path, op];
    if (FORBIDDEN.has(op)) {
      problems.push(problem(opPath, `the operator "${op}" is not allowed in conditions`));
      return;
    }
    if (!OPERATORS.has(op)) {
      problems.push(problem(opPath, `"${op}" is not a JSON Logic operator`));
      return;
    }
    if (op === 'var') {
      if (!scoped) varOf(node, path, false);
      return;
    }
    const args = Array.isArray(rawArgs) ? rawArgs : [rawArgs];
    if (op === 'missing' || op === 'missing_some') {
      if (scoped) return;
      // missing: the names are the arguments; missing_some: [minimum, [names]].
      const namesPath: FieldPath = op === 'missing_some' ? [...opPath, 1] : Array.isArray(rawArgs) ? opPath : [];
      const names = op === 'missing_some' ? args[1] : args;
      if (Array.isArray(names)) {
        names.forEach((name, i) => {
          if (typeof name === 'string') variable(name, namesPath.length === 0 ? opPath : [...namesPath, i]);
        });
      }
      return;
    }
    if (EQUALITY.has(op) && args.length === 2 && !scoped) {
      const [left, right] = args;
      const leftVar = varOf(left, [...opPath, 0], false);
      const rightVar = leftVar ? null : varOf(right, [...opPath, 1], false);
      if (leftVar && isLiteral(right)) checkLiteral(leftVar, right, [...opPath, 1]);
      else if (rightVar && isLiteral(left)) checkLiteral(rightVar, left, [...opPath, 0]);
      if (!leftVar) walk(left, [...opPath, 0], scoped);
      if (!rightVar) walk(right, [...opPath, 1], scoped);
      return;
    }
    if (op === 'in' && args.length === 2 && !scoped && Array.isArray(args[1])) {
      const meaning = varOf(args[0], [...opPath, 0], false);
      if (meaning) {
        (args[1] as unknown[]).forEach((literal, i) => isLiteral(literal) && checkLiteral(meaning, literal, [...opPath, 1, i]));
        return;
      }
    }
    args.forEach((arg, i) => {
      const path = Array.isArray(rawArgs) ? [...opPath, i] : opPath;
      // Only the second argument runs per element; reduce's initial value reads the answers.
      walk(arg, path, scoped || (SCOPED.has(op) && i === 1));
    });
  };

  walk(logic, [], false);
  return problems;
}
