// "My guides" (issue 6, item 3): GET /linkage/my-guides lists exactly the current editor's guides
// with status, completeness and due date, and the guides their units are expected to have but lack;
// POST /linkage/my-guides/missing creates one such guide's empty draft in one call (through the
// Document Service, so the scope guard applies).
import { createAdmin, ROLES } from '../support/admins';
import { GUIDE, UNIT, contentManagerAs, demoGuidesOf, errorMessage, type Signed } from '../support/roles-matrix';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

interface MyGuide {
  documentId: string;
  key: string;
  status: string;
  completeness: { draftMissing: string[]; publishedMissing: string[] | null; complete: boolean };
  dueOn: string | null;
  overdueDays: number;
  rule: { key: string } | null;
}
interface Missing {
  itemCode: string;
  stageKey: string;
  unitCode: string;
  departmentCode: string;
}
interface MyGuides {
  units: string[] | null;
  guides: MyGuide[];
  pagination: { total: number; page: number; pageSize: number; pageCount: number };
  missing: Missing[];
}

let t: TestStrapi;
let laixi: Signed;
let shinan: Signed;
let shibei: Signed;
let laoshan: Signed;
let cityManager: Signed;

const myGuides = async (who: Signed, query = ''): Promise<MyGuides> => {
  const res = await t.http.get(`/linkage/my-guides${query}`).set(who.auth);
  expect(res.status).toBe(200);
  return res.body.data;
};
const createMissing = (who: Signed, body: object) => t.http.post('/linkage/my-guides/missing').set(who.auth).send(body);

beforeAll(async () => {
  t = await startDemoStrapi();
  laixi = await createAdmin(t, 'laixi@linkage.test', [ROLES.unitEditor], [{ unitCode: UNIT.laixi }]);
  shinan = await createAdmin(t, 'shinan@linkage.test', [ROLES.unitEditor], [{ unitCode: UNIT.shinan }]);
  shibei = await createAdmin(t, 'shibei@linkage.test', [ROLES.unitEditor], [{ unitCode: UNIT.shibei }]);
  laoshan = await createAdmin(t, 'laoshan@linkage.test', [ROLES.unitEditor], [{ unitCode: UNIT.laoshan }]);
  cityManager = await createAdmin(t, 'city-manager@linkage.test', [ROLES.cityManager]);
});
afterAll(async () => {
  await t?.stop();
});

describe('GET /linkage/my-guides', () => {
  test.each([
    ['莱西市', () => laixi, UNIT.laixi],
    ['市南区', () => shinan, UNIT.shinan],
  ])("%s's editor sees exactly their unit's guides", async (_name, who, unit) => {
    const found = await myGuides(who());
    expect(found.units).toEqual([unit]);
    expect(found.guides.map((g) => g.key).sort()).toEqual(demoGuidesOf([unit]).sort());
    expect(found.pagination.total).toBe(found.guides.length);
  });

  test('莱西市 lacks exactly its retirement review guide (QD-SI-001 district-review); 市南区 lacks none', async () => {
    expect((await myGuides(laixi)).missing).toEqual([
      expect.objectContaining({ itemCode: 'QD-SI-001', stageKey: 'district-review', unitCode: UNIT.laixi, departmentCode: '370285-SI' }),
    ]);
    expect((await myGuides(shinan)).missing).toEqual([]);
  });

  test("status, completeness and due dates: 市北区's retirement guide is incomplete, 崂山区's approval overdue", async () => {
    const shibeiGuides = (await myGuides(shibei)).guides.filter((g) => g.key.startsWith('QD-SI-001/'));
    expect(shibeiGuides.some((g) => !g.completeness.complete && g.completeness.draftMissing.length > 0)).toBe(true);
    const approval = (await myGuides(laoshan)).guides.find((g) => g.key === `QD-SI-001/district-approval/${UNIT.laoshan}`);
    expect(approval).toMatchObject({ status: 'published', rule: { key: 'guides-social-security' } });
    expect(approval?.overdueDays).toBeGreaterThan(0);
    for (const g of (await myGuides(shinan)).guides)
      expect({ key: g.key, overdue: g.overdueDays, complete: g.completeness.complete }).toEqual({ key: g.key, overdue: 0, complete: true });
  });

  test('a city manager sees every guide a page at a time, or one unit', async () => {
    const page = await myGuides(cityManager, '?pageSize=10&page=2');
    expect(page.units).toBeNull();
    expect(page.guides).toHaveLength(10);
    expect(page.pagination).toMatchObject({ page: 2, pageSize: 10, total: 88, pageCount: 9 });
    expect(page.missing.map((m) => `${m.itemCode}/${m.stageKey}/${m.unitCode}`)).toEqual([`QD-SI-001/district-review/${UNIT.laixi}`]);
    const one = await myGuides(cityManager, `?unitCode=${UNIT.laixi}`);
    expect(one.guides.map((g) => g.key).sort()).toEqual(demoGuidesOf([UNIT.laixi]).sort());
  });

  test('which guides are expected has one answer: My guides lacks what the ownership report reports missing', async () => {
    const res = await t.http.get('/linkage/reports/ownership/records?limit=5000&category=missing').set(cityManager.auth);
    expect(res.status).toBe(200);
    const reported = (res.body.data.rows as Array<{ itemCode: string; stageKey: string; unitCode: string }>).map((m) => `${m.itemCode}/${m.stageKey}/${m.unitCode}`);
    const lacking = (await myGuides(cityManager)).missing.map((m) => `${m.itemCode}/${m.stageKey}/${m.unitCode}`);
    expect(lacking.sort()).toEqual(reported.sort());
    expect(lacking).toHaveLength(1);
  });

  test('an editor asking for another unit: 403', async () => {
    const res = await t.http.get(`/linkage/my-guides?unitCode=${UNIT.shibei}`).set(shinan.auth);
    expect(res.status).toBe(403);
    expect(errorMessage(res)).toContain(UNIT.shibei);
  });
});

