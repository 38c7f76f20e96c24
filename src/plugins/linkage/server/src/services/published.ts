// The published catalog as the public API reads it: units, departments and published items held in
// memory (small at any scale) and rebuilt after any write; guides read on demand, a few at a time.
import type { Core } from '@strapi/strapi';
import { answerSpace, type AnswerSpace } from '../domain/answer-space';
import type { CatalogDepartment, CatalogGuide, CatalogItem, CatalogUnit } from '../domain/catalog-format';
import { guideKey } from '../domain/catalog-format';
import { departmentFromRows, guideFromRows, itemFromRows, unitFromRows, type GuideRow } from '../domain/catalog-records';
import { departmentsByUnitKind, type DepartmentsByUnitKind } from '../domain/handlers';
import { indexUnits, type UnitIndex } from '../domain/unit-tree';
import { GUIDE } from '../uids';
import { POPULATE, byDocument, type Stored } from './store';

type StoreService = ReturnType<typeof import('./store').default>;
type LocalesService = ReturnType<typeof import('./locales').default>;

export interface Snapshot {
  /** Bumped by every write: caches keyed by it never serve stale data. */
  readonly generation: number;
  readonly locales: readonly string[];
  readonly units: ReadonlyMap<string, CatalogUnit>;
  readonly unitIndex: UnitIndex;
  readonly departments: ReadonlyMap<string, CatalogDepartment>;
  readonly departmentsByUnitKind: DepartmentsByUnitKind;
  readonly items: ReadonlyMap<string, CatalogItem>;
  /** Every locale's slug of each published item → its code. */
  readonly slugs: ReadonlyMap<string, string>;
  readonly spec: readonly string[];
  space(itemCode: string): AnswerSpace;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let generation = 0;
  let building: Promise<Snapshot> | null = null;
  const listeners = new Set<() => void>();

  async function build(forGeneration: number): Promise<Snapshot> {
    const store = strapi.plugin('linkage').service('store') as StoreService;
    const locales = await (strapi.plugin('linkage').service('locales') as LocalesService).codes();
    const [unitRows, departmentRows, itemRows, spec] = await Promise.all([
      store.units(),
      store.departments(),
      store.items({ publishedAt: { $notNull: true } }),
      store.guideSpec(),
    ]);
    const units = new Map<string, CatalogUnit>();
    for (const rows of byDocument(unitRows, locales).values()) {
      const unit = unitFromRows(rows);
      units.set(unit.code, unit);
    }
    const departments = new Map<string, CatalogDepartment>();
    for (const rows of byDocument(departmentRows, locales).values()) {
      const department = departmentFromRows(rows);
      departments.set(department.code, department);
    }
    const items = new Map<string, CatalogItem>();
    const slugs = new Map<string, string>();
    for (const rows of byDocument(itemRows, locales).values()) {
      const item = itemFromRows(rows, 'published');
      items.set(item.code, item);
      for (const row of rows) if (row.slug) slugs.set(row.slug, item.code);
    }
    const unitIndex = indexUnits([...units.values()].map((u) => ({ code: u.code, level: u.level, kind: u.kind, parentCode: u.parent })));
    const spaces = new Map<string, AnswerSpace>();
    return {
      generation: forGeneration,
      locales,
      units,
      unitIndex,
      departments,
      departmentsByUnitKind: departmentsByUnitKind([...departments.values()].map((d) => ({ code: d.code, kind: d.kind, unitCode: d.unit }))),
      items,
      slugs,
      spec: spec?.required ?? [],
      space(itemCode) {
        let space = spaces.get(itemCode);
        if (!space) {
          space = answerSpace(items.get(itemCode) as CatalogItem, unitIndex);
          spaces.set(itemCode, space);
        }
        return space;
      },
    };
  }

  return {
    generation: () => generation,

    async snapshot(): Promise<Snapshot> {
      const wanted = generation;
      if (!building) building = build(wanted);
      const snapshot = await building;
      if (snapshot.generation !== generation) {
        building = null;
        return this.snapshot();
      }
      return snapshot;
    },

    /** The published guides of an item for these (stage, unit) pairs, by guide key. */
    async guides(itemCode: string, pairs: ReadonlyArray<{ stageKey: string; unitCode: string }>, locales: readonly string[]): Promise<Map<string, CatalogGuide>> {
      if (pairs.length === 0) return new Map();
      const rows = (await strapi.db.query(GUIDE).findMany({
        where: { itemCode, publishedAt: { $notNull: true }, $or: pairs.map((p) => ({ stageKey: p.stageKey, unitCode: p.unitCode })) },
        populate: POPULATE[GUIDE],
      })) as Array<Stored<GuideRow>>;
      const guides = new Map<string, CatalogGuide>();
      for (const group of byDocument(rows, locales).values()) {
        const guide = guideFromRows(group, 'published');
        guides.set(guideKey(guide), guide);
      }
      return guides;
    },

    /** Forgets everything read: called after every write to the plugin's records. */
    invalidate(): void {
      generation += 1;
      building = null;
      for (const listener of listeners) listener();
    },

    onInvalidate(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};
