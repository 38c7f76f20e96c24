// Preview pages (/sites/preview/:token...): a draft as it will appear on its unit's site, through a
// signed, short-lived link (services/preview.ts). Never stored by a cache, never indexed.
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { Rendered } from '../services/render-cache';
import { getService } from '../get-service';

// Runs in the framed page: reloads it when Strapi's preview panel says the document was saved.
const RELOAD = `// Linkage preview: reload when the admin saves the document previewed.
window.addEventListener('message', function (event) {
  if (event.origin !== window.location.origin || event.source !== window.parent) return;
  if (event.data && event.data.type === 'strapiUpdate') window.location.reload();
});
`;

function sendPrivate(ctx: Context, value: Rendered): void {
  ctx.set('Cache-Control', 'no-store');
  ctx.set('X-Robots-Tag', 'noindex, nofollow');
  ctx.status = value.status ?? 200;
  ctx.type = value.type;
  ctx.body = value.body;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const preview = () => getService(strapi, 'preview');
  const tokenOf = (ctx: Context) => (ctx.params as { token: string }).token;
  return {
    async page(ctx: Context) {
      sendPrivate(ctx, await preview().page(tokenOf(ctx), ctx.query.locale));
    },
    async route(ctx: Context) {
      sendPrivate(ctx, await preview().route(tokenOf(ctx), ctx.query.answers, ctx.query.locale));
    },
    async stylesheet(ctx: Context) {
      sendPrivate(ctx, await preview().stylesheet(tokenOf(ctx)));
    },
    async flowchart(ctx: Context) {
      sendPrivate(ctx, await preview().flowchart(tokenOf(ctx), ctx.query.locale));
    },
    async reloadScript(ctx: Context) {
      ctx.set('Cache-Control', 'public, max-age=3600');
      ctx.type = 'application/javascript; charset=utf-8';
      ctx.body = RELOAD;
    },
  };
};
