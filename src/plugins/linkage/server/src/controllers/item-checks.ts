// What would stop an item from being published, for the edit page's panel: for its stored draft
// (GET /linkage/items/:documentId/checks?locale=) or for the form being edited, unsaved
// (POST /linkage/items/checks { documentId?, locale, data }). Drafts may be incomplete: the admin
// shows these as warnings. Each problem carries the form field it belongs to and a sentence in the
// admin's language (`?language=`, else their profile's).
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { ItemChecks } from '../contracts/item-checks';
import { asAdminLanguage, type AdminLanguage } from '../domain/admin-language';
import { formFieldOf, itemRowFromForm } from '../domain/item-form';
import { formatPath, problem, problemSentence, type Problem } from '../domain/problems';
import { Invalid, NotFound } from '../domain/failures';
import { getService } from '../get-service';
import { requestLanguage } from '../request-language';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const checks = () => getService(strapi, 'checks');
  const locales = () => getService(strapi, 'locales');

  const languageOf = (ctx: Context): AdminLanguage => (typeof ctx.query.language === 'string' ? asAdminLanguage(ctx.query.language) : null) ?? requestLanguage(strapi);

  const shown = (list: readonly Problem[], language: AdminLanguage) =>
    list.map((p) => ({ path: formatPath(p.path), field: formFieldOf(p.path), message: p.message, text: problemSentence(p, language) }));

  return {
    async show(ctx: Context) {
      const { documentId } = ctx.params as { documentId: string };
      const requested = ctx.query.locale;
      const locale = typeof requested === 'string' && requested !== '' ? requested : await locales().defaultLocale();
      if (!(await getService(strapi, 'store').itemExists(documentId, locale))) throw new NotFound(`No item has the documentId ${documentId} in locale ${locale}`, 'documentId');
      const { problems, warnings } = await checks().itemPublishChecks(documentId, locale);
      const language = languageOf(ctx);
      ctx.body = { documentId, locale, publishable: problems.length === 0, problems: shown(problems, language), warnings: shown(warnings, language) } satisfies ItemChecks;
    },

    async form(ctx: Context) {
      const body = (ctx.request.body ?? {}) as { documentId?: unknown; locale?: unknown; data?: unknown };
      const codes = await locales().codes();
      if (typeof body.locale !== 'string' || !codes.includes(body.locale)) {
        throw new Invalid([problem(['locale'], `must be one of ${codes.join(', ')}`)]);
      }
      if (typeof body.data !== 'object' || body.data === null || Array.isArray(body.data)) {
        throw new Invalid([problem(['data'], 'must be the item form’s values (an object)')]);
      }
      const documentId = typeof body.documentId === 'string' && body.documentId !== '' ? body.documentId : undefined;
      const { row, problems: unreadable } = itemRowFromForm(body.data as Record<string, unknown>);
      const { problems, warnings } = await checks().itemFormChecks(documentId, body.locale, row);
      const language = languageOf(ctx);
      const all = [...unreadable, ...problems];
      ctx.body = {
        documentId: documentId ?? null,
        locale: body.locale,
        publishable: all.length === 0,
        problems: shown(all, language),
        warnings: shown(warnings, language),
      } satisfies ItemChecks;
    },
  };
};
