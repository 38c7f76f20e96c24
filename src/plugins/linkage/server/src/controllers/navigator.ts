// Public content API (/api/linkage/...): units, items, an item, its route and its flow chart.
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { ItemFilter } from '../services/navigator';
import { acceptOnly } from './public-parameters';
import { sender } from './send';
import { getService } from '../get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const navigator = () => getService(strapi, 'navigator');
  const send = sender(strapi);
  return {
    async units(ctx: Context) {
      acceptOnly(ctx, { locale: 'one' });
      send(ctx, await navigator().units(ctx.query.locale));
    },

    async items(ctx: Context) {
      acceptOnly(ctx, { locale: 'one', domain: 'one', unit: 'one', level: 'one', q: 'one' });
      const { domain, unit, level, q } = ctx.query as Record<string, string | undefined>;
      const filter: ItemFilter = Object.fromEntries(Object.entries({ domain, unit, level, q }).filter(([, v]) => v !== undefined && v !== ''));
      send(ctx, await navigator().items(filter, ctx.query.locale));
    },

    async item(ctx: Context) {
      acceptOnly(ctx, { locale: 'one' });
      send(ctx, await navigator().item((ctx.params as { slug: string }).slug, ctx.query.locale));
    },

    async route(ctx: Context) {
      acceptOnly(ctx, { locale: 'one', answers: 'map' });
      send(ctx, await navigator().route((ctx.params as { slug: string }).slug, ctx.query.answers, ctx.query.locale));
    },

    async document(ctx: Context) {
      acceptOnly(ctx, { locale: 'one' });
      send(ctx, await navigator().document((ctx.params as { documentId: string }).documentId, ctx.query.locale));
    },

    async flowchart(ctx: Context) {
      acceptOnly(ctx, { locale: 'one', format: 'one' });
      send(ctx, await navigator().flowchart((ctx.params as { slug: string }).slug, ctx.query.format, ctx.query.locale));
    },
  };
};
