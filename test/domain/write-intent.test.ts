// The write pipeline's decisions without Strapi: what a Document Service call means (its intent),
// what is refused whoever asks, and which derived stores and follow-up writes each intent feeds.
import { RECORD_TYPES, nounOf, recordType } from '../../src/plugins/linkage/server/src/domain/record-types';
import {
  WRITE_ACTIONS,
  callTarget,
  changeActionOf,
  checked,
  classifyCall,
  followUps,
  normalisations,
  refusalOf,
  storesFed,
  type CallContext,
  type WriteAction,
  type WriteIntent,
} from '../../src/plugins/linkage/server/src/domain/write-intent';

const GUIDE = 'plugin::linkage.guide';
const ITEM = 'plugin::linkage.item';
const UNIT = 'plugin::linkage.unit';
const DEPARTMENT = 'plugin::linkage.department';
const TEMPLATE = 'plugin::linkage.site-template';
const SPEC = 'plugin::linkage.guide-spec';
const REVIEW = 'plugin::linkage.review';
const RULE = 'plugin::linkage.responsibility-rule';
const MEMBERSHIP = 'plugin::linkage.membership';
const AUDIT = 'plugin::linkage.audit-entry';

const context: CallContext = { defaultLocale: 'zh-Hans', storedOwner: '370281000000', trusted: false, path: 'admin', carried: false };

const intent = (uid: string, action: WriteAction, params: Record<string, unknown> = {}, more: Partial<CallContext> = {}): WriteIntent => {
  const classified = classifyCall({ uid, action, params: { documentId: action === 'create' ? undefined : 'doc-1', ...params } }, { ...context, ...more });
  if (!classified) throw new Error(`${uid} ${action} was not classified`);
  return classified;
};
const sorted = (set: ReadonlySet<string>) => [...set].sort();

describe('classifying a Document Service call', () => {
  test("reads, other plugins' types and unknown uids are no write intent", () => {
    expect(classifyCall({ uid: GUIDE, action: 'findMany', params: {} }, context)).toBeNull();
    expect(classifyCall({ uid: 'api::article.article', action: 'update', params: {} }, context)).toBeNull();
    expect(classifyCall({ uid: 'plugin::linkage.__proto__', action: 'update', params: {} }, context)).toBeNull();
  });

  test('what a call writes, before anything is looked up: the type and the stored document', () => {
    expect(callTarget({ uid: GUIDE, action: 'update', params: { documentId: 'doc-1' } })).toMatchObject({ type: { uid: GUIDE }, action: 'update', documentId: 'doc-1' });
    expect(callTarget({ uid: GUIDE, action: 'create', params: { documentId: 'ignored' } })).toMatchObject({ documentId: null });
    expect(callTarget({ uid: GUIDE, action: 'findOne', params: { documentId: 'doc-1' } })).toBeNull();
    expect(callTarget({ uid: 'api::article.article', action: 'update', params: {} })).toBeNull();
  });

  test('a create names no document; the owner after is the one written', () => {
    const created = intent(GUIDE, 'create', { data: { unitCode: '370285000000' }, documentId: 'ignored' });
    expect(created).toMatchObject({ action: 'create', documentId: null, ownerBefore: null, ownerAfter: '370285000000', locales: ['zh-Hans'], namedLocale: null });
  });

  test('a clone acts on its source (the owner before) and may name another owner; a move keeps the stored owner before', () => {
    expect(intent(GUIDE, 'clone', { data: { unitCode: '370285000000' } })).toMatchObject({ documentId: 'doc-1', ownerBefore: '370281000000', ownerAfter: '370285000000' });
    expect(intent(GUIDE, 'update', { data: { phone: '1' } })).toMatchObject({ ownerBefore: '370281000000', ownerAfter: '370281000000' });
  });

  test('locales: named, every one, several, or the default', () => {
    expect(intent(GUIDE, 'publish', { locale: 'en' })).toMatchObject({ locales: ['en'], namedLocale: 'en' });
    expect(intent(GUIDE, 'delete', { locale: '*' })).toMatchObject({ locales: 'all', namedLocale: '*' });
    expect(intent(GUIDE, 'publish', { locale: ['en', 'zh-Hans'] })).toMatchObject({ locales: ['en', 'zh-Hans'], namedLocale: null });
    expect(intent(GUIDE, 'unpublish', {})).toMatchObject({ locales: ['zh-Hans'] });
  });

  test('a create or update with status "published" publishes in the same call', () => {
    expect(intent(GUIDE, 'update', { status: 'published', data: {} }).publishes).toBe(true);
    expect(intent(GUIDE, 'create', { status: 'published', data: {} }).publishes).toBe(true);
    expect(intent(GUIDE, 'update', { data: {} }).publishes).toBe(false);
    expect(intent(GUIDE, 'publish').publishes).toBe(true);
  });

  test('data that is no object is no data', () => {
    expect(intent(GUIDE, 'update', { data: 'text' }).data).toBeNull();
    expect(intent(GUIDE, 'update', { data: ['a'] }).data).toBeNull();
  });
});

