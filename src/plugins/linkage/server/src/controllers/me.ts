// GET /linkage/me: the signed-in admin's linkage roles and the units their memberships cover.
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { currentActor } from '../access/actor';
import { UNIT } from '../uids';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx: Context) {
    const actor = await currentActor(strapi);
    if (!actor) return ctx.unauthorized();
    const units = (await strapi.db.query(UNIT).findMany({ where: { code: { $in: [...actor.scope] } }, select: ['code', 'name', 'level', 'locale'] })) as Array<{
      code: string;
      name: string;
      level: string;
      locale: string;
    }>;
    const byCode = new Map<string, { code: string; level: string; name: Record<string, string> }>();
    for (const u of units) {
      const entry = byCode.get(u.code) ?? { code: u.code, level: u.level, name: {} };
      entry.name[u.locale] = u.name;
      byCode.set(u.code, entry);
    }
    ctx.body = {
      data: {
        email: actor.email,
        isSuperAdmin: actor.isSuperAdmin,
        isCityManager: actor.isCityManager,
        isAuditor: actor.isAuditor,
        units: [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code)),
      },
    };
  },
});
