// What would stop an item from being published, for the edit page's panel: for its stored draft
// (GET /linkage/items/:documentId/checks?locale=) or for the form being edited, unsaved
// (POST /linkage/items/checks { documentId?, locale, data }). Drafts may be incomplete: the admin
// shows these as warnings. Each problem carries the form field it belongs to and a sentence in the
// admin's language (`?language=`, else their profile's).
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { asAdminLanguage, type AdminLanguage } from '../domain/admin-language';
import { formFieldOf, itemRowFromForm } from '../domain/item-form';
import { formatPath, problemSentence, type Problem } from '../domain/problems';
import { requestLanguage } from '../request-language';
import { ITEM } from '../uids';

type ChecksService = ReturnType<typeof import('../services/checks').default>;
type LocalesService = ReturnType<typeof import('../services/locales').default>;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const checks = () => strapi.plugin('linkage').service('checks') as ChecksService;
  const locales = () => strapi.plugin('linkage').service('locales') as LocalesService;

  const languageOf = (ctx: Context): AdminLanguage =>
    (typeof ctx.query.language === 'string' ? asAdminLanguage(ctx.query.language) : null) ?? requestLanguage(strapi);

  const shown = (list: readonly Problem[], language: AdminLanguage) =>
    list.map((p) => ({ path: formatPath(p.path), field: formFieldOf(p.path), message: p.message, text: problemSentence(p, language) }));

  return {
    async show(ctx: Context) {
      const { documentId } = ctx.params as { documentId: string };
      const requested = ctx.query.locale;
      const locale = typeof requested === 'string' && requested !== '' ? requested : await locales().defaultLocale();
      const exists = await strapi.db.query(ITEM).count({ where: { documentId, locale } });
      if (exists === 0) return ctx.notFound(`No item has the documentId ${documentId} in locale ${locale}`, { parameter: 'documentId' });
      const { problems, warnings } = await checks().itemPublishChecks(documentId, locale);
      const language = languageOf(ctx);
      ctx.body = { documentId, locale, publishable: problems.length === 0, problems: shown(problems, language), warnings: shown(warnings, language) };
    },

    async form(ctx: Context) {
      const body = (ctx.request.body ?? {}) as { documentId?: unknown; locale?: unknown; data?: unknown };
      const codes = await locales().codes();
      if (typeof body.locale !== 'string' || !codes.includes(body.locale)) {
        return ctx.badRequest(`locale must be one of ${codes.join(', ')}`, { errors: [{ path: ['locale'], message: `must be one of ${codes.join(', ')}` }] });
      }
      if (typeof body.data !== 'object' || body.data === null || Array.isArray(body.data)) {
        return ctx.badRequest('data must be the item form’s values (an object)', { errors: [{ path: ['data'], message: 'must be an object' }] });
      }
      const documentId = typeof body.documentId === 'string' && body.documentId !== '' ? body.documentId : undefined;
      const { row, problems: unreadable } = itemRowFromForm(body.data as Record<string, unknown>);
      const { problems, warnings } = await checks().itemFormChecks(documentId, body.locale, row);
      const language = languageOf(ctx);
      const all = [...unreadable, ...problems];
      ctx.body = { documentId: documentId ?? null, locale: body.locale, publishable: all.length === 0, problems: shown(all, language), warnings: shown(warnings, language) };
    },
  };
};
