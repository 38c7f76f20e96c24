// The published catalog as the public API reads it: units, departments and published items held in
// memory (small at any scale) and rebuilt after any write; guides read on demand, a few at a time.
import type { Core } from '@strapi/strapi';
import { answerSpace, type AnswerSpace } from '../domain/answer-space';
import type { CatalogDepartment, CatalogGuide, CatalogItem, CatalogUnit } from '../domain/catalog-format';
import { guideKey } from '../domain/catalog-format';
import { departmentFromRows, guideFromRows, itemFromRows, unitFromRows, type GuideRow } from '../domain/catalog-records';
import { departmentsByUnitKind, type DepartmentsByUnitKind } from '../domain/handlers';
import { recordStamps, stampsByLocale, type Stamped, type PublicRecordType, type RecordStamps, type StampRow } from '../domain/record-stamps';
import { indexUnits, type UnitIndex } from '../domain/unit-tree';
import { templateSetId } from '../domain/templates';
import { DEFAULT_TEMPLATES } from '../site-templates/defaults';
import { CHANGE, GUIDE, SITE_TEMPLATE } from '../uids';
import { byDocument, type Stored } from './store';
import { getService } from '../get-service';
import { isDatabaseUnavailable } from '../domain/database-outage';
import { isNews, type ChangeNotice } from '../domain/change-notifications';

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
  /** Published site templates by key. */
  readonly templates: ReadonlyMap<string, { body: string; styles: string; version: number }>;
  /** The published templates' bodies, and their set's id. */
  readonly templateSet: TemplateSet;
  /**
   * What a page falls back to when the published templates fail on it at request time: the sets
   * published before (newest first), then the plugin's own defaults.
   */
  readonly fallbackSets: readonly TemplateSet[];
  /**
   * When something the public reads last changed: the change feed's last entry (the same on every
   * instance), else the build. Public answers carry it as Last-Modified.
   */
  readonly changedAt: Date;
  /** Document ids and dates of the units, departments and items held. */
  readonly stamps: RecordStamps;
  space(itemCode: string): AnswerSpace;
}

export interface TemplateSet {
  readonly id: string;
  readonly bodies: ReadonlyMap<string, string>;
}

/** The published template sets kept for falling back to (plugin store), newest first. */
const RELEASES_KEY = 'template-releases';
const RELEASES_KEPT = 5;

interface Release {
  id: string;
  bodies: Record<string, string>;
}

