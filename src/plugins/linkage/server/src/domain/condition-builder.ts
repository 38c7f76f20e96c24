// A condition as editors build it: "always", or comparisons of answers (is, is not, one of) joined
// by all / any, possibly negated, in groups. The condition editor edits this tree; what is stored is
// the JSON Logic it stands for. A stored rule the tree cannot show (written by hand, or by an
// import) is kept whole as "advanced" and shown as its sentence.
import { LEVELS, isAtOrAbove, isLevel, type Level } from './levels';

export type Literal = string | boolean;

/** Which part of a unit answer is compared: the unit at some level above it (or itself), or its kind. */
export interface UnitPart {
  /** null: the answered unit itself. */
  readonly level: Level | null;
  readonly attribute: 'code' | 'kind';
}

export type Comparison = 'is' | 'isNot' | 'oneOf';

export type ConditionNode =
  | { readonly kind: 'always' }
  | { readonly kind: 'group'; readonly join: 'all' | 'any'; readonly negated: boolean; readonly children: readonly ConditionNode[] }
  | { readonly kind: 'compare'; readonly question: string; readonly part: UnitPart | null; readonly op: Comparison; readonly values: readonly Literal[] }
  | { readonly kind: 'advanced'; readonly logic: unknown };

/** What the editor knows of a question. */
export interface BuilderQuestion {
  readonly key: string;
  readonly type: string;
  readonly kind: string;
  readonly answerLevel?: string | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isLiteral = (value: unknown): value is Literal => typeof value === 'string' || typeof value === 'boolean';

/** The variable a compared part reads: `enterprise_location.district.kind`. */
export function variableOf(question: string, part: UnitPart | null): string {
  if (!part) return question;
  return [question, ...(part.level ? [part.level] : []), part.attribute].join('.');
}

/**
 * The parts a unit question offers: the unit answered (at its answer level or below), its unit at
 * its answer level and at each level above, and the kinds of these.
 */
export function unitParts(answerLevel: string | null | undefined): UnitPart[] {
  const at = isLevel(answerLevel) ? answerLevel : 'community';
  const above = LEVELS.filter((level) => isAtOrAbove(level, at));
  return [
    { level: null, attribute: 'code' },
    ...above.map((level) => ({ level, attribute: 'code' as const })),
    { level: null, attribute: 'kind' },
    ...above.map((level) => ({ level, attribute: 'kind' as const })),
  ];
}

function readVariable(name: string, questions: ReadonlyMap<string, BuilderQuestion>): { question: string; part: UnitPart | null } | null {
  const [key, ...rest] = name.split('.');
  const question = questions.get(key);
  if (!question) return rest.length === 0 ? { question: key, part: null } : null;
  if (question.type !== 'unit') return rest.length === 0 ? { question: key, part: null } : null;
  let parts = rest;
  let level: Level | null = null;
  if (parts.length > 0 && isLevel(parts[0])) {
    level = parts[0];
    parts = parts.slice(1);
  }
  if (parts.length !== 1 || (parts[0] !== 'code' && parts[0] !== 'kind')) return null;
  return { question: key, part: { level, attribute: parts[0] } };
}

const varName = (node: unknown): string | null => {
  if (!isRecord(node) || Object.keys(node).length !== 1 || !('var' in node)) return null;
  const arg = Array.isArray(node.var) ? node.var[0] : node.var;
  return typeof arg === 'string' && arg !== '' ? arg : null;
};

/** The tree a stored rule stands for, as far as the editor can show it. */
export function fromLogic(logic: unknown, questions: readonly BuilderQuestion[]): ConditionNode {
  const byKey = new Map(questions.map((q) => [q.key, q]));
  const advanced: ConditionNode = { kind: 'advanced', logic };

  const read = (node: unknown): ConditionNode | null => {
    if (node === true) return { kind: 'always' };
    if (!isRecord(node)) return null;
    const keys = Object.keys(node);
    if (keys.length !== 1) return null;
    const [op] = keys;
    const raw = node[op];
    const args = Array.isArray(raw) ? raw : [raw];
    if (op === 'if' && args.length === 1 && args[0] === true) return { kind: 'always' };
    if (op === 'and' || op === 'or') {
      const children = args.map(read);
      if (children.some((c) => c === null || c.kind === 'always')) return null;
      return { kind: 'group', join: op === 'and' ? 'all' : 'any', negated: false, children: children as ConditionNode[] };
    }
    if (op === '!') {
      const inner = read(args[0]);
      if (!inner) return null;
      if (inner.kind === 'group') return { ...inner, negated: !inner.negated };
      if (inner.kind === 'compare' && inner.op === 'is') {
        const question = byKey.get(inner.question);
        if (question?.type === 'boolean' && typeof inner.values[0] === 'boolean') return { ...inner, values: [!inner.values[0]] };
        return { ...inner, op: 'isNot' };
      }
      if (inner.kind === 'compare' && inner.op === 'isNot') return { ...inner, op: 'is' };
      return { kind: 'group', join: 'all', negated: true, children: [inner] };
    }
    if (op === '!!') return read(args[0]);
    if (op === 'var') {
      // A bare yes/no answer: "is yes".
      const name = varName(node);
      const variable = name ? readVariable(name, byKey) : null;
      if (!variable || variable.part || byKey.get(variable.question)?.type !== 'boolean') return null;
      return { kind: 'compare', question: variable.question, part: null, op: 'is', values: [true] };
    }
    if (['==', '===', '!=', '!=='].includes(op) && args.length === 2) {
      const [left, right] = args;
      const name = varName(left) ?? varName(right);
      const literal = varName(left) ? right : left;
      if (!name || !isLiteral(literal)) return null;
      const variable = readVariable(name, byKey);
      if (!variable) return null;
      return { kind: 'compare', question: variable.question, part: variable.part, op: op.startsWith('!') ? 'isNot' : 'is', values: [literal] };
    }
    if (op === 'in' && args.length === 2 && Array.isArray(args[1])) {
      const name = varName(args[0]);
      const values = args[1] as unknown[];
      if (!name || !values.every(isLiteral)) return null;
      const variable = readVariable(name, byKey);
      if (!variable) return null;
      return { kind: 'compare', question: variable.question, part: variable.part, op: 'oneOf', values: values as Literal[] };
    }
    return null;
  };

  return read(logic) ?? advanced;
}

/** The JSON Logic a tree stands for: what is stored. */
export function toLogic(node: ConditionNode): unknown {
  switch (node.kind) {
    case 'always':
      return true;
    case 'advanced':
      return node.logic;
    case 'compare': {
      const variable = { var: variableOf(node.question, node.part) };
      if (node.op === 'oneOf') return { in: [variable, [...node.values]] };
      return { [node.op === 'is' ? '==' : '!=']: [variable, node.values[0] ?? null] };
    }
    case 'group': {
      const children = node.children.map(toLogic);
      const joined = children.length === 1 ? children[0] : { [node.join === 'all' ? 'and' : 'or']: children };
      return node.negated ? { '!': joined } : joined;
    }
  }
}

/** A new comparison on a question: the first option, yes, or (for a unit) the unit itself. */
export function newComparison(question: BuilderQuestion & { readonly options?: ReadonlyArray<{ readonly value: string }> }): ConditionNode {
  if (question.type === 'boolean') return { kind: 'compare', question: question.key, part: null, op: 'is', values: [true] };
  if (question.type === 'unit') return { kind: 'compare', question: question.key, part: { level: null, attribute: 'code' }, op: 'is', values: [] };
  const first = question.options?.[0]?.value;
  return { kind: 'compare', question: question.key, part: null, op: 'is', values: first === undefined ? [] : [first] };
}
