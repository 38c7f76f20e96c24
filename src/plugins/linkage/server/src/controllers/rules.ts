// GET /linkage/rules/coverage: ties and gaps of the responsibility rules, shown beside a rule's
// edit view so that whoever saves a rule sees what it left uncovered or ambiguous.
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

type AssuranceService = ReturnType<typeof import('../services/assurance').default>;

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async coverage(ctx: Context) {
    ctx.body = { data: await (strapi.plugin('linkage').service('assurance') as AssuranceService).coverage() };
  },
});
