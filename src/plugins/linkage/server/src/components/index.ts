// Strapi loads components only from the app's src/components; a plugin that owns its content model
// registers its components itself, in the shape the app loader gives them, before models are built.
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

const globalIdOf = (uid: string) =>
  `Component${uid.replace(/(^|[^a-zA-Z0-9])([a-zA-Z0-9])/g, (_m, _sep, ch: string) => ch.toUpperCase())}`;

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
