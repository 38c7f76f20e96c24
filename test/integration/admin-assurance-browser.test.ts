// Content assurance through the real admin in Chromium, in 中文 (issue 11): the street editor finds
// what is overdue on the home page, fixes it and marks it reviewed; the auditor drills into the
// ownership report where they are and downloads the records as a CSV named for what it holds.
// Screenshots are kept under .tmp/test/screenshots and checked not blank.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAdmin, ROLES } from '../support/admins';
import { distinctColours, launchChromium } from '../support/browser';
import { documentIdOf } from '../support/demo';
import { TEST_TMP } from '../support/env';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

const PASSWORD = 'Linkage-Editor-Pass-1';
const GUIDE = 'plugin::linkage.guide';
const REVIEW = 'plugin::linkage.review';
const BADAGUAN = '370202001000';
const SHOTS = path.join(TEST_TMP, 'screenshots');

let t: TestStrapi;
let browser: Browser;
let base: string;
let overdueGuide: string;

beforeAll(async () => {
  t = await startDemoStrapi({ adminPanel: true });
  const server = t.strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  await createAdmin(t, 'badaguan@linkage.test', [ROLES.unitEditor], [{ unitCode: BADAGUAN }]);
  await createAdmin(t, 'auditor@linkage.test', [ROLES.auditor]);
  // 八大关街道's allowance guide was last reviewed more than a year ago: overdue for review.
  overdueGuide = await documentIdOf(t.strapi, GUIDE, { itemCode: 'QD-CA-001', stageKey: 'street-review', unitCode: BADAGUAN });
  const longAgo = new Date(Date.now() - 400 * 24 * 3600 * 1000).toISOString();
  await t.strapi.db
    .query(REVIEW)
    .updateMany({ where: { $or: [{ subjectDocumentId: overdueGuide }, { subjectKey: `QD-CA-001/street-review/${BADAGUAN}` }] }, data: { reviewedAt: longAgo } });
  await (t.strapi.plugin('linkage').service('guide-facts') as { refreshFacts(documentId: string): Promise<void> }).refreshFacts(overdueGuide);
  browser = await launchChromium();
  fs.mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (t?.strapi.server.httpServer.listening ? t.strapi.server.httpServer.close(() => resolve()) : resolve()));
  await t?.stop();
});

async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
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

test('the street editor finds the overdue guide on the home page, fixes it and marks it reviewed', async () => {
  const { context, page } = await signedIn('badaguan@linkage.test');
  await page.goto(`${base}/admin`);
  const home = page.locator('[data-linkage-home]');
  await home.waitFor();
  // Their own units' work, in Chinese; no project-wide count of entries.
  await page.getByText('本单位待办').waitFor();
  expect(await page.getByText('项目统计').count()).toBe(0);
  const overdue = home.locator('[data-linkage-attention="overdue"]');
  await overdue.getByText(/复核已逾期 \d+ 天/).waitFor();
  await shot(page, 'assurance-1-home-overdue');

  await overdue.getByRole('link', { name: '最低生活保障申请 · 街道(镇)审核 · 八大关街道' }).click();
  await page.getByRole('heading', { name: '最低生活保障申请 · 街道(镇)审核 · 八大关街道' }).waitFor();
  await page
    .getByText(/复核期限.*逾期 \d+ 天|逾期 \d+ 天/)
    .first()
    .waitFor();
  await page.getByLabel('办理时间').fill('工作日 8:30-17:30');
  const [saved] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(`/content-manager/collection-types/${GUIDE}/${overdueGuide}`) && r.request().method() === 'PUT'),
    page.getByRole('button', { name: '保存', exact: true }).click(),
  ]);
  expect(saved.status()).toBe(200);
  await page.getByPlaceholder('复核说明(可选)').fill('已核对办理时间');
  const [reviewed] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/linkage/reviews') && r.request().method() === 'POST'),
    page.getByRole('button', { name: '标记为已复核' }).click(),
  ]);
  expect(reviewed.status()).toBe(201);
  await page
    .getByText(/下次复核日期/)
    .first()
    .waitFor();
  await shot(page, 'assurance-2-reviewed');

  await page.goto(`${base}/admin`);
  await page.locator('[data-linkage-home]').waitFor();
  await page.getByText('逾期 0').waitFor();
  expect(await page.locator('[data-linkage-home] [data-linkage-attention="overdue"]').count()).toBe(0);
  await context.close();
});

test('the auditor drills into the report where they are and downloads the records, named and written in Chinese', async () => {
  const { context, page } = await signedIn('auditor@linkage.test');
  await page.goto(`${base}/admin/plugins/linkage/ownership-report`);
  const laoshan = page.locator('[data-linkage-owner="370212000000:370212-SI"]');
  await laoshan.waitFor();
  // The most overdue owner comes first.
  expect(await page.locator('[data-linkage-owner]').first().getAttribute('data-linkage-owner')).toBe('370212000000:370212-SI');
  await laoshan.getByRole('button', { name: '1' }).first().click();
  const records = page.locator('[data-linkage-records="overdue"]');
  await records.getByText('企业职工退休认证 · 区社会劳动保险经办机构核准 · 崂山区').waitFor();
  // Opened right under the row clicked, not at the bottom of the table.
  const rowBox = await laoshan.boundingBox();
  const recordsBox = await records.boundingBox();
  expect(recordsBox && rowBox && recordsBox.y - (rowBox.y + rowBox.height)).toBeLessThan(40);
  await shot(page, 'assurance-3-report-records');

  const [download] = await Promise.all([page.waitForEvent('download'), records.getByRole('button', { name: '下载 CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^内容保障记录-崂山区社会保险事业中心-逾期-\d{4}-\d{2}-\d{2}\.csv$/);
  const file = path.join(SHOTS, download.suggestedFilename());
  await download.saveAs(file);
  const text = fs.readFileSync(file, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text.split('\r\n')[0]).toMatch(/^\uFEFF事项,环节,单位,部门,状态,缺少的内容,上次复核,复核期限,逾期天数/);
  expect(text).toContain('企业职工退休认证');
  await context.close();
});
