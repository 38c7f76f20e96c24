// The Content Manager refuses an out-of-scope guide with a bare "Forbidden" (its RBAC condition
// failed). Say which unit the guide belongs to and why the user may not touch it.
import type { Core } from '@strapi/strapi';
import { guideWriteDecision, type GuideAction } from '../domain/write-access';
import { GUIDE } from '../uids';
import { currentActor } from './actor';
import { unitLabels } from './write-guard';

interface ErrorBody {
  error?: { status?: number; message?: string };
}

const ACTIONS: Readonly<Record<string, GuideAction>> = {
  publish: 'publish',
  unpublish: 'unpublish',
  discard: 'discardDraft',
};

/** The document and action a Content Manager guide request is about, from its path and method. */
function requestTarget(path: string, method: string): { documentId: string | null; action: GuideAction | 'read' } {
  const [, rest = ''] = path.split(`/${GUIDE}`);
  const parts = rest.split('/').filter(Boolean);
  if (parts[0] === 'clone') return { documentId: parts[1] ?? null, action: 'clone' };
  if (parts[0] === 'actions') return { documentId: null, action: ACTIONS[parts[1]] ?? 'update' };
  const documentId = parts[0] ?? null;
  if (parts[1] === 'actions') return { documentId, action: ACTIONS[parts[2]] ?? 'update' };
  const byMethod: Record<string, GuideAction | 'read'> = { GET: 'read', PUT: 'update', DELETE: 'delete', POST: 'create' };
  return { documentId, action: byMethod[method] ?? 'update' };
}

export function explainGuideDenials(strapi: Core.Strapi): void {
  // A path cannot name the model: "::" would read as a parameter.
  strapi.server.router.use('/content-manager/collection-types/:model', (async (
    ctx: { params: { model?: string }; path: string; method: string; status: number; body: unknown },
    next: () => Promise<unknown>
  ) => {
    await next();
    if (ctx.params.model !== GUIDE) return;
    const body = ctx.body as ErrorBody | undefined;
    if (ctx.status !== 403 || body?.error?.message !== 'Forbidden') return;
    const actor = await currentActor(strapi);
    if (!actor) return;
    const { documentId, action } = requestTarget(ctx.path, ctx.method);
    const stored = documentId
      ? ((await strapi.db.query(GUIDE).findOne({ where: { documentId }, select: ['unitCode'] })) as { unitCode: string } | null)
      : null;
    const label = await unitLabels(strapi, [stored?.unitCode ?? null, ...actor.scope]);
    const mine = [...actor.scope].map(label).join(', ') || 'none';
    if (action === 'read') {
      body.error.message = stored
        ? `the guide belongs to ${label(stored.unitCode)}, which is outside your units (${mine}); you may not read it`
        : `you may not read guides outside your units (${mine})`;
      return;
    }
    const decision = guideWriteDecision({ ...actor, isCityManager: false, isSuperAdmin: false }, action, stored?.unitCode ?? null, null, label);
    body.error.message = decision.allowed
      ? `your role does not allow you to ${action === 'discardDraft' ? 'discard drafts of' : action} guides`
      : decision.reason;
  }) as never);
}
