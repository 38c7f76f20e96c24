// An item written without a slug gets one from its title, Chinese spelled out in pinyin.
import type { Core } from '@strapi/strapi';
import { slugFor, uniqueSlug } from '../domain/slug';
import { ITEM } from '../uids';
import type { DocumentMiddleware } from './validate-writes';

type LocalesService = ReturnType<typeof import('../services/locales').default>;

export const fillItemSlugs =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    if (context.uid !== ITEM || !['create', 'update', 'clone'].includes(context.action)) return next();
    const params = context.params as { documentId?: string; locale?: unknown; data?: Record<string, unknown> };
    const data = params.data;
    if (!data || (typeof data.slug === 'string' && data.slug !== '')) return next();
    const locale = typeof params.locale === 'string' && params.locale !== '*' ? params.locale : await (strapi.plugin('linkage').service('locales') as LocalesService).defaultLocale();
    const query = strapi.db.query(ITEM);
    const stored =
      params.documentId && context.action === 'update'
        ? ((await query.findOne({ where: { documentId: params.documentId, locale, publishedAt: null }, select: ['slug', 'title'] })) as { slug: string | null; title: string | null } | null)
        : null;
    // An update that does not touch the slug keeps the stored one.
    if (stored?.slug && !('slug' in data)) return next();
    const title = typeof data.title === 'string' && data.title !== '' ? data.title : stored?.title;
    if (!title) return next();
    const base = slugFor(title);
    if (!base) return next();
    const taken = (await query.findMany({ where: { locale, slug: { $startsWith: base } }, select: ['slug', 'documentId'] })) as Array<{ slug: string; documentId: string }>;
    const others = new Set(taken.filter((t) => context.action === 'clone' || t.documentId !== params.documentId).map((t) => t.slug));
    params.data = { ...data, slug: uniqueSlug(base, others) };
    return next();
  };
