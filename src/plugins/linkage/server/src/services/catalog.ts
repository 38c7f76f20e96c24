// Catalog export and import: the whole catalog in the `linkage-catalog/1` format, written
// all-or-nothing in one transaction, record by record through the Document Service, one import at
// a time (services/import-lock.ts).
import type { Core } from '@strapi/strapi';
import { CATALOG_FORMAT, guideKey, type Catalog, type LocaleCode, type PublicationStatus } from '../domain/catalog-format';
import { catalogProblems } from '../domain/catalog-checks';
import { changeCounts, planImport, type Change, type ImportPlan, type PlannedRecord } from '../domain/catalog-plan';
import { departmentFromRows, departmentRow, guideFromRows, guideRow, itemFromRows, itemRow, ruleFromRows, ruleRow, unitFromRows, unitRow } from '../domain/catalog-records';
import { CatalogRejected } from '../domain/catalog-rejection';
import { catalogSchemaProblems } from '../domain/catalog-schema';
import { shiftCatalogDates } from '../domain/catalog-shift';
import { toIsoDate } from '../domain/dates';
import { problem } from '../domain/problems';
import { withTrustedWrites } from '../write-trust';
import { DEPARTMENT, GUIDE, GUIDE_SPEC, ITEM, RESPONSIBILITY_RULE, REVIEW, UNIT, type LinkageUid } from '../uids';
import { byDocument, currentVersion, type RowMeta } from './store';
import { getService } from '../get-service';
import { takeImportLock } from './import-lock';

export interface ImportOptions {
  /** Check and plan only; write nothing. */
  readonly dryRun?: boolean;
  readonly onProgress?: (message: string) => void;
  /** Move every date by (this day − the catalog's referenceDate), as the demo seed does. */
  readonly shiftDatesTo?: string;
}

export type ChangeCounts = Record<Change, number>;

export interface ImportSummary {
  readonly dryRun: boolean;
  readonly localesAdded: readonly string[];
  readonly units: ChangeCounts;
  readonly departments: ChangeCounts;
  readonly items: ChangeCounts;
  readonly guides: ChangeCounts;
  readonly responsibilityRules: ChangeCounts;
  readonly guideSpec: Change | 'absent';
  readonly reviewsAdded: number;
}

/** The Document Service calls the import makes, for any of the plugin's types. */
interface DocumentWriter {
  create(params: { data: object; locale?: string; status?: PublicationStatus }): Promise<{ documentId: string }>;
  update(params: { documentId: string; data: object; locale?: string; status?: PublicationStatus }): Promise<unknown>;
  unpublish(params: { documentId: string; locale: string }): Promise<unknown>;
}

/** The stored catalog and where each record lives. */
interface StoredCatalog {
  readonly catalog: Catalog;
  readonly documentIds: {
    readonly units: Map<string, string>;
    readonly departments: Map<string, string>;
    readonly items: Map<string, string>;
    readonly guides: Map<string, string>;
    readonly rules: Map<string, string>;
  };
  readonly reviewDates: Map<string, Set<string>>;
  readonly guideSpecDocumentId: string | null;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => getService(strapi, 'store');
  const locales = () => getService(strapi, 'locales');

