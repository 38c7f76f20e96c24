// Every write of a linkage document, from any path (Content Manager, Document Service, API), is
// checked before anything is stored; a refused write stores nothing.
import type { Core } from '@strapi/strapi';
import { denials } from '../domain/denials';
import { enforce } from '../access/refusal';
import { RESPONSIBILITY_RULE, REVIEW, isLinkageUid } from '../uids';
import { inTrustedWrites } from './trusted-writes';
import { requestLanguage } from '../request-language';
import { validationError } from './validation-error';
import type { WriteAction, WriteParams } from '../services/checks';

type ChecksService = ReturnType<typeof import('../services/checks').default>;
type AssuranceService = ReturnType<typeof import('../services/assurance').default>;

/** A review records that something was checked, and when: it is never changed afterwards. */
const REVIEW_CHANGES: readonly string[] = ['update', 'clone', 'delete', 'publish', 'unpublish', 'discardDraft'];

const WRITE_ACTIONS: readonly string[] = ['create', 'update', 'clone', 'publish', 'delete'] satisfies WriteAction[];

export interface DocumentMiddlewareContext {
  uid: string;
  action: string;
  params: Record<string, unknown>;
}

export type DocumentMiddleware = (context: DocumentMiddlewareContext, next: () => Promise<unknown>) => Promise<unknown>;

export const validateWrites =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    if (context.uid === REVIEW && REVIEW_CHANGES.includes(context.action)) {
      enforce(strapi, denials.reviewsImmutable(context.action));
    }
    if (!isLinkageUid(context.uid) || !WRITE_ACTIONS.includes(context.action) || inTrustedWrites()) return next();
    const checks = strapi.plugin('linkage').service('checks') as ChecksService;
    if (!checks.handles(context.uid)) return next();
    const problems = await checks.forWrite(context.uid, context.action as WriteAction, context.params as WriteParams);
    // Two rules over exactly the same records: refused (a tie between a level rule and a domain rule is only reported).
    if (context.uid === RESPONSIBILITY_RULE && problems.length === 0) {
      problems.push(...(await (strapi.plugin('linkage').service('assurance') as AssuranceService).ruleDuplicates(context.action, context.params as WriteParams)));
    }
    if (problems.length > 0) throw validationError(problems, requestLanguage(strapi));
    return next();
  };
