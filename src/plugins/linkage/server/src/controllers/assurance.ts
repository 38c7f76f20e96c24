// Admin API for content assurance: one guide's completeness and review schedule, and "my guides".
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { GuideAssurance, MyGuides } from '../contracts/assurance';
import { currentActor } from '../access/actor';
import { NotFound } from '../domain/failures';
import { getService } from '../get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const assurance = () => getService(strapi, 'assurance');
  return {
    /** GET /linkage/guides/:documentId/assurance; readable where the guide is (the CM's read permission). */
    async guide(ctx: Context) {
      const { documentId } = ctx.params as { documentId: string };
      const view = await assurance().guide(await currentActor(strapi), documentId);
      if (!view) throw new NotFound(`No guide has the documentId ${documentId}`, 'documentId');
      ctx.body = { data: view satisfies GuideAssurance };
    },

    async myGuides(ctx: Context) {
      const { unitCode, page, pageSize } = ctx.query as Record<string, string | undefined>;
      ctx.body = { data: (await assurance().myGuides(await currentActor(strapi), { unitCode, page, pageSize })) satisfies MyGuides };
    },

    async createMissing(ctx: Context) {
      const body = (ctx.request as unknown as { body?: Record<string, unknown> }).body ?? {};
      ctx.status = 201;
      ctx.body = { data: await assurance().createMissing(await currentActor(strapi), { itemCode: body.itemCode, stageKey: body.stageKey, unitCode: body.unitCode }) };
    },
  };
};
