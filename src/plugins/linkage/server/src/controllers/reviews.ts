// Admin API for reviews: POST /linkage/reviews marks a record reviewed; GET lists a record's reviews.
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

type ReviewsService = ReturnType<typeof import('../services/reviews').default>;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const reviews = () => strapi.plugin('linkage').service('reviews') as ReviewsService;
  return {
    async create(ctx: Context) {
      const body = (ctx.request as unknown as { body?: Record<string, unknown> }).body ?? {};
      const data = await reviews().create({ uid: body.uid, documentId: body.documentId, note: body.note });
      ctx.status = 201;
      ctx.body = { data };
    },

    async index(ctx: Context) {
      const { uid, documentId } = ctx.query as { uid?: string; documentId?: string };
      const { subject, reviews: data } = await reviews().list({ uid, documentId });
      ctx.body = { data, meta: { subject } };
    },
  };
};
