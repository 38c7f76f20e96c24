// The Content Manager translates a field's label under `content-manager.content-types.<uid>.<field>`
// (`content-manager.components.<uid>.<field>` inside a component), and a type's name under its
// display name: the plugin's names, in each admin language, under those ids.
import type { AdminLanguage } from '../../../server/src/domain/admin-language';
import { FIELD_NAMES, TYPE_NAMES } from '../../../server/src/domain/field-names';

// Fields Strapi adds to every type, as list columns name them.
const SYSTEM_FIELDS: Readonly<Record<string, Readonly<Record<AdminLanguage, string>>>> = {
  updatedAt: { en: 'Last updated', 'zh-Hans': '最后更新' },
  createdAt: { en: 'Created', 'zh-Hans': '创建时间' },
  publishedAt: { en: 'Published', 'zh-Hans': '发布时间' },
  id: { en: 'Id', 'zh-Hans': '编号' },
  documentId: { en: 'Document id', 'zh-Hans': '文档编号' },
};

export function fieldLabelTranslations(language: AdminLanguage): Record<string, string> {
  const translations: Record<string, string> = {};
  for (const [uid, fields] of Object.entries(FIELD_NAMES)) {
    const prefix = uid.startsWith('plugin::') ? `content-manager.content-types.${uid}` : `content-manager.components.${uid}`;
    for (const [field, name] of Object.entries(fields)) translations[`${prefix}.${field}`] = name.label[language];
    if (uid.startsWith('plugin::')) for (const [field, name] of Object.entries(SYSTEM_FIELDS)) translations[`${prefix}.${field}`] = name[language];
  }
  for (const [displayName, name] of Object.entries(TYPE_NAMES)) translations[displayName] = name[language];
  return translations;
}
