// Conditions are JSON Logic over the navigator's answers. This checks a rule before it is stored:
// known operators only, variables that name the item's questions, literals a question can take.
import { LEVELS, UNIT_KINDS, isLevel } from './levels';
import { bilingual, problem, type FieldPath, type Problem } from './problems';
import type { QuestionKind, QuestionType } from './catalog-format';

/** What a condition may know of a question. */
export interface QuestionShape {
  readonly key: string;
  readonly kind: QuestionKind;
  readonly type: QuestionType;
  readonly optionValues?: readonly string[];
  /** The question as the editor reads it (its label in the edited locale), for messages. */
  readonly label?: string;
}

/** A question as messages name it: its label, else its key. */
const named = (key: string, byKey: ReadonlyMap<string, QuestionShape>) => {
  const label = byKey.get(key)?.label;
  return { en: `“${label || key}”`, zh: `“${label || key}”` };
};

// json-logic-js operators, less `log` (writes to the console) and `method` (calls host methods).
const OPERATORS = new Set([
  '==',
  '===',
  '!=',
  '!==',
  '>',
  '>=',
  '<',
  '<=',
  '!!',
  '!',
  '%',
  'in',
  'cat',
  'substr',
  '+',
  '*',
  '-',
  '/',
  'min',
  'max',
  'merge',
  'var',
  'missing',
  'missing_some',
  'if',
  '?:',
  'and',
  'or',
  'filter',
  'map',
  'reduce',
  'all',
  'none',
  'some',
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

export function conditionProblems(logic: unknown, questions: readonly QuestionShape[], options: ConditionOptions): Problem[] {
  const byKey = new Map(questions.map((q) => [q.key, q]));
  const problems: Problem[] = [];

  const variable = (name: unknown, path: FieldPath): VariableMeaning => {
    if (typeof name === 'number') return { kind: 'other' };
    if (typeof name !== 'string' || name === '') {
      problems.push(
        problem(path, 'a variable must name a question', bilingual('a part of the condition names no question: choose a question', '条件中有一处没有指明问题：请选择一个问题'))
      );
      return { kind: 'other' };
    }
    const [key, ...rest] = name.split('.');
    const question = byKey.get(key);
    if (!question) {
      const list = [...byKey.values()].map((q) => `“${q.label || q.key}”`).join(', ');
      problems.push(
        problem(
          path,
          `names "${key}", which is not a question of this item (questions: ${[...byKey.keys()].join(', ') || 'none'})`,
          bilingual(
            `the condition asks about “${key}”, which is not a question of this item; choose one of its questions (${list || 'it has none yet'})`,
            `条件引用了“${key}”，但本事项没有这个问题；请改选本事项的问题（${list || '目前还没有问题'}）`
          )
        )
      );
      return { kind: 'other' };
    }
    if (options.coreOnly && question.kind !== 'core') {
      const q = named(key, byKey);
      problems.push(
        problem(
          path,
          `names the auxiliary question "${key}"; only core questions decide the route`,
          bilingual(
            `the condition uses the auxiliary question ${q.en}, but only core questions decide which stages apply: use a core question, or make ${q.en} a core question`,
            `条件使用了辅助问题${q.zh}，但只有核心问题能决定适用哪些环节：请改用核心问题，或把${q.zh}设为核心问题`
          )
        )
      );
    }
    if (question.type !== 'unit') {
      if (rest.length > 0) {
        const q = named(key, byKey);
        problems.push(
          problem(
            path,
            `"${name}": a ${question.type} answer has no parts`,
            bilingual(
              `the condition reads a part of the answer to ${q.en}, which has no parts: compare the answer itself`,
              `条件读取了${q.zh}答案的某一部分，但该答案没有组成部分：请直接比较答案本身`
            )
          )
        );
        return { kind: 'other' };
      }
      return question.type === 'choice' ? { kind: 'choice', values: question.optionValues ?? [], key } : { kind: 'boolean', key };
    }
    // A unit answer: an object with its code, kind and level, and its ancestor-or-self at each level.
    let parts = rest;
    if (parts.length > 0 && isLevel(parts[0])) parts = parts.slice(1);
    if (parts.length === 0) return { kind: 'unit', key, path: name };
    if (parts.length === 1 && (UNIT_ATTRIBUTES as readonly string[]).includes(parts[0])) {
      return parts[0] === 'code' ? { kind: 'unit-code', key } : parts[0] === 'kind' ? { kind: 'unit-kind', key } : { kind: 'unit-level', key };
    }
    const q = named(key, byKey);
    problems.push(
      problem(
        path,
        `"${name}": a unit answer exposes ${key}[.<level>][.code|.kind|.level], with <level> one of ${LEVELS.join(', ')}`,
        bilingual(
          `the condition reads something of the unit answered to ${q.en} that a unit does not have: compare the unit itself, its unit at some level, or its kind`,
          `条件读取了${q.zh}所答单位不具备的属性：请比较该单位本身、其某一层级的所属单位，或其类型`
        )
      )
    );
    return { kind: 'other' };
  };

  const checkLiteral = (meaning: VariableMeaning, literal: Literal, path: FieldPath): void => {
    const shown = JSON.stringify(literal);
    switch (meaning.kind) {
      case 'choice':
        if (typeof literal !== 'string' || !meaning.values.includes(literal)) {
          const q = named(meaning.key, byKey);
          problems.push(
            problem(
              path,
              `compares "${meaning.key}" with ${shown}, which is not one of its options (${meaning.values.join(', ')})`,
              bilingual(
                `the condition compares ${q.en} with ${shown}, which is not one of its answers: choose one of its options (${meaning.values.join(', ')})`,
                `条件把${q.zh}与${shown}比较，但这不是该问题的选项：请从它的选项中选择（${meaning.values.join('、')}）`
              )
            )
          );
        }
        break;
      case 'boolean':
        if (typeof literal !== 'boolean') {
          const q = named(meaning.key, byKey);
          problems.push(
            problem(
              path,
              `compares the yes/no answer "${meaning.key}" with ${shown}; use true or false`,
              bilingual(`the condition compares the yes/no question ${q.en} with ${shown}: choose “yes” or “no”`, `条件把是非问题${q.zh}与${shown}比较：请选择“是”或“否”`)
            )
          );
        }
        break;
      case 'unit-kind':
        if (typeof literal !== 'string' || !UNIT_KINDS.includes(literal)) {
          problems.push(
            problem(
              path,
              `compares a unit kind with ${shown}, which is not a unit kind (${UNIT_KINDS.join(', ')})`,
              bilingual(
                `the condition compares a unit's kind with ${shown}, which is not a kind of unit: choose a kind from the list`,
                `条件把单位类型与${shown}比较，但这不是单位类型：请从列表中选择类型`
              )
            )
          );
        }
        break;
      case 'unit-level':
        if (!isLevel(literal)) {
          problems.push(
            problem(
              path,
              `compares a unit level with ${shown}, which is not a level`,
              bilingual(
                `the condition compares a unit's level with ${shown}, which is not a level: choose city, district, street or community`,
                `条件把单位层级与${shown}比较，但这不是层级：请选择市、区(市)、街道(镇)或社区(村)`
              )
            )
          );
        }
        break;
      case 'unit':
        problems.push(
          problem(
            path,
            `compares the unit "${meaning.path}" with ${shown}; compare its code, kind or level (${meaning.path}.code)`,
            bilingual(
              `the condition compares the unit answered to ${named(meaning.key, byKey).en} with ${shown} as a whole: choose a unit from the list, or compare its kind`,
              `条件把${named(meaning.key, byKey).zh}所答单位整体与${shown}比较：请从列表中选择单位，或比较其类型`
            )
          )
        );
        break;
      case 'unit-code':
        if (typeof literal !== 'string' || !/^\d{12}$/.test(literal)) {
          problems.push(
            problem(
              path,
              `compares a unit with ${shown}, which is not a 12-digit unit code`,
              bilingual(
                `the condition compares a unit with ${shown}, which is not a unit: choose a unit from the list`,
                `条件把单位与${shown}比较，但这不是一个单位：请从列表中选择单位`
              )
            )
          );
        }
        break;
      default:
        break;
    }
  };

  const isLiteral = (value: unknown): value is Literal => value === null || ['string', 'number', 'boolean'].includes(typeof value);

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
      problems.push(
        problem(path, `is not JSON: ${typeof node}`, bilingual('the condition is not a condition: build it with the condition editor', '这不是有效的条件：请用条件编辑器重新设置'))
      );
      return;
    }
    const keys = Object.keys(node as object);
    if (keys.length !== 1) {
      problems.push(
        problem(
          path,
          `a JSON Logic rule has exactly one operator, found ${keys.length === 0 ? 'none' : [...keys].sort().join(', ')}`,
          bilingual(
            'a part of the condition is empty or mixes several rules: build it again with the condition editor',
            '条件中有一部分为空或混杂了多条规则：请用条件编辑器重新设置'
          )
        )
      );
      return;
    }
    const op = keys[0];
    const rawArgs = (node as Record<string, unknown>)[op];
    const opPath = [...path, op];
    if (FORBIDDEN.has(op)) {
      problems.push(
        problem(
          opPath,
          `the operator "${op}" is not allowed in conditions`,
          bilingual(`the condition uses “${op}”, which conditions may not use: build it with the condition editor`, `条件使用了不允许的运算“${op}”：请用条件编辑器重新设置`)
        )
      );
      return;
    }
    if (!OPERATORS.has(op)) {
      problems.push(
        problem(
          opPath,
          `"${op}" is not a JSON Logic operator`,
          bilingual(`the condition uses “${op}”, which is not a known comparison: build it with the condition editor`, `条件使用了无法识别的运算“${op}”：请用条件编辑器重新设置`)
        )
      );
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

/**
 * Whether a condition reads any answer. One that reads none gives the same result whatever the
 * applicant answers: only the explicit "always" (`true`) means that on purpose.
 */
export function readsAnswers(logic: unknown): boolean {
  const visit = (node: unknown, scoped: boolean): boolean => {
    if (node === null || typeof node !== 'object') return false;
    if (Array.isArray(node)) return node.some((element) => visit(element, scoped));
    const entries = Object.entries(node as Record<string, unknown>);
    return entries.some(([op, raw]) => {
      if ((op === 'var' || op === 'missing' || op === 'missing_some') && !scoped) return true;
      const args = Array.isArray(raw) ? raw : [raw];
      return args.some((arg, i) => visit(arg, scoped || (SCOPED.has(op) && i === 1)));
    });
  };
  return visit(logic, false);
}

/** A condition that means "always" by accident rather than on purpose, as a problem at its root. */
export function constantConditionProblem(logic: unknown): Problem | null {
  if (logic === true || readsAnswers(logic)) return null;
  return problem(
    [],
    'reads no question, so it gives the same result whatever the applicant answers; choose a question, or "always" (true)',
    bilingual(
      'the condition reads no question, so it gives the same answer whoever applies: choose a question, or choose “Always” if it really applies to everyone',
      '条件没有引用任何问题，无论申请人如何回答结果都一样：请选择一个问题；若确实对所有人都适用，请选择“总是适用”'
    )
  );
}
