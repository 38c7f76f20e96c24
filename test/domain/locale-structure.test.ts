import { GUIDE_LISTS, ITEM_LISTS, carryStructure, structureOf } from '../../src/plugins/linkage/server/src/domain/locale-structure';

// Stored rows as the database gives them: component ids, texts per locale, structure in both.
const zhBefore = {
  stages: [
    { id: 1, key: 'appraisal', order: 10, level: 'city', name: '劳动能力鉴定', handler: { unit: 'A', department: 'D' }, appliesWhen: { '==': [{ var: 'type' }, 'illness'] } },
    { id: 2, key: 'review', order: 20, level: 'district', name: '区级审核', handler: { unit: 'B', department: 'E' }, appliesWhen: { if: [true] } },
  ],
  questions: [
    {
      id: 5,
      key: 'type',
      kind: 'core',
      type: 'choice',
      label: '退休类型',
      answerLevel: null,
      within: null,
      options: [
        { id: 7, value: 'normal', label: '正常退休' },
        { id: 8, value: 'illness', label: '因病退休' },
      ],
    },
  ],
  policies: [{ id: 9, title: '暂行办法', url: 'https://gov.example/a' }],
};
const enDraft = {
  stages: [
    {
      id: 11,
      key: 'appraisal',
      order: 10,
      level: 'city',
      name: 'Work ability appraisal',
      handler: { unit: 'A', department: 'D' },
      appliesWhen: { '==': [{ var: 'type' }, 'illness'] },
    },
    { id: 12, key: 'review', order: 20, level: 'district', name: 'District review', handler: { unit: 'B', department: 'E' }, appliesWhen: { if: [true] } },
  ],
  questions: [
    {
      id: 15,
      key: 'type',
      kind: 'core',
      type: 'choice',
      label: 'Type of retirement',
      answerLevel: null,
      within: null,
      options: [
        { id: 17, value: 'normal', label: 'Normal' },
        { id: 18, value: 'illness', label: 'Illness' },
      ],
    },
  ],
  policies: [{ id: 19, title: 'Interim measures', url: 'https://gov.example/a' }],
};
const clone = <T>(value: T): T => structuredClone(value);

describe('carryStructure: structure is edited once', () => {
  it('carries an edited condition and option value into the other locale, keeping its texts and component ids', () => {
    const zhAfter = clone(zhBefore);
    zhAfter.stages[0].appliesWhen = { '==': [{ var: 'type' }, 'bankrupt'] };
    zhAfter.questions[0].options[1].value = 'bankrupt';
    const carried = carryStructure(ITEM_LISTS, zhBefore, zhAfter, enDraft);
    expect(carried.stages[0]).toEqual({ ...enDraft.stages[0], appliesWhen: { '==': [{ var: 'type' }, 'bankrupt'] } });
    expect(carried.questions[0].options).toEqual([
      { id: 17, value: 'normal', label: 'Normal' },
      { id: 18, value: 'bankrupt', label: 'Illness' },
    ]);
    expect(carried.policies).toEqual(enDraft.policies);
  });

  it('follows a renamed key, a reorder and a removal, matching by component id', () => {
    const zhAfter = clone(zhBefore);
    zhAfter.stages = [{ ...zhBefore.stages[1], key: 'district-review', order: 5 }];
    const carried = carryStructure(ITEM_LISTS, zhBefore, zhAfter, enDraft);
    expect(carried.stages).toEqual([{ ...enDraft.stages[1], key: 'district-review', order: 5 }]);
  });

  it('adds a new stage with no texts in the other locale (a translation is asked for) and no id', () => {
    const zhAfter = clone(zhBefore);
    const added = { key: 'filing', order: 30, level: 'city', name: '备案', handler: { unit: 'A', department: 'D' }, appliesWhen: { if: [true] } };
    (zhAfter.stages as unknown[]).push(added);
    const carried = carryStructure(ITEM_LISTS, zhBefore, zhAfter, enDraft);
    expect(carried.stages).toHaveLength(3);
    expect(carried.stages[2]).toEqual({ ...added, name: null });
    expect(carried.stages[0]).toEqual(enDraft.stages[0]);
  });

  it('matches by key when a client writes the whole list again without ids', () => {
    const zhAfter = { stages: zhBefore.stages.map(({ id: _id, ...rest }) => ({ ...rest })).reverse() };
    const carried = carryStructure(ITEM_LISTS, zhBefore, zhAfter, enDraft);
    expect(carried.stages.map((s) => [s.key, s.name, s.id])).toEqual([
      ['review', 'District review', 12],
      ['appraisal', 'Work ability appraisal', 11],
    ]);
    expect(carried).not.toHaveProperty('questions');
  });

  it('matches materials, which have no key, by id, else by position', () => {
    const before = { materials: [{ id: 1, name: '身份证', original: 1, copies: 1, required: true, when: null, blankForm: null }] };
    const target = { materials: [{ id: 2, name: 'ID card', original: 1, copies: 1, required: true, when: null, blankForm: null }] };
    const byId = carryStructure(GUIDE_LISTS, before, { materials: [{ ...before.materials[0], copies: 2 }] }, target);
    expect(byId.materials).toEqual([{ ...target.materials[0], copies: 2 }]);
    const byPosition = carryStructure(GUIDE_LISTS, before, { materials: [{ name: '身份证', original: 1, copies: 3, required: true, when: null, blankForm: null }] }, target);
    expect(byPosition.materials).toEqual([{ ...target.materials[0], copies: 3 }]);
  });

  it('gives a new locale the document structure with the texts given for it', () => {
    const given = { stages: [{ key: 'review', name: 'District review (new)' }], title: 'x' };
    const carried = carryStructure(ITEM_LISTS, zhBefore, zhBefore, given);
    expect(carried.stages.map((s) => [s.key, s.name])).toEqual([
      ['appraisal', null],
      ['review', 'District review (new)'],
    ]);
  });
});

describe('structureOf', () => {
  it('is the same for two locales that differ only in texts and ids', () => {
    expect(structureOf(ITEM_LISTS, zhBefore)).toEqual(structureOf(ITEM_LISTS, enDraft));
  });

  it('differs when a condition differs', () => {
    const changed = clone(enDraft);
    changed.stages[0].appliesWhen = { '==': [{ var: 'type' }, 'normal'] };
    expect(structureOf(ITEM_LISTS, changed)).not.toEqual(structureOf(ITEM_LISTS, zhBefore));
  });
});
