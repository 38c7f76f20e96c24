// GET /linkage/items/health: published items that units' or departments' changes broke.
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'item-health').report() };
  },
});
