import type { Core } from '@strapi/strapi';
import { registerActions } from './access/actions';
import { registerConditions } from './access/conditions';
import { explainDenials } from './access/denial-messages';
import { gateAdminReads } from './access/read-gate';
import { scopeRelationPicker } from './access/relation-picker';
import { guardWrites } from './access/write-guard';
import { registerComponents } from './components';
import { registerCustomFields } from './custom-fields';
import { auditWrites, refuseAuditEntryWrites } from './document-service/audit-writes';
import { invalidatePublished } from './document-service/invalidate-published';
import { keepGuideFacts } from './document-service/guide-facts';
import { fillItemSlugs } from './document-service/item-slugs';
import { recheckItems } from './document-service/recheck-items';
import { recordChanges } from './document-service/record-changes';
import { reviewOnPublish } from './document-service/review-on-publish';
import { storeConditions } from './document-service/stored-conditions';
import { validateWrites } from './document-service/validate-writes';
import { carryStructureAcrossLocales } from './document-service/carry-structure';
import { keepGuideTitles } from './document-service/guide-titles';
import { publishSharedFields } from './document-service/publish-shared-fields';
import { checkWebUrls } from './document-service/web-urls';
import { refreshExpectedHandlers } from './document-service/refresh-expected-handlers';

const register = async ({ strapi }: { strapi: Core.Strapi }) => {
  registerCustomFields(strapi);
  registerComponents(strapi);
  registerConditions(strapi);
  await registerActions(strapi);
  // Order matters: who may write is decided first (403), then what is stored is normalised and
  // checked (400), generated slug included. Audit entries are never written through the Document
  // Service; every write that passed the checks is audited in a transaction enclosing it.
  strapi.documents.use(refuseAuditEntryWrites(strapi) as never);
  strapi.documents.use(guardWrites(strapi) as never);
  strapi.documents.use(storeConditions(strapi) as never);
  strapi.documents.use(fillItemSlugs(strapi) as never);
  strapi.documents.use(checkWebUrls as never);
  strapi.documents.use(validateWrites(strapi) as never);
  strapi.documents.use(keepGuideTitles(strapi) as never);
  strapi.documents.use(auditWrites(strapi) as never);
  // In the write's transaction: the other locales take the structure written, and the shared
  // fields just published.
  strapi.documents.use(carryStructureAcrossLocales(strapi) as never);
  strapi.documents.use(publishSharedFields(strapi) as never);
  strapi.documents.use(recordChanges(strapi) as never);
  strapi.documents.use(invalidatePublished(strapi) as never);
  strapi.documents.use(recheckItems(strapi) as never);
  strapi.documents.use(refreshExpectedHandlers(strapi) as never);
  // Innermost, in the write's transaction: a changed guide's publish records a review, and the
  // ownership report's guide fact is recomputed after it (so the fact has its last-review date).
  strapi.documents.use(keepGuideFacts(strapi) as never);
  strapi.documents.use(reviewOnPublish(strapi) as never);
  gateAdminReads(strapi);
  scopeRelationPicker(strapi);
  explainDenials(strapi);
};

export default register;
