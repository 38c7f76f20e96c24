// The demo catalog file and lookups into the seeded demo database.
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { Catalog } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { APP_DIR } from './env';

export const DEMO_FILE = path.join(APP_DIR, 'database', 'demo', 'qingdao-demo.json');

export const loadDemo = (): Catalog => JSON.parse(fs.readFileSync(DEMO_FILE, 'utf8')) as Catalog;

/** The documentId of the first document of `uid` matching `where`. */
export async function documentIdOf(strapi: Core.Strapi, uid: string, where: Record<string, unknown>): Promise<string> {
  const row = (await strapi.db.query(uid as 'plugin::linkage.unit').findOne({ where, select: ['documentId'] })) as { documentId: string } | null;
  if (!row) throw new Error(`no ${uid} matches ${JSON.stringify(where)}`);
  return row.documentId;
}
