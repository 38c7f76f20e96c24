// The linkage plugin's admin: checks on the item edit page, in zh-Hans and en.
import type { StrapiApp } from '@strapi/strapi/admin';
import { ItemChecksPanel } from './components/ItemChecksPanel';
import { ItemFlowchartPanel } from './components/ItemFlowchartPanel';
import { PLUGIN_ID } from './pluginId';

interface ContentManagerApis {
  addEditViewSidePanel(panels: unknown[]): void;
}

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: 'Linkage' });
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
      ]
    );
  },

  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager') as unknown as { apis: ContentManagerApis };
    contentManager.apis.addEditViewSidePanel([ItemChecksPanel, ItemFlowchartPanel]);
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
