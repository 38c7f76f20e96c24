// The ownership report's facts table (guide-fact) kept in step with the guides, in the write's
// transaction: a guide written by any action (clone included) gets its fact recomputed; a review of
// a guide written through the Document Service (catalog imports) refreshes the fact of the guide it
// names; a change to the guide spec rebuilds every fact.
import { GUIDE, GUIDE_SPEC } from '../../uids';
import { getService } from '../../get-service';
import type { Projector } from '../projectors';

export const guideFacts: Projector<void> = {
  name: 'guide-facts',

  async inTransaction(strapi, intent, written) {
    const report = getService(strapi, 'guide-facts');
    if (intent.type.uid === GUIDE_SPEC) {
      await report.rebuildFacts();
      return;
    }
    if (intent.type.uid === GUIDE) {
      if (written.documentId) await report.refreshFacts(written.documentId);
      return;
    }
    // A review, created: the fact of the guide it names.
    const data = intent.data;
    if (data?.subjectUid !== GUIDE) return;
    let documentId = typeof data.subjectDocumentId === 'string' ? data.subjectDocumentId : null;
    if (!documentId && typeof data.subjectKey === 'string') {
      const [itemCode, stageKey, unitCode] = data.subjectKey.split('/');
      const row = (await strapi.db.query(GUIDE).findOne({ where: { itemCode, stageKey, unitCode }, select: ['documentId'] })) as { documentId?: string } | null;
      documentId = row?.documentId ?? null;
    }
    if (documentId) await report.refreshFacts(documentId);
  },
};
