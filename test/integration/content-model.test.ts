// The content model: the plugin's types and components, which are localized, which are hidden
// from the Content Manager, and records that name each other by codes, not row ids.
import { contentManager } from '../support/content-manager';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

let t: TestStrapi;
beforeAll(async () => {
  t = await startDemoStrapi();
});
afterAll(async () => {
  await t?.stop();
});

const TYPES = [
  'unit',
  'department',
  'item',
  'guide',
  'guide-spec',
  'review',
  'responsibility-rule',
  'site-template',
  'membership',
  'audit-entry',
  'change',
  'expected-handler',
  'guide-fact',
];
// The ownership report's derived tables, the feed and the trail are no one's to edit.
// Reviews are written by "Mark as reviewed" and read in the assurance panel and the report: not edited in the Content Manager.
const HIDDEN = ['membership', 'audit-entry', 'change', 'expected-handler', 'guide-fact', 'review'];

test('the plugin defines its thirteen content types under plugin::linkage.* (two of them the ownership report’s derived tables)', () => {
  const uids = Object.keys(t.strapi.contentTypes).filter((uid) => uid.startsWith('plugin::linkage.'));
  expect(uids.sort()).toEqual(TYPES.map((name) => `plugin::linkage.${name}`).sort());
});

test('questions, stages, options, materials, policies and time limits are components the plugin registers', () => {
  const item = t.strapi.contentType('plugin::linkage.item').attributes as Record<string, { type: string; component?: string; repeatable?: boolean }>;
  expect(item.questions).toMatchObject({ type: 'component', component: 'linkage.question', repeatable: true });
  expect(item.stages).toMatchObject({ type: 'component', component: 'linkage.stage', repeatable: true });
  const question = t.strapi.components['linkage.question' as never] as { attributes: Record<string, { component?: string }> };
  expect(question.attributes.options.component).toBe('linkage.option');
  for (const uid of ['linkage.policy', 'linkage.option', 'linkage.question', 'linkage.stage', 'linkage.material', 'linkage.time-limit']) {
    expect(t.strapi.components[uid as never]).toBeDefined();
  }
});

test('codes that records name each other by are not localized; texts are', () => {
  const localized = (type: string, field: string) =>
    (t.strapi.contentType(`plugin::linkage.${type}` as never) as { attributes: Record<string, { pluginOptions?: { i18n?: { localized?: boolean } } }> }).attributes[field]
      .pluginOptions?.i18n?.localized;
  for (const field of ['itemCode', 'stageKey', 'unitCode', 'departmentCode', 'timeLimit', 'phone', 'onlineUrl']) expect(localized('guide', field)).toBe(false);
  for (const field of ['conditions', 'materials', 'fee', 'address', 'hours']) expect(localized('guide', field)).toBe(true);
  for (const field of ['code', 'level', 'kind', 'parentCode', 'siteUrl']) expect(localized('unit', field)).toBe(false);
  expect(localized('unit', 'name')).toBe(true);
  // No relation of the plugin's own: only Strapi's bookkeeping ones.
  for (const type of ['unit', 'department', 'item', 'guide']) {
    const attributes = t.strapi.contentType(`plugin::linkage.${type}` as never).attributes as Record<string, { type: string }>;
    const relations = Object.entries(attributes)
      .filter(([, a]) => a.type === 'relation')
      .map(([name]) => name);
    expect(relations.sort()).toEqual(['createdBy', 'localizations', 'updatedBy']);
  }
});

test('memberships, audit entries, changes and reviews are hidden from the Content Manager; the rest are listed', async () => {
  const res = await t.http.get('/content-manager/content-types').set('Authorization', `Bearer ${await t.adminToken()}`);
  expect(res.status).toBe(200);
  const visible = (res.body.data as Array<{ uid: string; isDisplayed: boolean }>)
    .filter((ct) => ct.uid.startsWith('plugin::linkage.') && ct.isDisplayed)
    .map((ct) => ct.uid.replace('plugin::linkage.', ''));
  expect(visible.sort()).toEqual(TYPES.filter((name) => !HIDDEN.includes(name)).sort());
});

test('items and guides have draft and publish; units, departments and reviews do not', () => {
  const draftAndPublish = (type: string) => t.strapi.contentType(`plugin::linkage.${type}` as never).options?.draftAndPublish === true;
  expect(['item', 'guide', 'site-template'].map(draftAndPublish)).toEqual([true, true, true]);
  expect(['unit', 'department', 'review', 'responsibility-rule', 'membership'].map(draftAndPublish)).toEqual([false, false, false, false, false]);
});

test('the guide spec is a single type holding the fields a complete guide needs', async () => {
  const res = await t.http.get('/content-manager/single-types/plugin::linkage.guide-spec').set('Authorization', `Bearer ${await t.adminToken()}`);
  expect(res.status).toBe(200);
  expect(res.body.data.required).toEqual(['conditions', 'materials', 'timeLimit', 'fee', 'address', 'phone', 'hours']);
  expect((await contentManager(t).updateSingle('plugin::linkage.guide-spec', { required: ['conditions', 'materials'] })).status).toBe(200);
});
