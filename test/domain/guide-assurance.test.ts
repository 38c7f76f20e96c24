import { guideAssurance } from '../../src/plugins/linkage/server/src/domain/guide-assurance';
import { publicationState, versionContent } from '../../src/plugins/linkage/server/src/domain/guide-content';
import { duplicateRuleProblems } from '../../src/plugins/linkage/server/src/domain/responsibility-rules';
import { noteProblem, reviewDecision, reviewReadDecision, type ReviewActor } from '../../src/plugins/linkage/server/src/domain/review-access';
import type { RuleFacts } from '../../src/plugins/linkage/server/src/domain/review-schedule';
import type { CatalogGuide } from '../../src/plugins/linkage/server/src/domain/catalog-format';

const rule = (key: string, days: number, extra: Partial<RuleFacts> = {}): RuleFacts => ({
  key,
  scope: 'guide',
  level: null,
  domain: null,
  responsible: 'owner',
  responsibleDepartmentCode: null,
  reviewEveryDays: days,
  ...extra,
});
const rules = [rule('guides-social-security', 90, { domain: 'social-security' }), rule('guides-default', 180)];
const full: CatalogGuide = { item: 'QD-SI-001', stage: 's', unit: 'u', department: 'd', phone: '1', fee: { 'zh-Hans': '免费', en: 'Free' } };
const base = { required: ['phone', 'fee'], locales: ['zh-Hans', 'en'], level: 'district' as const, rules, createdAt: '2026-01-01T08:00:00Z', asOf: '2026-06-01' };

describe('guideAssurance', () => {
  it('applies the domain rule and dates the next review from the last', () => {
    const a = guideAssurance({ ...base, draft: full, published: full, domain: 'social-security', reviewedAt: ['2026-01-10T00:00:00Z', '2026-03-01T09:00:00Z'] });
    expect(a).toMatchObject({
      rule: { key: 'guides-social-security', reviewEveryDays: 90, responsibleDepartmentCode: 'd' },
      lastReviewedOn: '2026-03-01',
      dueOn: '2026-05-30',
      overdueDays: 2,
    });
    expect(a.completeness).toEqual({ required: ['phone', 'fee'], draftMissing: [], publishedMissing: [], complete: true });
  });

  it('falls back to the default rule; never reviewed counts from creation', () => {
    const a = guideAssurance({ ...base, draft: full, published: null, domain: 'housing', reviewedAt: [] });
    expect(a).toMatchObject({ rule: { key: 'guides-default' }, neverReviewed: true, lastReviewedOn: null, dueOn: '2026-06-30', overdueDays: 0 });
  });

  it('reports what the draft and the published version lack (a text in every locale)', () => {
    const draft: CatalogGuide = { ...full, fee: { 'zh-Hans': '免费' } };
    const a = guideAssurance({ ...base, draft, published: { ...full, phone: undefined }, domain: null, reviewedAt: [] });
    expect(a.completeness).toMatchObject({ draftMissing: ['fee'], publishedMissing: ['phone'], complete: false });
  });
});

describe('publicationState', () => {
  const row = (locale: string, extra: object = {}) => ({
    id: Math.random(),
    locale,
    publishedAt: null,
    updatedAt: String(Math.random()),
    phone: '1',
    materials: [{ id: 3, name: 'x' }],
    ...extra,
  });
  it('ignores ids and timestamps; tells draft, published and modified apart', () => {
    expect(publicationState([row('zh-Hans')], [])).toBe('draft');
    expect(publicationState([row('zh-Hans'), row('en')], [row('en', { publishedAt: 'x' }), row('zh-Hans', { publishedAt: 'y' })])).toBe('published');
    expect(publicationState([row('zh-Hans', { phone: '2' })], [row('zh-Hans')])).toBe('modified');
    expect(versionContent([row('zh-Hans', { materials: [{ id: 1, name: 'x' }] })])).toBe(versionContent([row('zh-Hans', { materials: [{ id: 9, name: 'x' }] })]));
  });
});

describe('duplicateRuleProblems', () => {
  const others = [
    { key: 'guides-social-security', scope: 'guide', level: null, domain: 'social-security' },
    { key: 'guides-default', scope: 'guide', level: null, domain: null },
  ];
  it('refuses exactly the same scope, level and domain, naming the field and the other rule', () => {
    expect(duplicateRuleProblems({ scope: 'guide', domain: 'social-security' }, others)).toEqual([
      { path: ['domain'], message: expect.stringContaining('guides-social-security') },
    ]);
    expect(duplicateRuleProblems({ scope: 'guide', level: null, domain: '' }, others)).toEqual([{ path: ['scope'], message: expect.stringContaining('guides-default') }]);
  });
  it('a level rule beside a domain rule is no duplicate (a tie, reported elsewhere)', () => {
    expect(duplicateRuleProblems({ scope: 'guide', level: 'district' }, others)).toEqual([]);
    expect(duplicateRuleProblems({ scope: 'guide', level: 'district', domain: 'social-security' }, others)).toEqual([]);
  });
});

describe('review access', () => {
  const actor = (extra: Partial<ReviewActor> = {}): ReviewActor => ({
    email: 'e@x',
    roleNames: ['Linkage unit editor'],
    isSuperAdmin: false,
    isCityManager: false,
    isAuditor: false,
    mayWriteGuides: true,
    scope: new Set(['370202000000']),
    ...extra,
  });
  const label = (code: string) => ({ en: `U(${code})`, 'zh-Hans': `单位${code}` });
  it('editors review their own guides only; auditors none; city managers anything', () => {
    expect(reviewDecision(actor(), 'guide', '370202000000', label)).toEqual({ allowed: true });
    expect(reviewDecision(actor(), 'guide', '370203000000', label)).toEqual({
      allowed: false,
      reason: { en: expect.stringContaining('U(370203000000), which is outside your units'), 'zh-Hans': expect.stringContaining('单位370203000000，不在你的单位') },
    });
    expect(reviewDecision(actor(), 'item', null, label).allowed).toBe(false);
    expect(reviewDecision(actor({ mayWriteGuides: false, isAuditor: true }), 'guide', '370202000000', label).allowed).toBe(false);
    expect(reviewDecision(actor({ isCityManager: true, scope: new Set() }), 'template', null, label).allowed).toBe(true);
  });
  it('reading follows reading the record', () => {
    expect(reviewReadDecision(actor(), 'item', null, label).allowed).toBe(true);
    expect(reviewReadDecision(actor(), 'guide', '370203000000', label).allowed).toBe(false);
    expect(reviewReadDecision(actor({ isAuditor: true }), 'guide', '370203000000', label).allowed).toBe(true);
  });
  it('a note is optional text of at most 2000 characters', () => {
    expect(noteProblem(undefined)).toBeNull();
    expect(noteProblem('x'.repeat(2000))).toBeNull();
    expect(noteProblem('x'.repeat(2001))).toMatch(/at most 2000/);
    expect(noteProblem(5)).toMatch(/text/);
  });
});
