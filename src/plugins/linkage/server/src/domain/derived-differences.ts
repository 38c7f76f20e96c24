// What the doctor finds: given the rows a derived store should hold (recomputed from the source
// records) and the rows it holds, every difference as data, each with a sentence in both languages.
import type { AdminText } from './admin-language';
import { STORE_NAMES, type DerivedStore } from './derived-stores';

export interface Difference {
  readonly store: DerivedStore;
  /** The key of what differs: a guide's documentId, `item/stage/unit`, an item code, an audit entry... */
  readonly subject: string;
  /** What the source records say should be there (null: nothing). */
  readonly expected: string | null;
  /** What is there (null: nothing). */
  readonly stored: string | null;
  /** Whether `repair()` can put it right. */
  readonly repairable: boolean;
  readonly message: AdminText;
}

type Value = string | number | boolean | null;

/** How the rows of one store are compared. */
export interface RowComparison<Row> {
  readonly store: DerivedStore;
  /** What identifies a row: one row per key is expected. */
  key(row: Row): string;
  /** The row named for a reader, in both languages. */
  name(row: Row): AdminText;
  /** The fields compared (and shown). */
  readonly fields: ReadonlyArray<keyof Row & string>;
}

const show = (value: unknown): string => (value === null || value === undefined ? '—' : value === '' ? '""' : String(value));
const render = <Row>(row: Row, fields: ReadonlyArray<keyof Row & string>): string => fields.map((f) => `${f}=${show(row[f] as unknown)}`).join(', ');

/** Every difference between the rows expected and the rows stored, ordered by key. */
export function rowDifferences<Row>(comparison: RowComparison<Row>, expected: readonly Row[], stored: readonly Row[]): Difference[] {
  const { store, key, name, fields } = comparison;
  const storeName = STORE_NAMES[store];
  const byKey = (rows: readonly Row[]) => {
    const map = new Map<string, Row[]>();
    for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
    return map;
  };
  const want = byKey(expected);
  const have = byKey(stored);
  const keys = [...new Set([...want.keys(), ...have.keys()])].sort();
  const found: Difference[] = [];
  for (const k of keys) {
    const wanted = want.get(k)?.[0];
    const held = have.get(k) ?? [];
    if (wanted && held.length === 0) {
      const text = render(wanted, fields);
      const who = name(wanted);
      found.push({
        store,
        subject: k,
        expected: text,
        stored: null,
        repairable: true,
        message: { en: `${storeName.en}: ${who.en} is missing (expected ${text})`, 'zh-Hans': `${storeName['zh-Hans']}缺少${who['zh-Hans']}（应为 ${text}）` },
      });
      continue;
    }
    if (!wanted) {
      const text = render(held[0], fields);
      const who = name(held[0]);
      found.push({
        store,
        subject: k,
        expected: null,
        stored: text,
        repairable: true,
        message: {
          en: `${storeName.en}: ${who.en} is stored (${text}) but nothing in the source records gives it`,
          'zh-Hans': `${storeName['zh-Hans']}存有${who['zh-Hans']}（${text}），但源记录中没有与之对应的内容`,
        },
      });
      continue;
    }
    const who = name(wanted);
    if (held.length > 1) {
      found.push({
        store,
        subject: k,
        expected: render(wanted, fields),
        stored: held.map((row) => render(row, fields)).join(' | '),
        repairable: true,
        message: {
          en: `${storeName.en}: ${who.en} is stored ${held.length} times, once expected`,
          'zh-Hans': `${storeName['zh-Hans']}中${who['zh-Hans']}存了 ${held.length} 次，应只有一次`,
        },
      });
      continue;
    }
    const changed = fields.filter((f) => !sameValue(wanted[f] as unknown as Value, held[0][f] as unknown as Value));
    if (changed.length === 0) continue;
    const expectedText = render(wanted, changed);
    const storedText = render(held[0], changed);
    found.push({
      store,
      subject: k,
      expected: expectedText,
      stored: storedText,
      repairable: true,
      message: {
        en: `${storeName.en}: ${who.en} holds ${storedText} where the source records give ${expectedText}`,
        'zh-Hans': `${storeName['zh-Hans']}中${who['zh-Hans']}存的是 ${storedText}，按源记录应为 ${expectedText}`,
      },
    });
  }
  return found;
}

const sameValue = (a: Value, b: Value): boolean => (a ?? null) === (b ?? null);

// ---- the stores -------------------------------------------------------------------------------

