import { fromLogic, newComparison, toLogic, unitParts, type BuilderQuestion } from '../../src/plugins/linkage/server/src/domain/condition-builder';
import { questionShapes } from '../../src/plugins/linkage/server/src/domain/item-rules';
import { demoItem, loadDemo, versionOf } from './demo-fixtures';

const QUESTIONS: BuilderQuestion[] = [
  { key: 'retirement_type', type: 'choice', kind: 'core' },
  { key: 'enterprise_type', type: 'choice', kind: 'core' },
  { key: 'enterprise_location', type: 'unit', kind: 'core', answerLevel: 'district' },
  { key: 'has_military_service', type: 'boolean', kind: 'auxiliary' },
];

describe('condition builder: every demo condition', () => {
  it('is shown by the editor (none left as advanced) and stored back exactly as it was', () => {
    const demo = loadDemo();
    const conditions = [
      ...demo.items.flatMap((item) => item.stages.map((s) => ({ item: item.code, logic: s.appliesWhen }))),
      ...demo.guides.flatMap((g) => (g.materials ?? []).filter((m) => m.when !== undefined).map((m) => ({ item: g.item, logic: m.when }))),
    ];
    expect(conditions.length).toBeGreaterThan(50);
    for (const { item, logic } of conditions) {
      const questions = questionShapes(versionOf(demoItem(item)).questions).map((q) => ({
        ...q,
        answerLevel: versionOf(demoItem(item)).questions.find((v) => v.key === q.key)?.answerLevel ?? null,
      }));
      const tree = fromLogic(logic, questions);
      expect({ item, kind: tree.kind === 'advanced' ? 'advanced' : 'built' }).toEqual({ item, kind: 'built' });
      expect(toLogic(tree)).toEqual(logic);
    }
  });
});

describe('condition builder: reading rules', () => {
  it('reads "always", stored or bare', () => {
    expect(fromLogic(true, QUESTIONS)).toEqual({ kind: 'always' });
    expect(fromLogic({ if: [true] }, QUESTIONS)).toEqual({ kind: 'always' });
  });

  it('reads a negated comparison as "is not", and a negated yes/no as the other answer', () => {
    expect(fromLogic({ '!': { '==': [{ var: 'retirement_type' }, 'illness'] } }, QUESTIONS)).toEqual({
      kind: 'compare',
      question: 'retirement_type',
      part: null,
      op: 'isNot',
      values: ['illness'],
    });
    expect(fromLogic({ '!': { var: 'has_military_service' } }, QUESTIONS)).toMatchObject({ op: 'is', values: [false] });
  });

  it('reads the parts of a unit answer', () => {
    expect(fromLogic({ '==': [{ var: 'enterprise_location.city.code' }, '370200000000'] }, QUESTIONS)).toMatchObject({ part: { level: 'city', attribute: 'code' } });
    expect(fromLogic({ '==': [{ var: 'enterprise_location.kind' }, 'county_city'] }, QUESTIONS)).toMatchObject({ part: { level: null, attribute: 'kind' } });
  });

  it.each([
    ['arithmetic', { '>': [{ var: 'age' }, 60] }],
    ['a unit compared whole', { '==': [{ var: 'enterprise_location' }, '370281000000'] }],
    ['a unit level', { '==': [{ var: 'enterprise_location.level' }, 'district'] }],
    ['"always" inside a group', { and: [true, { '==': [{ var: 'retirement_type' }, 'normal'] }] }],
  ])('keeps %s whole, as advanced', (_what, logic) => {
    expect(fromLogic(logic, QUESTIONS)).toEqual({ kind: 'advanced', logic });
    expect(toLogic(fromLogic(logic, QUESTIONS))).toBe(logic);
  });
});

describe('condition builder: writing rules', () => {
  it('writes one of, is not, and a negated group', () => {
    expect(toLogic({ kind: 'compare', question: 'retirement_type', part: null, op: 'oneOf', values: ['normal', 'bankrupt'] })).toEqual({
      in: [{ var: 'retirement_type' }, ['normal', 'bankrupt']],
    });
    expect(toLogic({ kind: 'compare', question: 'enterprise_location', part: { level: 'district', attribute: 'kind' }, op: 'isNot', values: ['district'] })).toEqual({
      '!=': [{ var: 'enterprise_location.district.kind' }, 'district'],
    });
    const group = { kind: 'group' as const, join: 'any' as const, negated: true, children: [newComparison({ key: 'has_military_service', type: 'boolean', kind: 'core' })] };
    expect(toLogic(group)).toEqual({ '!': { '==': [{ var: 'has_military_service' }, true] } });
  });

  it('offers a unit question its unit at its own level and above, and their kinds', () => {
    expect(unitParts('district').map((p) => `${p.level ?? 'itself'}.${p.attribute}`)).toEqual([
      'itself.code',
      'city.code',
      'district.code',
      'itself.kind',
      'city.kind',
      'district.kind',
    ]);
  });
});
