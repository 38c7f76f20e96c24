// After an item is (un)published or deleted, or a unit or department changes, the expected-handler
// table is refreshed once the write has committed (during an import, once writes go quiet).
import type { Core } from '@strapi/strapi';
import type { ExpectedHandlersService } from '../services/expected-handlers';
import { DEPARTMENT, ITEM, UNIT } from '../uids';
import { inTrustedWrites } from './trusted-writes';
import type { DocumentMiddleware } from './validate-writes';

const ITEM_ACTIONS = ['publish', 'unpublish', 'delete'];
const STRUCTURE_ACTIONS = ['create', 'update', 'delete', 'publish', 'unpublish'];

export const refreshExpectedHandlers =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    const result = await next();
    const uid = context.uid as string;
    const itemWrite = uid === ITEM && ITEM_ACTIONS.includes(context.action);
    const structureWrite = (uid === UNIT || uid === DEPARTMENT) && STRUCTURE_ACTIONS.includes(context.action);
    if (itemWrite || structureWrite) {
      const service = strapi.plugin('linkage').service('expected-handlers') as ExpectedHandlersService;
      const params = context.params as { documentId?: string };
      let itemCode: string | null = null;
      if (itemWrite) {
        const fromResult = (result as { entries?: Array<{ code?: string }>; code?: string } | null) ?? null;
        itemCode = fromResult?.code ?? fromResult?.entries?.[0]?.code ?? null;
        if (!itemCode && params.documentId) {
          const row = (await strapi.db.query(ITEM).findOne({ where: { documentId: params.documentId }, select: ['code'] })) as { code?: string } | null;
          itemCode = row?.code ?? null;
        }
      }
      const what = itemWrite && itemCode ? { itemCode } : ({ full: true } as const);
      const trusted = inTrustedWrites();
      await strapi.db.transaction(async ({ onCommit }) => {
        onCommit(() => (trusted ? service.scheduleQuietly() : service.schedule(what)));
      });
    }
    return result;
  };
