// The audit trail (issue 6, item 4): every write to a linkage record appends a hash-chained entry in
// the write's own transaction — who (admin id and email), which unit, what record, which fields —
// through the Content Manager, the Document Service and the memberships API; refused and failed
// writes leave none; the trail is append-only; an auditor reads and verifies it
// (GET /linkage/audit, /linkage/audit/verify, `npm run linkage -- audit verify`), and a row altered
// in the database is reported by its seq.
import { createHash } from 'node:crypto';
import { canonicalFacts, type ChainedEntry } from '../../src/plugins/linkage/server/src/domain/audit-chain';
import { createAdmin, ROLES } from '../support/admins';
import { documentIdOf } from '../support/demo';
import { TEST_ADMIN } from '../support/env';
import {
  GUIDE,
  UNIT,
  contentManagerAs,
  type ContentManagerClient,
  errorMessage,
  guideId,
  guideRef,
  inAdminRequest,
  linkageCommand,
  refusalOf,
  type Signed,
} from '../support/roles-matrix';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

const AUDIT = 'plugin::linkage.audit-entry';
const MEMBERSHIP = 'plugin::linkage.membership';

// An entry as the admin API answers it: the chain's own shape.
type Entry = ChainedEntry;

let t: TestStrapi;
let shinan: Signed;
let jiaozhou: Signed;
let auditor: Signed;
let cityManager: Signed;
let superAdminId: number;
let superAdmin: { Authorization: string };

type Documents = Record<string, (params: object) => Promise<unknown>>;
const documents = (uid: string) => t.strapi.documents(uid as 'plugin::linkage.guide') as unknown as Documents;

/** The last seq of the trail. */
async function head(): Promise<number> {
  const [last] = (await t.strapi.db.query(AUDIT).findMany({ orderBy: { seq: 'desc' }, limit: 1, select: ['seq'] })) as Array<{ seq: string | number }>;
  return last ? Number(last.seq) : 0;
}

/** The entries after `since`, oldest first, as the admin API shows them. */
async function entriesAfter(since: number): Promise<Entry[]> {
  const rows = (await t.strapi.db.query(AUDIT).findMany({ where: { seq: { $gt: since } }, orderBy: { seq: 'asc' } })) as Array<Entry & { seq: string | number }>;
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/** The guide as the edit page loads and saves it (the page drops the computed status). */
async function editForm(cm: ContentManagerClient, documentId: string): Promise<Record<string, unknown>> {
  const { status: _status, ...form } = (await cm.get(GUIDE, documentId)).body.data as Record<string, unknown>;
  return form;
}

// Publishing a changed guide also records a review (with its own 'review' entry): left out here.
const guideWrite = (e: Entry): boolean => e.subjectUid === GUIDE && e.action !== 'review';

const trail = (who: { Authorization: string }, query = '') => t.http.get(`/linkage/audit${query}`).set(who);
const verify = (who: { Authorization: string } = auditor.auth) => t.http.get('/linkage/audit/verify').set(who);

async function expectIntact(): Promise<void> {
  const res = await verify();
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ ok: true, firstBroken: null, entries: await head() });
}

beforeAll(async () => {
  t = await startDemoStrapi();
  superAdmin = { Authorization: `Bearer ${await t.adminToken()}` };
  superAdminId = ((await t.strapi.db.query('admin::user').findOne({ where: { email: TEST_ADMIN.email } })) as { id: number }).id;
  shinan = await createAdmin(t, 'shinan@linkage.test', [ROLES.unitEditor], [{ unitCode: UNIT.shinan }]);
  jiaozhou = await createAdmin(t, 'jiaozhou@linkage.test', [ROLES.unitEditor], [{ unitCode: UNIT.jiaozhou, scope: 'subtree' }]);
  auditor = await createAdmin(t, 'auditor@linkage.test', [ROLES.auditor]);
  cityManager = await createAdmin(t, 'city-manager@linkage.test', [ROLES.cityManager]);
});
afterAll(async () => {
  // The tampering tests end with an audit row deleted on purpose: the chain stays broken.
  await t?.stop({ brokenOnPurpose: ['audit-trail'] });
});

