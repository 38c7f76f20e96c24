// Admin routes (under /linkage), for the admin panel and admin API clients.
import { PLUGIN_ACTIONS } from '../domain/linkage-roles';
import type { HasActionConfig } from '../policies/has-action';
import { ITEM, SITE_TEMPLATE } from '../uids';

// Every route requires one of the plugin's actions (a test checks it), so no role reaches a route
// by default: Strapi's stock roles hold none of them.
const may = (action: string, en: string, zh: string, reads?: string) => ({
  name: 'plugin::linkage.has-action',
  config: { action, does: { en, 'zh-Hans': zh }, ...(reads ? { reads } : {}) } satisfies HasActionConfig,
});
const inspectItems = may(PLUGIN_ACTIONS.inspectItems, "read items' publishing checks, flow charts and health", '查看联动事项的发布检查、流程图和健康状况', ITEM);
const readAssurance = may(PLUGIN_ACTIONS.readAssurance, "read guides' assurance and reviews", '查看指南的内容保障和复核记录');
// Checking and drawing the item form being edited is part of editing items.
const inspectItemForms = {
  name: 'plugin::linkage.has-action',
  config: {
    action: PLUGIN_ACTIONS.inspectItems,
    does: { en: 'check and draw item forms', 'zh-Hans': '检查和绘制联动事项表单' },
    reads: ITEM,
    edits: ITEM,
  } satisfies HasActionConfig,
};
// What the edit forms offer to choose from, to whoever may read that type.
const chooseFrom = (uid: string, en: string, zh: string) => may(PLUGIN_ACTIONS.readAssurance, en, zh, uid);

