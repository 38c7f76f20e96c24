// One guide's content assurance: what its spec says it lacks, which responsibility rule governs it
// and when it is next due for review. Built from the guide's versions, the rules and its reviews.
import type { CatalogGuide } from './catalog-format';
import { missingFields } from './completeness';
import { fieldLabel } from './field-names';
import { bilingual, problem, type Problem } from './problems';
import { toIsoDate } from './dates';
import type { Level } from './levels';
import { applicableRule, reviewState, type RuleFacts } from './review-schedule';

export interface AppliedRule {
  readonly key: string;
  readonly reviewEveryDays: number;
  readonly responsible: 'owner' | 'department';
  /** The department named by the rule, or the guide's own department when its owner is responsible. */
  readonly responsibleDepartmentCode: string | null;
}

export interface GuideAssurance {
  readonly completeness: {
    readonly required: readonly string[];
    /** Fields the draft lacks (what the editor works on). */
    readonly draftMissing: readonly string[];
    /** Fields the published version lacks; null when never published. */
    readonly publishedMissing: readonly string[] | null;
    readonly complete: boolean;
  };
  readonly rule: AppliedRule | null;
  readonly lastReviewedOn: string | null;
  readonly dueOn: string | null;
  readonly overdueDays: number;
  readonly neverReviewed: boolean;
}

export interface GuideAssuranceInput {
  readonly draft: CatalogGuide | null;
  readonly published: CatalogGuide | null;
  readonly required: readonly string[];
  readonly locales: readonly string[];
  /** The stage's level and the item's domain: what rules are matched on. */
  readonly level: Level | null;
  readonly domain: string | null;
  readonly rules: readonly RuleFacts[];
  /** Dates of the guide's reviews (ISO timestamps or dates). */
  readonly reviewedAt: readonly string[];
  readonly createdAt: string;
  readonly asOf: string;
}

export const latestDate = (timestamps: readonly string[]): string | null =>
  timestamps.length === 0 ? null : timestamps.map((t) => toIsoDate(new Date(t))).reduce((a, b) => (a > b ? a : b));

export function guideAssurance(input: GuideAssuranceInput): GuideAssurance {
  const current = input.draft ?? input.published;
  const draftMissing = current ? missingFields(current, input.required, input.locales) : [...input.required];
  const publishedMissing = input.published ? missingFields(input.published, input.required, input.locales) : null;
  const rule = applicableRule(input.rules, { scope: 'guide', level: input.level, domain: input.domain });
  const lastReviewedOn = latestDate(input.reviewedAt);
  const state = reviewState(rule, lastReviewedOn, toIsoDate(new Date(input.createdAt)), input.asOf);
  return {
    completeness: {
      required: input.required,
      draftMissing,
      publishedMissing,
      // The public sees the published version: complete means that one holds everything.
      complete: (publishedMissing ?? draftMissing).length === 0,
    },
    rule: rule && {
      key: rule.key,
      reviewEveryDays: rule.reviewEveryDays,
      responsible: rule.responsible,
      responsibleDepartmentCode: rule.responsible === 'department' ? rule.responsibleDepartmentCode : (current?.department ?? null),
    },
    lastReviewedOn,
    ...state,
  };
}

/** The fields a guide lacks, by the names editors know them by (电话, not `phone`). */
export const missingFieldNames = (fields: readonly string[], language: 'en' | 'zh-Hans'): string[] => fields.map((field) => fieldLabel('plugin::linkage.guide', field)[language]);

/** Why a guide that lacks required fields cannot be marked reviewed: a review vouches for its content. */
export function incompleteReviewProblem(missing: readonly string[]): Problem {
  return problem(
    ['documentId'],
    `the guide lacks ${missing.join(', ')}; complete it before marking it reviewed`,
    bilingual(
      `This guide lacks ${missingFieldNames(missing, 'en').join(', ')}: fill these in (and publish) before marking it reviewed.`,
      `本指南缺少${missingFieldNames(missing, 'zh-Hans').join('、')}：请先填写（并发布）后再标记为已复核。`
    )
  );
}