/** A guide-fact row as comparable values (booleans and instants normalised across dialects). */
export interface GuideFactValues {
  readonly guideDocumentId: string;
  readonly itemCode: string;
  readonly stageKey: string;
  readonly unitCode: string;
  readonly departmentCode: string | null;
  readonly status: string;
  readonly complete: boolean;
  readonly missingFields: string;
  readonly createdOn: string | null;
  /** ISO 8601. */
  readonly lastReviewedAt: string | null;
}

const guideKeyOf = (row: { itemCode: string; stageKey: string; unitCode: string }) => `${row.itemCode}/${row.stageKey}/${row.unitCode}`;

export const guideFactDifferences = (expected: readonly GuideFactValues[], stored: readonly GuideFactValues[]): Difference[] =>
  rowDifferences<GuideFactValues>(
    {
      store: 'guide-facts',
      key: (row) => row.guideDocumentId,
      name: (row) => ({ en: `the fact of guide ${guideKeyOf(row)} (${row.guideDocumentId})`, 'zh-Hans': `办事指南 ${guideKeyOf(row)}（${row.guideDocumentId}）的统计记录` }),
      fields: ['itemCode', 'stageKey', 'unitCode', 'departmentCode', 'status', 'complete', 'missingFields', 'createdOn', 'lastReviewedAt'],
    },
    expected,
    stored
  );

/** An expected-handler row (domain/expected-handlers.ts). */
export interface ExpectedHandlerValues {
  readonly itemCode: string;
  readonly stageKey: string;
  readonly unitCode: string;
  readonly departmentCode: string;
  readonly level: string;
  readonly domain: string | null;
}

export const expectedHandlerDifferences = (expected: readonly ExpectedHandlerValues[], stored: readonly ExpectedHandlerValues[]): Difference[] =>
  rowDifferences<ExpectedHandlerValues>(
    {
      store: 'expected-handlers',
      key: guideKeyOf,
      name: (row) => ({
        en: `the handler of stage ${row.stageKey} of item ${row.itemCode} in unit ${row.unitCode}`,
        'zh-Hans': `联动事项 ${row.itemCode} 环节 ${row.stageKey} 在单位 ${row.unitCode} 的应办理记录`,
      }),
      fields: ['departmentCode', 'level', 'domain'],
    },
    expected,
    stored
  );

/** One part of the published snapshot (a unit, an item, a template...) by its digest. */
export interface SnapshotPart {
  /** `unit:370200000000`, `item:QD-SI-001`, `template:layout`, `spec`... */
  readonly part: string;
  readonly digest: string;
}

export const snapshotDifferences = (fresh: readonly SnapshotPart[], cached: readonly SnapshotPart[]): Difference[] =>
  rowDifferences<SnapshotPart>(
    {
      store: 'published-snapshot',
      key: (row) => row.part,
      name: (row) => ({ en: `the cached ${row.part.replace(':', ' ')}`, 'zh-Hans': `缓存中的 ${row.part}` }),
      fields: ['digest'],
    },
    fresh,
    cached
  );

/** A published item's problems, as the item-health report keeps them. */
export interface ItemHealthValues {
  readonly code: string;
  /** Its problems, one per line, sorted. */
  readonly problems: string;
}

export const itemHealthDifferences = (expected: readonly ItemHealthValues[], stored: readonly ItemHealthValues[]): Difference[] =>
  rowDifferences<ItemHealthValues>(
    {
      store: 'item-health',
      key: (row) => row.code,
      name: (row) => ({ en: `the health of published item ${row.code}`, 'zh-Hans': `已发布联动事项 ${row.code} 的健康状况` }),
      fields: ['problems'],
    },
    expected,
    stored
  );

/** The audit chain's verdict (services/audit.ts verify). */
export interface ChainVerdict {
  readonly ok: boolean;
  readonly entries: number;
  readonly firstBroken: { readonly seq: number; readonly reason: string; readonly message: string } | null;
}

/** A broken audit chain: the one difference a repair cannot undo. */
export function auditDifferences(verdict: ChainVerdict): Difference[] {
  if (verdict.ok || !verdict.firstBroken) return [];
  const { seq, reason, message } = verdict.firstBroken;
  return [
    {
      store: 'audit-trail',
      subject: `entry ${seq}`,
      expected: 'an unbroken hash chain',
      stored: `${reason}: ${message}`,
      repairable: false,
      message: {
        en: `audit trail: the hash chain is broken at entry ${seq} (${reason}: ${message}); this cannot be repaired`,
        'zh-Hans': `审计日志：哈希链在第 ${seq} 条处断开（${reason}：${message}），无法修复`,
      },
    },
  ];
}
