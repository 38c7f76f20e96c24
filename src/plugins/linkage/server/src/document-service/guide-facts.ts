// Keeps the ownership report's facts table (guide-fact) in step with the guides, in the same
// transaction as the write: a guide created, edited, deleted, published, unpublished or with its
// draft discarded gets its fact recomputed; a review of a guide written through the Document
// Service (catalog imports) refreshes the fact of the guide it names; a change to the guide spec
// rebuilds every fact. A write refused before it reaches the database never gets here; one that
// fails after rolls back together with its fact.
import type { Core } from '@strapi/strapi';
import { GUIDE, GUIDE_SPEC, REVIEW } from '../uids';
import type { DocumentMiddleware } from './validate-writes';

type GuideFactsService = ReturnType<typeof import('../services/guide-facts').default>;

const GUIDE_ACTIONS = ['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft'];
const SPEC_ACTIONS = ['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft'];

export const keepGuideFacts =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    const uid = context.uid;
    const guideWrite = uid === GUIDE && GUIDE_ACTIONS.includes(context.action);
    const specWrite = uid === GUIDE_SPEC && SPEC_ACTIONS.includes(context.action);
    const reviewWrite = uid === REVIEW && context.action === 'create';
    if (!guideWrite && !specWrite && !reviewWrite) return next();
    const report = () => strapi.plugin('linkage').service('guide-facts') as GuideFactsService;
    const params = context.params as { documentId?: string; data?: { subjectUid?: unknown; subjectDocumentId?: unknown; subjectKey?: unknown } };
    return strapi.db.transaction(async () => {
      const result = await next();
      if (specWrite) {
        await report().rebuildFacts();
      } else if (guideWrite) {
        const documentId = params.documentId ?? (result as { documentId?: string } | null)?.documentId;
        if (documentId) await report().refreshFacts(documentId);
      } else if (params.data?.subjectUid === GUIDE) {
        let documentId = typeof params.data.subjectDocumentId === 'string' ? params.data.subjectDocumentId : null;
        if (!documentId && typeof params.data.subjectKey === 'string') {
          const [itemCode, stageKey, unitCode] = params.data.subjectKey.split('/');
          const row = (await strapi.db.query(GUIDE).findOne({ where: { itemCode, stageKey, unitCode }, select: ['documentId'] })) as { documentId?: string } | null;
          documentId = row?.documentId ?? null;
        }
        if (documentId) await report().refreshFacts(documentId);
      }
      return result;
    });
  };
