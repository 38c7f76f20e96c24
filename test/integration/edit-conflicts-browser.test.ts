// No edit is silently lost, in the real admin (issue 14): two editors of 八大关街道 open the same guide
// in two browser contexts, one in 中文 and one in English. The first saves; the second's save is
// refused, and the edit page says who saved, when and what, and offers to reload their version and
// apply the second editor's change again; saved then, both changes are kept. Then the other way round,
// so the conflict is read in both languages. Screenshots under .tmp/test/screenshots.
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
const BADAGUAN = '370202001000';
const SHOTS = path.join(TEST_TMP, 'screenshots');

let t: TestStrapi;
let browser: Browser;
let base: string;
let guideId: string;

beforeAll(async () => {
  t = await startDemoStrapi({ adminPanel: true });
  const server = t.strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  await createAdmin(t, 'wang.fang@badaguan.test', [ROLES.unitEditor], [{ unitCode: BADAGUAN }]);
  await createAdmin(t, 'li.na@badaguan.test', [ROLES.unitEditor], [{ unitCode: BADAGUAN }]);
  guideId = await documentIdOf(t.strapi, GUIDE, { itemCode: 'QD-CA-001', stageKey: 'street-review', unitCode: BADAGUAN });
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

async function openGuide(page: Page) {
  await page.goto(`${base}/admin/content-manager/collection-types/${GUIDE}/${guideId}?plugins[i18n][locale]=zh-Hans`);
  await page.getByRole('heading', { name: '最低生活保障申请 · 街道(镇)审核 · 八大关街道' }).waitFor();
}

async function shot(page: Page, name: string) {
  const png = await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  expect(await distinctColours(page, png)).toBeGreaterThan(20);
}

async function save(page: Page, button: string): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(`/content-manager/collection-types/${GUIDE}/${guideId}`) && r.request().method() === 'PUT'),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  return response.status();
}

const stored = async () =>
  (await t.strapi.db.query(GUIDE).findOne({ where: { documentId: guideId, locale: 'zh-Hans', publishedAt: null }, select: ['address', 'hours'] })) as {
    address: string;
    hours: string;
  };

test('the second save is refused with who and what, and reloading applies it again on top of the first', async () => {
  const wang = await signedIn('wang.fang@badaguan.test', 'zh-Hans');
  const li = await signedIn('li.na@badaguan.test', 'en');
  await openGuide(wang.page);
  await openGuide(li.page);

  await wang.page.getByLabel('办理地点').fill('八大关街道办事处一楼 3 号窗口');
  expect(await save(wang.page, '保存')).toBe(200);

  await li.page.getByLabel('Opening hours').fill('Weekdays 9:00–17:00');
  expect(await save(li.page, 'Save')).toBe(409);
  // The Content Manager reloads the record after a refused save: the panel says why, and keeps her change.
  const alert = li.page.getByRole('alert').filter({ hasText: 'The page now shows' }).first();
  await alert.waitFor();
  expect(await alert.textContent()).toMatch(/wang\.fang Test \(wang\.fang@badaguan\.test\) saved this guide at .+, changing Address, after you opened it\. Your save was refused/);
  expect(await li.page.getByLabel('Address').inputValue()).toBe('八大关街道办事处一楼 3 号窗口');
  await shot(li.page, 'conflict-1-refused-english');
  expect(await stored()).toEqual({ address: '八大关街道办事处一楼 3 号窗口', hours: expect.not.stringContaining('Weekdays') });

  await li.page.getByRole('button', { name: 'Apply my changes again' }).click();
  await li.page.getByText('Your changes are applied again on top of wang.fang Test’s version').waitFor();
  expect(await li.page.getByLabel('Address').inputValue()).toBe('八大关街道办事处一楼 3 号窗口');
  expect(await li.page.getByLabel('Opening hours').inputValue()).toBe('Weekdays 9:00–17:00');
  await shot(li.page, 'conflict-2-reapplied-english');
  expect(await save(li.page, 'Save')).toBe(200);
  expect(await stored()).toEqual({ address: '八大关街道办事处一楼 3 号窗口', hours: 'Weekdays 9:00–17:00' });

  // The other way round: 王芳's page still holds the version before 李娜's save, and is told so in 中文
  // before she saves (the page asks when the window regains focus); she reloads and keeps her change.
  await wang.page.getByLabel('办理时间').fill('工作日 8:30–17:30');
  await wang.page.evaluate(() => window.dispatchEvent(new Event('focus')));
  const warning = wang.page.getByRole('alert').filter({ hasText: '保存了它' }).first();
  await warning.waitFor();
  expect(await warning.textContent()).toMatch(/^在您打开此办事指南之后，li\.na Test \(li\.na@badaguan\.test\) 于 .+ 保存了它，修改了办理时间。现在保存本页会覆盖对方的修改/);
  await shot(wang.page, 'conflict-3-warned-chinese');
  await wang.page.getByRole('button', { name: '重新加载对方的版本，并再次应用我的修改' }).click();
  await wang.page.getByText('你们都修改了办理时间：显示的是您的内容。', { exact: false }).waitFor();
  expect(await wang.page.getByLabel('办理时间').inputValue()).toBe('工作日 8:30–17:30');
  await shot(wang.page, 'conflict-4-reapplied-chinese');
  expect(await save(wang.page, '保存')).toBe(200);
  expect(await stored()).toEqual({ address: '八大关街道办事处一楼 3 号窗口', hours: '工作日 8:30–17:30' });

  await wang.context.close();
  await li.context.close();
});
