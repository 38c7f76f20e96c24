// Reviews: records of their own (no draft & publish) that someone checked a record was accurate
// and current. Written only here, never through the Document Service, so no guard or edit path
// can change one; each is written with its audit entry in one transaction.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { guideKey } from '../domain/catalog-format';
import { incompleteReviewProblem } from '../domain/guide-assurance';
import { problem } from '../domain/problems';
import { noteProblem, reviewDecision, reviewReadDecision, type ReviewActor, type ReviewSubjectKind } from '../domain/review-access';
import { currentActor } from '../access/actor';
import { enforce } from '../access/refusal';
import { unitLabels } from '../access/write-guard';
import { validationError } from '../validation-error';
import { requestLanguage } from '../request-language';
import { GUIDE, ITEM, REVIEW, SITE_TEMPLATE } from '../uids';
import type { ReviewRow } from './store';

type AssuranceService = ReturnType<typeof import('./assurance').default>;

export type ReviewSource = 'admin' | 'publish';

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

/** The audit service (issue 6, item 4) when installed: a review is a write it records. */
interface AuditService {
  append(entry: { action: 'review'; subjectUid: string; subjectDocumentId: string; subjectKey: string; unitCode: string | null; fields: string[] }): Promise<unknown>;
}

const KINDS: Readonly<Record<string, ReviewSubjectKind>> = { [GUIDE]: 'guide', [ITEM]: 'item', [SITE_TEMPLATE]: 'template' };

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
  /** Drafts first: a guide's owner and key are its draft's (a city manager's move changes the draft). */
  async function subjectOf(uid: string, documentId: string): Promise<ReviewSubject | null> {
    // Own keys only: "__proto__" or "constructor" are no kind of record.
    const kind = Object.hasOwn(KINDS, uid) ? KINDS[uid] : undefined;
    if (!kind) return null;
    if (kind === 'guide') {
      const rows = (await strapi.db.query(GUIDE).findMany({ where: { documentId }, select: ['itemCode', 'stageKey', 'unitCode', 'publishedAt'] })) as Array<{
        itemCode: string;
        stageKey: string;
        unitCode: string;
        publishedAt: string | null;
      }>;
      const row = rows.find((r) => r.publishedAt === null) ?? rows[0];
      return row ? { kind, uid, documentId, key: guideKey({ item: row.itemCode, stage: row.stageKey, unit: row.unitCode }), unitCode: row.unitCode } : null;
    }
    if (kind === 'item') {
      const row = (await strapi.db.query(ITEM).findOne({ where: { documentId }, select: ['code', 'managingUnitCode'] })) as { code: string; managingUnitCode: string | null } | null;
      return row ? { kind, uid, documentId, key: row.code, unitCode: row.managingUnitCode ?? null } : null;
    }
    const row = (await strapi.db.query(SITE_TEMPLATE).findOne({ where: { documentId }, select: ['key'] })) as { key: string } | null;
    return row ? { kind, uid, documentId, key: row.key, unitCode: null } : null;
  }

  /** Checks the request's uid and documentId; throws 400 or 404. */
  async function requireSubject(uid: unknown, documentId: unknown): Promise<ReviewSubject> {
    if (typeof uid !== 'string' || !Object.hasOwn(KINDS, uid)) {
      throw validationError([problem(['uid'], `must be one of ${Object.keys(KINDS).join(', ')}, got ${JSON.stringify(uid ?? null)}`)]);
    }
    if (typeof documentId !== 'string' || documentId === '') throw validationError([problem(['documentId'], 'is required: the documentId of the record reviewed')]);
    const subject = await subjectOf(uid, documentId);
    if (!subject) throw new errors.NotFoundError(`No ${KINDS[uid]} has the documentId ${documentId}`, { parameter: 'documentId' });
    return subject;
  }

  async function requireActor(): Promise<ReviewActor> {
    const actor = await currentActor(strapi);
    if (!actor) throw new errors.UnauthorizedError('Reviews are given by a signed-in admin user');
    return actor;
  }

  return {
    subjectOf,

    /**
     * Stores one review and its audit entry together: a failed audit append leaves no review.
     * Nested in a Document Service call (a publish), the transaction joins the caller's.
     */
    async record(subject: ReviewSubject, source: ReviewSource, note: string | null): Promise<ReviewView> {
      const actor = await currentActor(strapi);
      return strapi.db.transaction(async () => {
        const row = (await strapi.db.query(REVIEW).create({
          data: {
            subjectUid: subject.uid,
            subjectDocumentId: subject.documentId,
            subjectKey: subject.key,
            reviewedAt: new Date().toISOString(),
            reviewerId: actor?.userId ?? null,
            reviewerEmail: actor?.email ?? null,
            source,
            note,
          },
        })) as ReviewRow;
        // The audit service is optional: installed with the audit trail.
        const audit = strapi.plugin('linkage').service('audit') as AuditService | undefined;
        await audit?.append({ action: 'review', subjectUid: subject.uid, subjectDocumentId: subject.documentId, subjectKey: subject.key, unitCode: subject.unitCode, fields: ['note'] });
        // The ownership report's fact of a guide carries its last review: refreshed in this transaction.
        if (subject.uid === GUIDE) await (strapi.plugin('linkage').service('ownership-report') as { refreshFacts(documentId: string): Promise<void> }).refreshFacts(subject.documentId);
        return view(row);
      });
    },

    /** POST /linkage/reviews: the current admin marks a record reviewed, without touching it. */
    async create(input: { uid?: unknown; documentId?: unknown; note?: unknown }): Promise<ReviewView> {
      const actor = await requireActor();
      const noteIssue = noteProblem(input.note);
      if (noteIssue) throw validationError([problem(['note'], noteIssue)]);
      const subject = await requireSubject(input.uid, input.documentId);
      const label = await unitLabels(strapi, [subject.unitCode, ...actor.scope]);
      const decision = reviewDecision(actor, subject.kind, subject.kind === 'guide' ? subject.unitCode : null, label);
      enforce(strapi, decision);
      // A review vouches for the content: a guide that lacks required fields is completed first.
      if (subject.kind === 'guide') {
        const assurance = await (strapi.plugin('linkage').service('assurance') as AssuranceService).guide(subject.documentId);
        const lacking = assurance ? (assurance.completeness.publishedMissing ?? assurance.completeness.draftMissing) : [];
        if (lacking.length > 0) throw validationError([incompleteReviewProblem(lacking)], requestLanguage(strapi));
      }
      const note = typeof input.note === 'string' && input.note.trim() !== '' ? input.note : null;
      return this.record(subject, 'admin', note);
    },

    /** GET /linkage/reviews?uid=&documentId=: a record's reviews, newest first. */
    async list(input: { uid?: unknown; documentId?: unknown }): Promise<{ subject: ReviewSubject; reviews: ReviewView[] }> {
      const actor = await requireActor();
      const subject = await requireSubject(input.uid, input.documentId);
      const label = await unitLabels(strapi, [subject.unitCode]);
      const decision = reviewReadDecision(actor, subject.kind, subject.kind === 'guide' ? subject.unitCode : null, label);
      enforce(strapi, decision);
      const rows = (await strapi.db.query(REVIEW).findMany({
        // Imported reviews name the record by key; every review names it by documentId too.
        where: { subjectUid: subject.uid, $or: [{ subjectDocumentId: subject.documentId }, { subjectKey: subject.key }] },
        orderBy: [{ reviewedAt: 'desc' }, { id: 'desc' }],
      })) as ReviewRow[];
      return { subject, reviews: rows.map(view) };
    },
  };
};
