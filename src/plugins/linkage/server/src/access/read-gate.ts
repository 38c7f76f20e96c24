// The read gate: on every admin route, once the admin is authenticated and before the route's own
// policies and handler run, the linkage records the request names are checked against the admin's
// read permission on their type, RBAC conditions included (the Content Manager's own check), so no
// route reads another unit's guide. Strapi applies conditions to its list and single read only.
//
// Reaching into Strapi: the gate wraps the `authenticate` method of Strapi's auth service, which
// every route's handler chain calls with the route's continuation (docs/adr/001-read-gate.md). At
// boot the service's shape is checked, and a router middleware refuses any authenticated admin
// request the gate did not see (fail closed), should a Strapi version stop calling it.
import type { Core } from '@strapi/strapi';
import { requestReads, type AdminRequest } from '../domain/admin-read-routes';
import { denials } from '../domain/denials';
import { nulPath } from '../domain/nul-characters';
import { problem } from '../domain/problems';
import { validationError } from '../http-errors';
import { guideReadDecision } from '../domain/write-access';
import { GUIDE, isLinkageUid } from '../uids';
import { currentActor, SUPER_ADMIN_CODE } from './actor';
import { enforce } from './refusal';
import { getService } from '../get-service';

interface AuthService {
  authenticate(ctx: GateContext, next: () => Promise<unknown>): Promise<unknown>;
  verify: unknown;
  register: unknown;
}

interface Ability {
  can(action: string, subject?: unknown): boolean;
}

export interface GateContext {
  method: string;
  _matchedRoute?: string;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  request: { body?: unknown };
  state: {
    route?: { info?: { type?: string; pluginName?: string } };
    auth?: { strategy?: { name?: string } };
    user?: { id: number; email?: string; roles?: Array<{ code: string }> };
    userAbility?: Ability;
    linkageReadGate?: boolean;
  };
}

interface PermissionChecker {
  can: { read(entity?: object): boolean };
  cannot: { read(entity?: object): boolean };
}

const GATED = Symbol.for('linkage.read-gate');

type Row = Record<string, unknown> & { documentId: string; publishedAt?: string | null; unitCode?: string | null };

/** The rows that decide who may read each document: its drafts when it has any (a guide's owner is its draft's), else its rows. */
function decidingRows(rows: Row[]): Row[] {
  const byDocument = new Map<string, Row[]>();
  for (const row of rows) byDocument.set(row.documentId, [...(byDocument.get(row.documentId) ?? []), row]);
  return [...byDocument.values()].flatMap((group) => {
    const drafts = group.filter((r) => r.publishedAt === null);
    return drafts.length > 0 ? drafts : group;
  });
}

async function checkReads(strapi: Core.Strapi, ctx: GateContext): Promise<void> {
  const { state } = ctx;
  if (state.auth?.strategy?.name !== 'admin' || !state.user) return;
  if ((state.user.roles ?? []).some((r) => r.code === SUPER_ADMIN_CODE)) return;
  // The plugin's own routes each require a plugin action, and their services apply the scope.
  if (state.route?.info?.pluginName === 'linkage') return;
  const request: AdminRequest = {
    route: `${ctx.method === 'HEAD' ? 'GET' : ctx.method} ${ctx._matchedRoute ?? ''}`,
    params: ctx.params ?? {},
    query: ctx.query ?? {},
    body: ctx.request.body,
  };
  const relationTarget = (model: string, field: string) => {
    const attribute = (strapi.getModel(model as 'plugin::linkage.guide')?.attributes as Record<string, { type: string; target?: string }> | undefined)?.[field];
    return attribute?.type === 'relation' ? attribute.target : undefined;
  };
  const reads = requestReads(request, isLinkageUid, relationTarget);
  if (reads.kind === 'none' || reads.kind === 'type') return;
  if (reads.kind === 'unreviewed') return enforce(strapi, denials.unreviewedRoute(request.route, reads.uid));

  const checker = (
    strapi.plugin('content-manager').service('permission-checker') as unknown as { create(args: { userAbility?: Ability; model: string }): PermissionChecker }
  ).create({
    userAbility: state.userAbility,
    model: reads.uid,
  });
  const query = strapi.db.query(reads.uid as 'plugin::linkage.guide');
  const rows = (
    reads.kind === 'row'
      ? Number.isSafeInteger(reads.id)
        ? await query.findMany({ where: { id: reads.id } })
        : []
      : reads.documentIds.length > 0
        ? await query.findMany({ where: { documentId: { $in: [...reads.documentIds] } } })
        : []
  ) as Row[];
  // A row asked for by id stands for its document: whoever may read the document may read it.
  const documents = reads.kind === 'row' && rows.length > 0 ? ((await query.findMany({ where: { documentId: rows[0].documentId } })) as Row[]) : rows;
  const mayReadType = checker.can.read();
  const unreadable = mayReadType ? decidingRows(documents).filter((row) => checker.cannot.read(row)) : decidingRows(documents);
  if (mayReadType && unreadable.length === 0) return;
  const actor = await currentActor(strapi);
  if (!actor) return;
  const action = reads.verb === 'review' ? 'read' : reads.verb;
  if (reads.uid === GUIDE) {
    const owners = unreadable.map((r) => r.unitCode ?? '').filter(Boolean);
    const label = await getService(strapi, 'unit-labels').of([...owners, ...actor.scope]);
    enforce(strapi, guideReadDecision(actor, action, mayReadType, owners, label));
    return;
  }
  enforce(strapi, mayReadType ? denials.recordsUnreadable(actor, reads.uid) : denials.readRolesLack(actor, reads.uid));
}

