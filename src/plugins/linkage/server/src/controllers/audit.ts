// Admin API for the audit trail (behind plugin::linkage.audit.read):
//   GET /linkage/audit?unit=&subject=&user=&since=&page=&pageSize=   entries, newest first
//   GET /linkage/audit/verify                                       { ok, entries, firstBroken, last }
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { AuditEntry, AuditPagination, AuditVerifyReport } from '../contracts/audit';
import { problem, type Problem } from '../domain/problems';
import { Invalid } from '../domain/failures';
import { getService } from '../get-service';
import type { AuditFilter } from '../services/audit';

const MAX_PAGE_SIZE = 100;

/** The query of GET /linkage/audit as a filter, or the problems with it. */
export function auditFilterOf(query: Record<string, unknown>): { filter: AuditFilter } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const single = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') {
      problems.push(problem([name], 'must be given once, as text'));
      return undefined;
    }
    return value.trim();
  };
  const whole = (name: string, fallback: number, max: number): number => {
    const value = single(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
      problems.push(problem([name], `must be a whole number from 1 to ${max}, got ${JSON.stringify(value)}`));
      return fallback;
    }
    return Number(value);
  };

  const unitCode = single('unit');
  if (unitCode !== undefined && !/^\d{12}$/.test(unitCode)) problems.push(problem(['unit'], `must be a 12-digit unit code, got ${JSON.stringify(unitCode)}`));
  const subject = single('subject');
  const userText = single('user');
  // An id is a whole number an id column holds; any other text is an email (or "system").
  if (userText !== undefined && /^\d+$/.test(userText) && Number(userText) > 2_147_483_647)
    problems.push(problem(['user'], `must be an admin user id, an email or "system", got ${JSON.stringify(userText)}`));
  const user = userText === undefined ? undefined : /^\d+$/.test(userText) ? Number(userText) : userText;
  const sinceText = single('since');
  let since: string | undefined;
  if (sinceText !== undefined) {
    // A date alone means its start, in UTC, like every stored instant.
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(sinceText) ? new Date(`${sinceText}T00:00:00.000Z`) : /^\d{4}-\d{2}-\d{2}T/.test(sinceText) ? new Date(sinceText) : null;
    if (!parsed || Number.isNaN(parsed.getTime())) problems.push(problem(['since'], `must be a date (2024-05-01) or an ISO 8601 instant, got ${JSON.stringify(sinceText)}`));
    else since = parsed.toISOString();
  }
  const page = whole('page', 1, 1_000_000);
  const pageSize = whole('pageSize', 25, MAX_PAGE_SIZE);
  if (problems.length > 0) return { problems };
  return { filter: { unitCode, subject, user, since, page, pageSize } };
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const audit = () => getService(strapi, 'audit');
  return {
    async index(ctx: Context) {
      const parsed = auditFilterOf(ctx.query as Record<string, unknown>);
      if ('problems' in parsed) throw new Invalid(parsed.problems);
      const { entries, pagination } = await audit().list(parsed.filter);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: entries satisfies readonly AuditEntry[], meta: { pagination: pagination satisfies AuditPagination } };
    },

    async verify(ctx: Context) {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = (await audit().verify()) satisfies AuditVerifyReport;
    },
  };
};
