// Conditions written through the Content Manager or the Document Service are stored in the form
// that Strapi's JSON fields keep faithfully (see domain/stored-logic.ts).
import { toStoredLogic } from '../domain/stored-logic';
import { GUIDE, ITEM } from '../uids';
import type { DocumentMiddleware } from './validate-writes';

const CONDITION_FIELDS: Readonly<Record<string, { list: string; field: string }>> = {
  [ITEM]: { list: 'stages', field: 'appliesWhen' },
  [GUIDE]: { list: 'materials', field: 'when' },
};

export const storeConditions: DocumentMiddleware = async (context, next) => {
  const target = CONDITION_FIELDS[context.uid];
  const data = (context.params as { data?: Record<string, unknown> }).data;
  if (target && data && Array.isArray(data[target.list]) && ['create', 'update', 'clone'].includes(context.action)) {
    (context.params as { data: Record<string, unknown> }).data = {
      ...data,
      [target.list]: (data[target.list] as unknown[]).map((entry) =>
        typeof entry === 'object' && entry !== null && target.field in entry
          ? { ...entry, [target.field]: toStoredLogic((entry as Record<string, unknown>)[target.field]) }
          : entry
      ),
    };
  }
  return next();
};
