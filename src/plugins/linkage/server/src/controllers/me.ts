// GET /linkage/me: the signed-in admin's linkage roles and the units their memberships cover.
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { Me } from '../contracts/me';
import { currentActor } from '../access/actor';
import { Unauthenticated } from '../domain/failures';
import { getService } from '../get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx: Context) {
    const actor = await currentActor(strapi);
    if (!actor) throw new Unauthenticated('Only a signed-in admin user has linkage roles and units');
    ctx.body = {
      data: {
        email: actor.email,
        isSuperAdmin: actor.isSuperAdmin,
        isCityManager: actor.isCityManager,
        isAuditor: actor.isAuditor,
        units: await getService(strapi, 'store').namedUnits([...actor.scope]),
      } satisfies Me,
    };
  },
});
