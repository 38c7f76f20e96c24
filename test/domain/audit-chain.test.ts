import { createHash } from 'node:crypto';
import {
  canonicalFacts,
  canonicalJson,
  chainEntry,
  chainVerifier,
  entryHash,
  verifyChain,
  type AuditFacts,
  type ChainedEntry,
} from '../../src/plugins/linkage/server/src/domain/audit-chain';

type Facts = Omit<AuditFacts, 'seq'>;

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
  for (let i = 0; i < n; i += 1) entries.push(chainEntry(entries[i - 1] ?? null, facts(i)));
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
    const entry = chainEntry(null, facts(1));
    expect(canonicalFacts({ ...entry, id: 99, createdAt: 'x' } as unknown as AuditFacts)).toBe(canonicalFacts(entry));
  });
});

describe('hashing', () => {
  test('hash = sha256(prevHash + "\\n" + canonical facts), hex', () => {
    const f = { ...facts(1), seq: 2 };
    const expected = createHash('sha256').update(`abc\n${canonicalFacts(f)}`).digest('hex');
    expect(entryHash('abc', f)).toBe(expected);
    expect(entryHash(null, f)).toBe(createHash('sha256').update(`\n${canonicalFacts(f)}`).digest('hex'));
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
    expect(third.hash).toBe(entryHash(second.hash, third));
  });
});

describe('verification', () => {
  test('an intact chain passes, with its count and last link', () => {
    const entries = chain(5);
    expect(verifyChain(entries)).toEqual({ ok: true, entries: 5, firstBroken: null, last: { seq: 5, hash: entries[4].hash } });
  });

  test('an empty trail is intact', () => {
    expect(verifyChain([])).toEqual({ ok: true, entries: 0, firstBroken: null, last: null });
  });

  test('an altered field: that entry, hash mismatch', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], fields: ['phone', 'address'] };
    expect(verifyChain(entries).firstBroken).toEqual({ seq: 3, reason: 'hash-mismatch', message: expect.stringMatching(/entry 3 was altered/) });
  });

  test.each<[string, Partial<ChainedEntry>]>([
    ['the user', { userEmail: 'someone-else@linkage.test' }],
    ['the unit', { unitCode: '370281000000' }],
    ['the time', { at: '2025-12-31T23:59:59.999Z' }],
    ['the action', { action: 'create' }],
  ])('%s altered: that entry, hash mismatch', (_what, change) => {
    const entries = chain(4);
    entries[1] = { ...entries[1], ...change };
    expect(verifyChain(entries)).toMatchObject({ ok: false, entries: 2, firstBroken: { seq: 2, reason: 'hash-mismatch' } });
  });

  test('an altered hash: that entry (its contents no longer match it)', () => {
    const entries = chain(5);
    entries[3] = { ...entries[3], hash: 'f'.repeat(64) };
    expect(verifyChain(entries).firstBroken).toMatchObject({ seq: 4, reason: 'hash-mismatch' });
  });

  test('an altered entry whose hash was recomputed: the next entry no longer links to it', () => {
    const entries = chain(5);
    const altered = { ...entries[1], unitCode: '370281000000' };
    entries[1] = { ...altered, hash: entryHash(altered.prevHash, altered) };
    expect(verifyChain(entries).firstBroken).toMatchObject({ seq: 3, reason: 'prev-hash-mismatch', message: expect.stringMatching(/does not link to entry 2/) });
  });

  test('an altered prevHash: that entry', () => {
    const entries = chain(3);
    entries[1] = { ...entries[1], prevHash: 'a'.repeat(64) };
    expect(verifyChain(entries).firstBroken).toMatchObject({ seq: 2, reason: 'prev-hash-mismatch' });
  });

  test('a first entry that names a previous hash is broken', () => {
    const entries = chain(2);
    entries[0] = { ...entries[0], prevHash: 'a'.repeat(64) };
    expect(verifyChain(entries).firstBroken).toMatchObject({ seq: 1, reason: 'prev-hash-mismatch', message: expect.stringMatching(/first entry/) });
  });

  test('a deleted entry: the one after it, seq gap, naming what is missing', () => {
    const entries = chain(5);
    entries.splice(2, 1);
    expect(verifyChain(entries).firstBroken).toEqual({ seq: 4, reason: 'seq-gap', message: 'entry 4 follows entry 2: entry 3 is missing' });
  });

  test('several deleted entries, and a deleted first entry', () => {
    const entries = chain(6);
    expect(verifyChain([entries[0], entries[4], entries[5]]).firstBroken).toMatchObject({ seq: 5, reason: 'seq-gap', message: expect.stringMatching(/entries 2–4 are missing/) });
    expect(verifyChain(entries.slice(1)).firstBroken).toMatchObject({ seq: 2, reason: 'seq-gap', message: expect.stringMatching(/start of the trail/) });
  });

  test('reordered entries (read in another order): the first one out of place', () => {
    const entries = chain(5);
    [entries[1], entries[2]] = [entries[2], entries[1]];
    expect(verifyChain(entries).firstBroken).toMatchObject({ seq: 3, reason: 'seq-gap' });
  });

  test('reordered entries renumbered to hide it: hash mismatch at the first', () => {
    const entries = chain(5);
    const [second, third] = [entries[1], entries[2]];
    entries[1] = { ...third, seq: 2 };
    entries[2] = { ...second, seq: 3 };
    expect(verifyChain(entries).firstBroken).toMatchObject({ seq: 2 });
    expect(verifyChain(entries).ok).toBe(false);
  });

  test('a duplicated entry (a fork): the second copy is out of order', () => {
    const entries = chain(3);
    const fork = chainEntry(entries[1], facts(9));
    expect(verifyChain([...entries, fork]).firstBroken).toMatchObject({ seq: 3, reason: 'seq-gap', message: expect.stringMatching(/out of order/) });
  });

  test('the streaming verifier reports the first broken link and keeps it; count stops there', () => {
    const entries = chain(6);
    entries[1] = { ...entries[1], subjectKey: 'tampered' };
    entries[4] = { ...entries[4], subjectKey: 'tampered too' };
    const verifier = chainVerifier();
    const results = entries.map((e) => verifier.check(e)?.seq ?? null);
    expect(results).toEqual([null, 2, 2, 2, 2, 2]);
    expect(verifier.count).toBe(2);
    expect(verifier.broken).toMatchObject({ seq: 2, reason: 'hash-mismatch' });
  });
});
