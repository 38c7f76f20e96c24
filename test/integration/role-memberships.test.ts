// Memberships give scope: the plugin's admin API /linkage/memberships behind its own RBAC actions
// (read: city manager and auditor; manage: city manager), its validation, GET /linkage/me, a
// membership removed (and one added) while the editor is signed in, two memberships at once, and
// both locales.
import type { Response } from 'supertest';
import { createAdmin, ROLES } from '../support/admins';
import { fieldErrors } from '../support/content-manager';
import {
  GUIDE,
  UNIT,
  changesSince,
  contentManagerAs,
  demoGuidesOf,
  errorMessage,
  expectDenied,
  guideId,
  guideRef,
  guideRows,
  listedGuides,
  subtreeOf,
  type Signed,
} from '../support/roles-matrix';
import { storedData } from '../support/stored-data';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

interface MembershipView {
  documentId: string;
  email: string | null;
  unitCode: string;
  unitName: string | null;
  scope: 'unit' | 'subtree';
}

let t: TestStrapi;
let cityManager: Signed;
let auditor: Signed;
let shinan: Signed;
let jiaozhou: Signed;
let twoUnits: Signed;
let leaving: Signed;
let joining: Signed;
let superAdmin: { Authorization: string };

const memberships = (who: { Authorization: string }, query = '') => t.http.get(`/linkage/memberships${query}`).set(who);
const addMembership = (who: { Authorization: string }, body: object) => t.http.post('/linkage/memberships').set(who).send(body);
const removeMembership = (who: { Authorization: string }, documentId: string) => t.http.delete(`/linkage/memberships/${documentId}`).set(who);
const membershipOf = async (email: string, unitCode: string): Promise<MembershipView> => {
  const res = await memberships(superAdmin, `?email=${encodeURIComponent(email)}&unitCode=${unitCode}`);
  expect(res.body.data).toHaveLength(1);
  return res.body.data[0];
};

beforeAll(async () => {
  t = await startDemoStrapi();
  superAdmin = { Authorization: `Bearer ${await t.adminToken()}` };
  cityManager = await createAdmin(t, 'city-manager@linkage.test', [ROLES.cityManager]);
  auditor = await createAdmin(t, 'auditor@linkage.test', [ROLES.auditor]);
  shinan = await createAdmin(t, 'shinan@linkage.test', [ROLES.unitEditor], [{ unitCode: UNIT.shinan }]);
  jiaozhou = await createAdmin(t, 'jiaozhou@linkage.test', [ROLES.unitEditor], [{ unitCode: UNIT.jiaozhou, scope: 'subtree' }]);
  twoUnits = await createAdmin(t, 'two-units@linkage.test', [ROLES.unitEditor], [{ unitCode: UNIT.shinan }, { unitCode: UNIT.jiaozhou }]);
  leaving = await createAdmin(t, 'leaving@linkage.test', [ROLES.unitEditor], [{ unitCode: UNIT.badaguan }]);
  joining = await createAdmin(t, 'joining@linkage.test', [ROLES.unitEditor]);
});
afterAll(async () => {
  await t?.stop();
});

