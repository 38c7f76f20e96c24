// The ownership report on the seeded demo: exactly the demo's incomplete, missing and overdue
// guides as of its reference date (docs/design.md §6), for the whole city and for 胶州市's subtree; the
// SQL completeness equals the pure one for every guide; the CSV parsed back gives the JSON's
// numbers; who may read it; bad parameters; the expected-handler table kept current.
import { createAdmin, ROLES, type SignedInAdmin } from '../support/admins';
import { contentManager } from '../support/content-manager';
import { loadDemo } from '../support/demo';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';
import { addDays, daysBetween, toIsoDate } from '../../src/plugins/linkage/server/src/domain/dates';
import { missingFields } from '../../src/plugins/linkage/server/src/domain/completeness';
import { guideFromRows, type GuideRow } from '../../src/plugins/linkage/server/src/domain/catalog-records';
import { parseCsv } from '../../src/plugins/linkage/server/src/domain/csv';
import { OWNER_COLUMNS } from '../../src/plugins/linkage/server/src/domain/ownership-report';

let t: TestStrapi;
let auditor: SignedInAdmin;
let cityManager: SignedInAdmin;
let editor: SignedInAdmin;
let asOf: string;

const CITY = '370200000000';
const JIAOZHOU = '370281000000';

interface Row {
  documentId: string | null;
  itemCode: string;
  stageKey: string;
  unitCode: string;
  missingFields: string[];
  overdueDays: number;
  dueOn: string | null;
}

const report = (who: { Authorization: string }, query: string) => t.http.get(`/linkage/reports/ownership?${query}`).set(who);
const records = async (query: string): Promise<Row[]> => {
  const res = await t.http.get(`/linkage/reports/ownership/records?limit=5000&${query}`).set(auditor.auth);
  expect(res.status).toBe(200);
  return res.body.data.rows as Row[];
};
const keys = (rows: Row[]) => rows.map((r) => `${r.itemCode}/${r.stageKey}/${r.unitCode}`).sort();

beforeAll(async () => {
  t = await startDemoStrapi();
  auditor = await createAdmin(t, 'auditor@linkage.test', [ROLES.auditor]);
  cityManager = await createAdmin(t, 'city-manager@linkage.test', [ROLES.cityManager]);
  editor = await createAdmin(t, 'shinan@linkage.test', [ROLES.unitEditor], [{ unitCode: '370202000000' }]);
  // The seed moved every date by (seed day − referenceDate): find the shift from one review.
  const demo = loadDemo() as unknown as { referenceDate: string; guides: Array<{ item: string; stage: string; unit: string; lastReviewedAt?: string }> };
  const sample = demo.guides.find((g) => g.lastReviewedAt) as { item: string; stage: string; unit: string; lastReviewedAt: string };
  const review = (await t.strapi.db.query('plugin::linkage.review').findOne({ where: { subjectKey: `${sample.item}/${sample.stage}/${sample.unit}` } })) as { reviewedAt: string };
  const shift = daysBetween(sample.lastReviewedAt, toIsoDate(new Date(review.reviewedAt)));
  asOf = addDays(demo.referenceDate, shift);
});
afterAll(async () => {
  await t?.stop();
});

