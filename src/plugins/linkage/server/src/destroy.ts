import type { Core } from '@strapi/strapi';
import { getService } from './get-service';
import { writesIdle } from './writes/pipeline';

// Work queued after a write runs after its commit: let it finish while the database is open.
const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  getService(strapi, 'database-health').stop();
  // The listening connection is not knex's: closed here, or it would keep the process alive.
  await getService(strapi, 'cluster-notifications').stop();
  await writesIdle();
  await getService(strapi, 'expected-handlers').idle();
  // The render threads would keep the process alive.
  await getService(strapi, 'renderer').stop();
};

export default destroy;
