// The document-service guard: inside an admin request, every write on a linkage document is checked
// against the user's role and scope whatever path it comes by (here: strapi.documents(...) called
// directly within the request's context), so a refused write is a PolicyError (403) naming the unit
// and nothing is stored. Outside any request (seeding, the command line) the guard stands aside.
import { createAdmin, ROLES } from '../support/admins';
import { TEST_ADMIN } from '../support/env';
import { GUIDE, UNIT, changesSince, guideId, guideRef, guideRows, inAdminRequest, refusalOf, type Refusal, type Signed } from '../support/roles-matrix';
import { storedData } from '../support/stored-data';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

type Documents = Record<string, (params: object) => Promise<unknown>>;

let t: TestStrapi;
let shinan: Signed;
let jiaozhou: Signed;
let auditor: Signed;
let memberAuditor: Signed;
let nobody: Signed;
let cityManager: Signed;
let superAdminId: number;

const documents = (uid: string) => t.strapi.documents(uid as 'plugin::linkage.guide') as unknown as Documents;
const guides = () => documents(GUIDE);

/** Runs one Document Service call as `userId` within an admin request; what it threw, or null. */
const as = (userId: number, work: () => Promise<unknown>): Promise<Refusal | null> => inAdminRequest(t.strapi, userId, () => refusalOf(work));

/** A refusal by the guard: a PolicyError (403 over HTTP) whose message names `unitCode` and matches `reason`. */
function expectPolicyError(refusal: Refusal | null, unitCode: string, reason: RegExp): void {
  expect(refusal).toEqual({ name: 'PolicyError', message: expect.stringContaining(unitCode), status: undefined });
  expect(refusal?.message).toMatch(reason);
}

const shinanApproval = guideRef('QD-SI-001', 'district-approval', UNIT.shinan);
const shibeiApproval = guideRef('QD-SI-001', 'district-approval', UNIT.shibei);

beforeAll(async () => {
  t = await startDemoStrapi();
  shinan = await createAdmin(t, 'shinan@linkage.test', [ROLES.unitEditor], [{ unitCode: UNIT.shinan }]);
  jiaozhou = await createAdmin(t, 'jiaozhou@linkage.test', [ROLES.unitEditor], [{ unitCode: UNIT.jiaozhou, scope: 'subtree' }]);
  auditor = await createAdmin(t, 'auditor@linkage.test', [ROLES.auditor]);
  memberAuditor = await createAdmin(t, 'member-auditor@linkage.test', [ROLES.auditor], [{ unitCode: UNIT.shinan }]);
  nobody = await createAdmin(t, 'nobody@linkage.test', [ROLES.unitEditor]);
  cityManager = await createAdmin(t, 'city-manager@linkage.test', [ROLES.cityManager]);
  superAdminId = ((await t.strapi.db.query('admin::user').findOne({ where: { email: TEST_ADMIN.email } })) as { id: number }).id;
});
afterAll(async () => {
  await t?.stop();
});

