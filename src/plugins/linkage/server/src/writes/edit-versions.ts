// Remembers what each admin session's edit page read (services/edit-versions.ts): the version an
// edit form is built on, for optimistic concurrency (docs/adr/017-edit-versions.md).
import type { Core } from '@strapi/strapi';
import { getService } from '../get-service';
import type { DocumentMiddleware } from './pipeline';

export const rememberLoads =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    const result = await next();
    if (['findOne', 'findFirst', 'findMany'].includes(context.action) && result && typeof result === 'object') {
      await getService(strapi, 'edit-versions').rememberRead(context.uid, result as Record<string, unknown> | Array<Record<string, unknown>>);
    }
    return result;
  };
