// Admin API for memberships: /linkage/memberships (read, add, remove).
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

type MembershipsService = ReturnType<typeof import('../services/memberships').default>;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const memberships = () => strapi.plugin('linkage').service('memberships') as MembershipsService;
  return {
    async index(ctx: Context) {
      const { email, unitCode } = ctx.query as { email?: string; unitCode?: string };
      ctx.body = { data: await memberships().list({ email, unitCode }) };
    },

    async create(ctx: Context) {
      const body = (ctx.request as unknown as { body?: Record<string, unknown> }).body ?? {};
      ctx.status = 201;
      ctx.body = { data: await memberships().add({ email: body.email, unitCode: body.unitCode, scope: body.scope }) };
    },

    async delete(ctx: Context) {
      const { documentId } = ctx.params as { documentId: string };
      ctx.body = { data: await memberships().remove({ documentId }) };
    },
  };
};