describe("refused: 市南区's editor writing 市北区's guide through the Document Service", () => {
  let before: string;
  let target: string;
  beforeAll(async () => {
    target = await guideId(t.strapi, shibeiApproval);
  });
  // Each refusal is compared with the data as it was just before it.
  beforeEach(async () => {
    before = await storedData(t.strapi);
  });

  const cases: Array<[string, () => Promise<unknown>]> = [
    ['update', () => guides().update({ documentId: target, locale: 'zh-Hans', data: { phone: '0532-99999999' } })],
    ['update in en', () => guides().update({ documentId: target, locale: 'en', data: { address: 'Elsewhere' } })],
    ['clone', () => guides().clone({ documentId: target, data: {} })],
    ['clone into 市南区 (written unitCode in scope, source not)', () => guides().clone({ documentId: target, data: { unitCode: UNIT.shinan, departmentCode: '370202-SI' } })],
    ['delete', () => guides().delete({ documentId: target, locale: 'zh-Hans' })],
    ['delete every locale', () => guides().delete({ documentId: target, locale: '*' })],
    ['publish', () => guides().publish({ documentId: target, locale: 'zh-Hans' })],
    ['unpublish', () => guides().unpublish({ documentId: target, locale: 'zh-Hans' })],
    ['discardDraft', () => guides().discardDraft({ documentId: target, locale: 'zh-Hans' })],
  ];
  test.each(cases)('%s: PolicyError naming 市北区 (370203000000), data unchanged', async (_action, work) => {
    expectPolicyError(await as(shinan.id, work), UNIT.shibei, /outside your units/);
    expect(await changesSince(t.strapi, before)).toEqual([]);
  });

  test('create a guide for 莱西市: PolicyError naming 莱西市 (370285000000), data unchanged', async () => {
    const refusal = await as(shinan.id, () =>
      guides().create({ locale: 'zh-Hans', data: { itemCode: 'QD-SI-001', stageKey: 'district-review', unitCode: UNIT.laixi, departmentCode: '370285-SI', phone: '0532-12333' } })
    );
    expectPolicyError(refusal, UNIT.laixi, /outside your units/);
    expect(await changesSince(t.strapi, before)).toEqual([]);
  });

  test('create a guide naming no unit: refused, data unchanged', async () => {
    const refusal = await as(shinan.id, () => guides().create({ locale: 'zh-Hans', data: { itemCode: 'QD-SI-001', stageKey: 'district-review', departmentCode: '370285-SI' } }));
    expect(refusal).toMatchObject({ name: 'PolicyError', message: expect.stringMatching(/unitCode/) });
    expect(await changesSince(t.strapi, before)).toEqual([]);
  });

  test('change the owner of its own guide to 市北区: PolicyError, only a city manager may, data unchanged', async () => {
    const own = await guideId(t.strapi, shinanApproval);
    const refusal = await as(shinan.id, () => guides().update({ documentId: own, locale: 'zh-Hans', data: { unitCode: UNIT.shibei, departmentCode: '370203-SI' } }));
    expectPolicyError(refusal, UNIT.shibei, /only a city manager/);
    expect(refusal?.message).toContain(UNIT.shinan);
    expect(await changesSince(t.strapi, before)).toEqual([]);
  });

  test('clone its own guide into 市北区: refused naming 市北区, data unchanged', async () => {
    const own = await guideId(t.strapi, shinanApproval);
    const refusal = await as(shinan.id, () => guides().clone({ documentId: own, data: { unitCode: UNIT.shibei, departmentCode: '370203-SI' } }));
    expect(refusal).toMatchObject({ name: 'PolicyError', message: expect.stringContaining(UNIT.shibei) });
    expect(await changesSince(t.strapi, before)).toEqual([]);
  });

  test("胶州市's subtree editor updating 平度市's guide: PolicyError naming 平度市, data unchanged", async () => {
    const pingdu = await guideId(t.strapi, guideRef('QD-SI-001', 'district-review', UNIT.pingdu));
    expectPolicyError(await as(jiaozhou.id, () => guides().update({ documentId: pingdu, locale: 'zh-Hans', data: { phone: '1' } })), UNIT.pingdu, /outside your units/);
    expect(await changesSince(t.strapi, before)).toEqual([]);
  });

  test('an editor with no membership: every guide write refused (PolicyError saying they belong to no unit), data unchanged', async () => {
    const own = await guideId(t.strapi, shinanApproval);
    for (const work of [
      () => guides().update({ documentId: own, locale: 'zh-Hans', data: { phone: '1' } }),
      () => guides().publish({ documentId: own, locale: 'zh-Hans' }),
      () => guides().delete({ documentId: own, locale: 'zh-Hans' }),
      () => guides().create({ locale: 'zh-Hans', data: { itemCode: 'QD-SI-001', stageKey: 'district-review', unitCode: UNIT.laixi, departmentCode: '370285-SI' } }),
    ]) {
      expect(await as(nobody.id, work)).toMatchObject({ name: 'PolicyError', message: expect.stringMatching(/no unit|membership/) });
    }
    expect(await changesSince(t.strapi, before)).toEqual([]);
  });

  test('the auditor (no membership): every guide write refused with a PolicyError, data unchanged', async () => {
    const own = await guideId(t.strapi, shinanApproval);
    for (const work of [
      () => guides().update({ documentId: own, locale: 'zh-Hans', data: { phone: '1' } }),
      () => guides().unpublish({ documentId: own, locale: 'zh-Hans' }),
      () => guides().create({ locale: 'zh-Hans', data: { itemCode: 'QD-SI-001', stageKey: 'district-review', unitCode: UNIT.laixi, departmentCode: '370285-SI' } }),
    ]) {
      expect(await as(auditor.id, work)).toMatchObject({ name: 'PolicyError' });
    }
    expect(await changesSince(t.strapi, before)).toEqual([]);
  });

  // The auditor writes nothing (docs/design.md §4): a membership gives scope, not the capability to write.
  test("an auditor who is also a member of 市南区: writing 市南区's guide is refused (PolicyError naming 市南区), data unchanged", async () => {
    const own = await guideId(t.strapi, shinanApproval);
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['update', () => guides().update({ documentId: own, locale: 'zh-Hans', data: { phone: '0532-77770001' } })],
      ['publish', () => guides().publish({ documentId: own, locale: 'zh-Hans' })],
      ['unpublish', () => guides().unpublish({ documentId: own, locale: 'zh-Hans' })],
      ['delete', () => guides().delete({ documentId: own, locale: 'zh-Hans' })],
    ];
    const outcomes = [];
    for (const [action, work] of cases) {
      const snapshot = await storedData(t.strapi);
      const refusal = await as(memberAuditor.id, work);
      outcomes.push({ action, refused: refusal?.name === 'PolicyError' && refusal.message.includes(UNIT.shinan), changes: await changesSince(t.strapi, snapshot) });
    }
    expect(outcomes).toEqual(cases.map(([action]) => ({ action, refused: true, changes: [] })));
  });

  const records: Array<[string, string, () => Promise<Record<string, unknown>>]> = [
    ['an item', 'plugin::linkage.item', async () => ({ documentId: await idOf('plugin::linkage.item', { code: 'QD-SI-001' }), locale: 'zh-Hans', data: { title: '改名' } })],
    ['a unit', 'plugin::linkage.unit', async () => ({ documentId: await idOf('plugin::linkage.unit', { code: UNIT.shinan }), locale: 'zh-Hans', data: { name: '改名' } })],
    [
      'a department',
      'plugin::linkage.department',
      async () => ({ documentId: await idOf('plugin::linkage.department', { code: '370202-SI' }), locale: 'zh-Hans', data: { phone: '0' } }),
    ],
    [
      'a responsibility rule',
      'plugin::linkage.responsibility-rule',
      async () => ({ documentId: await idOf('plugin::linkage.responsibility-rule', { key: 'item-basic-info' }), locale: 'zh-Hans', data: { reviewEveryDays: 1 } }),
    ],
    ['the guide spec', 'plugin::linkage.guide-spec', async () => ({ documentId: await idOf('plugin::linkage.guide-spec', {}), data: { required: [] } })],
  ];
  const idOf = async (uid: string, where: object) =>
    ((await t.strapi.db.query(uid as 'plugin::linkage.unit').findOne({ where, select: ['documentId'] })) as { documentId: string }).documentId;

  test.each(records)("updating %s: refused for 市南区's editor and the auditor (PolicyError: only a city manager), data unchanged", async (_what, uid, params) => {
    for (const user of [shinan, auditor, memberAuditor]) {
      const p = await params();
      expect(await as(user.id, () => documents(uid).update(p))).toMatchObject({ name: 'PolicyError', message: expect.stringMatching(/only a city manager/) });
    }
    expect(await changesSince(t.strapi, before)).toEqual([]);
  });

  test("creating a site template, a unit or a membership, deleting an item: refused for 市南区's editor (PolicyError), data unchanged", async () => {
    const item = await idOf('plugin::linkage.item', { code: 'QD-SI-001' });
    for (const work of [
      () => documents('plugin::linkage.site-template').create({ data: { key: 'mine', body: '<p>x</p>' } }),
      () =>
        documents('plugin::linkage.unit').create({
          locale: 'zh-Hans',
          data: { code: '370202003000', level: 'street', kind: 'subdistrict', parentCode: UNIT.shinan, name: '新街道' },
        }),
      () => documents('plugin::linkage.membership').create({ data: { userId: shinan.id, unitCode: UNIT.shibei, scope: 'unit' } }),
      () => documents('plugin::linkage.item').delete({ documentId: item, locale: '*' }),
    ]) {
      expect(await as(shinan.id, work)).toMatchObject({ name: 'PolicyError', message: expect.stringMatching(/only a city manager/) });
    }
    expect(await changesSince(t.strapi, before)).toEqual([]);
  });
});

