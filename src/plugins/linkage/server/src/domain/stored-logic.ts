// Strapi's JSON fields keep objects and arrays faithfully but not bare values: SQLite returns `true`
// as 1, Postgres refuses a bare string. A condition that is a bare value (`true`, "yes", 3) is
// stored as `{"if": [value]}`, which JSON Logic evaluates to that same value, and read back bare.

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
