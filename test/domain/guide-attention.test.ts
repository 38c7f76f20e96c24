import { attentionCounts, attentionOf, byAttention, type AttentionFacts } from '../../src/plugins/linkage/server/src/domain/guide-attention';

const guide = (key: string, change: Partial<AttentionFacts> = {}): AttentionFacts => ({
  key,
  overdueDays: 0,
  neverReviewed: false,
  complete: true,
  status: 'published',
  dueOn: '2027-01-01',
  ...change,
});

describe('guide attention: what an editor sees first', () => {
  it('puts the longest overdue first, then incomplete, never reviewed, unpublished changes, then the rest by due date', () => {
    const guides = [
      guide('ok-late', { dueOn: '2027-06-01' }),
      guide('ok-soon', { dueOn: '2026-12-15' }),
      guide('draft', { status: 'draft' }),
      guide('never', { neverReviewed: true }),
      guide('incomplete', { complete: false }),
      guide('overdue-3', { overdueDays: 3 }),
      guide('overdue-40', { overdueDays: 40, complete: false }),
    ];
    expect([...guides].sort(byAttention).map((g) => g.key)).toEqual(['overdue-40', 'overdue-3', 'incomplete', 'never', 'draft', 'ok-soon', 'ok-late']);
  });

  it('names the first reason a guide needs attention', () => {
    expect(attentionOf(guide('a', { overdueDays: 1, complete: false }))).toBe('overdue');
    expect(attentionOf(guide('b', { complete: false, neverReviewed: true }))).toBe('incomplete');
    expect(attentionOf(guide('c', { status: 'modified' }))).toBe('unpublished');
    expect(attentionOf(guide('d'))).toBe('ok');
  });

  it('counts every heading that applies', () => {
    expect(attentionCounts([guide('a', { overdueDays: 2, complete: false }), guide('b', { neverReviewed: true, status: 'draft' }), guide('c')])).toEqual({
      overdue: 1,
      incomplete: 1,
      neverReviewed: 1,
      unpublished: 1,
    });
  });
});
