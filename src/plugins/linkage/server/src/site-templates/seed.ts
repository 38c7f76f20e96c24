// The default templates are created and published when a key is missing, so that every site has
// pages to render; a default the city never edited is brought to the current version (a fix to the
// shipped pages reaches existing sites); the city's edits stand.
import type { Core } from '@strapi/strapi';
import { withTrustedWrites } from '../write-trust';
import { untouchedDefaults } from '../domain/template-upgrade';
import { SITE_TEMPLATE } from '../uids';
import { DEFAULT_TEMPLATES } from './defaults';
import { SHIPPED_FINGERPRINTS } from './shipped-fingerprints';

interface TemplateRow {
  documentId: string;
  key: string;
  body: string;
  styles: string | null;
  version: number | null;
  publishedAt: string | null;
}

interface TemplateDocuments {
  create(params: { data: object; status: 'published' }): Promise<unknown>;
  update(params: { documentId: string; data: object }): Promise<unknown>;
  publish(params: { documentId: string }): Promise<unknown>;
}

export async function seedDefaultTemplates(strapi: Core.Strapi): Promise<{ created: string[]; upgraded: string[] }> {
  const rows = (await strapi.db.query(SITE_TEMPLATE).findMany({ select: ['documentId', 'key', 'body', 'styles', 'version', 'publishedAt'] })) as TemplateRow[];
  const existing = new Set(rows.map((t) => t.key));
  const missing = Object.entries(DEFAULT_TEMPLATES).filter(([key]) => !existing.has(key));
  const upgraded = untouchedDefaults(
    rows.map((r) => ({ key: r.key, body: r.body, styles: r.styles ?? '' })),
    DEFAULT_TEMPLATES,
    SHIPPED_FINGERPRINTS
  );
  const documents = strapi.documents(SITE_TEMPLATE) as unknown as TemplateDocuments;
  await withTrustedWrites(async () => {
    for (const [key, template] of missing) await documents.create({ data: { key, body: template.body, styles: template.styles, version: 1 }, status: 'published' });
    for (const key of upgraded) {
      const { body, styles } = DEFAULT_TEMPLATES[key];
      for (const documentId of new Set(rows.filter((r) => r.key === key).map((r) => r.documentId))) {
        const version = Math.max(...rows.filter((r) => r.documentId === documentId).map((r) => r.version ?? 1)) + 1;
        await documents.update({ documentId, data: { body, styles, version } });
        await documents.publish({ documentId });
      }
    }
  });
  return { created: missing.map(([key]) => key), upgraded };
}
