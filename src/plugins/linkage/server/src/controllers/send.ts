// Sends a rendered answer with its strong ETag; a matching If-None-Match gets a 304 and no body.
import type { Context } from 'koa';
import type { Rendered } from '../services/render-cache';

const matches = (header: string | undefined, etag: string): boolean => header !== undefined && (header.trim() === '*' || header.split(',').some((tag) => tag.trim() === etag));

export function send(ctx: Context, value: Rendered): void {
  ctx.set('ETag', value.etag);
  ctx.set('Cache-Control', 'no-cache');
  if ((value.status ?? 200) === 200 && matches(ctx.get('If-None-Match') || undefined, value.etag)) {
    ctx.status = 304;
    ctx.body = null;
    return;
  }
  ctx.status = value.status ?? 200;
  ctx.type = value.type;
  ctx.body = value.body;
}