describe('the memberships admin API is behind its own RBAC actions', () => {
  const refusals: Array<{ what: string; res: Response }> = [];

  test.each([
    ['the city manager', () => cityManager.auth],
    ['the auditor', () => auditor.auth],
    ['the super admin', () => superAdmin],
  ])('%s may list memberships (memberships.read): 200 with email, unit and scope', async (_who, auth) => {
    const res = await memberships(auth());
    expect(res.status).toBe(200);
    const rows = (res.body.data as MembershipView[]).map((m) => `${m.email} ${m.unitCode} ${m.scope}`);
    expect(rows).toEqual(
      expect.arrayContaining([
        `shinan@linkage.test ${UNIT.shinan} unit`,
        `jiaozhou@linkage.test ${UNIT.jiaozhou} subtree`,
        `two-units@linkage.test ${UNIT.shinan} unit`,
        `two-units@linkage.test ${UNIT.jiaozhou} unit`,
      ])
    );
    expect((res.body.data as MembershipView[]).find((m) => m.email === 'jiaozhou@linkage.test')?.unitName).toBe('胶州市');
  });

  test('the list filters by email and by unit', async () => {
    const byEmail = await memberships(cityManager.auth, '?email=two-units@linkage.test');
    expect((byEmail.body.data as MembershipView[]).map((m) => m.unitCode)).toEqual([UNIT.shinan, UNIT.jiaozhou]);
    const byUnit = await memberships(cityManager.auth, `?unitCode=${UNIT.shinan}`);
    expect((byUnit.body.data as MembershipView[]).map((m) => m.email).sort()).toEqual(['shinan@linkage.test', 'two-units@linkage.test']);
  });

  test('an editor may not list memberships: 403', async () => {
    const res = await memberships(shinan.auth);
    refusals.push({ what: 'editor GET /linkage/memberships', res });
    expect(res.status).toBe(403);
  });

  test('the auditor and editors may not add or remove memberships (memberships.manage): 403, data unchanged', async () => {
    const before = await storedData(t.strapi);
    const target = await membershipOf('shinan@linkage.test', UNIT.shinan);
    for (const [who, auth] of [
      ['auditor', auditor.auth],
      ['editor', shinan.auth],
    ] as const) {
      const add = await addMembership(auth, { email: `${who === 'auditor' ? 'auditor' : 'shinan'}@linkage.test`, unitCode: UNIT.shibei, scope: 'unit' });
      refusals.push({ what: `${who} POST /linkage/memberships`, res: add });
      expect({ who, status: add.status }).toEqual({ who, status: 403 });
      const remove = await removeMembership(auth, target.documentId);
      refusals.push({ what: `${who} DELETE /linkage/memberships/:id`, res: remove });
      expect({ who, status: remove.status }).toEqual({ who, status: 403 });
    }
    expect(await changesSince(t.strapi, before)).toEqual([]);
  });

  test('every refusal of the memberships API says why, not a bare "Forbidden" or "Policy Failed"', () => {
    expect(refusals).toHaveLength(5);
    const bare = refusals.filter(({ res }) => /^(Forbidden|Policy Failed)?$/.test(errorMessage(res))).map(({ what, res }) => `${what}: "${errorMessage(res)}"`);
    expect(bare).toEqual([]);
  });
});

describe('adding a membership: validation errors are 400 naming the field, and nothing is stored', () => {
  const cases: Array<[string, string, object, RegExp]> = [
    ['an unknown email', 'email', { email: 'nobody@nowhere.test', unitCode: UNIT.shinan }, /nobody@nowhere\.test/],
    ['no email', 'email', { unitCode: UNIT.shinan }, /required/],
    ['an unknown unit', 'unitCode', { email: 'joining@linkage.test', unitCode: '370299000000' }, /370299000000/],
    ['no unit', 'unitCode', { email: 'joining@linkage.test' }, /required/],
    ['a bad scope', 'scope', { email: 'joining@linkage.test', unitCode: UNIT.shinan, scope: 'everything' }, /unit.*subtree.*everything/],
    ['a membership the user already has', 'unitCode', { email: 'shinan@linkage.test', unitCode: UNIT.shinan }, /already a member/],
  ];
  test.each(cases)('%s: 400, the error is on %s', async (_what, field, body, reason) => {
    const before = await storedData(t.strapi);
    const res = await addMembership(cityManager.auth, body);
    expect(res.status).toBe(400);
    const errors = fieldErrors(res.body);
    expect(errors.filter((e) => e.startsWith(`${field}: `))).toEqual([expect.stringMatching(reason)]);
    expect(await changesSince(t.strapi, before)).toEqual([]);
  });

  test('all three at once (unknown email, unknown unit, bad scope): one 400 naming each field', async () => {
    const res = await addMembership(cityManager.auth, { email: 'ghost@nowhere.test', unitCode: '370299000000', scope: 'wide' });
    expect(res.status).toBe(400);
    expect(
      fieldErrors(res.body)
        .map((e) => e.split(':')[0])
        .sort()
    ).toEqual(['email', 'scope', 'unitCode']);
  });
});

