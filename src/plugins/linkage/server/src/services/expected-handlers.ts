// The expected-handler table: which unit must handle which stage of each published item under
// some answer. Rebuilt from the stored catalog (not from the published snapshot, which a reader
// may have refilled before the write committed): one item's rows when it is published,
// unpublished or deleted; every row when units or departments change; at boot when empty.
// Refreshes run after the write commits, one at a time, and coalesce.
import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { answerSpace } from '../domain/answer-space';
import { itemFromRows } from '../domain/catalog-records';
import { departmentsByUnitKind } from '../domain/handlers';
import { expectedHandlers, type ExpectedHandler } from '../domain/expected-handlers';
import { indexUnits } from '../domain/unit-tree';
import { EXPECTED_HANDLER, ITEM } from '../uids';
import { byDocument } from './store';
import { getService } from '../get-service';

const CHUNK = 500;

interface Column {
  columnName?: string;
}

const expectedHandlersService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => getService(strapi, 'store');
  let queue: Promise<unknown> = Promise.resolve();
  let fullPending = false;
  // Writes that an import makes (trusted writes, one commit each) wait for a quiet second, then
  // rebuild once: a rebuild per unit written would make an import of 1,661 units take minutes.
  let debounce: { timer: NodeJS.Timeout; fired: Promise<void>; fire: () => void } | null = null;
  const itemsPending = new Set<string>();

  async function facts() {
    const [unitRows, departmentRows] = await Promise.all([store().units(), store().departments()]);
    const units = indexUnits([...new Map(unitRows.map((u) => [u.documentId, { code: u.code, level: u.level, kind: u.kind, parentCode: u.parentCode }])).values()]);
    const departments = departmentsByUnitKind([...new Map(departmentRows.map((d) => [d.documentId, { code: d.code, kind: d.kind, unitCode: d.unitCode }])).values()]);
    return { units, departments };
  }

  async function handlersOf(where: Record<string, unknown>): Promise<{ codes: string[]; rows: ExpectedHandler[] }> {
    const locales = await getService(strapi, 'locales').codes();
    const [{ units, departments }, itemRows] = await Promise.all([facts(), store().items({ ...where, publishedAt: { $notNull: true } })]);
    const rows: ExpectedHandler[] = [];
    const codes: string[] = [];
    for (const group of byDocument(itemRows, locales).values()) {
      const item = itemFromRows(group, 'published');
      codes.push(item.code);
      try {
        rows.push(...expectedHandlers(answerSpace(item, units), departments));
      } catch (error) {
        strapi.log.warn(`[linkage] Expected handlers of ${item.code} not computed: ${(error as Error).message}`);
      }
    }
    return { codes, rows };
  }

  function toColumns(rows: readonly ExpectedHandler[]): Array<Record<string, unknown>> {
    const meta = strapi.db.metadata.get(EXPECTED_HANDLER);
    const col = (name: string) => (meta.attributes[name] as Column | undefined)?.columnName ?? name;
    const now = new Date();
    const has = (name: string) => Boolean(meta.attributes[name]);
    return rows.map((r) => ({
      [col('documentId')]: crypto.randomBytes(12).toString('hex'),
      [col('itemCode')]: r.itemCode,
      [col('stageKey')]: r.stageKey,
      [col('unitCode')]: r.unitCode,
      [col('departmentCode')]: r.departmentCode,
      [col('level')]: r.level,
      [col('domain')]: r.domain,
      ...(has('createdAt') ? { [col('createdAt')]: now } : {}),
      ...(has('updatedAt') ? { [col('updatedAt')]: now } : {}),
      ...(has('publishedAt') ? { [col('publishedAt')]: now } : {}),
    }));
  }

  /** Replaces the rows of these items (all rows when `itemCodes` is null) in one transaction. */
  async function replace(itemCodes: readonly string[] | null, rows: readonly ExpectedHandler[]): Promise<void> {
    const meta = strapi.db.metadata.get(EXPECTED_HANDLER);
    const itemColumn = (meta.attributes.itemCode as Column).columnName ?? 'item_code';
    const values = toColumns(rows);
    await strapi.db.connection.transaction(async (trx) => {
      if (itemCodes === null) await trx(meta.tableName).del();
      else
        for (let i = 0; i < itemCodes.length; i += CHUNK)
          await trx(meta.tableName)
            .whereIn(itemColumn, itemCodes.slice(i, i + CHUNK))
            .del();
      for (let i = 0; i < values.length; i += CHUNK) await trx(meta.tableName).insert(values.slice(i, i + CHUNK));
    });
  }

  const service = {
    /** Every row the table should hold, from the published catalog as it is now: nothing is written. */
    async computeAll(): Promise<ExpectedHandler[]> {
      return (await handlersOf({})).rows;
    },

    /** Every row the table holds. */
    async stored(): Promise<ExpectedHandler[]> {
      const rows = (await strapi.db.query(EXPECTED_HANDLER).findMany({ select: ['itemCode', 'stageKey', 'unitCode', 'departmentCode', 'level', 'domain'] })) as ExpectedHandler[];
      return rows.map((r) => ({ itemCode: r.itemCode, stageKey: r.stageKey, unitCode: r.unitCode, departmentCode: r.departmentCode, level: r.level, domain: r.domain ?? null }));
    },

    /** Recomputes every row from the published catalog. */
    async rebuild(): Promise<number> {
      const { rows } = await handlersOf({});
      await replace(null, rows);
      return rows.length;
    },

    /** Recomputes the rows of these items (none, if an item is no longer published). */
    async refreshItems(codes: readonly string[]): Promise<number> {
      const { rows } = await handlersOf({ code: { $in: [...codes] } });
      await replace(codes, rows);
      return rows.length;
    },

    /**
     * The expected guides of these units (every unit's for null), as stored: the one answer to
     * "which guides are expected" that My guides and the ownership report both read. Refreshes
     * queued by this process's writes are waited for first.
     */
    async ofUnits(units: readonly string[] | null): Promise<ExpectedHandler[]> {
      await service.idle();
      const rows = (await strapi.db.query(EXPECTED_HANDLER).findMany({
        where: units === null ? {} : { unitCode: { $in: [...units] } },
        select: ['itemCode', 'stageKey', 'unitCode', 'departmentCode', 'level', 'domain'],
        orderBy: [{ itemCode: 'asc' }, { stageKey: 'asc' }, { unitCode: 'asc' }],
      })) as ExpectedHandler[];
      return rows.map((r) => ({ itemCode: r.itemCode, stageKey: r.stageKey, unitCode: r.unitCode, departmentCode: r.departmentCode, level: r.level, domain: r.domain ?? null }));
    },

    /** The expected guide of a stage of an item at a unit, if the routing expects one. */
    async find(itemCode: string, stageKey: string, unitCode: string): Promise<ExpectedHandler | null> {
      await service.idle();
      const row = (await strapi.db.query(EXPECTED_HANDLER).findOne({
        where: { itemCode, stageKey, unitCode },
        select: ['itemCode', 'stageKey', 'unitCode', 'departmentCode', 'level', 'domain'],
      })) as ExpectedHandler | null;
      return row
        ? { itemCode: row.itemCode, stageKey: row.stageKey, unitCode: row.unitCode, departmentCode: row.departmentCode, level: row.level, domain: row.domain ?? null }
        : null;
    },

    async count(): Promise<number> {
      return strapi.db.query(EXPECTED_HANDLER).count({});
    },

    /** Built when the table is empty but items are published (a new or an upgraded database). */
    async ensureBuilt(): Promise<void> {
      if ((await service.count()) > 0) return;
      if ((await strapi.db.query(ITEM).count({ where: { publishedAt: { $notNull: true } } })) === 0) return;
      const started = Date.now();
      const n = await service.rebuild();
      strapi.log.info(`[linkage] Expected handlers built: ${n} rows in ${Date.now() - started} ms`);
    },

    /** Queues a refresh (coalesced with others queued and not yet started). */
    schedule(what: { full: true } | { itemCode: string }): void {
      if ('full' in what) {
        if (fullPending) return;
        fullPending = true;
      } else {
        if (fullPending) return;
        if (itemsPending.size > 0) {
          itemsPending.add(what.itemCode);
          return;
        }
        itemsPending.add(what.itemCode);
      }
      queue = queue
        .then(async () => {
          if (fullPending) {
            fullPending = false;
            itemsPending.clear();
            await service.rebuild();
          } else if (itemsPending.size > 0) {
            const codes = [...itemsPending];
            itemsPending.clear();
            await service.refreshItems(codes);
          }
        })
        .catch((error: Error) => {
          strapi.log.error(`[linkage] Expected handlers not refreshed: ${error.message}`);
          // Refreshed in full once the database answers again, if it was why.
          getService(strapi, 'database-health').afterCommitFailed(error, ['expected-handlers']);
        });
    },

    /** A full rebuild once writes have been quiet for a second (imports). */
    scheduleQuietly(): void {
      if (debounce) clearTimeout(debounce.timer);
      let fire = () => {};
      const fired = debounce?.fired ?? new Promise<void>((resolve) => (fire = resolve));
      const resolveFired = debounce?.fire ?? fire;
      const timer = setTimeout(() => {
        debounce = null;
        service.schedule({ full: true });
        resolveFired();
      }, 1000);
      timer.unref();
      debounce = { timer, fired, fire: resolveFired };
    },

    /** Resolves when every queued refresh has run. */
    async idle(): Promise<void> {
      if (debounce) await debounce.fired;
      let seen: Promise<unknown>;
      do {
        seen = queue;
        await seen;
      } while (seen !== queue);
    },
  };
  return service;
};

export default expectedHandlersService;

export type ExpectedHandlersService = ReturnType<typeof expectedHandlersService>;