test("the whole city, as of the reference date: exactly the demo's incomplete, missing and overdue guides", async () => {
  const res = await report(auditor.auth, `asOf=${asOf}`);
  expect(res.status).toBe(200);
  const { totals, owners } = res.body.data;
  expect(totals).toMatchObject({ guides: 88, incomplete: 3, complete: 85, missing: 1, overdue: 2, staleDrafts: 0, neverReviewed: 0 });
  expect(keys(await records(`asOf=${asOf}&category=incomplete`))).toEqual([
    'QD-CA-001/community-acceptance/370281001002',
    'QD-SI-001/district-approval/370203000000',
    'QD-SI-001/district-review/370283000000',
  ]);
  expect(keys(await records(`asOf=${asOf}&category=missing`))).toEqual(['QD-SI-001/district-review/370285000000']);
  const overdue = await records(`asOf=${asOf}&category=overdue`);
  expect(keys(overdue)).toEqual(['QD-CA-001/district-approval/370214000000', 'QD-SI-001/district-approval/370212000000']);
  // 崂山区: reviewed 2025-09-01 (shifted), every 90 days; 城阳区: every 180 days.
  const reviewedOn = addDays('2025-09-01', daysBetween('2026-11-27', asOf));
  const days = Object.fromEntries(overdue.map((r) => [r.unitCode, r.overdueDays]));
  expect(days).toEqual({ '370214000000': daysBetween(addDays(reviewedOn, 180), asOf), '370212000000': daysBetween(addDays(reviewedOn, 90), asOf) });
  expect(overdue.every((r) => r.dueOn !== null && daysBetween(r.dueOn, asOf) === r.overdueDays)).toBe(true);
  expect(totals.overdueDaysMax).toBe(daysBetween(addDays(reviewedOn, 90), asOf));
  expect(totals.overdueDaysTotal).toBe(overdue[0].overdueDays + overdue[1].overdueDays);
  // Owners are unit + department, with names; the incomplete ones name the fields.
  const shibei = owners.find((o: { unitCode: string; departmentCode: string }) => o.unitCode === '370203000000' && o.departmentCode === '370203-SI');
  expect(shibei).toMatchObject({ departmentCode: '370203-SI', incomplete: 1, hasEditor: false });
  expect(shibei.unitName['zh-Hans']).toBe('市北区');
  const drill = await records(`asOf=${asOf}&owner=370203000000:370203-SI&category=incomplete`);
  expect(drill).toHaveLength(1);
  expect(drill[0].missingFields.length).toBeGreaterThan(0);
  expect(drill[0].documentId).toEqual(expect.any(String));
});

test("胶州市's subtree: only its villagers' committee's incomplete guide", async () => {
  const res = await report(auditor.auth, `unit=${JIAOZHOU}&subtree=true&asOf=${asOf}`);
  expect(res.status).toBe(200);
  expect(res.body.data.totals).toMatchObject({ incomplete: 1, missing: 0, overdue: 0 });
  expect(keys(await records(`unit=${JIAOZHOU}&asOf=${asOf}&category=incomplete`))).toEqual(['QD-CA-001/community-acceptance/370281001002']);
  expect(await records(`unit=${JIAOZHOU}&asOf=${asOf}&category=missing`)).toEqual([]);
  const only = await report(auditor.auth, `unit=${JIAOZHOU}&subtree=false&asOf=${asOf}`);
  expect(only.body.data.owners.every((o: { unitCode: string }) => o.unitCode === JIAOZHOU)).toBe(true);
});

test('the SQL completeness equals the pure one for every demo guide', async () => {
  const service = t.strapi.plugin('linkage').service('ownership-report') as { completeness(q: object): Promise<Map<string, string[]>> };
  const sql = await service.completeness({ asOf });
  const store = t.strapi.plugin('linkage').service('store') as {
    guides(): Promise<Array<GuideRow & { documentId: string; locale: string; publishedAt: string | null }>>;
    guideSpec(): Promise<{ required: string[] }>;
  };
  const rows = await store.guides();
  const required = (await store.guideSpec()).required;
  const locales = ['zh-Hans', 'en'];
  const byDoc = new Map<string, typeof rows>();
  for (const row of rows.filter((r) => r.publishedAt !== null)) byDoc.set(row.documentId, [...(byDoc.get(row.documentId) ?? []), row]);
  expect(sql.size).toBe(88);
  expect(byDoc.size).toBe(88);
  for (const [documentId, group] of byDoc) {
    group.sort((a, b) => locales.indexOf(a.locale) - locales.indexOf(b.locale));
    expect([documentId, sql.get(documentId)]).toEqual([documentId, missingFields(guideFromRows(group, 'published'), required, locales)]);
  }
});

