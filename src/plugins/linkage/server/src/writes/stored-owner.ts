// The owner of a stored record: its draft's where it has one (a city manager's move changes the
// draft, and the moved record is the new owner's to publish, unpublish or discard).
import type { Core } from '@strapi/strapi';
import type { RecordType } from '../domain/record-types';

export async function storedOwner(strapi: Core.Strapi, type: RecordType, documentId: string): Promise<string | null> {
  const rows = (await strapi.db.query(type.uid as 'plugin::linkage.guide').findMany({ where: { documentId } })) as Array<
    Record<string, unknown> & { publishedAt?: string | null }
  >;
  const row = rows.find((r) => r.publishedAt === null || r.publishedAt === undefined) ?? rows[0];
  return row ? type.owner(row) : null;
}
