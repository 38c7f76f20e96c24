// The write side of the ownership report: the per-guide facts table (guide-fact), one narrow row
// per guide document with its owner, status, completeness (a predicate per required field of the
// guide spec, computed in SQL) and last review (MAX(reviewed_at) by subject key and by documentId).
// A fact is recomputed in the same transaction as each guide write or review
// (document-service/guide-facts.ts, services/reviews.ts), and every fact is rebuilt when the spec or
// the locales change. `computeFacts` runs the same SQL without writing: what the table should hold,
// for the doctor to compare with what it holds.
import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { GuideFactValues } from '../domain/derived-differences';
import { getService } from '../get-service';
import { GUIDE, GUIDE_FACT, REVIEW } from '../uids';

/** Guide fields whose text is per locale: each locale's row must hold it. */
const LOCALIZED_TEXT = ['conditions', 'fee', 'address', 'hours'];
const PLAIN_TEXT = ['onlineUrl', 'phone'];
/** What counts as blank around a text (JavaScript's trim also removes these). */
const BLANKS = ' \t\r\n\u00a0\u3000';
/** Bumped when the facts' SQL changes: the stored fingerprint then differs and the facts are rebuilt. */
const FACTS_VERSION = 1;
/** First key of the per-guide advisory lock (Postgres) that makes writers of one guide's fact take turns. */
const FACTS_LOCK = 7716;

interface Column {
  columnName?: string;
  joinTable?: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The fact columns compared by the doctor, in the order the SELECT yields them. */
const FACT_FIELDS = ['guideDocumentId', 'itemCode', 'stageKey', 'unitCode', 'departmentCode', 'status', 'complete', 'missingFields', 'createdOn', 'lastReviewedAt'] as const;

/** An instant as ISO 8601, whatever the dialect handed back (Date, epoch milliseconds, text). */
const isoInstant = (value: unknown): string | null => {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number));
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
};

/** A fact row as comparable values: booleans and datetimes normalised across dialects. */
const factValues = (row: Record<string, unknown>): GuideFactValues => ({
  guideDocumentId: String(row.guideDocumentId),
  itemCode: String(row.itemCode),
  stageKey: String(row.stageKey),
  unitCode: String(row.unitCode),
  departmentCode: (row.departmentCode as string | null | undefined) ?? null,
  status: String(row.status),
  complete: row.complete === true || row.complete === 1 || row.complete === '1' || row.complete === 't',
  missingFields: (row.missingFields as string | null | undefined) ?? '',
  createdOn: (row.createdOn as string | null | undefined) ?? null,
  lastReviewedAt: isoInstant(row.lastReviewedAt),
});

function rowsOf(result: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(result)) return result as Array<Record<string, unknown>>;
  return ((result as { rows?: Array<Record<string, unknown>> }).rows ?? []) as Array<Record<string, unknown>>;
}

const guideFactsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection as unknown as Knex;
  const isPostgres = () => /^(pg|postgres)/.test(String((strapi.db.connection as unknown as { client: { config: { client: string } } }).client.config.client));

  const columnsOf = (uid: string) => {
    const meta = strapi.db.metadata.get(uid as never);
    return { table: meta.tableName, col: (name: string) => (meta.attributes[name] as Column | undefined)?.columnName ?? name, meta };
  };

  /** The calendar day (YYYY-MM-DD, text) of a datetime column, in each dialect. */
  const day = (expr: string) =>
    isPostgres() ? `to_char(${expr}, 'YYYY-MM-DD')` : `(CASE WHEN typeof(${expr}) IN ('integer', 'real') THEN date(${expr} / 1000, 'unixepoch') ELSE date(${expr}) END)`;
  const isTrue = (expr: string) => (isPostgres() ? `${expr} IS TRUE` : `${expr} = 1`);

  /** What the facts were computed against: a change of either makes every fact stale. */
  async function factsBasis(): Promise<{ required: string[]; locales: string[]; fingerprint: string }> {
    // One after the other: inside a write's transaction both would share one connection.
    const spec = await getService(strapi, 'store').guideSpec();
    const locales = await getService(strapi, 'locales').codes();
    const required = spec?.required ?? [];
    const fingerprint = crypto
      .createHash('sha256')
      .update(JSON.stringify({ v: FACTS_VERSION, required, locales }))
      .digest('hex');
    return { required, locales, fingerprint };
  }

  const factsStore = () => strapi.store({ type: 'plugin', name: 'linkage', key: 'guide-facts' });

  /**
   * The per-document facts of every guide (documentId null) or one: the SQL that computes
   * completeness (a predicate per required field over every locale's row, components from the
   * guide's side of the join table) and the last review (MAX by documentId and by key).
   * A document counts once: its published rows if it has any, else its draft rows.
   */
  function factsQuery(
    documentId: string | null,
    required: readonly string[],
    locales: readonly string[],
    mode: 'insert' | 'select' = 'insert'
  ): { sql: string; bindings: unknown[] } {
    const defaultLocale = locales[0] ?? '';
    const guide = columnsOf(GUIDE);
    const g = guide.col;
    const review = columnsOf(REVIEW);
    const fact = columnsOf(GUIDE_FACT);
    const f = fact.col;
    const join = (guide.meta.attributes.materials as Column).joinTable as NonNullable<Column['joinTable']>;
    const timeLimit = columnsOf('linkage.time-limit');
    const bindings: unknown[] = [];
    const bind = (...values: unknown[]) => {
      bindings.push(...values);
      return values.map(() => '?').join(', ');
    };
    // Template expressions run left to right, so each placeholder is bound in text order.
    const filled = (expr: string) => `(${expr} IS NOT NULL AND ${isPostgres() ? 'btrim' : 'trim'}(${expr}, ${bind(BLANKS)}) <> '')`;
    const ofDocument = (column: string) =>
      documentId === null ? '' : `AND ${column} IN (SELECT y.${q(g('id'))} FROM ${q(guide.table)} y WHERE y.${q(g('documentId'))} = ${bind(documentId)})`;
    const parts: string[] = [];
    parts.push(`mats AS (
      SELECT j.${q(join.joinColumn.name)} AS entity_id FROM ${q(join.name)} j WHERE j.${q('field')} = 'materials' ${ofDocument(`j.${q(join.joinColumn.name)}`)}
      GROUP BY j.${q(join.joinColumn.name)}
    )`);
    parts.push(`tls AS (
      SELECT j.${q(join.joinColumn.name)} AS entity_id FROM ${q(join.name)} j
      JOIN ${q(timeLimit.table)} t ON t.${q('id')} = j.${q(join.inverseJoinColumn.name)}
      WHERE j.${q('field')} = 'timeLimit' AND (t.${q(timeLimit.col('statutoryDays'))} IS NOT NULL OR t.${q(timeLimit.col('promisedDays'))} IS NOT NULL)
      ${ofDocument(`j.${q(join.joinColumn.name)}`)}
      GROUP BY j.${q(join.joinColumn.name)}
    )`);
    const localeList = () => (locales.length > 0 ? bind(...locales) : 'NULL');
    const rowFlags = [
      ...LOCALIZED_TEXT.map((field) => `CASE WHEN x.${q(g('locale'))} IN (${localeList()}) AND ${filled(`x.${q(g(field))}`)} THEN 1 ELSE 0 END AS c_${field}`),
      ...PLAIN_TEXT.map((field) => `CASE WHEN x.${q(g('locale'))} = ${bind(defaultLocale)} AND ${filled(`x.${q(g(field))}`)} THEN 1 ELSE 0 END AS c_${field}`),
      `CASE WHEN x.${q(g('locale'))} = ${bind(defaultLocale)} AND (m.entity_id IS NOT NULL OR ${isTrue(`x.${q(g('noMaterialsNeeded'))}`)}) THEN 1 ELSE 0 END AS c_materials`,
      `CASE WHEN x.${q(g('locale'))} = ${bind(defaultLocale)} AND t.entity_id IS NOT NULL THEN 1 ELSE 0 END AS c_timeLimit`,
    ];
    parts.push(`cur AS (
      SELECT x.${q(g('documentId'))} AS document_id, x.${q(g('itemCode'))} AS item_code, x.${q(g('stageKey'))} AS stage_key,
        x.${q(g('unitCode'))} AS unit_code, x.${q(g('departmentCode'))} AS department_code, x.${q(g('createdAt'))} AS created_at,
        CASE WHEN x.${q(g('publishedAt'))} IS NULL THEN 0 ELSE 1 END AS pub,
        ${rowFlags.join(',\n        ')}
      FROM ${q(guide.table)} x
      LEFT JOIN mats m ON m.entity_id = x.${q(g('id'))}
      LEFT JOIN tls t ON t.entity_id = x.${q(g('id'))}
      ${documentId === null ? '' : `WHERE x.${q(g('documentId'))} = ${bind(documentId)}`}
    )`);
    const pick = (agg: 'SUM' | 'MAX', field: string) => `CASE WHEN MAX(c.pub) = 1 THEN ${agg}(c.pub * c.c_${field}) ELSE ${agg}(c.c_${field}) END AS ok_${field}`;
    parts.push(`docs AS (
      SELECT c.document_id AS document_id, MIN(c.item_code) AS item_code, MIN(c.stage_key) AS stage_key, MIN(c.unit_code) AS unit_code,
        MIN(c.department_code) AS department_code, MAX(c.pub) AS published, MIN(c.created_at) AS created_at,
        ${[...LOCALIZED_TEXT.map((field) => pick('SUM', field)), ...[...PLAIN_TEXT, 'materials', 'timeLimit'].map((field) => pick('MAX', field))].join(',\n        ')}
      FROM cur c
      GROUP BY c.document_id
    )`);
    const r = review.col;
    const keyOf = (alias: string) => `${alias}.${q(g('itemCode'))} || '/' || ${alias}.${q(g('stageKey'))} || '/' || ${alias}.${q(g('unitCode'))}`;
    parts.push(`rk AS (
      SELECT v.${q(r('subjectKey'))} AS k, MAX(v.${q(r('reviewedAt'))}) AS at FROM ${q(review.table)} v
      WHERE v.${q(r('subjectUid'))} = ${bind(GUIDE)}
      ${documentId === null ? '' : `AND v.${q(r('subjectKey'))} IN (SELECT ${keyOf('y')} FROM ${q(guide.table)} y WHERE y.${q(g('documentId'))} = ${bind(documentId)})`}
      GROUP BY v.${q(r('subjectKey'))}
    )`);
    parts.push(`rd AS (
      SELECT v.${q(r('subjectDocumentId'))} AS d, MAX(v.${q(r('reviewedAt'))}) AS at FROM ${q(review.table)} v
      WHERE v.${q(r('subjectUid'))} = ${bind(GUIDE)} AND v.${q(r('subjectDocumentId'))} ${documentId === null ? 'IS NOT NULL' : `= ${bind(documentId)}`}
      GROUP BY v.${q(r('subjectDocumentId'))}
    )`);
    const okOf = (field: string) => (LOCALIZED_TEXT.includes(field) ? `d.ok_${field} >= ${locales.length}` : `d.ok_${field} = 1`);
    const known = required.filter((field) => LOCALIZED_TEXT.includes(field) || [...PLAIN_TEXT, 'materials', 'timeLimit'].includes(field));
    const unknown = required.filter((field) => !known.includes(field));
    // A required field the SQL cannot check is never filled (as the pure check would report it).
    const conditions = [...known.map(okOf), ...unknown.map(() => '1 = 0')];
    const complete = conditions.length > 0 ? `CASE WHEN ${conditions.join(' AND ')} THEN TRUE ELSE FALSE END` : 'TRUE';
    const missing =
      required.length > 0
        ? `substr(${required.map((field) => (known.includes(field) ? `CASE WHEN ${okOf(field)} THEN '' ELSE ${bind(`,${field}`)} END` : `${bind(`,${field}`)}`)).join(' || ')}, 2)`
        : `''`;
    const stamp = isPostgres() ? new Date() : Date.now();
    const has = (name: string) => Boolean(fact.meta.attributes[name]);
    const stamps = mode === 'insert' ? ['createdAt', 'updatedAt', 'publishedAt'].filter(has) : [];
    const columns = ['documentId', ...FACT_FIELDS, ...stamps];
    // Named as the fields they fill, so that the rows read back by `computeFacts` are facts.
    const values = [
      'd.document_id',
      'd.item_code',
      'd.stage_key',
      'd.unit_code',
      'd.department_code',
      `CASE WHEN d.published = 1 THEN 'published' ELSE 'draft' END`,
      complete,
      missing,
      day('d.created_at'),
      'CASE WHEN rk.at IS NULL THEN rd.at WHEN rd.at IS NULL THEN rk.at WHEN rk.at > rd.at THEN rk.at ELSE rd.at END',
    ].map((expr, i) => `${expr} AS ${q(FACT_FIELDS[i])}`);
    const select = `SELECT ${mode === 'insert' ? 'd.document_id, ' : ''}${values.join(',\n        ')}
        ${stamps.map(() => `, ${bind(stamp)}`).join('')}
      FROM docs d
      LEFT JOIN rk ON rk.k = d.item_code || '/' || d.stage_key || '/' || d.unit_code
      LEFT JOIN rd ON rd.d = d.document_id`;
    return {
      sql: `WITH ${parts.join(',\n')}
      ${mode === 'insert' ? `INSERT INTO ${q(fact.table)} (${columns.map((c) => q(f(c))).join(', ')})` : ''}
      ${select}`,
      bindings,
    };
  }

  /** Runs `work` in the current transaction (joining the caller's, as Strapi's nested transactions do). */
  const inTransaction = <T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> =>
    strapi.db.transaction(async ({ trx }) => work(trx as unknown as Knex.Transaction)) as Promise<T>;

  /** Recomputes one guide's fact (none, if the guide is gone), in the caller's transaction. */
  async function refreshFacts(documentId: string): Promise<void> {
    const { required, locales } = await factsBasis();
    const fact = columnsOf(GUIDE_FACT);
    await inTransaction(async (trx) => {
      // Writers of one guide take turns: the second recomputes after the first has committed.
      if (isPostgres()) await trx.raw('SELECT pg_advisory_xact_lock(?, hashtext(?))', [FACTS_LOCK, documentId]);
      await trx(fact.table).where(fact.col('guideDocumentId'), documentId).del();
      const { sql, bindings } = factsQuery(documentId, required, locales);
      await trx.raw(sql, bindings as Knex.RawBinding[]);
    });
  }

  /** Recomputes every fact in one transaction; remembers what they were computed against. */
  async function rebuildFacts(): Promise<number> {
    const { required, locales, fingerprint } = await factsBasis();
    const fact = columnsOf(GUIDE_FACT);
    const count = await inTransaction(async (trx) => {
      if (isPostgres()) await trx.raw(`LOCK TABLE ${q(fact.table)} IN SHARE ROW EXCLUSIVE MODE`);
      await trx(fact.table).del();
      const { sql, bindings } = factsQuery(null, required, locales);
      await trx.raw(sql, bindings as Knex.RawBinding[]);
      await factsStore().set({ value: { fingerprint, builtAt: new Date().toISOString() } });
      return Number((await trx(fact.table).count({ n: '*' }))[0].n);
    });
    // Statistics, and a visibility map so the anti-join for "missing" can read the key index alone.
    if (isPostgres() && count > 1000 && !strapi.db.inTransaction()) await knex().raw(`VACUUM ANALYZE ${q(fact.table)}`);
    return count;
  }

  /** Rebuilds when the spec or locales changed since the last build, or the table is empty while guides exist. */
  async function ensureFacts(): Promise<boolean> {
    const { fingerprint } = await factsBasis();
    const stored = await factsStore().get({});
    const same = (stored as { fingerprint?: string } | null)?.fingerprint === fingerprint;
    if (same) {
      const fact = columnsOf(GUIDE_FACT);
      const guide = columnsOf(GUIDE);
      const hasFact = await knex()(fact.table).first(fact.col('id'));
      const hasGuide = hasFact ? true : await knex()(guide.table).first(guide.col('id'));
      if (hasFact || !hasGuide) return false;
    }
    const started = Date.now();
    const n = await rebuildFacts();
    strapi.log.info(`[linkage] Guide facts built: ${n} rows in ${Date.now() - started} ms`);
    return true;
  }

  /** What the facts table should hold, from the guides, the reviews and the spec as they are now: nothing is written. */
  async function computeFacts(): Promise<GuideFactValues[]> {
    const { required, locales } = await factsBasis();
    const { sql, bindings } = factsQuery(null, required, locales, 'select');
    return rowsOf(await knex().raw(sql, bindings as Knex.RawBinding[])).map(factValues);
  }

  /** What the facts table holds, as comparable values. */
  async function storedFacts(): Promise<GuideFactValues[]> {
    const rows = (await strapi.db.query(GUIDE_FACT).findMany({ select: [...FACT_FIELDS] })) as Array<Record<string, unknown>>;
    return rows.map(factValues);
  }

  return {
    /** One guide's fact recomputed (none, if the guide is gone), in the caller's transaction. */
    refreshFacts,
    /** Every fact recomputed in one transaction; returns how many there are. */
    rebuildFacts,
    /** Rebuilds when the guide spec or the locales changed, or the table is empty while guides exist. */
    ensureFacts,
    computeFacts,
    storedFacts,
  };
};

export default guideFactsService;

export type GuideFactsService = ReturnType<typeof guideFactsService>;
