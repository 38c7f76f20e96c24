// What the edit forms offer to choose from, by name: units, departments, and linked items with
// their questions and stages (the drafts: what city managers are working on). Each route is open
// to whoever may read that type in the Content Manager.
//   GET /linkage/editor/units?locale=            the unit tree
//   GET /linkage/editor/departments?locale=      every department, with its unit and type
//   GET /linkage/editor/items?locale=            every item, by title
//   GET /linkage/editor/items/:code?locale=      one item's questions and stages
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { departmentKindName } from '../domain/vocabulary';
import { fromStoredLogic } from '../domain/stored-logic';
import { DEPARTMENT, ITEM, UNIT } from '../uids';
import { POPULATE } from '../services/store';

type LocalesService = ReturnType<typeof import('../services/locales').default>;

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

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const localeOf = async (ctx: Context): Promise<string> => {
    const codes = await (strapi.plugin('linkage').service('locales') as LocalesService).codes();
    return typeof ctx.query.locale === 'string' && codes.includes(ctx.query.locale) ? ctx.query.locale : codes[0];
  };

  return {
    async units(ctx: Context) {
      const locale = await localeOf(ctx);
      const rows = (await strapi.db.query(UNIT).findMany({ select: ['code', 'name', 'level', 'kind', 'parentCode', 'locale'], orderBy: { code: 'asc' } })) as Array<
        NamedRow & { level: string; kind: string; parentCode: string | null }
      >;
      ctx.body = { data: inLocale(rows, locale).map(({ code, name, level, kind, parentCode }) => ({ code, name: name ?? code, level, kind, parentCode })) };
    },

    async departments(ctx: Context) {
      const locale = await localeOf(ctx);
      const rows = (await strapi.db.query(DEPARTMENT).findMany({ select: ['code', 'name', 'unitCode', 'kind', 'locale'], orderBy: { code: 'asc' } })) as Array<
        NamedRow & { unitCode: string; kind: string }
      >;
      ctx.body = {
        data: inLocale(rows, locale).map(({ code, name, unitCode, kind }) => ({ code, name: name ?? code, unitCode, kind, kindName: departmentKindName(kind, locale) })),
      };
    },

    async items(ctx: Context) {
      const locale = await localeOf(ctx);
      const rows = (await strapi.db.query(ITEM).findMany({ where: { publishedAt: null }, select: ['code', 'title', 'locale'], orderBy: { code: 'asc' } })) as Array<{
        code: string;
        title: string | null;
        locale: string;
      }>;
      ctx.body = { data: inLocale(rows, locale).map(({ code, title }) => ({ code, title: title ?? code })) };
    },

    async item(ctx: Context) {
      const locale = await localeOf(ctx);
      const { code } = ctx.params as { code: string };
      const rows = (await strapi.db.query(ITEM).findMany({ where: { code, publishedAt: null }, populate: POPULATE[ITEM] })) as Array<{
        code: string;
        title: string | null;
        locale: string;
        questions: Array<{ key: string; kind: string; type: string; label: string | null; answerLevel: string | null; within: string | null; options: Array<{ value: string; label: string | null }> }>;
        stages: Array<{ key: string; order: number; level: string; name: string | null; handler: unknown; appliesWhen: unknown }>;
      }>;
      const [row] = inLocale(rows, locale);
      if (!row) return ctx.notFound(`No item has the code ${code}`);
      ctx.body = {
        data: {
          code: row.code,
          title: row.title ?? row.code,
          questions: row.questions.map((q) => ({ key: q.key, kind: q.kind, type: q.type, label: q.label ?? q.key, answerLevel: q.answerLevel, within: q.within, options: q.options.map((o) => ({ value: o.value, label: o.label ?? o.value })) })),
          stages: [...row.stages]
            .sort((a, b) => a.order - b.order)
            .map((s) => ({ key: s.key, name: s.name ?? s.key, level: s.level, handler: s.handler, appliesWhen: fromStoredLogic(s.appliesWhen) })),
        },
      };
    },
  };
};