/**
 * Text holding a NUL character (U+0000), in the route's parameters, query or body: refused with a
 * 400 naming the field, for every route (the routes have matched here, so path parameters are known).
 * Postgres cannot store or compare it. The site pages render their own refusals, and look nothing
 * up with raw input.
 */
function refuseNulCharacters(ctx: GateContext & { path?: string }): void {
  if (ctx.path?.startsWith('/sites/')) return;
  // The router also keeps captures by position ("0"): the named ones are the fields.
  const named = Object.fromEntries(Object.entries(ctx.params ?? {}).filter(([key]) => !/^\d+$/.test(key)));
  const found = nulPath(named) ?? nulPath(ctx.query ?? {}) ?? nulPath(ctx.request.body);
  if (found) throw validationError([problem(found.length > 0 ? found : ['body'], 'must not contain the NUL character (U+0000)')]);
}

/** Wraps Strapi's authentication so that every route checks its input, and every admin route its reads, right after it. */
export function gateAdminReads(strapi: Core.Strapi): void {
  const auth = strapi.get('auth') as AuthService | undefined;
  if (!auth || typeof auth.authenticate !== 'function' || typeof auth.verify !== 'function' || typeof auth.register !== 'function') {
    throw new Error("[linkage] read gate: Strapi's auth service no longer has authenticate(ctx, next); the gate cannot guard admin reads (docs/adr/001-read-gate.md)");
  }
  if ((auth.authenticate as unknown as Record<symbol, boolean>)[GATED]) return;
  const authenticate = auth.authenticate;
  const gated = async function (this: unknown, ctx: GateContext, next: () => Promise<unknown>) {
    return authenticate.call(auth, ctx, async () => {
      refuseNulCharacters(ctx);
      await checkReads(strapi, ctx);
      ctx.state.linkageReadGate = true;
      return next();
    });
  };
  (gated as unknown as Record<symbol, boolean>)[GATED] = true;
  auth.authenticate = gated;
  // Fail closed: an authenticated admin request that reached its route without passing the gate
  // means Strapi no longer authenticates through this service; refuse it rather than serve it.
  strapi.server.router.use(async (ctx: unknown, next: () => Promise<unknown>) => {
    await next();
    const c = ctx as GateContext & { status: number; body: unknown };
    if (c.state.auth?.strategy?.name === 'admin' && c.state.user && c.state.route?.info?.type === 'admin' && !c.state.linkageReadGate) {
      strapi.log.error(`[linkage] read gate: ${c.method} ${c._matchedRoute} ran without the gate; refused (docs/adr/001-read-gate.md)`);
      c.status = 500;
      c.body = { data: null, error: { status: 500, name: 'InternalServerError', message: 'Linkage could not check this request against the read scope' } };
    }
  });
}
