import { ruleProblems, type RuleDraft } from '../../src/plugins/linkage/server/src/domain/responsibility-rules';
import { demoDepartmentIndex, loadDemo } from './demo-fixtures';

const valid: RuleDraft = { key: 'guides-housing', scope: 'guide', level: 'district', domain: 'housing', responsible: 'owner', reviewEveryDays: 90 };
const check = (changes: Partial<Record<keyof RuleDraft, unknown>>, otherKeys: ReadonlySet<string> = new Set()) =>
  ruleProblems({ ...valid, ...changes }, demoDepartmentIndex(), otherKeys);

describe('ruleProblems', () => {
  it('accepts every demo rule, read the way the catalog import reads it', () => {
    const rules = loadDemo().responsibilityRules ?? [];
    expect(rules).toHaveLength(4);
    const problems = rules.flatMap((rule) =>
      ruleProblems(
        {
          key: rule.key,
          scope: rule.scope,
          level: rule.level,
          domain: rule.domain,
          responsible: rule.responsibleDepartment ? 'department' : (rule.responsible ?? 'owner'),
          responsibleDepartmentCode: rule.responsibleDepartment,
          reviewEveryDays: rule.reviewEveryDays,
        },
        demoDepartmentIndex(),
        new Set(rules.filter((r) => r !== rule).map((r) => r.key))
      )
    );
    expect(problems).toEqual([]);
  });

  it('accepts a rule with no level and no responsible party (the owner by default)', () => {
    expect(check({ level: undefined, responsible: undefined })).toEqual([]);
    expect(check({ level: null, responsible: null })).toEqual([]);
  });

  it.each(['Guides', '-guides', 'guides_default', '', 7])('refuses the key %p', (key) => {
    expect(check({ key })).toEqual([{ path: ['key'], message: `must be lower-case letters, digits and "-", got ${JSON.stringify(key)}` }]);
  });

  it('refuses a key that another rule already has', () => {
    expect(check({}, new Set(['guides-housing']))).toEqual([{ path: ['key'], message: 'guides-housing is already the key of another rule' }]);
  });

  it('refuses an unknown scope, listing the scopes', () => {
    expect(check({ scope: 'page' })).toEqual([{ path: ['scope'], message: 'must be one of item, guide, template, unit, got "page"' }]);
    expect(check({ scope: undefined })).toEqual([{ path: ['scope'], message: 'must be one of item, guide, template, unit, got null' }]);
  });

  it('refuses a level that is not one of the four', () => {
    expect(check({ level: 'province' })).toEqual([{ path: ['level'], message: 'must be one of city, district, street, community or empty, got "province"' }]);
  });

  it.each([0, -30, 1.5, '90', undefined])('refuses %p as the number of days between reviews', (reviewEveryDays) => {
    expect(check({ reviewEveryDays })).toEqual([{ path: ['reviewEveryDays'], message: `must be a whole number of days ≥ 1, got ${JSON.stringify(reviewEveryDays ?? null)}` }]);
  });

  it('accepts a review every single day', () => {
    expect(check({ reviewEveryDays: 1 })).toEqual([]);
  });

  it('accepts a responsible department that exists', () => {
    expect(check({ responsible: 'department', responsibleDepartmentCode: 'QD-HOUSING' })).toEqual([]);
  });

  it('requires a department code when the responsible party is a department', () => {
    expect(check({ responsible: 'department' })).toEqual([{ path: ['responsibleDepartmentCode'], message: 'is required when the responsible party is a department' }]);
    expect(check({ responsible: 'department', responsibleDepartmentCode: '' })).toEqual([
      { path: ['responsibleDepartmentCode'], message: 'is required when the responsible party is a department' },
    ]);
  });

  it('refuses a responsible department that does not exist', () => {
    expect(check({ responsible: 'department', responsibleDepartmentCode: 'QD-NOPE' })).toEqual([
      { path: ['responsibleDepartmentCode'], message: 'no department has the code QD-NOPE' },
    ]);
  });

  it('refuses a responsible party that is neither owner nor department', () => {
    expect(check({ responsible: 'auditor', responsibleDepartmentCode: 'QD-HOUSING' })).toEqual([{ path: ['responsible'], message: 'must be owner or department, got "auditor"' }]);
  });

  it('refuses a department named when the owner is responsible', () => {
    const message = "names a department, but the responsible party is the record's owner";
    expect(check({ responsible: 'owner', responsibleDepartmentCode: 'QD-HOUSING' })).toEqual([{ path: ['responsibleDepartmentCode'], message }]);
    expect(check({ responsible: undefined, responsibleDepartmentCode: 'QD-HOUSING' })).toEqual([{ path: ['responsibleDepartmentCode'], message }]);
  });

  it('reports every field at fault at once', () => {
    const problems = ruleProblems({ key: 'X', scope: 'x', level: 'x', reviewEveryDays: 0, responsible: 'x' }, demoDepartmentIndex(), new Set());
    expect(problems.map((p) => p.path)).toEqual([['key'], ['scope'], ['level'], ['reviewEveryDays'], ['responsible']]);
  });
});
