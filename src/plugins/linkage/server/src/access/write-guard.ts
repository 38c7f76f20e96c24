// Enforcement in depth: in an admin request, every write on a linkage document is checked against
// the user's role and scope, whatever path it comes by (Content Manager create and clone check no
// condition, and update checks only the stored entry, not the new data). Denials are PolicyErrors:
// Strapi's router turns any other ForbiddenError into a bare "Forbidden".
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { RECORD_KIND } from '../domain/linkage-roles';
import { guideWriteDecision, recordWriteDecision, type GuideAction } from '../domain/write-access';
import { GUIDE, UNIT, isLinkageUid } from '../uids';
import type { DocumentMiddleware } from '../document-service/validate-writes';
import { currentActor } from './actor';

const WRITE_ACTIONS: readonly string[] = ['create', 'update', 'clone', 'delete', 'publish', 'unpublish', 'discardDraft'] satisfies GuideAction[];

export const guardWrites =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    if (!isLinkageUid(context.uid) || !WRITE_ACTIONS.includes(context.action)) return next();
    const actor = await currentActor(strapi);
    if (!actor) return next();
    const params = context.params as { documentId?: string; data?: { unitCode?: unknown } };

    if (context.uid !== GUIDE) {
      const decision = recordWriteDecision(actor, RECORD_KIND[context.uid]);
      if (!decision.allowed) throw new errors.PolicyError(decision.reason);
      return next();
    }

    const storedUnit = params.documentId ? await guideOwner(strapi, params.documentId) : null;
    const written = params.data && 'unitCode' in params.data && typeof params.data.unitCode === 'string' ? params.data.unitCode : null;
    const label = await unitLabels(strapi, [storedUnit, written, ...actor.scope]);
    const decision = guideWriteDecision(actor, context.action as GuideAction, storedUnit, written, label);
    if (!decision.allowed) throw new errors.PolicyError(decision.reason);
    return next();
  };

/**
 * A guide's owner is its draft's unitCode: a city manager's move changes the draft, and the moved
 * guide is the new owner's to publish, unpublish or discard, not the former owner's.
 */
export async function guideOwner(strapi: Core.Strapi, documentId: string): Promise<string | null> {
  const draft = (await strapi.db.query(GUIDE).findOne({ where: { documentId, publishedAt: null }, select: ['unitCode'] })) as { unitCode: string | null } | null;
  if (draft) return draft.unitCode;
  const any = (await strapi.db.query(GUIDE).findOne({ where: { documentId }, select: ['unitCode'] })) as { unitCode: string | null } | null;
  return any?.unitCode ?? null;
}

/** Names units for messages: `市北区 (370203000000)`. */
export async function unitLabels(strapi: Core.Strapi, codes: Array<string | null>): Promise<(code: string) => string> {
  const wanted = [...new Set(codes.filter((c): c is string => c !== null))];
  const locale = await (strapi.plugin('linkage').service('locales') as ReturnType<typeof import('../services/locales').default>).defaultLocale();
  const rows = (await strapi.db.query(UNIT).findMany({ where: { code: { $in: wanted }, locale }, select: ['code', 'name'] })) as Array<{ code: string; name: string }>;
  const names = new Map(rows.map((r) => [r.code, r.name]));
  return (code) => (names.get(code) ? `${names.get(code)} (${code})` : code);
}
