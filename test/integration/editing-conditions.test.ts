// Conditions are built, not typed (issue 10): whatever form a condition arrives in from any write
// path, what is stored is a rule, and the route follows it. The finding reproduced here: the Content
// Manager's JSON editor sends an edited condition as a JSON *string*, which was stored as a string
// literal; the stage then applied to every applicant.
import { createAdmin, ROLES, type SignedInAdmin } from '../support/admins';
import { contentManager } from '../support/content-manager';
import { documentIdOf } from '../support/demo';
import { storedData } from '../support/stored-data';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

let t: TestStrapi;
let cityManager: SignedInAdmin;
let chineseManager: SignedInAdmin;
beforeAll(async () => {
  t = await startDemoStrapi();
  cityManager = await createAdmin(t, 'city-manager@linkage.test', [ROLES.cityManager]);
  chineseManager = await createAdmin(t, 'city-manager-zh@linkage.test', [ROLES.cityManager]);
  // The interface language chosen in the admin profile.
  await t.strapi.db.query('admin::user').update({ where: { id: chineseManager.id }, data: { preferedLanguage: 'zh-Hans' } });
});
afterAll(async () => {
  await t?.stop();
});

const ITEM = 'plugin::linkage.item';
const RETIREMENT = 'enterprise-employee-retirement-certification';
const CM = '/content-manager/collection-types/plugin::linkage.item';

type Stage = { id: number; key: string; appliesWhen: unknown } & Record<string, unknown>;
type ItemForm = { stages: Stage[] } & Record<string, unknown>;

/** What the edit form holds: the document as the Content Manager loads it, less its status. */
const form = async (admin: SignedInAdmin, documentId: string, locale: string): Promise<ItemForm> => {
  const { status: _status, ...values } = (await t.http.get(`${CM}/${documentId}?locale=${locale}`).set(admin.auth)).body.data as ItemForm;
  return values as ItemForm;
};

const storedConditions = async (documentId: string) => {
  const rows = (await t.strapi.db.query(ITEM).findMany({ where: { documentId, publishedAt: null }, populate: { stages: true } })) as Array<{ locale: string; stages: Stage[] }>;
  return Object.fromEntries(rows.map((r) => [r.locale, r.stages.find((s) => s.key === 'work-ability-appraisal')?.appliesWhen]));
};

const routeKeys = async (answers: Record<string, string>) => {
  const query = Object.entries(answers)
    .map(([k, v]) => `answers[${k}]=${v}`)
    .join('&');
  const res = await t.http.get(`/api/linkage/items/${RETIREMENT}/route?${query}`);
  expect(res.status).toBe(200);
  return (res.body.data.stages as Array<{ key: string }>).map((s) => s.key);
};

