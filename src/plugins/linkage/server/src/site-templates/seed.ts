// The default templates are created and published when a key is missing, so that every site has
// pages to render; the city's later edits to them stand.
import type { Core } from '@strapi/strapi';
import { withTrustedWrites } from '../document-service/trusted-writes';
import { SITE_TEMPLATE } from '../uids';
import { DEFAULT_TEMPLATES } from './defaults';

export async function seedDefaultTemplates(strapi: Core.Strapi): Promise<string[]> {
  const existing = new Set(((await strapi.db.query(SITE_TEMPLATE).findMany({ select: ['key'] })) as Array<{ key: string }>).map((t) => t.key));
  const missing = Object.entries(DEFAULT_TEMPLATES).filter(([key]) => !existing.has(key));
  const documents = strapi.documents(SITE_TEMPLATE) as unknown as { create(params: { data: object; status: 'published' }): Promise<unknown> };
  await withTrustedWrites(async () => {
    for (const [key, template] of missing) await documents.create({ data: { key, body: template.body, styles: template.styles, version: 1 }, status: 'published' });
  });
  return missing.map(([key]) => key);
}
