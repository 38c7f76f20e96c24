// The doctor: recomputes every store derived from the source records and lists every difference
// with what is stored (the comparisons are pure, in domain/derived-differences.ts and
// domain/change-coverage.ts); `repair` rebuilds what can be rebuilt. Run by
// `npm run linkage -- doctor [--repair]`, GET /linkage/doctor, and after every integration test file.
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { changeCoverage, changeSubject, type FeedAction, type FeedHead, type PublicDocument } from '../domain/change-coverage';
import {
  auditDifferences,
  expectedHandlerDifferences,
  guideFactDifferences,
  itemHealthDifferences,
  snapshotDifferences,
  type Difference,
  type ItemHealthValues,
} from '../domain/derived-differences';
import { DERIVED_STORES, repairStep, type DerivedStore, type RepairStep } from '../domain/derived-stores';
import type { Level } from '../domain/levels';
import { snapshotParts } from '../domain/snapshot-digest';
import { indexUnits } from '../domain/unit-tree';
import { getService } from '../get-service';
import { CHANGE, DEPARTMENT, GUIDE, GUIDE_SPEC, ITEM, SITE_TEMPLATE, UNIT } from '../uids';

/** What the check of one store found. */
export interface StoreCheck {
  readonly store: DerivedStore;
  /** Rows, parts, documents or entries compared. */
  readonly checked: number;
  readonly differences: number;
  readonly ms: number;
}

export interface DoctorReport {
  readonly ok: boolean;
  readonly differences: Difference[];
  readonly checks: StoreCheck[];
}

export interface RepairReport {
  /** What was found before the repair. */
  readonly found: Difference[];
  readonly steps: RepairStep[];
  /** What is still found after it: an unrepairable audit break, or nothing. */
  readonly remaining: Difference[];
  readonly ok: boolean;
}

export interface ExamineOptions {
  /** Called after each store is checked (progress for the command line). */
  readonly onStore?: (check: StoreCheck) => void;
}

interface Column {
  columnName?: string;
}

/** An instant in epoch milliseconds, whatever the dialect handed back (Date, number, numeric or ISO text). */
const toMs = (value: unknown): number | null => {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  const text = String(value);
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
};

const latest = (values: unknown[]): number | null => values.map(toMs).reduce<number | null>((max, v) => (v !== null && (max === null || v > max) ? v : max), null);

const rowsOf = (result: unknown): Array<Record<string, unknown>> =>
  Array.isArray(result) ? (result as Array<Record<string, unknown>>) : ((result as { rows?: Array<Record<string, unknown>> }).rows ?? []);

const healthValues = (broken: ReadonlyArray<{ code: string; problems: readonly string[] }>): ItemHealthValues[] =>
  broken.map((b) => ({ code: b.code, problems: [...b.problems].sort().join('\n') }));

