// Linked items: a draft may be incomplete (saved, with warnings); publishing checks the item as a
// whole — keys, conditions, handlers, and the same structure in every locale — and refuses with a
// 400 naming each field, through the Content Manager and the Document Service, storing nothing.
import { BOTH_PATHS, attempt } from '../support/refusals';
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

type Stage = Record<string, unknown>;
type Question = Record<string, unknown>;

const residence: Question = { key: 'residence', kind: 'core', type: 'unit', label: '居住地社区', answerLevel: 'community', within: '370200000000', options: [] };
const newborn: Question = { key: 'is_newborn', kind: 'auxiliary', type: 'boolean', label: '是否为新生儿', options: [] };
const registration: Stage = {
  key: 'community-registration',
  order: 10,
  level: 'community',
  name: '社区登记',
  handler: { fromAnswer: 'residence', level: 'community', departmentKind: 'COMMITTEE' },
  appliesWhen: true,
};
const confirmation: Stage = {
  key: 'district-confirmation',
  order: 20,
  level: 'district',
  name: '区确认',
  handler: { fromAnswer: 'residence', level: 'district', departmentKind: 'MI' },
  appliesWhen: true,
};

let serial = 0;
function item(change: { questions?: Question[]; stages?: Stage[]; title?: string } = {}) {
  serial += 1;
  return {
    code: `QD-TEST-${String(serial).padStart(3, '0')}`,
    title: change.title ?? '测试事项',
    domain: 'healthcare',
    managingUnitCode: '370200000000',
    managingDepartmentCode: 'QD-EGOV',
    questions: change.questions ?? [residence, newborn],
    stages: change.stages ?? [registration, confirmation],
  };
}

interface PublishCase {
  readonly rule: string;
  readonly draft: () => ReturnType<typeof item>;
  readonly field: string;
  readonly reason: RegExp;
}

const cases: PublishCase[] = [
  {
    rule: 'a repeated stage key',
    draft: () => item({ stages: [registration, { ...confirmation, key: 'community-registration' }] }),
    field: 'stages.1.key',
    reason: /repeats the stage key "community-registration"/,
  },
  {
    rule: 'a repeated question key',
    draft: () => item({ questions: [residence, { ...newborn, key: 'residence' }] }),
    field: 'questions.1.key',
    reason: /repeats the question key "residence"/,
  },
  {
    rule: 'a condition that is not JSON Logic',
    draft: () => item({ stages: [{ ...registration, appliesWhen: { when: ['residence'] } }, confirmation] }),
    field: 'stages.0.appliesWhen.when',
    reason: /"when" is not a JSON Logic operator/,
  },
  {
    rule: 'a condition with two operators in one rule',
    draft: () => item({ stages: [{ ...registration, appliesWhen: { and: [true], or: [true] } }, confirmation] }),
    field: 'stages.0.appliesWhen',
    reason: /exactly one operator, found and, or/,
  },
  {
    rule: 'a condition naming a question the item lacks',
    draft: () => item({ stages: [{ ...registration, appliesWhen: { '==': [{ var: 'age_group' }, 'adult'] } }, confirmation] }),
    field: 'stages.0.appliesWhen.==.0.var',
    reason: /"age_group", which is not a question of this item/,
  },
  {
    rule: 'a route condition on an auxiliary question',
    draft: () => item({ stages: [{ ...registration, appliesWhen: { '==': [{ var: 'is_newborn' }, true] } }, confirmation] }),
    field: 'stages.0.appliesWhen.==.0.var',
    reason: /auxiliary question "is_newborn"; only core questions decide the route/,
  },
  {
    rule: 'a handler at a level that does not exist',
    draft: () => item({ stages: [registration, { ...confirmation, handler: { fromAnswer: 'residence', level: 'province', departmentKind: 'MI' } }] }),
    field: 'stages.1.handler.level',
    reason: /must be one of city, district, street, community, got "province"/,
  },
  {
    rule: 'a handler from an answer that does not exist',
    draft: () => item({ stages: [registration, { ...confirmation, handler: { fromAnswer: 'workplace', level: 'district', departmentKind: 'MI' } }] }),
    field: 'stages.1.handler.fromAnswer',
    reason: /"workplace", which is not a question of this item/,
  },
  {
    rule: 'a handler with a department kind that does not exist',
    draft: () => item({ stages: [registration, { ...confirmation, handler: { fromAnswer: 'residence', level: 'district', departmentKind: 'PETS' } }] }),
    field: 'stages.1.handler.departmentKind',
    reason: /no department is of kind "PETS"/,
  },
  {
    rule: 'a fixed handler whose department is not of its unit',
    draft: () => item({ stages: [registration, { ...confirmation, level: 'city', handler: { unit: '370200000000', department: '370202-MI' } }] }),
    field: 'stages.1.handler.department',
    reason: /370202-MI belongs to unit 370202000000, not to 370200000000/,
  },
  { rule: 'an item with no stages', draft: () => item({ stages: [] }), field: 'stages', reason: /at least one stage/ },
];