describe('the seeded demo', () => {
  test('its seed is in the trail as system writes (no admin), and the chain verifies right after boot', async () => {
    const seeded = await entriesAfter(0);
    expect(seeded.length).toBeGreaterThan(88);
    expect(seeded.every((e) => e.userId === null && e.userEmail === null)).toBe(true);
    expect(seeded.filter((e) => e.subjectUid === GUIDE && e.action === 'create').length).toBe(88);
    // Times are stored, hashed and read back as ISO instants with milliseconds, on SQLite and Postgres alike.
    expect(seeded.every((e) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(e.at))).toBe(true);
    await expectIntact();
  });
});

describe('edits by editors of two units', () => {
  test("市南区's editor updates a guide through the Content Manager: the entry names that editor, 市南区, the guide and the changed field", async () => {
    const before = await head();
    const documentId = await guideId(t.strapi, guideRef('QD-SI-001', 'district-approval', UNIT.shinan));
    const res = await contentManagerAs(t, shinan).update(GUIDE, documentId, { phone: '0532-80000001' });
    expect(res.status).toBe(200);
    const entries = (await entriesAfter(before)).filter(guideWrite);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'update',
        userId: shinan.id,
        userEmail: 'shinan@linkage.test',
        unitCode: UNIT.shinan,
        subjectDocumentId: documentId,
        subjectKey: `QD-SI-001/district-approval/${UNIT.shinan}`,
        subjectLocale: 'zh-Hans',
        fields: ['phone'],
      }),
    ]);
  });

  test("胶州市's editor saves the whole edit form with only the address changed: the entry lists just address", async () => {
    const before = await head();
    const cm = contentManagerAs(t, jiaozhou);
    const documentId = await guideId(t.strapi, guideRef('QD-SI-001', 'district-review', UNIT.jiaozhou));
    const form = await editForm(cm, documentId);
    expect(form.materials).toBeDefined();
    const res = await cm.update(GUIDE, documentId, { ...form, address: '胶州市福州南路 1 号' }, 'zh-Hans');
    expect(res.status).toBe(200);
    const entries = (await entriesAfter(before)).filter(guideWrite);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'update',
        userId: jiaozhou.id,
        userEmail: 'jiaozhou@linkage.test',
        unitCode: UNIT.jiaozhou,
        subjectKey: `QD-SI-001/district-review/${UNIT.jiaozhou}`,
        fields: ['address'],
      }),
    ]);
  });

  test('a change inside a component (a material) is named by the component field, and carried into the other locale', async () => {
    const before = await head();
    const cm = contentManagerAs(t, jiaozhou);
    const documentId = await guideId(t.strapi, guideRef('QD-SI-001', 'district-review', UNIT.jiaozhou));
    const form = await editForm(cm, documentId);
    const materials = (form.materials as Array<Record<string, unknown>>).map((m, i) => (i === 0 ? { ...m, copies: Number(m.copies ?? 0) + 1 } : m));
    const res = await cm.update(GUIDE, documentId, { ...form, materials });
    expect({ status: res.status, body: res.status === 200 ? null : res.body }).toEqual({ status: 200, body: null });
    // A material's copies are structure, the same in every language: the en version takes them too.
    expect((await entriesAfter(before)).filter(guideWrite).map((e) => [e.subjectLocale, e.fields])).toEqual([
      ['en', ['materials']],
      ['zh-Hans', ['materials']],
    ]);
  });

  test("the auditor finds each editor's edit under their unit, and by editor", async () => {
    const shinanTrail = await trail(auditor.auth, `?unit=${UNIT.shinan}`);
    expect(shinanTrail.status).toBe(200);
    expect(shinanTrail.body.data[0]).toMatchObject({ userEmail: 'shinan@linkage.test', unitCode: UNIT.shinan, action: 'update', fields: ['phone'] });
    expect((shinanTrail.body.data as Entry[]).every((e) => e.unitCode === UNIT.shinan)).toBe(true);
    const jiaozhouTrail = await trail(auditor.auth, `?unit=${UNIT.jiaozhou}`);
    expect(jiaozhouTrail.body.data[0]).toMatchObject({ userId: jiaozhou.id, unitCode: UNIT.jiaozhou, fields: ['materials'] });
    const byEditor = await trail(auditor.auth, `?user=${encodeURIComponent('jiaozhou@linkage.test')}`);
    // The materials edit is two entries: Chinese, and its structure carried into English.
    expect((byEditor.body.data as Entry[]).map((e) => e.fields)).toEqual([['materials'], ['materials'], ['address']]);
    const byId = await trail(auditor.auth, `?user=${shinan.id}`);
    expect((byId.body.data as Entry[]).map((e) => e.userEmail)).toEqual(['shinan@linkage.test']);
  });
});

