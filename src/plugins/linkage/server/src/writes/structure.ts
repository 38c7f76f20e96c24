// The lists whose structure is the same in every locale (domain/locale-structure.ts), by type, and
// how to read them whole.
import { GUIDE_LISTS, ITEM_LISTS, type ListShape } from '../domain/locale-structure';
import { GUIDE, ITEM } from '../uids';

export const STRUCTURE_LISTS: Readonly<Record<string, readonly ListShape[]>> = { [ITEM]: ITEM_LISTS, [GUIDE]: GUIDE_LISTS };

export const structurePopulate = (shapes: readonly ListShape[]): Record<string, unknown> =>
  Object.fromEntries(shapes.map((s) => [s.field, s.lists && s.lists.length > 0 ? { populate: structurePopulate(s.lists) } : true]));

/** Component values without their row ids: written again, they become new rows. */
export const withoutIds = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'id')
      .map(([key, v]) => [key, withoutIds(v)])
  );
};
