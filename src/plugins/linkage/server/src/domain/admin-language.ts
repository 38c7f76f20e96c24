// The language an admin reads the plugin's messages in: the interface language chosen in their
// Strapi profile (`preferedLanguage`), else their browser's best match, else English (Strapi's own
// default). Chinese in any script or region reads the simplified Chinese texts.
import { negotiateLocale } from './locale-negotiation';

export const ADMIN_LANGUAGES = ['en', 'zh-Hans'] as const;
export type AdminLanguage = (typeof ADMIN_LANGUAGES)[number];

const asAdminLanguage = (tag: string): AdminLanguage | null => {
  const lower = tag.trim().toLowerCase();
  if (lower === '') return null;
  if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-Hans';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return null;
};

export function adminLanguage(preferred: string | null | undefined, acceptLanguage: string | undefined): AdminLanguage {
  const chosen = typeof preferred === 'string' ? asAdminLanguage(preferred) : null;
  if (chosen) return chosen;
  const negotiated = negotiateLocale(undefined, acceptLanguage, ['en', 'zh-Hans']);
  return negotiated.locale as AdminLanguage;
}

/** A text in both languages the admin speaks. */
export interface AdminText {
  readonly en: string;
  readonly 'zh-Hans': string;
}

export const inLanguage = (text: AdminText, language: AdminLanguage): string => text[language];

export { asAdminLanguage };
