// What the edit forms offer to choose from, by name (services/editor-choices.ts). Each route is
// open to whoever may read that type in the Content Manager.
//   GET /linkage/editor/units?locale=            the unit tree
//   GET /linkage/editor/departments?locale=      every department, with its unit and type
//   GET /linkage/editor/items?locale=            every item, by title
//   GET /linkage/editor/items/:code?locale=      one item's questions and stages
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { EditorDepartment, EditorItem, EditorItemSummary, EditorUnit } from '../contracts/editor-choices';
import { NotFound } from '../domain/failures';
import { getService } from '../get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const choices = () => getService(strapi, 'editor-choices');
  const localeOf = (ctx: Context) => choices().localeOf(ctx.query.locale);

  return {
    async units(ctx: Context) {
      ctx.body = { data: (await choices().units(await localeOf(ctx))) satisfies EditorUnit[] };
    },

    async departments(ctx: Context) {
      ctx.body = { data: (await choices().departments(await localeOf(ctx))) satisfies EditorDepartment[] };
    },

    async items(ctx: Context) {
      ctx.body = { data: (await choices().items(await localeOf(ctx))) satisfies EditorItemSummary[] };
    },

    async item(ctx: Context) {
      const { code } = ctx.params as { code: string };
      const data = await choices().item(code, await localeOf(ctx));
      if (!data) throw new NotFound(`No item has the code ${code}`);
      ctx.body = { data: data satisfies EditorItem };
    },
  };
};
