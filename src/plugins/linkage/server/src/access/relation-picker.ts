// The Content Manager's relation picker reads the database directly, so no document middleware
// sees it: its guide results are filtered here to the requesting editor's scope, as the RBAC
// conditions filter the Content Manager's lists.
import type { Core } from '@strapi/strapi';
import { problem } from '../domain/problems';
import { validationError } from '../http-errors';
import { GUIDE, isLinkageUid } from '../uids';
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
    // A guide's owner is its draft's unitCode (see the store's ownerOf).
    const owners = (await strapi.db.query(GUIDE).findMany({ where: { documentId: { $in: documentIds }, publishedAt: null }, select: ['documentId', 'unitCode'] })) as Array<{
      documentId: string;
      unitCode: string;
    }>;
    const ownerOf = new Map(owners.map((o) => [o.documentId, o.unitCode]));
    const before = body.results.length;
    body.results = body.results.filter((r) => actor.scope.has(ownerOf.get(r.documentId ?? '') ?? ''));
    if (body.pagination?.total !== undefined) body.pagination.total -= before - body.results.length;
  };

/**
 * Linkage records name each other by codes: none of their fields is a relation a picker could list.
 * Strapi's picker answers 500 for the relation i18n adds (`localizations`); a 400 says why instead.
 * (Should a Linkage type gain a relation to another, its picker passes, scoped by relationPickerScope.)
 */
export const refuseLinkagePickers =
  (strapi: Core.Strapi) =>
  async (ctx: { params: { model: string }; path: string }, next: () => Promise<unknown>): Promise<unknown> => {
    const { model } = ctx.params;
    if (!isLinkageUid(model)) return next();
    // The field is the path's last segment, with or without a source document before it.
    const targetField = decodeURIComponent(ctx.path.split('/').pop() ?? '');
    // i18n's `localizations` points back at the model itself: no field of a Linkage type relates to another record.
    if (targetField !== 'localizations' && isLinkageUid(targetOf(strapi, model, targetField) ?? '')) return next();
    throw validationError([problem(['targetField'], `${model} has no relation "${targetField}" to pick from: Linkage records name each other by codes`)]);
  };

export function scopeRelationPicker(strapi: Core.Strapi): void {
  const refuse = refuseLinkagePickers(strapi);
  strapi.server.router.use('/content-manager/relations/:model', refuse as never);
  const filter = relationPickerScope(strapi);
  strapi.server.router.use('/content-manager/relations/:model/:targetField', filter as never);
  strapi.server.router.use('/content-manager/relations/:model/:id/:targetField', filter as never);
}
