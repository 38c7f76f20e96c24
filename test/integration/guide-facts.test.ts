// The ownership report's facts table (guide-fact), kept in step with the guides in the write's own
// transaction: an edit that empties a required field is seen by the report at once; a refused write
// leaves the fact as it was; a review clears the overdue; a deleted guide's fact goes and the guide
// shows as missing; a full rebuild gives exactly the facts the incremental path wrote.
import { createAdmin, ROLES } from '../support/admins';
import { GUIDE, UNIT, contentManagerAs, guideId, guideRef, type Signed } from '../support/roles-matrix';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

const GUIDE_FACT = 'plugin::linkage.guide-fact';

let t: TestStrapi;
let shinan: Signed;
let laoshan: Signed;
let auditor: Signed;
let cityManager: Signed;

interface Fact {
  guideDocumentId: string;
  itemCode: string;
  stageKey: string;
  unitCode: string;
  departmentCode: string;
  status: string;
  complete: boolean;
  missingFields: string;
  createdOn: string;
  lastReviewedAt: string | null;
}

type ReportService = { rebuildFacts(): Promise<number>; refreshFacts(documentId: string): Promise<void> };
const report = () => t.strapi.plugin('linkage').service('guide-facts') as ReportService;

/** The facts as comparable values (booleans and datetimes normalised across dialects). */
const facts = async (where: object = {}): Promise<Fact[]> => {
  const rows = (await t.strapi.db.query(GUIDE_FACT).findMany({ where, orderBy: { guideDocumentId: 'asc' } })) as Array<Fact & Record<string, unknown>>;
  return rows.map((r) => ({
    guideDocumentId: r.guideDocumentId,
    itemCode: r.itemCode,
    stageKey: r.stageKey,
    unitCode: r.unitCode,
    departmentCode: r.departmentCode,
    status: r.status,
    complete: Boolean(r.complete),
    missingFields: r.missingFields ?? '',
    createdOn: r.createdOn,
    lastReviewedAt: r.lastReviewedAt ? new Date(r.lastReviewedAt).toISOString() : null,
  }));
};
const factOf = async (documentId: string): Promise<Fact | undefined> => (await facts({ guideDocumentId: documentId }))[0];

interface Row {
  documentId: string | null;
  itemCode: string;
  stageKey: string;
  unitCode: string;
  missingFields: string[];
  overdueDays: number;
}
const records = async (query: string): Promise<Row[]> => {
  const res = await t.http.get(`/linkage/reports/ownership/records?limit=5000&${query}`).set(auditor.auth);
  expect(res.status).toBe(200);
  return res.body.data.rows as Row[];
};
const key = (r: { itemCode: string; stageKey: string; unitCode: string }) => `${r.itemCode}/${r.stageKey}/${r.unitCode}`;

beforeAll(async () => {
  t = await startDemoStrapi();
  shinan = await createAdmin(t, 'shinan@linkage.test', [ROLES.unitEditor], [{ unitCode: UNIT.shinan }]);
  laoshan = await createAdmin(t, 'laoshan@linkage.test', [ROLES.unitEditor], [{ unitCode: '370212000000' }]);
  auditor = await createAdmin(t, 'auditor@linkage.test', [ROLES.auditor]);
  cityManager = await createAdmin(t, 'city-manager@linkage.test', [ROLES.cityManager]);
});
afterAll(async () => {
  await t?.stop();
});

test('every demo guide has one fact, and reading the report does not rebuild them', async () => {
  const ids = async () => ((await t.strapi.db.query(GUIDE_FACT).findMany({ select: ['id'], orderBy: { id: 'asc' } })) as Array<{ id: number }>).map((r) => r.id);
  const before = await ids();
  await records('category=incomplete');
  expect(await ids()).toEqual(before);
  const all = await facts();
  expect(all).toHaveLength(88);
  expect(new Set(all.map((f) => f.guideDocumentId)).size).toBe(88);
  expect(
    all
      .filter((f) => !f.complete)
      .map(key)
      .sort()
  ).toEqual(['QD-CA-001/community-acceptance/370281001002', 'QD-SI-001/district-approval/370203000000', 'QD-SI-001/district-review/370283000000']);
});

