// The real admin panel in Debian's Chromium (issue 10): the city manager builds a condition with the
// condition editor, breaks the routing and reads the plain-language refusal, then publishes; the
// street editor finds a guide by its title, changes its phone and publishes it, and the English site
// shows the new phone too. Screenshots are kept under .tmp/test/screenshots and checked not blank.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAdmin, ROLES } from '../support/admins';
import { distinctColours, launchChromium } from '../support/browser';
import { documentIdOf } from '../support/demo';
import { TEST_TMP } from '../support/env';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

const PASSWORD = 'Linkage-Editor-Pass-1';
const ITEM = 'plugin::linkage.item';
const GUIDE = 'plugin::linkage.guide';
const BADAGUAN = '370202001000';
const SHOTS = path.join(TEST_TMP, 'screenshots');

let t: TestStrapi;
let browser: Browser;
let base: string;

beforeAll(async () => {
  t = await startDemoStrapi({ adminPanel: true });
  const server = t.strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  await createAdmin(t, 'city-manager@linkage.test', [ROLES.cityManager]);
  await createAdmin(t, 'badaguan@linkage.test', [ROLES.unitEditor], [{ unitCode: BADAGUAN }]);
  browser = await launchChromium();
  fs.mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (t?.strapi.server.httpServer.listening ? t.strapi.server.httpServer.close(() => resolve()) : resolve()));
  await t?.stop();
});

async function signedIn(email: string, language: 'zh-Hans' | 'en'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: language === 'en' ? 'en-US' : 'zh-CN' });
  await context.addInitScript((l) => window.localStorage.setItem('strapi-admin-language', l), language);
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