  async function readStored(): Promise<StoredCatalog> {
    const s = store();
    const codes = await locales().codes();
    const [units, departments, items, guides, rules, reviews, spec] = await Promise.all([
      s.units(),
      s.departments(),
      s.items(),
      s.guides(),
      s.rules(),
      s.reviews(),
      s.guideSpec(),
    ]);
    const documentIds = {
      units: new Map<string, string>(),
      departments: new Map<string, string>(),
      items: new Map<string, string>(),
      guides: new Map<string, string>(),
      rules: new Map<string, string>(),
    };
    const grouped = <Row extends RowMeta, T>(rows: Row[], build: (rows: Row[], status: PublicationStatus) => T, key: (t: T) => string, ids: Map<string, string>): T[] =>
      [...byDocument(rows, codes).entries()]
        .map(([documentId, group]) => {
          const { rows: version, status } = currentVersion(group);
          const record = build(version, status);
          ids.set(key(record), documentId);
          return record;
        })
        .sort((a, b) => key(a).localeCompare(key(b)));

    const reviewDates = new Map<string, Set<string>>();
    const latest = new Map<string, string>();
    for (const review of reviews) {
      const date = toIsoDate(new Date(review.reviewedAt));
      const dates = reviewDates.get(review.subjectKey) ?? new Set<string>();
      dates.add(date);
      reviewDates.set(review.subjectKey, dates);
      if ((latest.get(review.subjectKey) ?? '') < date) latest.set(review.subjectKey, date);
    }
    const reviewed = <T extends object>(record: T, key: string): T => {
      const date = latest.get(key);
      return date ? { ...record, lastReviewedAt: date } : record;
    };

    const catalog: Catalog = {
      format: CATALOG_FORMAT,
      about: `Exported from Linkage on ${new Date().toISOString()}.`,
      referenceDate: toIsoDate(new Date()),
      defaultLocale: codes[0],
      locales: codes,
      levels: ['city', 'district', 'street', 'community'],
      units: grouped(
        units,
        (rows) => unitFromRows(rows),
        (u) => u.code,
        documentIds.units
      ),
      departments: grouped(
        departments,
        (rows) => departmentFromRows(rows),
        (d) => d.code,
        documentIds.departments
      ),
      items: grouped(items, itemFromRows, (i) => i.code, documentIds.items).map((item) => reviewed(item, item.code)),
      guideSpec: spec ?? undefined,
      guides: grouped(guides, guideFromRows, guideKey, documentIds.guides).map((guide) => reviewed(guide, guideKey(guide))),
      responsibilityRules: grouped(
        rules,
        (rows) => ruleFromRows(rows),
        (r) => r.key,
        documentIds.rules
      ),
    };
    const specRow = (await strapi.db.query(GUIDE_SPEC).findOne({ select: ['documentId'] })) as { documentId: string } | null;
    return { catalog, documentIds, reviewDates, guideSpecDocumentId: specRow?.documentId ?? null };
  }

  /** Writes every locale of one record; creates the document with the first locale if needed. */
  async function writeLocales(
    uid: LinkageUid,
    documentId: string | undefined,
    locales: readonly LocaleCode[],
    dataFor: (locale: LocaleCode) => object,
    status?: PublicationStatus
  ): Promise<string> {
    const documents = strapi.documents(uid) as unknown as DocumentWriter;
    const statusParam = status ? { status } : {};
    let id = documentId;
    for (const locale of locales) {
      const data = dataFor(locale);
      if (!id) id = (await documents.create({ data, locale, ...statusParam })).documentId;
      else await documents.update({ documentId: id, data, locale, ...statusParam });
    }
    if (status === 'draft' && id) {
      const published = await strapi.db.query(uid).count({ where: { documentId: id, publishedAt: { $notNull: true } } });
      if (published > 0) await documents.unpublish({ documentId: id, locale: '*' });
    }
    return id as string;
  }

  async function write(plan: ImportPlan, stored: StoredCatalog, progress: (message: string) => void): Promise<number> {
    const { locales: codes } = plan;
    const each = async <T>(label: string, records: ReadonlyArray<PlannedRecord<T>>, writeOne: (r: PlannedRecord<T>) => Promise<void>) => {
      const changing = records.filter((r) => r.change !== 'unchanged');
      let done = 0;
      for (const record of changing) {
        await writeOne(record);
        done += 1;
        if (done === changing.length || done % 25 === 0) progress(`  ${label}: ${done}/${changing.length} written`);
      }
    };
    const ids = stored.documentIds;

    await each('units', plan.units, async ({ record, key }) => {
      ids.units.set(key, await writeLocales(UNIT, ids.units.get(key), codes, (l) => unitRow(record, l)));
    });
    await each('departments', plan.departments, async ({ record, key }) => {
      ids.departments.set(key, await writeLocales(DEPARTMENT, ids.departments.get(key), codes, (l) => departmentRow(record, l)));
    });
    await each('items', plan.items, async ({ record, key }) => {
      ids.items.set(key, await writeLocales(ITEM, ids.items.get(key), codes, (l) => itemRow(record, l), record.status ?? 'published'));
    });
    await each('guides', plan.guides, async ({ record, key }) => {
      ids.guides.set(key, await writeLocales(GUIDE, ids.guides.get(key), codes, (l) => guideRow(record, l), record.status ?? 'published'));
    });
    await each('responsibility rules', plan.rules, async ({ record, key }) => {
      ids.rules.set(key, await writeLocales(RESPONSIBILITY_RULE, ids.rules.get(key), codes, (l) => ruleRow(record, l)));
    });
    if (plan.guideSpec && plan.guideSpec.change !== 'unchanged') {
      const data = { required: plan.guideSpec.record.required };
      const specs = strapi.documents(GUIDE_SPEC) as unknown as DocumentWriter;
      if (stored.guideSpecDocumentId) await specs.update({ documentId: stored.guideSpecDocumentId, data });
      else await specs.create({ data });
      progress('  guide spec written');
    }
    for (const review of plan.reviews) {
      const subjectUid = review.subject === 'item' ? ITEM : GUIDE;
      const subjectDocumentId = (review.subject === 'item' ? ids.items : ids.guides).get(review.key) ?? null;
      await (strapi.documents(REVIEW) as unknown as DocumentWriter).create({
        data: { subjectUid, subjectDocumentId, subjectKey: review.key, reviewedAt: `${review.date}T00:00:00.000Z`, source: 'import' },
      });
    }
    if (plan.reviews.length > 0) progress(`  reviews: ${plan.reviews.length} recorded`);
    return plan.reviews.length;
  }

