// Optimistic concurrency, decided without Strapi: when a save's loaded version was replaced, by
// what, and how the refusal says it.
import { changedSinceLoad, conflictText, versionOf, type ChangeSince } from '../../src/plugins/linkage/server/src/domain/edit-conflict';

const GUIDE = 'plugin::linkage.guide';
const SHARED = new Set(['phone', 'onlineUrl', 'unitCode']);
const entry = (seq: number, subjectLocale: string | null, fields: ChangeSince['fields'], action = 'update'): ChangeSince => ({
  seq,
  action,
  subjectLocale,
  fields,
  userEmail: 'a@b.test',
});

describe('versionOf', () => {
  test.each([
    [new Date('2026-12-01T02:00:00.123Z'), 1796090400123],
    ['2026-12-01T02:00:00.123Z', 1796090400123],
    [1796090400123, 1796090400123],
    ['1796090400123', 1796090400123],
  ])('%p is %p ms', (value, ms) => expect(versionOf(value)).toBe(ms));

  test.each([[null], [undefined], [''], ['not a date'], [Number.NaN], [new Date('x')]])('%p is no version', (value) => expect(versionOf(value)).toBeNull());
});

describe('changedSinceLoad', () => {
  const loaded = { version: 100, auditSeq: 10 };

  test('nothing replaced when the stored version is the one loaded, or nothing was loaded', () => {
    expect(changedSinceLoad(loaded, 100, [entry(11, 'zh-Hans', ['address'])], 'zh-Hans', SHARED)).toBeNull();
    expect(changedSinceLoad(undefined, 200, [entry(11, 'zh-Hans', ['address'])], 'zh-Hans', SHARED)).toBeNull();
    expect(changedSinceLoad(loaded, null, [], 'zh-Hans', SHARED)).toBeNull();
  });

  test('the fields changed in the locale since the load, in the order first changed, each once', () => {
    const entries = [entry(13, 'zh-Hans', ['hours', 'address']), entry(12, 'zh-Hans', ['address']), entry(9, 'zh-Hans', ['fee'])];
    expect(changedSinceLoad(loaded, 200, entries, 'zh-Hans', SHARED)).toEqual(['address', 'hours']);
  });

  test('a newer version whose saves changed nothing (the save before a publish) replaces nothing', () => {
    expect(changedSinceLoad(loaded, 200, [entry(11, 'zh-Hans', []), entry(12, 'zh-Hans', [], 'publish')], 'zh-Hans', SHARED)).toBeNull();
  });

  test('another locale’s change counts only for the fields every locale shares', () => {
    expect(changedSinceLoad(loaded, 200, [entry(11, 'en', ['address'])], 'zh-Hans', SHARED)).toBeNull();
    expect(changedSinceLoad(loaded, 200, [entry(11, 'en', ['address', 'phone'])], 'zh-Hans', SHARED)).toEqual(['phone']);
  });

  test('entries about every locale, several, or none touch each locale; a move names its fields', () => {
    expect(changedSinceLoad(loaded, 200, [entry(11, '*', ['address'])], 'zh-Hans', SHARED)).toEqual(['address']);
    expect(changedSinceLoad(loaded, 200, [entry(11, 'en,zh-Hans', ['hours'])], 'zh-Hans', SHARED)).toEqual(['hours']);
    expect(changedSinceLoad(loaded, 200, [entry(11, null, ['name'])], null, new Set())).toEqual(['name']);
    expect(changedSinceLoad(loaded, 200, [entry(11, 'zh-Hans', [{ field: 'unitCode' }], 'move')], 'zh-Hans', SHARED)).toEqual(['unitCode']);
  });

  test('a discarded draft replaces the version without naming fields', () => {
    expect(changedSinceLoad(loaded, 200, [entry(11, 'zh-Hans', [], 'discard-draft')], 'zh-Hans', SHARED)).toEqual([]);
    expect(changedSinceLoad(loaded, 200, [entry(11, 'en', [], 'discard-draft')], 'zh-Hans', SHARED)).toBeNull();
  });
});

describe('conflictText', () => {
  const conflict = {
    uid: GUIDE,
    documentId: 'abc',
    locale: 'zh-Hans',
    savedBy: { name: '王芳', email: 'wang.fang@badaguan.gov' },
    savedAt: '2026-12-01T02:32:05.000Z',
    fields: ['address', 'fee'],
  };

  test('says who, when on the city’s clock, which fields by name, that nothing was saved, and what to do, in both languages', () => {
    const text = conflictText(conflict, 'Asia/Shanghai');
    expect(text.en).toBe(
      '王芳 (wang.fang@badaguan.gov) saved this guide at 1 Dec 2026, 10:32:05, changing Address and Fee, after you opened it. Your save was refused so their work is not overwritten: nothing was saved. Reload to see their version, then apply your changes again.'
    );
    expect(text['zh-Hans']).toBe(
      '在您打开此办事指南之后，王芳 (wang.fang@badaguan.gov) 于 2026年12月1日 10:32:05 保存了它，修改了办理地点、收费标准。为避免覆盖他人的修改，您的保存未被执行，什么都没有保存。请重新加载查看对方的版本，然后再次应用您的修改。'
    );
  });

  test('without a known saver or fields it still says what happened', () => {
    const text = conflictText({ ...conflict, savedBy: null, fields: [] }, 'UTC');
    expect(text.en).toMatch(/^Someone else saved this guide at 1 Dec 2026, 02:32:05, after you opened it\./);
    expect(text['zh-Hans']).toMatch(/^在您打开此办事指南之后，其他人 于 2026年12月1日 02:32:05 保存了它。/);
  });
});
