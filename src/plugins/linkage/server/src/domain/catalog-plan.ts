// What importing a catalog file would change: each record is created, updated or left as it is,
// judged by comparing the file's record with the stored one in the same normalized form, so that
// importing the same file twice changes nothing.
import {
  guideKey,
  type Catalog,
  type CatalogDepartment,
  type CatalogGuide,
  type CatalogItem,
  type CatalogRule,
  type CatalogUnit,
  type GuideSpecRecord,
  type LocaleCode,
} from './catalog-format';
import { departmentFromRows, departmentRow, guideFromRows, guideRow, itemFromRows, itemRow, ruleFromRows, ruleRow, unitFromRows, unitRow } from './catalog-records';
import { levelIndex } from './levels';
import { firstDifference } from './structure-diff';

export type Change = 'create' | 'update' | 'unchanged';

export interface PlannedRecord<T> {
  readonly record: T;
  readonly key: string;
  readonly change: Change;
}

export interface PlannedReview {
  readonly subject: 'item' | 'guide';
  readonly key: string;
  readonly date: string;
}

export interface ImportPlan {
  readonly locales: readonly LocaleCode[];
  readonly units: ReadonlyArray<PlannedRecord<CatalogUnit>>;
  readonly departments: ReadonlyArray<PlannedRecord<CatalogDepartment>>;
  readonly items: ReadonlyArray<PlannedRecord<CatalogItem>>;
  readonly guides: ReadonlyArray<PlannedRecord<CatalogGuide>>;
  readonly rules: ReadonlyArray<PlannedRecord<CatalogRule>>;
  readonly guideSpec: PlannedRecord<GuideSpecRecord> | null;
  readonly reviews: readonly PlannedReview[];
}

/** Review dates already stored, per subject key (item code or guide key). */
export type ReviewDates = ReadonlyMap<string, ReadonlySet<string>>;

const roundTrip = <T, Row>(record: T, locales: readonly LocaleCode[], toRow: (r: T, l: LocaleCode) => Row, fromRows: (rows: Array<Row & { locale: string }>) => T): T =>
  fromRows(locales.map((locale) => ({ ...toRow(record, locale), locale })));

function plan<T>(
  fileRecords: readonly T[],
  storedRecords: readonly T[],
  keyOf: (record: T) => string,
  normalize: (record: T) => T,
  adopt: (file: T, stored: T | undefined) => T = (file) => file
): Array<PlannedRecord<T>> {
  const stored = new Map(storedRecords.map((r) => [keyOf(r), r]));
  return fileRecords.map((fileRecord) => {
    const key = keyOf(fileRecord);
    const existing = stored.get(key);
    const record = adopt(fileRecord, existing);
    if (!existing) return { record, key, change: 'create' };
    const same = firstDifference(normalize(record), normalize(existing)) === null;
    return { record, key, change: same ? 'unchanged' : 'update' };
  });
}

export function planImport(file: Catalog, stored: Catalog, reviewDates: ReviewDates): ImportPlan {
  const locales = [file.defaultLocale, ...file.locales.filter((l) => l !== file.defaultLocale)];
  const withStatus = <T extends { status?: string }>(r: T): T => ({ ...r, status: r.status ?? 'published' });

  const units = plan(
    file.units,
    stored.units,
    (u) => u.code,
    (u) => roundTrip(u, locales, unitRow, unitFromRows)
  ).sort((a, b) => levelIndex(a.record.level) - levelIndex(b.record.level));
  const departments = plan(
    file.departments,
    stored.departments,
    (d) => d.code,
    (d) => roundTrip(d, locales, departmentRow, departmentFromRows)
  );
  const items = plan(
    file.items,
    stored.items,
    (i) => i.code,
    (i) => withStatus(roundTrip(i, locales, itemRow, (rows) => itemFromRows(rows, i.status ?? 'published'))),
    // A file without a slug keeps the stored one (or gets one generated).
    (fileItem, storedItem) => (fileItem.slug || !storedItem?.slug ? fileItem : { ...fileItem, slug: storedItem.slug })
  );
  const guides = plan(file.guides, stored.guides, guideKey, (g) => withStatus(roundTrip(g, locales, guideRow, (rows) => guideFromRows(rows, g.status ?? 'published'))));
  const rules = plan(
    file.responsibilityRules ?? [],
    stored.responsibilityRules ?? [],
    (r) => r.key,
    (r) => roundTrip(r, locales, ruleRow, ruleFromRows)
  );
  const spec = file.guideSpec ? { required: file.guideSpec.required } : null;
  const guideSpec: PlannedRecord<GuideSpecRecord> | null = spec
    ? {
        record: spec,
        key: 'guide-spec',
        change: !stored.guideSpec ? 'create' : firstDifference(spec.required, stored.guideSpec.required) ? 'update' : 'unchanged',
      }
    : null;

  const reviews: PlannedReview[] = [];
  const wantReview = (subject: PlannedReview['subject'], key: string, date: string | undefined) => {
    if (date && !reviewDates.get(key)?.has(date)) reviews.push({ subject, key, date });
  };
  for (const item of file.items) wantReview('item', item.code, item.lastReviewedAt);
  for (const guide of file.guides) wantReview('guide', guideKey(guide), guide.lastReviewedAt);

  return { locales, units, departments, items, guides, rules, guideSpec, reviews };
}

export const changeCounts = <T>(records: ReadonlyArray<PlannedRecord<T>>): Record<Change, number> => ({
  create: records.filter((r) => r.change === 'create').length,
  update: records.filter((r) => r.change === 'update').length,
  unchanged: records.filter((r) => r.change === 'unchanged').length,
});
