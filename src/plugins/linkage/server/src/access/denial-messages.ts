// The Content Manager refuses with a bare "Forbidden" (an RBAC condition failed) or "Policy
// Failed" (the role lacks the action). For the plugin's types, say which unit is concerned and why.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { RECORD_KIND } from '../domain/linkage-roles';
import { guideWriteDecision, recordWriteDecision, type GuideAction } from '../domain/write-access';
import { GUIDE, isLinkageUid } from '../uids';
import { currentActor } from './actor';
import { guideOwner, unitLabels } from './write-guard';

interface DeniedContext {
  params: { model?: string };
  path: string;
  method: string;
  status: number;
  body: unknown;
  request: { body?: unknown };
}

interface ErrorBody {
  error?: { status?: number; message?: string };
}

const BARE = ['Forbidden', 'Policy Failed'];

const ACTIONS: Readonly<Record<string, GuideAction>> = {
  publish: 'publish',
  unpublish: 'unpublish',
  discard: 'discardDraft',
  bulkPublish: 'publish',
  bulkUnpublish: 'unpublish',
  bulkDelete: 'delete',
};

/** The document and action a Content Manager request is about, from its path and method. */
export function requestTarget(path: string, model: string, method: string): { documentId: string | null; action: GuideAction | 'read' } {
  const [, rest = ''] = path.split(`/${model}`);
  const parts = rest.split('/').filter(Boolean);
  if (parts[0] === 'clone') return { documentId: parts[1] ?? null, action: 'clone' };
  if (parts[0] === 'actions') return { documentId: null, action: ACTIONS[parts[1]] ?? (parts[1] === 'publish' ? 'publish' : 'create') };
  const documentId = parts[0] ?? null;
  if (parts[1] === 'actions') return { documentId, action: ACTIONS[parts[2]] ?? 'update' };
  const byMethod: Record<string, GuideAction | 'read'> = { GET: 'read', PUT: 'update', DELETE: 'delete', POST: 'create' };
  return { documentId, action: byMethod[method] ?? 'update' };
}

/** Why the user may not do what this request asks, or null when it is not about the plugin's types. */
async function reasonFor(strapi: Core.Strapi, ctx: DeniedContext): Promise<string | null> {
  const model = ctx.params.model;
  if (!model || !isLinkageUid(model)) return null;
  const actor = await currentActor(strapi);
  if (!actor) return null;
  const { documentId, action } = requestTarget(ctx.path, model, ctx.method);
  const kind = RECORD_KIND[model];

  if (model !== GUIDE) {
    if (action === 'read') return `your roles (${actor.roleNames.join(', ') || 'none'}) do not let you read ${kind}s`;
    const decision = recordWriteDecision({ ...actor, isCityManager: false, isSuperAdmin: false }, kind);
    return decision.allowed ? null : decision.reason;
  }
  const stored = documentId ? await guideOwner(strapi, documentId) : null;
  const requested = (ctx.request.body ?? {}) as { unitCode?: unknown };
  const written = typeof requested.unitCode === 'string' ? requested.unitCode : null;
  const label = await unitLabels(strapi, [stored, written, ...actor.scope]);
  if (action === 'read') {
    const mine = [...actor.scope].map(label).join(', ') || 'none';
    return stored
      ? `the guide belongs to ${label(stored)}, which is outside your units (${mine}); you may not read it`
      : `you may not read guides outside your units (${mine})`;
  }
  const decision = guideWriteDecision({ ...actor, isCityManager: false, isSuperAdmin: false }, action, stored, written, label);
  return decision.allowed ? `your roles do not let you ${action} this guide` : decision.reason;
}

const explain =
  (strapi: Core.Strapi) =>
  async (ctx: DeniedContext, next: () => Promise<unknown>): Promise<void> => {
    try {
      await next();
    } catch (error) {
      // A route policy (the role lacks the action) throws "Policy Failed".
      if (error instanceof errors.PolicyError && BARE.includes(error.message)) {
        const reason = await reasonFor(strapi, ctx);
        if (reason) throw new errors.PolicyError(reason);
      }
      throw error;
    }
    // A failed RBAC condition answers a bare "Forbidden".
    const body = ctx.body as ErrorBody | undefined;
    if (ctx.status !== 403 || !body?.error || !BARE.includes(body.error.message ?? '')) return;
    const reason = await reasonFor(strapi, ctx);
    if (reason) body.error.message = reason;
  };

export function explainDenials(strapi: Core.Strapi): void {
  // A path cannot name the model: "::" would read as a parameter.
  strapi.server.router.use('/content-manager/collection-types/:model', explain(strapi) as never);
  strapi.server.router.use('/content-manager/single-types/:model', explain(strapi) as never);
}
