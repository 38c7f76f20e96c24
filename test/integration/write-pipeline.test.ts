// The write pipeline, table-driven: every kind of write a linkage record can take — by type, action
// and path (the Content Manager, its bulk actions, clone, the Document Service, a catalog import)
// and in each locale — and what each projector did for it: the audit entries appended, the changes
// on the public feed, the reviews recorded, the guide facts and the expected-handler table (each
// equal to what a full rebuild gives), the published snapshot forgotten, guide titles rewritten.
import { createAdmin, ROLES } from '../support/admins';
import { loadDemo } from '../support/demo';
import { GUIDE, UNIT, contentManagerAs, guideId, guideRef, type Signed } from '../support/roles-matrix';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

const ITEM = 'plugin::linkage.item';
const UNIT_UID = 'plugin::linkage.unit';
const DEPARTMENT = 'plugin::linkage.department';
const TEMPLATE = 'plugin::linkage.site-template';
const RULE = 'plugin::linkage.responsibility-rule';
const REVIEW = 'plugin::linkage.review';
const AUDIT = 'plugin::linkage.audit-entry';
const CHANGE = 'plugin::linkage.change';
const GUIDE_FACT = 'plugin::linkage.guide-fact';
const EXPECTED = 'plugin::linkage.expected-handler';
const CM = '/content-manager/collection-types';

let t: TestStrapi;
let city: Signed;

const service = <T>(name: string): T => t.strapi.plugin('linkage').service(name) as T;
type Published = { snapshot(): Promise<object> };
type Idle = { idle(): Promise<void> };

const maxSeq = async (uid: string): Promise<number> => {
  const [row] = (await t.strapi.db.query(uid).findMany({ select: ['seq'], orderBy: { seq: 'desc' }, limit: 1 })) as Array<{ seq: number | string }>;
  return Number(row?.seq ?? 0);
};
const since = async (uid: string, seq: number, fields: string[]): Promise<string[]> => {
  const rows = (await t.strapi.db.query(uid).findMany({ where: { seq: { $gt: seq } }, orderBy: { seq: 'asc' } })) as Array<Record<string, unknown>>;
  return rows.map((r) => fields.map((f) => String(r[f] ?? '-')).join(' '));
};

/** A table's rows, comparable across dialects, without ids. */
async function tableRows(uid: string, fields: string[]): Promise<string[]> {
  const rows = (await t.strapi.db.query(uid).findMany({ select: fields })) as Array<Record<string, unknown>>;
  const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : typeof v === 'boolean' ? String(Number(v)) : String(v ?? ''));
  return rows.map((r) => fields.map((f) => norm(r[f])).join('|')).sort();
}
const FACT_FIELDS = ['guideDocumentId', 'itemCode', 'stageKey', 'unitCode', 'departmentCode', 'status', 'complete', 'missingFields', 'createdOn', 'lastReviewedAt'];
const EXPECTED_FIELDS = ['itemCode', 'stageKey', 'unitCode', 'departmentCode', 'level', 'domain'];

/** Whether a derived table holds exactly what a full rebuild gives (the rebuild is kept). */
async function inStep(uid: string, fields: string[], rebuild: () => Promise<unknown>): Promise<string[]> {
  const before = await tableRows(uid, fields);
  await rebuild();
  const after = await tableRows(uid, fields);
  return [
    ...before.filter((r) => !after.includes(r)).map((r) => `stored, not derived: ${r}`),
    ...after.filter((r) => !before.includes(r)).map((r) => `derived, not stored: ${r}`),
  ];
}

interface Effects {
  status: number;
  audit: string[];
  changes: string[];
  reviews: string[];
  factsOutOfStep: string[];
  expectedOutOfStep: string[];
  snapshotForgotten: boolean;
}

