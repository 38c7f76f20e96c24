// Strapi loads components only from the app's src/components; a plugin that owns its content model
// registers its components itself, in the shape the app loader gives them, before models are built
// (docs/adr/015-component-registry.md).
import type { Core } from '@strapi/strapi';
import material from './material.json';
import option from './option.json';
import policy from './policy.json';
import question from './question.json';
import stage from './stage.json';
import timeLimit from './time-limit.json';

const CATEGORY = 'linkage';

const schemas: Record<string, object> = {
  policy,
  option,
  question,
  stage,
  material,
  'time-limit': timeLimit,
};

/** The plugin's component uids, with the table each must have once Strapi built its models. */
export const LINKAGE_COMPONENTS: ReadonlyArray<{ readonly uid: string; readonly table: string }> = Object.entries(schemas).map(([name, schema]) => ({
  uid: `${CATEGORY}.${name}`,
  table: (schema as { collectionName: string }).collectionName,
}));

const globalIdOf = (uid: string) => `Component${uid.replace(/(^|[^a-zA-Z0-9])([a-zA-Z0-9])/g, (_m, _sep, ch: string) => ch.toUpperCase())}`;

export function registerComponents(strapi: Core.Strapi): void {
  const registry = strapi.get('components');
  for (const [name, schema] of Object.entries(schemas)) {
    const uid = `${CATEGORY}.${name}`;
    if (registry.get(uid)) continue;
    registry.set(uid, {
      ...structuredClone(schema),
      __schema__: structuredClone(schema),
      uid,
      category: CATEGORY,
      modelType: 'component',
      modelName: name,
      globalId: globalIdOf(uid),
    });
  }
}
