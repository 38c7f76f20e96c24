// Public content API: one unit's site as JSON (/api/linkage/sites/:unitCode[/items/:slug]).
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { acceptOnly } from './public-parameters';
import { sender } from './send';
import { getService } from '../get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const sites = () => getService(strapi, 'sites');
  const send = sender(strapi);
  return {
    async index(ctx: Context) {
      acceptOnly(ctx, { locale: 'one' });
      send(ctx, await sites().indexJson((ctx.params as { unitCode: string }).unitCode, ctx.query.locale));
    },
    async item(ctx: Context) {
      acceptOnly(ctx, { locale: 'one' });
      const { unitCode, slug } = ctx.params as { unitCode: string; slug: string };
      send(ctx, await sites().itemJson(unitCode, slug, ctx.query.locale));
    },
  };
};