/** Runs one write and reports what every projector did. */
async function effectsOf(write: () => Promise<{ status: number }>): Promise<Effects> {
  const audit = await maxSeq(AUDIT);
  const change = await maxSeq(CHANGE);
  const reviews = await t.strapi.db.query(REVIEW).count();
  const snapshot = await service<Published>('published').snapshot();
  const { status } = await write();
  await service<Idle>('expected-handlers').idle();
  const newReviews = (await t.strapi.db.query(REVIEW).findMany({ orderBy: { id: 'asc' }, offset: reviews })) as Array<{ subjectKey: string; source: string }>;
  return {
    status,
    audit: await since(AUDIT, audit, ['action', 'subjectKey', 'subjectLocale']),
    changes: await since(CHANGE, change, ['action', 'subjectKey', 'locale']),
    reviews: newReviews.map((r) => `${r.source} ${r.subjectKey}`),
    factsOutOfStep: await inStep(GUIDE_FACT, FACT_FIELDS, () => service<{ rebuildFacts(): Promise<number> }>('guide-facts').rebuildFacts()),
    expectedOutOfStep: await inStep(EXPECTED, EXPECTED_FIELDS, () => service<{ rebuild(): Promise<number> }>('expected-handlers').rebuild()),
    snapshotForgotten: (await service<Published>('published').snapshot()) !== snapshot,
  };
}

const cm = () => contentManagerAs(t, city);
const bulk = (uid: string, action: 'bulkPublish' | 'bulkUnpublish' | 'bulkDelete', documentIds: string[], locale = 'zh-Hans') =>
  t.http.post(`${CM}/${uid}/actions/${action}?locale=${locale}`).set(city.auth).send({ documentIds });
const documents = (uid: string) => t.strapi.documents(uid as 'plugin::linkage.guide');
const byDocumentService = async (work: () => Promise<unknown>) => {
  await work();
  return { status: 200 };
};
const idOf = async (uid: string, where: Record<string, unknown>): Promise<string> => {
  const row = (await t.strapi.db.query(uid).findOne({ where, select: ['documentId'] })) as { documentId: string } | null;
  if (!row) throw new Error(`no ${uid} where ${JSON.stringify(where)}`);
  return row.documentId;
};

const JIAOZHOU = '370281000000';
const LAIXI = '370285000000';
const REVIEW_KEY = (unit: string) => `QD-SI-001/district-review/${unit}`;

beforeAll(async () => {
  t = await startDemoStrapi();
  city = await createAdmin(t, 'pipeline-city@linkage.test', [ROLES.cityManager]);
});
afterAll(async () => {
  await t?.stop();
});