const DEFAULT_SET: TemplateSet = (() => {
  const bodies = new Map(Object.entries(DEFAULT_TEMPLATES).map(([key, t]) => [key, t.body]));
  return { id: `defaults-${templateSetId(bodies)}`, bodies };
})();

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let generation = 0;
  let building: Promise<Snapshot> | null = null;
  // The last snapshot built, and when: what the readiness route reports, and what a page refused
  // during a database outage is drawn with.
  let lastBuilt: { snapshot: Snapshot; builtAt: Date } | null = null;
  const listeners = new Set<() => void>();
  // Other instances sharing the database publish too: their changes show in the change feed. On
  // Postgres a notification says so on their commit (services/cluster-notifications.ts); while
  // none can arrive (SQLite, or the listening connection lost), a look at the feed's last number,
  // at most once a second, tells whether to forget what was read.
  let seenChange: number | null = null;
  let lastLook = 0;
  let notified = false;
  const LOOK_EVERY_MS = 1000;

  /** The change feed's last entry (its number, 0 when empty, and when); null while the database cannot be reached. */
  async function feedHead(): Promise<{ seq: number; at: Date | null } | null> {
    try {
      const row = (await strapi.db.query(CHANGE).findOne({ orderBy: { seq: 'desc' }, select: ['seq', 'at'] })) as { seq: string | number; at: string | Date } | null;
      return { seq: Number(row?.seq ?? 0), at: row ? new Date(row.at) : null };
    } catch (error) {
      // While the database cannot be reached no instance writes to it: what memory holds is still current.
      if (isDatabaseUnavailable(error)) return null;
      throw error;
    }
  }

  /** `now`: look whenever asked (the notifications were out), not at most once a second. */
  async function followOtherInstances(invalidate: () => void, now = false): Promise<void> {
    if (!now && Date.now() - lastLook < LOOK_EVERY_MS) return;
    lastLook = Date.now();
    const latest = (await feedHead())?.seq ?? null;
    if (latest === null) return;
    if (seenChange !== null && latest !== seenChange) invalidate();
    seenChange = latest;
  }

  /** `record`: remember a new published template set as the newest release (not when only comparing). */
  async function build(forGeneration: number, record = true): Promise<Snapshot> {
    const store = getService(strapi, 'store');
    // What the snapshot holds is at least as new as the feed's head read first: a later look that
    // finds the same head has nothing to forget (this instance's own earlier writes included).
    const head = await feedHead();
    const locales = await getService(strapi, 'locales').codes();
    const [unitRows, departmentRows, itemRows, spec, templateRows] = await Promise.all([
      store.units(),
      store.departments(),
      store.items({ publishedAt: { $notNull: true } }),
      store.guideSpec(),
      strapi.db.query(SITE_TEMPLATE).findMany({ where: { publishedAt: { $notNull: true } } }) as Promise<
        Array<{ key: string; body: string; styles: string | null; version: number | null }>
      >,
    ]);
    const stampRows: Array<{ type: PublicRecordType; code: string; row: StampRow }> = [];
    const stamp = (type: PublicRecordType, code: string, rows: readonly StampRow[]) => {
      for (const row of rows) stampRows.push({ type, code, row });
    };
    const units = new Map<string, CatalogUnit>();
    for (const rows of byDocument(unitRows, locales).values()) {
      const unit = unitFromRows(rows);
      units.set(unit.code, unit);
      stamp('unit', unit.code, rows);
    }
    const departments = new Map<string, CatalogDepartment>();
    for (const rows of byDocument(departmentRows, locales).values()) {
      const department = departmentFromRows(rows);
      departments.set(department.code, department);
      stamp('department', department.code, rows);
    }
    const items = new Map<string, CatalogItem>();
    const slugs = new Map<string, string>();
    for (const rows of byDocument(itemRows, locales).values()) {
      const item = itemFromRows(rows, 'published');
      items.set(item.code, item);
      stamp('item', item.code, rows);
      for (const row of rows) if (row.slug) slugs.set(row.slug, item.code);
    }
    const unitIndex = indexUnits([...units.values()].map((u) => ({ code: u.code, level: u.level, kind: u.kind, parentCode: u.parent })));
    const { templateSet, fallbackSets } = await templateSets(new Map(templateRows.map((t) => [t.key, t.body])), record);
    if (record && head !== null) seenChange = head.seq;
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
      templates: new Map(templateRows.map((t) => [t.key, { body: t.body, styles: t.styles ?? '', version: t.version ?? 1 }])),
      templateSet,
      fallbackSets,
      changedAt: head?.at ?? new Date(),
      stamps: recordStamps(stampRows),
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

  /**
   * The published set, recorded as the newest release when it is new (it passed the checks when
   * it was published), and the earlier releases and the defaults to fall back to.
   */
  async function templateSets(bodies: Map<string, string>, record: boolean): Promise<{ templateSet: TemplateSet; fallbackSets: TemplateSet[] }> {
    const templateSet: TemplateSet = { id: templateSetId(bodies), bodies };
    const store = strapi.store({ type: 'plugin', name: 'linkage' });
    const releases = ((await store.get({ key: RELEASES_KEY })) as Release[] | null) ?? [];
    if (record && bodies.size > 0 && releases[0]?.id !== templateSet.id) {
      const kept = [{ id: templateSet.id, bodies: Object.fromEntries(bodies) }, ...releases.filter((r) => r.id !== templateSet.id)].slice(0, RELEASES_KEPT);
      await store.set({ key: RELEASES_KEY, value: kept });
    }
    const earlier = releases.filter((r) => r.id !== templateSet.id).map((r): TemplateSet => ({ id: r.id, bodies: new Map(Object.entries(r.bodies)) }));
    return { templateSet, fallbackSets: [...earlier, DEFAULT_SET] };
  }

  return {
    generation: () => generation,

    /**
     * Whether what the caches hold may be served without a look at the change feed first: the
     * pre-Koa fast path of cache hits asks this (synchronously) and otherwise goes the long way,
     * through `snapshot()`, which looks.
     */
    cacheTrusted(): boolean {
      return building !== null && (notified || Date.now() - lastLook < LOOK_EVERY_MS);
    },

    /** Whether other instances' changes are notified as they commit: then no look at the feed is needed. */
    followedByNotifications(on: boolean): void {
      notified = on;
    },

    /** Another instance's change committed (a notification): forgotten, unless it is old news. */
    noticeChange(notice: ChangeNotice, self: string): void {
      if (!isNews(notice, self, seenChange)) return;
      seenChange = notice.seq;
      this.invalidate();
    },

    /** One look at the feed's head now: what the notifications may have missed while they were out. */
    async lookAtFeed(): Promise<void> {
      await followOtherInstances(() => this.invalidate(), true);
    },

    async snapshot(): Promise<Snapshot> {
      if (!notified) await followOtherInstances(() => this.invalidate());
      const wanted = generation;
      if (!building) {
        const started = build(wanted).then((built) => {
          lastBuilt = { snapshot: built, builtAt: new Date() };
          return built;
        });
        // A build that failed (the database went away) is not kept: the next read builds again.
        started.catch(() => {
          if (building === started) building = null;
        });
        building = started;
      }
      const snapshot = await building;
      if (snapshot.generation !== generation) {
        building = null;
        return this.snapshot();
      }
      return snapshot;
    },

    /** The last snapshot built (of this generation or an earlier one) and when, if any. */
    lastBuilt(): { snapshot: Snapshot; builtAt: Date } | null {
      return lastBuilt;
    },

    /**
     * A snapshot built now from the database, neither cached nor recording anything: what the
     * cached one should hold (the doctor compares the two).
     */
    async fresh(): Promise<Snapshot> {
      return build(generation, false);
    },

    /** The published guides of an item for these (stage, unit) pairs, by guide key. */
    async guides(itemCode: string, pairs: ReadonlyArray<{ stageKey: string; unitCode: string }>, locales: readonly string[]): Promise<Map<string, CatalogGuide & Stamped>> {
      if (pairs.length === 0) return new Map();
      // Exact seeks on the (item, stage, unit) index, one per guide.
      const rows = (await Promise.all(pairs.map((p) => publishedGuideRows(strapi, { itemCode, stageKey: p.stageKey, unitCode: p.unitCode })))).flat();
      await attachComponents(strapi, rows);
      const guides = new Map<string, CatalogGuide & Stamped>();
      for (const group of byDocument(rows, locales).values()) {
        const guide = guideFromRows(group, 'published');
        guides.set(guideKey(guide), { ...guide, stamps: stampsByLocale(group) });
      }
      return guides;
    },

    /** A unit's own published guides (of one item, or all), by guide key. */
    async unitGuides(unitCode: string, locales: readonly string[], itemCode?: string): Promise<Map<string, CatalogGuide & Stamped>> {
      const rows = await publishedGuideRows(strapi, { unitCode, ...(itemCode ? { itemCode } : {}) });
      await attachComponents(strapi, rows);
      const guides = new Map<string, CatalogGuide & Stamped>();
      for (const group of byDocument(rows, locales).values()) {
        const guide = guideFromRows(group, 'published');
        guides.set(guideKey(guide), { ...guide, stamps: stampsByLocale(group) });
      }
      return guides;
    },

    /**
     * The published guides of one stage of an item, by unit code: what a whole-catalog export
     * reads at a time (a stage has at most one guide per unit), so its memory stays flat.
     */
    async stageGuides(itemCode: string, stageKey: string, locales: readonly string[]): Promise<CatalogGuide[]> {
      const rows = await publishedGuideRows(strapi, { itemCode, stageKey });
      await attachComponents(strapi, rows);
      return [...byDocument(rows, locales).values()].map((group) => guideFromRows(group, 'published')).sort((a, b) => a.unit.localeCompare(b.unit));
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

type Knex = Core.Strapi['db']['connection'];

/**
 * Runs a knex read in the caller's transaction when there is one (a template's publish check reads
 * pages inside the write's transaction; SQLite has one connection), else on the pool.
 */
export const inReadContext = <T>(strapi: Core.Strapi, work: (knex: Knex) => Promise<T>): Promise<T> =>
  strapi.db.inTransaction() ? (strapi.db.transaction(({ trx }) => work(trx as unknown as Knex)) as unknown as Promise<T>) : work(strapi.db.connection);

/** Runs a read compiled once (knex's SQL for this dialect, `?` bindings) without knex's query runner. */
export type DirectRead = (sql: string, bindings: readonly (string | number)[]) => Promise<Array<Record<string, unknown>>>;
const directReads = new WeakMap<Core.Strapi, DirectRead>();

/** Set at boot where the database allows it (on SQLite: internals/sqlite-statements.ts, ADR 022). */
export const readDirectly = (strapi: Core.Strapi, read: DirectRead): void => {
  directReads.set(strapi, read);
};

/** The rows of a read compiled once: in the caller's transaction when there is one, else directly where set, else through knex. */
async function rowsOf(strapi: Core.Strapi, sql: string, bindings: readonly (string | number)[]): Promise<Array<Record<string, unknown>>> {
  const direct = strapi.db.inTransaction() ? undefined : directReads.get(strapi);
  if (direct) return direct(sql, bindings);
  const result = (await inReadContext(strapi, (knex) => knex.raw(sql, [...bindings]))) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<Record<string, unknown>>;
}

/** The codes a published guide read is filtered on (each an equality). */
export type GuideFilter = Partial<Record<'unitCode' | 'itemCode' | 'stageKey', string>>;

interface GuideReads {
  readonly table: string;
  readonly publishedAt: string;
  readonly columns: ReadonlyArray<{ readonly name: string; readonly column: string; readonly type: string }>;
  /** The column of each code a read is filtered on. */
  readonly filterColumns: Readonly<Record<keyof GuideFilter, string>>;
  /** The statement of each filter's shape, compiled once. */
  readonly statements: Map<string, string>;
}
const guideReads = new WeakMap<Core.Strapi, GuideReads>();
const componentReads = new WeakMap<Core.Strapi, Map<number, { sql: string; fixed: readonly unknown[] }>>();

/**
 * A guide's stored value as Strapi's query engine returns it (its fields' `fromDB`): booleans, and
 * datetimes as ISO strings. A guide has no other column type that Strapi converts; a new one must
 * be added here (the comparison in test/integration/sites-views.test.ts finds it).
 */
function fromColumn(type: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'boolean') return typeof value === 'number' ? value !== 0 : value === 't' || value === 'true' ? true : value === 'f' || value === 'false' ? false : value;
  if (type === 'datetime') {
    const date = value instanceof Date ? value : new Date(value as string | number);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  return value;
}

/**
 * The published guide rows matching every code given, with their scalar fields as Strapi's query
 * engine returns them (`findMany` without populate), read with one statement compiled once per
 * filter shape: a site page miss would otherwise pay, per read, for Strapi's query building and
 * knex's compiling, twice the read itself (docs/adr/008-raw-sql.md).
 */
export async function publishedGuideRows(strapi: Core.Strapi, filter: GuideFilter): Promise<Array<Stored<GuideRow>>> {
  let reads = guideReads.get(strapi);
  if (!reads) {
    const meta = strapi.db.metadata.get(GUIDE);
    const attributes = meta.attributes as unknown as Record<string, { columnName?: string; type: string }>;
    const columns = Object.entries(attributes).flatMap(([name, a]) =>
      a.columnName && !['relation', 'component', 'dynamiczone', 'media'].includes(a.type) ? [{ name, column: a.columnName, type: a.type }] : []
    );
    const columnOf = (name: keyof GuideFilter | 'publishedAt') => attributes[name].columnName as string;
    reads = {
      table: meta.tableName,
      publishedAt: columnOf('publishedAt'),
      columns,
      filterColumns: { unitCode: columnOf('unitCode'), itemCode: columnOf('itemCode'), stageKey: columnOf('stageKey') },
      statements: new Map(),
    };
    guideReads.set(strapi, reads);
  }
  const keys = (['unitCode', 'itemCode', 'stageKey'] as const).filter((key) => filter[key] !== undefined);
  const shape = keys.join(',');
  let sql = reads.statements.get(shape);
  if (!sql) {
    const { table, columns, publishedAt, filterColumns } = reads;
    let query = strapi.db.connection(table).select(columns.map((c) => `${c.column} as ${c.name}`));
    for (const key of keys) query = query.where(filterColumns[key], '');
    sql = query.whereNotNull(publishedAt).toSQL().sql;
    reads.statements.set(shape, sql);
  }
  const found = await rowsOf(
    strapi,
    sql,
    keys.map((key) => filter[key] as string)
  );
  const { columns } = reads;
  return found.map((row) => {
    const converted: Record<string, unknown> = {};
    for (const c of columns) converted[c.name] = fromColumn(c.type, row[c.name]);
    return converted as unknown as Stored<GuideRow>;
  });
}

/**
 * Loads guides' materials and time limits driven by the guides' ids, in one query: both hang off the
 * same join table, each row of it joined to its component's table. Strapi's populate joins from the
 * component tables outward, which scans every component once the catalog is large (about 100 ms a
 * guide at 100,000 guides on SQLite); one query rather than one per component, because a page miss
 * pays for each query's round through knex.
 */
async function attachComponents(strapi: Core.Strapi, rows: Array<Stored<GuideRow>>): Promise<void> {
  const ids = rows.map((r) => r.id);
  const join = (
    strapi.db.metadata.get(GUIDE).attributes.materials as unknown as {
      joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string }; orderColumnName: string };
    }
  ).joinTable;
  const parts = (
    [
      ['materials', 'linkage.material', 'm'],
      ['timeLimit', 'linkage.time-limit', 't'],
    ] as const
  ).map(([field, uid, alias]) => {
    const meta = strapi.db.metadata.get(uid);
    const columns = Object.entries(meta.attributes)
      .filter(([, a]) => (a as { columnName?: string }).columnName)
      .map(([name, a]) => ({ name, column: (a as { columnName: string }).columnName, as: `${alias}__${name}` }));
    return { field, table: meta.tableName, alias, columns };
  });
  // Compiled once per number of guides (a page reads a handful), then run with the ids as bindings.
  let statements = componentReads.get(strapi);
  if (!statements) componentReads.set(strapi, (statements = new Map()));
  let compiled = statements.get(ids.length);
  if (!compiled && ids.length > 0) {
    let query = strapi.db.connection(join.name).whereIn(`${join.name}.${join.joinColumn.name}`, ids).orderBy(`${join.name}.${join.orderColumnName}`, 'asc');
    for (const part of parts) {
      query = query.leftJoin(`${part.table} as ${part.alias}`, function on() {
        this.on(`${part.alias}.id`, '=', `${join.name}.${join.inverseJoinColumn.name}`).andOnVal(`${join.name}.field`, '=', part.field);
      });
    }
    const { sql, bindings } = query
      .select([
        `${join.name}.${join.joinColumn.name} as __entity`,
        `${join.name}.field as __field`,
        ...parts.flatMap((part) => part.columns.map((c) => `${part.alias}.${c.column} as ${c.as}`)),
      ])
      .toSQL();
    // The bindings are the fields of the joins, then the ids: where the ids start is kept.
    compiled = { sql, fixed: bindings.slice(0, bindings.length - ids.length) };
    if (statements.size < 64) statements.set(ids.length, compiled);
  }
  const found = compiled ? await rowsOf(strapi, compiled.sql, [...(compiled.fixed as Array<string | number>), ...ids]) : [];
  // The field is tested in the joins and here, not in WHERE: without statistics SQLite would seek on
  // the (barely selective) field index instead of the entity's.
  const byEntity = new Map<string, Map<number, Array<Record<string, unknown>>>>(parts.map((part) => [part.field, new Map()]));
  for (const row of found) {
    const part = parts.find((p) => p.field === row.__field);
    if (!part || row[`${part.alias}__id`] === null || row[`${part.alias}__id`] === undefined) continue;
    const component: Record<string, unknown> = Object.fromEntries(part.columns.map((c) => [c.name, row[c.as]]));
    // JSON and boolean columns come back raw from a direct query.
    if (typeof component.when === 'string') component.when = JSON.parse(component.when);
    if (typeof component.required === 'number') component.required = component.required === 1;
    const entity = Number(row.__entity);
    const own = byEntity.get(part.field) as Map<number, Array<Record<string, unknown>>>;
    own.set(entity, [...(own.get(entity) ?? []), component]);
  }
  const [materials, timeLimits] = parts.map((part) => byEntity.get(part.field) as Map<number, Array<Record<string, unknown>>>);
  for (const row of rows) {
    (row as unknown as { materials: unknown }).materials = materials.get(row.id) ?? [];
    (row as unknown as { timeLimit: unknown }).timeLimit = timeLimits.get(row.id)?.[0] ?? null;
  }
}
