// Sync for sites that keep a copy: every public view and page answers a strong ETag and a 304 to a
// matching If-None-Match; a published edit changes the ETags of what shows it; and the change feed
// (GET /api/linkage/changes?since=&unit=&limit=) lists, gap-free and in order, what was published,
// unpublished or deleted, for the sites it affects.
import { contentManager, fieldErrors } from '../support/content-manager';
import { documentIdOf } from '../support/demo';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

let t: TestStrapi;
beforeAll(async () => {
  t = await startDemoStrapi();
});
afterAll(async () => {
  await t?.stop();
});

const GUIDE = 'plugin::linkage.guide';
const ITEM = 'plugin::linkage.item';
const TEMPLATE = 'plugin::linkage.site-template';
const RETIREMENT = 'enterprise-employee-retirement-certification';
const CITY = '370200000000';
const SHINAN = '370202000000';
const JIAOZHOU = '370281000000';
const FUAN = '370281001000';
const JIAOZHOU_SUBTREE = [JIAOZHOU, FUAN, '370281001001', '370281001002', '370281002000'];
const ANSWERS = `answers%5Bretirement_type%5D=normal&answers%5Benterprise_type%5D=domestic&answers%5Benterprise_location%5D=${JIAOZHOU}`;

interface Change {
  seq: number;
  at: string;
  action: 'published' | 'unpublished' | 'deleted';
  subjectUid: string;
  subjectDocumentId: string;
  subjectKey: string;
  locale: string | null;
  unitCodes: string[];
}

const feed = async (query: string): Promise<{ data: Change[]; meta: { cursor: number; more: boolean } }> => {
  const res = await t.http.get(`/api/linkage/changes?${query}`);
  expect({ query, status: res.status }).toEqual({ query, status: 200 });
  return res.body;
};

/** Every change after `since` (for one unit's site, when given), read page by page. */
async function allChanges(since: number, unit?: string, limit = 1000): Promise<{ changes: Change[]; cursor: number; pages: number }> {
  const changes: Change[] = [];
  let cursor = since;
  let pages = 0;
  for (;;) {
    const page = await feed(`since=${cursor}&limit=${limit}${unit ? `&unit=${unit}` : ''}`);
    pages += 1;
    changes.push(...page.data);
    expect(page.meta.cursor).toBeGreaterThanOrEqual(cursor);
    cursor = page.meta.cursor;
    if (!page.meta.more) return { changes, cursor, pages };
    expect(pages).toBeLessThan(1000);
  }
}

const head = async () => (await allChanges(0)).cursor;

const jiaozhouReviewId = () => documentIdOf(t.strapi, GUIDE, { itemCode: 'QD-SI-001', stageKey: 'district-review', unitCode: JIAOZHOU });

const unpublish = async (uid: string, documentId: string, locale: string) =>
  t.http
    .post(`/content-manager/collection-types/${uid}/${documentId}/actions/unpublish?locale=${locale}`)
    .set('Authorization', `Bearer ${await t.adminToken()}`)
    .send({});

