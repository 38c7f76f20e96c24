import type { Core } from '@strapi/strapi';
import { seedDemoIfEmpty } from './bootstrap/demo-seed';
import { ensureFirstAdmin } from './bootstrap/first-admin';

export default {
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureFirstAdmin(strapi);
    await seedDemoIfEmpty(strapi);
  },
};
