// The ownership report (内容保障报告): GET /linkage/reports/ownership and /ownership/records (JSON).

export type Names = Readonly<Record<string, string>>;

export interface OwnerCounts {
  guides: number;
  complete: number;
  incomplete: number;
  neverReviewed: number;
  overdue: number;
  overdueDaysMax: number;
  overdueDaysTotal: number;
  staleDrafts: number;
  missing: number;
}

export interface OwnerTotals extends OwnerCounts {
  owners: number;
  ownersWithoutEditor: number;
}

export interface OwnerRow extends OwnerCounts {
  unitCode: string;
  unitName: Names;
  departmentCode: string;
  departmentName: Names;
  /** The rule that named this department responsible, if one did. */
  responsibleByRule: string | null;
  /** Whether some membership covers the unit. */
  hasEditor: boolean;
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
