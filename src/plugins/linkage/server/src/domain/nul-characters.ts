// The NUL character (U+0000) in any text of a request: Postgres cannot store or compare it (SQLite
// can), so a request carrying one would fail in the database. It is refused up front instead, naming
// where it is.

const MAX_DEPTH = 20;

/** The path of the first text holding a NUL character, or null. Keys count as text too. */
export function nulPath(value: unknown, path: Array<string | number> = [], depth = 0): Array<string | number> | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = nulPath(item, [...path, i], depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (key.includes('\u0000')) return [...path, key];
    const found = nulPath(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}
