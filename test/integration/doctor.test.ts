// The doctor (issue 13): every store derived from the source records is recomputed and compared with
// what is stored. On the demo it finds nothing; each store broken by a direct database write is
// named; a repair (the service, and `npm run linkage -- doctor --repair` in a child process) puts
// right all but a broken audit chain; GET /linkage/doctor is for super admins only.
import type { DerivedStore } from '../../src/plugins/linkage/server/src/domain/derived-stores';
import { getService } from '../../src/plugins/linkage/server/src/get-service';
import { createAdmin, ROLES } from '../support/admins';
import { GUIDE, UNIT, guideId, guideRef, linkageCommand, type Signed } from '../support/roles-matrix';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

const GUIDE_FACT = 'plugin::linkage.guide-fact';
const EXPECTED_HANDLER = 'plugin::linkage.expected-handler';
const CHANGE = 'plugin::linkage.change';
const AUDIT = 'plugin::linkage.audit-entry';
const ITEM = 'plugin::linkage.item';
const RETIREMENT = 'QD-SI-001';

let t: TestStrapi;
let superAdmin: { Authorization: string };
let cityManager: Signed;
let editor: Signed;

const doctor = () => getService(t.strapi, 'doctor');
const found = async () => (await doctor().examine()).differences.map((d) => [d.store, d.subject]);

beforeAll(async () => {
  t = await startDemoStrapi();
  superAdmin = { Authorization: `Bearer ${await t.adminToken()}` };
  cityManager = await createAdmin(t, 'city-manager@linkage.test', [ROLES.cityManager]);
  editor = await createAdmin(t, 'shinan@linkage.test', [ROLES.unitEditor], [{ unitCode: UNIT.shinan }]);
});
afterAll(async () => {
  // Every break below is repaired, and the audit row put back: the doctor must find nothing.
  await t?.stop();
});

/** What the direct writes below broke, to put back or to look for. */
interface Breaks {
  guide: string;
  handler: string;
  auditSeq: number;
  auditEmail: string | null;
}

/**
 * Breaks every store past the Document Service, as a bad migration or a hand edit would: a guide's
 * fact deleted, an expected handler's department altered, a published guide's changes deleted,
 * a broken item reported healthy's opposite (a healthy item reported broken), an audit row altered;
 * and, with `snapshot`, a published item's title altered under the cached snapshot.
 */
async function breakEverything(options: { snapshot: boolean }): Promise<Breaks> {
  const db = t.strapi.db;
  const guide = await guideId(t.strapi, guideRef(RETIREMENT, 'district-review', UNIT.jiaozhou));
  await db.query(GUIDE_FACT).deleteMany({ where: { guideDocumentId: guide } });
  const handler = (await db.query(EXPECTED_HANDLER).findOne({ where: { itemCode: RETIREMENT, stageKey: 'district-review', unitCode: UNIT.laixi } })) as { id: number };
  await db.query(EXPECTED_HANDLER).update({ where: { id: handler.id }, data: { departmentCode: '370285-NOWHERE' } });
  await db.query(CHANGE).deleteMany({ where: { subjectDocumentId: guide } });
  await t.strapi
    .store({ type: 'plugin', name: 'linkage' })
    .set({ key: 'item-health', value: { checkedAt: new Date().toISOString(), reason: 'a hand edit', broken: [{ code: RETIREMENT, problems: ['made up'] }] } });
  const table = db.metadata.get(AUDIT).tableName;
  const [entry] = (await db.connection(table).select('seq', 'user_email').orderBy('seq', 'asc').offset(10).limit(1)) as Array<{ seq: string | number; user_email: string | null }>;
  await db.connection(table).where({ seq: entry.seq }).update({ user_email: 'someone-else@linkage.test' });
  if (options.snapshot) {
    // Read first, so that the snapshot is cached; then the row under it changes.
    await getService(t.strapi, 'published').snapshot();
    await db.query(ITEM).updateMany({ where: { code: RETIREMENT, locale: 'zh-Hans', publishedAt: { $notNull: true } }, data: { title: '改过的标题' } });
  }
  return { guide, handler: `${RETIREMENT}/district-review/${UNIT.laixi}`, auditSeq: Number(entry.seq), auditEmail: entry.user_email };
}

