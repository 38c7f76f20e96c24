// Units, departments, responsibility rules and the guide spec: each rule refuses a bad write with a
// 400 naming the field and the reason, through the Content Manager and the Document Service, and
// leaves every stored row exactly as it was.
import { BOTH_PATHS, attempt, type WriteCase } from '../support/refusals';
import { storedData } from '../support/stored-data';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';
import { contentManager } from '../support/content-manager';

let t: TestStrapi;
beforeAll(async () => {
  t = await startDemoStrapi();
});
afterAll(async () => {
  await t?.stop();
});

const UNIT = 'plugin::linkage.unit';
const DEPARTMENT = 'plugin::linkage.department';
const RULE = 'plugin::linkage.responsibility-rule';
const SPEC = 'plugin::linkage.guide-spec';

const district = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  level: 'district',
  kind: 'district',
  parentCode: '370200000000',
  name: '测试区',
  ...extra,
});

interface RuleCase extends WriteCase {
  readonly rule: string;
  readonly field: string;
  readonly reason: RegExp;
}

const cases: RuleCase[] = [
  { rule: 'a unit code that is not 12 digits', uid: UNIT, action: 'create', data: district('3702991'), field: 'code', reason: /exactly 12 digits/ },
  { rule: 'a unit code with letters', uid: UNIT, action: 'create', data: district('37029900000A'), field: 'code', reason: /exactly 12 digits/ },
  {
    rule: 'a unit code not significant to its level (street digits on a district)',
    uid: UNIT,
    action: 'create',
    data: district('370299001000'),
    field: 'code',
    reason: /not a district code/,
  },
  {
    rule: 'a unit code whose level digits are all zero (it names its parent)',
    uid: UNIT,
    action: 'create',
    data: { code: '370202000000', level: 'street', kind: 'subdistrict', parentCode: '370202000000', name: '街' },
    field: 'code',
    reason: /not a street code/,
  },
  {
    rule: 'a unit code not prefixed by its parent code',
    uid: UNIT,
    action: 'create',
    data: { code: '370203009000', level: 'street', kind: 'subdistrict', parentCode: '370202000000', name: '街' },
    field: 'code',
    reason: /does not start with 370202/,
  },
  {
    rule: 'a parent not exactly one level up',
    uid: UNIT,
    action: 'create',
    data: { code: '370202009000', level: 'street', kind: 'subdistrict', parentCode: '370200000000', name: '街' },
    field: 'parentCode',
    reason: /exactly one level up/,
  },
  {
    rule: 'a parent that does not exist',
    uid: UNIT,
    action: 'create',
    data: district('370299000000', { parentCode: '370100000000' }),
    field: 'parentCode',
    reason: /no unit has the code 370100000000/,
  },
  {
    rule: 'a unit that is its own parent',
    uid: UNIT,
    action: 'update',
    target: { code: '370281000000' },
    data: { parentCode: '370281000000' },
    field: 'parentCode',
    reason: /cycle/,
  },
  {
    rule: 'a parent change that makes a cycle',
    uid: UNIT,
    action: 'update',
    target: { code: '370202000000' },
    data: { parentCode: '370202001000' },
    field: 'parentCode',
    reason: /makes a cycle: 370202000000 → 370202001000 → 370202000000/,
  },
  { rule: 'a duplicate unit code', uid: UNIT, action: 'create', data: district('370202000000'), field: 'code', reason: /already the code of another unit/ },
  {
    rule: 'a unit kind that does not belong to its level',
    uid: UNIT,
    action: 'create',
    data: district('370299000000', { kind: 'subdistrict' }),
    field: 'kind',
    reason: /must be one of district, county_city, county/,
  },
  {
    rule: 'changing the code of a unit that others refer to',
    uid: UNIT,
    action: 'update',
    target: { code: '370285000000' },
    data: { code: '370286000000' },
    field: 'code',
    reason: /referenced by .*departments.*guides/,
  },
  {
    rule: 'deleting a unit that others refer to',
    uid: UNIT,
    action: 'delete',
    target: { code: '370281001001' },
    locale: '*',
    field: 'code',
    reason: /cannot be deleted while it is referenced by .*departments/,
  },
  {
    rule: 'a duplicate department code',
    uid: DEPARTMENT,
    action: 'create',
    data: { code: 'QD-SI', kind: 'SI', unitCode: '370200000000', name: '重复' },
    field: 'code',
    reason: /already the code of another department/,
  },
  {
    rule: 'a department of a unit that does not exist',
    uid: DEPARTMENT,
    action: 'create',
    data: { code: 'X-SI', kind: 'SI', unitCode: '370299000000', name: '无' },
    field: 'unitCode',
    reason: /no unit has the code 370299000000/,
  },
  {
    rule: 'a department kind that is not an upper-case code',
    uid: DEPARTMENT,
    action: 'create',
    data: { code: 'X-SI', kind: 'social insurance', unitCode: '370202000000', name: '无' },
    field: 'kind',
    reason: /upper-case kind/,
  },
  {
    rule: 'moving a department that guides use to another unit',
    uid: DEPARTMENT,
    action: 'update',
    target: { code: '370202-SI' },
    data: { unitCode: '370203000000' },
    field: 'unitCode',
    reason: /referenced by 2 guides/,
  },
  {
    rule: 'a responsibility rule with a duplicate key',
    uid: RULE,
    action: 'create',
    data: { key: 'templates', scope: 'template', responsible: 'owner', reviewEveryDays: 30 },
    field: 'key',
    reason: /already the key/,
  },
  {
    rule: 'a responsibility rule naming a department that does not exist',
    uid: RULE,
    action: 'create',
    data: { key: 'units', scope: 'unit', responsible: 'department', responsibleDepartmentCode: 'NOPE', reviewEveryDays: 30 },
    field: 'responsibleDepartmentCode',
    reason: /no department has the code NOPE/,
  },
  {
    rule: 'a review interval below one day',
    uid: RULE,
    action: 'create',
    data: { key: 'units', scope: 'unit', responsible: 'owner', reviewEveryDays: 0 },
    field: 'reviewEveryDays',
    reason: /≥ 1/,
  },
];

