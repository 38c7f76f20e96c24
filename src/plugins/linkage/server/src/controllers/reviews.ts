// Admin API for reviews: POST /linkage/reviews marks a record reviewed; GET lists a record's reviews.
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { currentActor } from '../access/actor';
import { getService } from '../get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const reviews = () => getService(strapi, 'reviews');
  return {
    async create(ctx: Context) {
      const body = (ctx.request as unknown as { body?: Record<string, unknown> }).body ?? {};
      const data = await reviews().create(await currentActor(strapi), { uid: body.uid, documentId: body.documentId, note: body.note });
      ctx.status = 201;
      ctx.body = { data };
    },

    async index(ctx: Context) {
      const { uid, documentId } = ctx.query as { uid?: string; documentId?: string };
      const { subject, reviews: data } = await reviews().list(await currentActor(strapi), { uid, documentId });
      ctx.body = { data, meta: { subject } };
    },
  };
};