describe('GET /linkage/me shows the signed-in admin and the units their memberships cover', () => {
  test('an editor of two units: both units, with their names in both locales', async () => {
    const res = await t.http.get('/linkage/me').set(twoUnits.auth);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ email: 'two-units@linkage.test', isSuperAdmin: false, isCityManager: false, isAuditor: false });
    expect(res.body.data.units).toEqual([
      { code: UNIT.shinan, level: 'district', name: { 'zh-Hans': '市南区', en: 'Shinan District' } },
      { code: UNIT.jiaozhou, level: 'district', name: { 'zh-Hans': '胶州市', en: 'Jiaozhou City' } },
    ]);
  });

  test("胶州市's subtree editor: 胶州市 and every unit below it", async () => {
    const res = await t.http.get('/linkage/me').set(jiaozhou.auth);
    expect((res.body.data.units as Array<{ code: string }>).map((u) => u.code)).toEqual(subtreeOf(UNIT.jiaozhou));
  });

  test('the city manager and the auditor: their role, no units; without a token: 401', async () => {
    expect((await t.http.get('/linkage/me').set(cityManager.auth)).body.data).toMatchObject({ isCityManager: true, isAuditor: false, units: [] });
    expect((await t.http.get('/linkage/me').set(auditor.auth)).body.data).toMatchObject({ isCityManager: false, isAuditor: true, units: [] });
    expect((await t.http.get('/linkage/me')).status).toBe(401);
  });
});

describe('a membership removed while the editor is signed in', () => {
  const own = guideRef('QD-CA-001', 'street-review', UNIT.badaguan);

  test("before: 八大关街道's editor lists its 2 guides and may edit them", async () => {
    const cm = contentManagerAs(t, leaving);
    expect(listedGuides(await cm.list(GUIDE))).toEqual(demoGuidesOf([UNIT.badaguan]));
    expect((await cm.update(GUIDE, await guideId(t.strapi, own), { phone: '0532-80800001' })).status).toBe(200);
  });

  test('the city manager removes the membership through DELETE /linkage/memberships/:documentId: 200, gone from the list', async () => {
    const membership = await membershipOf('leaving@linkage.test', UNIT.badaguan);
    const res = await removeMembership(cityManager.auth, membership.documentId);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ email: 'leaving@linkage.test', unitCode: UNIT.badaguan });
    expect((await memberships(cityManager.auth, '?email=leaving@linkage.test')).body.data).toEqual([]);
  });

  test("after, with the same token: the editor's list is empty, /linkage/me shows no unit, and every write is refused with data unchanged", async () => {
    const cm = contentManagerAs(t, leaving);
    const list = await cm.list(GUIDE);
    expect({ status: list.status, total: list.body.pagination.total }).toEqual({ status: 200, total: 0 });
    expect((await t.http.get('/linkage/me').set(leaving.auth)).body.data.units).toEqual([]);
    const before = await storedData(t.strapi);
    const documentId = await guideId(t.strapi, own);
    for (const res of [
      await cm.update(GUIDE, documentId, { phone: '0532-80800002' }),
      await cm.publish(GUIDE, documentId, {}),
      await cm.remove(GUIDE, documentId),
      await cm.get(GUIDE, documentId),
    ]) {
      expect({ status: res.status, message: errorMessage(res) }).toEqual({ status: 403, message: expect.stringMatching(/no unit|membership|outside your units/) });
    }
    expect(await changesSince(t.strapi, before)).toEqual([]);
  });

  test('removing a membership that no longer exists: 404', async () => {
    const res = await removeMembership(cityManager.auth, 'no-such-membership');
    expect(res.status).toBe(404);
  });
});

