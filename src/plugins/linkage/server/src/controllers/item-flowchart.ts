// The flow chart of an item's draft, for the edit page (the public one shows the published
// version): GET /linkage/items/:documentId/flowchart?locale=&format= draws the stored draft; POST
// /linkage/items/flowchart { locale, format, data } draws the form being edited, unsaved, and
// answers JSON ({ data: { type, body } }), which is what the admin's fetch client reads.
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { answerSpace } from '../domain/answer-space';
import { itemFromRows, type ItemRow, type Localized } from '../domain/catalog-records';
import { Invalid, NotFound, Unprocessable } from '../domain/failures';
import { itemRowFromForm } from '../domain/item-form';
import { problem } from '../domain/problems';
import { indexUnits, type UnitFacts } from '../domain/unit-tree';
import { getService } from '../get-service';
import { FLOWCHART_FORMATS, renderFlowchart, type FlowchartFormat } from '../services/navigator';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function draw(ctx: Context, row: Localized<ItemRow>, locales: string[], locale: string, format: FlowchartFormat, asJson = false) {
    const unitRows = (await getService(strapi, 'store').unitFacts()) as UnitFacts[];
    try {
      const rendered = renderFlowchart(answerSpace(itemFromRows([row], 'draft'), indexUnits(unitRows)), locales, format, locale);
      if (asJson) {
        ctx.body = { data: { type: rendered.type, body: rendered.body.toString('utf8') } };
        return;
      }
      ctx.type = rendered.type;
      ctx.body = rendered.body;
    } catch (error) {
      // A draft may be too broken to draw (a stage without a condition, say): the checks say why.
      throw new Unprocessable(`This draft cannot be drawn yet: ${(error as Error).message}`);
    }
  }

  const formatOf = (value: unknown): FlowchartFormat => ((FLOWCHART_FORMATS as readonly unknown[]).includes(value) ? (value as FlowchartFormat) : 'svg');
  const localeCodes = () => getService(strapi, 'locales').codes();

  return {
    async show(ctx: Context) {
      const { documentId } = ctx.params as { documentId: string };
      const locales = await localeCodes();
      const locale = typeof ctx.query.locale === 'string' && locales.includes(ctx.query.locale) ? ctx.query.locale : locales[0];
      const row = await getService(strapi, 'store').itemDraft(documentId, locale);
      if (!row) throw new NotFound(`No item has the documentId ${documentId} in locale ${locale}`, 'documentId');
      await draw(ctx, row, locales, locale, formatOf(ctx.query.format));
    },

    async form(ctx: Context) {
      const body = (ctx.request.body ?? {}) as { locale?: unknown; format?: unknown; data?: unknown };
      const locales = await localeCodes();
      if (typeof body.locale !== 'string' || !locales.includes(body.locale)) {
        throw new Invalid([problem(['locale'], `must be one of ${locales.join(', ')}`)]);
      }
      if (typeof body.data !== 'object' || body.data === null || Array.isArray(body.data)) {
        throw new Invalid([problem(['data'], 'must be the item form’s values (an object)')]);
      }
      const { row } = itemRowFromForm(body.data as Record<string, unknown>);
      await draw(ctx, { ...row, locale: body.locale }, locales, body.locale, formatOf(body.format), true);
    },
  };
};
