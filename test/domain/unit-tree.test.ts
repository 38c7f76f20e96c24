import {
  ancestorOrSelfAt,
  ancestorsOf,
  indexUnits,
  subtreeCodes,
  unitProblems,
  unitSetProblems,
  type UnitDraft,
  type UnitFacts,
} from '../../src/plugins/linkage/server/src/domain/unit-tree';
import { demoUnitIndex, loadDemo, unitFactsOf } from './demo-fixtures';

const CITY = '370200000000';
const SHINAN = '370202000000';
const SHIBEI = '370203000000';
const JIAOZHOU = '370281000000';

const demoUnits = () => unitFactsOf(loadDemo());

describe('unitProblems', () => {
  it('accepts a new district, street and community that fit the demo tree', () => {
    const units = demoUnitIndex();
    expect(unitProblems({ code: '370222000000', level: 'district', kind: 'county', parentCode: CITY }, units)).toEqual([]);
    expect(unitProblems({ code: '370202003000', level: 'street', kind: 'town', parentCode: SHINAN }, units)).toEqual([]);
    expect(unitProblems({ code: '370202001003', level: 'community', kind: 'villagers_committee', parentCode: '370202001000' }, units)).toEqual([]);
  });

  it('accepts each demo unit against the others (the tree without its own code)', () => {
    const all = demoUnitIndex();
    const problems = [...all.values()].flatMap((unit) => {
      const others = new Map(all);
      others.delete(unit.code);
      return unitProblems(unit, others);
    });
    expect(problems).toEqual([]);
  });

  it('refuses a level that is not one of the four, and checks nothing else', () => {
    expect(unitProblems({ code: 'x', level: 'province', kind: 'x', parentCode: null }, demoUnitIndex())).toEqual([
      { path: ['level'], message: 'must be one of city, district, street, community, got "province"' },
    ]);
    expect(unitProblems({ code: '370222000000', kind: 'district', parentCode: CITY }, demoUnitIndex())).toEqual([
      { path: ['level'], message: 'must be one of city, district, street, community, got null' },
    ]);
  });

  it('refuses a bad code at the code field', () => {
    expect(unitProblems({ code: '37022200000', level: 'district', kind: 'district', parentCode: CITY }, demoUnitIndex())).toEqual([
      { path: ['code'], message: 'must be exactly 12 digits, got "37022200000"' },
    ]);
    expect(unitProblems({ code: '370200000000', level: 'district', kind: 'district', parentCode: '370100000000' }, new Map())).toEqual([
      { path: ['code'], message: '370200000000 is not a district code: digits 5–6 must not all be zero' },
      { path: ['parentCode'], message: 'no unit has the code 370100000000' },
    ]);
  });

  it('refuses a code that another unit already has', () => {
    expect(unitProblems({ code: SHIBEI, level: 'district', kind: 'district', parentCode: CITY }, demoUnitIndex())).toEqual([
      { path: ['code'], message: `${SHIBEI} is already the code of another unit` },
    ]);
  });

  it('refuses a kind that is not allowed at the level', () => {
    expect(unitProblems({ code: '370222000000', level: 'district', kind: 'subdistrict', parentCode: CITY }, demoUnitIndex())).toEqual([
      { path: ['kind'], message: 'must be one of district, county_city, county for a district-level unit, got "subdistrict"' },
    ]);
    expect(unitProblems({ code: '370202001003', level: 'community', parentCode: '370202001000' }, demoUnitIndex())).toEqual([
      { path: ['kind'], message: 'must be one of residents_committee, villagers_committee for a community-level unit, got null' },
    ]);
  });

  it('refuses a parent on a city-level unit', () => {
    expect(unitProblems({ code: '370300000000', level: 'city', kind: 'prefecture_city', parentCode: CITY }, demoUnitIndex())).toEqual([
      { path: ['parentCode'], message: 'a city-level unit has no parent' },
    ]);
  });

  it('accepts a city-level unit without a parent, whether the parent is null, empty or absent', () => {
    const units = demoUnitIndex();
    expect(unitProblems({ code: '370300000000', level: 'city', kind: 'prefecture_city', parentCode: null }, units)).toEqual([]);
    expect(unitProblems({ code: '370300000000', level: 'city', kind: 'prefecture_city', parentCode: '' }, units)).toEqual([]);
    expect(unitProblems({ code: '370300000000', level: 'city', kind: 'prefecture_city' }, units)).toEqual([]);
  });

  it.each([null, '', undefined])('refuses a missing parent below the city level (parentCode %p)', (parentCode) => {
    expect(unitProblems({ code: '370202003000', level: 'street', kind: 'subdistrict', parentCode }, demoUnitIndex())).toEqual([
      { path: ['parentCode'], message: 'a street-level unit needs a district-level parent' },
    ]);
  });

  it('refuses a parent code that is not a string', () => {
    expect(unitProblems({ code: '370222000000', level: 'district', kind: 'district', parentCode: 370200000000 }, demoUnitIndex())).toEqual([
      { path: ['parentCode'], message: 'must be a unit code, got 370200000000' },
    ]);
  });

  it('refuses a parent that no unit has', () => {
    expect(unitProblems({ code: '370202003000', level: 'street', kind: 'subdistrict', parentCode: '370299000000' }, demoUnitIndex())).toEqual([
      { path: ['parentCode'], message: 'no unit has the code 370299000000' },
    ]);
  });

  it('refuses a parent that is not exactly one level up', () => {
    expect(unitProblems({ code: '370200001000', level: 'street', kind: 'subdistrict', parentCode: CITY }, demoUnitIndex())).toEqual([
      {
        path: ['parentCode'],
        message: '370200000000 is a city-level unit; the parent of a street-level unit must be exactly one level up (district)',
      },
    ]);
    // A parent at the same level is refused too.
    expect(unitProblems({ code: '370202003000', level: 'street', kind: 'subdistrict', parentCode: '370202001000' }, demoUnitIndex())).toEqual([
      {
        path: ['parentCode'],
        message: '370202001000 is a street-level unit; the parent of a street-level unit must be exactly one level up (district)',
      },
    ]);
  });

  it('refuses a code that does not extend the significant digits of its parent', () => {
    expect(unitProblems({ code: '370203009000', level: 'street', kind: 'subdistrict', parentCode: SHINAN }, demoUnitIndex())).toEqual([
      { path: ['code'], message: '370203009000 does not start with 370202, the significant digits of its parent 370202000000' },
    ]);
  });

  it('refuses a unit that is its own parent', () => {
    expect(unitProblems({ code: '370222000000', level: 'district', kind: 'district', parentCode: '370222000000' }, demoUnitIndex())).toEqual([
      { path: ['parentCode'], message: 'a unit cannot be its own parent (cycle 370222000000 → 370222000000)' },
    ]);
  });

  it('refuses a parent whose own parents lead back to the unit', () => {
    // The index already holds a street whose parent is the unit being checked.
    const units = indexUnits([
      { code: CITY, level: 'city', kind: 'prefecture_city', parentCode: null },
      { code: '370222001000', level: 'street', kind: 'subdistrict', parentCode: '370222000000' },
    ]);
    expect(unitProblems({ code: '370222000000', level: 'district', kind: 'district', parentCode: '370222001000' }, units)).toEqual([
      { path: ['parentCode'], message: 'makes a cycle: 370222000000 → 370222001000 → 370222000000' },
    ]);
  });
});

