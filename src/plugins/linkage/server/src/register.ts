import type { Core } from '@strapi/strapi';
import { registerActions } from './access/actions';
import { registerConditions } from './access/conditions';
import { explainDenials } from './access/denial-messages';
import { scopeRelationPicker } from './access/relation-picker';
import { guardWrites } from './access/write-guard';
import { registerComponents } from './components';
import { invalidatePublished } from './document-service/invalidate-published';
import { fillItemSlugs } from './document-service/item-slugs';
import { recheckItems } from './document-service/recheck-items';
import { recordChanges } from './document-service/record-changes';
import { storeConditions } from './document-service/stored-conditions';
import { validateWrites } from './document-service/validate-writes';

const register = async ({ strapi }: { strapi: Core.Strapi }) => {
  registerComponents(strapi);
  registerConditions(strapi);
  await registerActions(strapi);
  // Order matters: who may write is decided first (403), then what is stored is normalised and
  // checked (400), generated slug included.
  strapi.documents.use(guardWrites(strapi) as never);
  strapi.documents.use(storeConditions as never);
  strapi.documents.use(fillItemSlugs(strapi) as never);
  strapi.documents.use(validateWrites(strapi) as never);
  strapi.documents.use(recordChanges(strapi) as never);
  strapi.documents.use(invalidatePublished(strapi) as never);
  strapi.documents.use(recheckItems(strapi) as never);
  scopeRelationPicker(strapi);
  explainDenials(strapi);
};

export default register;
