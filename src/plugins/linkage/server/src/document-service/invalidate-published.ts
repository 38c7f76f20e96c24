// Any write to the plugin's records may change what the public API shows: forget what was read,
// now and again when the surrounding transaction commits (a reader in between may have re-read).
import type { Core } from '@strapi/strapi';
import { isLinkageUid, AUDIT_ENTRY, CHANGE, REVIEW } from '../uids';
import type { DocumentMiddleware } from './validate-writes';

type PublishedService = ReturnType<typeof import('../services/published').default>;

const READS = ['findOne', 'findMany', 'findFirst', 'count'];
// Records that no public view depends on.
const IGNORED: readonly string[] = [AUDIT_ENTRY, CHANGE, REVIEW];

export const invalidatePublished =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    const result = await next();
    if (isLinkageUid(context.uid) && !READS.includes(context.action) && !IGNORED.includes(context.uid)) {
      const published = strapi.plugin('linkage').service('published') as PublishedService;
      published.invalidate();
      await strapi.db.transaction(async ({ onCommit }) => {
        onCommit(() => published.invalidate());
      });
    }
    return result;
  };
