// The rendered sites (/sites/...): HTML from the city's published templates, in the locale asked
// for (?locale=, then Accept-Language). A page that cannot be shown is a refusal page in the same
// language and look, saying why and linking back (domain/refusal-page.ts).
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { asAdminLanguage } from '../domain/admin-language';
import { isDatabaseUnavailable } from '../domain/database-outage';
import { Invalid, NotFound, PageUnavailable, problemMessages } from '../domain/failures';
import { SITE_PAGE_PARAMETERS } from '../domain/links';
import { negotiateLocale } from '../domain/locale-negotiation';
import { problemSentence } from '../domain/problems';
import { acceptedQuery, parameterProblems, type ParameterSpec } from '../domain/query-parameters';
import type { SiteRefusal } from '../domain/refusal-page';
import type { Rendered } from '../services/render-cache';
import { NAVIGATOR_SCRIPT_FINGERPRINT, stylesheetFingerprint } from '../services/sites';
import { acceptOnly } from './public-parameters';
import { sender } from './send';
import { getService } from '../get-service';

interface PageParams {
  unitCode?: string;
  slug?: string;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const sites = () => getService(strapi, 'sites');
  const send = sender(strapi);

  async function readerLocale(ctx: Context): Promise<string> {
    const { locales } = await getService(strapi, 'published').snapshot();
    const { locale, variesWithHeader } = negotiateLocale(ctx.query.locale, ctx.get('Accept-Language') || undefined, locales);
    // Added to what is there (Strapi's CORS says Origin), whatever the cache holds.
    if (variesWithHeader) ctx.vary('Accept-Language');
    return locale;
  }

  /** What went wrong, for the reader: answers to give again, something not found, or a failure. */
  async function refusalOf(error: unknown, params: PageParams): Promise<SiteRefusal> {
    if (error instanceof Invalid && params.unitCode && params.slug) {
      const itemCode = (await sites().itemCodeOf(params.slug)) ?? '';
      return { kind: 'bad-answers', unitCode: params.unitCode, itemCode, problems: problemMessages(error) };
    }
    if (error instanceof NotFound && params.unitCode) return sites().missing(params.unitCode, params.slug);
    // Templates that fail, fallbacks included: already logged where they failed (services/sites.ts).
    if (error instanceof PageUnavailable) return { kind: 'unavailable', unitCode: params.unitCode };
    strapi.log.error(`[linkage] a site page failed: ${(error as Error)?.stack ?? String(error)}`);
    return { kind: 'unavailable', unitCode: params.unitCode };
  }

  async function respond(ctx: Context, accepted: ParameterSpec, render: (locale: string) => Promise<Rendered>) {
    const locale = await readerLocale(ctx);
    // A parameter the page does not take is said, not ignored, with a link to the page without it.
    const problems = parameterProblems(ctx.query as Record<string, unknown>, accepted);
    if (problems.length > 0) {
      const cleanUrl = `${ctx.path}${acceptedQuery(new URLSearchParams(ctx.querystring), accepted)}`;
      const language = asAdminLanguage(locale) ?? 'en';
      const refusal: SiteRefusal = { kind: 'bad-address', unitCode: (ctx.params as PageParams).unitCode, problems: problems.map((p) => problemSentence(p, language)), cleanUrl };
      return send(ctx, await sites().refusal(refusal, locale));
    }
    try {
      send(ctx, await render(locale));
    } catch (error) {
      // Answered with Retry-After by the outage middleware (middlewares/database-outage.ts).
      if (isDatabaseUnavailable(error)) throw error;
      send(ctx, await sites().refusal(await refusalOf(error, ctx.params as PageParams), locale));
    }
  }

  return {
    async stylesheet(ctx: Context) {
      acceptOnly(ctx, { v: 'one' });
      const stylesheet = await sites().stylesheet();
      // The pages link it as site.css?v=<fingerprint>: that address always has these bytes.
      send(ctx, stylesheet, ctx.query.v === stylesheetFingerprint(stylesheet) ? 'fingerprinted' : 'public');
    },
    script(ctx: Context) {
      acceptOnly(ctx, { v: 'one' });
      send(ctx, sites().navigatorScript(), ctx.query.v === NAVIGATOR_SCRIPT_FINGERPRINT ? 'fingerprinted' : 'public');
    },
    async index(ctx: Context) {
      const { unitCode } = ctx.params as { unitCode: string };
      await respond(ctx, SITE_PAGE_PARAMETERS.index, (locale) => sites().indexPage(unitCode, locale));
    },
    async item(ctx: Context) {
      const { unitCode, slug } = ctx.params as { unitCode: string; slug: string };
      await respond(ctx, SITE_PAGE_PARAMETERS.item, (locale) => sites().itemPage(unitCode, slug, locale));
    },
    async route(ctx: Context) {
      const { unitCode, slug } = ctx.params as { unitCode: string; slug: string };
      await respond(ctx, SITE_PAGE_PARAMETERS.route, (locale) => sites().routePage(unitCode, slug, ctx.query.answers, locale));
    },
    /** Any other address under /sites/: not found, said on a page of the nearest known site. */
    async unknown(ctx: Context) {
      const locale = await readerLocale(ctx);
      const [, first] = /^\/sites\/([^/?#]+)/.exec(ctx.path) ?? [];
      const refusal = first ? await sites().missing(first) : ({ kind: 'unknown-unit' } as const);
      send(ctx, await sites().refusal(refusal.kind === 'unknown-unit' ? refusal : { kind: 'unknown-page', unitCode: first }, locale));
    },
  };
};
