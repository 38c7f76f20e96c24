// Publishing a changed guide is a review: whoever publishes vouches for what the public now sees.
// The published versions before and after the call are compared (Strapi recreates published rows
// on every publish, so only their content tells a change); an unchanged republish is no review.
// Imports (trusted writes) keep the review dates of their file.
import type { Core } from '@strapi/strapi';
import { currentActor } from '../access/actor';
import { versionContent } from '../domain/guide-content';
import { GUIDE } from '../uids';
import { inTrustedWrites } from './trusted-writes';
import type { DocumentMiddleware } from './validate-writes';

type StoreService = ReturnType<typeof import('../services/store').default>;
type ReviewsService = ReturnType<typeof import('../services/reviews').default>;

const publishes = (action: string, params: { status?: unknown }): boolean =>
  action === 'publish' || ((action === 'create' || action === 'update') && params.status === 'published');

export const reviewOnPublish =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    const params = context.params as { documentId?: string; status?: unknown };
    if (context.uid !== GUIDE || !publishes(context.action, params) || inTrustedWrites()) return next();
    const store = strapi.plugin('linkage').service('store') as StoreService;
    const publishedContent = async (documentId: string) => versionContent(await store.guides({ documentId, publishedAt: { $notNull: true } }));
    const before = params.documentId ? await publishedContent(params.documentId) : versionContent([]);
    // One transaction: a publish whose review cannot be written is not published.
    return strapi.db.transaction(async () => {
      const result = await next();
      const documentId = params.documentId ?? (result as { documentId?: string } | null)?.documentId;
      if (!documentId) return result;
      const after = await publishedContent(documentId);
      if (after === before || after === versionContent([])) return result;
      const reviews = strapi.plugin('linkage').service('reviews') as ReviewsService;
      const subject = await reviews.subjectOf(GUIDE, documentId);
      if (subject) await reviews.record(subject, 'publish', null, await currentActor(strapi));
      return result;
    });
  };
