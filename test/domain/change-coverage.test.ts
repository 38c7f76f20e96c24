import { changeCoverage, changeSubject, type FeedHead, type PublicDocument } from '../../src/plugins/linkage/server/src/domain/change-coverage';

const FEED_TYPES = {
  item: 'plugin::linkage.item',
  guide: 'plugin::linkage.guide',
  siteTemplate: 'plugin::linkage.site-template',
  department: 'plugin::linkage.department',
  unit: 'plugin::linkage.unit',
  guideSpec: 'plugin::linkage.guide-spec',
} as const;
import { indexUnits } from '../../src/plugins/linkage/server/src/domain/unit-tree';

const units = indexUnits([
  { code: '370200000000', level: 'city', kind: 'city', parentCode: null },
  { code: '370281000000', level: 'district', kind: 'county-level-city', parentCode: '370200000000' },
  { code: '370281001000', level: 'street', kind: 'street', parentCode: '370281000000' },
]);

const guide = (over: Partial<PublicDocument> = {}): PublicDocument => ({
  uid: FEED_TYPES.guide,
  documentId: 'g1',
  subject: changeSubject(FEED_TYPES.guide, { itemCode: 'QD-SI-001', stageKey: 'district-review', unitCode: '370281000000' }, units),
  published: true,
  lastPublicAt: 1000,
  ...over,
});
const head = (over: Partial<FeedHead> = {}): FeedHead => ({
  uid: FEED_TYPES.guide,
  documentId: 'g1',
  lastAction: 'published',
  lastKey: 'QD-SI-001/district-review/370281000000',
  lastUnitCodes: ['370200000000', '370281000000', '370281001000'],
  lastPublishedAt: 1000,
  ...over,
});

test('what the feed calls each type, and whose sites show it', () => {
  expect(changeSubject(FEED_TYPES.guide, { itemCode: 'I', stageKey: 's', unitCode: '370281000000' }, units)).toEqual({
    key: 'I/s/370281000000',
    unitCodes: ['370200000000', '370281000000', '370281001000'],
  });
  expect(changeSubject(FEED_TYPES.department, { code: '370281-SI', unitCode: '370281001000' }, units)).toEqual({
    key: '370281-SI',
    unitCodes: ['370200000000', '370281000000', '370281001000'],
  });
  expect(changeSubject(FEED_TYPES.item, { code: 'QD-SI-001' }, units)).toEqual({ key: 'QD-SI-001', unitCodes: ['*'] });
  expect(changeSubject(FEED_TYPES.siteTemplate, { key: 'layout' }, units)).toEqual({ key: 'layout', unitCodes: ['*'] });
  expect(changeSubject(FEED_TYPES.guideSpec, {}, units)).toEqual({ key: 'guide-spec', unitCodes: ['*'] });
});

test('a published guide with a "published" change at or after its publication is covered', () => {
  expect(changeCoverage([guide()], [head()])).toEqual({ differences: [], missing: [] });
  expect(changeCoverage([guide()], [head({ lastPublishedAt: 2000 })])).toEqual({ differences: [], missing: [] });
});

test('a guide published after its last "published" change: one difference, and the change to append', () => {
  const { differences, missing } = changeCoverage([guide({ lastPublicAt: 5000 })], [head({ lastPublishedAt: 1000 })]);
  expect(differences).toHaveLength(1);
  expect(differences[0]).toMatchObject({ store: 'change-feed', subject: `${FEED_TYPES.guide}/g1`, repairable: true });
  expect(differences[0].message.en).toBe(
    'change feed: guide QD-SI-001/district-review/370281000000 (g1) was made public at 1970-01-01T00:00:05.000Z, after its last "published" change (1970-01-01T00:00:01.000Z)'
  );
  expect(missing).toEqual([
    {
      action: 'published',
      subjectUid: FEED_TYPES.guide,
      subjectDocumentId: 'g1',
      subjectKey: 'QD-SI-001/district-review/370281000000',
      unitCodes: ['370200000000', '370281000000', '370281001000'],
    },
  ]);
});

test('a published guide the feed never mentioned', () => {
  const { differences, missing } = changeCoverage([guide()], []);
  expect(differences[0].message.en).toBe('change feed: guide QD-SI-001/district-review/370281000000 (g1) is public but the feed has no "published" change for it');
  expect(differences[0].message['zh-Hans']).toBe('变更记录：办事指南 QD-SI-001/district-review/370281000000 (g1) 已公开，但没有它的“已发布”变更');
  expect(missing.map((m) => m.action)).toEqual(['published']);
});

test('a draft never published needs no change', () => {
  expect(changeCoverage([guide({ published: false, lastPublicAt: null })], [])).toEqual({ differences: [], missing: [] });
});

test('last said "published" but gone: a "deleted" change is missing, named as the feed last named it', () => {
  const { differences, missing } = changeCoverage([], [head()]);
  expect(differences[0].message.en).toBe('change feed: guide QD-SI-001/district-review/370281000000 (g1) is gone, but its last change says it was published');
  expect(missing).toEqual([
    {
      action: 'deleted',
      subjectUid: FEED_TYPES.guide,
      subjectDocumentId: 'g1',
      subjectKey: 'QD-SI-001/district-review/370281000000',
      unitCodes: ['370200000000', '370281000000', '370281001000'],
    },
  ]);
});

test('last said "published" but unpublished: an "unpublished" change is missing', () => {
  const { missing } = changeCoverage([guide({ published: false, lastPublicAt: null })], [head()]);
  expect(missing.map((m) => m.action)).toEqual(['unpublished']);
});

test('a last change "unpublished" or "deleted" needs nothing more; one locale still published stays covered by its earlier change', () => {
  expect(changeCoverage([], [head({ lastAction: 'deleted' })])).toEqual({ differences: [], missing: [] });
  expect(changeCoverage([guide({ lastPublicAt: 900 })], [head({ lastAction: 'unpublished', lastPublishedAt: 1000 })])).toEqual({ differences: [], missing: [] });
});

test('units are public when written: an update after the last change is a gap', () => {
  const unit: PublicDocument = {
    uid: FEED_TYPES.unit,
    documentId: 'u1',
    subject: changeSubject(FEED_TYPES.unit, { code: '370281000000' }, units),
    published: true,
    lastPublicAt: 3000,
  };
  const { missing } = changeCoverage([unit], [head({ uid: FEED_TYPES.unit, documentId: 'u1', lastPublishedAt: 2999 })]);
  expect(missing).toEqual([
    { action: 'published', subjectUid: FEED_TYPES.unit, subjectDocumentId: 'u1', subjectKey: '370281000000', unitCodes: ['370200000000', '370281000000', '370281001000'] },
  ]);
});
