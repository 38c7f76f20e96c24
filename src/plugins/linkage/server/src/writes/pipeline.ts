// The one write pipeline: every Document Service call on a linkage record, from any path (Content
// Manager, bulk actions, clone, the Document Service, an import), runs these steps in this order:
//
//   refuse (append-only and immutable types) → guard (403) → normalise → check (400)
//   → one transaction { a stale edit refused (409); the write; the in-transaction projectors, in list order }
//   → the after-commit projectors.
//
// What each call means is decided by domain/write-intent.ts (pure); which projectors it feeds, by
// `storesFed` and `followUps` there. Projectors are listed once, in writes/projectors.ts.
import type { Core } from '@strapi/strapi';
import { enforce } from '../access/refusal';
import { guardWrite } from '../access/write-guard';
import { currentActor } from '../access/actor';
import { denials } from '../domain/denials';
import { callTarget, classifyCall, refusalOf, type DocumentCall, type WriteIntent, type WritePath } from '../domain/write-intent';
import { getService } from '../get-service';
import { toHttpError } from '../http-errors';
import { inTrustedWrites } from '../write-trust';
import { checkWrite } from './check';
import { inCarriedWrite } from './carried';
import { normaliseWrite } from './normalise';
import { projectorsFor, type Written } from './projectors';

export interface DocumentMiddlewareContext {
  uid: string;
  action: string;
  params: Record<string, unknown>;
}

export type DocumentMiddleware = (context: DocumentMiddlewareContext, next: () => Promise<unknown>) => Promise<unknown>;

type Row = Record<string, unknown>;

const pending = new Set<Promise<void>>();

/** Resolves once after-commit work already started has finished (for shutdown and tests). */
export async function writesIdle(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}

function pathOf(strapi: Core.Strapi, admin: boolean): WritePath {
  if (!admin) return 'server';
  const ctx = strapi.requestContext.get() as { request?: { path?: string } } | undefined;
  return /\/actions\/bulk/.test(ctx?.request?.path ?? '') ? 'admin-bulk' : 'admin';
}

async function intentOf(strapi: Core.Strapi, call: DocumentCall): Promise<WriteIntent | null> {
  const target = callTarget(call);
  if (!target) return null;
  const admin = (await currentActor(strapi)) !== null;
  return classifyCall(call, {
    defaultLocale: await getService(strapi, 'locales').defaultLocale(),
    storedOwner: target.documentId ? await getService(strapi, 'store').ownerOf(target.type, target.documentId) : null,
    trusted: inTrustedWrites(),
    path: pathOf(strapi, admin),
    carried: inCarriedWrite(),
  });
}

export const writePipeline =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    let intent = await intentOf(strapi, context);
    if (!intent) return next();

    const refused = refusalOf(intent);
    if (refused === 'append-only') enforce(strapi, denials.auditAppendOnly(intent.action));
    if (refused === 'immutable') enforce(strapi, denials.reviewsImmutable(intent.action));

    await guardWrite(strapi, intent);
    intent = await normaliseWrite(strapi, intent, context.params);
    await checkWrite(strapi, intent, context.params);

    const projectors = projectorsFor(intent);
    const outermost = !strapi.db.inTransaction();
    const afterCommit: Array<() => Promise<void>> = [];
    const result = await strapi.db.transaction(async ({ onCommit }) => {
      // Every audited write takes the audit lock before any other: one order, no deadlock.
      if (intent.type.feeds.includes('audit-trail')) await getService(strapi, 'audit').lock();
      // A save built on a version another save has replaced is refused (409), under the lock.
      const madeVersion = await getService(strapi, 'edit-versions')
        .guardFreshness(intent)
        .catch((error: unknown) => {
          throw toHttpError(strapi, error);
        });
      const before = new Map<string, unknown>();
      for (const projector of projectors) if (projector.before) before.set(projector.name, await projector.before(strapi, intent));
      const returned = (await next()) as (Row & { documentId?: string; entries?: Row[] }) | null;
      // A create or a clone acts on the document it makes.
      const made = intent.action === 'create' || intent.action === 'clone';
      const written: Written = { documentId: (made ? returned?.documentId : intent.documentId) ?? null, result: returned, entries: returned?.entries ?? [] };
      for (const projector of projectors) if (projector.inTransaction) await projector.inTransaction(strapi, intent, written, before.get(projector.name));
      if (madeVersion) onCommit(await madeVersion());
      const later = projectors.filter((p) => p.afterCommit).map((p) => () => p.afterCommit!(strapi, intent, written));
      if (later.length > 0) {
        if (outermost) afterCommit.push(...later);
        else onCommit(() => track(strapi, later));
      }
      return returned;
    });
    // A write that opened the transaction sees its derived stores up to date when it returns.
    if (afterCommit.length > 0) await track(strapi, afterCommit);
    return result;
  };

/** Runs after-commit work in order; a failure is logged (the write itself is committed). */
function track(strapi: Core.Strapi, work: ReadonlyArray<() => Promise<void>>): Promise<void> {
  const run = (async () => {
    for (const step of work) {
      try {
        await step();
      } catch (error) {
        strapi.log.error(`[linkage] after-commit work failed: ${(error as Error).message} (the doctor finds and repairs what it left out of step)`);
        // When the database could not be reached, what it kept is rebuilt once it answers again.
        getService(strapi, 'database-health').afterCommitFailed(error);
      }
    }
  })();
  pending.add(run);
  void run.finally(() => pending.delete(run));
  return run;
}