// Each row runs on the state the rows above left: read them in order.
describe('guides', () => {
  let jiaozhou: string;
  let clone: string;

  beforeAll(async () => {
    jiaozhou = await guideId(t.strapi, guideRef('QD-SI-001', 'district-review', JIAOZHOU));
  });

  test('Content Manager update (zh-Hans): an update entry, no change, no review', async () => {
    const e = await effectsOf(() => cm().update(GUIDE, jiaozhou, { phone: '0532-87200001' }, 'zh-Hans'));
    expect(e).toEqual({
      status: 200,
      audit: [`update ${REVIEW_KEY(JIAOZHOU)} zh-Hans`],
      changes: [],
      reviews: [],
      factsOutOfStep: [],
      expectedOutOfStep: [],
      snapshotForgotten: true,
    });
  });

  test('Content Manager publish (zh-Hans) of the changed guide: publish entry, a published change, a review; the shared phone published in English too', async () => {
    const e = await effectsOf(() => cm().publish(GUIDE, jiaozhou, {}, 'zh-Hans'));
    expect(e).toMatchObject({
      status: 200,
      changes: [`published ${REVIEW_KEY(JIAOZHOU)} zh-Hans`],
      reviews: [`publish ${REVIEW_KEY(JIAOZHOU)}`],
      factsOutOfStep: [],
      expectedOutOfStep: [],
    });
    expect(e.audit).toContain(`publish ${REVIEW_KEY(JIAOZHOU)} zh-Hans`);
    const english = (await t.strapi.db.query(GUIDE).findOne({ where: { documentId: jiaozhou, locale: 'en', publishedAt: { $notNull: true } }, select: ['phone'] })) as {
      phone: string;
    };
    expect(english.phone).toBe('0532-87200001');
  });

  test('Content Manager publish (en) of an unchanged version: publish entry and change, no review', async () => {
    const e = await effectsOf(() => cm().publish(GUIDE, jiaozhou, {}, 'en'));
    expect(e).toMatchObject({ status: 200, changes: [`published ${REVIEW_KEY(JIAOZHOU)} en`], reviews: [], factsOutOfStep: [] });
    expect(e.audit).toEqual([`publish ${REVIEW_KEY(JIAOZHOU)} en`]);
  });

  test('Content Manager clone into another unit: a clone entry, and the clone is in the guide facts and no longer missing', async () => {
    const department = (await t.strapi.db.query(DEPARTMENT).findOne({ where: { unitCode: LAIXI, kind: 'SI' }, select: ['code'] })) as { code: string };
    const missing = async () => {
      const res = await t.http.get(`/linkage/reports/ownership/records?limit=5000&category=missing&unit=${LAIXI}&subtree=false`).set(city.auth);
      return (res.body.data.rows as Array<{ itemCode: string; stageKey: string; unitCode: string }>).map((r) => `${r.itemCode}/${r.stageKey}/${r.unitCode}`);
    };
    expect(await missing()).toContain(REVIEW_KEY(LAIXI));
    const e = await effectsOf(async () => {
      const res = await cm().clone(GUIDE, jiaozhou, { unitCode: LAIXI, departmentCode: department.code }, 'zh-Hans');
      clone = res.body.data?.documentId;
      return res;
    });
    expect(e).toEqual({
      status: 200,
      audit: [`clone ${REVIEW_KEY(LAIXI)} zh-Hans`],
      changes: [],
      reviews: [],
      factsOutOfStep: [],
      expectedOutOfStep: [],
      snapshotForgotten: true,
    });
    const fact = (await t.strapi.db.query(GUIDE_FACT).findOne({ where: { guideDocumentId: clone } })) as { unitCode: string; status: string } | null;
    expect(fact).toMatchObject({ unitCode: LAIXI, status: 'draft' });
    expect(await missing()).not.toContain(REVIEW_KEY(LAIXI));
  });

  test('bulk publish: publish entry, a published change and a review for the clone', async () => {
    const e = await effectsOf(() => bulk(GUIDE, 'bulkPublish', [clone]));
    expect(e).toMatchObject({
      status: 200,
      changes: [`published ${REVIEW_KEY(LAIXI)} zh-Hans`],
      reviews: [`publish ${REVIEW_KEY(LAIXI)}`],
      factsOutOfStep: [],
      expectedOutOfStep: [],
      snapshotForgotten: true,
    });
    // The review is audited as it is recorded, inside the publish.
    expect(e.audit).toEqual([`review ${REVIEW_KEY(LAIXI)} -`, `publish ${REVIEW_KEY(LAIXI)} zh-Hans`]);
  });

  test('bulk unpublish: unpublish entry and an unpublished change', async () => {
    const e = await effectsOf(() => bulk(GUIDE, 'bulkUnpublish', [clone]));
    expect(e).toMatchObject({
      status: 200,
      audit: [`unpublish ${REVIEW_KEY(LAIXI)} zh-Hans`],
      changes: [`unpublished ${REVIEW_KEY(LAIXI)} zh-Hans`],
      reviews: [],
      factsOutOfStep: [],
    });
  });

  test('bulk delete of a guide never published since: a delete entry, no change, its fact gone', async () => {
    const e = await effectsOf(() => bulk(GUIDE, 'bulkDelete', [clone]));
    expect(e).toMatchObject({ status: 200, audit: [`delete ${REVIEW_KEY(LAIXI)} zh-Hans`], changes: [], factsOutOfStep: [] });
    expect(await t.strapi.db.query(GUIDE_FACT).count({ where: { guideDocumentId: clone } })).toBe(0);
  });

  test("a city manager's move (zh-Hans) then publish: move and publish entries; the shared owner published in English too, and the fact names the new unit", async () => {
    const moved = await guideId(t.strapi, guideRef('QD-SI-001', 'district-review', '370283000000'));
    const department = (await t.strapi.db.query(DEPARTMENT).findOne({ where: { unitCode: LAIXI, kind: 'SI' }, select: ['code'] })) as { code: string };
    const e = await effectsOf(async () => {
      const update = await cm().update(GUIDE, moved, { unitCode: LAIXI, departmentCode: department.code }, 'zh-Hans');
      return update.status === 200 ? cm().publish(GUIDE, moved, {}, 'zh-Hans') : update;
    });
    expect(e).toMatchObject({ status: 200, factsOutOfStep: [], expectedOutOfStep: [] });
    expect(e.audit.map((a) => a.split(' ')[0])).toEqual(['move', 'review', 'publish']);
    const english = (await t.strapi.db.query(GUIDE).findOne({ where: { documentId: moved, locale: 'en', publishedAt: { $notNull: true } }, select: ['unitCode'] })) as {
      unitCode: string;
    };
    expect(english.unitCode).toBe(LAIXI);
    expect(await t.strapi.db.query(GUIDE_FACT).findOne({ where: { guideDocumentId: moved } })).toMatchObject({ unitCode: LAIXI });
    // Every version's title names the unit it moved to (a title is made from the draft's codes, never a published row's).
    const titles = (await t.strapi.db.query(GUIDE).findMany({ where: { documentId: moved, locale: 'zh-Hans' }, select: ['title'] })) as Array<{ title: string }>;
    expect(titles.length).toBe(2);
    for (const { title } of titles) expect(title).toContain('莱西市');
    // Back where it was, for the rows below.
    const home = (await t.strapi.db.query(DEPARTMENT).findOne({ where: { unitCode: '370283000000', kind: 'SI' }, select: ['code'] })) as { code: string };
    expect((await cm().publish(GUIDE, moved, { unitCode: '370283000000', departmentCode: home.code }, 'zh-Hans')).status).toBe(200);
  });

  test('Document Service update (en): an update entry in English; the structure stays the same in both locales', async () => {
    const e = await effectsOf(() => byDocumentService(() => documents(GUIDE).update({ documentId: jiaozhou, locale: 'en', data: { address: 'No. 1 Test Road' } as never })));
    expect(e).toMatchObject({ audit: [`update ${REVIEW_KEY(JIAOZHOU)} en`], changes: [], reviews: [], factsOutOfStep: [] });
  });

  test('Content Manager discard draft (en): a discard entry, nothing public', async () => {
    const e = await effectsOf(() => t.http.post(`${CM}/${GUIDE}/${jiaozhou}/actions/discard?locale=en`).set(city.auth).send({}));
    expect(e).toMatchObject({ status: 200, audit: [`discard-draft ${REVIEW_KEY(JIAOZHOU)} en`], changes: [], reviews: [], factsOutOfStep: [] });
  });

  test('Document Service delete in every locale of a published guide: a delete entry, a deleted change, its fact gone', async () => {
    const e = await effectsOf(() => byDocumentService(() => documents(GUIDE).delete({ documentId: jiaozhou, locale: '*' })));
    expect(e).toMatchObject({ audit: [`delete ${REVIEW_KEY(JIAOZHOU)} *`], changes: [`deleted ${REVIEW_KEY(JIAOZHOU)} *`], factsOutOfStep: [], expectedOutOfStep: [] });
  });
});

