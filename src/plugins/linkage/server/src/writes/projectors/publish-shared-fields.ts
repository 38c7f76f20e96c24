// A shared (non-localized) field is one fact in every language: publishing a locale publishes its
// shared fields in every other published locale too, so the English site never shows the old phone
// number while the Chinese one shows the new (their texts stay as they were published).
//
// Strapi's i18n already means to do this on publish, but compares against whichever row of the
// document the database returns first (usually the draft, which already holds the new values) and
// so skips it. This calls i18n's own sync on the rows just published. Decision record:
// docs/adr/010-publish-shared-fields.md; checked at boot by internals/self-checks.ts.
import type { Core } from '@strapi/strapi';
import { GUIDE } from '../../uids';
import type { Projector } from '../projectors';

interface I18nContentTypes {
  getNestedPopulateOfNonLocalizedAttributes(uid: string): string[];
}
interface I18nLocalizations {
  syncNonLocalizedAttributes(entry: Record<string, unknown>, model: unknown): Promise<void>;
}

const i18nServices = (strapi: Core.Strapi) => ({
  contentTypes: strapi.plugin('i18n').service('content-types') as unknown as I18nContentTypes,
  localizations: strapi.plugin('i18n').service('localizations') as unknown as I18nLocalizations,
});

export const publishSharedFields: Projector<void> = {
  name: 'publish-shared-fields',

  async inTransaction(strapi, intent, written) {
    if (!written.documentId) return;
    const uid = intent.type.uid as typeof GUIDE;
    const { contentTypes, localizations } = i18nServices(strapi);
    const populate = contentTypes.getNestedPopulateOfNonLocalizedAttributes(uid);
    const locales = intent.locales === 'all' ? null : intent.locales;
    const published = (await strapi.db.query(uid).findMany({
      where: { documentId: written.documentId, publishedAt: { $notNull: true }, ...(locales ? { locale: { $in: [...locales] } } : {}) },
      populate,
    })) as Array<Record<string, unknown>>;
    // Every locale just published holds the same shared values (drafts are kept in step): one is enough.
    const [source] = published;
    if (source) await localizations.syncNonLocalizedAttributes(source, strapi.contentType(uid));
  },
};
