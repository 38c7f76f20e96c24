import { departmentProblems, indexDepartments } from '../../src/plugins/linkage/server/src/domain/departments';
import { demoDepartmentIndex, demoUnitIndex, departmentFactsOf, loadDemo } from './demo-fixtures';

describe('departmentProblems', () => {
  it('accepts every demo department against the others', () => {
    const units = demoUnitIndex();
    const all = demoDepartmentIndex();
    const problems = [...all.values()].flatMap((d) => {
      const others = new Map(all);
      others.delete(d.code);
      return departmentProblems(d, units, others).map((p) => ({ code: d.code, ...p }));
    });
    expect(problems).toEqual([]);
    expect(all.size).toBe(61);
  });

  it('accepts a new department of a known unit', () => {
    expect(departmentProblems({ code: '370285-HOUSING_2', kind: 'HOUSING_2', unitCode: '370285000000' }, demoUnitIndex(), demoDepartmentIndex())).toEqual([]);
  });

  it.each([
    ['a leading hyphen', '-SI'],
    ['a space', 'QD SI'],
    ['a dot', 'QD.SI'],
    ['the empty string', ''],
    ['a number', 42],
  ])('refuses a code with %s', (_label, code) => {
    expect(departmentProblems({ code, kind: 'SI', unitCode: '370285000000' }, demoUnitIndex(), demoDepartmentIndex())).toEqual([
      { path: ['code'], message: `must be letters, digits, "-" or "_", got ${JSON.stringify(code)}` },
    ]);
  });

  it('refuses a missing code, saying it got null', () => {
    expect(departmentProblems({ kind: 'SI', unitCode: '370285000000' }, demoUnitIndex(), demoDepartmentIndex())).toEqual([
      { path: ['code'], message: 'must be letters, digits, "-" or "_", got null' },
    ]);
  });

  it('refuses a code that another department already has', () => {
    expect(departmentProblems({ code: 'QD-SI', kind: 'SI', unitCode: '370200000000' }, demoUnitIndex(), demoDepartmentIndex())).toEqual([
      { path: ['code'], message: 'QD-SI is already the code of another department' },
    ]);
  });

  it.each(['si', 'Si', '1SI', 'S-I', '', undefined])('refuses the kind %p, which is not an upper-case shared kind', (kind) => {
    expect(departmentProblems({ code: 'NEW', kind, unitCode: '370285000000' }, demoUnitIndex(), demoDepartmentIndex())).toEqual([
      { path: ['kind'], message: `must be an upper-case kind shared across units such as SI or CA, got ${JSON.stringify(kind ?? null)}` },
    ]);
  });

  it.each([undefined, '', 370285000000])('refuses a unit code that is missing or not a string (%p)', (unitCode) => {
    expect(departmentProblems({ code: 'NEW', kind: 'SI', unitCode }, demoUnitIndex(), demoDepartmentIndex())).toEqual([
      { path: ['unitCode'], message: 'is required: the unit this department belongs to' },
    ]);
  });

  it('refuses a unit that does not exist', () => {
    expect(departmentProblems({ code: 'NEW', kind: 'SI', unitCode: '370299000000' }, demoUnitIndex(), demoDepartmentIndex())).toEqual([
      { path: ['unitCode'], message: 'no unit has the code 370299000000' },
    ]);
  });

  it('reports every field at fault at once', () => {
    const problems = departmentProblems({ code: 'QD-SI', kind: 'si', unitCode: '370299000000' }, demoUnitIndex(), demoDepartmentIndex());
    expect(problems.map((p) => p.path)).toEqual([['code'], ['kind'], ['unitCode']]);
  });
});

describe('indexDepartments', () => {
  it('indexes the demo departments by code', () => {
    const index = indexDepartments(departmentFactsOf(loadDemo()));
    expect(index.get('370281-SI')).toEqual({ code: '370281-SI', kind: 'SI', unitCode: '370281000000' });
    expect(index.has('370299-SI')).toBe(false);
  });
});
