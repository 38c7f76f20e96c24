// Publishing, unpublishing or deleting what a site shows writes a change in the same transaction.
import type { Core } from '@strapi/strapi';
import { subtreeCodes, ancestorsOf, indexUnits, type UnitFacts } from '../domain/unit-tree';
import { DEPARTMENT, GUIDE, GUIDE_SPEC, ITEM, SITE_TEMPLATE, UNIT } from '../uids';
import type { ChangeAction, ChangeRecord } from '../services/changes';
import type { DocumentMiddleware } from './validate-writes';

type ChangesService = ReturnType<typeof import('../services/changes').default>;

const PUBLISHABLE: readonly string[] = [ITEM, GUIDE, SITE_TEMPLATE];
const ALWAYS_PUBLIC: readonly string[] = [UNIT, DEPARTMENT, GUIDE_SPEC];

function actionOf(uid: string, action: string, params: { status?: string }): ChangeAction | null {
  if (action === 'delete') return 'deleted';
  if (PUBLISHABLE.includes(uid)) {
    if (action === 'publish' || ((action === 'create' || action === 'update') && params.status === 'published')) return 'published';
    if (action === 'unpublish') return 'unpublished';
    return null;
  }
  if (ALWAYS_PUBLIC.includes(uid) && (action === 'create' || action === 'update')) return 'published';
  return null;
}

export const recordChanges =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    const params = context.params as { documentId?: string; locale?: unknown; status?: string };
    const action = actionOf(context.uid, context.action, params);
    if (!action) return next();
    return strapi.db.transaction(async () => {
      // A deletion is described before the rows are gone; only what was public is news.
      const before = params.documentId ? await describe(strapi, context.uid, params.documentId) : null;
      if (action === 'deleted' && PUBLISHABLE.includes(context.uid) && !before?.wasPublished) return next();
      const result = (await next()) as { documentId?: string } | null;
      const documentId = params.documentId ?? result?.documentId;
      const subject = action === 'deleted' ? before : documentId ? await describe(strapi, context.uid, documentId) : null;
      if (subject && documentId) {
        const change: ChangeRecord = {
          action,
          subjectUid: context.uid,
          subjectDocumentId: documentId,
          subjectKey: subject.key,
          locale: typeof params.locale === 'string' ? params.locale : null,
          unitCodes: subject.unitCodes,
        };
        await (strapi.plugin('linkage').service('changes') as ChangesService).record(change);
      }
      return result;
    });
  };

interface Subject {
  key: string;
  unitCodes: string[];
  wasPublished: boolean;
}

/** What a document is called in the feed, and whose sites show it. */
async function describe(strapi: Core.Strapi, uid: string, documentId: string): Promise<Subject | null> {
  const rows = (await strapi.db.query(uid as 'plugin::linkage.guide').findMany({ where: { documentId } })) as Array<Record<string, unknown> & { publishedAt: string | null }>;
  const draft = rows.find((r) => r.publishedAt === null) ?? rows[0];
  if (!draft) return null;
  const wasPublished = rows.some((r) => r.publishedAt !== null);
  const around = async (unitCode: string) => {
    const units = (await strapi.db.query(UNIT).findMany({ select: ['code', 'level', 'kind', 'parentCode'] })) as UnitFacts[];
    const index = indexUnits(units);
    return [...new Set([...ancestorsOf(unitCode, index).map((u) => u.code), ...subtreeCodes(unitCode, units)])].sort();
  };
  switch (uid) {
    case GUIDE:
      return { key: `${draft.itemCode}/${draft.stageKey}/${draft.unitCode}`, unitCodes: await around(String(draft.unitCode)), wasPublished };
    case UNIT:
      return { key: String(draft.code), unitCodes: await around(String(draft.code)), wasPublished };
    case DEPARTMENT:
      return { key: String(draft.code), unitCodes: await around(String(draft.unitCode)), wasPublished };
    case ITEM:
      return { key: String(draft.code), unitCodes: ['*'], wasPublished };
    case SITE_TEMPLATE:
      return { key: String(draft.key), unitCodes: ['*'], wasPublished };
    default:
      return { key: 'guide-spec', unitCodes: ['*'], wasPublished };
  }
}