test("the CSV (BOM, quoting, Chinese) gives the JSON's numbers", async () => {
  const json = (await report(auditor.auth, `asOf=${asOf}`)).body.data;
  const res = await report(auditor.auth, `asOf=${asOf}&format=csv`)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
    });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
  // Named for what it holds, whose, and as of when.
  expect(res.headers['content-disposition']).toBe(`attachment; filename="ownership-report-Qingdao-${asOf}.csv"; filename*=UTF-8''ownership-report-Qingdao-${asOf}.csv`);
  const text = res.body as string;
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const [header, ...lines] = parseCsv(text.slice(1));
  expect(header).toEqual([...OWNER_COLUMNS]);
  expect(lines).toHaveLength(json.owners.length);
  const column = (name: string) => header.indexOf(name);
  lines.forEach((line, i) => {
    const owner = json.owners[i];
    expect(line[column('unitCode')]).toBe(owner.unitCode);
    expect(line[column('unitName')]).toBe(owner.unitName['zh-Hans']);
    for (const n of ['guides', 'complete', 'incomplete', 'neverReviewed', 'overdue', 'overdueDaysMax', 'overdueDaysTotal', 'staleDrafts', 'missing']) {
      expect([owner.unitCode, n, Number(line[column(n)])]).toEqual([owner.unitCode, n, owner[n]]);
    }
  });
  expect(text).toContain('市北区');
  // The records, streamed.
  const detail = await t.http
    .get(`/linkage/reports/ownership/records?asOf=${asOf}&category=incomplete&format=csv`)
    .set(auditor.auth)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
    });
  const parsed = parseCsv((detail.body as string).slice(1));
  expect(parsed).toHaveLength(4);
  expect(
    parsed
      .slice(1)
      .map((r) => r[parsed[0].indexOf('unitName')])
      .sort()
  ).toEqual(expect.arrayContaining(['市北区', '平度市']));
});

test('downloaded by a person from the admin, in their language: headers, names and values, and the file name', async () => {
  const asText = (r: import('node:http').IncomingMessage, cb: (error: Error | null, body: string) => void) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
  };
  const summary = await report(auditor.auth, `asOf=${asOf}&format=csv&language=zh-Hans`).buffer(true).parse(asText);
  const [header, ...lines] = parseCsv((summary.body as string).slice(1));
  expect(header.slice(0, 4)).toEqual(['单位代码', '单位', '部门代码', '部门']);
  expect(lines.some((line) => line[header.indexOf('有编辑人员')] === '否')).toBe(true);
  expect(decodeURIComponent(String(summary.headers['content-disposition']).split("filename*=UTF-8''")[1])).toBe(`内容保障报告-青岛市-${asOf}.csv`);

  const records = await t.http
    .get(`/linkage/reports/ownership/records?asOf=${asOf}&category=incomplete&format=csv&language=en&owner=370203000000`)
    .set(auditor.auth)
    .buffer(true)
    .parse(asText);
  const [recordHeader, first] = parseCsv((records.body as string).slice(1));
  expect(recordHeader.slice(0, 6)).toEqual(['Item', 'Stage', 'Unit', 'Department', 'Status', 'Missing fields']);
  expect(first.slice(0, 5)).toEqual(['Retirement certification for enterprise employees', expect.any(String), 'Shibei District', expect.any(String), 'Published']);
  expect(first[5]).toMatch(/Conditions/);
  expect(String(records.headers['content-disposition'])).toContain(`filename="ownership-records-Shibei-District-incomplete-${asOf}.csv"`);

  const bad = await report(auditor.auth, `asOf=${asOf}&format=csv&language=fr`);
  expect([bad.status, bad.body.error.details.parameter]).toEqual([400, 'language']);
});

test('auditors and city managers may read; a unit editor gets 403 with a message; no sign-in 401', async () => {
  expect((await report(cityManager.auth, `asOf=${asOf}`)).status).toBe(200);
  const refused = await report(editor.auth, `asOf=${asOf}`);
  expect(refused.status).toBe(403);
  expect(refused.body.error.message).toMatch(/may not read ownership reports.*plugin::linkage\.reports\.read/);
  expect((await t.http.get('/linkage/reports/ownership')).status).toBe(401);
  expect((await t.http.get('/linkage/reports/ownership/records').set(editor.auth)).status).toBe(403);
});

