// Preview before publishing, through Strapi's own preview panel: `config/admin.ts` hands the panel,
// for a draft guide, item or site template, a short-lived signed link to the page of the owning
// unit's site with the draft in place, in the locale edited; only to an admin who may read the
// record. The link shows the draft to whoever holds it until it expires; expired, forged or other-
// language links get refusal pages; published pages and their caches never see a draft.
import { signPreview } from '../../src/plugins/linkage/server/src/domain/preview-token';
import { createAdmin, ROLES, type SignedInAdmin } from '../support/admins';
import { contentManager } from '../support/content-manager';
import { documentIdOf } from '../support/demo';
import { byClass, headings, htmlLang, readableText, tags, textOf } from '../support/html';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

let t: TestStrapi;
let jiaozhou: SignedInAdmin;
let auditor: SignedInAdmin;
beforeAll(async () => {
  t = await startDemoStrapi();
  jiaozhou = await createAdmin(t, 'jiaozhou-preview@linkage.test', [ROLES.unitEditor], [{ unitCode: JIAOZHOU }]);
  auditor = await createAdmin(t, 'auditor-preview@linkage.test', [ROLES.auditor]);
});
afterAll(async () => {
  await t?.stop();
});

const GUIDE = 'plugin::linkage.guide';
const ITEM = 'plugin::linkage.item';
const TEMPLATE = 'plugin::linkage.site-template';
const RETIREMENT = 'enterprise-employee-retirement-certification';
const CITY = '370200000000';
const JIAOZHOU = '370281000000';
const SHINAN = '370202000000';
const JIAOZHOU_PAGE = `/sites/${JIAOZHOU}/items/${RETIREMENT}`;

const superAdmin = async () => ({ Authorization: `Bearer ${await t.adminToken()}` });

/** What Strapi's preview panel asks for: the address to frame. */
async function previewUrl(uid: string, documentId: string, query: Record<string, string>, auth?: { Authorization: string }) {
  const search = new URLSearchParams({ documentId, ...query }).toString();
  const res = await t.http.get(`/content-manager/preview/url/${uid}?${search}`).set(auth ?? (await superAdmin()));
  return { status: res.status, url: (res.body?.data?.url as string | undefined) ?? null };
}

const get = (path: string) => t.http.get(path);
const guideId = (unitCode: string) => documentIdOf(t.strapi, GUIDE, { itemCode: 'QD-SI-001', stageKey: 'district-review', unitCode });

