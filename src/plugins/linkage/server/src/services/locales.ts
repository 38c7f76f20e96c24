// The locales of this Strapi (i18n), default first.
import type { Core } from '@strapi/strapi';

interface LocaleRecord {
  code: string;
  name: string;
  isDefault: boolean;
}

interface LocalesService {
  find(params?: object): Promise<LocaleRecord[]>;
  create(locale: { code: string; name: string; isDefault?: boolean }): Promise<LocaleRecord>;
  getDefaultLocale(): Promise<string>;
  setDefaultLocale(locale: { code: string }): Promise<void>;
}

interface IsoLocalesService {
  getIsoLocales(): Array<{ code: string; name: string }>;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const i18n = () => strapi.plugin('i18n').service('locales') as unknown as LocalesService;

  return {
    async defaultLocale(): Promise<string> {
      return i18n().getDefaultLocale();
    },

    /** Configured locale codes, the default first. */
    async codes(): Promise<string[]> {
      const [locales, defaultCode] = await Promise.all([i18n().find(), i18n().getDefaultLocale()]);
      const codes = locales.map((l) => l.code);
      return [defaultCode, ...codes.filter((c) => c !== defaultCode).sort()];
    },

    isKnownIsoLocale(code: string): boolean {
      const iso = strapi.plugin('i18n').service('iso-locales') as unknown as IsoLocalesService;
      return iso.getIsoLocales().some((l) => l.code === code);
    },

    /** Adds the locales that are missing; returns the codes added. */
    async ensure(codes: readonly string[]): Promise<string[]> {
      const existing = new Set((await i18n().find()).map((l) => l.code));
      const iso = strapi.plugin('i18n').service('iso-locales') as unknown as IsoLocalesService;
      const added: string[] = [];
      for (const code of codes) {
        if (existing.has(code)) continue;
        const name = iso.getIsoLocales().find((l) => l.code === code)?.name ?? code;
        await i18n().create({ code, name });
        added.push(code);
      }
      return added;
    },

    async setDefault(code: string): Promise<void> {
      await i18n().setDefaultLocale({ code });
    },
  };
};