test('bad parameters are a 400 naming the parameter', async () => {
  for (const [query, parameter] of [
    ['asOf=2026-13-01', 'asOf'],
    ['unit=1234', 'unit'],
    ['unit=370299000000', 'unit'],
    ['level=town', 'level'],
    ['subtree=maybe', 'subtree'],
    ['domain=nope', 'domain'],
    ['format=xlsx', 'format'],
  ]) {
    const res = await report(auditor.auth, query);
    expect([query, res.status, res.body.error?.details?.parameter]).toEqual([query, 400, parameter]);
    expect(res.body.error.message).toMatch(new RegExp(`^${parameter}: `));
  }
  const res = await t.http.get('/linkage/reports/ownership/records?category=late').set(auditor.auth);
  expect([res.status, res.body.error.details.parameter]).toEqual([400, 'category']);
});

type Expected = { idle(): Promise<void> };
const expectedRows = async (where: object) =>
  (await t.strapi.db.query('plugin::linkage.expected-handler').findMany({ where })) as Array<{ itemCode: string; stageKey: string; unitCode: string; departmentCode: string }>;

test('expected handlers follow a unit added and an item published with a changed stage', async () => {
  const service = t.strapi.plugin('linkage').service('expected-handlers') as Expected;
  await service.idle();
  expect((await expectedRows({ itemCode: 'QD-SI-001', stageKey: 'district-review' })).map((r) => r.unitCode)).toContain('370285000000');
  const cm = contentManager(t);
  expect(
    (await cm.create('plugin::linkage.unit', { code: '370202001009', level: 'community', kind: 'residents_committee', parentCode: '370202001000', name: '新建社区' })).status
  ).toBe(201);
  expect((await cm.create('plugin::linkage.department', { code: '370202001009-COMMITTEE', kind: 'COMMITTEE', unitCode: '370202001009', name: '新建社区居民委员会' })).status).toBe(
    201
  );
  await service.idle();
  expect((await expectedRows({ unitCode: '370202001009' })).map((r) => `${r.itemCode}/${r.stageKey}`).sort()).toEqual([
    'QD-CA-001/community-acceptance',
    'QD-HOUSING-001/community-acceptance',
    'QD-MI-001/community-registration',
  ]);
  // The new community's stages are now missing guides in the report.
  const missing = keys(await records(`asOf=${asOf}&category=missing&unit=370202001009`));
  expect(missing).toHaveLength(3);

  const item = {
    code: 'QD-CA-201',
    title: '老年人优待证办理',
    domain: 'civil-affairs',
    managingUnitCode: CITY,
    managingDepartmentCode: 'QD-EGOV',
    questions: [{ key: 'residence', kind: 'core', type: 'unit', label: '户籍所在区(市)', answerLevel: 'district', within: CITY, options: [] }],
    stages: [
      {
        key: 'district-issue',
        order: 10,
        level: 'district',
        name: '区(市)办理',
        handler: { fromAnswer: 'residence', level: 'district', departmentKind: 'CA' },
        appliesWhen: true,
      },
    ],
  };
  const saved = await cm.createAndPublish('plugin::linkage.item', item);
  expect(saved.status).toBe(200);
  await service.idle();
  const first = await expectedRows({ itemCode: 'QD-CA-201' });
  expect(first.length).toBeGreaterThan(0);
  expect(new Set(first.map((r) => r.stageKey))).toEqual(new Set(['district-issue']));
  const documentId = saved.body.data.documentId;
  const changed = { ...item, stages: [{ ...item.stages[0], key: 'district-grant' }] };
  expect((await cm.update('plugin::linkage.item', documentId, changed)).status).toBe(200);
  expect((await cm.publish('plugin::linkage.item', documentId)).status).toBe(200);
  await service.idle();
  const after = await expectedRows({ itemCode: 'QD-CA-201' });
  expect(new Set(after.map((r) => r.stageKey))).toEqual(new Set(['district-grant']));
  expect(after.map((r) => r.unitCode).sort()).toEqual(first.map((r) => r.unitCode).sort());
});
