// Reviews (issue 6, item 2): an editor marks a guide in scope reviewed without touching it, through
// POST /linkage/reviews; out of scope, as an auditor, for an unknown record or with too long a note
// it is refused and no review is written. Last-reviewed and due dates move with reviews; publishing
// a changed guide records a review, an unchanged republish does not; reviews cannot be edited.
import type { Response } from 'supertest';
import { createAdmin, ROLES } from '../support/admins';
import { GUIDE, UNIT, contentManagerAs, errorMessage, guideId, guideRef, inAdminRequest, refusalOf, type Signed } from '../support/roles-matrix';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

const REVIEW = 'plugin::linkage.review';
const AUDIT_ENTRY = 'plugin::linkage.audit-entry';

let t: TestStrapi;
let shinan: Signed;
let auditor: Signed;
let cityManager: Signed;

const today = () => new Date().toISOString().slice(0, 10);
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);

const review = (who: Signed, body: object) => t.http.post('/linkage/reviews').set(who.auth).send(body);
const assurance = async (documentId: string) => {
  const res = await t.http.get(`/linkage/guides/${documentId}/assurance`).set(cityManager.auth);
  if (res.status !== 200) throw new Error(`assurance ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
};
const reviewCount = () => t.strapi.db.query(REVIEW).count({});
const auditReviews = async () => (t.strapi.plugin('linkage').service('audit') ? t.strapi.db.query(AUDIT_ENTRY).count({ where: { action: 'review' } }) : 0);

const shinanApproval = guideRef('QD-SI-001', 'district-approval', UNIT.shinan);
const shibeiApproval = guideRef('QD-SI-001', 'district-approval', UNIT.shibei);

beforeAll(async () => {
  t = await startDemoStrapi();
  shinan = await createAdmin(t, 'shinan@linkage.test', [ROLES.unitEditor], [{ unitCode: UNIT.shinan }]);
  auditor = await createAdmin(t, 'auditor@linkage.test', [ROLES.auditor]);
  cityManager = await createAdmin(t, 'city-manager@linkage.test', [ROLES.cityManager]);
});
afterAll(async () => {
  await t?.stop();
});

describe('POST /linkage/reviews', () => {
  test('an editor reviews their own guide: 201, the review names them, and the last-reviewed and due dates move', async () => {
    const documentId = await guideId(t.strapi, shinanApproval);
    const before = await assurance(documentId);
    // The demo's review of 2026-10-15, shifted with the demo to 43 days before today.
    expect(before).toMatchObject({ lastReviewedOn: addDays(today(), -43), neverReviewed: false, rule: { key: 'guides-social-security', reviewEveryDays: 90 } });
    expect(before.dueOn).toBe(addDays(today(), 47));
    const [reviews, audits] = [await reviewCount(), await auditReviews()];

    const res = await review(shinan, { uid: GUIDE, documentId, note: '电话、地址已核对' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      subjectUid: GUIDE,
      subjectDocumentId: documentId,
      subjectKey: `QD-SI-001/district-approval/${UNIT.shinan}`,
      reviewerId: shinan.id,
      reviewerEmail: 'shinan@linkage.test',
      source: 'admin',
      note: '电话、地址已核对',
    });
    expect(res.body.data.reviewedAt.slice(0, 10)).toBe(today());
    expect(await reviewCount()).toBe(reviews + 1);
    if (t.strapi.plugin('linkage').service('audit')) expect(await auditReviews()).toBe(audits + 1);

    const after = await assurance(documentId);
    expect(after).toMatchObject({ lastReviewedOn: today(), dueOn: addDays(today(), 90), overdueDays: 0, neverReviewed: false });
  });

  test('the review changed nothing in the guide', async () => {
    const documentId = await guideId(t.strapi, shinanApproval);
    expect((await assurance(documentId)).status).toBe('published');
  });

  test("GET /linkage/reviews lists the guide's reviews, newest first, for its editor and the auditor", async () => {
    const documentId = await guideId(t.strapi, shinanApproval);
    for (const who of [shinan, auditor]) {
      const res = await t.http.get(`/linkage/reviews?uid=${GUIDE}&documentId=${documentId}`).set(who.auth);
      expect(res.status).toBe(200);
      expect((res.body.data as Array<{ source: string }>).map((r) => r.source)).toEqual(['admin', 'import']);
    }
    const other = await guideId(t.strapi, shibeiApproval);
    const refused = await t.http.get(`/linkage/reviews?uid=${GUIDE}&documentId=${other}`).set(shinan.auth);
    expect(refused.status).toBe(403);
    expect(errorMessage(refused)).toContain(UNIT.shibei);
  });

  describe('refused, and no review is written', () => {
    let before: number;
    beforeEach(async () => {
      before = await reviewCount();
    });
    afterEach(async () => {
      expect(await reviewCount()).toBe(before);
    });

    test("an editor reviewing another unit's guide: 403 naming that unit", async () => {
      const res = await review(shinan, { uid: GUIDE, documentId: await guideId(t.strapi, shibeiApproval) });
      expect(res.status).toBe(403);
      expect(errorMessage(res)).toMatch(/Shibei District \(370203000000\).*outside your units/);
    });

    test('an auditor: 403, the role does not let them review', async () => {
      const res = await review(auditor, { uid: GUIDE, documentId: await guideId(t.strapi, shinanApproval) });
      expect(res.status).toBe(403);
      expect(errorMessage(res)).toContain('plugin::linkage.reviews.create');
    });

    test('an editor reviewing an item: 403, only a city manager may', async () => {
      const item = (await t.strapi.db.query('plugin::linkage.item').findOne({ where: { code: 'QD-SI-001' } })) as { documentId: string };
      const res = await review(shinan, { uid: 'plugin::linkage.item', documentId: item.documentId });
      expect(res.status).toBe(403);
      expect(errorMessage(res)).toMatch(/only a city manager/);
    });

    test('an unknown documentId: 404', async () => {
      const res = await review(shinan, { uid: GUIDE, documentId: 'no-such-document' });
      expect(res.status).toBe(404);
    });

    test('a note over 2000 characters: 400 naming note', async () => {
      const res: Response = await review(shinan, { uid: GUIDE, documentId: await guideId(t.strapi, shinanApproval), note: 'x'.repeat(2001) });
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual(['note']);
    });

    test('an unknown uid: 400 naming uid', async () => {
      const res = await review(shinan, { uid: 'plugin::linkage.unit', documentId: 'x' });
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual(['uid']);
    });
  });

  test('a city manager may review any guide and items', async () => {
    const guide = await review(cityManager, { uid: GUIDE, documentId: await guideId(t.strapi, shinanApproval) });
    expect(guide.status).toBe(201);
    const item = (await t.strapi.db.query('plugin::linkage.item').findOne({ where: { code: 'QD-SI-001' } })) as { documentId: string };
    const res = await review(cityManager, { uid: 'plugin::linkage.item', documentId: item.documentId });
    expect(res.status).toBe(201);
    expect(res.body.data.subjectKey).toBe('QD-SI-001');
  });
});

test('a guide that lacks required fields cannot be marked reviewed: a review vouches for its content', async () => {
  const documentId = await guideId(t.strapi, shibeiApproval);
  const before = await t.strapi.db.query(REVIEW).count({ where: { subjectDocumentId: documentId } });
  const res = await review(cityManager, { uid: GUIDE, documentId });
  expect(res.status).toBe(400);
  expect(res.body.error.details.errors[0]).toMatchObject({ path: ['documentId'], reason: expect.stringMatching(/^the guide lacks conditions, materials/) });
  expect(res.body.error.message).toMatch(/^This guide lacks Conditions, Materials, .*: fill these in \(and publish\) before marking it reviewed\.$/);
  expect(await t.strapi.db.query(REVIEW).count({ where: { subjectDocumentId: documentId } })).toBe(before);
});

describe('reviews cannot be edited or deleted', () => {
  test('the Document Service refuses update and delete of a review, inside or outside a request', async () => {
    const row = (await t.strapi.db.query(REVIEW).findOne({})) as { documentId: string; note: string | null };
    const reviews = t.strapi.documents(REVIEW as 'plugin::linkage.guide') as unknown as Record<string, (p: object) => Promise<unknown>>;
    for (const work of [() => reviews.update({ documentId: row.documentId, data: { note: 'changed' } }), () => reviews.delete({ documentId: row.documentId })]) {
      expect(await refusalOf(work)).toMatchObject({ name: 'PolicyError', message: expect.stringMatching(/reviews cannot be changed/) });
      expect(await inAdminRequest(t.strapi, cityManager.id, () => refusalOf(work))).toMatchObject({ name: 'PolicyError' });
    }
    expect(((await t.strapi.db.query(REVIEW).findOne({ where: { documentId: row.documentId } })) as { note: string | null }).note).toBe(row.note);
  });
});

describe('publishing a changed guide records a review', () => {
  const publishReviews = (documentId: string) => t.strapi.db.query(REVIEW).count({ where: { subjectDocumentId: documentId, source: 'publish' } });

  test("the editor edits and publishes: one 'publish' review by them; publishing again unchanged: none", async () => {
    const documentId = await guideId(t.strapi, guideRef('QD-CA-001', 'district-approval', UNIT.shinan));
    const cm = contentManagerAs(t, shinan);
    expect(await publishReviews(documentId)).toBe(0);
    const audits = await auditReviews();

    const edited = await cm.update(GUIDE, documentId, { phone: '0532-80000001' });
    expect(edited.status).toBe(200);
    expect(await publishReviews(documentId)).toBe(0);
    const published = await cm.publish(GUIDE, documentId);
    expect(published.status).toBe(200);
    expect(await publishReviews(documentId)).toBe(1);
    const row = (await t.strapi.db.query(REVIEW).findOne({ where: { subjectDocumentId: documentId, source: 'publish' } })) as { reviewerEmail: string; subjectKey: string };
    expect(row).toMatchObject({ reviewerEmail: 'shinan@linkage.test', subjectKey: `QD-CA-001/district-approval/${UNIT.shinan}` });
    if (t.strapi.plugin('linkage').service('audit')) expect(await auditReviews()).toBe(audits + 1);
    expect((await assurance(documentId)).lastReviewedOn).toBe(today());

    const again = await cm.publish(GUIDE, documentId);
    expect(again.status).toBe(200);
    expect(await publishReviews(documentId)).toBe(1);
  });

  test('a refused publish records no review', async () => {
    const documentId = await guideId(t.strapi, shibeiApproval);
    const before = await reviewCount();
    const res = await contentManagerAs(t, shinan).publish(GUIDE, documentId);
    expect(res.status).toBe(403);
    expect(await reviewCount()).toBe(before);
  });
});
