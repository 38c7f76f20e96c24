// The app's content locales: zh-Hans (the default, set in config/plugins.ts) and en.
import type { Core } from '@strapi/strapi';

export const APP_LOCALES = ['zh-Hans', 'en'];

interface LocalesService {
  ensure(codes: readonly string[]): Promise<string[]>;
}

export async function ensureLocales(strapi: Core.Strapi): Promise<void> {
  const added = await (strapi.plugin('linkage').service('locales') as unknown as LocalesService).ensure(APP_LOCALES);
  if (added.length > 0) strapi.log.info(`[linkage] Locales added: ${added.join(', ')}`);
}
