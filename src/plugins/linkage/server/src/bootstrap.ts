import type { Core } from '@strapi/strapi';
import { setUpRolesAfterAdmin } from './access/roles';
import { checkCorsConfig } from './middlewares/cors';
import { registerPageRoutes } from './site-templates/routes';
import { seedDefaultTemplates } from './site-templates/seed';
import { romanize, hasHan } from './domain/slug';
import { GUIDE, isLinkageUid } from './uids';
import { sharedFieldsSyncAvailable } from './document-service/publish-shared-fields';
import { getService } from './get-service';

interface UidService {
  generateUIDField(args: { contentTypeUID: string; field: string; data: Record<string, unknown>; locale?: string }): Promise<string>;
}

/** The Content Manager's slug generator drops Han characters; give it pinyin to work with. */
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
  await checkCorsConfig(strapi);
  // docs/arch/publish-shared-fields.md: publishing relies on i18n's own sync of shared fields.
  if (!sharedFieldsSyncAvailable(strapi)) {
    throw new Error('[linkage] i18n no longer offers syncNonLocalizedAttributes: shared fields could go stale in one language after a publish (see docs/arch/publish-shared-fields.md)');
  }
  romanizeContentManagerSlugs(strapi);
  setUpRolesAfterAdmin(strapi);
  registerPageRoutes(strapi);
  // docs/arch/preview-links.md: previews rely on two Strapi internals; without them, no preview link.
  const previewProblems = getService(strapi, 'preview').selfCheck();
  for (const problem of previewProblems) strapi.log.error(`[linkage] previews are off: ${problem} (docs/arch/preview-links.md)`);
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
  await getService(strapi, 'ownership-report').ensureFacts();
  // Guides written before guides had titles (an upgrade) get theirs.
  if ((await strapi.db.query(GUIDE).count({ where: { title: null } })) > 0) {
    const titled = await getService(strapi, 'guide-titles').refresh();
    strapi.log.info(`[linkage] Guide titles filled in: ${titled} rows`);
  }
  await getService(strapi, 'editor-configuration').applyOnce();
  const seeded = await seedDefaultTemplates(strapi);
  if (seeded.created.length > 0) strapi.log.info(`[linkage] Site templates published: ${seeded.created.join(', ')}`);
  if (seeded.upgraded.length > 0) strapi.log.info(`[linkage] Site templates never edited, brought to the current defaults: ${seeded.upgraded.join(', ')}`);
};

export default bootstrap;
