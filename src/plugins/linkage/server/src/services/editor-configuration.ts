// How the Content Manager presents the plugin's types to editors: each record by its name (its main
// field), lists of names rather than codes, fields labelled and explained (in English here; the
// admin shows them in the admin's language from the same table, domain/field-names.ts), and the
// edit form laid out in the order an editor fills it in.
//
// Applied once per LAYOUT_VERSION through the Content Manager's own configuration services, like
// an administrator's "Configure the view": an administrator's later changes stand until the plugin
// ships a new version of the layout.
import type { Core } from '@strapi/strapi';
import { FIELD_NAMES } from '../domain/field-names';

const LAYOUT_VERSION = 2;

interface TypeLayout {
  readonly mainField?: string;
  readonly defaultSortBy?: string;
  readonly list?: readonly string[];
  /** Rows of [field, width in twelfths]. */
  readonly edit?: ReadonlyArray<ReadonlyArray<readonly [string, number]>>;
  /** Shown but not editable (derived, or decided elsewhere). */
  readonly readOnly?: readonly string[];
}

const LAYOUTS: Readonly<Record<string, TypeLayout>> = {
  'plugin::linkage.guide': {
    mainField: 'title',
    defaultSortBy: 'title',
    list: ['title', 'updatedAt'],
    edit: [
      [['title', 12]],
      [
        ['itemCode', 6],
        ['stageKey', 6],
      ],
      [
        ['unitCode', 6],
        ['departmentCode', 6],
      ],
      [['conditions', 12]],
      [['noMaterialsNeeded', 12]],
      [['materials', 12]],
      [['timeLimit', 12]],
      [
        ['fee', 6],
        ['phone', 6],
      ],
      [
        ['address', 6],
        ['hours', 6],
      ],
      [['onlineUrl', 12]],
    ],
    readOnly: ['title'],
  },
  'plugin::linkage.item': {
    mainField: 'title',
    defaultSortBy: 'title',
    list: ['title', 'domain', 'updatedAt'],
    edit: [
      [
        ['title', 6],
        ['slug', 6],
      ],
      [['summary', 12]],
      [
        ['code', 4],
        ['domain', 8],
      ],
      [
        ['managingUnitCode', 6],
        ['managingDepartmentCode', 6],
      ],
      [['policies', 12]],
      [['questions', 12]],
      [['stages', 12]],
    ],
  },
  'plugin::linkage.unit': {
    mainField: 'name',
    defaultSortBy: 'code',
    list: ['name', 'level', 'kind', 'siteUrl'],
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [
        ['level', 6],
        ['kind', 6],
      ],
      [
        ['parentCode', 6],
        ['siteUrl', 6],
      ],
    ],
  },
  'plugin::linkage.department': {
    mainField: 'name',
    defaultSortBy: 'code',
    list: ['name', 'kind', 'phone'],
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [
        ['unitCode', 6],
        ['kind', 6],
      ],
      [
        ['address', 6],
        ['hours', 6],
      ],
      [['phone', 6]],
    ],
  },
  'plugin::linkage.responsibility-rule': {
    mainField: 'description',
    defaultSortBy: 'key',
    list: ['description', 'scope', 'reviewEveryDays'],
  },
  'plugin::linkage.site-template': {
    mainField: 'key',
    defaultSortBy: 'key',
    list: ['key', 'version', 'updatedAt'],
    edit: [
      [
        ['key', 6],
        ['version', 6],
      ],
      [['body', 12]],
      [['styles', 12]],
    ],
  },
  'linkage.stage': {
    mainField: 'name',
    edit: [
      [
        ['name', 6],
        ['key', 6],
      ],
      [
        ['order', 4],
        ['level', 8],
      ],
      [['handler', 12]],
      [['appliesWhen', 12]],
    ],
  },
  'linkage.question': {
    mainField: 'label',
    edit: [
      [
        ['label', 6],
        ['key', 6],
      ],
      [
        ['kind', 6],
        ['type', 6],
      ],
      [['options', 12]],
      [
        ['answerLevel', 6],
        ['within', 6],
      ],
    ],
  },
  'linkage.option': {
    mainField: 'label',
    edit: [
      [
        ['label', 6],
        ['value', 6],
      ],
    ],
  },
  'linkage.policy': {
    mainField: 'title',
    edit: [
      [
        ['title', 6],
        ['url', 6],
      ],
    ],
  },
  'linkage.material': {
    mainField: 'name',
    edit: [
      [['name', 12]],
      [
        ['original', 4],
        ['copies', 4],
        ['required', 4],
      ],
      [['when', 12]],
      [['blankForm', 12]],
    ],
  },
  'linkage.time-limit': {
    edit: [
      [
        ['statutoryDays', 6],
        ['promisedDays', 6],
      ],
    ],
  },
};

