// Document ids and dates of public records, by record and locale, and back from a document id.
import { recordStamps, withStamp } from '../../src/plugins/linkage/server/src/domain/record-stamps';

const stamps = recordStamps([
  { type: 'item', code: 'QD-1', row: { documentId: 'doc1', locale: 'zh-Hans', updatedAt: '2026-12-01T01:00:00Z', publishedAt: '2026-12-01T02:00:00Z' } },
  { type: 'item', code: 'QD-1', row: { documentId: 'doc1', locale: 'en', updatedAt: '2026-12-01T03:00:00Z', publishedAt: null } },
  { type: 'unit', code: '370200000000', row: { documentId: 'doc2', locale: 'en', publishedAt: null } },
]);

describe('recordStamps', () => {
  it('gives the stamp of the locale asked for, else the first locale’s', () => {
    expect(stamps.of('item', 'QD-1', 'en')).toEqual({ documentId: 'doc1', updatedAt: '2026-12-01T03:00:00.000Z', publishedAt: null });
    expect(stamps.of('item', 'QD-1', 'fr')).toEqual({ documentId: 'doc1', updatedAt: '2026-12-01T01:00:00.000Z', publishedAt: '2026-12-01T02:00:00.000Z' });
    expect(stamps.of('unit', '370200000000', 'en')).toEqual({ documentId: 'doc2', updatedAt: null, publishedAt: null });
    expect(stamps.of('item', 'QD-2', 'en')).toBeNull();
  });

  it('finds the record a document id names', () => {
    expect(stamps.byDocumentId('doc1')).toEqual({ type: 'item', code: 'QD-1' });
    expect(stamps.byDocumentId('nope')).toBeNull();
  });

  it('adds the stamp to a view', () => {
    expect(withStamp({ code: 'QD-1' }, stamps.of('item', 'QD-1', 'en'))).toEqual({ code: 'QD-1', documentId: 'doc1', updatedAt: '2026-12-01T03:00:00.000Z', publishedAt: null });
  });
});
