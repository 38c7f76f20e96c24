// Division codes: 12 digits, significant up to the unit's level, extending the parent's code.
import { LEVELS, SIGNIFICANT_DIGITS, levelIndex, type Level } from './levels';

const TWELVE_DIGITS = /^\d{12}$/;

/** Why `code` cannot be the code of a unit at `level`, or null if it can. */
export function unitCodeProblem(code: unknown, level: Level): string | null {
  if (typeof code !== 'string' || !TWELVE_DIGITS.test(code)) {
    return `must be exactly 12 digits, got ${JSON.stringify(code ?? null)}`;
  }
  const significant = SIGNIFICANT_DIGITS[level];
  if (/[^0]/.test(code.slice(significant))) {
    return `${code} is not a ${level} code: only its first ${significant} digits may be non-zero`;
  }
  // The digits a level adds must not all be zero, or the code names the level above.
  const start = level === 'city' ? 2 : SIGNIFICANT_DIGITS[LEVELS[levelIndex(level) - 1]];
  if (/^0+$/.test(code.slice(start, significant))) {
    return `${code} is not a ${level} code: digits ${start + 1}–${significant} must not all be zero`;
  }
  if (/^0+$/.test(code.slice(0, 2))) {
    return `${code} is not a valid division code: it must start with a province code`;
  }
  return null;
}

/** The part of a code that a unit at `level` passes on to its children. */
export const significantPrefix = (code: string, level: Level): string => code.slice(0, SIGNIFICANT_DIGITS[level]);

/** True when `childCode` extends the significant part of `parentCode`. */
export const extendsCode = (parentCode: string, parentLevel: Level, childCode: string): boolean => childCode.startsWith(significantPrefix(parentCode, parentLevel));
