import type { Core } from '@strapi/strapi';
import type { ExpectedHandlersService } from './services/expected-handlers';

// Refreshes queued after a write run after its commit: let them finish while the database is open.
const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  await (strapi.plugin('linkage').service('expected-handlers') as ExpectedHandlersService).idle();
  // The render threads would keep the process alive.
  await (strapi.plugin('linkage').service('renderer') as { stop(): Promise<void> }).stop();
};

export default destroy;
