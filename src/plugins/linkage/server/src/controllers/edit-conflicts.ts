// GET /linkage/edit-conflict?model&documentId&locale: whether the record the signed-in admin's edit
// page shows has since been saved by someone else (their save would be refused), so the page can
// say so before they save; and the save of theirs that was refused, if any, told once (the Content
// Manager reloads the record after a refused save, so the page can offer to apply the editor's changes
// again). Only what this session itself read or saved is answered.
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { AdminText } from '../domain/admin-language';
import { fieldNames, type EditConflict } from '../domain/edit-conflict';
import { InvalidParameter } from '../domain/failures';
import { recordType } from '../domain/record-types';
import { getService } from '../get-service';

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx: Context) {
    const model = text(ctx.query.model);
    if (!model || !recordType(model)) throw new InvalidParameter('model', 'must name a linkage record type, such as plugin::linkage.guide');
    const documentId = text(ctx.query.documentId);
    if (!documentId) throw new InvalidParameter('documentId', 'is required: the record being edited');
    const versions = getService(strapi, 'edit-versions');
    const locale = text(ctx.query.locale);
    const view = (conflict: EditConflict | null, message: (c: EditConflict) => AdminText) =>
      conflict ? { ...conflict, fields: fieldNames(model, conflict.fields), message: message(conflict) } : null;
    ctx.body = {
      conflict: view(await versions.conflictOf(model, documentId, locale), versions.staleWarning),
      refused: view(versions.takeRefusal(model, documentId, locale), (c) => versions.conflictFailure(c).reason),
    };
  },
});
