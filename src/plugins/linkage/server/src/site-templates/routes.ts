// The rendered sites live outside /api: /sites/:unitCode, /sites/:unitCode/items/:slug, its
// /route (the navigator form's target) and the stylesheet; any other address under /sites/ is a
// not-found page in the sites' look (registered last: the router tries routes in order).
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

type PagesController = ReturnType<typeof import('../controllers/pages').default>;

export function registerPageRoutes(strapi: Core.Strapi): void {
  const pages = () => strapi.plugin('linkage').controller('pages') as unknown as PagesController;
  const route = (path: string, handler: keyof PagesController) => ({
    method: 'GET' as const,
    path,
    handler: (ctx: Context) => pages()[handler](ctx),
    config: { auth: false as const },
  });
  strapi.server.routes([
    route('/sites/assets/site.css', 'stylesheet'),
    route('/sites/:unitCode', 'index'),
    route('/sites/:unitCode/items/:slug', 'item'),
    route('/sites/:unitCode/items/:slug/route', 'route'),
    route('/sites/(.*)', 'unknown'),
  ]);
}