test("an editor's publish that empties a required field makes the fact incomplete with that field, in the same request", async () => {
  const documentId = await guideId(t.strapi, guideRef('QD-SI-001', 'district-approval', UNIT.shinan));
  const before = await factOf(documentId);
  expect(before).toMatchObject({ complete: true, missingFields: '', status: 'published' });
  const cm = contentManagerAs(t, shinan);
  const res = await cm.publish(GUIDE, documentId, { fee: '  ' });
  expect(res.status).toBe(200);
  // No waiting: the fact was written in the publish's transaction.
  expect(await factOf(documentId)).toMatchObject({ complete: false, missingFields: 'fee', status: 'published' });
  const incomplete = await records(`category=incomplete&unit=${UNIT.shinan}`);
  expect(incomplete.map((r) => [key(r), r.missingFields])).toEqual([[`QD-SI-001/district-approval/${UNIT.shinan}`, ['fee']]]);
  // Filled again: complete again.
  expect((await cm.publish(GUIDE, documentId, { fee: '免费' })).status).toBe(200);
  expect(await factOf(documentId)).toMatchObject({ complete: true, missingFields: '' });
});

test('a write refused by validation leaves the fact exactly as it was', async () => {
  const documentId = await guideId(t.strapi, guideRef('QD-SI-001', 'district-approval', UNIT.shinan));
  const before = await t.strapi.db.query(GUIDE_FACT).findOne({ where: { guideDocumentId: documentId } });
  const cm = contentManagerAs(t, shinan);
  const refused = await cm.publish(GUIDE, documentId, { fee: '', departmentCode: 'NO-SUCH-DEPT' });
  expect(refused.status).toBe(400);
  const update = await cm.update(GUIDE, documentId, { fee: '', stageKey: 'no-such-stage' });
  expect(update.status).toBe(400);
  expect(await t.strapi.db.query(GUIDE_FACT).findOne({ where: { guideDocumentId: documentId } })).toEqual(before);
});

test('marking an overdue guide reviewed (POST /linkage/reviews) clears its overdue at once', async () => {
  const ref = guideRef('QD-SI-001', 'district-approval', '370212000000');
  const documentId = await guideId(t.strapi, ref);
  const overdue = () => records('category=overdue&unit=370212000000').then((rows) => rows.map(key));
  expect(await overdue()).toContain(key(ref));
  const res = await t.http.post('/linkage/reviews').set(laoshan.auth).send({ uid: GUIDE, documentId, note: '已核对' });
  expect(res.status).toBe(201);
  expect(await overdue()).not.toContain(key(ref));
  const fact = await factOf(documentId);
  expect(fact?.lastReviewedAt?.slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
  const [row] = (await records(`unit=370212000000&subtree=false`)).filter((r) => r.documentId === documentId);
  expect(row).toMatchObject({ overdueDays: 0 });
});

test('deleting a guide removes its fact, and the guide shows as missing', async () => {
  const ref = guideRef('QD-SI-001', 'district-approval', UNIT.shinan);
  const documentId = await guideId(t.strapi, ref);
  expect(await records(`category=missing&unit=${UNIT.shinan}&subtree=false`)).toEqual([]);
  const cm = contentManagerAs(t, cityManager);
  for (const locale of ['en', 'zh-Hans']) expect((await cm.remove(GUIDE, documentId, locale)).status).toBe(200);
  expect(await factOf(documentId)).toBeUndefined();
  expect((await records(`category=missing&unit=${UNIT.shinan}&subtree=false`)).map(key)).toEqual([key(ref)]);
});

test('a rebuild gives exactly the facts the incremental path wrote', async () => {
  const incremental = await facts();
  expect(incremental.length).toBe(87);
  const n = await report().rebuildFacts();
  expect(n).toBe(87);
  expect(await facts()).toEqual(incremental);
});
