// GET /linkage/rules/coverage: ties and gaps of the responsibility rules, shown beside a rule's
// edit view so that whoever saves a rule sees what it left uncovered or ambiguous.
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { RuleCoverage } from '../contracts/assurance';
import { getService } from '../get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async coverage(ctx: Context) {
    ctx.body = { data: (await getService(strapi, 'assurance').coverage()) satisfies RuleCoverage };
  },
});
