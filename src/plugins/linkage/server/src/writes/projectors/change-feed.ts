// The public change feed's projector: publishing, unpublishing or deleting what a site shows writes
// a change in the write's own transaction (services/changes.ts numbers them without gaps).
import type { Core } from '@strapi/strapi';
import { changeSubject } from '../../domain/change-coverage';
import { indexUnits, type UnitFacts } from '../../domain/unit-tree';
import { changeActionOf, type WriteIntent } from '../../domain/write-intent';
import { getService } from '../../get-service';
import { UNIT } from '../../uids';
import type { Projector } from '../projectors';

type Row = Record<string, unknown> & { publishedAt?: string | null };

interface Subject {
  readonly key: string;
  readonly unitCodes: string[];
  readonly wasPublished: boolean;
}

export const changeFeed: Projector<Subject | null> = {
  name: 'change-feed',

  // A deletion is described before the rows are gone; only what was public is news.
  async before(strapi, intent) {
    return intent.documentId ? describe(strapi, intent, intent.documentId) : null;
  },

  async inTransaction(strapi, intent, written, before) {
    const action = changeActionOf(intent, before?.wasPublished ?? false);
    if (!action || !written.documentId) return;
    const subject = action === 'deleted' ? before : await describe(strapi, intent, written.documentId);
    if (!subject) return;
    await getService(strapi, 'changes').record({
      action,
      subjectUid: intent.type.uid,
      subjectDocumentId: written.documentId,
      subjectKey: subject.key,
      locale: intent.namedLocale,
      unitCodes: subject.unitCodes,
    });
  },
};

/** What a document is called in the feed, and whose sites show it (domain/change-coverage.ts). */
async function describe(strapi: Core.Strapi, intent: WriteIntent, documentId: string): Promise<Subject | null> {
  const rows = (await strapi.db.query(intent.type.uid as 'plugin::linkage.guide').findMany({ where: { documentId } })) as Row[];
  const draft = rows.find((r) => r.publishedAt === null || r.publishedAt === undefined) ?? rows[0];
  if (!draft) return null;
  const wasPublished = rows.some((r) => r.publishedAt !== null && r.publishedAt !== undefined);
  const units = (await strapi.db.query(UNIT).findMany({ select: ['code', 'level', 'kind', 'parentCode'] })) as UnitFacts[];
  const subject = changeSubject(intent.type.uid, draft, indexUnits(units));
  return { key: subject.key, unitCodes: [...subject.unitCodes], wasPublished };
}