describe('allowed through the Document Service', () => {
  test("市南区's editor updates and publishes its own guide in an admin request: stored", async () => {
    const own = await guideId(t.strapi, shinanApproval);
    expect(await as(shinan.id, () => guides().update({ documentId: own, locale: 'zh-Hans', data: { phone: '0532-10100001', unitCode: UNIT.shinan } }))).toBeNull();
    expect(await as(shinan.id, () => guides().publish({ documentId: own, locale: 'zh-Hans' }))).toBeNull();
    const rows = await guideRows(t.strapi, own);
    expect(rows.filter((r) => r.locale === 'zh-Hans').map((r) => [r.publishedAt !== null, r.phone])).toEqual([
      [false, '0532-10100001'],
      [true, '0532-10100001'],
    ]);
  });

  test("胶州市's subtree editor updates its grandchild 常州路社区's guide: stored", async () => {
    const g = await guideId(t.strapi, guideRef('QD-MI-001', 'community-registration', UNIT.changzhou));
    expect(await as(jiaozhou.id, () => guides().update({ documentId: g, locale: 'zh-Hans', data: { phone: '0532-10100002' } }))).toBeNull();
    expect((await guideRows(t.strapi, g)).filter((r) => r.publishedAt === null).map((r) => r.phone)).toEqual(['0532-10100002', '0532-10100002']);
  });

  test("the city manager moves 市北区's QD-SI-001/district-review guide to 莱西市 in an admin request: stored", async () => {
    const g = await guideId(t.strapi, guideRef('QD-SI-001', 'district-review', UNIT.shibei));
    expect(await as(cityManager.id, () => guides().update({ documentId: g, locale: 'zh-Hans', data: { unitCode: UNIT.laixi, departmentCode: '370285-SI' } }))).toBeNull();
    expect((await guideRows(t.strapi, g)).filter((r) => r.publishedAt === null).map((r) => r.unitCode)).toEqual([UNIT.laixi, UNIT.laixi]);
  });

  test('the city manager updates an item in an admin request: stored', async () => {
    const item = ((await t.strapi.db.query('plugin::linkage.item').findOne({ where: { code: 'QD-SI-001' }, select: ['documentId'] })) as { documentId: string }).documentId;
    expect(
      await as(cityManager.id, () => documents('plugin::linkage.item').update({ documentId: item, locale: 'zh-Hans', data: { summary: '企业职工退休资格认定(市级统一管理)' } }))
    ).toBeNull();
  });

  test("the super admin updates any unit's guide in an admin request: stored", async () => {
    const g = await guideId(t.strapi, guideRef('QD-CA-001', 'community-acceptance', UNIT.huiquan));
    expect(await as(superAdminId, () => guides().update({ documentId: g, locale: 'zh-Hans', data: { phone: '0532-10100003' } }))).toBeNull();
    expect((await guideRows(t.strapi, g)).filter((r) => r.publishedAt === null).map((r) => r.phone)).toEqual(['0532-10100003', '0532-10100003']);
  });

  test("outside any request (seeding, the command line) the guard does not refuse the write 市南区's editor was refused: 市北区's guide is updated", async () => {
    const g = await guideId(t.strapi, shibeiApproval);
    expect(t.strapi.requestContext.get()).toBeUndefined();
    expect(await refusalOf(() => guides().update({ documentId: g, locale: 'zh-Hans', data: { phone: '0532-10100004' } }))).toBeNull();
    expect((await guideRows(t.strapi, g)).filter((r) => r.publishedAt === null).map((r) => r.phone)).toEqual(['0532-10100004', '0532-10100004']);
  });
});