describe('every kind of write has its entry', () => {
  const laixiReview = { itemCode: 'QD-SI-001', stageKey: 'district-review', unitCode: UNIT.laixi, departmentCode: '370285-SI', conditions: '男年满60周岁。', phone: '0532-12333' };
  let documentId: string;

  const lastGuideEntry = async (since: number) => {
    const entries = (await entriesAfter(since)).filter(guideWrite);
    expect(entries).toHaveLength(1);
    return entries[0];
  };

  test('create (the fields given), then the en version (an update that adds a locale: its fields)', async () => {
    const cm = contentManagerAs(t, cityManager);
    let before = await head();
    const created = await cm.create(GUIDE, laixiReview);
    expect(created.status).toBe(201);
    documentId = created.body.data.documentId;
    expect(await lastGuideEntry(before)).toMatchObject({
      action: 'create',
      userId: cityManager.id,
      userEmail: 'city-manager@linkage.test',
      unitCode: UNIT.laixi,
      subjectDocumentId: documentId,
      subjectKey: `QD-SI-001/district-review/${UNIT.laixi}`,
      subjectLocale: 'zh-Hans',
      fields: ['conditions', 'departmentCode', 'itemCode', 'phone', 'stageKey', 'title', 'unitCode'],
    });
    before = await head();
    expect((await cm.update(GUIDE, documentId, { conditions: 'Men aged 60.' }, 'en')).status).toBe(200);
    // The new locale's row gets its own title, in English.
    expect(await lastGuideEntry(before)).toMatchObject({ action: 'update', subjectLocale: 'en', fields: ['conditions', 'title'] });
  });

  test('publish, unpublish, discard draft and delete, each by locale', async () => {
    const cm = contentManagerAs(t, cityManager);
    const steps: Array<[string, () => Promise<{ status: number }>]> = [
      ['publish', () => cm.publish(GUIDE, documentId)],
      ['unpublish', () => cm.unpublish(GUIDE, documentId)],
      ['publish', () => cm.publish(GUIDE, documentId)],
      ['discard-draft', () => t.http.post(`/content-manager/collection-types/${GUIDE}/${documentId}/actions/discard?locale=zh-Hans`).set(cm.auth).send({})],
      ['delete', () => cm.remove(GUIDE, documentId, 'en')],
    ];
    for (const [action, step] of steps) {
      const before = await head();
      const res = await step();
      expect({ action, status: res.status }).toEqual({ action, status: 200 });
      expect(await lastGuideEntry(before)).toMatchObject({ action, userId: cityManager.id, unitCode: UNIT.laixi, subjectDocumentId: documentId, fields: [] });
    }
    const [deleted] = (await entriesAfter(0)).filter((e) => e.subjectDocumentId === documentId && e.action === 'delete');
    expect(deleted.subjectLocale).toBe('en');
  });

  test('a Document Service write with no admin behind it (a script) is recorded as the system', async () => {
    const before = await head();
    await documents(GUIDE).update({ documentId, locale: 'zh-Hans', data: { phone: '0532-12334' }, status: 'published' });
    const entries = (await entriesAfter(before)).filter(guideWrite);
    // Written with status "published": updated and published in one call.
    expect(entries.map((e) => [e.action, e.userId, e.userEmail, e.fields])).toEqual([
      ['update', null, null, ['phone']],
      ['publish', null, null, []],
    ]);
    const system = await trail(auditor.auth, `?user=system&subject=${documentId}`);
    expect((system.body.data as Entry[]).filter(guideWrite).map((e) => e.action)).toEqual(['publish', 'update']);
  });

  test('a unit, a department and other records: their own keys and units', async () => {
    const cm = contentManagerAs(t, cityManager);
    const before = await head();
    expect((await cm.create('plugin::linkage.unit', { code: '370299000000', level: 'district', kind: 'county_city', parentCode: UNIT.qingdao, name: '新市' })).status).toBe(201);
    expect((await cm.create('plugin::linkage.department', { code: '370299-SI', kind: 'SI', unitCode: '370299000000', name: '新市社会保险事业中心' })).status).toBe(201);
    const entries = await entriesAfter(before);
    expect(entries.map((e) => [e.action, e.subjectUid, e.subjectKey, e.unitCode, e.userEmail])).toEqual([
      ['create', 'plugin::linkage.unit', '370299000000', '370299000000', 'city-manager@linkage.test'],
      ['create', 'plugin::linkage.department', '370299-SI', '370299000000', 'city-manager@linkage.test'],
    ]);
  });

  test("an owner move (a city manager moves 平度市's guide to the new unit): action move, from → to", async () => {
    const before = await head();
    const moved = await guideId(t.strapi, guideRef('QD-SI-001', 'district-review', UNIT.pingdu));
    const res = await contentManagerAs(t, cityManager).update(GUIDE, moved, { unitCode: '370299000000', departmentCode: '370299-SI' });
    expect(res.status).toBe(200);
    const entries = (await entriesAfter(before)).filter(guideWrite);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'move',
        userId: cityManager.id,
        unitCode: '370299000000',
        subjectKey: 'QD-SI-001/district-review/370299000000',
        fields: [
          { field: 'departmentCode', from: '370283-SI', to: '370299-SI' },
          // The title names the new owner.
          'title',
          { field: 'unitCode', from: UNIT.pingdu, to: '370299000000' },
        ],
      }),
    ]);
  });

  test('a membership added and removed through the memberships API', async () => {
    let before = await head();
    const added = await t.http.post('/linkage/memberships').set(cityManager.auth).send({ email: 'jiaozhou@linkage.test', unitCode: UNIT.shinan, scope: 'unit' });
    expect(added.status).toBe(201);
    const membershipId = added.body.data.documentId as string;
    expect(await entriesAfter(before)).toEqual([
      expect.objectContaining({
        action: 'membership-add',
        subjectUid: MEMBERSHIP,
        subjectDocumentId: membershipId,
        subjectKey: `${UNIT.shinan}/jiaozhou@linkage.test`,
        unitCode: UNIT.shinan,
        userId: cityManager.id,
        fields: ['scope', 'unitCode', 'userId'],
      }),
    ]);
    before = await head();
    expect((await t.http.delete(`/linkage/memberships/${membershipId}`).set(cityManager.auth)).status).toBe(200);
    expect(await entriesAfter(before)).toEqual([
      expect.objectContaining({
        action: 'membership-remove',
        subjectDocumentId: membershipId,
        subjectKey: `${UNIT.shinan}/jiaozhou@linkage.test`,
        unitCode: UNIT.shinan,
        userId: cityManager.id,
      }),
    ]);
  });

  test('the chain verifies after all of these', async () => {
    await expectIntact();
  });
});

