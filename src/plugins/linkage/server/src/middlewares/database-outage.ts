// The app's answer to a database outage (config/middlewares.ts, right after the plugin's CORS): a
// request that fails because the database cannot be reached, and while it is known to be down
// every request that needs it, gets a 503 with Retry-After at once, instead of a 500 or a wait
// for a connection: the JSON in Strapi's error shape, a site page as the sites' refusal page.
// The public reads memory can answer go ahead meanwhile (domain/database-outage.ts).
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { adminLanguage } from '../domain/admin-language';
import { RETRY_AFTER_SECONDS, goesAheadDuringOutage, isDatabaseUnavailable, mayHideOutage, unavailableBody } from '../domain/database-outage';
import { negotiateLocale } from '../domain/locale-negotiation';
import { getService } from '../get-service';

const NAME = 'plugin::linkage.database-outage';

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const health = () => getService(strapi, 'database-health');

  function refuse(ctx: Context): void {
    ctx.set('Retry-After', String(RETRY_AFTER_SECONDS));
    ctx.set('Cache-Control', 'no-store');
    if (/^\/sites(\/|$)/.test(ctx.path)) {
      const locales = getService(strapi, 'published').lastBuilt()?.snapshot.locales ?? ['zh-Hans', 'en'];
      const { locale } = negotiateLocale(ctx.query.locale, ctx.get('Accept-Language') || undefined, locales);
      const [, unitCode] = /^\/sites\/(\d{12})(\/|$)/.exec(ctx.path) ?? [];
      const page = getService(strapi, 'sites').outagePage(locale, unitCode);
      ctx.status = page.status ?? 503;
      ctx.type = page.type;
      ctx.body = page.body;
      return;
    }
    const user = ctx.state?.user as { preferedLanguage?: string | null } | undefined;
    ctx.status = 503;
    ctx.body = unavailableBody(adminLanguage(user?.preferedLanguage, ctx.get('Accept-Language') || undefined));
  }

  return async (ctx: Context, next: Next) => {
    if (health().isDown() && !goesAheadDuringOutage(ctx.method, ctx.path)) return refuse(ctx);
    try {
      return await next();
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        health().suspect(error);
        return refuse(ctx);
      }
      // Some of Strapi's code answers a failed query with an error of its own (i18n: "This locale
      // doesn't exist"): a 400 or a 500 is looked behind, and is an outage if the database is down.
      if (mayHideOutage(error) && (await health().look()).status === 'down' && health().isDown()) return refuse(ctx);
      throw error;
    }
  };
};

type MiddlewareEntry = string | { name?: string };

/**
 * Boot check: the middleware must be listed, after strapi::errors (which would answer the error
 * first, as a 500) and after the plugin's CORS (so that a public 503 is readable from any origin).
 */
export function checkOutageConfig(strapi: Core.Strapi): void {
  const names = (strapi.config.get('middlewares', []) as MiddlewareEntry[]).map((e) => (typeof e === 'string' ? e : e.name));
  const ours = names.indexOf(NAME);
  if (ours < 0 || ours < names.indexOf('strapi::errors') || ours < names.indexOf('plugin::linkage.cors')) {
    throw new Error(
      `linkage: config/middlewares must list '${NAME}' after 'strapi::errors' and 'plugin::linkage.cors': without it a database outage is answered with 500s, or requests wait for a connection`
    );
  }
}
