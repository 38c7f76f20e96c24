// Admin routes (under /linkage), for the admin panel and admin API clients.
import { PLUGIN_ACTIONS } from '../domain/linkage-roles';

const may = (action: string, does: string, subject?: string) => ({ name: 'plugin::linkage.has-action', config: { action, does, subject } });
// Checking and drawing an item's form being edited is part of editing items.
const mayEditItems = may('plugin::content-manager.explorer.update', 'edit linked items', 'plugin::linkage.item');

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
      method: 'POST',
      path: '/items/checks',
      handler: 'item-checks.form',
      config: { policies: ['admin::isAuthenticatedAdmin', mayEditItems] },
    },
    {
      method: 'POST',
      path: '/items/flowchart',
      handler: 'item-flowchart.form',
      config: { policies: ['admin::isAuthenticatedAdmin', mayEditItems] },
    },
    // What the edit forms offer to choose from, to whoever may read that type.
    {
      method: 'GET',
      path: '/editor/units',
      handler: 'editor-choices.units',
      config: { policies: ['admin::isAuthenticatedAdmin', may('plugin::content-manager.explorer.read', 'read units', 'plugin::linkage.unit')] },
    },
    {
      method: 'GET',
      path: '/editor/departments',
      handler: 'editor-choices.departments',
      config: { policies: ['admin::isAuthenticatedAdmin', may('plugin::content-manager.explorer.read', 'read departments', 'plugin::linkage.department')] },
    },
    {
      method: 'GET',
      path: '/editor/items',
      handler: 'editor-choices.items',
      config: { policies: ['admin::isAuthenticatedAdmin', may('plugin::content-manager.explorer.read', 'read linked items', 'plugin::linkage.item')] },
    },
    {
      method: 'GET',
      path: '/editor/items/:code',
      handler: 'editor-choices.item',
      config: { policies: ['admin::isAuthenticatedAdmin', may('plugin::content-manager.explorer.read', 'read linked items', 'plugin::linkage.item')] },
    },
    {
      method: 'GET',
      path: '/me',
      handler: 'me.show',
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    },
    {
      method: 'GET',
      path: '/reports/ownership',
      handler: 'reports.ownership',
      config: { policies: ['admin::isAuthenticatedAdmin', may(PLUGIN_ACTIONS.readReports, 'read ownership reports')] },
    },
    {
      method: 'GET',
      path: '/reports/ownership/records',
      handler: 'reports.records',
      config: { policies: ['admin::isAuthenticatedAdmin', may(PLUGIN_ACTIONS.readReports, 'read ownership reports')] },
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
    // The audit trail: read and verified, never written (it is append-only).
    {
      method: 'GET',
      path: '/audit',
      handler: 'audit.index',
      config: { policies: ['admin::isAuthenticatedAdmin', may(PLUGIN_ACTIONS.readAudit, 'read the audit trail')] },
    },
    {
      method: 'GET',
      path: '/audit/verify',
      handler: 'audit.verify',
      config: { policies: ['admin::isAuthenticatedAdmin', may(PLUGIN_ACTIONS.readAudit, 'verify the audit trail')] },
    },
    // Content assurance: reviews, rule coverage, one guide's assurance, my guides.
    {
      method: 'POST',
      path: '/reviews',
      handler: 'reviews.create',
      config: { policies: ['admin::isAuthenticatedAdmin', may(PLUGIN_ACTIONS.createReviews, 'mark records reviewed')] },
    },
    {
      method: 'GET',
      path: '/reviews',
      handler: 'reviews.index',
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    },
    {
      method: 'GET',
      path: '/rules/coverage',
      handler: 'rules.coverage',
      config: { policies: ['admin::isAuthenticatedAdmin', may(PLUGIN_ACTIONS.readReports, 'read the coverage of responsibility rules')] },
    },
    {
      method: 'GET',
      path: '/guides/:documentId/assurance',
      handler: 'assurance.guide',
      // Whoever may read the guide (editors: their units' guides), decided by the service.
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    },
    {
      method: 'GET',
      path: '/my-guides',
      handler: 'assurance.myGuides',
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    },
    {
      method: 'POST',
      path: '/my-guides/missing',
      handler: 'assurance.createMissing',
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    },
  ],
};