describe('strong ETags and 304 on every view and page', () => {
  const VIEWS = [
    '/api/linkage/units',
    '/api/linkage/items',
    `/api/linkage/items/${RETIREMENT}`,
    `/api/linkage/items/${RETIREMENT}/route?${ANSWERS}`,
    `/api/linkage/items/${RETIREMENT}/flowchart?format=svg`,
    `/api/linkage/items/${RETIREMENT}/flowchart?format=mermaid`,
    `/api/linkage/items/${RETIREMENT}/flowchart?format=json`,
    `/api/linkage/sites/${JIAOZHOU}`,
    `/api/linkage/sites/${JIAOZHOU}/items/${RETIREMENT}`,
    `/sites/${JIAOZHOU}`,
    `/sites/${JIAOZHOU}/items/${RETIREMENT}`,
    `/sites/${CITY}/items/${RETIREMENT}/route?${ANSWERS}`,
    `/sites/${JIAOZHOU}/items/${RETIREMENT}?locale=en`,
    '/sites/assets/site.css',
  ];

  test.each(VIEWS)('%s: a strong ETag, stable across requests; If-None-Match with it gives 304 and no body', async (path) => {
    const first = await t.http.get(path);
    expect(first.status).toBe(200);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect((await t.http.get(path)).headers.etag).toBe(etag);

    const cached = await t.http.get(path).set('If-None-Match', etag);
    expect(cached.status).toBe(304);
    expect(cached.text ?? '').toBe('');
    expect(cached.headers.etag).toBe(etag);

    expect((await t.http.get(path).set('If-None-Match', `"not-it", ${etag}`)).status).toBe(304);
    const other = await t.http.get(path).set('If-None-Match', '"not-it"');
    expect(other.status).toBe(200);
    expect(other.text).toBe(first.text);
  });

  test('a refusal is not cached as a match: a 404 or 400 answers its status whatever If-None-Match says', async () => {
    const missing = await t.http.get(`/sites/370202001000/items/${RETIREMENT}`);
    expect(missing.status).toBe(404);
    expect((await t.http.get(`/sites/370202001000/items/${RETIREMENT}`).set('If-None-Match', missing.headers.etag ?? '*')).status).toBe(404);
    expect((await t.http.get(`/sites/${CITY}/items/${RETIREMENT}/route?answers%5Bretirement_type%5D=early`).set('If-None-Match', '*')).status).toBe(400);
  });

  test('a draft saved (not published) changes no view: the ETags still match', async () => {
    const paths = [`/sites/${JIAOZHOU}/items/${RETIREMENT}`, `/api/linkage/sites/${JIAOZHOU}/items/${RETIREMENT}`, `/sites/${CITY}`];
    const etags = await Promise.all(paths.map(async (p) => (await t.http.get(p)).headers.etag));
    const cursor = await head();
    expect((await contentManager(t).update(GUIDE, await jiaozhouReviewId(), { fee: '草稿:尚未发布' })).status).toBe(200);
    expect(await head()).toBe(cursor);
    const statuses = await Promise.all(paths.map(async (path, n) => [path, (await t.http.get(path).set('If-None-Match', etags[n])).status]));
    expect(statuses).toEqual(paths.map((path) => [path, 304]));
    expect((await t.http.get(`/sites/${JIAOZHOU}/items/${RETIREMENT}`)).text).not.toContain('草稿:尚未发布');
  });

  test("after 胶州市's guide is edited and published, the ETags of what shows it change and the old ETag gets 200 with the new content", async () => {
    const paths = [
      `/sites/${JIAOZHOU}/items/${RETIREMENT}`,
      `/api/linkage/sites/${JIAOZHOU}/items/${RETIREMENT}`,
      `/api/linkage/items/${RETIREMENT}/route?${ANSWERS}`,
      `/sites/${JIAOZHOU}/items/${RETIREMENT}?locale=zh-Hans`,
    ];
    const before = await Promise.all(paths.map((p) => t.http.get(p)));
    for (const res of before) expect(res.text).not.toContain('按标准收取工本费');

    const res = await contentManager(t).publish(GUIDE, await jiaozhouReviewId(), 'zh-Hans', { fee: '按标准收取工本费' });
    expect(res.status).toBe(200);

    for (const [n, path] of paths.entries()) {
      const after = await t.http.get(path).set('If-None-Match', before[n].headers.etag);
      expect({ path, status: after.status }).toEqual({ path, status: 200 });
      expect(after.headers.etag).not.toBe(before[n].headers.etag);
      expect(after.text).toContain('按标准收取工本费');
    }
  });
});