export default {
  type: 'admin',
  routes: [
    {
      method: 'GET',
      path: '/items/health',
      handler: 'item-health.show',
      config: { policies: ['admin::isAuthenticatedAdmin', inspectItems] },
    },
    {
      method: 'GET',
      path: '/items/:documentId/flowchart',
      handler: 'item-flowchart.show',
      config: { policies: ['admin::isAuthenticatedAdmin', inspectItems] },
    },
    {
      method: 'GET',
      path: '/items/:documentId/checks',
      handler: 'item-checks.show',
      config: { policies: ['admin::isAuthenticatedAdmin', inspectItems] },
    },
    {
      method: 'POST',
      path: '/items/checks',
      handler: 'item-checks.form',
      config: { policies: ['admin::isAuthenticatedAdmin', inspectItemForms] },
    },
    {
      method: 'POST',
      path: '/items/flowchart',
      handler: 'item-flowchart.form',
      config: { policies: ['admin::isAuthenticatedAdmin', inspectItemForms] },
    },
    {
      method: 'GET',
      path: '/editor/units',
      handler: 'editor-choices.units',
      config: { policies: ['admin::isAuthenticatedAdmin', chooseFrom('plugin::linkage.unit', 'choose units in edit forms', '在编辑表单中选择单位')] },
    },
    {
      method: 'GET',
      path: '/editor/departments',
      handler: 'editor-choices.departments',
      config: { policies: ['admin::isAuthenticatedAdmin', chooseFrom('plugin::linkage.department', 'choose departments in edit forms', '在编辑表单中选择部门')] },
    },
    {
      method: 'GET',
      path: '/editor/items',
      handler: 'editor-choices.items',
      config: { policies: ['admin::isAuthenticatedAdmin', chooseFrom(ITEM, 'choose linked items in edit forms', '在编辑表单中选择联动事项')] },
    },
    {
      method: 'GET',
      path: '/editor/items/:code',
      handler: 'editor-choices.item',
      config: { policies: ['admin::isAuthenticatedAdmin', chooseFrom(ITEM, 'choose linked items in edit forms', '在编辑表单中选择联动事项')] },
    },
    {
      method: 'POST',
      path: '/site-templates/:documentId/preview',
      handler: 'template-preview.link',
      config: {
        policies: ['admin::isAuthenticatedAdmin', may(PLUGIN_ACTIONS.readAssurance, "preview site templates with a unit's pages", '用单位的页面预览站点模板', SITE_TEMPLATE)],
      },
    },
    {
      method: 'GET',
      path: '/me',
      handler: 'me.show',
      config: { policies: ['admin::isAuthenticatedAdmin', readAssurance] },
    },
    {
      method: 'GET',
      path: '/reports/ownership',
      handler: 'reports.ownership',
      config: { policies: ['admin::isAuthenticatedAdmin', may(PLUGIN_ACTIONS.readReports, 'read ownership reports', '查看内容保障报告')] },
    },
    {
      method: 'GET',
      path: '/reports/ownership/records',
      handler: 'reports.records',
      config: { policies: ['admin::isAuthenticatedAdmin', may(PLUGIN_ACTIONS.readReports, 'read ownership reports', '查看内容保障报告')] },
    },
    {
      method: 'GET',
      path: '/memberships',
      handler: 'memberships.index',
      config: { policies: ['admin::isAuthenticatedAdmin', may(PLUGIN_ACTIONS.readMemberships, 'read memberships', '查看成员关系')] },
    },
    {
      method: 'POST',
      path: '/memberships',
      handler: 'memberships.create',
      config: { policies: ['admin::isAuthenticatedAdmin', may(PLUGIN_ACTIONS.manageMemberships, 'manage memberships', '管理成员关系')] },
    },
    {
      method: 'DELETE',
      path: '/memberships/:documentId',
      handler: 'memberships.delete',
      config: { policies: ['admin::isAuthenticatedAdmin', may(PLUGIN_ACTIONS.manageMemberships, 'manage memberships', '管理成员关系')] },
    },
    // The audit trail: read and verified, never written (it is append-only).
    {
      method: 'GET',
      path: '/audit',
      handler: 'audit.index',
      config: { policies: ['admin::isAuthenticatedAdmin', may(PLUGIN_ACTIONS.readAudit, 'read the audit trail', '查看审计日志')] },
    },
    {
      method: 'GET',
      path: '/audit/verify',
      handler: 'audit.verify',
      config: { policies: ['admin::isAuthenticatedAdmin', may(PLUGIN_ACTIONS.readAudit, 'verify the audit trail', '校验审计日志')] },
    },
    // Content assurance: reviews, rule coverage, one guide's assurance, my guides.
    {
      method: 'POST',
      path: '/reviews',
      handler: 'reviews.create',
      config: { policies: ['admin::isAuthenticatedAdmin', may(PLUGIN_ACTIONS.createReviews, 'mark records reviewed', '标记记录已复核')] },
    },
    {
      method: 'GET',
      path: '/reviews',
      handler: 'reviews.index',
      config: { policies: ['admin::isAuthenticatedAdmin', readAssurance] },
    },
    {
      method: 'GET',
      path: '/rules/coverage',
      handler: 'rules.coverage',
      config: { policies: ['admin::isAuthenticatedAdmin', may(PLUGIN_ACTIONS.readReports, 'read the coverage of responsibility rules', '查看内容保障职责的覆盖情况')] },
    },
    {
      method: 'GET',
      path: '/guides/:documentId/assurance',
      handler: 'assurance.guide',
      // Whoever may read the guide (editors: their units' guides), decided by the service.
      config: { policies: ['admin::isAuthenticatedAdmin', readAssurance] },
    },
    {
      method: 'GET',
      path: '/my-guides',
      handler: 'assurance.myGuides',
      config: { policies: ['admin::isAuthenticatedAdmin', readAssurance] },
    },
    {
      method: 'POST',
      path: '/my-guides/missing',
      handler: 'assurance.createMissing',
      // The guide is created through the Document Service: its write guard decides whose.
      config: { policies: ['admin::isAuthenticatedAdmin', readAssurance] },
    },
    // Optimistic concurrency: has the record this session's edit page shows been saved by someone
    // else since? Only what the session's own edit page read (past the read gate) is answered.
    {
      method: 'GET',
      path: '/edit-conflict',
      handler: 'edit-conflicts.show',
      config: {
        policies: [
          'admin::isAuthenticatedAdmin',
          may(PLUGIN_ACTIONS.readAssurance, 'see whether a record being edited was saved by someone else', '查看正在编辑的记录是否已被他人保存'),
        ],
      },
    },
    // The doctor: every derived store recomputed and compared (it reads everything: super admins only).
    {
      method: 'GET',
      path: '/doctor',
      handler: 'doctor.show',
      config: {
        policies: [
          'admin::isAuthenticatedAdmin',
          {
            name: 'plugin::linkage.has-action',
            config: {
              action: PLUGIN_ACTIONS.runDoctor,
              does: { en: 'check the derived data (GET /linkage/doctor)', 'zh-Hans': '检查派生数据（GET /linkage/doctor）' },
              superAdmin: true,
            } satisfies HasActionConfig,
          },
        ],
      },
    },
  ],
};
