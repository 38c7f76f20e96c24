import type { StrapiApp } from '@strapi/strapi/admin';

// Editors at every level work in Chinese; English stays available.
export default {
  config: {
    locales: ['zh-Hans'],
  },
  bootstrap(_app: StrapiApp) {},
};
