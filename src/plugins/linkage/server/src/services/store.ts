// Reads stored documents of the plugin's types as typed rows: one row per locale and status.
import type { Core } from '@strapi/strapi';
import type { DepartmentRow, GuideRow, ItemRow, Localized, RuleRow, UnitRow } from '../domain/catalog-records';
import type { RecordType } from '../domain/record-types';
import { DEPARTMENT, GUIDE, GUIDE_SPEC, ITEM, RESPONSIBILITY_RULE, REVIEW, UNIT, type LinkageUid } from '../uids';

export interface RowMeta {
  id: number;
  documentId: string;
  locale: string;
  updatedAt?: string | null;
  publishedAt: string | null;
}

export type Stored<Row> = Localized<Row> & RowMeta;

export interface ReviewRow {
  id: number;
  documentId: string;
  subjectUid: string;
  subjectDocumentId: string | null;
  subjectKey: string;
  reviewedAt: string;
  reviewerId: number | null;
  reviewerEmail: string | null;
  source: 'admin' | 'publish' | 'import';
  note: string | null;
}

export const POPULATE: Partial<Record<LinkageUid, object>> = {
  [ITEM]: { policies: true, questions: { populate: { options: true } }, stages: true },
  [GUIDE]: { materials: true, timeLimit: true },
};

type Where = Record<string, unknown>;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = async <Row>(uid: LinkageUid, where: Where = {}): Promise<Array<Stored<Row>>> =>
    (await strapi.db.query(uid).findMany({ where, populate: POPULATE[uid] ?? undefined })) as Array<Stored<Row>>;

  return {
    rows,
    units: (where?: Where) => rows<UnitRow>(UNIT, where),
    departments: (where?: Where) => rows<DepartmentRow>(DEPARTMENT, where),
    items: (where?: Where) => rows<ItemRow>(ITEM, where),
    guides: (where?: Where) => rows<GuideRow>(GUIDE, where),
    rules: (where?: Where) => rows<RuleRow>(RESPONSIBILITY_RULE, where),

    async reviews(where: Where = {}): Promise<ReviewRow[]> {
      return (await strapi.db.query(REVIEW).findMany({ where })) as ReviewRow[];
    },

    async unitExists(code: string): Promise<boolean> {
      return (await strapi.db.query(UNIT).count({ where: { code } })) > 0;
    },

    /** Every unit's place in the tree (one row per locale: index them). */
    async unitFacts(): Promise<Array<{ code: string; level: string; kind: string; parentCode: string | null }>> {
      return (await strapi.db.query(UNIT).findMany({ select: ['code', 'level', 'kind', 'parentCode'] })) as Array<{
        code: string;
        level: string;
        kind: string;
        parentCode: string | null;
      }>;
    },

    /** These units with their names in each locale, by code. */
    async namedUnits(codes: readonly string[]): Promise<Array<{ code: string; level: string; name: Record<string, string> }>> {
      const found = (await strapi.db.query(UNIT).findMany({ where: { code: { $in: [...codes] } }, select: ['code', 'name', 'level', 'locale'] })) as Array<{
        code: string;
        name: string;
        level: string;
        locale: string;
      }>;
      const byCode = new Map<string, { code: string; level: string; name: Record<string, string> }>();
      for (const u of found) {
        const entry = byCode.get(u.code) ?? { code: u.code, level: u.level, name: {} };
        entry.name[u.locale] = u.name;
        byCode.set(u.code, entry);
      }
      return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
    },

    /**
     * The owner of a stored record: its draft's where it has one (a city manager's move changes a
     * guide's draft, and the moved guide is the new owner's to publish, unpublish or discard).
     */
    async ownerOf(type: RecordType, documentId: string): Promise<string | null> {
      const query = strapi.db.query(type.uid as typeof GUIDE);
      const row = ((await query.findOne({ where: { documentId, publishedAt: null } })) ?? (await query.findOne({ where: { documentId } }))) as Record<string, unknown> | null;
      return row ? type.owner(row) : null;
    },

    /** An item's draft in one locale, with its components. */
    async itemDraft(documentId: string, locale: string): Promise<Stored<ItemRow> | null> {
      return (await strapi.db.query(ITEM).findOne({ where: { documentId, locale, publishedAt: null }, populate: POPULATE[ITEM] })) as Stored<ItemRow> | null;
    },

    /** Whether an item has a version (draft or published) in the locale. */
    async itemExists(documentId: string, locale: string): Promise<boolean> {
      return (await strapi.db.query(ITEM).count({ where: { documentId, locale } })) > 0;
    },

    async guideSpec(): Promise<{ required: string[] } | null> {
      const row = (await strapi.db.query(GUIDE_SPEC).findOne({})) as { required: unknown } | null;
      return row && Array.isArray(row.required) ? { required: row.required.map(String) } : null;
    },
  };
};

/** Rows grouped by document, each group ordered with `locales` (the default locale first). */
export function byDocument<Row extends RowMeta>(rows: readonly Row[], locales: readonly string[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const group = groups.get(row.documentId) ?? [];
    group.push(row);
    groups.set(row.documentId, group);
  }
  const rank = (locale: string) => {
    const i = locales.indexOf(locale);
    return i === -1 ? locales.length : i;
  };
  for (const group of groups.values()) group.sort((a, b) => rank(a.locale) - rank(b.locale) || a.locale.localeCompare(b.locale));
  return groups;
}

/** The published rows of a document if it has any, else its drafts. */
export function currentVersion<Row extends RowMeta>(rows: readonly Row[]): { rows: Row[]; status: 'draft' | 'published' } {
  const published = rows.filter((r) => r.publishedAt !== null);
  return published.length > 0 ? { rows: published, status: 'published' } : { rows: rows.filter((r) => r.publishedAt === null), status: 'draft' };
}
