// Responsibility rules: who keeps which records accurate, and how often they are reviewed.
import type { RuleScope } from './catalog-format';
import type { DepartmentIndex } from './departments';
import { LEVELS, isLevel } from './levels';
import { problem, type Problem } from './problems';

export const RULE_SCOPES: readonly RuleScope[] = ['item', 'guide', 'template', 'unit'];
export const RULE_KEY = /^[a-z0-9][a-z0-9-]*$/;

export interface RuleDraft {
  readonly key?: unknown;
  readonly scope?: unknown;
  readonly level?: unknown;
  readonly domain?: unknown;
  readonly responsible?: unknown;
  readonly responsibleDepartmentCode?: unknown;
  readonly reviewEveryDays?: unknown;
}

export function ruleProblems(rule: RuleDraft, departments: DepartmentIndex, otherKeys: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  if (typeof rule.key !== 'string' || !RULE_KEY.test(rule.key)) {
    problems.push(problem(['key'], `must be lower-case letters, digits and "-", got ${JSON.stringify(rule.key ?? null)}`));
  } else if (otherKeys.has(rule.key)) {
    problems.push(problem(['key'], `${rule.key} is already the key of another rule`));
  }
  if (!RULE_SCOPES.includes(rule.scope as RuleScope)) {
    problems.push(problem(['scope'], `must be one of ${RULE_SCOPES.join(', ')}, got ${JSON.stringify(rule.scope ?? null)}`));
  }
  if (rule.level !== null && rule.level !== undefined && !isLevel(rule.level)) {
    problems.push(problem(['level'], `must be one of ${LEVELS.join(', ')} or empty, got ${JSON.stringify(rule.level)}`));
  }
  const days = rule.reviewEveryDays;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1) {
    problems.push(problem(['reviewEveryDays'], `must be a whole number of days ≥ 1, got ${JSON.stringify(days ?? null)}`));
  }
  const department = rule.responsibleDepartmentCode;
  if (rule.responsible === 'department') {
    if (typeof department !== 'string' || department === '') {
      problems.push(problem(['responsibleDepartmentCode'], 'is required when the responsible party is a department'));
    } else if (!departments.has(department)) {
      problems.push(problem(['responsibleDepartmentCode'], `no department has the code ${department}`));
    }
  } else if (rule.responsible !== 'owner' && rule.responsible !== undefined && rule.responsible !== null) {
    problems.push(problem(['responsible'], `must be owner or department, got ${JSON.stringify(rule.responsible)}`));
  } else if (typeof department === 'string' && department !== '') {
    problems.push(problem(['responsibleDepartmentCode'], "names a department, but the responsible party is the record's owner"));
  }
  return problems;
}

export interface RuleTarget {
  readonly key: string;
  readonly scope: unknown;
  readonly level?: unknown;
  readonly domain?: unknown;
}

const orNone = (value: unknown): unknown => (value === undefined || value === '' ? null : value);

/**
 * A rule with exactly the scope, level and domain of another would govern the same records with no
 * way to tell which was meant: refused. Rules that merely tie (a level rule and a domain rule over
 * the same records) are reported, not refused: the stricter applies (see review-schedule.ts).
 */
export function duplicateRuleProblems(rule: RuleDraft, others: readonly RuleTarget[]): Problem[] {
  const same = others.find((o) => o.scope === rule.scope && orNone(o.level) === orNone(rule.level) && orNone(o.domain) === orNone(rule.domain));
  if (!same) return [];
  const field = orNone(rule.domain) !== null ? 'domain' : orNone(rule.level) !== null ? 'level' : 'scope';
  const target = [`scope ${String(rule.scope)}`, orNone(rule.level) !== null && `level ${String(rule.level)}`, orNone(rule.domain) !== null && `domain ${String(rule.domain)}`]
    .filter(Boolean)
    .join(', ');
  return [problem([field], `rule ${same.key} already covers ${target}; change that rule instead of adding another`)];
}