describe('items', () => {
  let item: string;
  beforeAll(async () => {
    item = await idOf(ITEM, { code: 'QD-SI-001', locale: 'en', publishedAt: null });
  });

  test("Content Manager update (en) of the title: an update entry, and the guides' English titles follow", async () => {
    const e = await effectsOf(() => cm().update(ITEM, item, { title: 'Retirement certification (renamed)' }, 'en'));
    expect(e).toMatchObject({ status: 200, audit: ['update QD-SI-001 en'], changes: [], reviews: [], factsOutOfStep: [], expectedOutOfStep: [] });
    const titles = (await t.strapi.db.query(GUIDE).findMany({ where: { itemCode: 'QD-SI-001', locale: 'en' }, select: ['title'] })) as Array<{ title: string }>;
    expect(titles.length).toBeGreaterThan(0);
    for (const { title } of titles) expect(title).toContain('Retirement certification (renamed)');
  });

  test('Content Manager unpublish (every locale): unpublished changes, and the expected handlers of the item are gone', async () => {
    const e = await effectsOf(async () => {
      for (const locale of ['en', 'zh-Hans']) {
        const res = await cm().unpublish(ITEM, item, locale);
        if (res.status !== 200) return res;
      }
      return { status: 200 };
    });
    expect(e).toMatchObject({ status: 200, changes: ['unpublished QD-SI-001 en', 'unpublished QD-SI-001 zh-Hans'], expectedOutOfStep: [], factsOutOfStep: [] });
    expect(e.audit).toEqual(['unpublish QD-SI-001 en', 'unpublish QD-SI-001 zh-Hans']);
    expect(await t.strapi.db.query(EXPECTED).count({ where: { itemCode: 'QD-SI-001' } })).toBe(0);
  });

  test('bulk publish (zh-Hans, then en): published changes, and the expected handlers are back', async () => {
    const e = await effectsOf(async () => {
      for (const locale of ['zh-Hans', 'en']) {
        const res = await bulk(ITEM, 'bulkPublish', [item], locale);
        if (res.status !== 200) return res;
      }
      return { status: 200 };
    });
    expect(e).toMatchObject({ status: 200, changes: ['published QD-SI-001 zh-Hans', 'published QD-SI-001 en'], expectedOutOfStep: [], factsOutOfStep: [], reviews: [] });
    expect(await t.strapi.db.query(EXPECTED).count({ where: { itemCode: 'QD-SI-001' } })).toBeGreaterThan(0);
  });
});

