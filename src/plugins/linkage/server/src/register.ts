import type { Core } from '@strapi/strapi';
import { registerActions } from './access/actions';
import { registerConditions } from './access/conditions';
import { explainDenials } from './access/denial-messages';
import { gateAdminReads } from './access/read-gate';
import { scopeRelationPicker } from './access/relation-picker';
import { registerComponents } from './components';
import { registerCustomFields } from './custom-fields';
import { installGracefulShutdown } from './graceful-shutdown';
import { assertStrapiInternals } from './internals/self-checks';
import { rememberLoads } from './writes/edit-versions';
import { writePipeline } from './writes/pipeline';

const register = async ({ strapi }: { strapi: Core.Strapi }) => {
  // docs/adr: what the plugin patches in Strapi is checked first, and the boot fails if it moved.
  assertStrapiInternals(strapi, 'register');
  // SIGTERM and SIGINT let the requests in flight finish before Strapi stops.
  installGracefulShutdown(strapi);
  registerCustomFields(strapi);
  registerComponents(strapi);
  registerConditions(strapi);
  await registerActions(strapi);
  // Every write of a linkage record, from any path, goes through the one write pipeline.
  strapi.documents.use(writePipeline(strapi) as never);
  // What each admin session's edit forms were built on, for optimistic concurrency.
  strapi.documents.use(rememberLoads(strapi) as never);
  gateAdminReads(strapi);
  scopeRelationPicker(strapi);
  explainDenials(strapi);
};

export default register;
