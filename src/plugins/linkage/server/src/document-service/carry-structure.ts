// Structure is edited once (domain/locale-structure.ts): a save of one locale's item or guide
// carries its lists' structure into the other locales' drafts, which keep their texts; a new
// locale of an existing document starts from the document's structure. Each carried locale is a
// Document Service update of its own (guarded, checked and audited like any other), inside the
// write's transaction. A catalog import writes every locale whole and is not carried.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { GUIDE_LISTS, ITEM_LISTS, carryStructure, structureOf, type ListShape } from '../domain/locale-structure';
import { GUIDE, ITEM } from '../uids';
import { inTrustedWrites } from './trusted-writes';
import type { DocumentMiddleware } from './validate-writes';

type LocalesService = ReturnType<typeof import('../services/locales').default>;
type Row = Record<string, unknown> & { id: number; locale: string };

const LISTS: Readonly<Record<string, readonly ListShape[]>> = { [ITEM]: ITEM_LISTS, [GUIDE]: GUIDE_LISTS };

const populateOf = (shapes: readonly ListShape[]): Record<string, unknown> =>
  Object.fromEntries(shapes.map((s) => [s.field, s.lists && s.lists.length > 0 ? { populate: populateOf(s.lists) } : true]));

// The updates this middleware makes are not carried again.
const carrying = new AsyncLocalStorage<true>();

const withoutIds = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'id').map(([key, v]) => [key, withoutIds(v)]));
};

export const carryStructureAcrossLocales =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    const shapes = LISTS[context.uid];
    const params = context.params as { documentId?: string; locale?: unknown; data?: Record<string, unknown> };
    if (!shapes || carrying.getStore() || inTrustedWrites() || !params.documentId || !params.data) return next();
    if (context.action !== 'update' && context.action !== 'create') return next();
    const uid = context.uid as typeof ITEM;
    const populate = populateOf(shapes);
    const locale = typeof params.locale === 'string' && params.locale !== '*' ? params.locale : await (strapi.plugin('linkage').service('locales') as LocalesService).defaultLocale();
    const drafts = (await strapi.db.query(uid).findMany({ where: { documentId: params.documentId, publishedAt: null }, populate })) as Row[];
    const before = drafts.find((r) => r.locale === locale) ?? null;
    const others = drafts.filter((r) => r.locale !== locale);

    if (!before) {
      // A new locale of an existing document: the document's structure, with the texts given.
      const reference = others[0];
      if (reference && shapes.some((s) => s.field in params.data!)) {
        const carried = carryStructure(shapes, reference, reference, params.data);
        (context.params as { data: Record<string, unknown> }).data = { ...params.data, ...(withoutIds(carried) as Record<string, unknown>) };
      }
      return next();
    }
    if (!shapes.some((s) => s.field in params.data!) || others.length === 0) return next();

    const result = await next();
    const after = (await strapi.db.query(uid).findOne({ where: { id: before.id }, populate })) as Row | null;
    if (!after) return result;
    const wanted = JSON.stringify(structureOf(shapes, after));
    await carrying.run(true, async () => {
      for (const other of others) {
        if (JSON.stringify(structureOf(shapes, other)) === wanted) continue;
        const data = carryStructure(shapes, before, after, other);
        await strapi.documents(uid).update({ documentId: params.documentId as string, locale: other.locale, data: data as never });
      }
    });
    return result;
  };
