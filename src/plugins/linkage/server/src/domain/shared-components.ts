// Components every locale of a record shares (a guide's time limit): Strapi copies them to every
// other locale as new rows whenever one locale is saved, so a form of another locale may name rows
// its locale no longer has. Such a value is written as new rows (its ids dropped); ids of rows the
// locale has are kept, so an ordinary save updates its rows in place.

/** The row ids of a stored component value (one row or a list). */
export function componentIds(stored: unknown): ReadonlySet<number> {
  const rows = Array.isArray(stored) ? stored : stored ? [stored] : [];
  return new Set(rows.flatMap((row) => (row && typeof row === 'object' && typeof (row as { id?: unknown }).id === 'number' ? [(row as { id: number }).id] : [])));
}

const idOf = (value: unknown): unknown => (value && typeof value === 'object' ? (value as { id?: unknown }).id : undefined);

const withoutId = (value: unknown): unknown => {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const { id: _id, ...rest } = value as Record<string, unknown>;
  void _id;
  return rest;
};

/** A written component value whose rows all belong to this locale: a row it does not have loses its id. */
export function rowsOfThisLocale(written: unknown, owned: ReadonlySet<number>): unknown {
  const renew = (row: unknown): unknown => {
    const id = idOf(row);
    return id === undefined || id === null || (typeof id === 'number' && owned.has(id)) ? row : withoutId(row);
  };
  return Array.isArray(written) ? written.map(renew) : renew(written);
}