/** Clicks a button of the edit page and waits for the Content Manager request it sends (save: PUT, publish: POST …/actions/publish). */
async function submit(page: Page, button: string, request: 'save' | 'publish'): Promise<{ status: number; body: { error?: { message?: string } } }> {
  const [response] = await Promise.all([
    page.waitForResponse(
      (r) => r.url().includes('/content-manager/collection-types/') && (request === 'save' ? r.request().method() === 'PUT' : r.url().includes('/actions/publish'))
    ),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  return { status: response.status(), body: (await response.json()) as { error?: { message?: string } } };
}

/** Picks an option of a design-system select or combobox found by its accessible name, inside `scope`. */
async function choose(page: Page, scope: ReturnType<Page['locator']>, label: string, option: string) {
  const select = scope.getByRole('combobox', { name: label });
  // In the middle of the window, so that its list of options opens inside it.
  await select.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const storedStages = async (documentId: string) => {
  const rows = (await t.strapi.db.query(ITEM).findMany({ where: { documentId, publishedAt: null }, populate: { stages: true } })) as Array<{
    locale: string;
    stages: Array<{ key: string; appliesWhen: unknown }>;
  }>;
  return Object.fromEntries(rows.map((r) => [r.locale, Object.fromEntries(r.stages.map((s) => [s.key, s.appliesWhen]))]));
};

test('the city manager builds a condition, reads why a broken route cannot be published, and publishes the fix', async () => {
  const { context, page } = await signedIn('city-manager@linkage.test', 'zh-Hans');
  const documentId = await documentIdOf(t.strapi, ITEM, { code: 'QD-SI-001' });
  await page.goto(`${base}/admin/content-manager/collection-types/${ITEM}/${documentId}?plugins[i18n][locale]=zh-Hans`);
  await page.getByText('发布检查').waitFor();
  await page.getByText('可以发布本语言版本').waitFor();

  // 劳动能力鉴定 applies on illness; the city decides it applies to bankrupt enterprises' workers instead.
  await page.getByText('劳动能力鉴定', { exact: true }).first().click();
  const appraisal = page.locator('[data-linkage-condition="stages.0.appliesWhen"]');
  await appraisal.waitFor();
  await choose(page, appraisal, '值', '破产企业退休');
  await appraisal.getByText('读作： 退休类型为「破产企业退休」').waitFor();
  await shot(page, 'admin-1-condition-built');
  expect((await submit(page, '保存', 'save')).status).toBe(200);
  const bankrupt = { '==': [{ var: 'retirement_type' }, 'bankrupt'] };
  expect((await storedStages(documentId))['zh-Hans']['work-ability-appraisal']).toEqual(bankrupt);
  // Structure is edited once: the English version took the same rule.
  expect((await storedStages(documentId)).en['work-ability-appraisal']).toEqual(bankrupt);

  // City approval made to apply only where it never does: foreign-invested enterprises now go nowhere.
  await page.getByText('市劳动保险经办机构核准', { exact: true }).first().click();
  const approval = page.locator('[data-linkage-condition="stages.3.appliesWhen"]');
  await approval.waitFor();
  await choose(page, approval, '条件之间的关系', '以下全部成立');
  // The checks read the form being edited, before any save, and name the answers that fail.
  const checks = page.locator('[data-linkage-checks="blocked"]');
  await checks
    .getByText(/当退休类型 = .+，原企业类型 = 外资企业，.+时：没有适用的环节/)
    .first()
    .waitFor({ timeout: 15000 });
  await shot(page, 'admin-2-checks-blocked');
  const refused = await submit(page, '发布', 'publish');
  expect(refused.status).toBe(400);
  expect(refused.body.error?.message).toMatch(/^当退休类型 = .+时：没有适用的环节，这些申请人将无处办理。/);
  // The refusal is shown to the editor as it was written.
  await page
    .getByText(refused.body.error?.message as string)
    .first()
    .waitFor();
  await shot(page, 'admin-3-publish-refused');
  expect(await t.strapi.db.query(ITEM).count({ where: { documentId, locale: 'zh-Hans', publishedAt: { $notNull: true } } })).toBe(1);
  const published = (await t.strapi.db.query(ITEM).findOne({ where: { documentId, locale: 'zh-Hans', publishedAt: { $notNull: true } }, populate: { stages: true } })) as {
    stages: Array<{ key: string; appliesWhen: unknown }>;
  };
  expect(published.stages.find((s) => s.key === 'work-ability-appraisal')?.appliesWhen).toEqual({ '==': [{ var: 'retirement_type' }, 'illness'] });

  // Put back, and publish: the new appraisal rule goes live.
  await choose(page, approval, '条件之间的关系', '以下并非全部成立');
  await page.locator('[data-linkage-checks="ready"]').waitFor({ timeout: 15000 });
  expect((await submit(page, '发布', 'publish')).status).toBe(200);
  await shot(page, 'admin-4-published');
  const route = await t.http.get(
    '/api/linkage/items/enterprise-employee-retirement-certification/route?answers[retirement_type]=bankrupt&answers[enterprise_type]=domestic&answers[enterprise_location]=370281000000'
  );
  expect(route.body.data.stages.map((s: { key: string }) => s.key)).toEqual(['work-ability-appraisal', 'district-review', 'city-approval']);

  // The flow chart opens full size.
  await page.getByRole('button', { name: '查看完整流程图' }).click();
  await page.locator('img[data-linkage-flowchart="full"]').waitFor();
  expect(await page.locator('img[data-linkage-flowchart="full"]').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 600)).toBe(true);
  await shot(page, 'admin-5-flowchart');
  await context.close();
});

test('in English the same page speaks English, and the publishing checks too', async () => {
  const { context, page } = await signedIn('city-manager@linkage.test', 'en');
  const documentId = await documentIdOf(t.strapi, ITEM, { code: 'QD-CA-001' });
  await page.goto(`${base}/admin/content-manager/collection-types/${ITEM}/${documentId}?plugins[i18n][locale]=zh-Hans`);
  await page.getByText('Ready to publish in this language').waitFor();
  await page
    .getByText(/^Managing department/)
    .first()
    .waitFor();
  await page
    .getByText(/^Navigator questions/)
    .first()
    .waitFor();
  await shot(page, 'admin-6-item-english');
  await context.close();
});

test('the street editor finds a guide by its title, publishes a new phone, and the English site shows it', async () => {
  const { context, page } = await signedIn('badaguan@linkage.test', 'zh-Hans');
  await page.goto(`${base}/admin/content-manager/collection-types/${GUIDE}?plugins[i18n][locale]=zh-Hans`);
  await page.getByText('最低生活保障申请 · 街道(镇)审核 · 八大关街道').click();
  await page.getByRole('heading', { name: '最低生活保障申请 · 街道(镇)审核 · 八大关街道' }).waitFor();
  // The guide's item, stage and owner are shown by name and cannot be changed by a unit editor.
  expect(await page.getByRole('combobox', { name: '办理单位' }).isDisabled()).toBe(true);
  await shot(page, 'admin-7-guide');

  const phone = page.getByLabel('咨询电话');
  await phone.fill('0532-86667777');
  expect((await submit(page, '保存', 'save')).status).toBe(200);
  expect((await submit(page, '发布', 'publish')).status).toBe(200);
  await shot(page, 'admin-8-guide-published');

  const documentId = await documentIdOf(t.strapi, GUIDE, { itemCode: 'QD-CA-001', stageKey: 'street-review', unitCode: BADAGUAN });
  const rows = (await t.strapi.db.query(GUIDE).findMany({ where: { documentId, publishedAt: { $notNull: true } }, select: ['locale', 'phone'] })) as Array<{
    locale: string;
    phone: string;
  }>;
  expect(Object.fromEntries(rows.map((r) => [r.locale, r.phone]))).toEqual({ 'zh-Hans': '0532-86667777', en: '0532-86667777' });
  const english = await page.context().newPage();
  await english.goto(`${base}/sites/${BADAGUAN}/items/minimum-living-allowance?locale=en`);
  expect(await english.content()).toContain('0532-86667777');
  await shot(english, 'admin-9-english-site');
  await context.close();
});
