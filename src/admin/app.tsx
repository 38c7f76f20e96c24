import type { StrapiApp } from '@strapi/strapi/admin';
import zhHans from './translations/zh-Hans.json';

// Editors at every level work in Chinese; English stays available.
//
// Strapi 5.54's own zh-Hans catalogue of the Content Manager is keyed as "content-manager.…" and then
// prefixed again when loaded, so none of it applies; and Strapi has no zh-Hans for a good part of
// what editors see (the home page, the Content Manager's actions and statuses, the locale picker).
// `translations/zh-Hans.json` holds both under their real ids: the Content Manager's own 217 strings
// as Strapi ships them, and ours for the rest (`npm run admin:translations` lists what is still missing).
export default {
  config: {
    locales: ['zh-Hans'],
    translations: { 'zh-Hans': zhHans as Record<string, string> },
  },
  bootstrap(_app: StrapiApp) {},
};
