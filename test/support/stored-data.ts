// Everything the plugin stores, read straight from the database, to prove a refused write left it
// exactly as it was.
import type { Core } from '@strapi/strapi';
import { getService } from '../../src/plugins/linkage/server/src/get-service';
import { writesIdle } from '../../src/plugins/linkage/server/src/writes/pipeline';

const POPULATE: Record<string, object> = {
  'plugin::linkage.item': { policies: true, questions: { populate: { options: true } }, stages: true },
  'plugin::linkage.guide': { materials: true, timeLimit: true },
};

export async function storedData(strapi: Core.Strapi): Promise<string> {
  // An earlier write's after-commit work (the expected handlers rebuilt after a publish) may still
  // be running: read once it is done, or it shows as a change the refused write never made (seen on
  // a loaded machine in CI, validation-items on Postgres).
  await writesIdle();
  await getService(strapi, 'expected-handlers').idle();
  const uids = Object.keys(strapi.contentTypes)
    .filter((uid) => uid.startsWith('plugin::linkage.'))
    .sort();
  const tables: Record<string, unknown> = {};
  for (const uid of uids) {
    tables[uid] = await strapi.db.query(uid as 'plugin::linkage.unit').findMany({ orderBy: { id: 'asc' }, populate: POPULATE[uid] });
  }
  tables['plugin::i18n.locale'] = await strapi.db.query('plugin::i18n.locale').findMany({ orderBy: { id: 'asc' } });
  return canonicalJson(tables);
}

// Populated relations arrive in no fixed key order (Postgres loads them concurrently).
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v
  );
