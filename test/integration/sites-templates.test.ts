// Site templates through the Content Manager: the city designs the sites with Liquid templates that
// are checked when published (they parse, use no `raw`, and render the plugin's fixture view models),
// drafts may be invalid, a published change shows on the next page request, and only the city may
// write them. Every refusal is a 400 naming the Liquid error and its line, with stored data unchanged.
import fs from 'node:fs';
import path from 'node:path';
import type { Response } from 'supertest';
import { DEFAULT_TEMPLATES } from '../../src/plugins/linkage/server/src/site-templates/defaults';
import { seedDefaultTemplates } from '../../src/plugins/linkage/server/src/site-templates/seed';
import { createAdmin, ROLES } from '../support/admins';
import { contentManager, fieldErrors } from '../support/content-manager';
import { storedData } from '../support/stored-data';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

let t: TestStrapi;
beforeAll(async () => {
  t = await startDemoStrapi();
});
afterAll(async () => {
  await t?.stop();
});

const TEMPLATE = 'plugin::linkage.site-template';
const RETIREMENT = 'enterprise-employee-retirement-certification';
const JIAOZHOU_PAGE = `/sites/370281000000/items/${RETIREMENT}`;
const CITY_PAGE = `/sites/370200000000/items/${RETIREMENT}`;
const KEYS = ['guide-page', 'item-page', 'layout', 'navigator-form', 'route-result', 'site-index'];

interface TemplateRow {
  documentId: string;
  key: string;
  body: string;
  styles: string | null;
  publishedAt: string | null;
}

const rows = async (key: string) => (await t.strapi.db.query(TEMPLATE).findMany({ where: { key } })) as TemplateRow[];
const published = async (key: string) => (await rows(key)).find((r) => r.publishedAt !== null) as TemplateRow;
const draft = async (key: string) => (await rows(key)).find((r) => r.publishedAt === null) as TemplateRow;
const documentIdOf = async (key: string) => (await published(key)).documentId;

const lastChange = async () => (await t.http.get('/api/linkage/changes?since=0&limit=1000')).body.meta.cursor as number;

/** Publishes a template with this body, as the admin panel does (the form's data sent with the publish). */
const publishBody = async (key: string, body: string, styles?: string) =>
  contentManager(t).publish(TEMPLATE, await documentIdOf(key), 'zh-Hans', { body, ...(styles === undefined ? {} : { styles }) });

// The stylesheet's address carries a counter of writes; a refused write may bump it (see sites-sync).
const withoutVersion = (html: string) => html.replace(/site\.css\?v=\d+/g, 'site.css');

const itemPage = (extra: string) => `{% layout 'layout' %}{% block content %}\n<h1>{{ item.title }}</h1>\n${extra}\n{% endblock %}\n`;

test('the six default templates are seeded and published at boot', async () => {
  const all = (await t.strapi.db.query(TEMPLATE).findMany({ where: { publishedAt: { $notNull: true } }, select: ['key', 'body'] })) as TemplateRow[];
  expect(all.map((r) => r.key).sort()).toEqual(KEYS);
  expect(all.every((r) => r.body.trim().length > 0)).toBe(true);
  const list = await contentManager(t).list(TEMPLATE);
  expect(list.status).toBe(200);
  expect((list.body.results as Array<{ key: string }>).map((r) => r.key).sort()).toEqual(KEYS);
});