describe.each(BOTH_PATHS)('publishing through the %s', (via) => {
  test.each(cases)('refuses $rule; the draft was saved with it as a warning', async (c) => {
    const draft = c.draft();
    const saved = await contentManager(t).create(ITEM, draft);
    expect(saved.status).toBe(201);
    const documentId = saved.body.data.documentId as string;
    const escaped = c.field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const line = new RegExp(`^${escaped}: .*${c.reason.source}`);

    // The admin's checks panel shows the same problem for the draft, its path as `stages[1].key`.
    const shownPath = c.field
      .split('.')
      .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
      .join('')
      .slice(1);
    const checks = await t.http.get(`/linkage/items/${documentId}/checks?locale=zh-Hans`).set('Authorization', `Bearer ${await t.adminToken()}`);
    expect(checks.body.publishable).toBe(false);
    expect(checks.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: shownPath, message: expect.stringMatching(c.reason) })]));

    const before = await storedData(t.strapi);
    const outcome = await attempt(t, via, { uid: ITEM, action: 'publish', target: { code: draft.code } });
    expect(outcome.status).toBe(400);
    expect(outcome.errors).toEqual(expect.arrayContaining([expect.stringMatching(line)]));
    expect(await storedData(t.strapi)).toBe(before);
  });
});

test("structure is edited once: a new locale takes the document's structure, and an edit in one locale carries to the other", async () => {
  const cm = contentManager(t);
  const draft = item();
  const documentId = (await cm.create(ITEM, draft)).body.data.documentId as string;
  // The English version is written with a stage key of its own: it keeps the document's keys, and
  // its texts where the keys match (the other stage's name is left for a translator).
  const en = await cm.update(
    ITEM,
    documentId,
    {
      title: 'Test item',
      questions: [
        { ...residence, label: 'Residence' },
        { ...newborn, label: 'Newborn' },
      ],
      stages: [
        { ...registration, name: 'Registration' },
        { ...confirmation, key: 'district-check', name: 'Confirmation' },
      ],
    },
    'en'
  );
  expect(en.status).toBe(200);
  const stored = async (locale: string) =>
    (await cm.get(ITEM, documentId, locale)).body.data as {
      stages: Array<{ key: string; name: string | null; appliesWhen: unknown }>;
      questions: Array<{ key: string; label: string }>;
    };
  expect((await stored('en')).stages.map((s) => [s.key, s.name])).toEqual([
    ['community-registration', 'Registration'],
    ['district-confirmation', null],
  ]);
  expect((await stored('en')).questions.map((q) => q.label)).toEqual(['Residence', 'Newborn']);

  // A city manager renames a stage key and narrows a condition in Chinese: English follows, its texts kept.
  const zh = await stored('zh-Hans');
  const edited = zh.stages.map((s, i) => (i === 0 ? { ...s, key: 'community-intake', appliesWhen: { '==': [{ var: 'residence.kind' }, 'residents_committee'] } } : s));
  const saved = await cm.update(ITEM, documentId, { ...zh, stages: edited }, 'zh-Hans');
  expect(saved.status).toBe(200);
  expect((await stored('en')).stages.map((s) => [s.key, s.name, s.appliesWhen])).toEqual([
    ['community-intake', 'Registration', { '==': [{ var: 'residence.kind' }, 'residents_committee'] }],
    ['district-confirmation', null, { if: [true] }],
  ]);

  // The English draft cannot be published until its missing text is written, and says so.
  const checks = await t.http.get(`/linkage/items/${documentId}/checks?locale=en&language=en`).set('Authorization', `Bearer ${await t.adminToken()}`);
  expect(checks.body.problems).toEqual([expect.objectContaining({ path: 'stages[1].name', field: 'stages.1.name', text: 'Stage 2 › Name is empty in English: fill it in' })]);
  const enNow = await stored('en');
  expect((await cm.update(ITEM, documentId, { ...enNow, stages: enNow.stages.map((s, i) => (i === 1 ? { ...s, name: 'Confirmation' } : s)) }, 'en')).status).toBe(200);
  expect((await cm.publish(ITEM, documentId, 'zh-Hans')).status).toBe(200);
  expect((await cm.publish(ITEM, documentId, 'en')).status).toBe(200);
});