async function restoreAuditRow(b: Breaks): Promise<void> {
  await t.strapi.db.connection(t.strapi.db.metadata.get(AUDIT).tableName).where({ seq: b.auditSeq }).update({ user_email: b.auditEmail });
}

describe('GET /linkage/doctor', () => {
  test('the super admin gets { ok, differences }: on the demo, nothing', async () => {
    const res = await t.http.get('/linkage/doctor').set(superAdmin);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, differences: [] });
  });

  test.each([
    ['a city manager', () => cityManager],
    ['a unit editor', () => editor],
  ])('%s is refused with a 403 saying only a super admin may, in the language asked', async (_who, who) => {
    const en = await t.http.get('/linkage/doctor').set(who().auth).set('Accept-Language', 'en');
    expect(en.status).toBe(403);
    expect(en.body.error.message).toBe(`${who().email} may not check the derived data (GET /linkage/doctor): only a super admin may`);
    const zh = await t.http.get('/linkage/doctor').set(who().auth).set('Accept-Language', 'zh-CN');
    expect(zh.status).toBe(403);
    expect(zh.body.error.message).toBe(`${who().email} 不能检查派生数据（GET /linkage/doctor）：只有超级管理员可以`);
  });

  test("a city manager whose role is given the doctor's action is still refused: it is for super admins only", async () => {
    const role = (await t.strapi.db.query('admin::role').findOne({ where: { code: ROLES.cityManager } })) as { id: number };
    const roles = t.strapi.service('admin::role') as unknown as { addPermissions(id: number, permissions: object[]): Promise<unknown> };
    await roles.addPermissions(role.id, [{ action: 'plugin::linkage.doctor.run', subject: null, properties: {}, conditions: [] }]);
    const res = await t.http.get('/linkage/doctor').set(cityManager.auth).set('Accept-Language', 'en');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/only a super admin may/);
  });
});

