// Strapi's JSON fields keep objects and arrays faithfully but not bare values: SQLite returns `true`
// as 1, Postgres refuses a bare string. A condition that is a bare value (`true`, 3) is stored as
// `{"if": [value]}`, which JSON Logic evaluates to that same value, and read back bare.
//
// A condition also arrives as text: the Content Manager's JSON editor sends what was typed as a
// JSON *string*. Text is parsed, never stored as a literal (a literal string is truthy: the stage
// would then apply to everyone); text that is not JSON, or that holds only a string, is refused.
import { bilingual, problem, type Problem } from './problems';

const isStructured = (value: unknown): boolean => typeof value === 'object' && value !== null;

const isLiteralWrapper = (value: unknown): value is { if: [unknown] } =>
  isStructured(value) &&
  !Array.isArray(value) &&
  Object.keys(value as object).length === 1 &&
  Array.isArray((value as { if?: unknown }).if) &&
  (value as { if: unknown[] }).if.length === 1 &&
  !isStructured((value as { if: unknown[] }).if[0]);

/** The form to store a condition in; null and undefined mean "no condition" and stay null. */
export const toStoredLogic = (logic: unknown): unknown => {
  if (logic === undefined || logic === null) return null;
  return isStructured(logic) ? logic : { if: [logic] };
};

/** The condition as written, from its stored form. */
export const fromStoredLogic = (stored: unknown): unknown => (isLiteralWrapper(stored) ? stored.if[0] : stored);

export type ConditionInput = { readonly ok: true; readonly stored: unknown } | { readonly ok: false; readonly problem: Problem };

const refused = (message: string, en: string, zh: string): ConditionInput => ({ ok: false, problem: problem([], message, bilingual(en, zh)) });

/**
 * A condition as written by any client, in its stored form: text is parsed as JSON first. A stored
 * literal wrapper around text (`{"if": ["{...}"]}`, what an earlier version kept of a JSON editor's
 * string) is read as that text, so the next save repairs it.
 */
export function conditionFromInput(value: unknown): ConditionInput {
  const text = typeof value === 'string' ? value : isLiteralWrapper(value) && typeof value.if[0] === 'string' ? value.if[0] : null;
  if (text === null) return { ok: true, stored: toStoredLogic(value) };
  if (text.trim() === '') return { ok: true, stored: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return refused(
      'is text, not a condition: send the JSON Logic rule as JSON (an object, or true for "always")',
      'the condition is plain text, not a condition: build it with the condition editor',
      '条件是一段文字，而不是条件：请用条件编辑器设置'
    );
  }
  if (typeof parsed === 'string') {
    return refused(
      'holds only a string, not a condition: a string would apply to everyone',
      'the condition is only a piece of text, which would apply to everyone: build it with the condition editor',
      '条件只是一段文字，会对所有人都适用：请用条件编辑器设置'
    );
  }
  return { ok: true, stored: toStoredLogic(parsed) };
}
