// A JSON Logic condition as a sentence people read: on flow charts and item pages, in each locale.
// `{"==":[{"var":"retirement_type"},"normal"]}` → 退休类型为「正常退休」 / Type of retirement is "Normal retirement".
import type { CatalogItem, CatalogQuestion } from './catalog-format';
import { isLevel, type Level } from './levels';
import { kindName, levelName, textIn } from './vocabulary';

interface Words {
  readonly is: string;
  readonly isNot: string;
  readonly oneOf: (values: string[]) => string;
  readonly and: string;
  readonly or: string;
  readonly not: (text: string) => string;
  readonly always: string;
  readonly never: string;
  readonly yes: string;
  readonly no: string;
  readonly quote: (value: string) => string;
  /** A yes/no answer: 是否有军龄为「是」 / the answer to "…" is yes. */
  readonly answered: (question: string, yes: boolean) => string;
  /** A unit answer compared with a unit or a kind: "lies in 胶州市", "is a county-level city". */
  readonly unit: (subject: string, relation: UnitRelation, negated: boolean, values: string[]) => string;
}

/** How a unit answer relates to what it is compared with. */
type UnitRelation = 'is' | 'lies in' | 'is a' | 'lies in a' | 'is at';

const WORDS: Readonly<Record<string, Words>> = {
  'zh-Hans': {
    is: '为',
    isNot: '不为',
    oneOf: (values) => `为${values.join('、')}之一`,
    and: '且',
    or: '或',
    not: (text) => `并非(${text})`,
    always: '总是适用',
    never: '不适用',
    yes: '是',
    no: '否',
    quote: (value) => `「${value}」`,
    answered: (question, yes) => `${question}为「${yes ? '是' : '否'}」`,
    unit: (subject, relation, negated, values) => {
      const quoted = values.map((v) => `「${v}」`).join('或');
      const verb = relation === 'lies in' || relation === 'lies in a' ? '位于' : '为';
      return `${subject}${negated ? '不' : ''}${verb}${quoted}`;
    },
  },
  en: {
    is: 'is',
    isNot: 'is not',
    oneOf: (values) => `is one of ${values.join(', ')}`,
    and: 'and',
    or: 'or',
    not: (text) => `not (${text})`,
    always: 'always',
    never: 'never',
    yes: 'yes',
    no: 'no',
    quote: (value) => `"${value}"`,
    answered: (question, yes) => `the answer to "${question}" is ${yes ? 'yes' : 'no'}`,
    unit: (subject, relation, negated, values) => {
      const article = relation === 'is a' || relation === 'lies in a';
      const listed = values.map((v) => (article ? `a ${v}` : relation === 'is at' ? v : `"${v}"`)).join(' or ');
      const verb = relation.startsWith('lies in') ? (negated ? 'does not lie in' : 'lies in') : negated ? 'is not' : 'is';
      return `${subject} ${verb}${relation === 'is at' ? ' at' : ''} ${listed}`;
    },
  },
};

interface Subject {
  readonly text: string;
  readonly question?: CatalogQuestion;
  /** For a unit answer: the level compared (null: the unit answered) and what of it. */
  readonly unit?: { readonly level: Level | null; readonly attribute: string | null };
}

