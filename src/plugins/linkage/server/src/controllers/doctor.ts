// GET /linkage/doctor: every derived store recomputed and compared with what is stored (super admins).
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx: Context) {
    const report = await getService(strapi, 'doctor').examine();
    ctx.body = { ok: report.ok, differences: report.differences };
  },
});