describe('a membership added while the editor is signed in', () => {
  test("the city manager adds 胶州市 with scope subtree (201); the editor's next list shows 胶州市's and every guide below it", async () => {
    const cm = contentManagerAs(t, joining);
    expect((await cm.list(GUIDE)).body.pagination.total).toBe(0);
    const res = await addMembership(cityManager.auth, { email: 'Joining@linkage.test', unitCode: UNIT.jiaozhou, scope: 'subtree' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ email: 'joining@linkage.test', unitCode: UNIT.jiaozhou, unitName: '胶州市', scope: 'subtree' });
    expect(listedGuides(await cm.list(GUIDE))).toEqual(demoGuidesOf(subtreeOf(UNIT.jiaozhou)));
  });

  test('a membership with no scope given covers that unit only', async () => {
    const res = await addMembership(cityManager.auth, { email: 'joining@linkage.test', unitCode: UNIT.pingdu });
    expect(res.status).toBe(201);
    expect(res.body.data.scope).toBe('unit');
    expect(listedGuides(await contentManagerAs(t, joining).list(GUIDE))).toEqual(demoGuidesOf([...subtreeOf(UNIT.jiaozhou), UNIT.pingdu]));
  });
});

describe('two memberships at once (市南区 + 胶州市)', () => {
  test("the list shows both units' guides and nothing else, in both locales", async () => {
    const cm = contentManagerAs(t, twoUnits);
    const expected = demoGuidesOf([UNIT.shinan, UNIT.jiaozhou]);
    expect(expected).toHaveLength(9);
    for (const locale of ['zh-Hans', 'en']) {
      const res = await cm.list(GUIDE, locale);
      expect({ locale, total: res.body.pagination.total, guides: listedGuides(res) }).toEqual({ locale, total: 9, guides: expected });
    }
  });

  test("both units' guides are editable: 200 each, stored", async () => {
    const cm = contentManagerAs(t, twoUnits);
    for (const g of [guideRef('QD-MI-001', 'district-confirmation', UNIT.shinan), guideRef('QD-MI-001', 'district-confirmation', UNIT.jiaozhou)]) {
      const documentId = await guideId(t.strapi, g);
      expect((await cm.update(GUIDE, documentId, { phone: '0532-90900001' })).status).toBe(200);
      expect((await guideRows(t.strapi, documentId)).filter((r) => r.publishedAt === null).map((r) => r.phone)).toEqual(['0532-90900001', '0532-90900001']);
    }
  });

  test("a child unit's guide (八大关街道, below 市南区) stays out of reach: 403 naming it, data unchanged", async () => {
    const before = await storedData(t.strapi);
    const child = await guideId(t.strapi, guideRef('QD-HOUSING-001', 'street-review', UNIT.badaguan));
    expectDenied(await contentManagerAs(t, twoUnits).update(GUIDE, child, { phone: '1' }), UNIT.badaguan, /outside your units/);
    expect(await changesSince(t.strapi, before)).toEqual([]);
  });

  test('moving a guide from 市南区 to 胶州市, both their own: 403, only a city manager may, data unchanged', async () => {
    const before = await storedData(t.strapi);
    const documentId = await guideId(t.strapi, guideRef('QD-CA-001', 'district-approval', UNIT.shinan));
    const res = await contentManagerAs(t, twoUnits).update(GUIDE, documentId, { unitCode: UNIT.jiaozhou, departmentCode: '370281-CA' });
    expectDenied(res, UNIT.shinan, /only a city manager/);
    expect(errorMessage(res)).toContain(UNIT.jiaozhou);
    expect(await changesSince(t.strapi, before)).toEqual([]);
  });
});

