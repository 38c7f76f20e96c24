// Admin routes (under /linkage), for the admin panel and admin API clients.
import { PLUGIN_ACTIONS } from '../domain/linkage-roles';

const may = (action: string, does: string) => ({ name: 'plugin::linkage.has-action', config: { action, does } });

export default {
  type: 'admin',
  routes: [
    {
      method: 'GET',
      path: '/items/health',
      handler: 'item-health.show',
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    },
    {
      method: 'GET',
      path: '/items/:documentId/flowchart',
      handler: 'item-flowchart.show',
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    },
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
      config: { policies: ['admin::isAuthenticatedAdmin', may(PLUGIN_ACTIONS.readMemberships, 'read memberships')] },
    },
    {
      method: 'POST',
      path: '/memberships',
      handler: 'memberships.create',
      config: { policies: ['admin::isAuthenticatedAdmin', may(PLUGIN_ACTIONS.manageMemberships, 'manage memberships')] },
    },
    {
      method: 'DELETE',
      path: '/memberships/:documentId',
      handler: 'memberships.delete',
      config: { policies: ['admin::isAuthenticatedAdmin', may(PLUGIN_ACTIONS.manageMemberships, 'manage memberships')] },
    },
  ],
};
