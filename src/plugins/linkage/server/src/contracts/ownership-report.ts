// The ownership report (内容保障报告): GET /linkage/reports/ownership and /ownership/records (JSON).

import type { OwnerCounts, OwnerRow } from '../domain/ownership-report';

export type { OwnerCounts, OwnerRow };

export type Names = Readonly<Record<string, string>>;

export interface OwnerTotals extends OwnerCounts {
  owners: number;
  ownersWithoutEditor: number;
}

export interface OwnershipSummary {
  locales: readonly string[];
  totals: OwnerTotals;
  owners: readonly OwnerRow[];
}

export interface RecordRow {
  documentId: string | null;
  itemCode: string;
  stageKey: string;
  unitCode: string;
  departmentCode: string;
  /** `published`, `draft` (never published), or `missing` (expected, no guide). */
  status: 'published' | 'draft' | 'missing';
  missingFields: readonly string[];
  lastReviewedOn: string | null;
  dueOn: string | null;
  overdueDays: number;
  names: { item: Names; stage: Names; unit: Names; department: Names };
}

export interface OwnershipRecords {
  rows: readonly RecordRow[];
  /** The offset of the next page, or null after the last. */
  next: number | null;
}
