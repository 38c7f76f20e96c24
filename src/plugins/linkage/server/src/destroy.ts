import type { Core } from '@strapi/strapi';
import { getService } from './get-service';

// Refreshes queued after a write run after its commit: let them finish while the database is open.
const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'expected-handlers').idle();
  // The render threads would keep the process alive.
  await getService(strapi, 'renderer').stop();
};

export default destroy;
