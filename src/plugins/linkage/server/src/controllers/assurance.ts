// Admin API for content assurance: one guide's completeness and review schedule, and "my guides".
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

type AssuranceService = ReturnType<typeof import('../services/assurance').default>;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const assurance = () => strapi.plugin('linkage').service('assurance') as AssuranceService;
  return {
    /** GET /linkage/guides/:documentId/assurance; readable where the guide is (the CM's read permission). */
    async guide(ctx: Context) {
      const { documentId } = ctx.params as { documentId: string };
      const view = await assurance().guide(documentId);
      if (!view) return ctx.notFound(`No guide has the documentId ${documentId}`, { parameter: 'documentId' });
      ctx.body = { data: view };
    },

    async myGuides(ctx: Context) {
      const { unitCode, page, pageSize } = ctx.query as Record<string, string | undefined>;
      ctx.body = { data: await assurance().myGuides({ unitCode, page, pageSize }) };
    },

    async createMissing(ctx: Context) {
      const body = (ctx.request as unknown as { body?: Record<string, unknown> }).body ?? {};
      ctx.status = 201;
      ctx.body = { data: await assurance().createMissing({ itemCode: body.itemCode, stageKey: body.stageKey, unitCode: body.unitCode }) };
    },
  };
};
