// Links (policies, site URLs, online links, blank forms) are http(s) only, on every write path: the
// Content Manager, the Document Service and the import; and whatever the admin can save, the export
// writes and the import reads back (a draft item without a managing department included).
import { contentManager, fieldErrors } from '../support/content-manager';
import { documentIdOf } from '../support/demo';
import { changesSince } from '../support/roles-matrix';
import { storedData } from '../support/stored-data';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

const UNIT = 'plugin::linkage.unit';
const ITEM = 'plugin::linkage.item';
const GUIDE = 'plugin::linkage.guide';

const BAD = [
  'javascript:alert(1)',
  'JavaScript:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox',
  '//evil.example/x',
  '/relative',
  'https://user:pass@evil.example/',
  'https:// evil.example',
  'ftp://files.example/form.pdf',
];

let t: TestStrapi;
let catalog: { exportCatalog(): Promise<Record<string, unknown>>; importCatalog(input: unknown, options?: object): Promise<unknown> };

beforeAll(async () => {
  t = await startDemoStrapi();
  catalog = t.strapi.plugin('linkage').service('catalog') as typeof catalog;
});
afterAll(async () => {
  await t?.stop();
});

/** The writes that carry a link, each with the field path a refusal must name. */
const CASES = async (url: string): Promise<Array<{ what: string; uid: string; documentId: string; data: Record<string, unknown>; field: string }>> => {
  const unit = await documentIdOf(t.strapi, UNIT, { code: '370202000000' });
  const item = await documentIdOf(t.strapi, ITEM, { code: 'QD-SI-001' });
  const guide = await documentIdOf(t.strapi, GUIDE, { itemCode: 'QD-SI-001', unitCode: '370202000000' });
  const stored = (await contentManager(t).get(ITEM, item)).body.data as { policies: Array<Record<string, unknown>> };
  const policies = stored.policies.map(({ id: _id, ...p }) => p);
  return [
    { what: "a unit's siteUrl", uid: UNIT, documentId: unit, data: { siteUrl: url }, field: 'siteUrl' },
    { what: "an item's policy url", uid: ITEM, documentId: item, data: { policies: [...policies, { title: '办法', url }] }, field: `policies.${policies.length}.url` },
    { what: "a guide's onlineUrl", uid: GUIDE, documentId: guide, data: { onlineUrl: url }, field: 'onlineUrl' },
    {
      what: "a material's blank form",
      uid: GUIDE,
      documentId: guide,
      data: { materials: [{ name: '申请表', required: true, blankForm: url.includes(':') ? url : `javascript:${url}` }] },
      field: 'materials.0.blankForm',
    },
  ];
};

describe.each(BAD)('the link %j', (url) => {
  test('is refused through the Content Manager and the Document Service, naming the field; nothing is stored', async () => {
    const before = await storedData(t.strapi);
    for (const c of await CASES(url)) {
      const res = await contentManager(t).update(c.uid, c.documentId, c.data);
      expect({ what: c.what, status: res.status }).toEqual({ what: c.what, status: 400 });
      expect(fieldErrors(res.body).join('\n')).toMatch(new RegExp(`^${c.field.replace(/\./g, '\\.')}: `, 'm'));
      let thrown: { name?: string; details?: { errors?: Array<{ path: string[] }> } } | null = null;
      try {
        await (t.strapi.documents(c.uid as 'plugin::linkage.unit') as unknown as { update(p: object): Promise<unknown> }).update({
          documentId: c.documentId,
          locale: 'zh-Hans',
          data: c.data,
        });
      } catch (error) {
        thrown = error as typeof thrown;
      }
      expect({ what: c.what, name: thrown?.name, paths: (thrown?.details?.errors ?? []).map((e) => e.path.join('.')) }).toEqual({
        what: c.what,
        name: 'ValidationError',
        paths: expect.arrayContaining([c.field]),
      });
    }
    expect(await changesSince(t.strapi, before)).toEqual([]);
  });
});

describe('the import', () => {
  test('refuses the same links, naming them by their place in the file', async () => {
    const file = (await catalog.exportCatalog()) as {
      units: Array<Record<string, unknown>>;
      items: Array<{ policies?: Array<Record<string, unknown>> }>;
      guides: Array<Record<string, unknown>>;
    };
    file.units[0].siteUrl = 'https://user:pass@evil.example/';
    file.items[0].policies = [{ title: { 'zh-Hans': '办法', en: 'Measures' }, url: 'https:// evil.example' }];
    file.guides[0].onlineUrl = 'https://ok.example/\u2028x';
    let problems: string[] = [];
    try {
      await catalog.importCatalog(file, { dryRun: true });
    } catch (error) {
      problems = ((error as { problems?: Array<{ path: Array<string | number>; message: string }> }).problems ?? []).map((p) => `${p.path.join('.')}: ${p.message}`);
    }
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^units\.0\.siteUrl: must not carry a user name/),
        expect.stringMatching(/^items\.0\.policies\.0\.url: /),
        expect.stringMatching(/^guides\.0\.onlineUrl: must not contain spaces/),
      ])
    );
  });

  test('reads back what the admin can save: a draft item without a managing unit or department, with a policy link', async () => {
    const cm = contentManager(t);
    const created = await cm.create(ITEM, { code: 'QD-DRAFT-URL', title: '草稿事项', policies: [{ title: '办法', url: 'https://policy.example/a?b=c#d' }] });
    expect(created.status).toBe(201);
    const exported = (await catalog.exportCatalog()) as { items: Array<{ code: string; status?: string; managingDepartment?: unknown; policies?: Array<{ url?: string }> }> };
    const draft = exported.items.find((i) => i.code === 'QD-DRAFT-URL');
    expect(draft).toMatchObject({ status: 'draft', policies: [{ url: 'https://policy.example/a?b=c#d' }] });
    expect(draft?.managingDepartment ?? null).toBeNull();
    const summary = (await catalog.importCatalog(exported, { dryRun: true })) as { items: Record<string, number> };
    expect(summary.items).toMatchObject({ create: 0, update: 0 });
  });
});
