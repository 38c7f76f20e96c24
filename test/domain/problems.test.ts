import { CatalogRejected } from '../../src/plugins/linkage/server/src/domain/catalog-rejection';
import { isAtOrAbove, isLevel, parentLevelOf, KINDS_BY_LEVEL, UNIT_KINDS } from '../../src/plugins/linkage/server/src/domain/levels';
import { describeProblem, formatPath, prefixed, problem } from '../../src/plugins/linkage/server/src/domain/problems';

describe('problem paths', () => {
  it('formats a path with dots for names and brackets for indexes', () => {
    expect(formatPath(['guides', 3, 'unit'])).toBe('guides[3].unit');
    expect(formatPath(['items', 0, 'stages', 1, 'appliesWhen', 'and', 0])).toBe('items[0].stages[1].appliesWhen.and[0]');
    expect(formatPath([2, 'code'])).toBe('[2].code');
    expect(formatPath([])).toBe('');
  });

  it('prefixes every problem path', () => {
    expect(prefixed(['units', 4], [problem(['code'], 'bad'), problem([], 'worse')])).toEqual([
      { path: ['units', 4, 'code'], message: 'bad' },
      { path: ['units', 4], message: 'worse' },
    ]);
  });

  it('describes a problem as its path and message, or the message alone', () => {
    expect(describeProblem(problem(['units', 5, 'parent'], 'no unit has the code 370299000000'))).toBe('units[5].parent: no unit has the code 370299000000');
    expect(describeProblem(problem([], 'must be object'))).toBe('must be object');
  });
});

describe('CatalogRejected', () => {
  it('lists every problem and says nothing was written', () => {
    const error = new CatalogRejected([problem(['guides', 3, 'unit'], 'no unit has the code 370299000000'), problem([], 'must be object')]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CatalogRejected');
    expect(error.problems).toHaveLength(2);
    expect(error.message).toBe('The catalog was not imported (2 problems; nothing was written):\n  - guides[3].unit: no unit has the code 370299000000\n  - must be object');
  });

  it('counts a single problem in the singular', () => {
    expect(new CatalogRejected([problem(['format'], 'must be "linkage-catalog/1"')]).message).toMatch(/^The catalog was not imported \(1 problem;/);
  });
});

describe('levels', () => {
  it('knows the four levels and nothing else', () => {
    expect(['city', 'district', 'street', 'community'].every(isLevel)).toBe(true);
    expect([undefined, null, 'province', 'City', 1].some(isLevel)).toBe(false);
  });

  it('gives the level above each level, and none above the city', () => {
    expect(parentLevelOf('city')).toBeNull();
    expect(parentLevelOf('district')).toBe('city');
    expect(parentLevelOf('street')).toBe('district');
    expect(parentLevelOf('community')).toBe('street');
  });

  it('compares levels top to bottom', () => {
    expect(isAtOrAbove('city', 'community')).toBe(true);
    expect(isAtOrAbove('district', 'district')).toBe(true);
    expect(isAtOrAbove('street', 'district')).toBe(false);
  });

  it('allows a county-level city at the district level and lists every kind once', () => {
    expect(KINDS_BY_LEVEL.district).toContain('county_city');
    expect(new Set(UNIT_KINDS).size).toBe(UNIT_KINDS.length);
    expect(UNIT_KINDS).toHaveLength(10);
  });
});
