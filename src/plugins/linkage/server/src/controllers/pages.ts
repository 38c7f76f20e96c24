// The rendered sites (/sites/...): HTML from the city's published templates, in the locale asked
// for (?locale=, then Accept-Language). Refusals are plain pages naming the reason.
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { negotiateLocale } from '../domain/locale-negotiation';
import type { Rendered } from '../services/render-cache';
import { send } from './send';

type SitesService = ReturnType<typeof import('../services/sites').default>;
type PublishedService = ReturnType<typeof import('../services/published').default>;

interface Refusal {
  name?: string;
  message?: string;
  details?: { errors?: Array<{ path: string[]; message: string }> };
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const sites = () => strapi.plugin('linkage').service('sites') as SitesService;

  async function respond(ctx: Context, render: (locale: string) => Promise<Rendered>) {
    const { locales } = await (strapi.plugin('linkage').service('published') as PublishedService).snapshot();
    const { locale, variesWithHeader } = negotiateLocale(ctx.query.locale, ctx.get('Accept-Language') || undefined, locales);
    // Added to what is there (Strapi's CORS says Origin), whatever the cache holds.
    if (variesWithHeader) ctx.vary('Accept-Language');
    try {
      send(ctx, await render(locale));
    } catch (error) {
      const e = error as Refusal;
      const status = e.name === 'NotFoundError' ? 404 : e.name === 'ValidationError' ? 400 : e.name === 'PageUnavailable' ? 503 : 0;
      if (!status) throw error;
      send(ctx, sites().errorPage(status, e.message ?? '', (e.details?.errors ?? []).map((d) => `${d.path.join('.')}: ${d.message}`), locale));
    }
  }

  return {
    async stylesheet(ctx: Context) {
      send(ctx, await sites().stylesheet());
    },
    async index(ctx: Context) {
      const { unitCode } = ctx.params as { unitCode: string };
      await respond(ctx, (locale) => sites().indexPage(unitCode, locale));
    },
    async item(ctx: Context) {
      const { unitCode, slug } = ctx.params as { unitCode: string; slug: string };
      await respond(ctx, (locale) => sites().itemPage(unitCode, slug, locale));
    },
    async route(ctx: Context) {
      const { unitCode, slug } = ctx.params as { unitCode: string; slug: string };
      await respond(ctx, (locale) => sites().routePage(unitCode, slug, ctx.query.answers, locale));
    },
  };
};
