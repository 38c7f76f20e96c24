// What the edit forms offer to choose from, by name: units, departments, and linked items with
// their questions and stages (the drafts: what city managers are working on), in one locale (a
// record missing in it is named in the default locale).
import type { Core } from '@strapi/strapi';
import { fromStoredLogic } from '../domain/stored-logic';
import { departmentKindName } from '../domain/vocabulary';
import { DEPARTMENT, ITEM, UNIT } from '../uids';
import { getService } from '../get-service';
import { POPULATE } from './store';

interface NamedRow {
  code: string;
  name: string | null;
  locale: string;
}

/** One row per code: the requested locale's, else the default locale's. */
const inLocale = <Row extends { code: string; locale: string }>(rows: readonly Row[], locale: string): Row[] => {
  const chosen = new Map<string, Row>();
  for (const row of rows) if (!chosen.has(row.code) || row.locale === locale) chosen.set(row.code, row);
  return [...chosen.values()];
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The locale asked for if there is one such, else the default. */
  async localeOf(requested: unknown): Promise<string> {
    const codes = await getService(strapi, 'locales').codes();
    return typeof requested === 'string' && codes.includes(requested) ? requested : codes[0];
  },

  async units(locale: string) {
    const rows = (await strapi.db.query(UNIT).findMany({ select: ['code', 'name', 'level', 'kind', 'parentCode', 'locale'], orderBy: { code: 'asc' } })) as Array<
      NamedRow & { level: string; kind: string; parentCode: string | null }
    >;
    return inLocale(rows, locale).map(({ code, name, level, kind, parentCode }) => ({ code, name: name ?? code, level, kind, parentCode }));
  },

  async departments(locale: string) {
    const rows = (await strapi.db.query(DEPARTMENT).findMany({ select: ['code', 'name', 'unitCode', 'kind', 'locale'], orderBy: { code: 'asc' } })) as Array<
      NamedRow & { unitCode: string; kind: string }
    >;
    return inLocale(rows, locale).map(({ code, name, unitCode, kind }) => ({ code, name: name ?? code, unitCode, kind, kindName: departmentKindName(kind, locale) }));
  },

  async items(locale: string) {
    const rows = (await strapi.db.query(ITEM).findMany({ where: { publishedAt: null }, select: ['code', 'title', 'locale'], orderBy: { code: 'asc' } })) as Array<{
      code: string;
      title: string | null;
      locale: string;
    }>;
    return inLocale(rows, locale).map(({ code, title }) => ({ code, title: title ?? code }));
  },

  /** One item's questions and stages; null when no item has the code. */
  async item(code: string, locale: string) {
    const rows = (await strapi.db.query(ITEM).findMany({ where: { code, publishedAt: null }, populate: POPULATE[ITEM] })) as Array<{
      code: string;
      title: string | null;
      locale: string;
      questions: Array<{
        key: string;
        kind: string;
        type: string;
        label: string | null;
        answerLevel: string | null;
        within: string | null;
        options: Array<{ value: string; label: string | null }>;
      }>;
      stages: Array<{ key: string; order: number; level: string; name: string | null; handler: unknown; appliesWhen: unknown }>;
    }>;
    const [row] = inLocale(rows, locale);
    if (!row) return null;
    return {
      code: row.code,
      title: row.title ?? row.code,
      questions: row.questions.map((q) => ({
        key: q.key,
        kind: q.kind,
        type: q.type,
        label: q.label ?? q.key,
        answerLevel: q.answerLevel,
        within: q.within,
        options: q.options.map((o) => ({ value: o.value, label: o.label ?? o.value })),
      })),
      stages: [...row.stages]
        .sort((a, b) => a.order - b.order)
        .map((s) => ({ key: s.key, name: s.name ?? s.key, level: s.level, handler: s.handler, appliesWhen: fromStoredLogic(s.appliesWhen) })),
    };
  },
});
