// GET /linkage/items/health: published items that units' or departments' changes broke.
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

type ItemHealthService = ReturnType<typeof import('../services/item-health').default>;

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx: Context) {
    ctx.body = { data: await (strapi.plugin('linkage').service('item-health') as ItemHealthService).report() };
  },
});
