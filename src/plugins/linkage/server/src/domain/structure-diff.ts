// Where two JSON values first differ: used to show how one locale's structure departs from another's.
import type { FieldPath } from './problems';

export function firstDifference(a: unknown, b: unknown, path: FieldPath = []): FieldPath | null {
  if (Object.is(a, b)) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
      if (i >= a.length || i >= b.length) return [...path, i];
      const difference = firstDifference(a[i], b[i], [...path, i]);
      if (difference) return difference;
    }
    return null;
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const difference = firstDifference(a[key], b[key], [...path, key]);
      if (difference) return difference;
    }
    return null;
  }
  return path;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at `path`, for messages. */
export function valueAt(value: unknown, path: FieldPath): unknown {
  return path.reduce<unknown>((current, part) => {
    if (current === null || typeof current !== 'object') return undefined;
    return (current as Record<string | number, unknown>)[part];
  }, value);
}
