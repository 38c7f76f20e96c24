// Every guide carries a readable title per locale (services/guide-titles.ts): set as a guide is
// written, from its codes as they will be stored; rewritten when an item or a unit is renamed.
import type { Core } from '@strapi/strapi';
import { GUIDE, ITEM, UNIT } from '../uids';
import type { DocumentMiddleware } from './validate-writes';

type GuideTitlesService = ReturnType<typeof import('../services/guide-titles').default>;
type LocalesService = ReturnType<typeof import('../services/locales').default>;

const WRITES: readonly string[] = ['create', 'update', 'clone'];

export const keepGuideTitles =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    if (![GUIDE, ITEM, UNIT].includes(context.uid) || !WRITES.includes(context.action)) return next();
    const titles = strapi.plugin('linkage').service('guide-titles') as GuideTitlesService;
    const params = context.params as { documentId?: string; locale?: unknown; data?: Record<string, unknown> };
    const locale = typeof params.locale === 'string' && params.locale !== '*' ? params.locale : await (strapi.plugin('linkage').service('locales') as LocalesService).defaultLocale();
    const stored = params.documentId
      ? ((await strapi.db.query(context.uid as typeof GUIDE).findOne({ where: { documentId: params.documentId }, select: ['itemCode', 'stageKey', 'unitCode', 'code'].filter((f) => f in strapi.contentType(context.uid as typeof GUIDE).attributes) })) as Record<string, unknown> | null)
      : null;

    if (context.uid === GUIDE) {
      if (!params.data) return next();
      const codes = { ...stored, ...params.data };
      const title = await titles.titleFor(codes, locale);
      (context.params as { data: Record<string, unknown> }).data = { ...params.data, title };
      return next();
    }
    const result = await next();
    const code = typeof params.data?.code === 'string' ? params.data.code : typeof stored?.code === 'string' ? stored.code : null;
    const renamed = context.uid === ITEM ? ['title', 'stages'].some((f) => f in (params.data ?? {})) : 'name' in (params.data ?? {});
    if (code && renamed) await titles.refresh(context.uid === ITEM ? { itemCodes: [code] } : { unitCodes: [code] });
    return result;
  };
