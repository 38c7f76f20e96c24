import { createHash } from 'node:crypto';
import {
  canonicalFacts,
  canonicalJson,
  chainEntry,
  auditKey,
  auditKeyProblem,
  chainVerifier,
  entryHash,
  verifyChain,
  type AuditFacts,
  type ChainedEntry,
} from '../../src/plugins/linkage/server/src/domain/audit-chain';

type Facts = Omit<AuditFacts, 'seq' | 'keyId'>;

const KEY = auditKey('a-test-key-of-at-least-32-characters-0001');
const OLD_KEY = auditKey('an-older-key-of-at-least-32-characters-02');

const facts = (n: number, overrides: Partial<Facts> = {}): Facts => ({
  at: new Date(Date.UTC(2026, 0, 1, 8, 0, n, 123)).toISOString(),
  userId: 7,
  userEmail: 'shinan@linkage.test',
  unitCode: '370202000000',
  action: 'update',
  subjectUid: 'plugin::linkage.guide',
  subjectDocumentId: `doc${n}`,
  subjectKey: `QD-SI-001/district-approval/370202000000`,
  subjectLocale: 'zh-Hans',
  fields: ['phone'],
  ...overrides,
});

/** A chain of `n` entries built the way the service appends them. */
function chain(n: number): ChainedEntry[] {
  const entries: ChainedEntry[] = [];
  for (let i = 0; i < n; i += 1) entries.push(chainEntry(entries[i - 1] ?? null, facts(i), KEY));
  return entries;
}

describe('canonical serialization', () => {
  test('object keys are sorted at every depth, whatever order they came in (Postgres jsonb reorders them)', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } }));
  });

  test('array order is kept: it is meaningful', () => {
    expect(canonicalJson(['b', 'a'])).not.toBe(canonicalJson(['a', 'b']));
  });

  test('undefined properties are left out; undefined alone is null; Chinese text is kept as is', () => {
    expect(canonicalJson({ a: undefined, b: '市南区' })).toBe('{"b":"市南区"}');
    expect(canonicalJson(undefined)).toBe('null');
  });

  test('a number that JSON cannot hold is refused', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/NaN/);
  });

  test('the facts hashed are exactly the entry fields, absent ones as null, in a fixed order', () => {
    const text = canonicalFacts({ ...facts(1), seq: 1, userId: null, userEmail: null, subjectLocale: null });
    expect(Object.keys(JSON.parse(text) as object)).toEqual([
      'action',
      'at',
      'fields',
      'seq',
      'subjectDocumentId',
      'subjectKey',
      'subjectLocale',
      'subjectUid',
      'unitCode',
      'userEmail',
      'userId',
    ]);
    expect(JSON.parse(text)).toMatchObject({ userId: null, userEmail: null, subjectLocale: null });
  });

  test('extra properties on a stored row (ids, hashes) do not change what is hashed', () => {
    const entry = chainEntry(null, facts(1), KEY);
    expect(canonicalFacts({ ...entry, id: 99, createdAt: 'x' } as unknown as AuditFacts)).toBe(canonicalFacts(entry));
  });
});

describe('hashing', () => {
  test('hash = sha256(prevHash + "\\n" + canonical facts), hex', () => {
    const f = { ...facts(1), seq: 2 };
    const expected = createHash('sha256')
      .update(`abc\n${canonicalFacts(f)}`)
      .digest('hex');
    expect(entryHash('abc', f)).toBe(expected);
    expect(entryHash(null, f)).toBe(
      createHash('sha256')
        .update(`\n${canonicalFacts(f)}`)
        .digest('hex')
    );
  });

  test('the same facts with fields (owner move objects) in another key order hash the same', () => {
    const move = (field: object) => ({ ...facts(1), seq: 1, action: 'move', fields: ['phone', field as never] });
    expect(entryHash(null, move({ field: 'unitCode', from: '370202000000', to: '370203000000' }))).toBe(
      entryHash(null, move({ to: '370203000000', from: '370202000000', field: 'unitCode' }))
    );
  });

  test('changing any fact changes the hash', () => {
    const base = { ...facts(1), seq: 1 };
    const hash = entryHash(null, base);
    const variants: Array<Partial<AuditFacts>> = [
      { seq: 2 },
      { at: '2026-01-01T08:00:01.124Z' },
      { userId: 8 },
      { userEmail: 'other@linkage.test' },
      { unitCode: '370281000000' },
      { action: 'delete' },
      { subjectUid: 'plugin::linkage.item' },
      { subjectDocumentId: 'other' },
      { subjectKey: 'QD-SI-001' },
      { subjectLocale: 'en' },
      { fields: ['address'] },
      { fields: [] },
    ];
    for (const variant of variants) expect({ variant, changed: entryHash(null, { ...base, ...variant }) !== hash }).toEqual({ variant, changed: true });
    expect(entryHash('0'.repeat(64), base)).not.toBe(hash);
  });

  test('chainEntry numbers from 1 and links each entry to the previous hash', () => {
    const [first, second, third] = chain(3);
    expect([first.seq, second.seq, third.seq]).toEqual([1, 2, 3]);
    expect(first.prevHash).toBeNull();
    expect(second.prevHash).toBe(first.hash);
    expect(third.prevHash).toBe(second.hash);
    expect(third.hash).toBe(entryHash(second.hash, third, KEY.secret));
  });
});

