// An item is published only if every combination of its core answers routes: at least one stage,
// and exactly one handler for each stage that applies. Published items are checked again when
// units or departments change, and what broke is reported.
import { contentManager } from '../support/content-manager';
import { documentIdOf } from '../support/demo';
import { storedData } from '../support/stored-data';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

let t: TestStrapi;
beforeAll(async () => {
  t = await startDemoStrapi();
});
afterAll(async () => {
  await t?.stop();
});

const ITEM = 'plugin::linkage.item';

const draft = (code: string, handlerKind: string) => ({
  code,
  title: '老年人优待证办理',
  domain: 'civil-affairs',
  managingUnitCode: '370200000000',
  managingDepartmentCode: 'QD-EGOV',
  questions: [{ key: 'residence', kind: 'core', type: 'unit', label: '户籍所在区(市)', answerLevel: 'district', within: '370200000000', options: [] }],
  stages: [
    {
      key: 'district-issue',
      order: 10,
      level: 'district',
      name: '区(市)办理',
      handler: { fromAnswer: 'residence', level: 'district', departmentKind: handlerKind },
      appliesWhen: true,
    },
  ],
});

test('publishing is refused when some combination finds no handler, listing the first failing combinations; the draft shows why', async () => {
  const cm = contentManager(t);
  // LAC departments exist, but only the city has one: no district can handle the stage.
  const saved = await cm.create(ITEM, draft('QD-CA-101', 'LAC'));
  expect(saved.status).toBe(201);
  const documentId = saved.body.data.documentId;
  const checks = await t.http.get(`/linkage/items/${documentId}/checks?locale=zh-Hans`).set('Authorization', `Bearer ${await t.adminToken()}`);
  expect(checks.body.publishable).toBe(false);
  expect(checks.body.problems[0]).toMatchObject({
    path: 'stages[0].handler',
    message: 'when residence=370202000000: 370202000000 has no LAC department to handle stage "district-issue"',
  });
  expect(checks.body.problems).toHaveLength(5);
  const before = await storedData(t.strapi);
  const res = await cm.publish(ITEM, documentId);
  expect(res.status).toBe(400);
  expect(res.body.error.details.errors[0]).toMatchObject({
    path: ['stages', '0', 'handler'],
    reason: expect.stringMatching(/^when residence=370202000000: 370202000000 has no LAC department/),
    // The editor reads the answers as given and the unit by its name.
    message: expect.stringMatching(/^Stage “区\(市\)办理” › Handled by: when 户籍所在区\(市\) = 市南区, 市南区 has no work ability appraisal body/),
  });
  expect(await storedData(t.strapi)).toBe(before);
});

test('a stage that no combination reaches is a warning, not a refusal', async () => {
  const cm = contentManager(t);
  const item = draft('QD-CA-102', 'CA');
  item.stages.push({ ...item.stages[0], key: 'never', order: 20, appliesWhen: { '==': [{ var: 'residence.kind' }, 'county'] } } as never);
  const saved = await cm.create(ITEM, item);
  const documentId = saved.body.data.documentId;
  const checks = await t.http.get(`/linkage/items/${documentId}/checks?locale=zh-Hans`).set('Authorization', `Bearer ${await t.adminToken()}`);
  expect(checks.body).toMatchObject({
    publishable: true,
    problems: [],
    warnings: [{ path: 'stages[1].appliesWhen', message: 'no combination of answers reaches stage "never"' }],
  });
  expect((await cm.publish(ITEM, documentId)).status).toBe(200);
});

test('the edit page draws the draft flow chart', async () => {
  const documentId = await documentIdOf(t.strapi, ITEM, { code: 'QD-SI-001' });
  const res = await t.http.get(`/linkage/items/${documentId}/flowchart?locale=en&format=svg`).set('Authorization', `Bearer ${await t.adminToken()}`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
  expect(res.body.toString()).toContain('Work ability appraisal');
  const anonymous = await t.http.get(`/linkage/items/${documentId}/flowchart`);
  expect(anonymous.status).toBe(401);
});

test("changing a department's kind re-checks published items and reports the retirement item broken for 莱西市", async () => {
  const cm = contentManager(t);
  const documentId = await documentIdOf(t.strapi, 'plugin::linkage.department', { code: '370285-SI' });
  const res = await cm.update('plugin::linkage.department', documentId, { kind: 'PENSION' });
  expect(res.status).toBe(200);
  const health = await t.http.get('/linkage/items/health').set('Authorization', `Bearer ${await t.adminToken()}`);
  expect(health.status).toBe(200);
  expect(health.body.data.reason).toMatch(/the update of department 370285-SI/);
  // Normal, special-job and bankrupt retirements from a domestic enterprise in 莱西市 all need its SI center.
  expect(health.body.data.broken).toEqual([
    {
      code: 'QD-SI-001',
      problems: ['normal', 'special_job', 'bankrupt'].map((type) =>
        expect.stringContaining(`retirement_type=${type}, enterprise_type=domestic, enterprise_location=370285000000: 370285000000 has no SI department`)
      ),
    },
  ]);
});
