// Guide titles (domain/guide-title.ts) kept in step with the names they are made of: computed for
// a guide as it is written, and rewritten on the stored rows when an item or a unit is renamed.
// Titles are derived, like the report's tables: written with the query engine, not audited.
import type { Core } from '@strapi/strapi';
import { guideTitle, type GuideCodes, type GuideTitleNames } from '../domain/guide-title';
import { GUIDE, ITEM, UNIT } from '../uids';

interface GuideTitleRow {
  id: number;
  locale: string;
  itemCode: string;
  stageKey: string;
  unitCode: string;
  title: string | null;
}

interface ItemNamesRow {
  code: string;
  title: string | null;
  stages?: Array<{ key: string; name: string | null }>;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** Names in `locale`, from the items' drafts (the newest names) and the units. */
  async function namesIn(locale: string, where: { itemCodes?: string[]; unitCodes?: string[] } = {}): Promise<GuideTitleNames> {
    const itemWhere: Record<string, unknown> = { locale, publishedAt: null, ...(where.itemCodes ? { code: { $in: where.itemCodes } } : {}) };
    const unitWhere: Record<string, unknown> = { locale, ...(where.unitCodes ? { code: { $in: where.unitCodes } } : {}) };
    const [items, units] = await Promise.all([
      strapi.db.query(ITEM).findMany({ where: itemWhere, select: ['code', 'title'], populate: { stages: { select: ['key', 'name'] } } }) as Promise<ItemNamesRow[]>,
      strapi.db.query(UNIT).findMany({ where: unitWhere, select: ['code', 'name'] }) as Promise<Array<{ code: string; name: string | null }>>,
    ]);
    const stages = new Map<string, string>();
    for (const item of items) for (const stage of item.stages ?? []) if (stage.name) stages.set(`${item.code}/${stage.key}`, stage.name);
    return {
      items: new Map(items.filter((i) => i.title).map((i) => [i.code, i.title as string])),
      stages,
      units: new Map(units.filter((u) => u.name).map((u) => [u.code, u.name as string])),
    };
  }

  return {
    /** The title of a guide being written in `locale`. */
    async titleFor(guide: GuideCodes, locale: string): Promise<string | null> {
      const codes = (value: unknown) => (typeof value === 'string' ? [value] : []);
      const names = await namesIn(locale, { itemCodes: codes(guide.itemCode), unitCodes: codes(guide.unitCode) });
      return guideTitle(guide, names);
    },

    /**
     * Rewrites the stored titles of the guides of these items or units (every guide when neither is
     * given) that no longer match their names. Returns how many rows changed.
     */
    async refresh(scope: { itemCodes?: string[]; unitCodes?: string[] } = {}): Promise<number> {
      const where: Record<string, unknown> = {};
      if (scope.itemCodes) where.itemCode = { $in: scope.itemCodes };
      if (scope.unitCodes) where.unitCode = { $in: scope.unitCodes };
      const rows = (await strapi.db.query(GUIDE).findMany({ where, select: ['id', 'locale', 'itemCode', 'stageKey', 'unitCode', 'title'] })) as GuideTitleRow[];
      const byLocale = new Map<string, GuideTitleRow[]>();
      for (const row of rows) byLocale.set(row.locale, [...(byLocale.get(row.locale) ?? []), row]);
      let changed = 0;
      // One transaction: SQLite writes a rename's hundreds of rows at once instead of one by one.
      await strapi.db.transaction(async () => {
        for (const [locale, localeRows] of byLocale) {
          const names = await namesIn(locale, {
            itemCodes: [...new Set(localeRows.map((r) => r.itemCode))],
            unitCodes: [...new Set(localeRows.map((r) => r.unitCode))],
          });
          for (const row of localeRows) {
            const title = guideTitle(row, names);
            if (title === row.title) continue;
            await strapi.db.query(GUIDE).update({ where: { id: row.id }, data: { title } });
            changed += 1;
          }
        }
      });
      return changed;
    },
  };
};
