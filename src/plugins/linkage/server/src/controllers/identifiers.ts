// GET /id/…: the IRIs the catalog's linked data mints (domain/resource-iris.ts), read. A 303 to the
// resource's page, or to its JSON-LD for a client that prefers it (domain/resource-resolution.ts).
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { NotFound } from '../domain/failures';
import { namedResource } from '../domain/resource-iris';
import { resolveResource } from '../domain/resource-resolution';
import { publicUrl } from '../domain/linked-data-ids';
import { acceptOnly } from './public-parameters';
import { getService } from '../get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async resolve(ctx: Context) {
    acceptOnly(ctx, {});
    const path = ctx.path.replace(/^\/id\//, '');
    const named = namedResource(path);
    if (!named)
      throw new NotFound(
        `/id/${path} names nothing: an IRI is /id/items/{item}[/stages/{stage}[/units/{unit}]], /id/departments/{code}, /id/areas/{unit} or /id/units/{unit}`,
        'path'
      );
    const published = getService(strapi, 'published');
    const snapshot = await published.snapshot();
    const sites = getService(strapi, 'sites');
    const guidePublished =
      named.type === 'guide' && snapshot.items.has(named.item)
        ? (await published.guides(named.item, [{ stageKey: named.stage, unitCode: named.unit }], snapshot.locales)).size > 0
        : undefined;
    const resolution = resolveResource(named, {
      items: snapshot.items,
      departments: snapshot.departments,
      links: getService(strapi, 'navigator').links(snapshot),
      ownsStage: (item, stageKey, unitCode) => sites.ownsStage(snapshot, item.code, stageKey, unitCode),
      guidePublished,
    });
    if ('missing' in resolution) throw new NotFound(resolution.missing, resolution.parameter);
    const baseUrl = String(strapi.config.get('plugin::linkage.baseUrl'));
    const data = resolution.data !== null && ctx.accepts('text/html', 'application/ld+json', 'application/json') !== 'text/html';
    ctx.vary('Accept');
    ctx.set('Cache-Control', 'no-cache');
    // Koa's redirect keeps a redirect status already set: a 303, the answer for an IRI of a thing.
    ctx.status = 303;
    ctx.redirect(publicUrl(data ? (resolution.data as string) : resolution.page, baseUrl));
  },
});
