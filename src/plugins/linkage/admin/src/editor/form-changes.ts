// Which fields of an edit form the editor changed, compared with the document the page loaded, and
// those values made fit to apply again on a newer version (component rows of the old version are
// gone: their ids are dropped, so the Content Manager creates them anew).

type Values = Record<string, unknown>;

// Kept by Strapi, or by the form for its own use: never "a field the editor changed".
const NOT_FIELDS = new Set(['id', 'documentId', 'locale', 'localizations', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'status']);
const FORM_KEYS = new Set(['id', '__temp_key__', 'documentId']);

/** A value as comparable text: no ids or form keys, empty values as absent, keys in order. */
function comparable(value: unknown): string {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') {
      const entries = Object.entries(v as Values)
        .filter(([key, x]) => !FORM_KEYS.has(key) && x !== null && x !== undefined && x !== '')
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return Object.fromEntries(entries.map(([key, x]) => [key, strip(x)]));
    }
    return v === undefined || v === '' ? null : v;
  };
  return JSON.stringify(strip(value) ?? null);
}

/** The record's fields whose form value differs from the loaded document's. */
export function changedFields(values: Values, loaded: Values): string[] {
  return Object.keys(values)
    .filter((field) => !NOT_FIELDS.has(field) && comparable(values[field]) !== comparable(loaded[field]))
    .sort();
}

/** The named fields' values without the ids of component rows. */
export function reapplicable(values: Values, fields: readonly string[]): Values {
  const withoutIds = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(withoutIds);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v as Values).flatMap(([key, x]) => (key === 'id' ? [] : [[key, withoutIds(x)]])));
    return v;
  };
  return Object.fromEntries(fields.map((field) => [field, withoutIds(values[field])]));
}
