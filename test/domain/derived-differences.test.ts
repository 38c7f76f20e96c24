import {
  auditDifferences,
  expectedHandlerDifferences,
  guideFactDifferences,
  itemHealthDifferences,
  rowDifferences,
  snapshotDifferences,
  type GuideFactValues,
} from '../../src/plugins/linkage/server/src/domain/derived-differences';
import { DERIVED_STORES, repairStep } from '../../src/plugins/linkage/server/src/domain/derived-stores';
import { snapshotParts } from '../../src/plugins/linkage/server/src/domain/snapshot-digest';

const fact = (over: Partial<GuideFactValues> = {}): GuideFactValues => ({
  guideDocumentId: 'doc1',
  itemCode: 'QD-SI-001',
  stageKey: 'district-review',
  unitCode: '370281000000',
  departmentCode: '370281-SI',
  status: 'published',
  complete: true,
  missingFields: '',
  createdOn: '2026-01-01',
  lastReviewedAt: null,
  ...over,
});

describe('rows compared by key', () => {
  test('the same rows in another order: nothing', () => {
    expect(guideFactDifferences([fact(), fact({ guideDocumentId: 'doc2' })], [fact({ guideDocumentId: 'doc2' }), fact()])).toEqual([]);
  });

  test('a missing row is named with what it should hold, in both languages', () => {
    const [d] = guideFactDifferences([fact()], []);
    expect(d).toMatchObject({ store: 'guide-facts', subject: 'doc1', stored: null, repairable: true });
    expect(d.expected).toMatch(/status=published/);
    expect(d.message.en).toBe(`guide facts: the fact of guide QD-SI-001/district-review/370281000000 (doc1) is missing (expected ${d.expected})`);
    expect(d.message['zh-Hans']).toMatch(/^指南统计表缺少办事指南 QD-SI-001\/district-review\/370281000000（doc1）的统计记录/);
  });

  test('a row nothing gives is named with what it holds', () => {
    const [d] = guideFactDifferences([], [fact({ guideDocumentId: 'gone' })]);
    expect(d).toMatchObject({ subject: 'gone', expected: null });
    expect(d.stored).toMatch(/itemCode=QD-SI-001/);
    expect(d.message.en).toMatch(/is stored .* but nothing in the source records gives it/);
  });

  test('a changed row shows only the fields that differ, expected and stored', () => {
    const [d] = guideFactDifferences([fact({ complete: false, missingFields: 'fee' })], [fact()]);
    expect(d).toMatchObject({ subject: 'doc1', expected: 'complete=false, missingFields=fee', stored: 'complete=true, missingFields=""' });
    expect(d.message.en).toBe(
      'guide facts: the fact of guide QD-SI-001/district-review/370281000000 (doc1) holds complete=true, missingFields="" where the source records give complete=false, missingFields=fee'
    );
    expect(d.message['zh-Hans']).toMatch(/存的是 complete=true, missingFields=""，按源记录应为 complete=false, missingFields=fee$/);
  });

  test('a row stored twice is one difference', () => {
    const diffs = guideFactDifferences([fact()], [fact(), fact()]);
    expect(diffs).toHaveLength(1);
    expect(diffs[0].message.en).toMatch(/is stored 2 times, once expected/);
  });

  test('null and undefined are the same value', () => {
    const compare = { store: 'item-health' as const, key: (r: { k: string }) => r.k, name: (r: { k: string }) => ({ en: r.k, 'zh-Hans': r.k }), fields: ['v'] as const };
    expect(rowDifferences<{ k: string; v?: string | null }>({ ...compare, fields: ['v'] }, [{ k: 'a', v: null }], [{ k: 'a' }])).toEqual([]);
  });
});

test('expected handlers are keyed by item, stage and unit; a department changed is a difference of that row', () => {
  const row = { itemCode: 'QD-SI-001', stageKey: 'district-review', unitCode: '370281000000', departmentCode: '370281-SI', level: 'district', domain: 'social-security' };
  const diffs = expectedHandlerDifferences([row], [{ ...row, departmentCode: '370281-XX' }]);
  expect(diffs).toEqual([
    expect.objectContaining({
      store: 'expected-handlers',
      subject: 'QD-SI-001/district-review/370281000000',
      expected: 'departmentCode=370281-SI',
      stored: 'departmentCode=370281-XX',
    }),
  ]);
  expect(diffs[0].message['zh-Hans']).toMatch(/^应办理单位表中联动事项 QD-SI-001 环节 district-review 在单位 370281000000 的应办理记录存的是/);
});

describe('the published snapshot, by digest', () => {
  const content = (title: string) => ({
    locales: ['zh-Hans', 'en'],
    units: new Map([['370200000000', { code: '370200000000', name: { en: 'Qingdao' } }]]),
    departments: new Map(),
    items: new Map([['QD-SI-001', { code: 'QD-SI-001', title: { en: title }, stages: [{ key: 'a' }] }]]),
    slugs: new Map([['retirement', 'QD-SI-001']]),
    spec: ['phone'],
    templates: new Map([['layout', { body: '<main>', styles: '', version: 1 }]]),
    templateSet: { id: 'set1' },
  });

  test('equal content gives equal digests, whatever the key order of its objects', () => {
    const a = content('Retirement');
    const b = { ...content('Retirement'), items: new Map([['QD-SI-001', { stages: [{ key: 'a' }], title: { en: 'Retirement' }, code: 'QD-SI-001' }]]) };
    expect(snapshotDifferences(snapshotParts(a), snapshotParts(b))).toEqual([]);
  });

  test('an item that differs is named by its part', () => {
    const diffs = snapshotDifferences(snapshotParts(content('Retirement')), snapshotParts(content('Stale title')));
    expect(diffs.map((d) => d.subject)).toEqual(['item:QD-SI-001']);
    expect(diffs[0].message.en).toMatch(/^published snapshot: the cached item QD-SI-001 holds digest=\w+ where the source records give digest=\w+$/);
  });
});

test('item health: a stored broken item that is no longer broken, and one broken but not reported', () => {
  const diffs = itemHealthDifferences([{ code: 'B', problems: 'x' }], [{ code: 'A', problems: 'y' }]);
  expect(diffs.map((d) => [d.subject, d.expected, d.stored])).toEqual([
    ['A', null, 'problems=y'],
    ['B', 'problems=x', null],
  ]);
});

test('a broken audit chain is one difference that cannot be repaired; an intact one is none', () => {
  expect(auditDifferences({ ok: true, entries: 10, firstBroken: null })).toEqual([]);
  const [d] = auditDifferences({ ok: false, entries: 10, firstBroken: { seq: 4, reason: 'hash-mismatch', message: 'entry 4 was altered' } });
  expect(d).toMatchObject({ store: 'audit-trail', subject: 'entry 4', repairable: false });
  expect(d.message.en).toBe('audit trail: the hash chain is broken at entry 4 (hash-mismatch: entry 4 was altered); this cannot be repaired');
  expect(d.message['zh-Hans']).toMatch(/无法修复$/);
});

test('every store says what its repair did in both languages; the audit trail says it cannot be repaired', () => {
  for (const store of DERIVED_STORES) {
    const step = repairStep(store, 3);
    expect(step.message.en.length).toBeGreaterThan(10);
    expect(step.message['zh-Hans']).toMatch(/[\u4e00-\u9fff]/);
  }
  expect(repairStep('audit-trail', 0).message.en).toMatch(/cannot be repaired/);
  expect(repairStep('change-feed', 3).message.en).toBe('change feed completed: 3 missing changes appended');
});
