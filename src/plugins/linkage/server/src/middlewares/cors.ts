// The app's CORS middleware (config/middlewares.ts, in place of strapi::cors): the decision is
// domain/cors.ts; this applies it. A refused admin request is answered 403 before it runs.
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { adminOriginsProblem, corsDecision, isPublicPath } from '../domain/cors';
import { OriginRefused } from '../domain/failures';
import { toHttpError } from '../http-errors';

export interface CorsConfig {
  /** Origins besides its own from which the admin API accepts credentials (LINKAGE_ADMIN_ORIGINS). */
  adminOrigins?: string[];
}

export default (config: CorsConfig, { strapi }: { strapi: Core.Strapi }) => {
  const adminOrigins = (config.adminOrigins ?? []).filter((o) => o !== '');
  const problem = adminOriginsProblem(adminOrigins);
  if (problem) throw new Error(`linkage: LINKAGE_ADMIN_ORIGINS ${problem}`);
  return async (ctx: Context, next: Next) => {
    const decision = corsDecision(
      {
        path: ctx.path,
        method: ctx.method,
        origin: ctx.get('Origin') || undefined,
        host: ctx.host,
        preflightMethod: ctx.get('Access-Control-Request-Method') || undefined,
        requestedHeaders: ctx.get('Access-Control-Request-Headers') || undefined,
      },
      adminOrigins
    );
    // The admin's answer depends on the origin; the public API's never does (always *).
    if (!isPublicPath(ctx.path)) ctx.vary('Origin');
    if (decision.kind === 'refuse') {
      // Answered by strapi::errors, which runs before this middleware.
      throw toHttpError(strapi, new OriginRefused(decision.message, ctx.get('Origin')));
    }
    const headers = decision.kind === 'grant' ? decision.headers : {};
    if (decision.kind === 'grant' && decision.preflight) {
      ctx.set(headers as Record<string, string>);
      ctx.status = 204;
      return undefined;
    }
    try {
      ctx.set(headers as Record<string, string>);
      return await next();
    } finally {
      // This middleware alone decides the Access-Control headers: whatever strapi::cors (which
      // Strapi requires in the list) added after it is replaced.
      for (const name of Object.keys(ctx.response.headers)) if (name.startsWith('access-control-')) ctx.remove(name);
      ctx.set(headers as Record<string, string>);
    }
  };
};

type MiddlewareEntry = string | { name?: string; config?: { origin?: unknown } };

/**
 * Boot check: Strapi insists on strapi::cors, which by default reflects any origin with
 * credentials. It must grant no origin (`origin: () => []`), and the plugin's CORS must come first.
 */
export async function checkCorsConfig(strapi: Core.Strapi): Promise<void> {
  const entries = (strapi.config.get('middlewares', []) as MiddlewareEntry[]).map((e) => (typeof e === 'string' ? { name: e } : e));
  const ours = entries.findIndex((e) => e.name === 'plugin::linkage.cors');
  const stock = entries.findIndex((e) => e.name === 'strapi::cors');
  const origin = stock >= 0 ? entries[stock].config?.origin : undefined;
  const granted = typeof origin === 'function' ? await (origin as (ctx: unknown) => unknown)({ get: () => 'https://probe.invalid' }) : origin;
  const grantsNone = Array.isArray(granted) ? granted.length === 0 : granted === '' || granted === false;
  if (ours < 0 || (stock >= 0 && (!grantsNone || stock < ours))) {
    throw new Error(
      "linkage: config/middlewares must list { name: 'plugin::linkage.cors' } before { name: 'strapi::cors', config: { origin: () => [] } }: " +
        "Strapi's own CORS reflects any origin with credentials, the admin's refresh cookie included (docs/adr/003-cors.md)"
    );
  }
}