describe.each(BOTH_PATHS)('through the %s', (via) => {
  test.each(cases)('refuses $rule', async (c) => {
    const before = await storedData(t.strapi);
    const outcome = await attempt(t, via, c);
    expect(outcome.status).toBe(400);
    expect(outcome.errors).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${c.field}: .*${c.reason.source}`))]));
    expect(outcome.message).toContain(c.field);
    expect(await storedData(t.strapi)).toBe(before);
  });
});

test('the guide spec refuses a field that guides do not have, leaving the spec as it was', async () => {
  const before = await storedData(t.strapi);
  const res = await contentManager(t).updateSingle(SPEC, { required: ['conditions', 'colour'] });
  expect(res.status).toBe(400);
  expect(res.body.error.details.errors[0]).toMatchObject({ path: ['required', '1'], message: expect.stringContaining('"colour" is not a guide field') });
  expect(await storedData(t.strapi)).toBe(before);
});

test('a valid unit, department and rule are accepted in both locales', async () => {
  const cm = contentManager(t);
  const created = await cm.create(UNIT, { code: '370202003000', level: 'street', kind: 'subdistrict', parentCode: '370202000000', name: '湛山街道' });
  expect(created.status).toBe(201);
  const documentId = created.body.data.documentId;
  const en = await cm.update(UNIT, documentId, { name: 'Zhanshan Subdistrict' }, 'en');
  expect(en.status).toBe(200);
  expect(en.body.data).toMatchObject({ code: '370202003000', level: 'street', parentCode: '370202000000', locale: 'en' });
  const department = await cm.create(DEPARTMENT, { code: '370202003-OFFICE', kind: 'OFFICE', unitCode: '370202003000', name: '湛山街道办事处' });
  expect(department.status).toBe(201);
  const rule = await cm.create(RULE, { key: 'units', scope: 'unit', responsible: 'owner', reviewEveryDays: 365 });
  expect(rule.status).toBe(201);
});