describe('units, departments, templates, rules, the guide spec', () => {
  test("Content Manager update of a unit's name (en): an update entry, a published change for its area, its guides' titles follow", async () => {
    const unit = await idOf(UNIT_UID, { code: LAIXI, locale: 'en' });
    const e = await effectsOf(() => cm().update(UNIT_UID, unit, { name: 'Laixi (renamed)' }, 'en'));
    expect(e).toMatchObject({
      status: 200,
      audit: [`update ${LAIXI} en`],
      changes: [`published ${LAIXI} en`],
      factsOutOfStep: [],
      expectedOutOfStep: [],
      snapshotForgotten: true,
    });
    const titles = (await t.strapi.db.query(GUIDE).findMany({ where: { unitCode: LAIXI, locale: 'en' }, select: ['title'] })) as Array<{ title: string }>;
    for (const { title } of titles) expect(title).toContain('Laixi (renamed)');
  });

  test('Document Service update of a department (zh-Hans): an update entry and a published change', async () => {
    const department = (await t.strapi.db.query(DEPARTMENT).findOne({ where: { unitCode: LAIXI, kind: 'SI', locale: 'zh-Hans' }, select: ['documentId', 'code'] })) as {
      documentId: string;
      code: string;
    };
    const e = await effectsOf(() =>
      byDocumentService(() => documents(DEPARTMENT).update({ documentId: department.documentId, locale: 'zh-Hans', data: { phone: '0532-88888888' } as never }))
    );
    expect(e).toMatchObject({ audit: [`update ${department.code} zh-Hans`], changes: [`published ${department.code} zh-Hans`], factsOutOfStep: [], expectedOutOfStep: [] });
  });

  test('Content Manager publish of a changed site template: update and publish entries, a published change, no review', async () => {
    const template = await idOf(TEMPLATE, { key: 'layout', publishedAt: null });
    const row = (await t.strapi.db.query(TEMPLATE).findOne({ where: { documentId: template, publishedAt: null } })) as { body: string };
    const e = await effectsOf(() => cm().publish(TEMPLATE, template, { body: `${row.body}\n{% comment %}pipeline{% endcomment %}` }));
    expect(e).toMatchObject({ status: 200, changes: ['published layout -'], reviews: [] });
    expect(e.audit).toEqual(['update layout -', 'publish layout -']);
  });

  test('Content Manager create of a responsibility rule: a create entry, nothing public, facts in step', async () => {
    const e = await effectsOf(() => cm().create(RULE, { key: 'pipeline-rule', scope: 'guide', level: 'street', responsible: 'owner', reviewEveryDays: 30 }));
    expect(e).toMatchObject({ status: 201, audit: ['create pipeline-rule zh-Hans'], changes: [], factsOutOfStep: [] });
  });
});

