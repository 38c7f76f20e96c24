import { nulPath } from '../../src/plugins/linkage/server/src/domain/nul-characters';

test('finds the first text holding a NUL character, by its path, in values and keys', () => {
  expect(nulPath({ a: 'ok', b: ['x', 'y\u0000'] })).toEqual(['b', 1]);
  expect(nulPath({ answers: { ['k\u0000']: 'v' } })).toEqual(['answers', 'k\u0000']);
  expect(nulPath('\u0000')).toEqual([]);
});

test('nothing to find: null; other values and very deep nesting are left alone', () => {
  expect(nulPath({ a: 1, b: null, c: [true, 'text', { d: '路' }] })).toBeNull();
  let deep: unknown = 'x\u0000';
  for (let i = 0; i < 50; i += 1) deep = { deep };
  expect(nulPath(deep)).toBeNull();
});