  return {
    async exportCatalog(): Promise<Catalog> {
      return (await readStored()).catalog;
    },

    /**
     * Imports a parsed catalog file. Throws CatalogRejected, with every problem by its path in the
     * file, when any record is invalid; then nothing is written.
     */
    async importCatalog(input: unknown, options: ImportOptions = {}): Promise<ImportSummary> {
      const progress = options.onProgress ?? (() => undefined);
      const shapeProblems = catalogSchemaProblems(input);
      if (shapeProblems.length > 0) throw new CatalogRejected(shapeProblems);
      const file = options.shiftDatesTo ? shiftCatalogDates(input as Catalog, options.shiftDatesTo) : (input as Catalog);
      const unknownLocales = file.locales
        .map((code, i) => ({ code, i }))
        .filter(({ code }) => !locales().isKnownIsoLocale(code))
        .map(({ code, i }) => problem(['locales', i], `${code} is not a locale Strapi knows`));
      if (unknownLocales.length > 0) throw new CatalogRejected(unknownLocales);

      const run = async (): Promise<ImportSummary> => {
        // Before anything is read: the plan must be made against what another import committed.
        if (!options.dryRun) {
          const started = Date.now();
          let waited = false;
          await takeImportLock(strapi, () => {
            waited = true;
            progress('Waiting for another import to finish (it holds the import lock)...');
          });
          if (waited) progress(`  the other import has finished (waited ${((Date.now() - started) / 1000).toFixed(1)} s)`);
        }
        progress(`Checking ${file.units.length} units, ${file.departments.length} departments, ${file.items.length} items, ${file.guides.length} guides...`);
        const localesAdded = options.dryRun ? [] : await locales().ensure(file.locales);
        if (localesAdded.length > 0) progress(`  locales added: ${localesAdded.join(', ')}`);
        const configured = [...new Set([...(await locales().codes()), ...(options.dryRun ? file.locales : [])])];
        const stored = await readStored();
        const problems = catalogProblems(file, stored.catalog, configured);
        if (problems.length > 0) throw new CatalogRejected(problems);

        const plan = planImport(file, stored.catalog, stored.reviewDates);
        const summary = (reviewsAdded: number): ImportSummary => ({
          dryRun: options.dryRun === true,
          localesAdded,
          units: changeCounts(plan.units),
          departments: changeCounts(plan.departments),
          items: changeCounts(plan.items),
          guides: changeCounts(plan.guides),
          responsibilityRules: changeCounts(plan.rules),
          guideSpec: plan.guideSpec?.change ?? 'absent',
          reviewsAdded,
        });
        if (options.dryRun) return summary(plan.reviews.length);
        progress('Writing...');
        const reviewsAdded = await withTrustedWrites(() => write(plan, stored, progress));
        return summary(reviewsAdded);
      };
      return strapi.db.transaction(run);
    },
  };
};
