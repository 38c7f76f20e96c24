import type { CatalogStage } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { departmentsByUnitKind, resolveHandler } from '../../src/plugins/linkage/server/src/domain/handlers';
import { loadDemo } from './demo-fixtures';
import { ALLOWANCE, BEIGUAN_VILLAGE, CITY, FUAN_STREET, JIAOZHOU, RETIREMENT, departmentFacts, itemOf, navigatorOf } from './navigator-fixtures';

const nav = navigatorOf();
const stageOf = (itemCode: string, key: string): CatalogStage => {
  const found = itemOf(nav, itemCode).stages.find((s) => s.key === key);
  if (!found) throw new Error(`no stage ${key}`);
  return found;
};
const resolve = (stage: CatalogStage, answers: Record<string, string | boolean>, departments = nav.departments) => resolveHandler(stage, answers, nav.units, departments);

describe('departmentsByUnitKind', () => {
  it('indexes the 61 demo departments by unit and kind, one per key', () => {
    const index = departmentsByUnitKind(departmentFacts(loadDemo()));
    expect([...index.values()].flat()).toHaveLength(61);
    expect([...index.values()].every((list) => list.length === 1)).toBe(true);
    expect(index.get('370281000000|SI')).toEqual([{ code: '370281-SI', kind: 'SI', unitCode: JIAOZHOU }]);
    expect(index.get('370281001002|COMMITTEE')).toEqual([{ code: '370281001002-COMMITTEE', kind: 'COMMITTEE', unitCode: BEIGUAN_VILLAGE }]);
    expect(index.get('370285000000|OFFICE')).toBeUndefined();
  });

  it('keeps every department of the same unit and kind', () => {
    const index = departmentsByUnitKind([
      { code: 'A', kind: 'SI', unitCode: 'u' },
      { code: 'B', kind: 'SI', unitCode: 'u' },
      { code: 'C', kind: 'CA', unitCode: 'u' },
    ]);
    expect(index.get('u|SI')?.map((d) => d.code)).toEqual(['A', 'B']);
    expect(index.get('u|CA')?.map((d) => d.code)).toEqual(['C']);
  });
});

describe('resolveHandler', () => {
  it('gives a fixed handler whatever the answers', () => {
    expect(resolve(stageOf(RETIREMENT, 'city-approval'), {})).toEqual({ kind: 'resolved', unitCode: CITY, departmentCode: 'QD-SI' });
    expect(resolve(stageOf(RETIREMENT, 'work-ability-appraisal'), { enterprise_location: JIAOZHOU })).toEqual({
      kind: 'resolved',
      unitCode: CITY,
      departmentCode: 'QD-LAC',
    });
  });

  it('is pending on the unit question until it is answered', () => {
    expect(resolve(stageOf(RETIREMENT, 'district-review'), { retirement_type: 'normal' })).toEqual({ kind: 'pending', question: 'enterprise_location' });
  });

  it('takes the answer itself when it is at the stage level', () => {
    expect(resolve(stageOf(RETIREMENT, 'district-review'), { enterprise_location: JIAOZHOU })).toEqual({
      kind: 'resolved',
      unitCode: JIAOZHOU,
      departmentCode: '370281-SI',
    });
  });

  it('climbs from a street and from a village to the district-level unit', () => {
    for (const location of [FUAN_STREET, BEIGUAN_VILLAGE]) {
      expect(resolve(stageOf(RETIREMENT, 'district-review'), { enterprise_location: location })).toEqual({
        kind: 'resolved',
        unitCode: JIAOZHOU,
        departmentCode: '370281-SI',
      });
    }
  });

  it('resolves each allowance stage from the village up: committee, street office, civil affairs bureau', () => {
    const answers = { household_location: BEIGUAN_VILLAGE };
    expect(resolve(stageOf(ALLOWANCE, 'community-acceptance'), answers)).toEqual({
      kind: 'resolved',
      unitCode: BEIGUAN_VILLAGE,
      departmentCode: '370281001002-COMMITTEE',
    });
    expect(resolve(stageOf(ALLOWANCE, 'street-review'), answers)).toEqual({ kind: 'resolved', unitCode: FUAN_STREET, departmentCode: '370281001-OFFICE' });
    expect(resolve(stageOf(ALLOWANCE, 'district-approval'), answers)).toEqual({ kind: 'resolved', unitCode: JIAOZHOU, departmentCode: '370281-CA' });
  });

  it('is unresolvable when the answer has no unit at the stage level (a district for a street stage)', () => {
    expect(resolve(stageOf(ALLOWANCE, 'street-review'), { household_location: JIAOZHOU })).toEqual({
      kind: 'unresolvable',
      reason: '370281000000 has no street-level unit above it to handle stage "street-review"',
      cause: { kind: 'no-unit-at-level', answer: JIAOZHOU, level: 'street' },
    });
  });

  it('is unresolvable when the unit has no department of the kind', () => {
    const departments = departmentsByUnitKind(departmentFacts(loadDemo()).filter((d) => d.code !== '370281-SI'));
    expect(resolve(stageOf(RETIREMENT, 'district-review'), { enterprise_location: JIAOZHOU }, departments)).toEqual({
      kind: 'unresolvable',
      reason: '370281000000 has no SI department to handle stage "district-review"',
      cause: { kind: 'no-department', unitCode: JIAOZHOU, departmentKind: 'SI' },
    });
  });

  it('is unresolvable when the unit has two departments of the kind, naming both', () => {
    const departments = departmentsByUnitKind([...departmentFacts(loadDemo()), { code: '370281-SI-2', kind: 'SI', unitCode: JIAOZHOU }]);
    expect(resolve(stageOf(RETIREMENT, 'district-review'), { enterprise_location: JIAOZHOU }, departments)).toEqual({
      kind: 'unresolvable',
      reason: '370281000000 has 2 SI departments (370281-SI, 370281-SI-2); stage "district-review" needs exactly one',
      cause: { kind: 'several-departments', unitCode: JIAOZHOU, departmentKind: 'SI', departmentCodes: ['370281-SI', '370281-SI-2'] },
    });
  });

  it('is unresolvable for a stage with no handler', () => {
    const stage = { ...stageOf(RETIREMENT, 'city-approval'), handler: {} as never };
    expect(resolve(stage, {})).toEqual({ kind: 'unresolvable', reason: 'stage "city-approval" has no handler', cause: { kind: 'no-handler' } });
  });

  it('is pending when the unit question holds a non-string (never a unit code)', () => {
    expect(resolve(stageOf(RETIREMENT, 'district-review'), { enterprise_location: true })).toEqual({ kind: 'pending', question: 'enterprise_location' });
  });
});
