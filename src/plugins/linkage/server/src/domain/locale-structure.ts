// Structure is edited once: the keys, option values, conditions, handlers and codes of a record's
// component lists are the same in every locale by construction. When one locale's lists change,
// the others take the new structure and keep their own texts, element by element.
//
// Elements are matched to their former selves by component id (the Content Manager sends it), else
// by key, else by position; the other locale's counterpart is the element that stood at the same
// place (with the same key). A new element has no texts yet in the other locales: they are left
// empty, so the publishing checks ask for a translation instead of showing another language's.

/** One list of components: which fields are texts (per locale), and the nested lists. */
export interface ListShape {
  readonly field: string;
  /** The field that identifies an element among its siblings, if any. */
  readonly key?: string;
  readonly texts: readonly string[];
  readonly lists?: readonly ListShape[];
}

export const ITEM_LISTS: readonly ListShape[] = [
  { field: 'policies', texts: ['title'] },
  { field: 'questions', key: 'key', texts: ['label'], lists: [{ field: 'options', key: 'value', texts: ['label'] }] },
  { field: 'stages', key: 'key', texts: ['name'] },
];

export const GUIDE_LISTS: readonly ListShape[] = [{ field: 'materials', texts: ['name'] }];

export type Element = Readonly<Record<string, unknown>>;

/** What Strapi adds to a component row that is neither structure nor text. */
const ROW_META = ['id', '__temp_key__', '__component', 'documentId'];

const elements = (value: unknown): Element[] => (Array.isArray(value) ? value.filter((e): e is Element => typeof e === 'object' && e !== null) : []);

const idOf = (element: Element | undefined): unknown => element?.id;

/** Where an element of the list after a change stood before it (index into `before`), if it did. */
function formerIndex(shape: ListShape, before: readonly Element[], after: readonly Element[], i: number): number | undefined {
  const element = after[i];
  const id = idOf(element);
  if (typeof id === 'number' || typeof id === 'string') {
    const byId = before.findIndex((b) => b.id === id);
    if (byId !== -1) return byId;
  }
  if (shape.key) {
    const byKey = before.findIndex((b) => b[shape.key as string] === element[shape.key as string]);
    if (byKey !== -1) return byKey;
  }
  // A list written whole, without ids (an API client): position is all there is.
  const anyId = after.some((e) => e.id !== undefined && e.id !== null);
  return !anyId && !shape.key && i < before.length ? i : undefined;
}

/** The other locale's element that stood where `before[j]` stood. */
function counterpart(shape: ListShape, before: readonly Element[], target: readonly Element[], j: number | undefined, element: Element): Element | undefined {
  if (j !== undefined) {
    const atSamePlace = target[j];
    if (atSamePlace && (!shape.key || atSamePlace[shape.key] === before[j][shape.key])) return atSamePlace;
    if (shape.key) return target.find((t) => t[shape.key as string] === before[j][shape.key as string]);
    return undefined;
  }
  return shape.key ? target.find((t) => t[shape.key as string] === element[shape.key as string]) : undefined;
}

/** One list of the other locale, rebuilt with the source's structure and its own texts. */
export function carryList(shape: ListShape, before: readonly Element[], after: readonly Element[], target: readonly Element[]): Element[] {
  const nested = new Map((shape.lists ?? []).map((l) => [l.field, l]));
  return after.map((element, i) => {
    const j = formerIndex(shape, before, after, i);
    const own = counterpart(shape, before, target, j, element);
    const carried: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(element)) {
      if (ROW_META.includes(field)) continue;
      const list = nested.get(field);
      if (list) {
        carried[field] = carryList(list, elements(j !== undefined ? before[j][field] : undefined), elements(value), elements(own?.[field]));
      } else if (shape.texts.includes(field)) {
        carried[field] = own ? (own[field] ?? null) : null;
      } else {
        carried[field] = value;
      }
    }
    if (own && own.id !== undefined && own.id !== null) carried.id = own.id;
    return carried;
  });
}

/** Every list of a record, carried from the source locale's change into another locale. */
export function carryStructure(
  shapes: readonly ListShape[],
  before: Readonly<Record<string, unknown>> | null,
  after: Readonly<Record<string, unknown>>,
  target: Readonly<Record<string, unknown>>
): Record<string, Element[]> {
  const carried: Record<string, Element[]> = {};
  for (const shape of shapes) {
    if (!(shape.field in after)) continue;
    carried[shape.field] = carryList(shape, elements(before?.[shape.field]), elements(after[shape.field]), elements(target[shape.field]));
  }
  return carried;
}

/** A record's lists without ids and texts: what must be equal in every locale. */
export function structureOf(shapes: readonly ListShape[], record: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const strip = (shape: ListShape, list: readonly Element[]): unknown[] =>
    list.map((element) => {
      const nested = new Map((shape.lists ?? []).map((l) => [l.field, l]));
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(element).sort()) {
        if (ROW_META.includes(key) || shape.texts.includes(key)) continue;
        const list = nested.get(key);
        out[key] = list ? strip(list, elements(element[key])) : element[key];
      }
      return out;
    });
  return Object.fromEntries(shapes.map((shape) => [shape.field, strip(shape, elements(record[shape.field]))]));
}