const doctorService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection as unknown as Knex;

  /** Work queued after earlier writes committed (expected handlers) is done before anything is compared. */
  const settled = () => getService(strapi, 'expected-handlers').idle();

  /** Every public document: published items, guides and templates; units, departments, the guide spec. */
  async function publicDocuments(): Promise<PublicDocument[]> {
    type Row = Record<string, unknown> & { documentId: string; publishedAt?: unknown; updatedAt?: unknown };
    const find = (uid: string, select: string[]) => strapi.db.query(uid as 'plugin::linkage.unit').findMany({ select: ['documentId', ...select] }) as Promise<Row[]>;
    const [units, departments, items, guides, templates, specs] = await Promise.all([
      find(UNIT, ['code', 'level', 'kind', 'parentCode', 'updatedAt']),
      find(DEPARTMENT, ['code', 'unitCode', 'updatedAt']),
      find(ITEM, ['code', 'publishedAt']),
      find(GUIDE, ['itemCode', 'stageKey', 'unitCode', 'publishedAt']),
      find(SITE_TEMPLATE, ['key', 'publishedAt']),
      find(GUIDE_SPEC, ['updatedAt']),
    ]);
    const unitIndex = indexUnits([
      ...new Map(
        units.map((u) => [String(u.code), { code: String(u.code), level: u.level as Level, kind: String(u.kind), parentCode: (u.parentCode as string | null) ?? null }])
      ).values(),
    ]);
    const documents: PublicDocument[] = [];
    const add = (uid: string, rows: Row[], drafts: boolean) => {
      const groups = new Map<string, Row[]>();
      for (const row of rows) groups.set(row.documentId, [...(groups.get(row.documentId) ?? []), row]);
      for (const [documentId, group] of groups) {
        const published = drafts ? group.filter((r) => r.publishedAt !== null && r.publishedAt !== undefined) : group;
        const named = published[0] ?? group[0];
        documents.push({
          uid,
          documentId,
          subject: changeSubject(uid, named, unitIndex),
          published: published.length > 0,
          lastPublicAt: published.length > 0 ? latest(published.map((r) => (drafts ? r.publishedAt : r.updatedAt))) : null,
        });
      }
    };
    add(UNIT, units, false);
    add(DEPARTMENT, departments, false);
    add(GUIDE_SPEC, specs, false);
    add(ITEM, items, true);
    add(GUIDE, guides, true);
    add(SITE_TEMPLATE, templates, true);
    return documents;
  }

  /** Per document named in the feed: its last change, and the time of its last "published" one. */
  async function feedHeads(): Promise<FeedHead[]> {
    const meta = strapi.db.metadata.get(CHANGE);
    const col = (name: string) => (meta.attributes[name] as Column | undefined)?.columnName ?? name;
    const q = (name: string) => `"${col(name)}"`;
    const table = `"${meta.tableName}"`;
    const sql = `SELECT c.${q('subjectUid')} AS uid, c.${q('subjectDocumentId')} AS document_id, c.${q('action')} AS action,
        c.${q('subjectKey')} AS subject_key, c.${q('unitCodes')} AS unit_codes, l.published_at AS published_at
      FROM ${table} c
      JOIN (
        SELECT ${q('subjectUid')} AS uid, ${q('subjectDocumentId')} AS document_id, MAX(${q('seq')}) AS last_seq,
          MAX(CASE WHEN ${q('action')} = 'published' THEN ${q('at')} END) AS published_at
        FROM ${table} GROUP BY ${q('subjectUid')}, ${q('subjectDocumentId')}
      ) l ON l.uid = c.${q('subjectUid')} AND l.document_id = c.${q('subjectDocumentId')} AND l.last_seq = c.${q('seq')}`;
    const heads = new Map<string, FeedHead>();
    for (const row of rowsOf(await knex().raw(sql))) {
      const unitCodes = typeof row.unit_codes === 'string' ? (JSON.parse(row.unit_codes) as string[]) : ((row.unit_codes as string[] | null) ?? []);
      heads.set(`${row.uid}:${row.document_id}`, {
        uid: String(row.uid),
        documentId: String(row.document_id),
        lastAction: row.action as FeedAction,
        lastKey: (row.subject_key as string | null) ?? null,
        lastUnitCodes: unitCodes,
        lastPublishedAt: toMs(row.published_at),
      });
    }
    return [...heads.values()];
  }

  async function coverage() {
    const [documents, heads] = await Promise.all([publicDocuments(), feedHeads()]);
    return { checked: documents.length, ...changeCoverage(documents, heads) };
  }

  /** Each store's check: how many things it compared and what differs. */
  const checks: Readonly<Record<DerivedStore, () => Promise<{ checked: number; differences: Difference[] }>>> = {
    'guide-facts': async () => {
      const facts = getService(strapi, 'guide-facts');
      const [expected, stored] = [await facts.computeFacts(), await facts.storedFacts()];
      return { checked: expected.length, differences: guideFactDifferences(expected, stored) };
    },
    'expected-handlers': async () => {
      const handlers = getService(strapi, 'expected-handlers');
      const [expected, stored] = [await handlers.computeAll(), await handlers.stored()];
      return { checked: expected.length, differences: expectedHandlerDifferences(expected, stored) };
    },
    'published-snapshot': async () => {
      const published = getService(strapi, 'published');
      const cached = snapshotParts(await published.snapshot());
      const fresh = snapshotParts(await published.fresh());
      return { checked: fresh.length, differences: snapshotDifferences(fresh, cached) };
    },
    'change-feed': async () => {
      const { checked, differences } = await coverage();
      return { checked, differences };
    },
    'audit-trail': async () => {
      const verdict = await getService(strapi, 'audit').verify();
      return { checked: verdict.entries, differences: auditDifferences(verdict) };
    },
    'item-health': async () => {
      const health = getService(strapi, 'item-health');
      const expected = healthValues(await health.compute());
      const stored = healthValues((await health.report())?.broken ?? []);
      return { checked: expected.length + stored.length, differences: itemHealthDifferences(expected, stored) };
    },
  };

  /** Rebuilds one store; returns what it did. */
  const repairs: Readonly<Record<DerivedStore, () => Promise<RepairStep>>> = {
    'guide-facts': async () => repairStep('guide-facts', await getService(strapi, 'guide-facts').rebuildFacts()),
    'expected-handlers': async () => {
      // Through the service's queue, so that it does not race a refresh a write has queued.
      const handlers = getService(strapi, 'expected-handlers');
      handlers.schedule({ full: true });
      await handlers.idle();
      return repairStep('expected-handlers', await handlers.count());
    },
    'published-snapshot': async () => {
      getService(strapi, 'published').invalidate();
      return repairStep('published-snapshot', 0);
    },
    'change-feed': async () => {
      const { missing } = await coverage();
      const changes = getService(strapi, 'changes');
      for (const change of missing) {
        await changes.record({
          action: change.action,
          subjectUid: change.subjectUid,
          subjectDocumentId: change.subjectDocumentId,
          subjectKey: change.subjectKey,
          locale: null,
          unitCodes: [...change.unitCodes],
        });
      }
      // New changes: other instances sharing the database forget what they read, and so does this one.
      getService(strapi, 'published').invalidate();
      return repairStep('change-feed', missing.length);
    },
    'audit-trail': async () => repairStep('audit-trail', 0),
    'item-health': async () => repairStep('item-health', (await getService(strapi, 'item-health').recheck("the doctor's repair")).broken.length),
  };

  const doctor = {
    /** Every store checked, one after the other; every difference listed. */
    async examine(options: ExamineOptions = {}): Promise<DoctorReport> {
      await settled();
      const differences: Difference[] = [];
      const done: StoreCheck[] = [];
      for (const store of DERIVED_STORES) {
        const started = Date.now();
        const result = await checks[store]();
        const check: StoreCheck = { store, checked: result.checked, differences: result.differences.length, ms: Date.now() - started };
        differences.push(...result.differences);
        done.push(check);
        options.onStore?.(check);
      }
      return { ok: differences.length === 0, differences, checks: done };
    },

    /** Rebuilds these stores without looking first (after work that would have kept them failed). */
    async rebuild(stores: readonly DerivedStore[]): Promise<RepairStep[]> {
      const steps: RepairStep[] = [];
      for (const store of DERIVED_STORES.filter((s) => stores.includes(s))) steps.push(await repairs[store]());
      return steps;
    },

    /**
     * Rebuilds every store in which a difference was found (a broken audit chain only says that it
     * cannot be repaired), then checks again.
     */
    async repair(options: ExamineOptions & { onStep?: (step: RepairStep) => void } = {}): Promise<RepairReport> {
      const before = await doctor.examine(options);
      const stores = DERIVED_STORES.filter((store) => before.differences.some((d) => d.store === store));
      const steps: RepairStep[] = [];
      for (const store of stores) {
        const step = await repairs[store]();
        steps.push(step);
        options.onStep?.(step);
      }
      const after = stores.length > 0 ? await doctor.examine() : before;
      return { found: before.differences, steps, remaining: after.differences, ok: after.ok };
    },
  };
  return doctor;
};

export default doctorService;

export type DoctorService = ReturnType<typeof doctorService>;