describe("the published snapshot follows other instances' writes, not its own", () => {
  test("a snapshot built after this instance's own write is not forgotten by the next look at the change feed", async () => {
    const published = service<Published>('published');
    const guide = (await t.strapi.db.query(GUIDE).findOne({ where: { publishedAt: { $notNull: true }, locale: 'zh-Hans' }, select: ['documentId'] })) as { documentId: string };
    // A look at the feed (at most one a second), then a write of this instance's, then a build.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await published.snapshot();
    await documents(GUIDE).publish({ documentId: guide.documentId, locale: 'zh-Hans' });
    const built = await published.snapshot();
    // The next look finds the feed where the build left it: nothing another instance wrote.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await published.snapshot()).toBe(built);
  });
});

describe('refused whoever asks, nothing written', () => {
  test('a Document Service write to an audit entry or a change to a review is refused and leaves no trace', async () => {
    const anyReview = (await t.strapi.db.query(REVIEW).findOne({ select: ['documentId'] })) as { documentId: string };
    const e = await effectsOf(async () => {
      const refusals = await Promise.allSettled([
        documents(AUDIT).create({ data: { action: 'create' } as never }),
        documents(REVIEW).update({ documentId: anyReview.documentId, data: { note: 'changed' } as never }),
        documents(REVIEW).delete({ documentId: anyReview.documentId }),
      ]);
      return { status: refusals.every((r) => r.status === 'rejected') ? 403 : 200 };
    });
    expect(e).toEqual({ status: 403, audit: [], changes: [], reviews: [], factsOutOfStep: [], expectedOutOfStep: [], snapshotForgotten: false });
  });
});

describe('a catalog import (trusted writes)', () => {
  test('re-importing the demo with one guide changed: update and publish entries and a published change for it, the reviews of the file (none for publishing), derived tables in step', async () => {
    const demo = loadDemo() as unknown as { guides: Array<Record<string, unknown> & { item: string; stage: string; unit: string }> };
    const guide = demo.guides.find((g) => g.item === 'QD-SI-001' && g.stage === 'district-approval' && g.unit === UNIT.shinan)!;
    guide.phone = '0532-80000000';
    const catalog = service<{ importCatalog(input: unknown): Promise<unknown> }>('catalog');
    const e = await effectsOf(async () => {
      await catalog.importCatalog(demo);
      return { status: 200 };
    });
    const key = `QD-SI-001/district-approval/${UNIT.shinan}`;
    expect(e.audit.filter((a) => a.includes(key))).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^update ${key}`)), expect.stringMatching(new RegExp(`^publish ${key}`))])
    );
    expect(e.changes.filter((c) => c.includes(key)).length).toBeGreaterThan(0);
    expect(e.reviews.filter((r) => !r.startsWith('import '))).toEqual([]);
    expect(e).toMatchObject({ factsOutOfStep: [], expectedOutOfStep: [] });
  });
});