describe('POST /linkage/my-guides/missing', () => {
  const body = { itemCode: 'QD-SI-001', stageKey: 'district-review', unitCode: UNIT.laixi };

  test("市南区's editor may not create 莱西市's guide: 403, nothing created", async () => {
    const res = await createMissing(shinan, body);
    expect(res.status).toBe(403);
    expect(errorMessage(res)).toContain(UNIT.laixi);
    expect(await t.strapi.db.query(GUIDE).count({ where: body })).toBe(0);
  });

  test('a stage the unit is not expected to handle: 400', async () => {
    const res = await createMissing(laixi, { ...body, stageKey: 'district-approval-nope' });
    expect(res.status).toBe(400);
  });

  test("莱西市's editor creates the draft in one call; it is then among their guides, no longer missing", async () => {
    const res = await createMissing(laixi, body);
    expect(res.status).toBe(201);
    const { documentId } = res.body.data as { documentId: string };
    const found = await myGuides(laixi);
    expect(found.missing).toEqual([]);
    expect(found.guides.find((g) => g.documentId === documentId)).toMatchObject({ key: `QD-SI-001/district-review/${UNIT.laixi}`, status: 'draft' });
    // The editor can open and edit it in the Content Manager.
    const cm = contentManagerAs(t, laixi);
    expect((await cm.get(GUIDE, documentId)).status).toBe(200);
    // A second call: the guide exists, refused by the guide checks.
    const again = await createMissing(laixi, body);
    expect(again.status).toBe(400);
  });
});

describe('what needs an editor first', () => {
  test('the whole city for a city manager: overdue first (the longest first), then incomplete, with counts and recent changes', async () => {
    const all = (await myGuides(cityManager, '?pageSize=200')) as MyGuides & {
      order: string;
      counts: Record<string, number>;
      recent: Array<{ action: string; subjectKey: string; title: Record<string, string> | null }>;
    };
    expect(all.order).toBe('attention');
    // docs/design.md §6: 崂山区's retirement approval and 城阳区's allowance approval are overdue; three guides are incomplete.
    expect(all.guides.slice(0, 2).map((g) => g.key)).toEqual(['QD-SI-001/district-approval/370212000000', 'QD-CA-001/district-approval/370214000000']);
    expect(all.guides[0].overdueDays).toBeGreaterThan(all.guides[1].overdueDays);
    expect(all.guides.slice(2, 5).every((g) => !g.completeness.complete)).toBe(true);
    // The three of docs/design.md §6, and 莱西市's empty draft created above.
    expect(all.counts).toMatchObject({ overdue: 2, incomplete: 4 });
    expect(all.recent.length).toBeGreaterThan(0);
    expect(all.recent.filter((r) => r.subjectKey.split('/').length === 3).every((r) => r.title?.['zh-Hans'])).toBe(true);
  });

  test('an editor sees their own unit only, overdue on top', async () => {
    const mine = await myGuides(laoshan);
    expect(mine.guides[0]).toMatchObject({ key: 'QD-SI-001/district-approval/370212000000' });
    expect(mine.guides[0].overdueDays).toBeGreaterThan(0);
    expect(mine.guides.every((g) => g.key.endsWith('/370212000000'))).toBe(true);
  });
});
