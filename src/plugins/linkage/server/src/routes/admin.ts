// Admin routes (under /linkage), for the admin panel and admin API clients.
import { PLUGIN_ACTIONS } from '../domain/linkage-roles';

const may = (action: string) => ({ name: 'admin::hasPermissions', config: { actions: [action] } });

export default {
  type: 'admin',
  routes: [
    {
      method: 'GET',
      path: '/items/:documentId/checks',
      handler: 'item-checks.show',
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    },
    {
      method: 'GET',
      path: '/me',
      handler: 'me.show',
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    },
    {
      method: 'GET',
      path: '/memberships',
      handler: 'memberships.index',
      config: { policies: ['admin::isAuthenticatedAdmin', may(PLUGIN_ACTIONS.readMemberships)] },
    },
    {
      method: 'POST',
      path: '/memberships',
      handler: 'memberships.create',
      config: { policies: ['admin::isAuthenticatedAdmin', may(PLUGIN_ACTIONS.manageMemberships)] },
    },
    {
      method: 'DELETE',
      path: '/memberships/:documentId',
      handler: 'memberships.delete',
      config: { policies: ['admin::isAuthenticatedAdmin', may(PLUGIN_ACTIONS.manageMemberships)] },
    },
  ],
};