describe('unitSetProblems', () => {
  it('finds nothing wrong with the demo units', () => {
    expect(unitSetProblems(demoUnits())).toEqual([]);
  });

  it('does not depend on parents being listed before their children', () => {
    expect(unitSetProblems([...demoUnits()].reverse())).toEqual([]);
  });

  it('reports a repeated code at the later unit, naming the first', () => {
    const units: UnitDraft[] = demoUnits();
    units.push({ ...units[2] });
    expect(unitSetProblems(units)).toEqual([{ path: [26, 'code'], message: '370203000000 is also the code of units[2]' }]);
  });

  it('prefixes each problem with the index of its unit', () => {
    const units: UnitDraft[] = demoUnits();
    units[5] = { ...units[5], parentCode: '370299000000' };
    units[12] = { ...units[12], kind: 'town_hall' };
    expect(unitSetProblems(units)).toEqual([
      { path: [5, 'parentCode'], message: 'no unit has the code 370299000000' },
      { path: [12, 'kind'], message: 'must be one of subdistrict, town, township for a street-level unit, got "town_hall"' },
    ]);
  });

  it('reports children of a unit that is missing from the set', () => {
    const units = demoUnits().filter((u) => u.code !== '370283001000');
    const problems = unitSetProblems(units);
    expect(problems).toEqual([
      {
        path: [units.findIndex((u) => u.code === '370283001001'), 'parentCode'],
        message: 'no unit has the code 370283001000',
      },
    ]);
  });

  it('reports a self-parent inside a set', () => {
    const units: UnitDraft[] = [...demoUnits(), { code: '370222000000', level: 'district', kind: 'district', parentCode: '370222000000' }];
    expect(unitSetProblems(units)).toEqual([{ path: [26, 'parentCode'], message: 'a unit cannot be its own parent (cycle 370222000000 → 370222000000)' }]);
  });

  it('reports a cycle of two units on both of them', () => {
    const units: UnitDraft[] = [
      { code: CITY, level: 'city', kind: 'prefecture_city', parentCode: null },
      { code: '370222000000', level: 'district', kind: 'district', parentCode: '370222001000' },
      { code: '370222001000', level: 'street', kind: 'subdistrict', parentCode: '370222000000' },
    ];
    expect(unitSetProblems(units)).toEqual([
      { path: [1, 'parentCode'], message: 'makes a cycle: 370222000000 → 370222001000 → 370222000000' },
      { path: [2, 'parentCode'], message: 'makes a cycle: 370222001000 → 370222000000 → 370222001000' },
    ]);
  });

  it('reports a cycle of three units on each of them', () => {
    const units: UnitDraft[] = [
      { code: '370222000000', level: 'district', kind: 'district', parentCode: '370222001001' },
      { code: '370222001000', level: 'street', kind: 'subdistrict', parentCode: '370222000000' },
      { code: '370222001001', level: 'community', kind: 'residents_committee', parentCode: '370222001000' },
    ];
    expect(unitSetProblems(units)).toEqual([
      { path: [0, 'parentCode'], message: 'makes a cycle: 370222000000 → 370222001001 → 370222001000 → 370222000000' },
      { path: [1, 'parentCode'], message: 'makes a cycle: 370222001000 → 370222000000 → 370222001001 → 370222001000' },
      { path: [2, 'parentCode'], message: 'makes a cycle: 370222001001 → 370222001000 → 370222000000 → 370222001001' },
    ]);
  });
});

