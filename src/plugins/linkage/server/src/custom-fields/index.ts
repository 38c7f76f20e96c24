// The plugin's custom fields: what an editor picks instead of typing. The server side only names
// them and their stored type; the admin registers the inputs (admin/src/fields).
//   condition  JSON Logic, built with the condition editor (stage "applies when", material "needed when")
//   handler    who handles a stage: a fixed unit and department, or found from an answer
//   code       a code chosen by name: an item, a stage, a unit or a department (`options.refers`)
//   choice     one of an enumeration, shown by its name
//   template   a site template's Liquid body or CSS styles, with syntax highlighting
import type { Core } from '@strapi/strapi';

export const CUSTOM_FIELDS = [
  { name: 'condition', plugin: 'linkage', type: 'json' },
  { name: 'handler', plugin: 'linkage', type: 'json' },
  { name: 'code', plugin: 'linkage', type: 'string' },
  { name: 'choice', plugin: 'linkage', type: 'enumeration' },
  { name: 'template', plugin: 'linkage', type: 'text' },
] as const;

export function registerCustomFields(strapi: Core.Strapi): void {
  strapi.customFields.register(CUSTOM_FIELDS.map((field) => ({ ...field })));
}
