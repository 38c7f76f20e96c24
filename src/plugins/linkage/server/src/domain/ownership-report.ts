// The ownership report (内容保障报告): its parameters, its rows, totals and CSV lines. Pure: the
// numbers themselves are aggregated in SQL (services/ownership-report.ts).
import type { AdminLanguage, AdminText } from './admin-language';
import { addDays, isIsoDate } from './dates';
import { fieldLabel } from './field-names';
import { LEVELS, isLevel, type Level } from './levels';
import type { RuleFacts } from './review-schedule';

export const REPORT_CATEGORIES = ['all', 'complete', 'incomplete', 'neverReviewed', 'overdue', 'staleDrafts', 'missing'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

export interface ReportParams {
  readonly unit: string;
  readonly subtree: boolean;
  readonly level: Level | null;
  readonly domain: string | null;
  readonly asOf: string;
}

export interface RecordsParams extends ReportParams {
  /** `UNIT` or `UNIT:DEPARTMENT`; null: every owner in scope. */
  readonly owner: { unitCode: string; departmentCode: string | null } | null;
  readonly category: ReportCategory;
  readonly limit: number;
  readonly offset: number;
}

export interface ParamProblem {
  readonly parameter: string;
  readonly reason: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: ParamProblem };

/** What the parser may check against: the units and domains that exist. */
export interface ReportContext {
  readonly cityCode: string;
  readonly unitExists: (code: string) => boolean;
  readonly domains: ReadonlySet<string>;
  readonly today: string;
}

// A query value as text; an object (`unit[a]=1`) is kept as its JSON, which no rule accepts.
const text = (value: unknown): string => (typeof value === 'object' && value !== null ? (JSON.stringify(value) ?? '') : String(value));
const single = (value: unknown): string | undefined =>
  Array.isArray(value) ? (value.length > 0 ? text(value[value.length - 1]) : undefined) : value === undefined || value === null ? undefined : text(value);

const fail = (parameter: string, reason: string): { ok: false; problem: ParamProblem } => ({ ok: false, problem: { parameter, reason } });

const UNIT_CODE = /^\d{12}$/;

export function parseReportParams(query: Readonly<Record<string, unknown>>, context: ReportContext): Parsed<ReportParams> {
  const unit = single(query.unit)?.trim() || context.cityCode;
  if (!UNIT_CODE.test(unit)) return fail('unit', `must be a 12-digit unit code, got ${JSON.stringify(unit)}`);
  if (!context.unitExists(unit)) return fail('unit', `no unit has the code ${unit}`);
  const rawSubtree = single(query.subtree)?.trim().toLowerCase();
  let subtree = true;
  if (rawSubtree !== undefined && rawSubtree !== '') {
    if (['true', '1', 'yes'].includes(rawSubtree)) subtree = true;
    else if (['false', '0', 'no'].includes(rawSubtree)) subtree = false;
    else return fail('subtree', `must be true or false, got ${JSON.stringify(rawSubtree)}`);
  }
  const rawLevel = single(query.level)?.trim();
  let level: Level | null = null;
  if (rawLevel) {
    if (!isLevel(rawLevel)) return fail('level', `must be one of ${LEVELS.join(', ')}, got ${JSON.stringify(rawLevel)}`);
    level = rawLevel;
  }
  const rawDomain = single(query.domain)?.trim();
  let domain: string | null = null;
  if (rawDomain) {
    if (!context.domains.has(rawDomain)) return fail('domain', `no linked item has the domain ${JSON.stringify(rawDomain)} (domains: ${[...context.domains].sort().join(', ')})`);
    domain = rawDomain;
  }
  const rawAsOf = single(query.asOf)?.trim();
  let asOf = context.today;
  if (rawAsOf) {
    if (!isIsoDate(rawAsOf)) return fail('asOf', `must be a date as YYYY-MM-DD, got ${JSON.stringify(rawAsOf)}`);
    asOf = rawAsOf;
  }
  return { ok: true, value: { unit, subtree, level, domain, asOf } };
}

export function parseRecordsParams(query: Readonly<Record<string, unknown>>, context: ReportContext): Parsed<RecordsParams> {
  const base = parseReportParams(query, context);
  if (!base.ok) return base;
  const rawOwner = single(query.owner)?.trim();
  let owner: RecordsParams['owner'] = null;
  if (rawOwner) {
    const [unitCode, departmentCode, ...rest] = rawOwner.split(':');
    if (rest.length > 0 || !UNIT_CODE.test(unitCode) || departmentCode === '') {
      return fail('owner', `must be UNIT or UNIT:DEPARTMENT (a 12-digit unit code, then optionally a department code), got ${JSON.stringify(rawOwner)}`);
    }
    owner = { unitCode, departmentCode: departmentCode ?? null };
  }
  const rawCategory = single(query.category)?.trim() || 'all';
  if (!(REPORT_CATEGORIES as readonly string[]).includes(rawCategory)) {
    return fail('category', `must be one of ${REPORT_CATEGORIES.join(', ')}, got ${JSON.stringify(rawCategory)}`);
  }
  const number = (name: string, fallback: number, min: number, max: number): Parsed<number> => {
    const raw = single(query[name])?.trim();
    if (!raw) return { ok: true, value: fallback };
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) return fail(name, `must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    return { ok: true, value: n };
  };
  const limit = number('limit', 100, 1, 5000);
  if (!limit.ok) return limit;
  const offset = number('offset', 0, 0, Number.MAX_SAFE_INTEGER);
  if (!offset.ok) return offset;
  return { ok: true, value: { ...base.value, owner, category: rawCategory as ReportCategory, limit: limit.value, offset: offset.value } };
}

// ---- rules per (level, domain) -----------------------------------------------------------

/** The rule that governs guides of one level and domain, as the SQL joins it. */
export interface RuleClass {
  readonly level: Level;
  readonly domain: string;
  readonly ruleKey: string;
  readonly reviewEveryDays: number;
  /** asOf − interval: a guide last reviewed (or created) before this day is overdue. */
  readonly cutoff: string;
  /** Set when the rule names a department: it, not the guide's owner, is responsible. */
  readonly responsibleDepartmentCode: string | null;
}

export function ruleClasses(domains: Iterable<string>, asOf: string, applicable: (level: Level, domain: string) => RuleFacts | null): RuleClass[] {
  const classes: RuleClass[] = [];
  for (const domain of domains) {
    for (const level of LEVELS) {
      const rule = applicable(level, domain);
      if (!rule) continue;
      classes.push({
        level,
        domain,
        ruleKey: rule.key,
        reviewEveryDays: rule.reviewEveryDays,
        cutoff: addDays(asOf, -rule.reviewEveryDays),
        responsibleDepartmentCode: rule.responsible === 'department' ? rule.responsibleDepartmentCode : null,
      });
    }
  }
  return classes;
}

// ---- rows --------------------------------------------------------------------------------

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

export interface OwnerRow extends OwnerCounts {
  readonly unitCode: string;
  readonly unitName: Readonly<Record<string, string>>;
  readonly departmentCode: string;
  readonly departmentName: Readonly<Record<string, string>>;
  /** The rule that named this department responsible, if one did (else the records' owner is). */
  readonly responsibleByRule: string | null;
  /** Whether some membership covers the unit (a `unit` one on it, or a `subtree` one on it or above). */
  readonly hasEditor: boolean;
}

export interface RecordRow {
  readonly documentId: string | null;
  readonly itemCode: string;
  readonly stageKey: string;
  readonly unitCode: string;
  readonly departmentCode: string;
  readonly ownerUnitCode: string;
  readonly ownerDepartmentCode: string;
  readonly level: string;
  readonly domain: string | null;
  /** `published`, `draft` (never published), or `missing` (expected, no guide). */
  readonly status: 'published' | 'draft' | 'missing';
  readonly missingFields: readonly string[];
  readonly lastReviewedOn: string | null;
  readonly createdOn: string | null;
  readonly dueOn: string | null;
  readonly overdueDays: number;
  readonly staleDraft: boolean;
}

export const emptyCounts = (): OwnerCounts => ({
  guides: 0,
  complete: 0,
  incomplete: 0,
  neverReviewed: 0,
  overdue: 0,
  overdueDaysMax: 0,
  overdueDaysTotal: 0,
  staleDrafts: 0,
  missing: 0,
});

export function ownerTotals(rows: readonly OwnerCounts[]): OwnerCounts & { owners: number; ownersWithoutEditor: number } {
  const totals = { ...emptyCounts(), owners: rows.length, ownersWithoutEditor: 0 };
  for (const row of rows) {
    totals.guides += row.guides;
    totals.complete += row.complete;
    totals.incomplete += row.incomplete;
    totals.neverReviewed += row.neverReviewed;
    totals.overdue += row.overdue;
    totals.overdueDaysMax = Math.max(totals.overdueDaysMax, row.overdueDaysMax);
    totals.overdueDaysTotal += row.overdueDaysTotal;
    totals.staleDrafts += row.staleDrafts;
    totals.missing += row.missing;
    if ((row as Partial<OwnerRow>).hasEditor === false) totals.ownersWithoutEditor += 1;
  }
  return totals;
}

/** Whether some membership covers a unit: a `unit` one on it, or a `subtree` one on it or an ancestor. */
export function hasEditor(unitCode: string, ancestors: readonly string[], memberships: ReadonlyArray<{ unitCode: string; scope: string }>): boolean {
  return memberships.some((m) => (m.unitCode === unitCode ? true : m.scope === 'subtree' && ancestors.includes(m.unitCode)));
}

export const ownerKey = (unitCode: string, departmentCode: string): string => `${unitCode}:${departmentCode}`;

// ---- CSV columns (the format is domain/csv.ts) ------------------------------------------

export const OWNER_COLUMNS = [
  'unitCode',
  'unitName',
  'departmentCode',
  'departmentName',
  'responsibleByRule',
  'hasEditor',
  'guides',
  'complete',
  'incomplete',
  'neverReviewed',
  'overdue',
  'overdueDaysMax',
  'overdueDaysTotal',
  'staleDrafts',
  'missing',
] as const;

export const ownerCsvValues = (row: OwnerRow, locale: string): unknown[] =>
  OWNER_COLUMNS.map((column) => {
    if (column === 'unitName') return row.unitName[locale] ?? '';
    if (column === 'departmentName') return row.departmentName[locale] ?? '';
    return row[column];
  });

export const RECORD_COLUMNS = [
  'documentId',
  'itemCode',
  'stageKey',
  'unitCode',
  'unitName',
  'departmentCode',
  'ownerUnitCode',
  'ownerDepartmentCode',
  'level',
  'domain',
  'status',
  'missingFields',
  'lastReviewedOn',
  'dueOn',
  'overdueDays',
  'staleDraft',
] as const;

export const recordCsvValues = (row: RecordRow, unitName: string): unknown[] => RECORD_COLUMNS.map((column) => (column === 'unitName' ? unitName : row[column]));

// ---- for a person: headers, values and file names in the admin's language --------------------

const t = (en: string, zh: string): AdminText => ({ en, 'zh-Hans': zh });

const COLUMN_NAMES: Readonly<Record<string, AdminText>> = {
  unitCode: t('Unit code', '单位代码'),
  unitName: t('Unit', '单位'),
  departmentCode: t('Department code', '部门代码'),
  departmentName: t('Department', '部门'),
  responsibleByRule: t('Responsible by rule', '依职责规则负责'),
  hasEditor: t('Has an editor', '有编辑人员'),
  guides: t('Guides', '指南数'),
  complete: t('Complete', '完整'),
  incomplete: t('Incomplete', '不完整'),
  neverReviewed: t('Never reviewed', '从未复核'),
  overdue: t('Overdue', '逾期'),
  overdueDaysMax: t('Most days overdue', '最长逾期天数'),
  overdueDaysTotal: t('Days overdue in all', '逾期总天数'),
  staleDrafts: t('Stale drafts', '长期未发布的草稿'),
  missing: t('Missing', '缺失'),
  documentId: t('Document id', '文档编号'),
  itemCode: t('Item code', '事项编码'),
  itemTitle: t('Item', '事项'),
  stageKey: t('Stage key', '环节键'),
  stageName: t('Stage', '环节'),
  ownerUnitCode: t('Owner unit code', '负责单位代码'),
  ownerDepartmentCode: t('Owner department code', '负责部门代码'),
  level: t('Level', '层级'),
  domain: t('Domain', '领域'),
  status: t('Status', '状态'),
  missingFields: t('Missing fields', '缺少的内容'),
  lastReviewedOn: t('Last reviewed', '上次复核'),
  dueOn: t('Review due', '复核期限'),
  overdueDays: t('Days overdue', '逾期天数'),
  staleDraft: t('Stale draft', '长期未发布'),
};

/** A CSV column's header for a person reading `language`. */
export const columnName = (column: string, language: AdminLanguage): string => COLUMN_NAMES[column]?.[language] ?? column;

const STATUS_NAMES: Readonly<Record<string, AdminText>> = {
  published: t('Published', '已发布'),
  draft: t('Draft', '草稿'),
  missing: t('Missing', '缺失'),
};

/** A cell as a person reads it: yes/no, statuses and field names in their language. */
export function readableValue(column: string, value: unknown, language: AdminLanguage): unknown {
  if (typeof value === 'boolean') return value ? (language === 'en' ? 'yes' : '是') : language === 'en' ? 'no' : '否';
  if (column === 'status' && typeof value === 'string') return STATUS_NAMES[value]?.[language] ?? value;
  if (column === 'missingFields' && Array.isArray(value)) return value.map((f) => fieldLabel('plugin::linkage.guide', String(f))[language]).join(language === 'en' ? ', ' : '、');
  return value;
}

const CATEGORY_NAMES: Readonly<Record<string, AdminText>> = {
  all: t('all', '全部'),
  complete: t('complete', '完整'),
  incomplete: t('incomplete', '不完整'),
  neverReviewed: t('never-reviewed', '从未复核'),
  overdue: t('overdue', '逾期'),
  staleDrafts: t('stale-drafts', '长期未发布'),
  missing: t('missing', '缺失'),
};

/**
 * What a downloaded file is called: what it holds, for whom, and as of when.
 * `内容保障报告-青岛市-2026-11-30.csv`, `ownership-records-Jiaozhou-City-overdue-2026-11-30.csv`.
 */
export function reportFileName(what: { kind: 'summary' | 'records'; scope: string; category?: string; asOf: string; extension: 'csv' | 'json' }, language: AdminLanguage): string {
  const title = what.kind === 'summary' ? t('ownership-report', '内容保障报告')[language] : t('ownership-records', '内容保障记录')[language];
  const category = what.kind === 'records' && what.category ? (CATEGORY_NAMES[what.category]?.[language] ?? what.category) : null;
  const safe = (part: string) => part.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '');
  return `${[title, what.scope, category, what.asOf]
    .filter((p): p is string => Boolean(p))
    .map(safe)
    .join('-')}.${what.extension}`;
}