test('labels may differ between locales; a valid new item publishes in both', async () => {
  const cm = contentManager(t);
  const draft = item();
  const published = await cm.createAndPublish(ITEM, draft);
  expect(published.status).toBe(200);
  const documentId = published.body.data.documentId as string;
  const en = await cm.update(
    ITEM,
    documentId,
    {
      title: 'Test item',
      questions: [
        { ...residence, label: 'Residence' },
        { ...newborn, label: 'Newborn' },
      ],
      stages: [
        { ...registration, name: 'Registration' },
        { ...confirmation, name: 'Confirmation' },
      ],
    },
    'en'
  );
  expect(en.status).toBe(200);
  expect((await cm.publish(ITEM, documentId, 'en')).status).toBe(200);
});

test('an item code must be well-formed and unique even in a draft', async () => {
  const cm = contentManager(t);
  const before = await storedData(t.strapi);
  const duplicate = await cm.create(ITEM, { ...item(), code: 'QD-SI-001' });
  expect(duplicate.status).toBe(400);
  expect(duplicate.body.error.details.errors[0]).toMatchObject({ path: ['code'], message: 'QD-SI-001 is already the code of another item' });
  const malformed = await cm.create(ITEM, { ...item(), code: 'qd si 1' });
  expect(malformed.status).toBe(400);
  expect(malformed.body.error.details.errors[0].path).toEqual(['code']);
  expect(await storedData(t.strapi)).toBe(before);
});

test('an item with guides cannot be deleted', async () => {
  const documentId = await documentIdOf(t.strapi, ITEM, { code: 'QD-MI-001' });
  const before = await storedData(t.strapi);
  const res = await t.http.delete(`/content-manager/collection-types/${ITEM}/${documentId}?locale=*`).set('Authorization', `Bearer ${await t.adminToken()}`);
  expect(res.status).toBe(400);
  expect(res.body.error.details.errors[0]).toMatchObject({ path: ['code'], message: expect.stringMatching(/QD-MI-001 cannot be deleted while 18 guides belong to it/) });
  expect(await storedData(t.strapi)).toBe(before);
});

describe('slugs', () => {
  test("the Content Manager's slug generator spells a Chinese title in pinyin", async () => {
    const res = await contentManager(t).generateUid(ITEM, 'slug', { title: '城乡居民基本医疗保险参保登记' });
    expect(res.status).toBe(200);
    expect(res.body.data).toBe('cheng-xiang-ju-min-ji-ben-yi-liao-bao-xian-can-bao-deng-ji');
  });

  test('an item written without a slug gets a readable, unique one from its title in each locale', async () => {
    const documents = t.strapi.documents(ITEM);
    const first = await documents.create({ data: { ...item({ title: '老年人优待证办理' }) } as never, locale: 'zh-Hans' });
    const second = await documents.create({ data: { ...item({ title: '老年人优待证办理' }) } as never, locale: 'zh-Hans' });
    expect(first.slug).toBe('lao-nian-ren-you-dai-zheng-ban-li');
    expect(second.slug).toBe('lao-nian-ren-you-dai-zheng-ban-li-1');
    const en = await documents.update({ documentId: first.documentId, locale: 'en', data: { title: 'Senior citizen card' } as never });
    expect(en?.slug).toBe('senior-citizen-card');
  });
});
