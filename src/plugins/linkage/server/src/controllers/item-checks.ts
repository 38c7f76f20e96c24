// GET /linkage/items/:documentId/checks?locale= : what would stop this item's draft from being
// published now. Drafts may be incomplete; the admin shows these as warnings.
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { describeProblem, formatPath, type Problem } from '../domain/problems';

type ChecksService = ReturnType<typeof import('../services/checks').default>;
type LocalesService = ReturnType<typeof import('../services/locales').default>;

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx: Context) {
    const { documentId } = ctx.params as { documentId: string };
    const requested = ctx.query.locale;
    const locale = typeof requested === 'string' && requested !== '' ? requested : await (strapi.plugin('linkage').service('locales') as LocalesService).defaultLocale();
    const exists = await strapi.db.query('plugin::linkage.item').count({ where: { documentId, locale } });
    if (exists === 0) return ctx.notFound(`No item has the documentId ${documentId} in locale ${locale}`, { parameter: 'documentId' });
    const { problems, warnings } = await (strapi.plugin('linkage').service('checks') as ChecksService).itemPublishChecks(documentId, locale);
    const shown = (list: Problem[]) => list.map((p) => ({ path: formatPath(p.path), message: p.message, text: describeProblem(p) }));
    ctx.body = { documentId, locale, publishable: problems.length === 0, problems: shown(problems), warnings: shown(warnings) };
  },
});
