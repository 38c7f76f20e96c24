import { firstDifference, valueAt } from '../../src/plugins/linkage/server/src/domain/structure-diff';

describe('firstDifference', () => {
  it('finds no difference between equal values, whatever the key order', () => {
    expect(firstDifference({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBeNull();
    expect(firstDifference(NaN, NaN)).toBeNull();
    expect(firstDifference(null, null)).toBeNull();
  });

  it('treats an absent key and an undefined value alike', () => {
    expect(firstDifference({ a: 1, b: undefined }, { a: 1 })).toBeNull();
  });

  it('gives the empty path for differing top-level values', () => {
    expect(firstDifference(1, 2)).toEqual([]);
    expect(firstDifference('a', null)).toEqual([]);
  });

  it('gives the path of a nested difference', () => {
    expect(firstDifference({ stages: [{ key: 'a' }, { key: 'b' }] }, { stages: [{ key: 'a' }, { key: 'c' }] })).toEqual(['stages', 1, 'key']);
  });

  it('gives the first missing index when arrays differ in length', () => {
    expect(firstDifference([1, 2, 3], [1, 2])).toEqual([2]);
    expect(firstDifference({ list: [] }, { list: ['x'] })).toEqual(['list', 0]);
  });

  it('visits keys in sorted order, so the first difference is the alphabetically first key', () => {
    expect(firstDifference({ z: 1, a: 1 }, { z: 2, a: 2 })).toEqual(['a']);
  });

  it('finds a key present on one side only', () => {
    expect(firstDifference({ a: 1 }, { a: 1, b: 2 })).toEqual(['b']);
  });

  it('sees an array and an object as different', () => {
    expect(firstDifference({ a: [] }, { a: {} })).toEqual(['a']);
  });

  it('starts from the given path', () => {
    expect(firstDifference({ a: 1 }, { a: 2 }, ['root', 3])).toEqual(['root', 3, 'a']);
  });
});

describe('valueAt', () => {
  it('reads a value by path', () => {
    expect(valueAt({ stages: [{ key: 'a' }, { key: 'b' }] }, ['stages', 1, 'key'])).toBe('b');
    expect(valueAt({ a: 1 }, [])).toEqual({ a: 1 });
  });

  it('gives undefined for a path that leads nowhere', () => {
    expect(valueAt({ a: 1 }, ['b'])).toBeUndefined();
    expect(valueAt({ a: 1 }, ['a', 'b'])).toBeUndefined();
    expect(valueAt({ a: null }, ['a', 0])).toBeUndefined();
  });
});
