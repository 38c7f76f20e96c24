import { conditionFromInput, fromStoredLogic, toStoredLogic } from '../../src/plugins/linkage/server/src/domain/stored-logic';
import { itemRow } from '../../src/plugins/linkage/server/src/domain/catalog-records';
import { demoItem, loadDemo } from './demo-fixtures';

describe('toStoredLogic and fromStoredLogic', () => {
  it.each([true, false, 0, 3, 'yes', ''])('stores the bare value %p wrapped in an if, and reads it back bare', (value) => {
    expect(toStoredLogic(value)).toEqual({ if: [value] });
    expect(fromStoredLogic(toStoredLogic(value))).toBe(value);
  });

  it('stores rules and arrays as they are', () => {
    const rule = { '==': [{ var: 'retirement_type' }, 'illness'] };
    expect(toStoredLogic(rule)).toBe(rule);
    expect(toStoredLogic([1, 2])).toEqual([1, 2]);
    expect(fromStoredLogic(rule)).toBe(rule);
  });

  it('stores no condition as null', () => {
    expect(toStoredLogic(undefined)).toBeNull();
    expect(toStoredLogic(null)).toBeNull();
    expect(fromStoredLogic(null)).toBeNull();
  });

  it('unwraps only an if with a single bare value', () => {
    const ifRule = { if: [{ var: 'has_military_service' }] };
    const ifElse = { if: [true, 'a', 'b'] };
    expect(fromStoredLogic(ifRule)).toBe(ifRule);
    expect(fromStoredLogic(ifElse)).toBe(ifElse);
    expect(fromStoredLogic({ if: [true], and: [] })).toEqual({ if: [true], and: [] });
  });

  it('brings every demo condition back as written', () => {
    const demo = loadDemo();
    const conditions = [
      ...demo.items.flatMap((i) => i.stages.map((s) => s.appliesWhen)),
      ...demo.guides.flatMap((g) => (g.materials ?? []).flatMap((m) => (m.when === undefined ? [] : [m.when]))),
    ];
    expect(conditions).toContain(true);
    expect(conditions.map((c) => fromStoredLogic(toStoredLogic(c)))).toEqual(conditions);
  });

  it('is what an item row holds for a stage that always applies', () => {
    expect(itemRow(demoItem('QD-CA-001'), 'zh-Hans').stages[0].appliesWhen).toEqual({ if: [true] });
  });
});

describe('conditionFromInput: a condition as any client writes it', () => {
  const rule = { '==': [{ var: 'retirement_type' }, 'bankrupt'] };

  it('parses the text the Content Manager JSON editor sends, and stores the rule it holds', () => {
    const edited = '{\n  "==": [\n    { "var": "retirement_type" },\n    "bankrupt"\n  ]\n}';
    expect(conditionFromInput(edited)).toEqual({ ok: true, stored: rule });
    expect(conditionFromInput('true')).toEqual({ ok: true, stored: { if: [true] } });
  });

  it('keeps objects and wraps bare values, as before', () => {
    expect(conditionFromInput(rule)).toEqual({ ok: true, stored: rule });
    expect(conditionFromInput(false)).toEqual({ ok: true, stored: { if: [false] } });
    expect(conditionFromInput(null)).toEqual({ ok: true, stored: null });
    expect(conditionFromInput('  ')).toEqual({ ok: true, stored: null });
  });

  it('repairs what an earlier version stored of a JSON editor string: a literal wrapper around text', () => {
    expect(conditionFromInput({ if: [JSON.stringify(rule)] })).toEqual({ ok: true, stored: rule });
  });

  it.each([
    ['text that is not JSON', '{"==": [{"var": "retirement_type"}, "illness"'],
    ['a bare word', 'illness'],
  ])('refuses %s, saying to use the condition editor', (_what, text) => {
    const input = conditionFromInput(text);
    expect(input.ok).toBe(false);
    if (input.ok) return;
    expect(input.problem.message).toMatch(/^is text, not a condition/);
    expect(input.problem.text?.['zh-Hans']).toBe('条件是一段文字，而不是条件：请用条件编辑器设置');
  });

  it('refuses text that holds only a string, which would apply to everyone', () => {
    const input = conditionFromInput('"illness"');
    expect(input).toMatchObject({ ok: false, problem: { path: [], message: expect.stringMatching(/holds only a string/) } });
  });
});