describe("a draft guide, previewed on its unit's site", () => {
  const DRAFT_ZH = '草稿：男年满60周岁，女年满55周岁（预览测试）。';
  const DRAFT_EN = 'Draft: men aged 60, women aged 55 (preview test).';
  let documentId: string;
  let before: { etag: string; text: string };

  beforeAll(async () => {
    documentId = await guideId(JIAOZHOU);
    const page = await get(`${JIAOZHOU_PAGE}?locale=zh-Hans`);
    before = { etag: page.headers.etag, text: page.text };
    const cm = contentManager(t);
    expect((await cm.update(GUIDE, documentId, { conditions: DRAFT_ZH }, 'zh-Hans')).status).toBe(200);
    expect((await cm.update(GUIDE, documentId, { conditions: DRAFT_EN }, 'en')).status).toBe(200);
  });

  test("the panel gets a signed link to 胶州市's page of the item, at the guide, in the locale edited", async () => {
    const { status, url } = await previewUrl(GUIDE, documentId, { locale: 'zh-Hans', status: 'draft' });
    expect(status).toBe(200);
    expect(url).toMatch(/^\/sites\/preview\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+#stage-district-review$/);
  });

  test("the link shows the draft, exactly as the page will be: the unit's site, its guide, in Chinese", async () => {
    const { url } = await previewUrl(GUIDE, documentId, { locale: 'zh-Hans', status: 'draft' });
    const res = await get((url as string).split('#')[0]);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-robots-tag']).toMatch(/noindex/);
    expect(htmlLang(res.text)).toBe('zh-Hans');
    expect(textOf(byClass(res.text, 'p', 'site-name')?.inner ?? '')).toBe('胶州市网上办事');
    expect(res.text).toContain('<section class="guide" id="stage-district-review"');
    expect(textOf(res.text)).toContain(DRAFT_ZH);
    // The page is the published page with the draft in place: the rest is the same.
    expect(textOf(res.text).replace(DRAFT_ZH, '')).toBe(textOf(before.text).replace('男年满60周岁,女干部年满55周岁、女工人年满50周岁,累计缴费年限满15年。', ''));
    // Its stylesheet, flow chart and navigator stay within the preview.
    const base = (url as string).split('#')[0];
    expect(tags(res.text, 'link').find((l) => l.rel === 'stylesheet')?.href).toBe(`${base}/site.css`);
    expect(tags(res.text, 'img')[0].src).toBe(`${base}/flowchart.svg?locale=zh-Hans`);
    expect(tags(res.text, 'form')[0].action).toBe(`${base}/route`);
    expect(tags(res.text, 'script').map((s) => s.src)).toContain('/sites/preview/reload.js');
  });

  test('in English when the English version is edited', async () => {
    const { url } = await previewUrl(GUIDE, documentId, { locale: 'en', status: 'draft' });
    const res = await get((url as string).split('#')[0]);
    expect(htmlLang(res.text)).toBe('en');
    expect(textOf(res.text)).toContain(DRAFT_EN);
    expect(textOf(res.text)).not.toContain(DRAFT_ZH);
  });

  test("the preview's navigator answers within the preview, with the draft guide on the route", async () => {
    const { url } = await previewUrl(GUIDE, documentId, { locale: 'zh-Hans', status: 'draft' });
    const base = (url as string).split('#')[0];
    const route = await get(`${base}/route?locale=zh-Hans&answers[retirement_type]=normal&answers[enterprise_type]=domestic&answers[enterprise_location]=${JIAOZHOU}`);
    expect(route.status).toBe(200);
    expect(route.headers['cache-control']).toBe('no-store');
    expect(textOf(route.text)).toContain('区(市)社会保险经办机构审核');
    const bad = await get(`${base}/route?locale=zh-Hans&answers[retirement_type]=early`);
    expect(bad.status).toBe(400);
    expect(readableText(bad.text)).toContain('「退休类型」');
  });

  test('published pages, their JSON and their caches never see the draft', async () => {
    const { url } = await previewUrl(GUIDE, documentId, { locale: 'zh-Hans', status: 'draft' });
    await get((url as string).split('#')[0]);
    const after = await get(`${JIAOZHOU_PAGE}?locale=zh-Hans`);
    expect(after.headers.etag).toBe(before.etag);
    expect(after.text).not.toContain(DRAFT_ZH);
    expect((await get(`${JIAOZHOU_PAGE}?locale=zh-Hans`).set('If-None-Match', before.etag)).status).toBe(304);
    const view = await get(`/api/linkage/sites/${JIAOZHOU}/items/${RETIREMENT}?locale=zh-Hans`);
    expect(JSON.stringify(view.body)).not.toContain(DRAFT_ZH);
    const route = await get(`/api/linkage/items/${RETIREMENT}/route?answers[retirement_type]=normal&answers[enterprise_type]=domestic&answers[enterprise_location]=${JIAOZHOU}`);
    expect(JSON.stringify(route.body)).not.toContain(DRAFT_ZH);
  });

  test('the published version is previewed at its public page', async () => {
    const { url } = await previewUrl(GUIDE, documentId, { locale: 'zh-Hans', status: 'published' });
    expect(url).toBe(`${JIAOZHOU_PAGE}?locale=zh-Hans#stage-district-review`);
  });
});

describe('the link shows the draft to no one else', () => {
  test("a unit editor gets a link for their own unit's guide; for another unit's, the read gate refuses the request (403) before the panel is asked", async () => {
    const own = await previewUrl(GUIDE, await guideId(JIAOZHOU), { locale: 'zh-Hans', status: 'draft' }, jiaozhou.auth);
    expect(own.url).toMatch(/^\/sites\/preview\//);
    const other = await previewUrl(GUIDE, await guideId(SHINAN), { locale: 'zh-Hans', status: 'draft' }, jiaozhou.auth);
    expect(other).toEqual({ status: 403, url: null });
  });

  test('a unit editor gets no link for a template they may not read; the auditor, who reads everything, does', async () => {
    const template = await documentIdOf(t.strapi, TEMPLATE, { key: 'site-index' });
    expect((await previewUrl(TEMPLATE, template, { status: 'draft' }, jiaozhou.auth)).url).toBeNull();
    expect((await previewUrl(TEMPLATE, template, { status: 'draft' }, auditor.auth)).url).toMatch(/^\/sites\/preview\//);
  });

  test('no link without an admin session, and none for a type the sites do not show', async () => {
    expect((await t.http.get(`/content-manager/preview/url/${GUIDE}?documentId=${await guideId(JIAOZHOU)}&locale=zh-Hans`)).status).toBe(401);
    const unit = await documentIdOf(t.strapi, 'plugin::linkage.unit', { code: JIAOZHOU });
    expect(await previewUrl('plugin::linkage.unit', unit, { locale: 'zh-Hans' })).toEqual({ status: 204, url: null });
  });

  test('a forged or altered link is refused with a 403 page saying so, in the language asked for', async () => {
    const { url } = await previewUrl(GUIDE, await guideId(JIAOZHOU), { locale: 'zh-Hans', status: 'draft' });
    const token = (url as string).split('#')[0].split('/').pop() as string;
    const [payload, mac] = token.split('.');
    const otherDocument = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), d: await guideId(SHINAN) })).toString('base64url');
    for (const forged of [`${payload}.${mac.slice(0, -2)}AA`, `${otherDocument}.${mac}`, 'not-a-token', `${payload}`]) {
      const res = await get(`/sites/preview/${forged}`);
      expect({ forged, status: res.status }).toEqual({ forged, status: 403 });
      expect(readableText(res.text)).toContain('此预览链接无效');
      expect(res.text).not.toContain('草稿');
    }
    const en = await get(`/sites/preview/${otherDocument}.${mac}?locale=en`);
    expect(readableText(en.text)).toContain('This preview link is not valid');
  });

  test('an expired link is refused with a 403 page saying to open the preview again', async () => {
    const documentId = await guideId(JIAOZHOU);
    const expired = signPreview({ uid: GUIDE, documentId, locale: 'zh-Hans', expires: Math.floor(Date.now() / 1000) - 1 }, process.env.LINKAGE_PREVIEW_SECRET as string);
    const res = await get(`/sites/preview/${expired}`);
    expect(res.status).toBe(403);
    expect(readableText(res.text)).toContain('此预览链接已过期。请在管理后台重新打开预览。');
    for (const part of ['site.css', 'flowchart.svg', 'route']) expect((await get(`/sites/preview/${expired}/${part}`)).status).toBe(403);
    // The same claim signed with another secret is not a link of this server.
    const foreign = signPreview({ uid: GUIDE, documentId, locale: 'zh-Hans', expires: Math.floor(Date.now() / 1000) + 600 }, 'another-secret-of-32-characters!');
    expect((await get(`/sites/preview/${foreign}`)).status).toBe(403);
  });

  test('a link shows the locale it was handed out for, and no other', async () => {
    const { url } = await previewUrl(GUIDE, await guideId(JIAOZHOU), { locale: 'zh-Hans', status: 'draft' });
    const res = await get(`${(url as string).split('#')[0]}?locale=en`);
    expect(res.status).toBe(403);
    expect(htmlLang(res.text)).toBe('en');
    expect(readableText(res.text)).toContain('This preview link shows one language only');
  });
});

