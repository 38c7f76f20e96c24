// Which guides need an editor first: overdue for review (the longest overdue first), then
// incomplete (what the public sees lacks a required field), then never reviewed, then those with
// unpublished changes, then the rest by due date. The same order on "My guides" and the home page.
export interface AttentionFacts {
  readonly overdueDays: number;
  readonly neverReviewed: boolean;
  readonly complete: boolean;
  readonly status: 'draft' | 'published' | 'modified';
  readonly dueOn: string | null;
  /** A stable last resort: the guide's key (item/stage/unit). */
  readonly key: string;
}

export type Attention = 'overdue' | 'incomplete' | 'neverReviewed' | 'unpublished' | 'ok';

export function attentionOf(g: AttentionFacts): Attention {
  if (g.overdueDays > 0) return 'overdue';
  if (!g.complete) return 'incomplete';
  if (g.neverReviewed) return 'neverReviewed';
  if (g.status !== 'published') return 'unpublished';
  return 'ok';
}

const RANK: Readonly<Record<Attention, number>> = { overdue: 0, incomplete: 1, neverReviewed: 2, unpublished: 3, ok: 4 };

export function byAttention(a: AttentionFacts, b: AttentionFacts): number {
  return (
    RANK[attentionOf(a)] - RANK[attentionOf(b)] || b.overdueDays - a.overdueDays || (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31') || a.key.localeCompare(b.key)
  );
}

/** How many guides need each kind of attention. */
export function attentionCounts(guides: readonly AttentionFacts[]): Record<Exclude<Attention, 'ok'>, number> {
  const counts = { overdue: 0, incomplete: 0, neverReviewed: 0, unpublished: 0 };
  for (const g of guides) {
    // Counted under every heading that applies: an overdue guide may also be incomplete.
    if (g.overdueDays > 0) counts.overdue += 1;
    if (!g.complete) counts.incomplete += 1;
    if (g.neverReviewed) counts.neverReviewed += 1;
    if (g.status !== 'published') counts.unpublished += 1;
  }
  return counts;
}
