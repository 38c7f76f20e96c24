// Conditions written through the Content Manager or the Document Service are stored in the form
// that Strapi's JSON fields keep faithfully (see domain/stored-logic.ts); text is parsed or refused.
import type { Core } from '@strapi/strapi';
import { conditionFromInput } from '../domain/stored-logic';
import { movedTo, type Problem } from '../domain/problems';
import { requestLanguage } from '../request-language';
import { GUIDE, ITEM } from '../uids';
import { validationError } from './validation-error';
import type { DocumentMiddleware } from './validate-writes';

const CONDITION_FIELDS: Readonly<Record<string, { list: string; field: string }>> = {
  [ITEM]: { list: 'stages', field: 'appliesWhen' },
  [GUIDE]: { list: 'materials', field: 'when' },
};

export const storeConditions =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    const target = CONDITION_FIELDS[context.uid];
    const data = (context.params as { data?: Record<string, unknown> }).data;
    if (!target || !data || !Array.isArray(data[target.list]) || !['create', 'update', 'clone'].includes(context.action)) return next();
    const problems: Problem[] = [];
    const entries = (data[target.list] as unknown[]).map((entry, i) => {
      if (typeof entry !== 'object' || entry === null || !(target.field in entry)) return entry;
      const input = conditionFromInput((entry as Record<string, unknown>)[target.field]);
      if (!input.ok) {
        problems.push(movedTo([target.list, i, target.field], input.problem));
        return entry;
      }
      return { ...entry, [target.field]: input.stored };
    });
    if (problems.length > 0) throw validationError(problems, requestLanguage(strapi));
    (context.params as { data: Record<string, unknown> }).data = { ...data, [target.list]: entries };
    return next();
  };