describe('the change feed', () => {
  test('the seeded feed numbers its changes 1, 2, 3… with no gap, and says where to continue', async () => {
    const { data, meta } = await feed('since=0&limit=1000');
    expect(data.length).toBeGreaterThan(0);
    expect(data.map((c) => c.seq)).toEqual(data.map((_, n) => n + 1));
    expect(meta).toEqual({ cursor: data.length, more: false });
    for (const c of data) {
      expect(['published', 'unpublished', 'deleted']).toContain(c.action);
      expect(new Date(c.at).toISOString()).toBe(c.at);
      expect(c.unitCodes.length).toBeGreaterThan(0);
    }
    expect(
      data
        .filter((c) => c.subjectUid === TEMPLATE)
        .map((c) => c.subjectKey)
        .sort()
    ).toEqual(['guide-page', 'item-page', 'layout', 'navigator-form', 'route-result', 'site-index']);
    expect(data.filter((c) => c.subjectUid === TEMPLATE || c.subjectUid === ITEM).every((c) => c.unitCodes.length === 1 && c.unitCodes[0] === '*')).toBe(true);
  });

  test('paging with limit: each page at most `limit` changes, `more` until the end, and together exactly the whole feed', async () => {
    const whole = (await feed('since=0&limit=1000')).data;
    const first = await feed('since=0&limit=7');
    expect(first.data.map((c) => c.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(first.meta).toEqual({ cursor: 7, more: true });
    const paged = await allChanges(0, undefined, 50);
    expect(paged.changes).toEqual(whole);
    expect(paged.pages).toBe(Math.ceil((whole.length + 1) / 50));
    expect(paged.cursor).toBe(whole[whole.length - 1].seq);
  });

  test("paging one unit's feed gives the same changes as reading it at once", async () => {
    const atOnce = (await feed(`since=0&limit=1000&unit=${SHINAN}`)).data;
    const paged = await allChanges(0, SHINAN, 3);
    expect(paged.changes).toEqual(atOnce);
    expect(atOnce.every((c) => c.unitCodes.includes('*') || c.unitCodes.includes(SHINAN))).toBe(true);
  });

  test("publishing 胶州市's guide writes one 'published' change for 胶州市, its ancestors and its descendants; it reaches 阜安街道's and the city's feeds, not 市南区's", async () => {
    const documentId = await jiaozhouReviewId();
    const cursor = await head();
    const res = await contentManager(t).publish(GUIDE, documentId, 'zh-Hans', { fee: '不收费(已核对)' });
    expect(res.status).toBe(200);

    const { changes } = await allChanges(cursor);
    expect(changes).toEqual([
      {
        seq: cursor + 1,
        at: expect.any(String),
        action: 'published',
        subjectUid: GUIDE,
        subjectDocumentId: documentId,
        subjectKey: `QD-SI-001/district-review/${JIAOZHOU}`,
        locale: 'zh-Hans',
        unitCodes: expect.any(Array),
      },
    ]);
    expect([...changes[0].unitCodes].sort()).toEqual([CITY, ...JIAOZHOU_SUBTREE].sort());

    expect((await feed(`since=${cursor}&unit=${FUAN}`)).data.map((c) => c.seq)).toEqual([cursor + 1]);
    expect((await feed(`since=${cursor}&unit=${CITY}`)).data.map((c) => c.seq)).toEqual([cursor + 1]);
    expect((await feed(`since=${cursor}&unit=${SHINAN}`)).data).toEqual([]);
    expect((await feed(`since=${cursor}&unit=${SHINAN}`)).meta).toEqual({ cursor: cursor + 1, more: false });
  });

  test("unpublishing 胶州市's guide writes 'unpublished', and the guide leaves its site", async () => {
    const documentId = await jiaozhouReviewId();
    const cursor = await head();
    const res = await unpublish(GUIDE, documentId, 'zh-Hans');
    expect(res.status).toBe(200);
    const { changes } = await allChanges(cursor);
    expect(changes.map((c) => [c.seq, c.action, c.subjectKey, c.locale])).toEqual([[cursor + 1, 'unpublished', `QD-SI-001/district-review/${JIAOZHOU}`, 'zh-Hans']]);
    expect(changes[0].unitCodes).toEqual(expect.arrayContaining([CITY, JIAOZHOU, FUAN]));
    expect(changes[0].unitCodes).not.toContain(SHINAN);
  });

  test("deleting a guide in every locale writes 'deleted' for its unit's sites", async () => {
    const documentId = await documentIdOf(t.strapi, GUIDE, { itemCode: 'QD-MI-001', stageKey: 'district-confirmation', unitCode: JIAOZHOU });
    const cursor = await head();
    const res = await contentManager(t).remove(GUIDE, documentId, '*');
    expect(res.status).toBe(200);
    expect(await t.strapi.db.query(GUIDE).count({ where: { documentId } })).toBe(0);
    const { changes } = await allChanges(cursor);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      seq: cursor + 1,
      action: 'deleted',
      subjectUid: GUIDE,
      subjectDocumentId: documentId,
      subjectKey: `QD-MI-001/district-confirmation/${JIAOZHOU}`,
    });
    expect([...changes[0].unitCodes].sort()).toEqual([CITY, ...JIAOZHOU_SUBTREE].sort());
    expect((await feed(`since=${cursor}&unit=370281001001`)).data).toHaveLength(1);
    expect((await feed(`since=${cursor}&unit=${SHINAN}`)).data).toHaveLength(0);
    const page = await t.http.get(`/api/linkage/sites/${JIAOZHOU}/items/resident-medical-insurance-enrolment`);
    expect(page.body.data.ownGuides[0].guide.status).toBe('missing');
  });

  test("deleting a guide locale by locale writes a 'deleted' change for each", async () => {
    const documentId = await documentIdOf(t.strapi, GUIDE, { itemCode: 'QD-HOUSING-001', stageKey: 'district-review', unitCode: JIAOZHOU });
    const cursor = await head();
    for (const locale of ['en', 'zh-Hans']) expect((await contentManager(t).remove(GUIDE, documentId, locale)).status).toBe(200);
    const { changes } = await allChanges(cursor);
    expect(changes.map((c) => [c.seq, c.action, c.subjectKey, c.locale])).toEqual([
      [cursor + 1, 'deleted', `QD-HOUSING-001/district-review/${JIAOZHOU}`, 'en'],
      [cursor + 2, 'deleted', `QD-HOUSING-001/district-review/${JIAOZHOU}`, 'zh-Hans'],
    ]);
  });

  test("publishing an item or a template is news for every site: unitCodes ['*'], in every unit's feed", async () => {
    const cursor = await head();
    const item = await contentManager(t).publish(ITEM, await documentIdOf(t.strapi, ITEM, { code: 'QD-MI-001' }), 'en', {
      summary: 'Residents not in employee insurance (newborns included) enrol at their community.',
    });
    expect(item.status).toBe(200);
    const templateId = await documentIdOf(t.strapi, TEMPLATE, { key: 'site-index' });
    const body = ((await t.strapi.db.query(TEMPLATE).findOne({ where: { documentId: templateId, publishedAt: { $notNull: true } } })) as { body: string }).body;
    const template = await contentManager(t).publish(TEMPLATE, templateId, 'zh-Hans', { body: `${body}\n` });
    expect(template.status).toBe(200);
    const { changes } = await allChanges(cursor);
    expect(changes.map((c) => [c.action, c.subjectUid, c.subjectKey, c.unitCodes])).toEqual([
      ['published', ITEM, 'QD-MI-001', ['*']],
      ['published', TEMPLATE, 'site-index', ['*']],
    ]);
    for (const unit of [CITY, SHINAN, '370202001001']) expect((await feed(`since=${cursor}&unit=${unit}`)).data).toHaveLength(2);
  });

  test("unpublishing an item in every locale writes an 'unpublished' change for every site, and the item leaves the sites at once", async () => {
    const documentId = await documentIdOf(t.strapi, ITEM, { code: 'QD-MI-001' });
    const cursor = await head();
    for (const locale of ['zh-Hans', 'en']) expect((await unpublish(ITEM, documentId, locale)).status).toBe(200);
    const { changes } = await allChanges(cursor);
    expect(changes.map((c) => [c.seq, c.action, c.subjectKey, c.locale, c.unitCodes])).toEqual([
      [cursor + 1, 'unpublished', 'QD-MI-001', 'zh-Hans', ['*']],
      [cursor + 2, 'unpublished', 'QD-MI-001', 'en', ['*']],
    ]);
    const index = await t.http.get('/api/linkage/sites/370202001001');
    expect(index.body.data.items.map((i: { code: string }) => i.code)).toEqual(['QD-CA-001', 'QD-HOUSING-001']);
    expect((await t.http.get('/api/linkage/sites/370202001001/items/resident-medical-insurance-enrolment')).status).toBe(404);
    expect((await t.http.get('/sites/370200000000/items/resident-medical-insurance-enrolment')).status).toBe(404);
  });

  test("a guide created as a draft and deleted before it was published is never news; once published it is, for 莱西市's sites", async () => {
    const cm = contentManager(t);
    const cursor = await head();
    const draft = await cm.create(GUIDE, {
      itemCode: 'QD-SI-001',
      stageKey: 'district-review',
      unitCode: '370285000000',
      departmentCode: '370285-SI',
      conditions: '男年满60周岁。',
      phone: '0532-12333',
    });
    expect(draft.status).toBe(201);
    expect((await cm.remove(GUIDE, draft.body.data.documentId, '*')).status).toBe(200);
    expect(await head()).toBe(cursor);

    const created = await cm.createAndPublish(GUIDE, {
      itemCode: 'QD-SI-001',
      stageKey: 'district-review',
      unitCode: '370285000000',
      departmentCode: '370285-SI',
      conditions: '男年满60周岁。',
      phone: '0532-12333',
    });
    expect(created.status).toBe(200);
    const { changes } = await allChanges(cursor);
    expect(changes.map((c) => [c.seq, c.action, c.subjectKey])).toEqual([[cursor + 1, 'published', 'QD-SI-001/district-review/370285000000']]);
    expect(changes[0].unitCodes).toEqual(expect.arrayContaining([CITY, '370285000000']));
    expect(changes[0].unitCodes).not.toContain(JIAOZHOU);
    const laixi = await t.http.get(`/api/linkage/sites/370285000000/items/${RETIREMENT}`);
    expect(laixi.body.data.ownGuides[0].guide.status).toBe('incomplete');
  });

  test('guides published at the same time get consecutive numbers, one change each', async () => {
    const guides = [
      ['QD-CA-001', 'street-review', '370202001000'],
      ['QD-CA-001', 'district-approval', SHINAN],
      ['QD-HOUSING-001', 'street-review', '370202001000'],
      ['QD-CA-001', 'street-review', FUAN],
      ['QD-CA-001', 'city-filing', CITY],
    ];
    const ids = await Promise.all(guides.map(([itemCode, stageKey, unitCode]) => documentIdOf(t.strapi, GUIDE, { itemCode, stageKey, unitCode })));
    const cursor = await head();
    const results = await Promise.all(ids.map((id, n) => contentManager(t).publish(GUIDE, id, 'zh-Hans', { phone: `0532-8800000${n}` })));
    expect(results.map((r) => r.status)).toEqual(guides.map(() => 200));
    const { changes } = await allChanges(cursor);
    expect(changes.map((c) => c.seq)).toEqual(guides.map((_, n) => cursor + n + 1));
    expect(changes.map((c) => c.subjectKey).sort()).toEqual(guides.map((g) => g.join('/')).sort());
    expect(changes.every((c) => c.action === 'published')).toBe(true);
  });

  test('a refused write writes no change: a guide publish refused by validation and a template publish that does not parse', async () => {
    const cursor = await head();
    const guide = await contentManager(t).publish(GUIDE, await documentIdOf(t.strapi, GUIDE, { itemCode: 'QD-SI-001', stageKey: 'city-approval', unitCode: CITY }), 'zh-Hans', {
      departmentCode: 'QD-CA',
    });
    expect(guide.status).toBe(400);
    expect(fieldErrors(guide.body)).toEqual(expect.arrayContaining([expect.stringMatching(/^departmentCode: /)]));
    const template = await contentManager(t).publish(TEMPLATE, await documentIdOf(t.strapi, TEMPLATE, { key: 'item-page' }), 'zh-Hans', { body: '{% if %}' });
    expect(template.status).toBe(400);
    expect(await head()).toBe(cursor);
    expect((await feed(`since=${cursor}`)).data).toEqual([]);
  });

  test('the sequence stays gap-free and strictly increasing after all these writes', async () => {
    const { changes, cursor } = await allChanges(0, undefined, 100);
    expect(changes.map((c) => c.seq)).toEqual(changes.map((_, n) => n + 1));
    expect(cursor).toBe(changes.length);
  });

  describe('bad parameters are a 400 naming the parameter', () => {
    const cases: Array<[string, string, string]> = [
      ['since=-1', 'since', 'a negative cursor'],
      ['since=abc', 'since', 'a cursor that is not a number'],
      ['since=1.5', 'since', 'a fractional cursor'],
      ['limit=0', 'limit', 'a zero limit'],
      ['limit=1001', 'limit', 'a limit above 1000'],
      ['limit=ten', 'limit', 'a limit that is not a number'],
      ['unit=370299000000', 'unit', 'a unit that does not exist'],
      ['unit=abc', 'unit', 'a malformed unit code'],
    ];
    test.each(cases)('%s (%s: %s)', async (query, parameter) => {
      const res = await t.http.get(`/api/linkage/changes?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path)).toEqual([[parameter]]);
    });
  });
});

describe('blank forms from the media library', () => {
  const uploaded: number[] = [];
  afterAll(async () => {
    for (const id of uploaded) await t.http.delete(`/upload/files/${id}`).set('Authorization', `Bearer ${await t.adminToken()}`);
  });

  test('a blank form is shown by name, and linked on the next request once a file of that name is uploaded to the media library', async () => {
    const path = `/sites/${CITY}/items/${RETIREMENT}`;
    const before = await t.http.get(path);
    // Named, with where to get it, and no link that leads nowhere.
    expect(before.text).toMatch(/<td>retirement-approval-form\.pdf<br><span class="hint">请向承办部门索取<\/span><\/td>/);
    expect((await t.http.get(`/api/linkage${path}`)).body.data.ownGuides[1].guide.materials[0]).toMatchObject({ blankForm: 'retirement-approval-form.pdf', blankFormUrl: null });

    const upload = await t.http
      .post('/upload')
      .set('Authorization', `Bearer ${await t.adminToken()}`)
      .attach('files', Buffer.from('%PDF-1.4\n%%EOF\n'), { filename: 'retirement-approval-form.pdf', contentType: 'application/pdf' });
    expect(upload.status).toBe(201);
    const [file] = upload.body as Array<{ id: number; name: string; url: string }>;
    uploaded.push(file.id);
    expect(file.name).toBe('retirement-approval-form.pdf');

    const view = await t.http.get(`/api/linkage${path}`);
    expect(view.body.data.ownGuides[1].guide.materials[0].blankFormUrl).toBe(file.url);
    const after = await t.http.get(path).set('If-None-Match', before.headers.etag);
    expect(after.status).toBe(200);
    expect(after.text).toContain(`<a href="${file.url}">retirement-approval-form.pdf</a>`);
  });
});
