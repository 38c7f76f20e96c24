// GET /api/linkage/changes?since=CURSOR&unit=CODE&limit=
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { Invalid } from '../domain/failures';
import { problem } from '../domain/problems';
import { json } from '../services/render-cache';
import { acceptOnly } from './public-parameters';
import { sender } from './send';
import { getService } from '../get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const send = sender(strapi);
  const changes = () => getService(strapi, 'changes');
  return {
    async index(ctx: Context) {
      acceptOnly(ctx, { since: 'one', unit: 'one', limit: 'one' });
      const { since = '0', unit, limit = '100' } = ctx.query as Record<string, string | undefined>;
      const problems = [];
      if (!/^\d{1,15}$/.test(since)) problems.push(problem(['since'], `must be a change number (0 for the start), got ${JSON.stringify(since)}`));
      if (!/^\d+$/.test(limit) || Number(limit) < 1 || Number(limit) > 1000)
        problems.push(problem(['limit'], `must be a whole number from 1 to 1000, got ${JSON.stringify(limit)}`));
      if (unit !== undefined && !(await getService(strapi, 'store').unitExists(unit))) problems.push(problem(['unit'], `no unit has the code ${unit}`));
      if (problems.length > 0) throw new Invalid(problems);
      // A cursor past the head would skip the changes made until the feed reaches it.
      const head = await changes().head();
      if (Number(since) > head) throw new Invalid([problem(['since'], `is past the last change (${head}): use a cursor this feed gave, or 0 for the start`)]);
      const { changes: data, cursor, more } = await changes().list(Number(since), unit ?? null, Number(limit));
      send(ctx, json({ data, meta: { cursor, more } }), 'feed');
    },
  };
};