describe('refused whoever asks', () => {
  test.each(WRITE_ACTIONS)('an audit entry is append-only (%s)', (action) => {
    expect(refusalOf(intent(AUDIT, action))).toBe('append-only');
  });
  test.each(WRITE_ACTIONS.filter((a) => a !== 'create'))('a review is never changed (%s)', (action) => {
    expect(refusalOf(intent(REVIEW, action))).toBe('immutable');
  });
  test('a review may be created; other records are not refused here', () => {
    expect(refusalOf(intent(REVIEW, 'create', { data: {} }))).toBeNull();
    for (const uid of [GUIDE, ITEM, UNIT, DEPARTMENT, TEMPLATE, SPEC, RULE, MEMBERSHIP]) expect(refusalOf(intent(uid, 'update', { data: {} }))).toBeNull();
  });
});

describe('the stores each write feeds', () => {
  // [uid, action, params, stores]: the whole decision for the cases that differ.
  const CASES: Array<[string, WriteAction, Record<string, unknown>, string[]]> = [
    [GUIDE, 'create', { data: { unitCode: 'u' } }, ['audit-trail', 'guide-facts', 'snapshot']],
    [GUIDE, 'update', { data: { phone: '1' } }, ['audit-trail', 'guide-facts', 'snapshot']],
    [GUIDE, 'update', { data: { phone: '1' }, status: 'published' }, ['audit-trail', 'change-feed', 'guide-facts', 'reviews', 'snapshot']],
    [GUIDE, 'clone', { data: { unitCode: 'u' } }, ['audit-trail', 'guide-facts', 'snapshot']],
    [GUIDE, 'publish', {}, ['audit-trail', 'change-feed', 'guide-facts', 'reviews', 'snapshot']],
    [GUIDE, 'unpublish', {}, ['audit-trail', 'change-feed', 'guide-facts', 'snapshot']],
    [GUIDE, 'discardDraft', {}, ['audit-trail', 'guide-facts', 'snapshot']],
    [GUIDE, 'delete', {}, ['audit-trail', 'change-feed', 'guide-facts', 'snapshot']],
    [ITEM, 'update', { data: { title: 'x' } }, ['audit-trail', 'guide-titles', 'snapshot']],
    [ITEM, 'update', { data: { fee: 'x' } }, ['audit-trail', 'snapshot']],
    [ITEM, 'publish', {}, ['audit-trail', 'change-feed', 'expected-handlers', 'snapshot']],
    [ITEM, 'create', { data: { title: 'x' }, status: 'published' }, ['audit-trail', 'change-feed', 'expected-handlers', 'guide-titles', 'snapshot']],
    [ITEM, 'unpublish', {}, ['audit-trail', 'change-feed', 'expected-handlers', 'snapshot']],
    [UNIT, 'update', { data: { name: 'x' } }, ['audit-trail', 'change-feed', 'expected-handlers', 'guide-titles', 'item-health', 'snapshot']],
    [UNIT, 'delete', {}, ['audit-trail', 'change-feed', 'expected-handlers', 'item-health', 'snapshot']],
    [DEPARTMENT, 'update', { data: { phone: '1' } }, ['audit-trail', 'change-feed', 'expected-handlers', 'item-health', 'snapshot']],
    [TEMPLATE, 'publish', {}, ['audit-trail', 'change-feed', 'snapshot']],
    [TEMPLATE, 'update', { data: { body: 'x' } }, ['audit-trail', 'snapshot']],
    [SPEC, 'update', { data: {} }, ['audit-trail', 'change-feed', 'guide-facts', 'snapshot']],
    [RULE, 'create', { data: {} }, ['audit-trail', 'snapshot']],
    [RULE, 'delete', {}, ['audit-trail', 'snapshot']],
    [MEMBERSHIP, 'delete', {}, ['audit-trail', 'snapshot']],
    [REVIEW, 'create', { data: {} }, ['audit-trail', 'guide-facts']],
  ];
  test.each(CASES)('%s %s %j', (uid, action, params, stores) => {
    expect(sorted(storesFed(intent(uid, action, params)))).toEqual(stores);
  });

  test('an import (trusted) records no review, rechecks no item health, and is not carried; its audit and feed stay', () => {
    expect(sorted(storesFed(intent(GUIDE, 'publish', {}, { trusted: true })))).toEqual(['audit-trail', 'change-feed', 'guide-facts', 'snapshot']);
    expect(storesFed(intent(UNIT, 'update', { data: { code: 'x' } }, { trusted: true })).has('item-health')).toBe(false);
    expect(followUps(intent(GUIDE, 'update', { data: { materials: [] } }, { trusted: true })).has('carry-structure')).toBe(false);
    expect(checked(intent(GUIDE, 'update', { data: {} }, { trusted: true }))).toBe(false);
  });

  test('the change feed: a deletion is news only if some version was published; records without drafts on every write', () => {
    expect(changeActionOf(intent(GUIDE, 'delete'), false)).toBeNull();
    expect(changeActionOf(intent(GUIDE, 'delete'), true)).toBe('deleted');
    expect(changeActionOf(intent(UNIT, 'delete'), false)).toBe('deleted');
    expect(changeActionOf(intent(UNIT, 'update', { data: {} }), false)).toBe('published');
    expect(changeActionOf(intent(RULE, 'delete'), true)).toBeNull();
    expect(changeActionOf(intent(MEMBERSHIP, 'create', { data: {} }), true)).toBeNull();
  });

  test('follow-ups: structure carried on an edit of items and guides (not within a carry), shared fields on a publish', () => {
    expect(sorted(followUps(intent(ITEM, 'update', { data: { stages: [] } })))).toEqual(['carry-structure']);
    expect(sorted(followUps(intent(ITEM, 'update', { data: { stages: [] } }, { carried: true })))).toEqual([]);
    expect(sorted(followUps(intent(GUIDE, 'publish')))).toEqual(['publish-shared-fields']);
    expect(sorted(followUps(intent(UNIT, 'update', { data: { name: 'x' } })))).toEqual([]);
  });

  test('normalisations: conditions and titles on edits; a new locale takes the structure', () => {
    expect(sorted(normalisations(intent(GUIDE, 'clone', { data: {} })))).toEqual(['conditions', 'guide-title']);
    expect(sorted(normalisations(intent(ITEM, 'update', { data: {} })))).toEqual(['conditions', 'item-slug', 'new-locale-structure']);
    expect(sorted(normalisations(intent(ITEM, 'publish')))).toEqual([]);
    expect(sorted(normalisations(intent(GUIDE, 'update', { data: {} })))).toEqual(['conditions', 'guide-title', 'new-locale-structure', 'shared-component-rows']);
  });
});

