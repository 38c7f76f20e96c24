// The rendered sites live outside /api: /sites/:unitCode, /sites/:unitCode/items/:slug, its
// /route (the navigator form's target) and the stylesheet; previews of drafts under
// /sites/preview/:token; any other address under /sites/ is a not-found page in the sites' look
// (registered last: the router tries routes in order); and /id/…, where the IRIs of the linked data
// lead (controllers/identifiers.ts).
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

type PagesController = ReturnType<typeof import('../controllers/pages').default>;
type PreviewController = ReturnType<typeof import('../controllers/preview').default>;
type IdentifiersController = ReturnType<typeof import('../controllers/identifiers').default>;

export function registerPageRoutes(strapi: Core.Strapi): void {
  const controller = <C>(name: string) => strapi.plugin('linkage').controller(name) as unknown as C;
  const route = <C>(name: string, path: string, handler: keyof C) => ({
    method: 'GET' as const,
    path,
    handler: (ctx: Context) => (controller<C>(name)[handler] as (ctx: Context) => Promise<void>)(ctx),
    config: { auth: false as const },
  });
  const page = (path: string, handler: keyof PagesController) => route<PagesController>('pages', path, handler);
  const preview = (path: string, handler: keyof PreviewController) => route<PreviewController>('preview', path, handler);
  strapi.server.routes([
    page('/sites/assets/site.css', 'stylesheet'),
    page('/sites/assets/navigator.js', 'script'),
    preview('/sites/preview/reload.js', 'reloadScript'),
    preview('/sites/preview/:token', 'page'),
    preview('/sites/preview/:token/route', 'route'),
    preview('/sites/preview/:token/site.css', 'stylesheet'),
    preview('/sites/preview/:token/flowchart.svg', 'flowchart'),
    page('/sites/:unitCode', 'index'),
    page('/sites/:unitCode/items/:slug', 'item'),
    page('/sites/:unitCode/items/:slug/route', 'route'),
    page('/sites/(.*)', 'unknown'),
    // The IRIs the linked data mints under LINKAGE_BASE_URL (domain/resource-iris.ts), read.
    route<IdentifiersController>('identifiers', '/id/(.*)', 'resolve'),
  ]);
}
