// GET /api/linkage/changes?since=CURSOR&unit=CODE&limit=
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { Invalid } from '../domain/failures';
import { problem } from '../domain/problems';
import { getService } from '../get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async index(ctx: Context) {
    const query = ctx.query as Record<string, unknown>;
    const problems = (['since', 'unit', 'limit'] as const)
      .filter((name) => query[name] !== undefined && typeof query[name] !== 'string')
      .map((name) => problem([name], 'must be given once, as text'));
    if (problems.length > 0) throw new Invalid(problems);
    const { since = '0', unit, limit = '100' } = query as Record<string, string | undefined>;
    if (!/^\d{1,15}$/.test(since)) problems.push(problem(['since'], `must be a change number (0 for the start), got ${JSON.stringify(since)}`));
    if (!/^\d+$/.test(limit) || Number(limit) < 1 || Number(limit) > 1000)
      problems.push(problem(['limit'], `must be a whole number from 1 to 1000, got ${JSON.stringify(limit)}`));
    if (unit !== undefined && !(await getService(strapi, 'store').unitExists(unit))) problems.push(problem(['unit'], `no unit has the code ${unit}`));
    if (problems.length > 0) throw new Invalid(problems);
    const { changes, cursor, more } = await getService(strapi, 'changes').list(Number(since), unit ?? null, Number(limit));
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = { data: changes, meta: { cursor, more } };
  },
});
