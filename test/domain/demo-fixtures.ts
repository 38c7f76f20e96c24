// Shared helpers for the pure domain tests: the demo catalog, fresh for every caller, and the
// indexes and stored-form conversions the domain functions expect.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG_FORMAT, guideKey, type Catalog, type CatalogGuide, type CatalogItem } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import {
  departmentFromRows,
  departmentRow,
  guideFromRows,
  guideRow,
  itemFromRows,
  itemRow,
  itemVersion,
  ruleFromRows,
  ruleRow,
  unitFromRows,
  unitRow,
} from '../../src/plugins/linkage/server/src/domain/catalog-records';
import { indexDepartments, type DepartmentFacts } from '../../src/plugins/linkage/server/src/domain/departments';
import type { GuideDraft } from '../../src/plugins/linkage/server/src/domain/guide-rules';
import type { ItemVersion } from '../../src/plugins/linkage/server/src/domain/item-rules';
import { indexUnits, type UnitFacts } from '../../src/plugins/linkage/server/src/domain/unit-tree';

export const DEMO_PATH = join(__dirname, '..', '..', 'database', 'demo', 'qingdao-demo.json');

const demoText = readFileSync(DEMO_PATH, 'utf8');

/** A fresh, deep copy of the demo catalog: tests may mutate it freely. */
export const loadDemo = (): Catalog => JSON.parse(demoText) as Catalog;

/** A deep copy of any JSON value. */
export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Removes readonly everywhere, so a test can mutate a copy of a domain value. */
export type Mutable<T> = T extends ReadonlyArray<infer E> ? Array<Mutable<E>> : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;

export const DEMO_LOCALES = ['zh-Hans', 'en'] as const;

export const unitFactsOf = (catalog: Catalog): UnitFacts[] => catalog.units.map((u) => ({ code: u.code, level: u.level, kind: u.kind, parentCode: u.parent }));

export const departmentFactsOf = (catalog: Catalog): DepartmentFacts[] => catalog.departments.map((d) => ({ code: d.code, kind: d.kind, unitCode: d.unit }));

export const demoUnitIndex = (catalog: Catalog = loadDemo()) => indexUnits(unitFactsOf(catalog));
export const demoDepartmentIndex = (catalog: Catalog = loadDemo()) => indexDepartments(departmentFactsOf(catalog));
export const demoFacts = (catalog: Catalog = loadDemo()) => ({
  units: demoUnitIndex(catalog),
  departments: demoDepartmentIndex(catalog),
});

/** One locale of a catalog item as stored (what item rules check). */
export const versionOf = (item: CatalogItem, locale: string = 'zh-Hans'): ItemVersion => itemVersion({ ...itemRow(item, locale), locale });

/** Every locale of a catalog item, the default locale first. */
export const versionsOf = (item: CatalogItem, locales: readonly string[] = DEMO_LOCALES): ItemVersion[] => locales.map((locale) => versionOf(item, locale));

/** A mutable deep copy of one locale of an item, for breaking one rule at a time. */
export const mutableVersionOf = (item: CatalogItem, locale: string = 'zh-Hans'): Mutable<ItemVersion> => clone(versionOf(item, locale)) as Mutable<ItemVersion>;

export const demoItem = (code: string, catalog: Catalog = loadDemo()): CatalogItem => {
  const item = catalog.items.find((i) => i.code === code);
  if (!item) throw new Error(`the demo has no item ${code}`);
  return item;
};

/** A catalog guide as the guide rules see it. */
export const guideDraftOf = (guide: CatalogGuide): GuideDraft => ({
  itemCode: guide.item,
  stageKey: guide.stage,
  unitCode: guide.unit,
  departmentCode: guide.department,
  materials: guide.materials ?? [],
  noMaterialsNeeded: Array.isArray(guide.materials) && guide.materials.length === 0,
});

/** A stored catalog holding nothing, in the demo's locales. */
export const emptyStored = (catalog: Catalog = loadDemo()): Catalog => ({
  format: CATALOG_FORMAT,
  defaultLocale: catalog.defaultLocale,
  locales: [...catalog.locales],
  units: [],
  departments: [],
  items: [],
  guides: [],
});

const rowsOf = <T, Row>(record: T, locales: readonly string[], toRow: (r: T, l: string) => Row) => locales.map((locale) => ({ ...toRow(record, locale), locale }));

/**
 * The catalog as the app reads it back after importing `catalog`: every record through its stored
 * rows (so `note` is gone), last-reviewed dates derived from the review records, and those dates.
 */
export function storedFrom(catalog: Catalog): { catalog: Catalog; reviewDates: Map<string, Set<string>> } {
  const locales = [catalog.defaultLocale, ...catalog.locales.filter((l) => l !== catalog.defaultLocale)];
  const reviewDates = new Map<string, Set<string>>();
  const reviewed = <T extends { lastReviewedAt?: string }>(record: T, key: string): T => {
    if (!record.lastReviewedAt) return record;
    reviewDates.set(key, new Set([record.lastReviewedAt]));
    return record;
  };
  const stored: Catalog = {
    format: CATALOG_FORMAT,
    defaultLocale: catalog.defaultLocale,
    locales,
    units: catalog.units.map((u) => unitFromRows(rowsOf(u, locales, unitRow))),
    departments: catalog.departments.map((d) => departmentFromRows(rowsOf(d, locales, departmentRow))),
    items: catalog.items.map((i) => reviewed({ ...itemFromRows(rowsOf(i, locales, itemRow), i.status ?? 'published'), lastReviewedAt: i.lastReviewedAt }, i.code)),
    guideSpec: catalog.guideSpec ? { required: [...catalog.guideSpec.required] } : undefined,
    guides: catalog.guides.map((g) => reviewed({ ...guideFromRows(rowsOf(g, locales, guideRow), g.status ?? 'published'), lastReviewedAt: g.lastReviewedAt }, guideKey(g))),
    responsibilityRules: (catalog.responsibilityRules ?? []).map((r) => ruleFromRows(rowsOf(r, locales, ruleRow))),
  };
  return { catalog: stored, reviewDates };
}

/** The record without the given top-level fields. */
export const without = <T extends object>(record: T, ...fields: string[]): Partial<T> =>
  Object.fromEntries(Object.entries(record).filter(([key]) => !fields.includes(key))) as Partial<T>;

/** The same record with `note` removed at every depth (notes are explanations, not data). */
export const withoutNotes = <T>(value: T): T => {
  if (Array.isArray(value)) return value.map(withoutNotes) as unknown as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'note')
        .map(([key, v]) => [key, withoutNotes(v)])
    ) as T;
  }
  return value;
};
