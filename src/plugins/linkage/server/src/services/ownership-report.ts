// The ownership report (the read side), aggregated in SQL: guides are never loaded into JavaScript.
// The scope (units with their level, items with their domain) and the applicable rule of each
// (level, domain) are small and computed here, then joined as VALUES lists against the guide-fact
// table, one narrow row per guide document kept by services/guide-facts.ts (the write side);
// "missing" joins the expected-handler table against the facts.
import { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { asAdminLanguage, type AdminLanguage } from '../domain/admin-language';
import type { LocalizedText } from '../domain/catalog-format';
import { toIsoDate } from '../domain/dates';
import { isLevel, type Level } from '../domain/levels';
import { BOM, csvLine } from '../domain/csv';
import {
  OWNER_COLUMNS,
  RECORD_COLUMNS,
  hasEditor,
  ownerCsvValues,
  columnName,
  readableValue,
  reportFileName,
  ownerTotals,
  parseRecordsParams,
  parseReportParams,
  recordCsvValues,
  ruleClasses,
  type OwnerRow,
  type RecordRow,
  type RecordsParams,
  type ReportContext,
  type ReportParams,
} from '../domain/ownership-report';
import { applicableRule, reviewState, rulesOf, type RuleFacts } from '../domain/review-schedule';
import { ancestorsOf, subtreeCodes } from '../domain/unit-tree';
import { getService } from '../get-service';
import type { Snapshot } from './published';
import { EXPECTED_HANDLER, GUIDE_FACT, ITEM, MEMBERSHIP } from '../uids';

const PAGE = 2000;

interface Column {
  columnName?: string;
}

export class ReportParameterError extends Error {
  constructor(
    readonly parameter: string,
    readonly reason: string
  ) {
    super(`${parameter}: ${reason}`);
    this.name = 'ReportParameterError';
  }
}

interface Prepared {
  readonly snapshot: Snapshot;
  readonly params: ReportParams;
  readonly sql: string;
  readonly bindings: unknown[];
  readonly empty: boolean;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The language of a person downloading (`?language=`), or null for a program. */
const languageOf = (query: Record<string, unknown>): AdminLanguage | null => (typeof query.language === 'string' ? asAdminLanguage(query.language) : null);
/** The content locale names are shown in for that language (the default locale when it has none). */
const contentLocale = (language: AdminLanguage, locales: readonly string[]): string =>
  locales.includes(language) ? language : (locales.find((l) => l.startsWith(language.split('-')[0])) ?? locales[0]);

/** A person's records CSV: names beside the codes. */
const READABLE_RECORD_COLUMNS = [
  'itemTitle',
  'stageName',
  'unitName',
  'departmentName',
  'status',
  'missingFields',
  'lastReviewedOn',
  'dueOn',
  'overdueDays',
  'staleDraft',
  'level',
  'domain',
  'itemCode',
  'stageKey',
  'unitCode',
  'departmentCode',
  'documentId',
];

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection as unknown as Knex;
  const isPostgres = () => /^(pg|postgres)/.test(String((strapi.db.connection as unknown as { client: { config: { client: string } } }).client.config.client));
  const published = () => getService(strapi, 'published');
  const store = () => getService(strapi, 'store');

  const columnsOf = (uid: string) => {
    const meta = strapi.db.metadata.get(uid as never);
    return { table: meta.tableName, col: (name: string) => (meta.attributes[name] as Column | undefined)?.columnName ?? name, meta };
  };

  /** The calendar day (YYYY-MM-DD, text) of a datetime column, in each dialect. */
  const day = (expr: string) =>
    isPostgres() ? `to_char(${expr}, 'YYYY-MM-DD')` : `(CASE WHEN typeof(${expr}) IN ('integer', 'real') THEN date(${expr} / 1000, 'unixepoch') ELSE date(${expr}) END)`;
  /** Whole days from one YYYY-MM-DD text to another. */
  const daysFrom = (from: string, to: string) => (isPostgres() ? `(CAST(${to} AS date) - CAST(${from} AS date))` : `CAST(julianday(${to}) - julianday(${from}) AS INTEGER)`);
  const isTrue = (expr: string) => (isPostgres() ? `${expr} IS TRUE` : `${expr} = 1`);

  async function itemDomains(): Promise<Map<string, string>> {
    const { table, col } = columnsOf(ITEM);
    const rows = (await knex()(table).distinct({ code: col('code'), domain: col('domain') })) as Array<{ code: string; domain: string | null }>;
    return new Map(rows.map((r) => [r.code, r.domain ?? '']));
  }

  const rules = async (): Promise<RuleFacts[]> => rulesOf(await store().rules());

  async function context(): Promise<{ snapshot: Snapshot; domains: Map<string, string>; report: ReportContext }> {
    const [snapshot, domains] = await Promise.all([published().snapshot(), itemDomains()]);
    const city = [...snapshot.units.values()].find((u) => u.level === 'city' && !u.parent) ?? [...snapshot.units.values()].find((u) => u.level === 'city');
    return {
      snapshot,
      domains,
      report: {
        cityCode: city?.code ?? '',
        unitExists: (code) => snapshot.units.has(code),
        domains: new Set([...domains.values()].filter(Boolean)),
        today: toIsoDate(new Date()),
      },
    };
  }

  // ---- the report over the facts ----------------------------------------------------------

  /** The guides in scope, one row per document with its flags: the `flags` CTE, and the `missing` one. */
  async function prepare(params: ReportParams, snapshot: Snapshot, domains: Map<string, string>): Promise<Prepared> {
    await getService(strapi, 'guide-facts').ensureFacts();
    const allRules = await rules();
    const scopeCodes = params.subtree ? subtreeCodes(params.unit, snapshot.unitIndex) : [params.unit];
    const units = scopeCodes.map((code) => snapshot.unitIndex.get(code)).filter((u): u is NonNullable<typeof u> => Boolean(u) && (!params.level || u?.level === params.level));
    const items = [...domains].filter(([, domain]) => !params.domain || domain === params.domain);
    const domainSet = new Set(items.map(([, d]) => d));
    const classes = ruleClasses(domainSet, params.asOf, (level: Level, domain: string) => applicableRule(allRules, { scope: 'guide', level, domain }));
    const empty = units.length === 0 || items.length === 0;

    const fact = columnsOf(GUIDE_FACT);
    const f = fact.col;
    const expected = columnsOf(EXPECTED_HANDLER);
    const bindings: unknown[] = [];
    const bind = (...values: unknown[]) => {
      bindings.push(...values);
      return values.map(() => '?').join(', ');
    };
    const unitValues = units.map((u) => `(${bind(u.code, u.level)})`).join(', ');
    const itemValues = items.map(([code, domain]) => `(${bind(code, domain)})`).join(', ');
    const ruleValues = classes
      .map((c) => {
        const department = c.responsibleDepartmentCode ? snapshot.departments.get(c.responsibleDepartmentCode) : undefined;
        return `(${bind(c.level, c.domain, c.ruleKey)}, ${Math.trunc(c.reviewEveryDays)}, ${bind(c.cutoff, department?.unit ?? null, c.responsibleDepartmentCode)})`;
      })
      .join(', ');
    const text = isPostgres() ? 'CAST(NULL AS text)' : 'NULL';
    const parts: string[] = [];
    parts.push(`units_in(code, level) AS (${unitValues ? `VALUES ${unitValues}` : `SELECT ${text}, ${text} WHERE 1 = 0`})`);
    parts.push(`items_in(code, domain) AS (${itemValues ? `VALUES ${itemValues}` : `SELECT ${text}, ${text} WHERE 1 = 0`})`);
    parts.push(
      `rules_in(level, domain, rule_key, every_days, cutoff, resp_unit, resp_dept) AS (${
        ruleValues ? `VALUES ${ruleValues}` : `SELECT ${text}, ${text}, ${text}, 0, ${text}, ${text}, ${text} WHERE 1 = 0`
      })`
    );
    parts.push(`gr AS (
      SELECT x.${q(f('guideDocumentId'))} AS document_id, x.${q(f('itemCode'))} AS item_code, x.${q(f('stageKey'))} AS stage_key,
        x.${q(f('unitCode'))} AS unit_code, x.${q(f('departmentCode'))} AS department_code, u.level AS level, i.domain AS domain,
        CASE WHEN x.${q(f('status'))} = 'published' THEN 1 ELSE 0 END AS published, x.${q(f('createdOn'))} AS created_on,
        x.${q(f('missingFields'))} AS missing_fields, CASE WHEN ${isTrue(`x.${q(f('complete'))}`)} THEN 1 ELSE 0 END AS complete,
        x.${q(f('lastReviewedAt'))} AS last_at,
        ru.rule_key AS rule_key, ru.every_days AS every_days, ru.cutoff AS cutoff, ru.resp_dept AS by_rule_dept,
        COALESCE(ru.resp_unit, x.${q(f('unitCode'))}) AS owner_unit, COALESCE(ru.resp_dept, x.${q(f('departmentCode'))}) AS owner_dept
      FROM ${q(fact.table)} x
      JOIN units_in u ON u.code = x.${q(f('unitCode'))}
      JOIN items_in i ON i.code = x.${q(f('itemCode'))}
      LEFT JOIN rules_in ru ON ru.level = u.level AND ru.domain = i.domain
    )`);
    parts.push(`dated AS (
      SELECT gr.*, ${day('gr.last_at')} AS last_on FROM gr
    )`);
    parts.push(`flags AS (
      SELECT dated.*,
        CASE WHEN dated.every_days IS NOT NULL AND COALESCE(dated.last_on, dated.created_on) < dated.cutoff
          THEN ${daysFrom('COALESCE(dated.last_on, dated.created_on)', 'dated.cutoff')} ELSE 0 END AS overdue_days,
        CASE WHEN dated.published = 0 AND dated.every_days IS NOT NULL AND dated.created_on < dated.cutoff THEN 1 ELSE 0 END AS stale
      FROM dated
    )`);
    const e = expected.col;
    parts.push(`missing AS (
      SELECT e.${q(e('itemCode'))} AS item_code, e.${q(e('stageKey'))} AS stage_key, e.${q(e('unitCode'))} AS unit_code,
        e.${q(e('departmentCode'))} AS department_code, u.level AS level, i.domain AS domain, ru.rule_key AS rule_key, ru.resp_dept AS by_rule_dept,
        COALESCE(ru.resp_unit, e.${q(e('unitCode'))}) AS owner_unit, COALESCE(ru.resp_dept, e.${q(e('departmentCode'))}) AS owner_dept
      FROM ${q(expected.table)} e
      JOIN units_in u ON u.code = e.${q(e('unitCode'))}
      JOIN items_in i ON i.code = e.${q(e('itemCode'))}
      LEFT JOIN rules_in ru ON ru.level = u.level AND ru.domain = i.domain
      WHERE NOT EXISTS (
        SELECT 1 FROM ${q(fact.table)} x
        WHERE x.${q(f('itemCode'))} = e.${q(e('itemCode'))} AND x.${q(f('stageKey'))} = e.${q(e('stageKey'))} AND x.${q(f('unitCode'))} = e.${q(e('unitCode'))}
      )
    )`);
    return { snapshot, params, sql: `WITH ${parts.join(',\n')}`, bindings, empty };
  }

  const number = (v: unknown) => Number(v ?? 0);

  async function owners(prepared: Prepared, memberships: Array<{ unitCode: string; scope: string }>): Promise<OwnerRow[]> {
    if (prepared.empty) return [];
    const rows = rowsOf(await knex().raw(ownersSql(prepared), prepared.bindings as Knex.RawBinding[]));
    const { snapshot } = prepared;
    return rows.map((row) => toOwner(row, snapshot, memberships));
  }

  function ownersSql(prepared: Prepared): string {
    return `${prepared.sql}
      , owners AS (
        SELECT owner_unit, owner_dept, MAX(by_rule_dept) AS by_rule_dept, MAX(CASE WHEN by_rule_dept IS NOT NULL THEN rule_key END) AS by_rule,
          COUNT(*) AS guides, SUM(complete) AS complete, SUM(1 - complete) AS incomplete,
          SUM(CASE WHEN last_at IS NULL THEN 1 ELSE 0 END) AS never_reviewed,
          SUM(CASE WHEN overdue_days > 0 THEN 1 ELSE 0 END) AS overdue, MAX(overdue_days) AS overdue_max, SUM(overdue_days) AS overdue_total,
          SUM(stale) AS stale, 0 AS missing
        FROM flags GROUP BY owner_unit, owner_dept
        UNION ALL
        SELECT owner_unit, owner_dept, MAX(by_rule_dept), MAX(CASE WHEN by_rule_dept IS NOT NULL THEN rule_key END),
          0, 0, 0, 0, 0, 0, 0, 0, COUNT(*)
        FROM missing GROUP BY owner_unit, owner_dept
      )
      SELECT owner_unit, owner_dept, MAX(by_rule) AS by_rule, SUM(guides) AS guides, SUM(complete) AS complete, SUM(incomplete) AS incomplete,
        SUM(never_reviewed) AS never_reviewed, SUM(overdue) AS overdue, MAX(overdue_max) AS overdue_max, SUM(overdue_total) AS overdue_total,
        SUM(stale) AS stale, SUM(missing) AS missing
      FROM owners GROUP BY owner_unit, owner_dept ORDER BY owner_unit, owner_dept`;
  }

  function toOwner(row: Record<string, unknown>, snapshot: Snapshot, memberships: Array<{ unitCode: string; scope: string }>): OwnerRow {
    {
      const unitCode = String(row.owner_unit);
      const departmentCode = String(row.owner_dept);
      const ancestors = ancestorsOf(unitCode, snapshot.unitIndex).map((u) => u.code);
      return {
        unitCode,
        unitName: { ...(snapshot.units.get(unitCode)?.name ?? {}) } as Record<string, string>,
        departmentCode,
        departmentName: { ...(snapshot.departments.get(departmentCode)?.name ?? {}) } as Record<string, string>,
        responsibleByRule: (row.by_rule as string | null) ?? null,
        hasEditor: hasEditor(unitCode, ancestors, memberships),
        guides: number(row.guides),
        complete: number(row.complete),
        incomplete: number(row.incomplete),
        neverReviewed: number(row.never_reviewed),
        overdue: number(row.overdue),
        overdueDaysMax: number(row.overdue_max),
        overdueDaysTotal: number(row.overdue_total),
        staleDrafts: number(row.stale),
        missing: number(row.missing),
      };
    }
  }

  function recordsSql(prepared: Prepared, params: RecordsParams): { sql: string; bindings: unknown[] } {
    const bindings = [...prepared.bindings];
    const where: string[] = [];
    if (params.owner) {
      where.push('owner_unit = ?');
      bindings.push(params.owner.unitCode);
      if (params.owner.departmentCode) {
        where.push('owner_dept = ?');
        bindings.push(params.owner.departmentCode);
      }
    }
    const order = 'ORDER BY owner_unit, owner_dept, item_code, stage_key, unit_code';
    if (params.category === 'missing') {
      return {
        sql: `${prepared.sql} SELECT NULL AS document_id, item_code, stage_key, unit_code, department_code, owner_unit, owner_dept, level, domain
          FROM missing ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${order}`,
        bindings,
      };
    }
    const category: Record<string, string> = {
      all: '1 = 1',
      complete: 'complete = 1',
      incomplete: 'complete = 0',
      neverReviewed: 'last_at IS NULL',
      overdue: 'overdue_days > 0',
      staleDrafts: 'stale = 1',
    };
    where.push(category[params.category]);
    return {
      sql: `${prepared.sql} SELECT * FROM flags WHERE ${where.join(' AND ')} ${order}, document_id`,
      bindings,
    };
  }

  function toRecord(row: Record<string, unknown>, prepared: Prepared, category: string): RecordRow {
    if (category === 'missing') {
      return {
        documentId: null,
        itemCode: String(row.item_code),
        stageKey: String(row.stage_key),
        unitCode: String(row.unit_code),
        departmentCode: String(row.department_code),
        ownerUnitCode: String(row.owner_unit),
        ownerDepartmentCode: String(row.owner_dept),
        level: String(row.level),
        domain: (row.domain as string | null) ?? null,
        status: 'missing',
        missingFields: [],
        lastReviewedOn: null,
        createdOn: null,
        dueOn: null,
        overdueDays: 0,
        staleDraft: false,
      };
    }
    const lastReviewedOn = (row.last_on as string | null) ?? null;
    const createdOn = (row.created_on as string | null) ?? null;
    const every = row.every_days === null || row.every_days === undefined ? null : Number(row.every_days);
    const state = reviewState(every === null ? null : { reviewEveryDays: every }, lastReviewedOn, createdOn ?? prepared.params.asOf, prepared.params.asOf);
    const stored = String(row.missing_fields ?? '');
    const missingFields = stored === '' ? [] : stored.split(',');
    return {
      documentId: String(row.document_id),
      itemCode: String(row.item_code),
      stageKey: String(row.stage_key),
      unitCode: String(row.unit_code),
      departmentCode: String(row.department_code),
      ownerUnitCode: String(row.owner_unit),
      ownerDepartmentCode: String(row.owner_dept),
      level: String(row.level),
      domain: (row.domain as string | null) ?? null,
      status: number(row.published) === 1 ? 'published' : 'draft',
      missingFields,
      lastReviewedOn,
      createdOn,
      dueOn: state.dueOn,
      overdueDays: state.overdueDays,
      staleDraft: number(row.stale) === 1,
    };
  }

  /** Rows of a query, a page at a time: through a cursor on Postgres, by LIMIT/OFFSET on SQLite. */
  async function* pages(sql: string, bindings: unknown[]): AsyncGenerator<Array<Record<string, unknown>>> {
    if (isPostgres()) {
      const trx = await knex().transaction();
      try {
        // A utility statement takes no parameters: the values (codes, dates, locales) go in as literals.
        const literal = knex()
          .raw(sql, bindings as Knex.RawBinding[])
          .toQuery();
        await trx.raw(`DECLARE linkage_report NO SCROLL CURSOR FOR ${literal}`);
        for (;;) {
          const page = rowsOf(await trx.raw(`FETCH ${PAGE} FROM linkage_report`));
          if (page.length === 0) break;
          yield page;
        }
        await trx.raw('CLOSE linkage_report');
        await trx.commit();
      } finally {
        if (!trx.isCompleted()) await trx.rollback();
      }
      return;
    }
    for (let offset = 0; ; offset += PAGE) {
      const page = rowsOf(await knex().raw(`${sql} LIMIT ${PAGE} OFFSET ${offset}`, bindings as Knex.RawBinding[]));
      if (page.length === 0) break;
      yield page;
      if (page.length < PAGE) break;
    }
  }

  async function memberships(): Promise<Array<{ unitCode: string; scope: string }>> {
    return (await strapi.db.query(MEMBERSHIP).findMany({ select: ['unitCode', 'scope'] })) as Array<{ unitCode: string; scope: string }>;
  }

  /** The item, stage, unit and department of a record, by name in every locale. */
  function recordNames(record: RecordRow, snapshot: Snapshot): { item: LocalizedText; stage: LocalizedText; unit: LocalizedText; department: LocalizedText } {
    const item = snapshot.items.get(record.itemCode);
    return {
      item: item?.title ?? {},
      stage: item?.stages.find((s) => s.key === record.stageKey)?.name ?? {},
      unit: snapshot.units.get(record.unitCode)?.name ?? {},
      department: snapshot.departments.get(record.departmentCode)?.name ?? {},
    };
  }

  async function parsed<T>(
    query: Record<string, unknown>,
    parse: (q: Record<string, unknown>, c: ReportContext) => { ok: true; value: T } | { ok: false; problem: { parameter: string; reason: string } }
  ) {
    const ctx = await context();
    const result = parse(query, ctx.report);
    if (!result.ok) throw new ReportParameterError(result.problem.parameter, result.problem.reason);
    return { ...ctx, value: result.value };
  }

  return {
    /** The per-owner summary with totals. */
    async summary(query: Record<string, unknown>) {
      const { snapshot, domains, value: params } = await parsed(query, parseReportParams);
      const prepared = await prepare(params, snapshot, domains);
      const rows = await owners(prepared, await memberships());
      return { params, locales: snapshot.locales, totals: ownerTotals(rows), owners: rows };
    },

    /** One page of the records behind a number. */
    async records(query: Record<string, unknown>) {
      const { snapshot, domains, value: params } = await parsed(query, parseRecordsParams);
      const prepared = await prepare(params, snapshot, domains);
      if (prepared.empty) return { params, rows: [] as RecordRow[], next: null };
      const { sql, bindings } = recordsSql(prepared, params);
      const rows = rowsOf(await knex().raw(`${sql} LIMIT ${params.limit + 1} OFFSET ${params.offset}`, bindings as Knex.RawBinding[]));
      const more = rows.length > params.limit;
      return {
        params,
        rows: rows.slice(0, params.limit).map((row) => {
          const record = toRecord(row, prepared, params.category);
          return { ...record, names: recordNames(record, snapshot) };
        }),
        next: more ? params.offset + params.limit : null,
      };
    },

    /**
     * The summary as CSV (UTF-8 with BOM). With `language` (a person's download from the admin),
     * headers, names and values are in that language; without, the column keys, for programs.
     */
    async summaryCsv(query: Record<string, unknown>): Promise<string> {
      const { owners: rows, locales } = await this.summary(query);
      const language = languageOf(query);
      const locale = language ? contentLocale(language, locales) : locales[0];
      const header = OWNER_COLUMNS.map((column) => (language ? columnName(column, language) : column));
      const values = (row: (typeof rows)[number]) => {
        const raw = ownerCsvValues(row, locale);
        return language ? raw.map((value, i) => readableValue(OWNER_COLUMNS[i], value, language)) : raw;
      };
      return BOM + csvLine(header) + rows.map((row) => csvLine(values(row))).join('');
    },

    /** Every record of a category as CSV, streamed a page at a time from the database; `language` as for the summary. */
    async recordsCsv(query: Record<string, unknown>): Promise<Readable> {
      const { snapshot, domains, value: params } = await parsed(query, parseRecordsParams);
      const prepared = await prepare(params, snapshot, domains);
      const language = languageOf(query);
      const locale = language ? contentLocale(language, snapshot.locales) : snapshot.locales[0];
      const { sql, bindings } = recordsSql(prepared, params);
      const columns = language ? READABLE_RECORD_COLUMNS : RECORD_COLUMNS;
      const generate = async function* () {
        yield BOM + csvLine(columns.map((column) => (language ? columnName(column, language) : column)));
        if (prepared.empty) return;
        for await (const page of pages(sql, bindings)) {
          yield page
            .map((row) => {
              const record = toRecord(row, prepared, params.category);
              if (!language) return csvLine(recordCsvValues(record, snapshot.units.get(record.unitCode)?.name?.[locale] ?? ''));
              const names = recordNames(record, snapshot);
              const named: Record<string, unknown> = {
                ...record,
                itemTitle: names.item[locale],
                stageName: names.stage[locale],
                unitName: names.unit[locale],
                departmentName: names.department[locale],
              };
              return csvLine(READABLE_RECORD_COLUMNS.map((column) => readableValue(column, named[column], language)));
            })
            .join('');
        }
      };
      return Readable.from(generate());
    },

    /** What a download of this query is called, for a person reading `language`. */
    async fileName(query: Record<string, unknown>, kind: 'summary' | 'records', extension: 'csv' | 'json'): Promise<string> {
      const { snapshot, value: params } = await parsed(query, kind === 'summary' ? parseReportParams : parseRecordsParams);
      const language = languageOf(query) ?? 'en';
      const locale = contentLocale(language, snapshot.locales);
      const records = params as RecordsParams;
      const owner = kind === 'records' && records.owner ? records.owner : null;
      const scopeName = owner
        ? ((owner.departmentCode ? snapshot.departments.get(owner.departmentCode)?.name?.[locale] : undefined) ??
          snapshot.units.get(owner.unitCode)?.name?.[locale] ??
          owner.unitCode)
        : (snapshot.units.get(params.unit)?.name?.[locale] ?? params.unit);
      return reportFileName({ kind, scope: scopeName, category: kind === 'records' ? records.category : undefined, asOf: params.asOf, extension }, language);
    },

    /** The summary's SQL with its bindings as literals (for EXPLAIN in benchmarks). */
    async summarySql(query: Record<string, unknown>): Promise<string> {
      const { snapshot, domains, value: params } = await parsed(query, parseReportParams);
      const prepared = await prepare(params, snapshot, domains);
      return knex()
        .raw(ownersSql(prepared), prepared.bindings as Knex.RawBinding[])
        .toQuery();
    },

    /** For tests: the SQL verdict on every guide in scope, by documentId. */
    async completeness(query: Record<string, unknown> = {}): Promise<Map<string, string[]>> {
      const { snapshot, domains, value: params } = await parsed(query, parseReportParams);
      const prepared = await prepare(params, snapshot, domains);
      const result = new Map<string, string[]>();
      for await (const page of pages(`${prepared.sql} SELECT * FROM flags ORDER BY document_id`, prepared.bindings)) {
        for (const row of page) {
          const record = toRecord(row, prepared, 'all');
          result.set(record.documentId as string, [...record.missingFields]);
        }
      }
      return result;
    },

    isLevel,
  };
};

function rowsOf(result: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(result)) return result as Array<Record<string, unknown>>;
  return ((result as { rows?: Array<Record<string, unknown>> }).rows ?? []) as Array<Record<string, unknown>>;
}
