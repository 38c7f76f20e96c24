// Content assurance in the admin: GET /linkage/guides/:documentId/assurance, GET /linkage/my-guides,
// GET /linkage/rules/coverage.

/** A text by locale; null when the record is gone. */
export type LocalizedName = Readonly<Record<string, string>> | null;

export type GuidePublication = 'draft' | 'published' | 'modified';

export interface GuideAssurance {
  documentId: string;
  key: string;
  itemCode: string;
  stageKey: string;
  unitCode: string;
  departmentCode: string;
  status: GuidePublication;
  reviews: number;
  completeness: {
    readonly required: readonly string[];
    /** Fields the draft lacks. */
    readonly draftMissing: readonly string[];
    /** Fields the published version lacks; null when never published. */
    readonly publishedMissing: readonly string[] | null;
    readonly complete: boolean;
  };
  rule: { readonly key: string; readonly reviewEveryDays: number; readonly responsible: 'owner' | 'department'; readonly responsibleDepartmentCode: string | null } | null;
  lastReviewedOn: string | null;
  dueOn: string | null;
  overdueDays: number;
  neverReviewed: boolean;
}

export interface MyGuideRow extends GuideAssurance {
  itemTitle: LocalizedName;
  stageName: LocalizedName;
  unitName: LocalizedName;
}

/** A guide the routing expects of a unit that it has not (draft or published). */
export interface MissingGuideRow {
  itemCode: string;
  stageKey: string;
  unitCode: string;
  departmentCode: string;
  level: string;
  domain: string | null;
  itemTitle: LocalizedName;
  stageName: LocalizedName;
  unitName: LocalizedName;
}

export interface RecentChange {
  at: string;
  action: string;
  userEmail: string | null;
  subjectUid: string;
  subjectDocumentId: string;
  subjectKey: string;
  /** The guide's title by locale, for a guide. */
  title: LocalizedName;
  unitCode: string | null;
}

export type AttentionCounts = Record<'overdue' | 'incomplete' | 'neverReviewed' | 'unpublished', number>;

export interface MyGuides {
  /** Units shown: null for everyone's (a city manager with no unit filter). */
  units: readonly string[] | null;
  guides: readonly MyGuideRow[];
  pagination: { page: number; pageSize: number; total: number; pageCount: number };
  /** `attention`: what needs an editor first; `code`: past the attention limit. */
  order: 'attention' | 'code';
  counts: AttentionCounts | null;
  missing: readonly MissingGuideRow[];
  recent: readonly RecentChange[];
}

export interface RuleSubjectView {
  level: string | null;
  domain: string | null;
  text: string;
}

export interface RuleCoverage {
  rules: number;
  ties: ReadonlyArray<{ subject: RuleSubjectView; keys: readonly string[]; message: string }>;
  gaps: readonly RuleSubjectView[];
}
