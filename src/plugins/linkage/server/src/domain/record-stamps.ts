// What a public record says about itself besides its content: its document id (what the change
// feed names) and when it was last updated and published, in the locale shown. Collected once per
// snapshot from the stored rows; views add them to the records they show.

export type PublicRecordType = 'item' | 'unit' | 'department';

export interface RecordStamp {
  readonly documentId: string;
  readonly updatedAt: string | null;
  /** null for records that are not drafted and published (units, departments): always public. */
  readonly publishedAt: string | null;
}

export interface StampedRecord {
  readonly type: PublicRecordType;
  readonly code: string;
}

export interface RecordStamps {
  /** The stamp of a record in a locale (else its first locale's). */
  of(type: PublicRecordType, code: string, locale: string): RecordStamp | null;
  /** Which public record a document id names. */
  byDocumentId(documentId: string): StampedRecord | null;
}

export interface StampRow {
  readonly documentId: string;
  readonly locale: string;
  readonly updatedAt?: string | Date | null;
  readonly publishedAt: string | Date | null;
}

const iso = (value: string | Date | null | undefined): string | null => (value === null || value === undefined ? null : new Date(value).toISOString());

export function recordStamps(rows: ReadonlyArray<{ type: PublicRecordType; code: string; row: StampRow }>): RecordStamps {
  const byRecord = new Map<string, Map<string, RecordStamp>>();
  const documents = new Map<string, StampedRecord>();
  for (const { type, code, row } of rows) {
    const key = `${type}:${code}`;
    const locales = byRecord.get(key) ?? new Map<string, RecordStamp>();
    locales.set(row.locale, { documentId: row.documentId, updatedAt: iso(row.updatedAt), publishedAt: iso(row.publishedAt) });
    byRecord.set(key, locales);
    documents.set(row.documentId, { type, code });
  }
  return {
    of(type, code, locale) {
      const locales = byRecord.get(`${type}:${code}`);
      return locales?.get(locale) ?? locales?.values().next().value ?? null;
    },
    byDocumentId: (documentId) => documents.get(documentId) ?? null,
  };
}

/** A record's stamp in each of its locales, from its rows (a guide's, read with it). */
export const stampsByLocale = (rows: ReadonlyArray<StampRow>): ReadonlyMap<string, RecordStamp> =>
  new Map(rows.map((row) => [row.locale, { documentId: row.documentId, updatedAt: iso(row.updatedAt), publishedAt: iso(row.publishedAt) }]));

/** A published record as read for a view, with its stamps (a preview's draft has none). */
export interface Stamped {
  readonly stamps?: ReadonlyMap<string, RecordStamp>;
}

/** The stamp of a stamped record in a locale (else its first locale's), or nothing when it has none. */
export const stampIn = (record: Stamped, locale: string): RecordStamp | Record<string, never> => {
  const stamp = record.stamps?.get(locale) ?? record.stamps?.values().next().value;
  return stamp ? { documentId: stamp.documentId, updatedAt: stamp.updatedAt, publishedAt: stamp.publishedAt } : {};
};

/** A record's view with its stamp: `documentId`, `updatedAt`, `publishedAt` (null when unknown). */
export const withStamp = <View extends object>(view: View, stamp: RecordStamp | null): View & RecordStamp => ({
  ...view,
  documentId: stamp?.documentId ?? '',
  updatedAt: stamp?.updatedAt ?? null,
  publishedAt: stamp?.publishedAt ?? null,
});
