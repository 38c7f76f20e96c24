// The real pages a template is rendered on before it is published, besides the fixtures: per level,
// the unit with the most published guides (its index, and its item page of the item it has most
// guides in); for the city, the item whose page asks the most (options, units to choose, stages),
// and that item's navigator answer page. A template slow only on real data shows there.
import { LEVELS, type Level } from './levels';

export interface UnitLoad {
  readonly code: string;
  readonly level: Level;
}

/** Published guides of one unit in one item. */
export interface GuideLoad {
  readonly unitCode: string;
  readonly itemCode: string;
  readonly guides: number;
}

/** How much an item's city page holds: choices offered, units to choose from, stages. */
export interface ItemLoad {
  readonly code: string;
  readonly weight: number;
}

export type HeavyPage = { readonly kind: 'index'; readonly unitCode: string } | { readonly kind: 'item' | 'route'; readonly unitCode: string; readonly itemCode: string };

const byWeightThenCode =
  <T>(weight: (t: T) => number, code: (t: T) => string) =>
  (a: T, b: T) =>
    weight(b) - weight(a) || code(a).localeCompare(code(b));

export function heaviestPages(units: readonly UnitLoad[], guides: readonly GuideLoad[], items: readonly ItemLoad[]): HeavyPage[] {
  const perUnit = new Map<string, number>();
  for (const g of guides) perUnit.set(g.unitCode, (perUnit.get(g.unitCode) ?? 0) + g.guides);
  const pages: HeavyPage[] = [];
  for (const level of LEVELS) {
    const [unit] = units
      .filter((u) => u.level === level)
      .sort(
        byWeightThenCode(
          (u) => perUnit.get(u.code) ?? 0,
          (u) => u.code
        )
      );
    if (!unit) continue;
    pages.push({ kind: 'index', unitCode: unit.code });
    if (level === 'city') {
      const [item] = [...items].sort(
        byWeightThenCode(
          (i) => i.weight,
          (i) => i.code
        )
      );
      if (item) pages.push({ kind: 'item', unitCode: unit.code, itemCode: item.code }, { kind: 'route', unitCode: unit.code, itemCode: item.code });
      continue;
    }
    const [own] = guides
      .filter((g) => g.unitCode === unit.code && g.guides > 0)
      .sort(
        byWeightThenCode(
          (g) => g.guides,
          (g) => g.itemCode
        )
      );
    if (own) pages.push({ kind: 'item', unitCode: unit.code, itemCode: own.itemCode });
  }
  return pages;
}