describe('publishing a template that is not safe or does not work is refused with the reason and its line; nothing is stored', () => {
  const cases: Array<[string, string, string, RegExp]> = [
    [
      'a template that does not parse (a tag left open)',
      'item-page',
      `{% layout 'layout' %}{% block content %}\n<h1>{{ item.title }}</h1>\n{% for stage in otherStages %}\n<p>{{ stage.name }}</p>\n{% endblock %}\n`,
      /does not parse: .*line:\s*\d+/,
    ],
    ['an illegal tag', 'item-page', itemPage('{% for %}'), /does not parse: illegal tag.*line:\s*3\b/],
    ['an output left open', 'item-page', itemPage('<p>{{ item.title </p>'), /does not parse: output .* not closed, line:\s*3\b/],
    ['a tag that does not exist', 'route-result', itemPage('{% javascript %}alert(1){% endjavascript %}'), /does not parse: tag "javascript" not found, line:\s*3\b/],
    ['the raw filter', 'item-page', itemPage('<p>{{ ownGuides[0].guide.conditions | raw }}</p>'), /line 3: the "raw" filter is not allowed/],
    ['the raw filter with no space', 'guide-page', '<section>\n<p>{{ entry.guide.conditions|raw }}</p>\n</section>\n', /line 2: the "raw" filter is not allowed/],
    ['the raw tag', 'item-page', itemPage('<p>ok</p>\n{% raw %}{{ item.title }}{% endraw %}'), /line 4: the "raw" tag is not allowed/],
    [
      'the raw tag with whitespace control',
      'layout',
      '<!doctype html>\n<html lang="{{ page.lang }}">\n{%- raw -%}<b>{%- endraw -%}\n<body>{% block content %}{% endblock %}</body></html>\n',
      /line 3: the "raw" tag is not allowed/,
    ],
    ['an unknown filter', 'item-page', itemPage('<p>{{ item.title | shout }}</p>'), /shout.*line:\s*3\b/],
    ['a partial that does not exist', 'item-page', itemPage("{% render 'no-such-partial' %}"), /no-such-partial.*line:\s*3\b/],
    ['a layout that does not exist', 'site-index', "{% layout 'no-such-layout' %}{% block content %}<h1>{{ site.unit.name }}</h1>{% endblock %}\n", /no-such-layout/],
    ['a partial that reads the file system', 'item-page', itemPage("{% render '/etc/passwd' %}"), /passwd/],
    ['a partial that climbs out of the templates', 'item-page', itemPage("{% include '../../../package.json' %}"), /package\.json/],
    ['a partial that breaks the pages using it', 'guide-page', "<section>\n{% render 'missing-part' %}\n</section>\n", /rendering "item-page" with it: .*missing-part/],
    [
      'a layout with an unknown filter in every page',
      'layout',
      '<!doctype html>\n<html lang="{{ page.lang | shout }}">\n<body>{% block content %}{% endblock %}</body></html>\n',
      /shout/,
    ],
  ];

  test.each(cases)('%s (%s)', async (_name, key, body, reason) => {
    const before = await storedData(t.strapi);
    const pageBefore = withoutVersion((await t.http.get(CITY_PAGE)).text);
    const res = await publishBody(key, body);
    expect(res.status).toBe(400);
    expect(fieldErrors(res.body)).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^body: .*${reason.source}`))]));
    expect(await storedData(t.strapi)).toBe(before);
    expect(withoutVersion((await t.http.get(CITY_PAGE)).text)).toBe(pageBefore);
  });

  test('a template that would render without end is stopped by the render budget of one page and refused', async () => {
    const before = await storedData(t.strapi);
    const res = await publishBody('item-page', itemPage('{% for a in (1..100000) %}{% for b in (1..100000) %}{% endfor %}{% endfor %}'));
    expect(res.status).toBe(400);
    expect(fieldErrors(res.body)).toEqual([expect.stringMatching(/^body: took longer than \d+ ms to render, the limit for one page/)]);
    expect(await storedData(t.strapi)).toBe(before);
  });

  test('a second template with a key already in use is refused naming `key`', async () => {
    const before = await storedData(t.strapi);
    const res = await contentManager(t).createAndPublish(TEMPLATE, { key: 'item-page', body: '<p>{{ item.title }}</p>' });
    expect(res.status).toBe(400);
    expect(fieldErrors(res.body)).toEqual(expect.arrayContaining([expect.stringMatching(/^key: .*item-page is already the key of another template/)]));
    expect(await storedData(t.strapi)).toBe(before);
  });

  test('a refused publish writes no change to the change feed', async () => {
    const cursor = await lastChange();
    expect((await publishBody('item-page', itemPage('{{ item.title | raw }}'))).status).toBe(400);
    expect(await lastChange()).toBe(cursor);
  });
});

describe('drafts and publishing', () => {
  test('a draft may be saved invalid: it is stored, the published template and the pages are unchanged, and no change is announced', async () => {
    const cursor = await lastChange();
    const pageBefore = withoutVersion((await t.http.get(JIAOZHOU_PAGE)).text);
    const broken = itemPage('{% if item.title %}<p>unfinished');
    const res = await contentManager(t).update(TEMPLATE, await documentIdOf('item-page'), { body: broken });
    expect(res.status).toBe(200);
    expect((await draft('item-page')).body).toBe(broken);
    expect((await published('item-page')).body).not.toBe(broken);
    const after = await t.http.get(JIAOZHOU_PAGE);
    expect(after.status).toBe(200);
    expect(withoutVersion(after.text)).toBe(pageBefore);
    expect(await lastChange()).toBe(cursor);
    // Publishing that draft as it stands is refused.
    const publish = await contentManager(t).publish(TEMPLATE, await documentIdOf('item-page'));
    expect(publish.status).toBe(400);
    expect(fieldErrors(publish.body)).toEqual([expect.stringMatching(/^body: does not parse/)]);
  });

  test('a valid edited item page (an extra heading) publishes, and the next page request of every site shows it at once', async () => {
    const current = (await published('item-page')).body;
    const edited = current.replace('<article>\n<h1>{{ item.title }}</h1>', '<article>\n<h1>{{ item.title }}</h1>\n<h2 id="template-check">{{ site.unit.name }} · 模板已更新</h2>');
    expect(edited).not.toBe(current);
    const before = await t.http.get(JIAOZHOU_PAGE);
    expect(before.text).not.toContain('template-check');
    const cursor = await lastChange();

    const res = await publishBody('item-page', edited);
    expect(res.status).toBe(200);
    expect((await published('item-page')).body).toBe(edited);

    const jiaozhou = await t.http.get(JIAOZHOU_PAGE);
    expect(jiaozhou.text).toContain('<h2 id="template-check">胶州市 · 模板已更新</h2>');
    expect(jiaozhou.headers.etag).not.toBe(before.headers.etag);
    expect((await t.http.get(CITY_PAGE)).text).toContain('<h2 id="template-check">青岛市 · 模板已更新</h2>');
    expect((await t.http.get('/sites/370202001001/items/minimum-living-allowance')).text).toContain('模板已更新');

    const changes = (await t.http.get(`/api/linkage/changes?since=${cursor}`)).body.data as Array<{ action: string; subjectUid: string; subjectKey: string; unitCodes: string[] }>;
    expect(changes).toEqual([expect.objectContaining({ action: 'published', subjectUid: TEMPLATE, subjectKey: 'item-page', unitCodes: ['*'] })]);
  });

  test("a new rule in the layout's styles is in the stylesheet on the next request", async () => {
    const layout = await published('layout');
    const before = await t.http.get('/sites/assets/site.css');
    const res = await publishBody('layout', layout.body, `${layout.styles ?? ''}\n.template-check { color: #0a7; }\n`);
    expect(res.status).toBe(200);
    const after = await t.http.get('/sites/assets/site.css');
    expect(after.text).toContain('.template-check { color: #0a7; }');
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  test('output stays escaped in an edited template: markup made by filters or echo is shown as text', async () => {
    const current = (await published('item-page')).body;
    const edited = current.replace(
      '<h1>{{ item.title }}</h1>',
      '<h1>{{ item.title | append: "<i>x</i>" }}</h1>\n<p id="echo-check">{% echo item.title | prepend: "<b>y</b>" %}</p>'
    );
    expect(edited).not.toBe(current);
    expect((await publishBody('item-page', edited)).status).toBe(200);
    const html = (await t.http.get(JIAOZHOU_PAGE)).text;
    expect(html).toContain('<h1>企业职工退休认证&lt;i&gt;x&lt;/i&gt;</h1>');
    expect(html).toContain('<p id="echo-check">&lt;b&gt;y&lt;/b&gt;企业职工退休认证</p>');
    expect(html).not.toContain('<i>x</i>');
    expect(html).not.toContain('<b>y</b>');
  });
});

describe('only the city writes templates', () => {
  const denied = (res: Response) => ({ status: res.status, message: (res.body?.error?.message as string | undefined) ?? '' });

  test('a unit editor (胶州市) and the auditor may not create, update or publish a template: 403 each, stored data unchanged', async () => {
    const editor = await createAdmin(t, 'jiaozhou-templates@linkage.test', [ROLES.unitEditor], [{ unitCode: '370281000000', scope: 'subtree' }]);
    const auditor = await createAdmin(t, 'auditor-templates@linkage.test', [ROLES.auditor]);
    const before = await storedData(t.strapi);
    const id = await documentIdOf('item-page');
    const CM = '/content-manager/collection-types';
    for (const admin of [editor, auditor]) {
      const body = itemPage('<p>not the city</p>');
      const attempts = [
        await t.http.put(`${CM}/${TEMPLATE}/${id}`).set(admin.auth).send({ body }),
        await t.http.post(`${CM}/${TEMPLATE}/${id}/actions/publish`).set(admin.auth).send({ body }),
        await t.http.post(`${CM}/${TEMPLATE}`).set(admin.auth).send({ key: 'street-home', body }),
        await t.http.post(`${CM}/${TEMPLATE}/actions/publish`).set(admin.auth).send({ key: 'street-home', body }),
      ];
      for (const res of attempts) {
        expect({ who: admin.email, ...denied(res) }).toEqual({ who: admin.email, status: 403, message: expect.any(String) });
        expect(denied(res).message).not.toBe('');
      }
    }
    expect(await storedData(t.strapi)).toBe(before);
    expect((await t.http.get(JIAOZHOU_PAGE)).text).not.toContain('not the city');
  });

  test('a city manager may publish a template, and the page shows it', async () => {
    const manager = await createAdmin(t, 'city-templates@linkage.test', [ROLES.cityManager]);
    const current = (await published('site-index')).body;
    const edited = current.replace('<h1>{{ site.siteName }}</h1>', '<h1>{{ site.siteName }}</h1>\n<p id="manager-check">市级管理员发布</p>');
    expect(edited).not.toBe(current);
    const res = await t.http
      .post(`/content-manager/collection-types/${TEMPLATE}/${await documentIdOf('site-index')}/actions/publish`)
      .set(manager.auth)
      .send({ body: edited });
    expect(res.status).toBe(200);
    expect((await t.http.get('/sites/370202001000')).text).toContain('<p id="manager-check">市级管理员发布</p>');
  });
});

describe('a database seeded by an earlier release', () => {
  test('a default the city never edited is brought to the current version at boot; an edited one stands', async () => {
    // site-index as the November 2026 release shipped it: it printed guide states, "(已发布)" (with
    // today's words, whose states are gone, an empty "()").
    const shipped = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'site-index-as-shipped-2026-11.liquid'), 'utf8');
    await t.strapi.db.query(TEMPLATE).updateMany({ where: { key: 'site-index' }, data: { body: shipped, styles: '' } });
    const editedLayout = `${(await published('layout')).body}<!-- the city's own -->`;
    await t.strapi.db.query(TEMPLATE).updateMany({ where: { key: 'layout' }, data: { body: editedLayout } });
    (t.strapi.plugin('linkage').service('published') as { invalidate(): void }).invalidate();
    expect((await t.http.get('/sites/370202001000?locale=zh-Hans')).text).toContain('<span class="status status-published">()</span>');

    expect(await seedDefaultTemplates(t.strapi)).toEqual({ created: [], upgraded: ['site-index'] });
    expect((await rows('site-index')).map((r) => r.body)).toEqual([DEFAULT_TEMPLATES['site-index'].body, DEFAULT_TEMPLATES['site-index'].body]);
    expect((await rows('layout')).map((r) => r.body)).toEqual([editedLayout, editedLayout]);
    const page = await t.http.get('/sites/370202001000?locale=zh-Hans');
    expect(page.text).not.toContain('status-published');
    expect(page.text).toContain("<!-- the city's own -->");
    // Nothing more to do on the next boot.
    expect(await seedDefaultTemplates(t.strapi)).toEqual({ created: [], upgraded: [] });
  });
});
