// GET /_ready, for load balancers: 200 when this instance can serve, 503 (with Retry-After) when it
// cannot. Public on purpose, like Strapi's /_health: it says only up or down, never a host, a user
// or an error's text.
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { RETRY_AFTER_SECONDS } from '../domain/database-outage';
import { getService } from '../get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx: Context) {
    const { status, body } = await getService(strapi, 'readiness').check();
    ctx.set('Cache-Control', 'no-store');
    if (status === 503) ctx.set('Retry-After', String(RETRY_AFTER_SECONDS));
    ctx.status = status;
    ctx.body = body;
  },
});