describe('refused and failed writes leave no entry', () => {
  test('a write refused by validation (400): no entry, the chain still verifies', async () => {
    const before = await head();
    const res = await contentManagerAs(t, cityManager).create(GUIDE, { itemCode: 'QD-XX-999', stageKey: 'district-review', unitCode: UNIT.laixi, departmentCode: '370285-SI' });
    expect(res.status).toBe(400);
    expect(await head()).toBe(before);
    await expectIntact();
  });

  test("a write refused by the guard (403: 市南区's editor on 市北区's guide): no entry, the chain still verifies", async () => {
    const before = await head();
    const shibei = await guideId(t.strapi, guideRef('QD-SI-001', 'district-approval', UNIT.shibei));
    const res = await contentManagerAs(t, shinan).update(GUIDE, shibei, { phone: '1' });
    expect(res.status).toBe(403);
    expect(await head()).toBe(before);
    await expectIntact();
  });

  test('a write whose transaction fails after it: the entry goes with it', async () => {
    const before = await head();
    const documentId = await guideId(t.strapi, guideRef('QD-SI-001', 'district-approval', UNIT.shinan));
    const refusal = await refusalOf(() =>
      t.strapi.db.transaction(async () => {
        await documents(GUIDE).update({ documentId, locale: 'zh-Hans', data: { phone: '0532-00000000' } });
        throw new Error('something later in the same transaction failed');
      })
    );
    expect(refusal?.message).toMatch(/later in the same transaction/);
    expect(await head()).toBe(before);
    const row = (await t.strapi.db.query(GUIDE).findOne({ where: { documentId, locale: 'zh-Hans', publishedAt: null }, select: ['phone'] })) as { phone: string };
    expect(row.phone).toBe('0532-80000001');
  });
});

