// The check step: a write the plugin's rules refuse is a 400 naming each field, and nothing is
// stored. Links are checked on every write that carries data (drafts and imports included: a
// `javascript:` link never waits); the other rules (services/checks.ts) skip an import, which was
// checked as a whole; two responsibility rules over exactly the same records are refused.
import type { Core } from '@strapi/strapi';
import type { Problem } from '../domain/problems';
import { webUrlProblems } from '../domain/web-urls';
import { checked, linksChecked, type WriteIntent } from '../domain/write-intent';
import { getService } from '../get-service';
import { requestLanguage } from '../request-language';
import { RESPONSIBILITY_RULE, type LinkageUid } from '../uids';
import { validationError } from '../http-errors';
import type { WriteParams } from '../services/checks';

export async function checkWrite(strapi: Core.Strapi, intent: WriteIntent, params: Record<string, unknown>): Promise<void> {
  if (linksChecked(intent)) {
    const problems = webUrlProblems(intent.type.uid, intent.data ?? undefined);
    if (problems.length > 0) throw validationError(problems);
  }
  if (!checked(intent)) return;
  const problems: Problem[] = await getService(strapi, 'checks').forWrite(intent.type.uid as LinkageUid, intent.action, params as WriteParams);
  if (intent.type.uid === RESPONSIBILITY_RULE && problems.length === 0) {
    problems.push(...(await getService(strapi, 'assurance').ruleDuplicates(intent.action, params as WriteParams)));
  }
  if (problems.length > 0) throw validationError(problems, requestLanguage(strapi));
}
