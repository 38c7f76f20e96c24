// The linkage plugin's admin: the fields editors pick from instead of typing (conditions, handlers,
// codes by name, enumerations by name), the side panels of the edit pages, the plugin's pages, and
// every text in zh-Hans and en.
import type { StrapiApp } from '@strapi/strapi/admin';
import { Book, ChartPie, Clock } from '@strapi/icons';
import { asAdminLanguage } from '../../server/src/domain/admin-language';
import { AssurancePanel } from './components/AssurancePanel';
import { EditConflictPanel } from './components/EditConflictPanel';
import { ItemChecksPanel } from './components/ItemChecksPanel';
import { ItemFlowchartPanel } from './components/ItemFlowchartPanel';
import { RuleCoveragePanel } from './components/RuleCoveragePanel';
import { TemplatePreviewPanel } from './components/TemplatePreviewPanel';
import { explainFields } from './editor/field-hints';
import { fieldLabelTranslations } from './editor/field-translations';
import { nameChoiceColumns } from './editor/list-columns';
import { leaveRefusedGuides } from './editor/out-of-scope';
import { PLUGIN_ID, getTranslation } from './pluginId';

interface Widget {
  id: string;
  pluginId?: string;
  permissions?: Array<{ action: string }>;
  [key: string]: unknown;
}

// Stock widgets that count every unit's records: for auditors and city managers, not unit editors.
const PROJECT_WIDE = ['chart-entries', 'key-statistics'];

interface ContentManagerApis {
  addEditViewSidePanel(panels: unknown[]): void;
}

const customField = (name: string, type: string, label: string, description: string, Input: () => Promise<{ default: unknown }>) => ({
  name,
  pluginId: PLUGIN_ID,
  type,
  intlLabel: { id: getTranslation(`fields.${name}.label`), defaultMessage: label },
  intlDescription: { id: getTranslation(`fields.${name}.description`), defaultMessage: description },
  components: { Input },
});

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: 'Linkage' });
    leaveRefusedGuides(app);
    // The home page: the editor's own units' work first; project-wide counts only for those who read
    // reports. Core plugins (the Content Manager's widgets) register before this one.
    (app as unknown as { widgets: { register(reducer: (widgets: Widget[]) => Widget[]): void } }).widgets.register((widgets) => [
      {
        id: 'my-work',
        pluginId: PLUGIN_ID,
        icon: Clock,
        title: { id: getTranslation('home.title'), defaultMessage: 'Your units’ work' },
        component: async () => (await import('./components/MyWorkWidget')).MyWorkWidget,
        link: { label: { id: getTranslation('myGuides.title'), defaultMessage: 'My guides' }, href: `/plugins/${PLUGIN_ID}/my-guides` },
      },
      ...widgets.map((widget) => (PROJECT_WIDE.includes(widget.id) ? { ...widget, permissions: [{ action: 'plugin::linkage.reports.read' }] } : widget)),
    ]);
    app.customFields.register([
      customField('condition', 'json', 'Condition', 'When something applies, built from the answers to the navigator’s questions', () => import('./fields/ConditionInput')),
      customField('handler', 'json', 'Handler', 'Who handles a stage', () => import('./fields/HandlerInput')),
      customField('code', 'string', 'Chosen by name', 'An item, stage, unit or department, chosen by its name', () => import('./fields/CodeInput')),
      customField('choice', 'enumeration', 'Choice', 'One of a list, shown by name', () => import('./fields/ChoiceInput')),
      customField('template', 'text', 'Template', 'Liquid, HTML or CSS, with syntax highlighting', () => import('./fields/TemplateInput')),
    ] as never);
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
    app.addSettingsLink({ id: PLUGIN_ID, intlLabel: { id: `${PLUGIN_ID}.settings.section`, defaultMessage: 'Linkage' } }, [
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
    ]);
  },

  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager') as unknown as { apis: ContentManagerApis };
    contentManager.apis.addEditViewSidePanel([EditConflictPanel, ItemChecksPanel, ItemFlowchartPanel, AssurancePanel, RuleCoveragePanel, TemplatePreviewPanel]);
    app.registerHook('Admin/CM/pages/EditView/mutate-edit-view-layout', explainFields as never);
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', nameChoiceColumns as never);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        const language = asAdminLanguage(locale);
        if (!language) return { data: {}, locale };
        const { default: data } = (await import(`./translations/${language}.json`)) as { default: Record<string, string> };
        return {
          data: { ...Object.fromEntries(Object.entries(data).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value])), ...fieldLabelTranslations(language) },
          locale,
        };
      })
    );
  },
};