describe('append-only', () => {
  test('every Document Service write to an audit entry is refused with a clear error, for the system and for a super admin', async () => {
    const before = await head();
    const [first] = await entriesAfter(0);
    const { documentId } = (await t.strapi.db.query(AUDIT).findOne({ where: { seq: first.seq }, select: ['documentId'] })) as { documentId: string };
    const writes: Array<[string, () => Promise<unknown>]> = [
      ['create', () => documents(AUDIT).create({ data: { seq: before + 1, at: new Date().toISOString(), action: 'update', subjectUid: GUIDE, hash: 'x' } })],
      ['update', () => documents(AUDIT).update({ documentId, data: { userEmail: 'someone@else.test' } })],
      ['delete', () => documents(AUDIT).delete({ documentId })],
    ];
    for (const [action, write] of writes) {
      for (const [who, run] of [
        ['system', (w: () => Promise<unknown>) => refusalOf(w)],
        ['super admin', (w: () => Promise<unknown>) => inAdminRequest(t.strapi, superAdminId, () => refusalOf(w))],
      ] as const) {
        const refusal = await run(write);
        expect({ action, who, refusal }).toEqual({ action, who, refusal: expect.objectContaining({ name: 'PolicyError', message: expect.stringMatching(/append-only/) }) });
      }
    }
    expect(await head()).toBe(before);
    await expectIntact();
  });

  test('no API writes it: the admin trail routes are read-only, the Content Manager refuses it, the public API has no route to it', async () => {
    const before = await head();
    expect((await t.http.delete('/linkage/audit/1').set(superAdmin)).status).toBe(405);
    expect((await t.http.post('/linkage/audit').set(superAdmin).send({})).status).toBe(405);
    const cm = await t.http
      .post(`/content-manager/collection-types/${AUDIT}`)
      .set(superAdmin)
      .send({ seq: before + 1, at: new Date().toISOString(), action: 'x', subjectUid: GUIDE, hash: 'x' });
    expect(cm.status).toBeGreaterThanOrEqual(400);
    for (const path of ['/api/linkage/audit', '/api/linkage/audit-entries', '/api/audit-entries'])
      expect({ path, status: (await t.http.get(path)).status }).toEqual({ path, status: 404 });
    expect(await head()).toBe(before);
  });
});

describe('reading the trail', () => {
  test('the auditor reads it newest first, paged', async () => {
    const res = await trail(auditor.auth, '?pageSize=5&page=2');
    expect(res.status).toBe(200);
    const total = await head();
    expect(res.body.meta.pagination).toEqual({ page: 2, pageSize: 5, total, pageCount: Math.ceil(total / 5) });
    expect((res.body.data as Entry[]).map((e) => e.seq)).toEqual([total - 5, total - 6, total - 7, total - 8, total - 9]);
  });

  test('filters: subject (a documentId, a key, or an item code for its guides), since', async () => {
    const jiaozhouReview = await guideId(t.strapi, guideRef('QD-SI-001', 'district-review', UNIT.jiaozhou));
    const byId = (await trail(auditor.auth, `?subject=${jiaozhouReview}`)).body.data as Entry[];
    // Newest first: this test file's two edits, and the seed's create (and publish) at the end.
    expect(byId.slice(0, 2).map((e) => [e.action, e.userEmail])).toEqual([
      ['update', 'jiaozhou@linkage.test'],
      ['update', 'jiaozhou@linkage.test'],
    ]);
    expect(byId.map((e) => e.action)).toContain('create');
    const byKey = (await trail(auditor.auth, `?subject=${encodeURIComponent(`QD-SI-001/district-review/${UNIT.jiaozhou}`)}`)).body.data as Entry[];
    // The key also finds the review records about the guide (the seed's, from its review dates).
    expect(byKey.map((e) => e.seq)).toEqual(expect.arrayContaining(byId.map((e) => e.seq)));
    expect(byKey.filter((e) => e.subjectDocumentId !== jiaozhouReview).every((e) => e.subjectUid === 'plugin::linkage.review')).toBe(true);
    const byItem = (await trail(auditor.auth, '?subject=QD-SI-001&pageSize=100')).body.data as Entry[];
    expect(byItem.every((e) => e.subjectKey === 'QD-SI-001' || e.subjectKey?.startsWith('QD-SI-001/'))).toBe(true);
    expect(byItem.map((e) => e.seq)).toEqual(expect.arrayContaining(byId.map((e) => e.seq)));
    expect((await trail(auditor.auth, '?since=2999-01-01')).body.data).toEqual([]);
    const recent = (await trail(auditor.auth, `?since=${encodeURIComponent(byId[0].at)}`)).body.data as Entry[];
    expect(recent.every((e) => e.at >= byId[0].at)).toBe(true);
    expect(recent.map((e) => e.seq)).toContain(byId[0].seq);
  });

  test('a bad filter is a 400 naming it', async () => {
    const res = await trail(auditor.auth, '?since=yesterday&pageSize=1000&unit=37');
    expect(res.status).toBe(400);
    expect((res.body.error.details.errors as Array<{ path: string[] }>).map((e) => e.path.join('.')).sort()).toEqual(['pageSize', 'since', 'unit']);
  });

  test('an editor without the audit permission gets a 403 saying so, for reading and verifying', async () => {
    for (const res of [await trail(shinan.auth), await verify(shinan.auth)]) {
      expect(res.status).toBe(403);
      expect(errorMessage(res)).toMatch(/shinan@linkage\.test may not .*audit trail.*plugin::linkage\.audit\.read/);
    }
  });

  test('a city manager (who has the permission) and a super admin may read it', async () => {
    expect((await trail(cityManager.auth)).status).toBe(200);
    expect((await verify(superAdmin)).status).toBe(200);
  });
});