export function conditionText(logic: unknown, item: CatalogItem, locale: string, unitName: (code: string) => string | undefined = () => undefined): string {
  const words = WORDS[locale] ?? WORDS.en;
  const zh = locale.startsWith('zh');
  const questions = new Map(item.questions.map((q) => [q.key, q]));

  const subject = (name: string): Subject => {
    const [key, ...parts] = name.split('.');
    const question = questions.get(key);
    const text = question ? textIn(question.label, locale) : key;
    if (question?.type !== 'unit') return { text, question };
    let rest = parts;
    let level: Level | null = null;
    if (rest.length > 0 && isLevel(rest[0])) {
      level = rest[0];
      rest = rest.slice(1);
    }
    // A unit answered at the question's own level is that level's unit.
    if (level && level === question.answerLevel) level = null;
    return { text, question, unit: { level, attribute: rest[0] ?? null } };
  };

  const value = (literal: unknown, about: Subject | null): string => {
    if (typeof literal === 'boolean') return literal ? words.yes : words.no;
    if (typeof literal !== 'string') return JSON.stringify(literal);
    if (about?.question?.type === 'choice') {
      const option = about.question.options?.find((o) => o.value === literal);
      if (option) return words.quote(textIn(option.label, locale));
    }
    return words.quote(literal);
  };

  /** A unit answer compared with units, kinds or a level, in words; null when it is not one. */
  const unitComparison = (about: Subject, negated: boolean, literals: unknown[]): string | null => {
    if (!about.unit || !literals.every((l) => typeof l === 'string')) return null;
    const values = literals as string[];
    const { level, attribute } = about.unit;
    if (attribute === 'code')
      return words.unit(
        about.text,
        level ? 'lies in' : 'is',
        negated,
        values.map((code) => unitName(code) ?? code)
      );
    if (attribute === 'kind')
      return words.unit(
        about.text,
        level ? 'lies in a' : 'is a',
        negated,
        values.map((kind) => kindName(kind, locale))
      );
    if (attribute === 'level' && level === null)
      return words.unit(
        about.text,
        'is at',
        negated,
        values.map((l) => (isLevel(l) ? levelName(l, locale) : l))
      );
    return null;
  };

  const varName = (node: unknown): string | null => {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || !('var' in node)) return null;
    const arg = (node as { var: unknown }).var;
    const name = Array.isArray(arg) ? arg[0] : arg;
    return typeof name === 'string' ? name : null;
  };

  const join = (parts: string[], word: string) => parts.join(zh ? word : ` ${word} `);

  const render = (node: unknown, nested: boolean): string => {
    if (node === true) return words.always;
    if (node === false || node === null) return words.never;
    if (typeof node !== 'object' || Array.isArray(node)) return JSON.stringify(node);
    const [op] = Object.keys(node);
    const raw = (node as Record<string, unknown>)[op];
    const args = Array.isArray(raw) ? raw : [raw];
    const wrap = (text: string) => (nested ? `(${text})` : text);
    switch (op) {
      case 'if':
        return args.length === 1 ? render(args[0], nested) : JSON.stringify(node);
      case '==':
      case '===':
      case '!=':
      case '!==': {
        const [left, right] = args;
        const name = varName(left) ?? varName(right);
        const literal = varName(left) ? right : left;
        if (!name) break;
        const about = subject(name);
        const unit = unitComparison(about, op.startsWith('!'), [literal]);
        if (unit) return unit;
        if (about.unit) break;
        // "is not yes" of a yes/no question is "no".
        if (about.question?.type === 'boolean' && typeof literal === 'boolean') return words.answered(about.text, op.startsWith('!') ? !literal : literal);
        const verb = op.startsWith('!') ? words.isNot : words.is;
        return zh ? `${about.text}${verb}${value(literal, about)}` : `${about.text} ${verb} ${value(literal, about)}`;
      }
      case 'in': {
        const name = varName(args[0]);
        if (!name || !Array.isArray(args[1])) break;
        const about = subject(name);
        const unit = unitComparison(about, false, args[1] as unknown[]);
        if (unit) return unit;
        if (about.unit) break;
        const values = (args[1] as unknown[]).map((v) => value(v, about));
        return zh ? `${about.text}${words.oneOf(values)}` : `${about.text} ${words.oneOf(values)}`;
      }
      case 'and':
        return wrap(
          join(
            args.map((a) => render(a, true)),
            words.and
          )
        );
      case 'or':
        return wrap(
          join(
            args.map((a) => render(a, true)),
            words.or
          )
        );
      case '!':
        return words.not(render(args[0], false));
      case '!!':
        return render(args[0], nested);
      default:
        break;
    }
    return JSON.stringify(node);
  };

  return render(logic, false);
}
