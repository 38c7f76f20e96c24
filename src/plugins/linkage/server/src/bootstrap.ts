import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { setUpRolesAfterAdmin } from './access/roles';
import { checkCorsConfig } from './middlewares/cors';
import { checkOutageConfig } from './middlewares/database-outage';
import { installFastPath } from './middlewares/public-fast-path';
import { registerPageRoutes } from './site-templates/routes';
import { seedDefaultTemplates } from './site-templates/seed';
import { romanize, hasHan } from './domain/slug';
import { getService } from './get-service';
import { GUIDE, isLinkageUid } from './uids';
import { assertStrapiInternals } from './internals/self-checks';
import { DIRECT_RENDER_PROBLEM } from './domain/templates';
import { endFailedConnectionSetup } from './internals/postgres-connection-setup';
import { keepSqliteStatements } from './internals/sqlite-statements';

interface UidService {
  generateUIDField(args: { contentTypeUID: string; field: string; data: Record<string, unknown>; locale?: string }): Promise<string>;
}

/** The Content Manager's slug generator drops Han characters; give it pinyin to work with (docs/adr/006-content-manager-slugs.md). */
function romanizeContentManagerSlugs(strapi: Core.Strapi) {
  const uid = strapi.plugin('content-manager').service('uid') as unknown as UidService;
  const generate = uid.generateUIDField.bind(uid);
  uid.generateUIDField = async (args) => {
    if (!isLinkageUid(args.contentTypeUID)) return generate(args);
    const attributes = strapi.contentType(args.contentTypeUID as 'plugin::linkage.item').attributes as Record<string, { targetField?: string }>;
    const target = attributes[args.field]?.targetField;
    const value = target ? args.data?.[target] : undefined;
    if (!target || typeof value !== 'string' || !hasHan(value)) return generate(args);
    return generate({ ...args, data: { ...args.data, [target]: romanize(value) } });
  };
}

const forgetPublished = (strapi: Core.Strapi) => getService(strapi, 'published').invalidate();

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  // Every Strapi internal patched or relied on below is where the plugin expects it, or the boot stops.
  assertStrapiInternals(strapi, 'bootstrap');
  // docs/adr/022-sqlite-statements.md: SQLite statements prepared once per connection.
  keepSqliteStatements(strapi);
  // docs/adr/023-postgres-connection-setup.md: a Postgres connection that dies while being set up is ended.
  endFailedConnectionSetup(strapi);
  await checkCorsConfig(strapi);
  romanizeContentManagerSlugs(strapi);
  setUpRolesAfterAdmin(strapi);
  registerPageRoutes(strapi);
  // Cache hits of the public API and the sites, answered before Koa (docs/adr/021-public-fast-path.md).
  installFastPath(strapi);
  checkOutageConfig(strapi);
  // docs/adr/024-liquid-direct-render.md: a liquidjs whose internals moved renders pages as liquidjs alone does, slower.
  if (DIRECT_RENDER_PROBLEM)
    strapi.log.warn(
      `[linkage] site pages render through liquidjs's generators, not directly: about 3 times slower: ${DIRECT_RENDER_PROBLEM} (docs/adr/024-liquid-direct-render.md)`
    );
  // Readiness for load balancers, beside Strapi's liveness (/_health): public on purpose, it holds
  // nothing but up or down (controllers/readiness.ts).
  strapi.server.routes([
    {
      method: 'GET',
      path: '/_ready',
      handler: (ctx: Context) => (strapi.plugin('linkage').controller('readiness') as unknown as { show(ctx: Context): Promise<void> }).show(ctx),
      config: { auth: false },
    },
  ]);
  // docs/adr/011-preview-links.md: without a secret to sign them with, no preview link.
  const previewProblems = getService(strapi, 'preview').selfCheck();
  for (const problem of previewProblems) strapi.log.error(`[linkage] previews are off: ${problem} (docs/adr/011-preview-links.md)`);
  // A blank form uploaded to the media library is linked from the guides that name it.
  strapi.db.lifecycles.subscribe({
    models: ['plugin::upload.file'],
    afterCreate: () => forgetPublished(strapi),
    afterUpdate: () => forgetPublished(strapi),
    afterDelete: () => forgetPublished(strapi),
  });
  // The expected-handler table of a database that has items but no table rows yet (an upgrade).
  await getService(strapi, 'expected-handlers').ensureBuilt();
  // The ownership report's guide facts: built when empty, rebuilt when the guide spec or locales changed.
  await getService(strapi, 'guide-facts').ensureFacts();
  // Guides written before guides had titles (an upgrade) get theirs.
  if ((await strapi.db.query(GUIDE).count({ where: { title: null } })) > 0) {
    const titled = await getService(strapi, 'guide-titles').refresh();
    strapi.log.info(`[linkage] Guide titles filled in: ${titled} rows`);
  }
  await getService(strapi, 'editor-configuration').applyOnce();
  const seeded = await seedDefaultTemplates(strapi);
  if (seeded.created.length > 0) strapi.log.info(`[linkage] Site templates published: ${seeded.created.join(', ')}`);
  if (seeded.upgraded.length > 0) strapi.log.info(`[linkage] Site templates never edited, brought to the current defaults: ${seeded.upgraded.join(', ')}`);
  // Other instances on the same Postgres: their changes are notified as they commit (docs/adr/020-change-notifications.md).
  await getService(strapi, 'cluster-notifications').start();
};

export default bootstrap;