describe("a draft item, previewed on the city's page", () => {
  test('its new title and its flow chart show in the preview, not on the public page', async () => {
    const documentId = await documentIdOf(t.strapi, ITEM, { code: 'QD-SI-001' });
    const cm = contentManager(t);
    const item = (await cm.get(ITEM, documentId, 'zh-Hans')).body.data as Record<string, unknown>;
    expect((await cm.update(ITEM, documentId, { ...item, title: '企业职工退休认证（草稿标题）' }, 'zh-Hans')).status).toBe(200);
    const { url } = await previewUrl(ITEM, documentId, { locale: 'zh-Hans', status: 'draft' });
    expect(url).toMatch(/^\/sites\/preview\/[^#]+$/);
    const res = await get(url as string);
    expect(res.status).toBe(200);
    expect(textOf(byClass(res.text, 'p', 'site-name')?.inner ?? '')).toBe('青岛市网上办事');
    expect(textOf(/<h1>([\s\S]*?)<\/h1>/.exec(res.text)?.[1] ?? '')).toBe('企业职工退休认证（草稿标题）');
    const flowchart = await get(`${url}/flowchart.svg?locale=zh-Hans`);
    expect(flowchart.status).toBe(200);
    expect(flowchart.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(flowchart.body.toString()).toContain('企业职工退休认证（草稿标题）');
    const city = await get(`/sites/${CITY}/items/${RETIREMENT}?locale=zh-Hans`);
    expect(city.text).not.toContain('草稿标题');
    expect((await get(`/api/linkage/items/${RETIREMENT}/flowchart?format=svg&locale=zh-Hans`)).body.toString()).not.toContain('草稿标题');
  });
});

describe("a draft site template, previewed on the city's pages", () => {
  test('an edited index heading and style show in the preview and its stylesheet; the public index and stylesheet stay as published', async () => {
    const documentId = await documentIdOf(t.strapi, TEMPLATE, { key: 'site-index', publishedAt: null });
    const cm = contentManager(t);
    const template = (await cm.get(TEMPLATE, documentId)).body.data as { body: string; styles: string | null };
    const body = template.body.replace('<h1>{{ site.siteName }}</h1>', '<h1>{{ site.siteName }}</h1>\n<p class="draft-banner">{{ t.items }}（新版）</p>');
    expect((await cm.update(TEMPLATE, documentId, { body, styles: '.draft-banner { color: #a00; }' })).status).toBe(200);
    const { url } = await previewUrl(TEMPLATE, documentId, { status: 'draft' });
    const res = await get(url as string);
    expect(res.status).toBe(200);
    expect(byClass(res.text, 'p', 'draft-banner')?.text).toBe('办事事项（新版）');
    expect((await get(`${url}/site.css`)).text).toContain('.draft-banner { color: #a00; }');
    // A template is not localized: its preview may be read in either language.
    expect(byClass((await get(`${url}?locale=en`)).text, 'p', 'draft-banner')?.text).toBe('Services（新版）');
    expect((await get(`/sites/${CITY}?locale=zh-Hans`)).text).not.toContain('draft-banner');
    expect((await get('/sites/assets/site.css')).text).not.toContain('draft-banner');
  });

  test('a draft that does not render says so, with the reason, instead of a page', async () => {
    const documentId = await documentIdOf(t.strapi, TEMPLATE, { key: 'item-page', publishedAt: null });
    expect((await contentManager(t).update(TEMPLATE, documentId, { body: "{% layout 'layout' %}{% block content %}{% if %}{% endblock %}" })).status).toBe(200);
    const { url } = await previewUrl(TEMPLATE, documentId, { status: 'draft' });
    const res = await get(url as string);
    expect(res.status).toBe(200);
    expect(readableText(res.text)).toMatch(/此草稿不会显示在网站上.*此草稿暂时无法显示/);
  });
});

describe("a draft site template, previewed on the page of a unit and an item the editor chooses (the template's side panel)", () => {
  const MARKER = '<p class="chosen-page-marker">{{ t.items }}</p>';
  let documentId: string;
  const link = async (body: object, auth?: { Authorization: string }, language = 'en') =>
    t.http
      .post(`/linkage/site-templates/${documentId}/preview`)
      .set(auth ?? (await superAdmin()))
      .set('Accept-Language', language)
      .send(body);

  beforeAll(async () => {
    documentId = await documentIdOf(t.strapi, TEMPLATE, { key: 'guide-page', publishedAt: null });
    const cm = contentManager(t);
    const template = (await cm.get(TEMPLATE, documentId)).body.data as { body: string };
    expect((await cm.update(TEMPLATE, documentId, { body: `${MARKER}\n${template.body}` })).status).toBe(200);
  });

  test("胶州市's page of the retirement item, with 胶州市's own guides, in the language chosen", async () => {
    const res = await link({ unit: JIAOZHOU, item: 'QD-SI-001', locale: 'en' });
    expect(res.status).toBe(200);
    const url = res.body.data.url as string;
    expect(url).toMatch(/^\/sites\/preview\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\?locale=en$/);
    const page = await get(url);
    expect(page.status).toBe(200);
    expect(htmlLang(page.text)).toBe('en');
    const published = await get(`${JIAOZHOU_PAGE}?locale=en`);
    expect(textOf(byClass(page.text, 'p', 'site-name')?.inner ?? '')).toBe(textOf(byClass(published.text, 'p', 'site-name')?.inner ?? ''));
    // The draft guide part, on each of 胶州市's own guides of the item's page.
    expect(byClass(page.text, 'p', 'chosen-page-marker')?.text).toBe('Services');
    expect(headings(page.text).find((h) => h.level === 1)).toEqual(headings(published.text).find((h) => h.level === 1));
    // The public page is as published.
    expect(published.text).not.toContain('chosen-page-marker');
  });

  test("with no unit chosen, the city's page; in Chinese when asked", async () => {
    const res = await link({ locale: 'zh-Hans' });
    expect(res.status).toBe(200);
    const page = await get(res.body.data.url as string);
    expect(htmlLang(page.text)).toBe('zh-Hans');
    const city = await get(`/sites/${CITY}?locale=zh-Hans`);
    expect(textOf(byClass(page.text, 'p', 'site-name')?.inner ?? '')).toBe(textOf(byClass(city.text, 'p', 'site-name')?.inner ?? ''));
  });

  test("a unit or item not in the published catalog, or a language the sites do not have: 400 naming the field, in the admin's language", async () => {
    const unknownUnit = await link({ unit: '999999999999' }, undefined, 'zh-Hans');
    expect(unknownUnit.status).toBe(400);
    expect(unknownUnit.body.error.details.errors).toEqual([expect.objectContaining({ path: ['unit'], message: '没有代码为 999999999999 的已发布单位：请从列表中选择' })]);
    const badItem = await link({ unit: JIAOZHOU, item: 42, locale: 'fr' });
    expect(badItem.status).toBe(400);
    expect(badItem.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toEqual(['item', 'locale']);
    expect(badItem.body.error.details.errors[0].message).toBe('the linked item must be given by its code');
  });

  test('refused to a unit editor, who may not read templates (403), and to no session (401); the auditor, who reads everything, gets a link', async () => {
    expect((await link({ unit: JIAOZHOU }, jiaozhou.auth)).status).toBe(403);
    expect((await t.http.post(`/linkage/site-templates/${documentId}/preview`).send({})).status).toBe(401);
    const res = await link({ unit: JIAOZHOU }, auditor.auth);
    expect(res.status).toBe(200);
    expect((await get(res.body.data.url as string)).status).toBe(200);
  });

  test('a link whose chosen unit is altered is refused as forged', async () => {
    const url = (await link({ unit: JIAOZHOU, item: 'QD-SI-001' })).body.data.url as string;
    const token = url.split('?')[0].split('/').pop() as string;
    const [payload, mac] = token.split('.');
    const claim = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const altered = Buffer.from(JSON.stringify({ ...claim, n: SHINAN })).toString('base64url');
    const res = await get(`/sites/preview/${altered}.${mac}`);
    expect(res.status).toBe(403);
  });

  test('no link for a template that does not exist (404)', async () => {
    const res = await t.http
      .post('/linkage/site-templates/no-such-document/preview')
      .set(await superAdmin())
      .send({});
    expect(res.status).toBe(404);
  });
});

test('the reload script the previews load is served as JavaScript, from the server', async () => {
  const res = await get('/sites/preview/reload.js');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/javascript/);
  expect(res.text).toContain("event.data.type === 'strapiUpdate'");
});
