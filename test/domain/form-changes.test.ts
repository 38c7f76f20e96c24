// The edit page's own changes, found by comparing the form with the document it loaded, and made fit
// to apply again on a newer version (issue 14).
import { changedFields, reapplicable } from '../../src/plugins/linkage/admin/src/editor/form-changes';

const loaded = {
  id: 7,
  documentId: 'abc',
  updatedAt: '2026-12-01T02:00:00.000Z',
  address: '八大关街道办事处',
  hours: null,
  fee: '',
  materials: [{ id: 31, name: '申请表', copies: 1, blankForm: null }],
  timeLimit: { id: 4, statutoryDays: 20, promisedDays: 10 },
};

describe('changedFields', () => {
  test('a form as loaded (form keys, empty values as absent, meta fields) has no change', () => {
    const form = {
      ...loaded,
      hours: undefined,
      fee: undefined,
      materials: [{ id: 31, __temp_key__: 'a0', name: '申请表', copies: 1 }],
      timeLimit: { id: 4, promisedDays: 10, statutoryDays: 20 },
      updatedAt: 'changed by the form, not by the editor',
    };
    expect(changedFields(form, loaded)).toEqual([]);
  });

  test('the fields the editor changed, a component included, in order', () => {
    const form = { ...loaded, hours: '工作日 9:00–17:00', materials: [{ id: 31, __temp_key__: 'a0', name: '申请表（原件）', copies: 1 }] };
    expect(changedFields(form, loaded)).toEqual(['hours', 'materials']);
  });
});

describe('reapplicable', () => {
  test('keeps only the named fields, without the ids of component rows of the old version', () => {
    const form = { ...loaded, hours: '9:00', materials: [{ id: 31, __temp_key__: 'a0', name: '申请表', copies: 2 }] };
    expect(reapplicable(form, ['hours', 'materials'])).toEqual({ hours: '9:00', materials: [{ __temp_key__: 'a0', name: '申请表', copies: 2 }] });
  });
});
