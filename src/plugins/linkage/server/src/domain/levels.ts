// The four levels of government, top to bottom, and what a unit code means at each.

export const LEVELS = ['city', 'district', 'street', 'community'] as const;
export type Level = (typeof LEVELS)[number];

/** Digits of the 12-digit division code that are significant at each level (GB/T 2260 padded). */
export const SIGNIFICANT_DIGITS: Readonly<Record<Level, number>> = {
  city: 4,
  district: 6,
  street: 9,
  community: 12,
};

/** Unit kinds allowed at each level. A county-level city sits at the district level. */
export const KINDS_BY_LEVEL: Readonly<Record<Level, readonly string[]>> = {
  city: ['prefecture_city', 'municipality'],
  district: ['district', 'county_city', 'county'],
  street: ['subdistrict', 'town', 'township'],
  community: ['residents_committee', 'villagers_committee'],
};

export const UNIT_KINDS: readonly string[] = LEVELS.flatMap((level) => KINDS_BY_LEVEL[level]);

export const isLevel = (value: unknown): value is Level => typeof value === 'string' && (LEVELS as readonly string[]).includes(value);

export const levelIndex = (level: Level): number => LEVELS.indexOf(level);

export const parentLevelOf = (level: Level): Level | null => (level === 'city' ? null : LEVELS[levelIndex(level) - 1]);

/** True when `upper` is the same level as `lower` or above it. */
export const isAtOrAbove = (upper: Level, lower: Level): boolean => levelIndex(upper) <= levelIndex(lower);