describe('a condition edited the way the Content Manager JSON editor sends it', () => {
  let documentId: string;
  beforeAll(async () => {
    documentId = await documentIdOf(t.strapi, ITEM, { code: 'QD-SI-001' });
  });

  test('is stored as a rule in both locales, publishes, and routes only the applicants it names', async () => {
    const zh = await form(cityManager, documentId, 'zh-Hans');
    // "illness" → "bankrupt", as typed into the JSON editor: the form sends the text.
    const edited = zh.stages.map((s) =>
      s.key === 'work-ability-appraisal' ? { ...s, appliesWhen: '{\n  "==": [\n    { "var": "retirement_type" },\n    "bankrupt"\n  ]\n}' } : s
    );
    const saved = await t.http
      .put(`${CM}/${documentId}?locale=zh-Hans`)
      .set(cityManager.auth)
      .send({ ...zh, stages: edited });
    expect(saved.status).toBe(200);
    const rule = { '==': [{ var: 'retirement_type' }, 'bankrupt'] };
    expect(await storedConditions(documentId)).toEqual({ 'zh-Hans': rule, en: rule });

    const checks = await t.http.get(`/linkage/items/${documentId}/checks?locale=zh-Hans`).set(cityManager.auth);
    expect(checks.body).toMatchObject({ publishable: true, problems: [] });
    expect((await t.http.post(`${CM}/${documentId}/actions/publish?locale=zh-Hans`).set(cityManager.auth).send({})).status).toBe(200);

    const base = { enterprise_type: 'domestic', enterprise_location: '370281000000' };
    expect(await routeKeys({ ...base, retirement_type: 'bankrupt' })).toEqual(['work-ability-appraisal', 'district-review', 'city-approval']);
    expect(await routeKeys({ ...base, retirement_type: 'normal' })).toEqual(['district-review', 'city-approval']);
    expect(await routeKeys({ ...base, retirement_type: 'illness' })).toEqual(['city-approval']);

    // The flow chart and the item page print the sentence, not JSON.
    const item = await t.http.get(`/api/linkage/items/${RETIREMENT}`);
    const appraisal = (item.body.data.stages as Array<{ key: string; appliesWhenText: string }>).find((s) => s.key === 'work-ability-appraisal');
    expect(JSON.stringify(appraisal)).not.toContain('{\\"==\\"');
    const mermaid = await t.http.get(`/api/linkage/items/${RETIREMENT}/flowchart?format=mermaid`);
    expect(mermaid.text).toContain('破产企业退休');
    expect(mermaid.text).not.toContain('"var"');
  });

  test('the same edit made on the English version carries to Chinese', async () => {
    const en = await form(cityManager, documentId, 'en');
    const edited = en.stages.map((s) => (s.key === 'work-ability-appraisal' ? { ...s, appliesWhen: '{"==":[{"var":"retirement_type"},"illness"]}' } : s));
    expect(
      (
        await t.http
          .put(`${CM}/${documentId}?locale=en`)
          .set(cityManager.auth)
          .send({ ...en, stages: edited })
      ).status
    ).toBe(200);
    const rule = { '==': [{ var: 'retirement_type' }, 'illness'] };
    expect(await storedConditions(documentId)).toEqual({ 'zh-Hans': rule, en: rule });
    const [zhStage, enStage] = await Promise.all(
      ['zh-Hans', 'en'].map(async (l) => (await form(cityManager, documentId, l)).stages.find((s) => s.key === 'work-ability-appraisal'))
    );
    expect([zhStage?.name, enStage?.name]).toEqual(['劳动能力鉴定', 'Work ability appraisal']);
  });

  test('text that is not a condition is refused with a 400 naming the field, in the admin’s language, and nothing is stored', async () => {
    const zh = await form(chineseManager, documentId, 'zh-Hans');
    const before = await storedData(t.strapi);
    const edited = zh.stages.map((s) => (s.key === 'work-ability-appraisal' ? { ...s, appliesWhen: 'illness' } : s));
    const res = await t.http
      .put(`${CM}/${documentId}?locale=zh-Hans`)
      .set(chineseManager.auth)
      .send({ ...zh, stages: edited });
    expect(res.status).toBe(400);
    const index = zh.stages.findIndex((s) => s.key === 'work-ability-appraisal');
    expect(res.body.error.details.errors).toEqual([
      expect.objectContaining({
        path: ['stages', String(index), 'appliesWhen'],
        message: '条件是一段文字，而不是条件：请用条件编辑器设置',
        reason: expect.stringMatching(/^is text, not a condition/),
      }),
    ]);
    expect(res.body.error.message).toBe('条件是一段文字，而不是条件：请用条件编辑器设置');
    expect(await storedData(t.strapi)).toBe(before);
  });

  test('the Document Service parses a condition given as text too', async () => {
    const created = await t.strapi.documents(ITEM).create({
      locale: 'zh-Hans',
      data: {
        code: 'QD-TEST-COND',
        title: '条件测试',
        domain: 'healthcare',
        managingUnitCode: '370200000000',
        managingDepartmentCode: 'QD-EGOV',
        questions: [{ key: 'is_newborn', kind: 'core', type: 'boolean', label: '是否为新生儿' }],
        stages: [
          {
            key: 'registration',
            order: 10,
            level: 'city',
            name: '登记',
            handler: { unit: '370200000000', department: 'QD-EGOV' },
            appliesWhen: '{"==":[{"var":"is_newborn"},true]}',
          },
        ],
      } as never,
    });
    expect(await storedConditionOf(created.documentId)).toEqual({ '==': [{ var: 'is_newborn' }, true] });
  });
});

const storedConditionOf = async (documentId: string) =>
  ((await t.strapi.db.query(ITEM).findOne({ where: { documentId, publishedAt: null }, populate: { stages: true } })) as { stages: Stage[] }).stages[0].appliesWhen;

describe('publishing refuses a condition that reads no question unless it is the explicit "always"', () => {
  test('a rule comparing constants is refused with a sentence naming the stage; "always" publishes', async () => {
    const cm = contentManager(t);
    const draft = {
      code: 'QD-TEST-CONST',
      title: '常量条件',
      domain: 'healthcare',
      managingUnitCode: '370200000000',
      managingDepartmentCode: 'QD-EGOV',
      questions: [{ key: 'is_newborn', kind: 'core', type: 'boolean', label: '是否为新生儿' }],
      stages: [{ key: 'registration', order: 10, level: 'city', name: '登记', handler: { unit: '370200000000', department: 'QD-EGOV' }, appliesWhen: { '==': [1, 1] } }],
    };
    const documentId = (await cm.create(ITEM, draft)).body.data.documentId as string;
    const refused = await t.http.post(`${CM}/${documentId}/actions/publish?locale=zh-Hans`).set(chineseManager.auth).send({});
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors).toEqual([
      expect.objectContaining({
        path: ['stages', '0', 'appliesWhen'],
        message: '环节“登记”的适用条件：条件没有引用任何问题，无论申请人如何回答结果都一样：请选择一个问题；若确实对所有人都适用，请选择“总是适用”',
      }),
    ]);
    const always = await t.http
      .put(`${CM}/${documentId}?locale=zh-Hans`)
      .set(cityManager.auth)
      .send({ ...draft, stages: [{ ...draft.stages[0], appliesWhen: true }] });
    expect(always.status).toBe(200);
    expect((await t.http.post(`${CM}/${documentId}/actions/publish?locale=zh-Hans`).set(cityManager.auth).send({})).status).toBe(200);
  });
});
