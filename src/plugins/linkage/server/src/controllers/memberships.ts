// Admin API for memberships: /linkage/memberships (read, add, remove).
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { Membership } from '../contracts/memberships';
import { Invalid } from '../domain/failures';
import { problem } from '../domain/problems';
import { getService } from '../get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const memberships = () => getService(strapi, 'memberships');
  return {
    async index(ctx: Context) {
      const query = ctx.query as Record<string, unknown>;
      // Each filter once, as text (email=a&email=b or email[x]=a are refused, naming the parameter).
      const problems = (['email', 'unitCode'] as const)
        .filter((name) => query[name] !== undefined && typeof query[name] !== 'string')
        .map((name) => problem([name], 'must be given once, as text'));
      if (problems.length > 0) throw new Invalid(problems);
      ctx.body = { data: (await memberships().list({ email: query.email as string | undefined, unitCode: query.unitCode as string | undefined })) satisfies Membership[] };
    },

    async create(ctx: Context) {
      const body = (ctx.request as unknown as { body?: Record<string, unknown> }).body ?? {};
      ctx.status = 201;
      ctx.body = { data: (await memberships().add({ email: body.email, unitCode: body.unitCode, scope: body.scope })) satisfies Membership };
    },

    async delete(ctx: Context) {
      const { documentId } = ctx.params as { documentId: string };
      ctx.body = { data: (await memberships().remove({ documentId })) satisfies Membership };
    },
  };
};