describe('verification', () => {
  test('an intact chain passes, with its count and last link', () => {
    const entries = chain(5);
    expect(verifyChain(entries, [KEY])).toEqual({ ok: true, entries: 5, firstBroken: null, last: { seq: 5, hash: entries[4].hash }, vouched: { from: 1, to: 5 }, unkeyed: null });
  });

  test('an empty trail is intact', () => {
    expect(verifyChain([], [KEY])).toEqual({ ok: true, entries: 0, firstBroken: null, last: null, vouched: null, unkeyed: null });
  });

  test('an altered field: that entry, hash mismatch', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], fields: ['phone', 'address'] };
    expect(verifyChain(entries, [KEY]).firstBroken).toEqual({ seq: 3, reason: 'hash-mismatch', message: expect.stringMatching(/entry 3 was altered/) });
  });

  test.each<[string, Partial<ChainedEntry>]>([
    ['the user', { userEmail: 'someone-else@linkage.test' }],
    ['the unit', { unitCode: '370281000000' }],
    ['the time', { at: '2025-12-31T23:59:59.999Z' }],
    ['the action', { action: 'create' }],
  ])('%s altered: that entry, hash mismatch', (_what, change) => {
    const entries = chain(4);
    entries[1] = { ...entries[1], ...change };
    expect(verifyChain(entries, [KEY])).toMatchObject({ ok: false, entries: 2, firstBroken: { seq: 2, reason: 'hash-mismatch' } });
  });

  test('an altered hash: that entry (its contents no longer match it)', () => {
    const entries = chain(5);
    entries[3] = { ...entries[3], hash: 'f'.repeat(64) };
    expect(verifyChain(entries, [KEY]).firstBroken).toMatchObject({ seq: 4, reason: 'hash-mismatch' });
  });

  test('an altered entry whose hash was recomputed: the next entry no longer links to it', () => {
    const entries = chain(5);
    const altered = { ...entries[1], unitCode: '370281000000' };
    entries[1] = { ...altered, hash: entryHash(altered.prevHash, altered, KEY.secret) };
    expect(verifyChain(entries, [KEY]).firstBroken).toMatchObject({ seq: 3, reason: 'prev-hash-mismatch', message: expect.stringMatching(/does not link to entry 2/) });
  });

  test('an altered prevHash: that entry', () => {
    const entries = chain(3);
    entries[1] = { ...entries[1], prevHash: 'a'.repeat(64) };
    expect(verifyChain(entries, [KEY]).firstBroken).toMatchObject({ seq: 2, reason: 'prev-hash-mismatch' });
  });

  test('a first entry that names a previous hash is broken', () => {
    const entries = chain(2);
    entries[0] = { ...entries[0], prevHash: 'a'.repeat(64) };
    expect(verifyChain(entries, [KEY]).firstBroken).toMatchObject({ seq: 1, reason: 'prev-hash-mismatch', message: expect.stringMatching(/first entry/) });
  });

  test('a deleted entry: the one after it, seq gap, naming what is missing', () => {
    const entries = chain(5);
    entries.splice(2, 1);
    expect(verifyChain(entries, [KEY]).firstBroken).toEqual({ seq: 4, reason: 'seq-gap', message: 'entry 4 follows entry 2: entry 3 is missing' });
  });

  test('several deleted entries, and a deleted first entry', () => {
    const entries = chain(6);
    expect(verifyChain([entries[0], entries[4], entries[5]], [KEY]).firstBroken).toMatchObject({
      seq: 5,
      reason: 'seq-gap',
      message: expect.stringMatching(/entries 2–4 are missing/),
    });
    expect(verifyChain(entries.slice(1), [KEY]).firstBroken).toMatchObject({ seq: 2, reason: 'seq-gap', message: expect.stringMatching(/start of the trail/) });
  });

  test('reordered entries (read in another order): the first one out of place', () => {
    const entries = chain(5);
    [entries[1], entries[2]] = [entries[2], entries[1]];
    expect(verifyChain(entries, [KEY]).firstBroken).toMatchObject({ seq: 3, reason: 'seq-gap' });
  });

  test('reordered entries renumbered to hide it: hash mismatch at the first', () => {
    const entries = chain(5);
    const [second, third] = [entries[1], entries[2]];
    entries[1] = { ...third, seq: 2 };
    entries[2] = { ...second, seq: 3 };
    expect(verifyChain(entries, [KEY]).firstBroken).toMatchObject({ seq: 2 });
    expect(verifyChain(entries, [KEY]).ok).toBe(false);
  });

  test('a duplicated entry (a fork): the second copy is out of order', () => {
    const entries = chain(3);
    const fork = chainEntry(entries[1], facts(9), KEY);
    expect(verifyChain([...entries, fork], [KEY]).firstBroken).toMatchObject({ seq: 3, reason: 'seq-gap', message: expect.stringMatching(/out of order/) });
  });

  test('the streaming verifier reports the first broken link and keeps it; count stops there', () => {
    const entries = chain(6);
    entries[1] = { ...entries[1], subjectKey: 'tampered' };
    entries[4] = { ...entries[4], subjectKey: 'tampered too' };
    const verifier = chainVerifier([KEY]);
    const results = entries.map((e) => verifier.check(e)?.seq ?? null);
    expect(results).toEqual([null, 2, 2, 2, 2, 2]);
    expect(verifier.count).toBe(2);
    expect(verifier.broken).toMatchObject({ seq: 2, reason: 'hash-mismatch' });
  });
});

