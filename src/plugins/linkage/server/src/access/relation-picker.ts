// The Content Manager's relation picker reads the database directly, so no document middleware
// sees it: its guide results are filtered here to the requesting editor's scope, as the RBAC
// conditions filter the Content Manager's lists.
import type { Core } from '@strapi/strapi';
import { GUIDE } from '../uids';
import { currentActor } from './actor';

interface RelationsBody {
  results?: Array<{ unitCode?: string | null; documentId?: string }>;
  pagination?: { total?: number };
}

const targetOf = (strapi: Core.Strapi, model: string, field: string): string | undefined => {
  const attributes = strapi.getModel(model as 'plugin::linkage.guide')?.attributes as Record<string, { type: string; target?: string }> | undefined;
  const attribute = attributes?.[field];
  return attribute?.type === 'relation' ? attribute.target : undefined;
};

export interface RelationsContext {
  params: { model: string; targetField: string };
  body: unknown;
}

/** The router middleware: after the picker answers, drop the guides outside the editor's scope. */
export const relationPickerScope =
  (strapi: Core.Strapi) =>
  async (ctx: RelationsContext, next: () => Promise<unknown>): Promise<void> => {
    await next();
    if (targetOf(strapi, ctx.params.model, ctx.params.targetField) !== GUIDE) return;
    const actor = await currentActor(strapi);
    if (!actor || actor.isSuperAdmin || actor.isCityManager || actor.isAuditor) return;
    const body = ctx.body as RelationsBody | undefined;
    if (!body || !Array.isArray(body.results)) return;
    const documentIds = body.results.map((r) => r.documentId).filter((id): id is string => typeof id === 'string');
    // A guide's owner is its draft's unitCode (see guideOwner).
    const owners = (await strapi.db.query(GUIDE).findMany({ where: { documentId: { $in: documentIds }, publishedAt: null }, select: ['documentId', 'unitCode'] })) as Array<{
      documentId: string;
      unitCode: string;
    }>;
    const ownerOf = new Map(owners.map((o) => [o.documentId, o.unitCode]));
    const before = body.results.length;
    body.results = body.results.filter((r) => actor.scope.has(ownerOf.get(r.documentId ?? '') ?? ''));
    if (body.pagination?.total !== undefined) body.pagination.total -= before - body.results.length;
  };

export function scopeRelationPicker(strapi: Core.Strapi): void {
  const filter = relationPickerScope(strapi);
  strapi.server.router.use('/content-manager/relations/:model/:targetField', filter as never);
  strapi.server.router.use('/content-manager/relations/:model/:id/:targetField', filter as never);
}
