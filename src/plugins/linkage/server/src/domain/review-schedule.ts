// Which responsibility rule governs a record, and when the record is next due for review.
import type { RuleScope } from './catalog-format';
import { addDays, daysBetween } from './dates';
import type { Level } from './levels';

export interface RuleFacts {
  readonly key: string;
  readonly scope: RuleScope;
  readonly level: Level | null;
  readonly domain: string | null;
  readonly responsible: 'owner' | 'department';
  readonly responsibleDepartmentCode: string | null;
  readonly reviewEveryDays: number;
}

/** What a rule is matched against: a guide has its stage's level and its item's domain. */
export interface RuleSubject {
  readonly scope: RuleScope;
  readonly level: Level | null;
  readonly domain: string | null;
}

export const ruleMatches = (rule: RuleFacts, subject: RuleSubject): boolean =>
  rule.scope === subject.scope && (rule.level === null || rule.level === subject.level) && (rule.domain === null || rule.domain === subject.domain);

/** A rule naming a level or a domain beats one naming the scope alone; naming both beats either. */
export const specificity = (rule: RuleFacts): number => (rule.level === null ? 0 : 1) + (rule.domain === null ? 0 : 1);

/** The matching rules of the highest specificity, the one that applies first. */
function mostSpecific(rules: readonly RuleFacts[], subject: RuleSubject): RuleFacts[] {
  const matching = rules.filter((rule) => ruleMatches(rule, subject));
  const best = Math.max(-1, ...matching.map(specificity));
  // Among equals (a tie, reported when rules are saved) the stricter rule applies, then the key decides.
  return matching.filter((rule) => specificity(rule) === best).sort((a, b) => a.reviewEveryDays - b.reviewEveryDays || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export const applicableRule = (rules: readonly RuleFacts[], subject: RuleSubject): RuleFacts | null => mostSpecific(rules, subject)[0] ?? null;

export interface RuleTie {
  readonly subject: RuleSubject;
  /** The rules that apply equally; the first is the one used. */
  readonly keys: readonly string[];
}

export interface RuleCoverage {
  readonly ties: readonly RuleTie[];
  /** Kinds of record that no rule governs: they have no owner's review cycle. */
  readonly gaps: readonly RuleSubject[];
}

/**
 * Every kind of record the catalog can hold: guides and units at each level, items and guides in each
 * domain. Levels and domains a rule names but the catalog lacks are included so no rule goes unchecked.
 */
export function ruleSubjects(rules: readonly RuleFacts[], levels: readonly Level[], domains: readonly string[]): RuleSubject[] {
  const allDomains = [...new Set([...domains, ...rules.flatMap((r) => (r.domain === null ? [] : [r.domain]))])].sort();
  const allLevels = [...new Set([...levels, ...rules.flatMap((r) => (r.level === null ? [] : [r.level]))])];
  const subjects: RuleSubject[] = [{ scope: 'template', level: null, domain: null }];
  for (const domain of allDomains) subjects.push({ scope: 'item', level: 'city', domain });
  for (const level of allLevels) {
    subjects.push({ scope: 'unit', level, domain: null });
    for (const domain of allDomains) subjects.push({ scope: 'guide', level, domain });
  }
  return subjects;
}

export function ruleCoverage(rules: readonly RuleFacts[], levels: readonly Level[], domains: readonly string[]): RuleCoverage {
  const ties: RuleTie[] = [];
  const gaps: RuleSubject[] = [];
  for (const subject of ruleSubjects(rules, levels, domains)) {
    const best = mostSpecific(rules, subject);
    if (best.length === 0) gaps.push(subject);
    else if (best.length > 1) ties.push({ subject, keys: best.map((r) => r.key) });
  }
  return { ties, gaps };
}

export const describeSubject = (subject: RuleSubject): string =>
  [subject.scope, subject.level && `level ${subject.level}`, subject.domain && `domain ${subject.domain}`].filter(Boolean).join(', ');

export interface ReviewState {
  /** The date a review is due (YYYY-MM-DD); null when no rule governs the record. */
  readonly dueOn: string | null;
  readonly neverReviewed: boolean;
  /** Days past the due date on `asOf`; 0 when not late. */
  readonly overdueDays: number;
}

/**
 * A record is due one interval after its last review; never reviewed, one interval after it was
 * created, so a new record is not late on its first day.
 */
export function reviewState(rule: Pick<RuleFacts, 'reviewEveryDays'> | null, lastReviewedOn: string | null, createdOn: string, asOf: string): ReviewState {
  const neverReviewed = lastReviewedOn === null;
  if (!rule) return { dueOn: null, neverReviewed, overdueDays: 0 };
  const dueOn = addDays(lastReviewedOn ?? createdOn, rule.reviewEveryDays);
  return { dueOn, neverReviewed, overdueDays: Math.max(0, daysBetween(dueOn, asOf)) };
}

/** A stored rule row (one per locale; the rule's fields are not localized). */
export interface StoredRule {
  readonly documentId: string;
  readonly key: string;
  readonly scope: RuleScope;
  readonly level: Level | null;
  readonly domain: string | null;
  readonly responsible: string | null;
  readonly responsibleDepartmentCode: string | null;
  readonly reviewEveryDays: number | string;
}

/** One rule per document; a blank domain names none (the Content Manager stores a cleared field as ""). */
export const rulesOf = (rows: readonly StoredRule[]): RuleFacts[] =>
  [...new Map(rows.map((r) => [r.documentId, r])).values()].map((r) => ({
    key: r.key,
    scope: r.scope,
    level: r.level ?? null,
    domain: r.domain || null,
    responsible: r.responsible === 'department' ? 'department' : 'owner',
    responsibleDepartmentCode: r.responsibleDepartmentCode ?? null,
    reviewEveryDays: Number(r.reviewEveryDays),
  }));
