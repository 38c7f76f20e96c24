// Reviews: records of their own (no draft & publish) that someone checked a record was accurate
// and current. Written only here, never through the Document Service, so no guard or edit path
// can change one; each is written with its audit entry in one transaction.
import type { Core } from '@strapi/strapi';
import { incompleteReviewProblem } from '../domain/guide-assurance';
import { problem } from '../domain/problems';
import { noteProblem, reviewDecision, reviewReadDecision, type ReviewActor, type ReviewSubjectKind } from '../domain/review-access';
import { enforce, Invalid, NotFound, Unauthenticated } from '../domain/failures';
import { getService } from '../get-service';
import { REVIEWED_TYPES, recordType } from '../domain/record-types';
import { GUIDE, REVIEW } from '../uids';
import type { ReviewRow } from './store';

export type ReviewSource = 'admin' | 'publish';

/** Who gives a review: the admin user of the request (none for a script's write). */
export interface Reviewer {
  readonly userId: number;
  readonly email: string;
}

/** The record a review is about, named as the catalog import names it. */
export interface ReviewSubject {
  readonly kind: ReviewSubjectKind;
  readonly uid: string;
  readonly documentId: string;
  /** guides `itemCode/stageKey/unitCode`, items their code, templates their key. */
  readonly key: string;
  /** Whose record it is: a guide's unit, an item's managing unit; null for templates. */
  readonly unitCode: string | null;
}

export interface ReviewView {
  readonly documentId: string;
  readonly subjectUid: string;
  readonly subjectDocumentId: string | null;
  readonly subjectKey: string;
  readonly reviewedAt: string;
  readonly reviewerId: number | null;
  readonly reviewerEmail: string | null;
  readonly source: ReviewRow['source'];
  readonly note: string | null;
}

const view = (row: ReviewRow): ReviewView => ({
  documentId: row.documentId,
  subjectUid: row.subjectUid,
  subjectDocumentId: row.subjectDocumentId,
  subjectKey: row.subjectKey,
  reviewedAt: new Date(row.reviewedAt).toISOString(),
  reviewerId: row.reviewerId ?? null,
  reviewerEmail: row.reviewerEmail ?? null,
  source: row.source,
  note: row.note ?? null,
});

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** Drafts first: a record's owner and key are its draft's (a city manager's move changes the draft). */
  async function subjectOf(uid: string, documentId: string): Promise<ReviewSubject | null> {
    const kind = REVIEWED_TYPES.get(uid);
    const type = recordType(uid);
    if (!kind || !type) return null;
    const rows = (await strapi.db.query(uid as typeof GUIDE).findMany({ where: { documentId } })) as Array<Record<string, unknown> & { publishedAt: string | null }>;
    const row = rows.find((r) => r.publishedAt === null) ?? rows[0];
    const key = row ? type.key(row) : null;
    return row && key ? { kind, uid, documentId, key, unitCode: type.owner(row) } : null;
  }

  /** Checks the request's uid and documentId; throws 400 or 404. */
  async function requireSubject(uid: unknown, documentId: unknown): Promise<ReviewSubject> {
    if (typeof uid !== 'string' || !REVIEWED_TYPES.has(uid)) {
      throw new Invalid([problem(['uid'], `must be one of ${[...REVIEWED_TYPES.keys()].join(', ')}, got ${JSON.stringify(uid ?? null)}`)]);
    }
    if (typeof documentId !== 'string' || documentId === '') throw new Invalid([problem(['documentId'], 'is required: the documentId of the record reviewed')]);
    const subject = await subjectOf(uid, documentId);
    if (!subject) throw new NotFound(`No ${REVIEWED_TYPES.get(uid)} has the documentId ${documentId}`, 'documentId');
    return subject;
  }

  function requireActor(actor: ReviewActor | null): ReviewActor {
    if (!actor) throw new Unauthenticated('Reviews are given by a signed-in admin user');
    return actor;
  }

  return {
    subjectOf,

    /**
     * Stores one review and its audit entry together: a failed audit append leaves no review.
     * Nested in a Document Service call (a publish), the transaction joins the caller's.
     */
    async record(subject: ReviewSubject, source: ReviewSource, note: string | null, reviewer: Reviewer | null): Promise<ReviewView> {
      return strapi.db.transaction(async () => {
        const row = (await strapi.db.query(REVIEW).create({
          data: {
            subjectUid: subject.uid,
            subjectDocumentId: subject.documentId,
            subjectKey: subject.key,
            reviewedAt: new Date().toISOString(),
            reviewerId: reviewer?.userId ?? null,
            reviewerEmail: reviewer?.email ?? null,
            source,
            note,
          },
        })) as ReviewRow;
        await getService(strapi, 'audit').append({
          action: 'review',
          subjectUid: subject.uid,
          subjectDocumentId: subject.documentId,
          subjectKey: subject.key,
          unitCode: subject.unitCode,
          fields: ['note'],
        });
        // The ownership report's fact of a guide carries its last review: refreshed in this transaction.
        if (subject.uid === GUIDE) await getService(strapi, 'guide-facts').refreshFacts(subject.documentId);
        return view(row);
      });
    },

    /** POST /linkage/reviews: the admin who asks (`asker`, the request's) marks a record reviewed, without touching it. */
    async create(asker: (ReviewActor & Reviewer) | null, input: { uid?: unknown; documentId?: unknown; note?: unknown }): Promise<ReviewView> {
      const actor = requireActor(asker);
      const noteIssue = noteProblem(input.note);
      if (noteIssue) throw new Invalid([problem(['note'], noteIssue)]);
      const subject = await requireSubject(input.uid, input.documentId);
      const label = await getService(strapi, 'unit-labels').of([subject.unitCode, ...actor.scope]);
      const decision = reviewDecision(actor, subject.kind, subject.kind === 'guide' ? subject.unitCode : null, label);
      enforce(decision);
      // A review vouches for the content: a guide that lacks required fields is completed first.
      if (subject.kind === 'guide') {
        const assurance = await getService(strapi, 'assurance').guide(asker, subject.documentId);
        const lacking = assurance ? (assurance.completeness.publishedMissing ?? assurance.completeness.draftMissing) : [];
        if (lacking.length > 0) throw new Invalid([incompleteReviewProblem(lacking)], 'asker');
      }
      const note = typeof input.note === 'string' && input.note.trim() !== '' ? input.note : null;
      return this.record(subject, 'admin', note, asker);
    },

    /** GET /linkage/reviews?uid=&documentId=: a record's reviews, newest first. */
    async list(asker: ReviewActor | null, input: { uid?: unknown; documentId?: unknown }): Promise<{ subject: ReviewSubject; reviews: ReviewView[] }> {
      const actor = requireActor(asker);
      const subject = await requireSubject(input.uid, input.documentId);
      const label = await getService(strapi, 'unit-labels').of([subject.unitCode]);
      const decision = reviewReadDecision(actor, subject.kind, subject.kind === 'guide' ? subject.unitCode : null, label);
      enforce(decision);
      const rows = (await strapi.db.query(REVIEW).findMany({
        // Imported reviews name the record by key; every review names it by documentId too.
        where: { subjectUid: subject.uid, $or: [{ subjectDocumentId: subject.documentId }, { subjectKey: subject.key }] },
        orderBy: [{ reviewedAt: 'desc' }, { id: 'desc' }],
      })) as ReviewRow[];
      return { subject, reviews: rows.map(view) };
    },
  };
};
