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

/** A localized text: an object of strings by locale (a time limit holds numbers). */
const isText = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');

/** The spec's fields that the guide lacks (a text must be there in every locale). */
export function missingFields(guide: CatalogGuide, required: readonly string[], locales: readonly string[]): string[] {
  return required.filter((field) => {
    const value = (guide as unknown as Record<string, unknown>)[field];
    if (isText(value)) return locales.some((l) => !filled(value[l]));
    return !filled(value);
  });
}

export function guideStatus(guide: CatalogGuide | undefined, required: readonly string[], locales: readonly string[]): { status: GuideStatus; missing: string[] } {
  if (!guide) return { status: 'missing', missing: [] };
  const missing = missingFields(guide, required, locales);
  return { status: missing.length > 0 ? 'incomplete' : 'published', missing };
}
