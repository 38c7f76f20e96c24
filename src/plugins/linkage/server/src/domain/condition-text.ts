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
  readonly attribute: Readonly<Record<string, string>>;
  readonly at: (level: string) => string;
}

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
    attribute: { code: '代码', kind: '类型', level: '层级' },
    at: (level) => `所属${level}单位`,
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
    attribute: { code: 'code', kind: 'kind', level: 'level' },
    at: (level) => `${level} unit`,
  },
};

interface Subject {
  readonly text: string;
  readonly question?: CatalogQuestion;
  readonly attribute?: string;
}

export function conditionText(logic: unknown, item: CatalogItem, locale: string): string {
  const words = WORDS[locale] ?? WORDS.en;
  const zh = locale.startsWith('zh');
  const questions = new Map(item.questions.map((q) => [q.key, q]));

  const subject = (name: string): Subject => {
    const [key, ...parts] = name.split('.');
    const question = questions.get(key);
    const label = question ? textIn(question.label, locale) : key;
    let text = label;
    let rest = parts;
    if (rest.length > 0 && isLevel(rest[0])) {
      const at = words.at(levelName(rest[0] as Level, locale).replace(/级$/, '').replace(/ level$/, ''));
      text = zh ? `${label}${at}` : `${label}'s ${at}`;
      rest = rest.slice(1);
    }
    const attribute = rest[0];
    if (attribute) text = zh ? `${text}${words.attribute[attribute] ?? attribute}` : `${text} ${words.attribute[attribute] ?? attribute}`;
    return { text, question, attribute };
  };

  const value = (literal: unknown, about: Subject | null): string => {
    if (typeof literal === 'boolean') return literal ? words.yes : words.no;
    if (typeof literal !== 'string') return JSON.stringify(literal);
    if (about?.question?.type === 'choice' && !about.attribute) {
      const option = about.question.options?.find((o) => o.value === literal);
      if (option) return words.quote(textIn(option.label, locale));
    }
    if (about?.attribute === 'kind') return words.quote(kindName(literal, locale));
    if (about?.attribute === 'level' && isLevel(literal)) return words.quote(levelName(literal, locale));
    return words.quote(literal);
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
        const verb = op.startsWith('!') ? words.isNot : words.is;
        return zh ? `${about.text}${verb}${value(literal, about)}` : `${about.text} ${verb} ${value(literal, about)}`;
      }
      case 'in': {
        const name = varName(args[0]);
        if (!name || !Array.isArray(args[1])) break;
        const about = subject(name);
        const values = (args[1] as unknown[]).map((v) => value(v, about));
        return zh ? `${about.text}${words.oneOf(values)}` : `${about.text} ${words.oneOf(values)}`;
      }
      case 'and':
        return wrap(join(args.map((a) => render(a, true)), words.and));
      case 'or':
        return wrap(join(args.map((a) => render(a, true)), words.or));
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
