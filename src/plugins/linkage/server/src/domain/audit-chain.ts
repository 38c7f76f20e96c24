// The audit trail's hash chain: each entry's hash covers the previous entry's hash and a canonical
// serialization of its own fields, so altering, removing or reordering any stored entry breaks the
// chain at that entry. Pure: no Strapi, no database.
import { createHash } from 'node:crypto';

/** A changed field: its name, or for an owner move its name with the value before and after. */
export type AuditField = string | { readonly field: string; readonly from: string | null; readonly to: string | null };

/** What an entry says, as hashed. */
export interface AuditFacts {
  readonly seq: number;
  /** ISO 8601 instant with milliseconds, as stored. */
  readonly at: string;
  readonly userId: number | null;
  readonly userEmail: string | null;
  readonly unitCode: string | null;
  readonly action: string;
  readonly subjectUid: string;
  readonly subjectDocumentId: string | null;
  readonly subjectKey: string | null;
  /** The locale the write named, if any. */
  readonly subjectLocale: string | null;
  readonly fields: readonly AuditField[];
}

export interface ChainedEntry extends AuditFacts {
  /** The previous entry's hash; null for the first entry. */
  readonly prevHash: string | null;
  readonly hash: string;
}

export type BrokenReason = 'hash-mismatch' | 'prev-hash-mismatch' | 'seq-gap';

export interface BrokenLink {
  readonly seq: number;
  readonly reason: BrokenReason;
  readonly message: string;
}

/**
 * JSON with object keys sorted at every depth and no whitespace: Postgres jsonb hands keys back in
 * its own order, so the bytes hashed must not depend on the order they were stored in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`cannot hash the number ${value}`);
  return JSON.stringify(value);
}

/** The facts of an entry, and only those, with absent values as null: what the hash covers. */
export function canonicalFacts(facts: AuditFacts): string {
  return canonicalJson({
    seq: facts.seq,
    at: facts.at,
    userId: facts.userId ?? null,
    userEmail: facts.userEmail ?? null,
    unitCode: facts.unitCode ?? null,
    action: facts.action,
    subjectUid: facts.subjectUid,
    subjectDocumentId: facts.subjectDocumentId ?? null,
    subjectKey: facts.subjectKey ?? null,
    subjectLocale: facts.subjectLocale ?? null,
    fields: facts.fields ?? [],
  });
}

/** sha256 (hex) over the previous hash, a newline, and the entry's canonical facts. */
export function entryHash(prevHash: string | null, facts: AuditFacts): string {
  return createHash('sha256')
    .update(prevHash ?? '')
    .update('\n')
    .update(canonicalFacts(facts))
    .digest('hex');
}

/** The next entry of the chain after `previous` (null: the first entry). */
export function chainEntry(previous: { readonly seq: number; readonly hash: string } | null, facts: Omit<AuditFacts, 'seq'>): ChainedEntry {
  const seq = previous ? previous.seq + 1 : 1;
  const prevHash = previous?.hash ?? null;
  const withSeq: AuditFacts = { ...facts, seq };
  return { ...withSeq, prevHash, hash: entryHash(prevHash, withSeq) };
}

/**
 * Checks a chain fed in order of seq, one entry at a time, so that a long chain can be read page
 * by page. `check` returns the first broken link and keeps returning it afterwards.
 */
export function chainVerifier() {
  let previous: { seq: number; hash: string } | null = null;
  let broken: BrokenLink | null = null;
  let count = 0;
  return {
    check(entry: ChainedEntry): BrokenLink | null {
      if (broken) return broken;
      count += 1;
      const expectedSeq = previous ? previous.seq + 1 : 1;
      if (entry.seq !== expectedSeq) {
        broken = {
          seq: entry.seq,
          reason: 'seq-gap',
          message:
            entry.seq > expectedSeq
              ? `entry ${entry.seq} follows ${previous ? `entry ${previous.seq}` : 'the start of the trail'}: ${entry.seq - expectedSeq === 1 ? `entry ${expectedSeq} is` : `entries ${expectedSeq}–${entry.seq - 1} are`} missing`
              : `entry ${entry.seq} is out of order: entry ${expectedSeq} was expected`,
        };
      } else if ((entry.prevHash ?? null) !== (previous?.hash ?? null)) {
        broken = {
          seq: entry.seq,
          reason: 'prev-hash-mismatch',
          message: previous
            ? `entry ${entry.seq} does not link to entry ${previous.seq}: its prevHash is not entry ${previous.seq}'s hash`
            : `entry ${entry.seq} is the first entry but names a previous hash`,
        };
      } else if (entryHash(entry.prevHash ?? null, entry) !== entry.hash) {
        broken = { seq: entry.seq, reason: 'hash-mismatch', message: `entry ${entry.seq} was altered: its contents do not match its hash` };
      }
      previous = { seq: entry.seq, hash: entry.hash };
      return broken;
    },
    /** The first broken link found so far. */
    get broken(): BrokenLink | null {
      return broken;
    },
    /** Entries checked, the broken one included. */
    get count(): number {
      return count;
    },
    /** The last entry checked. */
    get last(): { seq: number; hash: string } | null {
      return previous;
    },
  };
}

export interface ChainReport {
  readonly ok: boolean;
  readonly entries: number;
  readonly firstBroken: BrokenLink | null;
  /** The last entry read: recorded elsewhere, it also reveals entries removed from the end. */
  readonly last: { seq: number; hash: string } | null;
}

/** The report of a verifier that has been fed the whole chain. */
export const chainReport = (verifier: ReturnType<typeof chainVerifier>): ChainReport => ({
  ok: verifier.broken === null,
  entries: verifier.count,
  firstBroken: verifier.broken,
  last: verifier.last,
});

/** Verifies a whole chain held in memory (tests, small trails). */
export function verifyChain(entries: Iterable<ChainedEntry>): ChainReport {
  const verifier = chainVerifier();
  for (const entry of entries) if (verifier.check(entry)) break;
  return chainReport(verifier);
}
