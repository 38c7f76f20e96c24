// Public content API (/api/linkage/...): units, items, an item, its route and its flow chart.
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { ItemFilter } from '../services/navigator';
import { send } from './send';
import { getService } from '../get-service';

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const navigator = () => getService(strapi, 'navigator');
  return {
    async units(ctx: Context) {
      send(ctx, await navigator().units(ctx.query.locale));
    },

    async items(ctx: Context) {
      const { domain, unit, level, q } = ctx.query;
      const filter: ItemFilter = Object.fromEntries(
        Object.entries({ domain: text(domain), unit: text(unit), level: text(level), q: text(q) }).filter(([, v]) => v !== undefined && v !== '')
      );
      send(ctx, await navigator().items(filter, ctx.query.locale));
    },

    async item(ctx: Context) {
      send(ctx, await navigator().item((ctx.params as { slug: string }).slug, ctx.query.locale));
    },

    async route(ctx: Context) {
      send(ctx, await navigator().route((ctx.params as { slug: string }).slug, ctx.query.answers, ctx.query.locale));
    },

    async flowchart(ctx: Context) {
      send(ctx, await navigator().flowchart((ctx.params as { slug: string }).slug, ctx.query.format, ctx.query.locale));
    },
  };
};
