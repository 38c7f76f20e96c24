import { formFieldOf, itemRowFromForm } from '../../src/plugins/linkage/server/src/domain/item-form';

describe('itemRowFromForm: the item being edited, unsaved', () => {
  it('reads the Content Manager form values as a stored draft would be, conditions parsed', () => {
    const { row, problems } = itemRowFromForm({
      code: 'QD-SI-001',
      title: '企业职工退休认证',
      stages: [
        {
          id: 3,
          __temp_key__: 'a0',
          key: 'appraisal',
          order: '10',
          level: 'city',
          name: '鉴定',
          handler: { unit: 'A', department: 'D' },
          appliesWhen: '{"==":[{"var":"type"},"illness"]}',
        },
      ],
      questions: [{ key: 'type', kind: 'core', type: 'choice', label: '类型', options: [{ value: 'illness', label: '因病' }] }],
    });
    expect(problems).toEqual([]);
    expect(row.stages).toEqual([
      { key: 'appraisal', order: 10, level: 'city', name: '鉴定', handler: { unit: 'A', department: 'D' }, appliesWhen: { '==': [{ var: 'type' }, 'illness'] } },
    ]);
    expect(row.questions[0]).toEqual({
      key: 'type',
      kind: 'core',
      type: 'choice',
      label: '类型',
      options: [{ value: 'illness', label: '因病' }],
      answerLevel: null,
      within: null,
    });
    expect(row.policies).toEqual([]);
  });

  it('reports a condition a save would refuse, at its field', () => {
    const { problems } = itemRowFromForm({ stages: [{ key: 'x', appliesWhen: 'illness' }] });
    expect(problems.map((p) => p.path)).toEqual([['stages', 0, 'appliesWhen']]);
  });
});

describe('formFieldOf: the form field a problem belongs to', () => {
  it.each([
    [['stages', 1, 'appliesWhen', 'and', 0, '==', 1], 'stages.1.appliesWhen'],
    [['questions', 0, 'options', 4, 'value'], 'questions.0.options.4.value'],
    [['stages', 2, 'handler', 'unit'], 'stages.2.handler'],
    [['title'], 'title'],
    [['stages'], 'stages'],
    [['materials', 3, 'when', 'in'], 'materials.3.when'],
  ])('%j → %s', (path, field) => {
    expect(formFieldOf(path as Array<string | number>)).toBe(field);
  });
});