describe('the key', () => {
  /** Someone who can write the database but lacks the key: rewrites entry `at` and re-hashes it and every later one with sha256. */
  const rehashedWithoutKey = (entries: ChainedEntry[], at: number, dropKeyId: boolean): ChainedEntry[] => {
    const out = entries.slice(0, at);
    for (const entry of entries.slice(at)) {
      const changed = {
        ...entry,
        userEmail: entry.seq === at + 1 ? 'someone-else@linkage.test' : entry.userEmail,
        keyId: dropKeyId ? null : entry.keyId,
        prevHash: out[out.length - 1]?.hash ?? null,
      };
      out.push({ ...changed, hash: entryHash(changed.prevHash, changed) });
    }
    return out;
  };

  test('entries are HMACs under the key, named by its fingerprint, not plain hashes', () => {
    const [first] = chain(1);
    expect(first.keyId).toBe(KEY.id);
    expect(first.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(first.hash).not.toBe(entryHash(null, first));
    expect(first.hash).toBe(entryHash(null, first, KEY.secret));
  });

  test('a rewritten chain re-hashed without the key fails at the rewritten entry, whether it keeps or drops the key ids', () => {
    const entries = chain(6);
    expect(verifyChain(rehashedWithoutKey(entries, 3, false), [KEY])).toMatchObject({ ok: false, firstBroken: { seq: 4, reason: 'hash-mismatch' }, vouched: { from: 1, to: 3 } });
    expect(verifyChain(rehashedWithoutKey(entries, 3, true), [KEY])).toMatchObject({
      ok: false,
      firstBroken: { seq: 4, reason: 'unkeyed-after-keyed' },
      vouched: { from: 1, to: 3 },
    });
  });

  test('a chain verified without its key: unknown key at the first entry, nothing vouched for', () => {
    expect(verifyChain(chain(3), [OLD_KEY])).toMatchObject({ ok: false, firstBroken: { seq: 1, reason: 'unknown-key' }, vouched: null });
  });

  test('after a rotation, entries under the previous key verify when it is among the keys', () => {
    const old: ChainedEntry[] = [];
    for (let i = 0; i < 3; i += 1) old.push(chainEntry(old[i - 1] ?? null, facts(i), OLD_KEY));
    const after = [...old];
    for (let i = 3; i < 5; i += 1) after.push(chainEntry(after[i - 1], facts(i), KEY));
    expect(verifyChain(after, [KEY, OLD_KEY])).toMatchObject({ ok: true, vouched: { from: 1, to: 5 } });
    expect(verifyChain(after, [KEY])).toMatchObject({ ok: false, firstBroken: { seq: 1, reason: 'unknown-key' } });
  });

  test('entries from before keys (no key id, sha256) are checked but not vouched for; signed ones after them are', () => {
    const legacy: ChainedEntry[] = [];
    for (let i = 0; i < 3; i += 1) {
      const seq = i + 1;
      const prevHash = legacy[i - 1]?.hash ?? null;
      const f = { ...facts(i), seq };
      legacy.push({ ...f, prevHash, hash: entryHash(prevHash, f) });
    }
    const all = [...legacy];
    for (let i = 3; i < 5; i += 1) all.push(chainEntry(all[i - 1], facts(i), KEY));
    expect(verifyChain(all, [KEY])).toMatchObject({ ok: true, entries: 5, unkeyed: { from: 1, to: 3 }, vouched: { from: 4, to: 5 } });
  });

  test('a key must be set and long enough', () => {
    expect(auditKeyProblem(undefined)).toMatch(/not set/);
    expect(auditKeyProblem('short')).toMatch(/at least 32 characters, got 5/);
    expect(auditKeyProblem(KEY.secret)).toBeNull();
  });
});
