// Every write of a linkage document, from any path (Content Manager, Document Service, API), is
// checked before anything is stored; a refused write stores nothing.
import type { Core } from '@strapi/strapi';
import { isLinkageUid } from '../uids';
import { inTrustedWrites } from './trusted-writes';
import { validationError } from './validation-error';
import type { WriteAction, WriteParams } from '../services/checks';

type ChecksService = ReturnType<typeof import('../services/checks').default>;

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
    if (!isLinkageUid(context.uid) || !WRITE_ACTIONS.includes(context.action) || inTrustedWrites()) return next();
    const checks = strapi.plugin('linkage').service('checks') as ChecksService;
    if (!checks.handles(context.uid)) return next();
    const problems = await checks.forWrite(context.uid, context.action as WriteAction, context.params as WriteParams);
    if (problems.length > 0) throw validationError(problems);
    return next();
  };
