// Whether a guide holds everything the city's guide spec requires.
import type { CatalogGuide } from './catalog-format';

export type GuideStatus = 'published' | 'incomplete' | 'missing';

const filled = (value: unknown): boolean => {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return true; // an empty list of materials is filled: none are needed
  if (typeof value === 'object') return Object.values(value).some(filled);
  return true;
};

/** The spec's fields that the guide lacks (in any of the locales, for texts). */
export function missingFields(guide: CatalogGuide, required: readonly string[], locales: readonly string[]): string[] {
  return required.filter((field) => {
    const value = (guide as unknown as Record<string, unknown>)[field];
    const isText = value !== null && typeof value === 'object' && !Array.isArray(value) && locales.some((l) => l in (value as object));
    if (isText && field !== 'timeLimit') return locales.some((l) => !filled((value as Record<string, unknown>)[l]));
    return !filled(value);
  });
}

export function guideStatus(guide: CatalogGuide | undefined, required: readonly string[], locales: readonly string[]): { status: GuideStatus; missing: string[] } {
  if (!guide) return { status: 'missing', missing: [] };
  const missing = missingFields(guide, required, locales);
  return { status: missing.length > 0 ? 'incomplete' : 'published', missing };
}
