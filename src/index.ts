import type { Core } from '@strapi/strapi';
import { seedDemoIfEmpty } from './bootstrap/demo-seed';
import { ensureFirstAdmin } from './bootstrap/first-admin';
import { ensureLocales } from './bootstrap/locales';

export default {
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureLocales(strapi);
    await ensureFirstAdmin(strapi);
    await seedDemoIfEmpty(strapi);
  },
};