describe('each store broken by a direct database write', () => {
  let breaks: Breaks;

  test('the doctor names each: the fact, the handler, the snapshot part, the feed gap, the audit entry, the item health', async () => {
    breaks = await breakEverything({ snapshot: true });
    const report = await doctor().examine();
    expect(report.ok).toBe(false);
    expect(report.differences.map((d) => [d.store, d.subject])).toEqual([
      ['guide-facts', breaks.guide],
      ['expected-handlers', breaks.handler],
      ['published-snapshot', `item:${RETIREMENT}`],
      ['change-feed', `${GUIDE}/${breaks.guide}`],
      ['audit-trail', `entry ${breaks.auditSeq}`],
      ['item-health', RETIREMENT],
    ]);
    const by = (store: DerivedStore) => report.differences.find((d) => d.store === store);
    expect(by('guide-facts')).toMatchObject({ stored: null, expected: expect.stringMatching(/status=published/) });
    expect(by('expected-handlers')).toMatchObject({ expected: 'departmentCode=370285-SI', stored: 'departmentCode=370285-NOWHERE' });
    expect(by('change-feed')?.message.en).toMatch(/is public but the feed has no "published" change for it/);
    expect(by('audit-trail')).toMatchObject({ repairable: false, stored: expect.stringMatching(/^hash-mismatch/) });
    expect(by('item-health')).toMatchObject({ expected: null, stored: 'problems=made up' });
    for (const d of report.differences) expect(d.message['zh-Hans']).toMatch(/[\u4e00-\u9fff]/);
    // The route says the same.
    const res = await t.http.get('/linkage/doctor').set(superAdmin);
    expect(res.body.ok).toBe(false);
    expect(res.body.differences.map((d: { store: string }) => d.store)).toEqual(report.differences.map((d) => d.store));
  });

  test('repair() rebuilds every store but the audit trail, says what it did, and the doctor then finds only the audit break', async () => {
    const result = await doctor().repair();
    expect(result.found).toHaveLength(6);
    expect(result.steps.map((s) => s.store)).toEqual(['guide-facts', 'expected-handlers', 'published-snapshot', 'change-feed', 'audit-trail', 'item-health']);
    expect(result.steps.find((s) => s.store === 'change-feed')).toMatchObject({ count: 1 });
    expect(result.steps.find((s) => s.store === 'audit-trail')?.message.en).toMatch(/cannot be repaired/);
    expect(result.remaining.map((d) => [d.store, d.subject])).toEqual([['audit-trail', `entry ${breaks.auditSeq}`]]);
    expect(result.ok).toBe(false);
    expect(await found()).toEqual([['audit-trail', `entry ${breaks.auditSeq}`]]);
    // What the repair wrote: the fact back, the handler's department, a "published" change of the guide, the snapshot as stored.
    expect(await t.strapi.db.query(GUIDE_FACT).count({ where: { guideDocumentId: breaks.guide } })).toBe(1);
    expect(await t.strapi.db.query(CHANGE).findMany({ where: { subjectDocumentId: breaks.guide }, select: ['action', 'subjectKey'] })).toEqual([
      { action: 'published', subjectKey: `${RETIREMENT}/district-review/${UNIT.jiaozhou}` },
    ]);
    expect((await getService(t.strapi, 'published').snapshot()).items.get(RETIREMENT)?.title['zh-Hans']).toBe('改过的标题');
    await restoreAuditRow(breaks);
    expect(await found()).toEqual([]);
  });

  test('`npm run linkage -- doctor` lists each difference (exit 1), `--repair` puts right all but the audit break (exit 1), and once it is put back the doctor exits 0', async () => {
    breaks = await breakEverything({ snapshot: false });
    const check = await linkageCommand(t.database, 'doctor');
    expect(check.code).toBe(1);
    for (const store of ['guide-facts', 'expected-handlers', 'published-snapshot', 'change-feed', 'audit-trail', 'item-health'])
      expect(check.stderr).toMatch(new RegExp(`^  ${store}: \\d+ checked, `, 'm'));
    expect(check.stdout).toContain(`guide facts: the fact of guide ${RETIREMENT}/district-review/${UNIT.jiaozhou} (${breaks.guide}) is missing`);
    expect(check.stdout).toContain(`expected handlers: the handler of stage district-review of item ${RETIREMENT} in unit ${UNIT.laixi} holds departmentCode=370285-NOWHERE`);
    expect(check.stdout).toMatch(/change feed: guide .* is public but the feed has no "published" change for it/);
    expect(check.stdout).toContain(`[cannot be repaired] audit trail: the hash chain is broken at entry ${breaks.auditSeq}`);
    expect(check.stdout).toContain(`item health: the health of published item ${RETIREMENT} is stored`);
    expect(check.stdout).toMatch(/The doctor found 5 differences\./);

    const repair = await linkageCommand(t.database, 'doctor', '--repair');
    expect(repair.code).toBe(1);
    expect(repair.stdout.split('\n').filter((line) => line.startsWith('left: '))).toEqual([
      expect.stringMatching(new RegExp(`^left: \\[cannot be repaired\\] audit trail: the hash chain is broken at entry ${breaks.auditSeq}`)),
    ]);
    expect(repair.stdout).toMatch(/^did: guide facts rebuilt from the guides and reviews: 88 rows$/m);
    expect(repair.stdout).toMatch(/^did: change feed completed: 1 missing changes appended$/m);
    expect(repair.stdout).toMatch(/^did: the audit trail cannot be repaired/m);

    await restoreAuditRow(breaks);
    const after = await linkageCommand(t.database, 'doctor');
    expect({ code: after.code, stdout: after.stdout.trim() }).toEqual({ code: 0, stdout: 'The doctor found nothing: every derived store agrees with the source records.' });
    // This Strapi sees what the command line repaired (its snapshot follows the change feed).
    expect(await found()).toEqual([]);
  });

  test('`npm run linkage -- report rebuild` (the guide-facts service) puts back a fact deleted by hand', async () => {
    const guide = await guideId(t.strapi, guideRef(RETIREMENT, 'district-review', UNIT.jiaozhou));
    await t.strapi.db.query(GUIDE_FACT).deleteMany({ where: { guideDocumentId: guide } });
    expect(await found()).toEqual([['guide-facts', guide]]);
    const rebuild = await linkageCommand(t.database, 'report', 'rebuild');
    expect(rebuild).toMatchObject({ code: 0 });
    expect(rebuild.stdout).toMatch(/^Guide facts rebuilt: 88 guides in /m);
    expect(await found()).toEqual([]);
  });

  test('the command line explains its usage when called wrongly', async () => {
    const wrong = await linkageCommand(t.database, 'doctor', '--fix');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/npm run linkage -- doctor --repair/);
  });
});