interface Metadata {
  edit: Record<string, unknown>;
  list: Record<string, unknown>;
}

interface Configuration {
  settings: Record<string, unknown>;
  metadatas: Record<string, Metadata>;
  layouts: { list: string[]; edit: Array<Array<{ name: string; size: number }>> };
}

interface ConfigurationService {
  findConfiguration(model: { uid: string }): Promise<Configuration & { uid: string }>;
  updateConfiguration(model: { uid: string }, configuration: Configuration): Promise<unknown>;
}

/** The stored configuration with the plugin's names, main field and layouts laid over it. */
export function configured(uid: string, current: Configuration): Configuration {
  const layout = LAYOUTS[uid] ?? {};
  const names = FIELD_NAMES[uid] ?? {};
  const metadatas: Record<string, Metadata> = { ...current.metadatas };
  for (const [field, name] of Object.entries(names)) {
    const existing = metadatas[field];
    if (!existing) continue;
    metadatas[field] = {
      edit: { ...existing.edit, label: name.label.en, description: name.description.en, ...(layout.readOnly?.includes(field) ? { editable: false } : {}) },
      list: { ...existing.list, label: name.label.en },
    };
  }
  const known = (field: string) => field in current.metadatas;
  return {
    settings: {
      ...current.settings,
      ...(layout.mainField && known(layout.mainField) ? { mainField: layout.mainField } : {}),
      ...(layout.defaultSortBy && known(layout.defaultSortBy) ? { defaultSortBy: layout.defaultSortBy, defaultSortOrder: 'ASC' } : {}),
    },
    metadatas,
    layouts: {
      list: layout.list ? layout.list.filter(known) : current.layouts.list,
      edit: layout.edit
        ? layout.edit.map((row) => row.filter(([field]) => known(field)).map(([name, size]) => ({ name, size }))).filter((row) => row.length > 0)
        : current.layouts.edit,
    },
  };
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Lays the plugin's configuration over the Content Manager's, once per version. */
  async applyOnce(): Promise<boolean> {
    const store = strapi.store({ type: 'plugin', name: 'linkage', key: 'editor-configuration-version' });
    const applied = Number((await store.get()) ?? 0);
    if (applied >= LAYOUT_VERSION) return false;
    const contentManager = strapi.plugin('content-manager');
    const services: Record<'content-types' | 'components', ConfigurationService> = {
      'content-types': contentManager.service('content-types') as unknown as ConfigurationService,
      components: contentManager.service('components') as unknown as ConfigurationService,
    };
    // docs/adr/009-editor-configuration.md: the Content Manager's own configuration services.
    if (Object.values(services).some((service) => typeof service?.findConfiguration !== 'function' || typeof service?.updateConfiguration !== 'function')) {
      strapi.log.error(
        '[linkage] The Content Manager no longer offers findConfiguration/updateConfiguration: editors will see raw field names (see docs/adr/009-editor-configuration.md)'
      );
      return false;
    }
    let complete = true;
    for (const uid of Object.keys(LAYOUTS)) {
      const service = uid.startsWith('plugin::') ? services['content-types'] : services.components;
      const current = await service.findConfiguration({ uid });
      // Not synced by the Content Manager yet: applied at the next boot.
      if (!current?.metadatas || !current.layouts) {
        complete = false;
        continue;
      }
      await service.updateConfiguration({ uid }, configured(uid, current));
    }
    if (complete) await store.set({ value: LAYOUT_VERSION });
    return complete;
  },
});
