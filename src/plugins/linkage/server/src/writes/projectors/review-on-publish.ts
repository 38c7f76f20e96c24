// Publishing a changed guide is a review: whoever publishes vouches for what the public now sees.
// The published versions before and after the write are compared (Strapi recreates published rows
// on every publish, so only their content tells a change); an unchanged republish is no review.
// Imports (trusted writes) keep the review dates of their file (domain/write-intent.ts).
import type { Core } from '@strapi/strapi';
import { currentActor } from '../../access/actor';
import { versionContent } from '../../domain/guide-content';
import { getService } from '../../get-service';
import { GUIDE } from '../../uids';
import type { Projector } from '../projectors';

const publishedContent = async (strapi: Core.Strapi, documentId: string): Promise<string> =>
  versionContent(await getService(strapi, 'store').guides({ documentId, publishedAt: { $notNull: true } }));

export const reviewOnPublish: Projector<string> = {
  name: 'reviews',

  async before(strapi, intent) {
    return intent.documentId ? publishedContent(strapi, intent.documentId) : versionContent([]);
  },

  async inTransaction(strapi, _intent, written, before) {
    if (!written.documentId) return;
    const after = await publishedContent(strapi, written.documentId);
    if (after === before || after === versionContent([])) return;
    const reviews = getService(strapi, 'reviews');
    const subject = await reviews.subjectOf(GUIDE, written.documentId);
    if (subject) await reviews.record(subject, 'publish', null, await currentActor(strapi));
  },
};
