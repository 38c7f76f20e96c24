// What a guide says, apart from bookkeeping: two versions of a guide are the same content when
// every locale's row holds the same fields and components. Strapi recreates published rows on
// every publish (new ids, new timestamps), so those can never tell a change.

const META = new Set(['id', 'documentId', 'publishedAt', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'localizations', '__component', '__temp_key__']);

/** One row with its bookkeeping removed, components included, keys in a stable order. */
export function contentOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(contentOf);
  if (value === null || typeof value !== 'object') return value === undefined ? null : value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([key]) => !META.has(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, v]) => [key, contentOf(v)] as const);
  return Object.fromEntries(entries);
}

/** Every locale's content, by locale. */
export const versionContent = (rows: ReadonlyArray<{ locale: string }>): string =>
  JSON.stringify([...rows].sort((a, b) => (a.locale < b.locale ? -1 : a.locale > b.locale ? 1 : 0)).map(contentOf));

export type PublicationState = 'draft' | 'published' | 'modified';

/**
 * A guide never published is a draft; published with drafts that say the same in every published
 * locale, published; otherwise modified (the Content Manager's "Modified").
 */
export function publicationState(drafts: ReadonlyArray<{ locale: string }>, published: ReadonlyArray<{ locale: string }>): PublicationState {
  if (published.length === 0) return 'draft';
  const locales = new Set(published.map((r) => r.locale));
  return versionContent(drafts.filter((r) => locales.has(r.locale))) === versionContent(published) ? 'published' : 'modified';
}
