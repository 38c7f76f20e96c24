// The Content Manager refuses with a bare "Forbidden" (an RBAC condition failed) or "Policy
// Failed" (the role lacks the action). For the plugin's types, say which unit is concerned and why,
// in the admin's language; for bulk actions, name the units of the guides outside the admin's.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { AdminText } from '../domain/admin-language';
import { requestReads } from '../domain/admin-read-routes';
import { denials } from '../domain/denials';
import { recordType } from '../domain/record-types';
import { bulkGuideDecision, guideReadDecision, guideWriteDecision, recordWriteDecision, type GuideAction } from '../domain/write-access';
import { GUIDE, isLinkageUid } from '../uids';
import { currentActor } from './actor';
import { refusal, requestLanguage } from './refusal';
import { getService } from '../get-service';

interface DeniedContext {
  params: { model?: string };
  query: Record<string, unknown>;
  method: string;
  _matchedRoute?: string;
  status: number;
  body: unknown;
  request: { body?: unknown };
}

interface ErrorBody {
  error?: { status?: number; message?: string; details?: unknown };
}

const BARE = ['Forbidden', 'Policy Failed'];

/** Why the user may not do what this request asks, or null when it is not about the plugin's types. */
async function reasonFor(strapi: Core.Strapi, ctx: DeniedContext): Promise<AdminText | null> {
  const model = ctx.params.model;
  if (!model || !isLinkageUid(model)) return null;
  const actor = await currentActor(strapi);
  if (!actor) return null;
  const reads = requestReads(
    { route: `${ctx.method === 'HEAD' ? 'GET' : ctx.method} ${ctx._matchedRoute ?? ''}`, params: ctx.params, query: ctx.query ?? {}, body: ctx.request.body },
    isLinkageUid,
    () => undefined
  );
  const verb = reads.kind === 'type' || reads.kind === 'documents' || reads.kind === 'row' ? reads.verb : ctx.method === 'GET' ? 'read' : 'update';
  const action: GuideAction | 'read' = verb === 'review' ? 'read' : verb;
  const documentIds = reads.kind === 'documents' ? reads.documentIds : [];
  // What Strapi's roles refused, as the plugin's rules explain it (they never grant more than the roles).
  const plain = { ...actor, isCityManager: false, isSuperAdmin: false };

  if (model !== GUIDE) {
    const decision = action === 'read' ? denials.readRolesLack(actor, model) : recordWriteDecision(plain, model, action);
    return decision.allowed ? denials.rolesLack(actor, verb, model).reason : decision.reason;
  }
  const owners = (await Promise.all(documentIds.map((id) => getService(strapi, 'store').ownerOf(recordType(GUIDE)!, id)))).filter((o): o is string => o !== null);
  const requested = (ctx.request.body ?? {}) as { unitCode?: unknown };
  const written = typeof requested.unitCode === 'string' ? requested.unitCode : null;
  const label = await getService(strapi, 'unit-labels').of([...owners, written, ...actor.scope]);
  const bulk = (ctx._matchedRoute ?? '').includes('/actions/bulk');
  const decision =
    action === 'read'
      ? guideReadDecision(plain, 'read', actor.mayWriteGuides || owners.length === 0, owners, label)
      : bulk
        ? bulkGuideDecision(plain, action, owners, label)
        : guideWriteDecision(plain, action, owners[0] ?? null, written, label);
  return decision.allowed ? denials.rolesLack(actor, verb, GUIDE).reason : decision.reason;
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
        if (reason) throw refusal(strapi, reason);
      }
      throw error;
    }
    // A failed RBAC condition answers a bare "Forbidden".
    const body = ctx.body as ErrorBody | undefined;
    if (ctx.status !== 403 || !body?.error || !BARE.includes(body.error.message ?? '')) return;
    const reason = await reasonFor(strapi, ctx);
    if (!reason) return;
    body.error.message = reason[requestLanguage(strapi)];
    body.error.details = { messages: reason };
  };

export function explainDenials(strapi: Core.Strapi): void {
  // A path cannot name the model: "::" would read as a parameter.
  strapi.server.router.use('/content-manager/collection-types/:model', explain(strapi) as never);
  strapi.server.router.use('/content-manager/single-types/:model', explain(strapi) as never);
}