describe('both locales', () => {
  test('the en list is filtered exactly like the zh-Hans list (same documents): unit, subtree and no-membership editors, the auditor', async () => {
    for (const admin of [shinan, jiaozhou, leaving, auditor]) {
      const cm = contentManagerAs(t, admin);
      const ids = async (locale: string) => ((await cm.list(GUIDE, locale)).body.results as Array<{ documentId: string }>).map((g) => g.documentId).sort();
      expect(await ids('en')).toEqual(await ids('zh-Hans'));
    }
  });

  test("an en update of the editor's own guide works: the en version changes, the zh-Hans one keeps its localized text", async () => {
    const g = guideRef('QD-HOUSING-001', 'district-review', UNIT.shinan);
    const documentId = await guideId(t.strapi, g);
    const zhBefore = (await t.strapi.db.query(GUIDE).findOne({ where: { documentId, locale: 'zh-Hans', publishedAt: null }, select: ['address'] })) as { address: string };
    const res = await contentManagerAs(t, shinan).update(GUIDE, documentId, { address: 'Shinan Housing Bureau, new hall' }, 'en');
    expect(res.status).toBe(200);
    const drafts = (await t.strapi.db.query(GUIDE).findMany({ where: { documentId, publishedAt: null }, select: ['locale', 'address'], orderBy: { locale: 'asc' } })) as Array<{
      locale: string;
      address: string;
    }>;
    expect(drafts).toEqual([
      { locale: 'en', address: 'Shinan Housing Bureau, new hall' },
      { locale: 'zh-Hans', address: zhBefore.address },
    ]);
  });

  test("an en update, publish or delete of another unit's guide is refused: 403 naming the unit, data unchanged", async () => {
    const before = await storedData(t.strapi);
    const cm = contentManagerAs(t, shinan);
    const other = await guideId(t.strapi, guideRef('QD-HOUSING-001', 'district-review', UNIT.shibei));
    expectDenied(await cm.update(GUIDE, other, { address: 'Elsewhere' }, 'en'), UNIT.shibei, /outside your units/);
    expectDenied(await cm.publish(GUIDE, other, {}, 'en'), UNIT.shibei, /outside your units/);
    expectDenied(await cm.remove(GUIDE, other, 'en'), UNIT.shibei, /outside your units/);
    expect(await changesSince(t.strapi, before)).toEqual([]);
  });

  test("adding the missing en version to another unit's guide is refused (403 naming it); adding it to its own works (200)", async () => {
    const city = contentManagerAs(t, cityManager);
    const cm = contentManagerAs(t, shinan);
    const other = guideRef('QD-MI-001', 'district-confirmation', UNIT.shibei);
    const own = guideRef('QD-CA-001', 'district-approval', UNIT.shinan);
    const otherId = await guideId(t.strapi, other);
    const ownId = await guideId(t.strapi, own);
    expect((await city.remove(GUIDE, otherId, 'en')).status).toBe(200);
    expect((await city.remove(GUIDE, ownId, 'en')).status).toBe(200);

    const before = await storedData(t.strapi);
    const otherForm = { ...other, departmentCode: '370203-MI', phone: '0532-12393', address: 'Shibei Healthcare Security Bureau' };
    expectDenied(await cm.update(GUIDE, otherId, otherForm, 'en'), UNIT.shibei, /outside your units/);
    expect(await changesSince(t.strapi, before)).toEqual([]);

    const ownForm = { ...own, departmentCode: '370202-CA', phone: '0532-12349', address: 'Shinan Civil Affairs Bureau' };
    const res = await cm.update(GUIDE, ownId, ownForm, 'en');
    expect(res.status).toBe(200);
    expect((await guideRows(t.strapi, ownId)).filter((r) => r.locale === 'en').map((r) => [r.unitCode, r.publishedAt])).toEqual([[UNIT.shinan, null]]);
  });
});
