// After a unit or a department changes (outside an import, which checks the whole catalog),
// published items are checked again and what broke is reported.
import type { Core } from '@strapi/strapi';
import { DEPARTMENT, UNIT } from '../uids';
import { inTrustedWrites } from './trusted-writes';
import type { DocumentMiddleware } from './validate-writes';

type ItemHealthService = ReturnType<typeof import('../services/item-health').default>;

const WRITES = ['create', 'update', 'delete'];

export const recheckItems =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    const result = await next();
    if ((context.uid === UNIT || context.uid === DEPARTMENT) && WRITES.includes(context.action) && !inTrustedWrites()) {
      const what = context.uid === UNIT ? 'unit' : 'department';
      const code = (result as { code?: string } | null)?.code ?? (context.params as { documentId?: string }).documentId ?? '';
      await (strapi.plugin('linkage').service('item-health') as ItemHealthService).recheck(`the ${context.action} of ${what} ${code}`);
    }
    return result;
  };
