import { BOM, csvField, csvLine, parseCsv } from '../../src/plugins/linkage/server/src/domain/csv';
import {
  hasEditor,
  ownerTotals,
  parseRecordsParams,
  parseReportParams,
  ruleClasses,
  emptyCounts,
  type ReportContext,
} from '../../src/plugins/linkage/server/src/domain/ownership-report';
import { applicableRule, type RuleFacts } from '../../src/plugins/linkage/server/src/domain/review-schedule';

const context: ReportContext = {
  cityCode: '370200000000',
  unitExists: (code) => ['370200000000', '370281000000'].includes(code),
  domains: new Set(['social-security', 'civil-affairs']),
  today: '2026-11-27',
};

const problem = (query: Record<string, unknown>) => {
  const parsed = parseReportParams(query, context);
  return parsed.ok ? null : parsed.problem.parameter;
};

test('defaults: the city, its subtree, every level and domain, today', () => {
  expect(parseReportParams({}, context)).toEqual({ ok: true, value: { unit: '370200000000', subtree: true, level: null, domain: null, asOf: '2026-11-27' } });
  expect(parseReportParams({ unit: '370281000000', subtree: 'false', level: 'street', domain: 'civil-affairs', asOf: '2026-01-31' }, context)).toEqual({
    ok: true,
    value: { unit: '370281000000', subtree: false, level: 'street', domain: 'civil-affairs', asOf: '2026-01-31' },
  });
});

test('bad values name the parameter and the reason', () => {
  expect(problem({ unit: '37028' })).toBe('unit');
  expect(problem({ unit: '370299000000' })).toBe('unit');
  expect(problem({ subtree: 'perhaps' })).toBe('subtree');
  expect(problem({ level: 'province' })).toBe('level');
  expect(problem({ domain: 'tax' })).toBe('domain');
  expect(problem({ asOf: '2026-02-30' })).toBe('asOf');
  expect(problem({ asOf: '27/11/2026' })).toBe('asOf');
  const parsed = parseReportParams({ asOf: 'tomorrow' }, context);
  expect(parsed.ok ? '' : parsed.problem.reason).toBe('must be a date as YYYY-MM-DD, got "tomorrow"');
});

test('records: owner, category, limit', () => {
  const parsed = parseRecordsParams({ owner: '370281000000:370281-SI', category: 'overdue', limit: '10' }, context);
  expect(parsed.ok && parsed.value).toMatchObject({ owner: { unitCode: '370281000000', departmentCode: '370281-SI' }, category: 'overdue', limit: 10, offset: 0 });
  expect(parseRecordsParams({ owner: '370281000000' }, context)).toMatchObject({
    ok: true,
    value: { owner: { unitCode: '370281000000', departmentCode: null }, category: 'all' },
  });
  for (const [query, parameter] of [
    [{ owner: 'x:y:z' }, 'owner'],
    [{ owner: '370281000000:' }, 'owner'],
    [{ category: 'late' }, 'category'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '9999' }, 'limit'],
    [{ offset: '-1' }, 'offset'],
  ] as const) {
    const result = parseRecordsParams(query, context);
    expect(result.ok ? null : result.problem.parameter).toBe(parameter);
  }
});

test('rule classes: the applicable rule per (level, domain), its cutoff and a named department', () => {
  const rules: RuleFacts[] = [
    { key: 'guides-social-security', scope: 'guide', level: null, domain: 'social-security', responsible: 'owner', responsibleDepartmentCode: null, reviewEveryDays: 90 },
    { key: 'guides-default', scope: 'guide', level: null, domain: null, responsible: 'owner', responsibleDepartmentCode: null, reviewEveryDays: 180 },
    { key: 'city-guides', scope: 'guide', level: 'city', domain: null, responsible: 'department', responsibleDepartmentCode: 'QD-EGOV', reviewEveryDays: 30 },
  ];
  const classes = ruleClasses(['social-security', 'civil-affairs'], '2026-11-27', (level, domain) => applicableRule(rules, { scope: 'guide', level, domain }));
  expect(classes).toHaveLength(8);
  expect(classes.find((c) => c.level === 'district' && c.domain === 'social-security')).toMatchObject({
    ruleKey: 'guides-social-security',
    cutoff: '2026-08-29',
    responsibleDepartmentCode: null,
  });
  expect(classes.find((c) => c.level === 'street' && c.domain === 'civil-affairs')).toMatchObject({ ruleKey: 'guides-default', cutoff: '2026-05-31' });
  expect(classes.find((c) => c.level === 'city' && c.domain === 'civil-affairs')).toMatchObject({ ruleKey: 'city-guides', responsibleDepartmentCode: 'QD-EGOV' });
});

test('CSV fields: quoting, formulas, lists; lines end CRLF; parsed back', () => {
  expect(csvField('市北区')).toBe('市北区');
  expect(csvField('a,b')).toBe('"a,b"');
  expect(csvField('say "hi"')).toBe('"say ""hi"""');
  expect(csvField('two\nlines')).toBe('"two\nlines"');
  expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
  expect(csvField(null)).toBe('');
  expect(csvField(['fee', 'hours'])).toBe('fee;hours');
  expect(csvField(12)).toBe('12');
  const text = BOM + csvLine(['unit', 'name']) + csvLine(['370203000000', '市北区, "老城"']) + csvLine(['x', 'a\r\nb']);
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(parseCsv(text.slice(1))).toEqual([
    ['unit', 'name'],
    ['370203000000', '市北区, "老城"'],
    ['x', 'a\r\nb'],
  ]);
});

test('owner totals and editors', () => {
  const a = { ...emptyCounts(), guides: 3, incomplete: 1, complete: 2, overdue: 1, overdueDaysMax: 10, overdueDaysTotal: 10, hasEditor: false };
  const b = { ...emptyCounts(), guides: 2, complete: 2, overdue: 2, overdueDaysMax: 40, overdueDaysTotal: 45, missing: 1, hasEditor: true };
  expect(ownerTotals([a, b])).toMatchObject({
    owners: 2,
    ownersWithoutEditor: 1,
    guides: 5,
    complete: 4,
    incomplete: 1,
    overdue: 3,
    overdueDaysMax: 40,
    overdueDaysTotal: 55,
    missing: 1,
  });
  const memberships = [
    { unitCode: '370281000000', scope: 'subtree' },
    { unitCode: '370202000000', scope: 'unit' },
  ];
  expect(hasEditor('370281001002', ['370281001000', '370281000000', '370200000000'], memberships)).toBe(true);
  expect(hasEditor('370202001000', ['370202000000', '370200000000'], memberships)).toBe(false);
  expect(hasEditor('370202000000', ['370200000000'], memberships)).toBe(true);
});
