import { extendsCode, significantPrefix, unitCodeProblem } from '../../src/plugins/linkage/server/src/domain/unit-codes';
import { LEVELS, SIGNIFICANT_DIGITS } from '../../src/plugins/linkage/server/src/domain/levels';
import { loadDemo } from './demo-fixtures';

describe('unitCodeProblem', () => {
  it('accepts a well-formed code at each of the four levels', () => {
    expect(unitCodeProblem('370200000000', 'city')).toBeNull();
    expect(unitCodeProblem('370202000000', 'district')).toBeNull();
    expect(unitCodeProblem('370202001000', 'street')).toBeNull();
    expect(unitCodeProblem('370202001001', 'community')).toBeNull();
  });

  it('accepts the code of every demo unit at its own level', () => {
    const demo = loadDemo();
    expect(demo.units.map((u) => [u.code, unitCodeProblem(u.code, u.level)])).toEqual(demo.units.map((u) => [u.code, null]));
  });

  it('uses 4, 6, 9 and 12 significant digits for city, district, street and community', () => {
    expect(LEVELS.map((level) => SIGNIFICANT_DIGITS[level])).toEqual([4, 6, 9, 12]);
  });

  it.each([
    ['11 digits', '37020200000'],
    ['13 digits', '3702020000000'],
    ['letters', '37020200000A'],
    ['spaces', '370202 00000'],
    ['the empty string', ''],
  ])('refuses a code that is not exactly 12 digits (%s)', (_label, code) => {
    expect(unitCodeProblem(code, 'district')).toBe(`must be exactly 12 digits, got ${JSON.stringify(code)}`);
  });

  it('refuses a code given as a number, and a missing code, saying what it got', () => {
    expect(unitCodeProblem(370202000000, 'district')).toBe('must be exactly 12 digits, got 370202000000');
    expect(unitCodeProblem(undefined, 'district')).toBe('must be exactly 12 digits, got null');
    expect(unitCodeProblem(null, 'city')).toBe('must be exactly 12 digits, got null');
  });

  it.each([
    ['370202000000', 'city', 4],
    ['370202001000', 'district', 6],
    ['370202001001', 'street', 9],
  ] as const)('refuses %s as a %s code: digits after the first %i must be zero', (code, level, significant) => {
    expect(unitCodeProblem(code, level)).toBe(`${code} is not a ${level} code: only its first ${significant} digits may be non-zero`);
  });

  it.each([
    ['370000000000', 'city', '3–4'],
    ['370200000000', 'district', '5–6'],
    ['370202000000', 'street', '7–9'],
    ['370202001000', 'community', '10–12'],
  ] as const)('refuses %s as a %s code because the digits the level adds (%s) are all zero', (code, level, digits) => {
    expect(unitCodeProblem(code, level)).toBe(`${code} is not a ${level} code: digits ${digits} must not all be zero`);
  });

  it('refuses a code whose province digits are zero', () => {
    expect(unitCodeProblem('000200000000', 'city')).toBe('000200000000 is not a valid division code: it must start with a province code');
    expect(unitCodeProblem('000202000000', 'district')).toBe('000202000000 is not a valid division code: it must start with a province code');
  });

  it('gives every code exactly one level at which it is valid', () => {
    for (const code of ['370200000000', '370202000000', '370202001000', '370202001001']) {
      expect(LEVELS.filter((level) => unitCodeProblem(code, level) === null)).toHaveLength(1);
    }
  });
});

describe('significantPrefix and extendsCode', () => {
  it('takes the significant digits of a code at its level', () => {
    expect(significantPrefix('370200000000', 'city')).toBe('3702');
    expect(significantPrefix('370281000000', 'district')).toBe('370281');
    expect(significantPrefix('370281001000', 'street')).toBe('370281001');
    expect(significantPrefix('370281001002', 'community')).toBe('370281001002');
  });

  it('accepts a child code that extends the significant part of its parent', () => {
    expect(extendsCode('370200000000', 'city', '370281000000')).toBe(true);
    expect(extendsCode('370281000000', 'district', '370281002000')).toBe(true);
    expect(extendsCode('370281001000', 'street', '370281001002')).toBe(true);
  });

  it('refuses a child code that starts with another parent prefix', () => {
    expect(extendsCode('370200000000', 'city', '370302000000')).toBe(false);
    expect(extendsCode('370202000000', 'district', '370203001000')).toBe(false);
    expect(extendsCode('370202001000', 'street', '370202002001')).toBe(false);
  });
});
