// GET /linkage/items/:documentId/flowchart?locale=&format= : the flow chart of an item's draft, for
// the edit page (the public one shows the published version).
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { answerSpace } from '../domain/answer-space';
import { itemFromRows, type ItemRow, type Localized } from '../domain/catalog-records';
import { indexUnits, type UnitFacts } from '../domain/unit-tree';
import { FLOWCHART_FORMATS, renderFlowchart, type FlowchartFormat } from '../services/navigator';
import { ITEM, UNIT } from '../uids';
import { POPULATE } from '../services/store';

type LocalesService = ReturnType<typeof import('../services/locales').default>;

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx: Context) {
    const { documentId } = ctx.params as { documentId: string };
    const locales = await (strapi.plugin('linkage').service('locales') as LocalesService).codes();
    const locale = typeof ctx.query.locale === 'string' && locales.includes(ctx.query.locale) ? ctx.query.locale : locales[0];
    const format = (FLOWCHART_FORMATS as readonly unknown[]).includes(ctx.query.format) ? (ctx.query.format as FlowchartFormat) : 'svg';
    const row = (await strapi.db.query(ITEM).findOne({ where: { documentId, locale, publishedAt: null }, populate: POPULATE[ITEM] })) as Localized<ItemRow> | null;
    if (!row) return ctx.notFound(`No item has the documentId ${documentId} in locale ${locale}`, { parameter: 'documentId' });
    const unitRows = (await strapi.db.query(UNIT).findMany({ select: ['code', 'level', 'kind', 'parentCode'] })) as UnitFacts[];
    try {
      const rendered = renderFlowchart(answerSpace(itemFromRows([row], 'draft'), indexUnits(unitRows)), locales, format, locale);
      ctx.type = rendered.type;
      ctx.body = rendered.body;
    } catch (error) {
      // A draft may be too broken to draw (a stage without a condition, say): the checks say why.
      ctx.status = 422;
      ctx.body = { error: { status: 422, name: 'UnprocessableEntity', message: `This draft cannot be drawn yet: ${(error as Error).message}` } };
    }
  },
});