describe('the record-type table', () => {
  test('every type has a name and a noun in both languages, a key, and an owner rule', () => {
    for (const type of RECORD_TYPES) {
      expect(type.name.en).not.toBe('');
      expect(type.name['zh-Hans']).toMatch(/\p{Script=Han}/u);
      expect(type.noun.many).not.toBe(type.noun.one);
      expect(typeof type.key).toBe('function');
    }
  });

  test('keys and owners', () => {
    expect(recordType(GUIDE)?.key({ itemCode: 'I', stageKey: 's', unitCode: 'u' })).toBe('I/s/u');
    expect(recordType(GUIDE)?.owner({ unitCode: 'u' })).toBe('u');
    expect(recordType(MEMBERSHIP)?.key({ unitCode: 'u', userId: 3 }, { email: 'a@b' })).toBe('u/a@b');
    expect(recordType(MEMBERSHIP)?.key({ unitCode: 'u', userId: 3 })).toBe('u/user 3');
    expect(recordType(REVIEW)?.owner({ subjectUid: GUIDE, subjectKey: 'I/s/u' })).toBe('u');
    expect(recordType(DEPARTMENT)?.owner({ unitCode: 'u', code: 'd' })).toBe('u');
  });

  test('a uid outside the table still gets a noun, never "undefined"', () => {
    expect(nounOf('plugin::linkage.thing')).toEqual({ one: 'thing record', many: 'thing records', zh: 'thing 记录' });
    expect(recordType('__proto__')).toBeUndefined();
  });
});
