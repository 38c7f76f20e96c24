// Units named for messages in each language: `市北区 (370203000000)`, `Shibei District (370203000000)`.
// Read by the services that refuse (assurance, reviews) and by the access layer.
import type { Core } from '@strapi/strapi';
import type { AdminText } from '../domain/admin-language';
import type { UnitLabel } from '../domain/denials';
import { UNIT } from '../uids';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async of(codes: ReadonlyArray<string | null>): Promise<UnitLabel> {
    const wanted = [...new Set(codes.filter((c): c is string => c !== null))];
    const rows = (await strapi.db.query(UNIT).findMany({ where: { code: { $in: wanted }, locale: { $in: ['zh-Hans', 'en'] } }, select: ['code', 'name', 'locale'] })) as Array<{
      code: string;
      name: string;
      locale: string;
    }>;
    const name = (code: string, locale: string) => rows.find((r) => r.code === code && r.locale === locale)?.name ?? rows.find((r) => r.code === code)?.name;
    const one = (code: string, locale: string) => (name(code, locale) ? `${name(code, locale)} (${code})` : code);
    return (code): AdminText => ({ en: one(code, 'en'), 'zh-Hans': one(code, 'zh-Hans') });
  },
});
