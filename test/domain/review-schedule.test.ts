import { applicableRule, ruleCoverage, reviewState, rulesOf, specificity, type RuleFacts } from '../../src/plugins/linkage/server/src/domain/review-schedule';

const rule = (key: string, scope: RuleFacts['scope'], days: number, extra: Partial<RuleFacts> = {}): RuleFacts => ({
  key,
  scope,
  level: null,
  domain: null,
  responsible: 'owner',
  responsibleDepartmentCode: null,
  reviewEveryDays: days,
  ...extra,
});

// The demo's four rules.
const demo: RuleFacts[] = [
  rule('item-basic-info', 'item', 180, { responsible: 'department', responsibleDepartmentCode: 'QD-EGOV' }),
  rule('guides-social-security', 'guide', 90, { domain: 'social-security' }),
  rule('guides-default', 'guide', 180),
  rule('templates', 'template', 365, { responsible: 'department', responsibleDepartmentCode: 'QD-EGOV' }),
];

describe('applicableRule: the most specific rule applies', () => {
  it('a rule naming the domain beats the scope-wide rule', () => {
    expect(applicableRule(demo, { scope: 'guide', level: 'district', domain: 'social-security' })?.key).toBe('guides-social-security');
  });

  it('the scope-wide rule applies where no narrower rule matches', () => {
    expect(applicableRule(demo, { scope: 'guide', level: 'community', domain: 'civil-affairs' })?.key).toBe('guides-default');
  });

  it('a rule naming both level and domain beats one naming either', () => {
    const rules = [...demo, rule('district-si', 'guide', 30, { level: 'district', domain: 'social-security' }), rule('district', 'guide', 60, { level: 'district' })];
    expect(applicableRule(rules, { scope: 'guide', level: 'district', domain: 'social-security' })?.key).toBe('district-si');
    expect(applicableRule(rules, { scope: 'guide', level: 'district', domain: 'housing' })?.key).toBe('district');
    expect(applicableRule(rules, { scope: 'guide', level: 'city', domain: 'social-security' })?.key).toBe('guides-social-security');
  });

  it('a rule of another scope never applies', () => {
    expect(applicableRule(demo, { scope: 'unit', level: 'district', domain: null })).toBeNull();
  });

  it('a rule for another level or domain does not match', () => {
    const rules = [rule('street', 'guide', 30, { level: 'street' })];
    expect(applicableRule(rules, { scope: 'guide', level: 'district', domain: 'housing' })).toBeNull();
  });

  it('between equally specific rules the stricter applies, then the key', () => {
    const rules = [rule('b-level', 'guide', 60, { level: 'district' }), rule('a-domain', 'guide', 90, { domain: 'housing' })];
    expect(applicableRule(rules, { scope: 'guide', level: 'district', domain: 'housing' })?.key).toBe('b-level');
    const same = [rule('b', 'guide', 60, { level: 'district' }), rule('a', 'guide', 60, { domain: 'housing' })];
    expect(applicableRule(same, { scope: 'guide', level: 'district', domain: 'housing' })?.key).toBe('a');
  });

  it('specificity counts what a rule names', () => {
    expect(demo.map(specificity)).toEqual([0, 1, 0, 0]);
    expect(specificity(rule('x', 'guide', 1, { level: 'street', domain: 'housing' }))).toBe(2);
  });
});

