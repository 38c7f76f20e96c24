// The audit trail's hash chain: each entry's hash covers the previous entry's hash and a canonical
// serialization of its own fields, so altering, removing or reordering any stored entry breaks the
// chain at that entry. The hash is an HMAC keyed with a secret kept outside the database
// (LINKAGE_AUDIT_KEY): whoever can write the database but lacks the key cannot re-hash a rewritten
// chain. Each entry names its key by a fingerprint (`keyId`), so that keys can be rotated; entries
// written before keys existed have none (plain sha256) and are checked but not vouched for.
// Pure: no Strapi, no database.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** A key that signs the chain: its secret and its fingerprint. */
export interface AuditKey {
  readonly id: string;
  readonly secret: string;
}

/** At least this many characters: the key generated on first run is 44 (32 random bytes, base64). */
export const AUDIT_KEY_MIN_LENGTH = 32;

/** The key's fingerprint: names it in every entry without revealing it. */
export const auditKeyId = (secret: string): string => createHash('sha256').update('linkage-audit-key-id\n').update(secret).digest('hex').slice(0, 16);

export const auditKey = (secret: string): AuditKey => ({ id: auditKeyId(secret), secret });

/** Why a configured key cannot be used, or null. */
export function auditKeyProblem(secret: unknown): string | null {
  if (typeof secret !== 'string' || secret.trim() === '') return 'is not set: the audit trail is signed with it (scripts/ensure-env.js writes one into .env on first run)';
  if (secret.length < AUDIT_KEY_MIN_LENGTH) return `must be at least ${AUDIT_KEY_MIN_LENGTH} characters, got ${secret.length}`;
  return null;
}

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
  /** The fingerprint of the key whose HMAC is the hash; null for an entry written before keys. */
  readonly keyId?: string | null;
}

export interface ChainedEntry extends AuditFacts {
  /** The previous entry's hash; null for the first entry. */
  readonly prevHash: string | null;
  readonly hash: string;
}

export type BrokenReason = 'hash-mismatch' | 'prev-hash-mismatch' | 'seq-gap' | 'unknown-key' | 'unkeyed-after-keyed';

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
    // Only keyed entries name their key, so entries from before keys hash as they always did.
    ...(facts.keyId ? { keyId: facts.keyId } : {}),
  });
}

/**
 * HMAC-SHA256 (hex) with the key, over the previous hash, a newline, and the entry's canonical
 * facts; without a key (entries from before keys), plain sha256 over the same.
 */
export function entryHash(prevHash: string | null, facts: AuditFacts, secret: string | null = null): string {
  const digest = secret === null ? createHash('sha256') : createHmac('sha256', secret);
  return digest
    .update(prevHash ?? '')
    .update('\n')
    .update(canonicalFacts(facts))
    .digest('hex');
}

/** The next entry of the chain after `previous` (null: the first entry), signed with `key`. */
export function chainEntry(previous: { readonly seq: number; readonly hash: string } | null, facts: Omit<AuditFacts, 'seq' | 'keyId'>, key: AuditKey): ChainedEntry {
  const seq = previous ? previous.seq + 1 : 1;
  const prevHash = previous?.hash ?? null;
  const withSeq: AuditFacts = { ...facts, seq, keyId: key.id };
  return { ...withSeq, prevHash, hash: entryHash(prevHash, withSeq, key.secret) };
}

const sameHex = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** A run of entries, by seq. */
export interface SeqRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Checks a chain fed in order of seq, one entry at a time, so that a long chain can be read page
 * by page. `check` returns the first broken link and keeps returning it afterwards.
 */
export function chainVerifier(keys: readonly AuditKey[] = []) {
  const secrets = new Map(keys.map((k) => [k.id, k.secret]));
  let previous: { seq: number; hash: string } | null = null;
  let broken: BrokenLink | null = null;
  let count = 0;
  // Entries signed by a known key and intact (vouched), and entries from before keys (unkeyed).
  let vouched: { from: number; to: number } | null = null;
  let unkeyed: { from: number; to: number } | null = null;
  const extend = (range: { from: number; to: number } | null, seq: number) => (range ? { from: range.from, to: seq } : { from: seq, to: seq });
  return {
    check(entry: ChainedEntry): BrokenLink | null {
      if (broken) return broken;
      count += 1;
      const keyId = entry.keyId ?? null;
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
      } else if (keyId === null && vouched !== null) {
        broken = {
          seq: entry.seq,
          reason: 'unkeyed-after-keyed',
          message: `entry ${entry.seq} names no key although entries before it are signed: it was rewritten without the key`,
        };
      } else if (keyId !== null && !secrets.has(keyId)) {
        broken = {
          seq: entry.seq,
          reason: 'unknown-key',
          message: `entry ${entry.seq} is signed with key ${keyId}, which is neither LINKAGE_AUDIT_KEY nor one of LINKAGE_AUDIT_PREVIOUS_KEYS: it cannot be checked`,
        };
      } else if (!sameHex(entryHash(entry.prevHash ?? null, entry, keyId === null ? null : (secrets.get(keyId) as string)), entry.hash)) {
        broken = { seq: entry.seq, reason: 'hash-mismatch', message: `entry ${entry.seq} was altered: its contents do not match its hash` };
      } else if (keyId === null) {
        unkeyed = extend(unkeyed, entry.seq);
      } else {
        vouched = extend(vouched, entry.seq);
      }
      previous = { seq: entry.seq, hash: entry.hash };
      return broken;
    },
    /** The intact entries signed with a known key. */
    get vouched(): SeqRange | null {
      return vouched;
    },
    /** The intact entries from before keys: in order, but anyone who could write the database could have rewritten them. */
    get unkeyed(): SeqRange | null {
      return unkeyed;
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
  /** The entries checked with a key and found intact: these the trail vouches for. */
  readonly vouched: SeqRange | null;
  /** Intact entries from before keys: checked for order only. */
  readonly unkeyed: SeqRange | null;
}

/** The report of a verifier that has been fed the whole chain. */
export const chainReport = (verifier: ReturnType<typeof chainVerifier>): ChainReport => ({
  ok: verifier.broken === null,
  entries: verifier.count,
  firstBroken: verifier.broken,
  last: verifier.last,
  vouched: verifier.vouched,
  unkeyed: verifier.unkeyed,
});

/** Verifies a whole chain held in memory (tests, small trails). */
export function verifyChain(entries: Iterable<ChainedEntry>, keys: readonly AuditKey[] = []): ChainReport {
  const verifier = chainVerifier(keys);
  for (const entry of entries) if (verifier.check(entry)) break;
  return chainReport(verifier);
}
