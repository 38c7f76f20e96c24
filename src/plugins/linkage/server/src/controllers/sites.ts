// Public content API: one unit's site as JSON (/api/linkage/sites/:unitCode[/items/:slug]).
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { send } from './send';
import { getService } from '../get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const sites = () => getService(strapi, 'sites');
  return {
    async index(ctx: Context) {
      send(ctx, await sites().indexJson((ctx.params as { unitCode: string }).unitCode, ctx.query.locale));
    },
    async item(ctx: Context) {
      const { unitCode, slug } = ctx.params as { unitCode: string; slug: string };
      send(ctx, await sites().itemJson(unitCode, slug, ctx.query.locale));
    },
  };
};
