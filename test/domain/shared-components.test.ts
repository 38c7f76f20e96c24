// A shared component's rows, written from a form of another locale opened before a save renumbered them.
import { componentIds, rowsOfThisLocale } from '../../src/plugins/linkage/server/src/domain/shared-components';

test('the ids of a stored component, one row or a list', () => {
  expect([...componentIds({ id: 4, statutoryDays: 20 })]).toEqual([4]);
  expect([...componentIds([{ id: 1 }, { id: 2 }])]).toEqual([1, 2]);
  expect([...componentIds(null)]).toEqual([]);
});

test('a row this locale has keeps its id; one it no longer has is written anew', () => {
  expect(rowsOfThisLocale({ id: 4, statutoryDays: 20 }, new Set([4]))).toEqual({ id: 4, statutoryDays: 20 });
  expect(rowsOfThisLocale({ id: 3, statutoryDays: 20 }, new Set([4]))).toEqual({ statutoryDays: 20 });
  expect(rowsOfThisLocale([{ id: 4 }, { id: 9, x: 1 }, { y: 2 }], new Set([4]))).toEqual([{ id: 4 }, { x: 1 }, { y: 2 }]);
  expect(rowsOfThisLocale(null, new Set())).toBeNull();
});
