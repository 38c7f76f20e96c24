// Preview before publishing, in the real admin panel in Debian's Chromium: 胶州市's editor edits
// the draft of their review guide and opens Strapi's own preview panel; the panel frames 胶州市's
// page of the item with the draft in place, in the locale edited (中文, then English), while the
// public page still shows what is published. Screenshots are checked not blank.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { createAdmin, ROLES } from '../support/admins';
import { distinctColours, launchChromium } from '../support/browser';
import { contentManager } from '../support/content-manager';
import { documentIdOf } from '../support/demo';
import { TEST_TMP } from '../support/env';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

const PASSWORD = 'Linkage-Editor-Pass-1';
const GUIDE = 'plugin::linkage.guide';
const JIAOZHOU = '370281000000';
const SHOTS = path.join(TEST_TMP, 'screenshots');
const DRAFT_ZH = '草稿：办理条件已按新政策修订（预览）。';
const DRAFT_EN = 'Draft: conditions revised under the new policy (preview).';

let t: TestStrapi;
let browser: Browser;
let base: string;
let documentId: string;

beforeAll(async () => {
  t = await startDemoStrapi({ adminPanel: true });
  const server = t.strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  await createAdmin(t, 'jiaozhou-editor@linkage.test', [ROLES.unitEditor], [{ unitCode: JIAOZHOU }]);
  documentId = await documentIdOf(t.strapi, GUIDE, { itemCode: 'QD-SI-001', stageKey: 'district-review', unitCode: JIAOZHOU });
  const cm = contentManager(t);
  expect((await cm.update(GUIDE, documentId, { conditions: DRAFT_ZH }, 'zh-Hans')).status).toBe(200);
  expect((await cm.update(GUIDE, documentId, { conditions: DRAFT_EN }, 'en')).status).toBe(200);
  browser = await launchChromium();
  fs.mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (t?.strapi.server.httpServer.listening ? t.strapi.server.httpServer.close(() => resolve()) : resolve()));
  await t?.stop();
});

async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  await context.addInitScript(() => window.localStorage.setItem('strapi-admin-language', 'zh-Hans'));
  const page = await context.newPage();
  await page.goto(`${base}/admin/auth/login`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', PASSWORD);
  await Promise.all([page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60000 }), page.click('button[type=submit]')]);
  return { context, page };
}

async function shot(page: Page, name: string) {
  const png = await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  expect(await distinctColours(page, png)).toBeGreaterThan(20);
}

/** The framed preview, once its guide is there. */
async function framedGuide(page: Page): Promise<FrameLocator> {
  const frame = page.frameLocator('iframe[data-testid="preview-iframe"]');
  await frame.locator('#stage-district-review').waitFor({ timeout: 30000 });
  return frame;
}

test("胶州市's editor opens the preview of the draft guide from its edit page and sees 胶州市's page with the draft, in 中文 and in English", async () => {
  const { context, page } = await signedIn('jiaozhou-editor@linkage.test');
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/admin/content-manager/collection-types/${GUIDE}/${documentId}?plugins[i18n][locale]=zh-Hans`);
  // Strapi's preview panel, beside the form: a link to the preview page.
  const open = page.locator('a[href*="/preview"]').first();
  await open.waitFor({ timeout: 30000 });
  await Promise.all([page.waitForURL(/\/preview(\?|$)/), open.click()]);

  const zh = await framedGuide(page);
  expect(await zh.locator('html').getAttribute('lang')).toBe('zh-Hans');
  expect(await zh.locator('.site-name').textContent()).toBe('胶州市网上办事');
  expect(await zh.locator('#stage-district-review dd.text').textContent()).toBe(DRAFT_ZH);
  expect(await zh.locator('.breadcrumb').textContent()).toMatch(/青岛市\s*›\s*胶州市\s*›\s*企业职工退休认证/);
  await shot(page, 'preview-1-guide-zh');

  // The same guide edited in English: the panel frames the English page.
  await page.goto(`${base}/admin/content-manager/collection-types/${GUIDE}/${documentId}/preview?plugins[i18n][locale]=en`);
  const en = await framedGuide(page);
  expect(await en.locator('html').getAttribute('lang')).toBe('en');
  expect(await en.locator('#stage-district-review dd.text').textContent()).toBe(DRAFT_EN);
  await shot(page, 'preview-2-guide-en');

  // Citizens still read what is published.
  const site = await context.newPage();
  await site.goto(`${base}/sites/${JIAOZHOU}/items/enterprise-employee-retirement-certification?locale=zh-Hans`);
  const published = await site.locator('#stage-district-review dd.text').textContent();
  expect(published).not.toBe(DRAFT_ZH);
  expect(published).toContain('累计缴费年限满15年');
  expect(errors).toEqual([]);
  await context.close();
});

test("the city manager previews a draft item-page template on 胶州市's page of an item, in English, from the template's side panel", async () => {
  await createAdmin(t, 'city-preview@linkage.test', [ROLES.cityManager]);
  const templateId = await documentIdOf(t.strapi, 'plugin::linkage.site-template', { key: 'item-page', publishedAt: null });
  const cm = contentManager(t);
  const template = (await cm.get('plugin::linkage.site-template', templateId)).body.data as { body: string };
  const body = template.body.replace('{% block content %}', '{% block content %}<p class="draft-note">{{ t.items }} · draft</p>');
  expect(body).not.toBe(template.body);
  expect((await cm.update('plugin::linkage.site-template', templateId, { body })).status).toBe(200);

  const { context, page } = await signedIn('city-preview@linkage.test');
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/admin/content-manager/collection-types/plugin::linkage.site-template/${templateId}`);
  await page.getByText('在单位页面上预览', { exact: true }).waitFor({ timeout: 30000 });
  const pick = async (label: string, typed: string, option: RegExp) => {
    const box = page.getByRole('combobox', { name: label });
    await box.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await box.click();
    await box.fill(typed);
    await page.getByRole('option', { name: option }).first().click();
  };
  await pick('单位网站', '胶州', /^胶州市/);
  await pick('联动事项', '企业职工', /^企业职工退休认证/);
  const language = page.getByRole('combobox', { name: '页面语言' });
  await language.click();
  await page.getByRole('option', { name: 'English', exact: true }).click();
  await shot(page, 'preview-3-template-panel-zh');
  await page.getByRole('button', { name: '在此页面上预览', exact: true }).click();

  const frame = page.frameLocator('iframe[data-linkage-template-preview]');
  await frame.locator('.draft-note').waitFor({ timeout: 30000 });
  expect(await frame.locator('html').getAttribute('lang')).toBe('en');
  expect(await frame.locator('.draft-note').textContent()).toBe('Services · draft');
  const published = await t.http.get(`/sites/${JIAOZHOU}/items/enterprise-employee-retirement-certification?locale=en`);
  expect(published.text).not.toContain('draft-note');
  const siteName = /<p class="site-name"[^>]*>([\s\S]*?)<\/p>/
    .exec(published.text)?.[1]
    .replace(/<[^>]*>/g, '')
    .trim();
  expect((await frame.locator('.site-name').textContent())?.trim()).toBe(siteName);
  await shot(page, 'preview-4-template-on-jiaozhou-en');
  expect(errors).toEqual([]);
  await context.close();
});