describe('ancestorsOf, ancestorOrSelfAt and subtreeCodes on the demo tree', () => {
  it('lists the ancestors of a community nearest first', () => {
    expect(ancestorsOf('370281001002', demoUnitIndex()).map((u) => u.code)).toEqual(['370281001000', JIAOZHOU, CITY]);
  });

  it('gives the city and an unknown code no ancestors', () => {
    expect(ancestorsOf(CITY, demoUnitIndex())).toEqual([]);
    expect(ancestorsOf('370299000000', demoUnitIndex())).toEqual([]);
  });

  it('stops at a missing parent', () => {
    const units = indexUnits([{ code: '370222001000', level: 'street', kind: 'subdistrict', parentCode: '370222000000' }]);
    expect(ancestorsOf('370222001000', units)).toEqual([]);
  });

  it('terminates on a cycle in the index', () => {
    const units = indexUnits([
      { code: '370222000000', level: 'district', kind: 'district', parentCode: '370222001000' },
      { code: '370222001000', level: 'street', kind: 'subdistrict', parentCode: '370222000000' },
    ]);
    expect(ancestorsOf('370222001000', units).map((u) => u.code)).toEqual(['370222000000']);
  });

  it('finds the ancestor-or-self at a level', () => {
    const units = demoUnitIndex();
    expect(ancestorOrSelfAt('370281001002', 'district', units)?.code).toBe(JIAOZHOU);
    expect(ancestorOrSelfAt('370281001002', 'street', units)?.code).toBe('370281001000');
    expect(ancestorOrSelfAt('370281001002', 'city', units)?.code).toBe(CITY);
    expect(ancestorOrSelfAt('370281001002', 'community', units)?.code).toBe('370281001002');
    expect(ancestorOrSelfAt(JIAOZHOU, 'district', units)).toEqual({
      code: JIAOZHOU,
      level: 'district',
      kind: 'county_city',
      parentCode: CITY,
    });
  });

  it('finds nothing below the unit or for an unknown unit', () => {
    const units = demoUnitIndex();
    expect(ancestorOrSelfAt(JIAOZHOU, 'street', units)).toBeNull();
    expect(ancestorOrSelfAt('370299000000', 'city', units)).toBeNull();
  });

  it('gives 胶州市 a subtree of itself, its 2 streets and their 2 communities', () => {
    const codes = subtreeCodes(JIAOZHOU, demoUnits());
    expect(codes).toHaveLength(5);
    expect([...codes].sort()).toEqual([JIAOZHOU, '370281001000', '370281001001', '370281001002', '370281002000']);
    expect(codes[0]).toBe(JIAOZHOU);
  });

  it('gives the city a subtree of all 26 demo units, each once', () => {
    const units = demoUnits();
    const codes = subtreeCodes(CITY, units);
    expect(codes).toHaveLength(26);
    expect([...codes].sort()).toEqual(units.map((u) => u.code).sort());
  });

  it('gives the same subtree from the unit index as from the list, again and again', () => {
    const index = demoUnitIndex();
    const fromList = [...subtreeCodes(JIAOZHOU, demoUnits())].sort();
    expect([...subtreeCodes(JIAOZHOU, index)].sort()).toEqual(fromList);
    expect([...subtreeCodes(JIAOZHOU, index)].sort()).toEqual(fromList);
  });

  it('sees a unit added to an index it has already walked', () => {
    const index = new Map(demoUnitIndex());
    expect(subtreeCodes('370281001002', index)).toEqual(['370281001002']);
    index.set('370281001002001', { code: '370281001002001', level: 'community', kind: 'village', parentCode: '370281001002' } as UnitFacts);
    expect(subtreeCodes('370281001002', index)).toEqual(['370281001002', '370281001002001']);
  });

  it('gives a community and a district without streets a subtree of themselves only', () => {
    expect(subtreeCodes('370281001002', demoUnits())).toEqual(['370281001002']);
    expect(subtreeCodes('370285000000', demoUnits())).toEqual(['370285000000']);
  });

  it('visits each unit once even when the parents loop', () => {
    const units: UnitFacts[] = [
      { code: '370222000000', level: 'district', kind: 'district', parentCode: '370222001000' },
      { code: '370222001000', level: 'street', kind: 'subdistrict', parentCode: '370222000000' },
    ];
    expect([...subtreeCodes('370222000000', units)].sort()).toEqual(['370222000000', '370222001000']);
  });
});