describe('concurrent writes', () => {
  test('ten writes at once by two editors and a city manager, and twenty bare appends: no fork, no gap, the chain verifies', async () => {
    const before = await head();
    const ids = (unitCode: string, keys: string[]) =>
      Promise.all(keys.map((k) => k.split('/')).map(([itemCode, stageKey]) => documentIdOf(t.strapi, GUIDE, { itemCode, stageKey, unitCode })));
    const shinanIds = await ids(UNIT.shinan, [
      'QD-SI-001/district-approval',
      'QD-SI-001/district-review',
      'QD-CA-001/district-approval',
      'QD-HOUSING-001/district-review',
      'QD-MI-001/district-confirmation',
    ]);
    const jiaozhouIds = await ids(UNIT.jiaozhou, [
      'QD-SI-001/district-review',
      'QD-CA-001/district-approval',
      'QD-HOUSING-001/district-review',
      'QD-MI-001/district-confirmation',
    ]);
    const shibeiIds = await ids(UNIT.shibei, ['QD-SI-001/district-approval']);
    const writes = [
      ...shinanIds.map((id, i) => contentManagerAs(t, shinan).update(GUIDE, id, { hours: `周一至周五 ${i}` })),
      ...jiaozhouIds.map((id, i) => contentManagerAs(t, jiaozhou).update(GUIDE, id, { hours: `周一至周五 ${i}` })),
      ...shibeiIds.map((id) => contentManagerAs(t, cityManager).update(GUIDE, id, { hours: '周一至周五' })),
    ];
    const statuses = (await Promise.all(writes)).map((r) => r.status);
    expect(statuses).toEqual(Array(10).fill(200));
    const audit = t.strapi.plugin('linkage').service('audit') as { append(input: object): Promise<void> };
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        audit.append({ action: 'review', subjectUid: GUIDE, subjectDocumentId: shinanIds[i % 5], subjectKey: `probe-${i}`, unitCode: UNIT.shinan, fields: ['note'] })
      )
    );
    const entries = await entriesAfter(before);
    const guideUpdates = entries.filter((e) => e.subjectUid === GUIDE && e.action === 'update');
    expect(guideUpdates.map((e) => e.subjectDocumentId).sort()).toEqual([...shinanIds, ...jiaozhouIds, ...shibeiIds].sort());
    expect(guideUpdates.every((e) => e.fields.length === 1 && e.fields[0] === 'hours')).toBe(true);
    expect(entries.filter((e) => e.action === 'review')).toHaveLength(20);
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => before + 1 + i));
    await expectIntact();
  });
});

