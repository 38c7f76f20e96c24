// Sends a rendered public answer: in the content coding the client accepts, with that
// representation's strong ETag, Last-Modified and the cache policy, or a 304 when the request's
// validators match (RFC 9110 §13). A cached answer is also told to the fast path, which answers the
// next request for the same address before Koa (middlewares/public-fast-path.ts).
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { cacheControl, type CacheKind, type CachePolicyConfig } from '../domain/cache-policy';
import { chooseCoding } from '../domain/content-coding';
import { isNotModified } from '../domain/http-conditions';
import type { Cached, Rendered } from '../services/render-cache';
import { rememberAnswer, representation } from '../services/representations';

export type Send = (ctx: Context, value: Rendered | Cached, kind?: CacheKind) => void;

const isCached = (value: Rendered | Cached): value is Cached => 'generation' in value;

/** How long shared caches may keep public answers, as configured. */
export const cachePolicy = (strapi: Core.Strapi): CachePolicyConfig => ({
  sharedMaxAge: Number(strapi.config.get('plugin::linkage.sharedMaxAge', 0)),
  staleWhileRevalidate: Number(strapi.config.get('plugin::linkage.staleWhileRevalidate', 0)),
});

export function sender(strapi: Core.Strapi): Send {
  const policy = cachePolicy(strapi);
  return (ctx, value, kind = 'public') => {
    const status = value.status ?? 200;
    const chosen = representation(value, chooseCoding(ctx.get('Accept-Encoding') || undefined));
    const lastModified = isCached(value) ? value.lastModified : undefined;
    ctx.vary('Accept-Encoding');
    ctx.set('ETag', chosen.etag);
    // A refusal (not found, bad answers) is not kept by shared caches: the next publish may mend it.
    ctx.set('Cache-Control', status === 200 ? cacheControl(kind, policy) : 'no-cache');
    if (lastModified) ctx.set('Last-Modified', lastModified.toUTCString());
    if (chosen.encoding) ctx.set('Content-Encoding', chosen.encoding);
    if (status === 200 && isCached(value)) rememberAnswer(ctx.res, value);
    const preconditions = { ifNoneMatch: ctx.get('If-None-Match') || undefined, ifModifiedSince: ctx.get('If-Modified-Since') || undefined };
    if (status === 200 && isNotModified(preconditions, { etag: chosen.etag, lastModified })) {
      ctx.status = 304;
      ctx.body = null;
      return;
    }
    ctx.status = status;
    ctx.type = value.type;
    ctx.body = chosen.body;
  };
}
