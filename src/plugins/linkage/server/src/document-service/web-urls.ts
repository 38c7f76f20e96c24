// Links are checked on every write of a Linkage record, drafts included (an item's other rules wait
// for its publication; a `javascript:` link never waits): the rule is domain/web-urls.ts.
import { webUrlProblems } from '../domain/web-urls';
import { isLinkageUid } from '../uids';
import type { DocumentMiddleware } from './validate-writes';
import { validationError } from './validation-error';

const WRITES: readonly string[] = ['create', 'update', 'clone'];

export const checkWebUrls: DocumentMiddleware = async (context, next) => {
  if (!isLinkageUid(context.uid) || !WRITES.includes(context.action)) return next();
  const problems = webUrlProblems(context.uid, context.params.data as Record<string, unknown> | undefined);
  if (problems.length > 0) throw validationError(problems);
  return next();
};
