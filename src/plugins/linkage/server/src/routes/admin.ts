// Admin routes (under /linkage), for the admin panel.
export default {
  type: 'admin',
  routes: [
    {
      method: 'GET',
      path: '/items/:documentId/checks',
      handler: 'item-checks.show',
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    },
  ],
};
