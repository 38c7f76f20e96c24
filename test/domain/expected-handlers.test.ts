import { answerSpace } from '../../src/plugins/linkage/server/src/domain/answer-space';
import type { CatalogItem } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { expectedHandlers } from '../../src/plugins/linkage/server/src/domain/expected-handlers';
import { departmentsByUnitKind } from '../../src/plugins/linkage/server/src/domain/handlers';
import { indexUnits } from '../../src/plugins/linkage/server/src/domain/unit-tree';
import { loadDemo } from '../support/demo';

const demo = loadDemo();
const units = indexUnits(demo.units.map((u) => ({ code: u.code, level: u.level, kind: u.kind, parentCode: u.parent })));
const departments = departmentsByUnitKind(demo.departments.map((d) => ({ code: d.code, kind: d.kind, unitCode: d.unit })));
const item = (code: string) => demo.items.find((i) => i.code === code) as CatalogItem;
const handlersOf = (code: string) => expectedHandlers(answerSpace(item(code), units), departments);

test('the retirement item: the city stages once, the district stages for every district, 莱西市 included', () => {
  const rows = handlersOf('QD-SI-001');
  const byStage = (stage: string) => rows.filter((r) => r.stageKey === stage).map((r) => r.unitCode);
  expect(byStage('city-approval')).toEqual(['370200000000']);
  expect(byStage('district-review')).toContain('370285000000');
  expect(rows.find((r) => r.stageKey === 'district-review' && r.unitCode === '370285000000')).toEqual({
    itemCode: 'QD-SI-001',
    stageKey: 'district-review',
    unitCode: '370285000000',
    departmentCode: '370285-SI',
    level: 'district',
    domain: 'social-security',
  });
  expect(rows.every((r) => r.level === (r.unitCode === '370200000000' ? 'city' : 'district'))).toBe(true);
});

test("of the handlers some answer reaches, only 莱西市's retirement review lacks a guide", () => {
  const expected = demo.items.flatMap((i) => handlersOf(i.code));
  const keys = new Set(expected.map((r) => `${r.itemCode}/${r.stageKey}/${r.unitCode}`));
  const guides = new Set(demo.guides.map((g) => `${g.item}/${g.stage}/${g.unit}`));
  // (Some demo guides are not expected: a district with no community in the demo answers no
  // community-level question. They are owned all the same; only the other way round is "missing".)
  expect([...guides].filter((k) => k.startsWith('QD-SI-001/')).every((k) => keys.has(k))).toBe(true);
  expect([...keys].filter((k) => !guides.has(k))).toEqual(['QD-SI-001/district-review/370285000000']);
});

test('a stage whose condition no answer meets is expected of nobody', () => {
  const base = item('QD-CA-001');
  const never = { ...base, stages: base.stages.map((s) => (s.key === 'street-review' ? { ...s, appliesWhen: { '==': [{ var: 'household_location.kind' }, 'nowhere'] } } : s)) };
  const rows = expectedHandlers(answerSpace(never as CatalogItem, units), departments);
  expect(rows.some((r) => r.stageKey === 'street-review')).toBe(false);
  expect(rows.some((r) => r.stageKey === 'community-acceptance')).toBe(true);
});
