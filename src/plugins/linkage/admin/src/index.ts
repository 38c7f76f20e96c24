// The linkage plugin's admin: checks on the item edit page, in zh-Hans and en.
import type { StrapiApp } from '@strapi/strapi/admin';
import { AssurancePanel } from './components/AssurancePanel';
import { ItemChecksPanel } from './components/ItemChecksPanel';
import { ItemFlowchartPanel } from './components/ItemFlowchartPanel';
import { RuleCoveragePanel } from './components/RuleCoveragePanel';
import { PLUGIN_ID } from './pluginId';
import { Book, ChartPie } from '@strapi/icons';

interface ContentManagerApis {
  addEditViewSidePanel(panels: unknown[]): void;
}

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: 'Linkage' });
    // Every signed-in admin has guides of their own units (or none): the page itself shows what is theirs.
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/my-guides`,
      icon: Book,
      intlLabel: { id: `${PLUGIN_ID}.myGuides.title`, defaultMessage: 'My guides' },
      Component: () => import('./pages/MyGuidesPage'),
      permissions: [],
    });
    // Auditors and city managers: the ownership report (内容保障报告).
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/ownership-report`,
      icon: ChartPie,
      intlLabel: { id: `${PLUGIN_ID}.report.title`, defaultMessage: 'Ownership report' },
      Component: () => import('./pages/ReportPage'),
      permissions: [{ action: 'plugin::linkage.reports.read', subject: null }],
    });
    app.addSettingsLink(
      { id: PLUGIN_ID, intlLabel: { id: `${PLUGIN_ID}.settings.section`, defaultMessage: 'Linkage' } },
      [
        {
          id: 'memberships',
          to: 'linkage/memberships',
          intlLabel: { id: `${PLUGIN_ID}.memberships.title`, defaultMessage: 'Memberships' },
          permissions: [{ action: 'plugin::linkage.memberships.read', subject: null }],
          Component: () => import('./pages/MembershipsPage'),
        },
        {
          id: 'audit',
          to: 'linkage/audit',
          intlLabel: { id: `${PLUGIN_ID}.audit.title`, defaultMessage: 'Audit trail' },
          permissions: [{ action: 'plugin::linkage.audit.read', subject: null }],
          Component: () => import('./pages/AuditPage'),
        },
      ]
    );
  },

  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager') as unknown as { apis: ContentManagerApis };
    contentManager.apis.addEditViewSidePanel([ItemChecksPanel, ItemFlowchartPanel, AssurancePanel, RuleCoveragePanel]);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = (await import(`./translations/${locale}.json`)) as { default: Record<string, string> };
          return { data: Object.fromEntries(Object.entries(data).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value])), locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};