describe('tampering', () => {
  /**
   * What someone with write access to the database but not the key would do: change an entry and
   * re-hash it and every entry after it with the chain's published algorithm (sha256 over the
   * previous hash and the canonical facts), keeping each row's key id, or dropping it.
   */
  async function rewriteAndRehash(seq: number, keyId: 'kept' | 'dropped'): Promise<Array<Record<string, unknown>>> {
    const table = t.strapi.db.metadata.get(AUDIT).tableName;
    const original = (await t.strapi.db.connection(table).select('*').orderBy('seq', 'asc')) as Array<Record<string, unknown>>;
    const entries = await entriesAfter(0);
    let prevHash: string | null = entries.find((e) => e.seq === seq - 1)?.hash ?? null;
    for (const entry of entries.filter((e) => e.seq >= seq)) {
      const facts = { ...entry, userEmail: entry.seq === seq ? 'someone-else@linkage.test' : entry.userEmail, ...(keyId === 'dropped' ? { keyId: null } : {}) };
      const hash = createHash('sha256')
        .update(prevHash ?? '')
        .update('\n')
        .update(canonicalFacts(facts))
        .digest('hex');
      const changes: Record<string, unknown> = { user_email: facts.userEmail, prev_hash: prevHash, hash };
      if (keyId === 'dropped' && 'key_id' in original[0]) changes.key_id = null;
      await t.strapi.db.connection(table).where({ seq: entry.seq }).update(changes);
      prevHash = hash;
    }
    return original;
  }

  async function restore(original: Array<Record<string, unknown>>): Promise<void> {
    const table = t.strapi.db.metadata.get(AUDIT).tableName;
    for (const row of original)
      await t.strapi.db
        .connection(table)
        .where({ id: row.id })
        .update({ user_email: row.user_email, prev_hash: row.prev_hash, hash: row.hash, ...('key_id' in row ? { key_id: row.key_id } : {}) });
  }

  test.each(['kept', 'dropped'] as const)(
    'an entry rewritten and every later entry re-hashed without the key (key id %s) is detected at that entry; verify vouches for the entries before it',
    async (keyId) => {
      const entries = await entriesAfter(0);
      const target = entries[Math.floor(entries.length / 2)];
      const original = await rewriteAndRehash(target.seq, keyId);
      const res = await verify();
      expect(res.body).toMatchObject({ ok: false, firstBroken: { seq: target.seq }, vouched: { from: 1, to: target.seq - 1 } });
      const cli = await linkageCommand(t.database, 'audit', 'verify');
      expect(cli.code).toBe(1);
      expect(cli.stdout).toContain(`Audit trail broken at entry ${target.seq}`);
      expect(cli.stdout).toContain(`Entries 1–${target.seq - 1} are vouched for by the audit key`);
      await restore(original);
      await expectIntact();
    }
  );

  test('a row altered directly in the database is reported by its seq, by the admin API and by `npm run linkage -- audit verify`', async () => {
    const intact = await linkageCommand(t.database, 'audit', 'verify');
    expect({ code: intact.code, stdout: intact.stdout }).toEqual({ code: 0, stdout: expect.stringMatching(/Audit trail intact: \d+ entries/) });

    const entries = await entriesAfter(0);
    const target = entries.find((e) => e.userEmail === 'shinan@linkage.test' && e.action === 'update');
    if (!target) throw new Error("no entry by 市南区's editor");
    const table = t.strapi.db.metadata.get(AUDIT).tableName;
    await t.strapi.db.connection(table).where({ seq: target.seq }).update({ user_email: 'someone-else@linkage.test' });

    const res = await verify();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: false, entries: target.seq, firstBroken: { seq: target.seq, reason: 'hash-mismatch' } });
    const cli = await linkageCommand(t.database, 'audit', 'verify');
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`Audit trail broken at entry ${target.seq} (hash-mismatch)`);

    // Put back, the chain verifies again; a deleted row is then reported at the next seq.
    await t.strapi.db.connection(table).where({ seq: target.seq }).update({ user_email: 'shinan@linkage.test' });
    await expectIntact();
    await t.strapi.db.connection(table).where({ seq: target.seq }).delete();
    expect((await verify()).body).toMatchObject({ ok: false, firstBroken: { seq: target.seq + 1, reason: 'seq-gap' } });
  });
});