describe('ruleCoverage: ties and gaps reported when rules are saved', () => {
  const levels = ['city', 'district', 'street', 'community'] as const;
  const domains = ['social-security', 'civil-affairs', 'housing', 'healthcare'];

  it('the demo has no tie; its only gap is units, which no rule governs', () => {
    const coverage = ruleCoverage(demo, [...levels], domains);
    expect(coverage.ties).toEqual([]);
    expect(coverage.gaps).toEqual(levels.map((level) => ({ scope: 'unit', level, domain: null })));
  });

  it('a level rule and a domain rule that both match a kind of guide are a tie, named with both keys', () => {
    const rules = [...demo, rule('district', 'guide', 60, { level: 'district' })];
    const { ties } = ruleCoverage(rules, [...levels], domains);
    expect(ties).toEqual([{ subject: { scope: 'guide', level: 'district', domain: 'social-security' }, keys: ['district', 'guides-social-security'] }]);
  });

  it('two rules for the same thing are a tie', () => {
    const rules = [...demo, rule('templates-2', 'template', 30)];
    expect(ruleCoverage(rules, [...levels], domains).ties).toEqual([{ subject: { scope: 'template', level: null, domain: null }, keys: ['templates-2', 'templates'] }]);
  });

  it('without a scope-wide guide rule, the domains no rule names are gaps at every level', () => {
    const rules = demo.filter((r) => r.key !== 'guides-default');
    const guideGaps = ruleCoverage(rules, [...levels], domains).gaps.filter((g) => g.scope === 'guide');
    expect(guideGaps).toHaveLength(levels.length * 3);
    expect(guideGaps.some((g) => g.domain === 'social-security')).toBe(false);
  });

  it('a domain only a rule names is still checked', () => {
    const rules = [rule('x', 'item', 30, { domain: 'tax' }), rule('y', 'item', 30, { domain: 'tax' })];
    expect(ruleCoverage(rules, [], []).ties).toEqual([{ subject: { scope: 'item', level: 'city', domain: 'tax' }, keys: ['x', 'y'] }]);
  });
});

describe('reviewState: due one interval after the last review', () => {
  const ninety = { reviewEveryDays: 90 };

  it('a recent review is not due', () => {
    expect(reviewState(ninety, '2026-10-15', '2026-01-01', '2026-11-27')).toEqual({ dueOn: '2027-01-13', neverReviewed: false, overdueDays: 0 });
  });

  it('an old review is overdue by the days past the due date', () => {
    expect(reviewState(ninety, '2025-09-01', '2025-01-01', '2026-11-27')).toEqual({ dueOn: '2025-11-30', neverReviewed: false, overdueDays: 362 });
  });

  it('on the due date itself a record is not yet late; the day after, it is one day late', () => {
    expect(reviewState(ninety, '2026-01-01', '2025-01-01', '2026-04-01').overdueDays).toBe(0);
    expect(reviewState(ninety, '2026-01-01', '2025-01-01', '2026-04-02').overdueDays).toBe(1);
  });

  it('a record never reviewed is due one interval after it was created', () => {
    expect(reviewState(ninety, null, '2026-11-01', '2026-11-27')).toEqual({ dueOn: '2027-01-30', neverReviewed: true, overdueDays: 0 });
    expect(reviewState(ninety, null, '2026-01-01', '2026-11-27')).toEqual({ dueOn: '2026-04-01', neverReviewed: true, overdueDays: 240 });
  });

  it('a record no rule governs is never due', () => {
    expect(reviewState(null, null, '2020-01-01', '2026-11-27')).toEqual({ dueOn: null, neverReviewed: true, overdueDays: 0 });
  });
});

describe('rulesOf: stored rule rows to rules', () => {
  const row = { documentId: 'd1', key: 'k', scope: 'guide' as const, level: null, domain: '', responsible: null, responsibleDepartmentCode: null, reviewEveryDays: '90' };

  it('keeps one rule per document (a row per locale), a blank domain as none, the owner by default', () => {
    expect(rulesOf([row, { ...row }])).toEqual([rule('k', 'guide', 90)]);
  });

  it('keeps a named department', () => {
    expect(rulesOf([{ ...row, responsible: 'department', responsibleDepartmentCode: 'QD-EGOV', domain: 'housing' }])).toEqual([
      rule('k', 'guide', 90, { responsible: 'department', responsibleDepartmentCode: 'QD-EGOV', domain: 'housing' }),
    ]);
  });
});
