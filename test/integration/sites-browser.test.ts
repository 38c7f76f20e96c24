// In Debian's Chromium: the city's page for the retirement item, its navigator submitted as a plain
// form, the route, and the first-step link to 胶州市's guide page (LINKAGE_LINKS=local), with
// screenshots checked not to be blank. An injected script in a guide never runs.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { contentManager } from '../support/content-manager';
import { documentIdOf } from '../support/demo';
import { TEST_TMP } from '../support/env';
import { distinctColours, launchChromium } from '../support/browser';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

let t: TestStrapi;
let browser: Browser;
let base: string;
const SHOTS = path.join(TEST_TMP, 'screenshots');

beforeAll(async () => {
  t = await startDemoStrapi();
  const server = t.strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  browser = await launchChromium();
  fs.mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (t?.strapi.server.httpServer.listening ? t.strapi.server.httpServer.close(() => resolve()) : resolve()));
  await t?.stop();
});

async function shot(page: Page, name: string) {
  const png = await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
  expect(await distinctColours(page, png)).toBeGreaterThan(20);
}

test("the city's retirement page, its navigator, the route, and the first step on 胶州市's site", async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1100, height: 1300 } });
  const page = await context.newPage();
  const ran: string[] = [];
  page.on('dialog', (dialog) => {
    ran.push(dialog.message());
    void dialog.dismiss();
  });

  await page.goto(`${base}/sites/370200000000/items/enterprise-employee-retirement-certification`);
  expect(await page.getAttribute('html', 'lang')).toBe('zh-Hans');
  expect(await page.textContent('h1')).toBe('企业职工退休认证');
  expect(await page.locator('img.flowchart').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  // The city shows its own guides in full: the work ability appraisal and the city approval.
  expect(await page.locator('section.guide h3').allTextContents()).toEqual(['劳动能力鉴定', '市劳动保险经办机构核准']);
  await shot(page, '1-city-item');

  await page.selectOption('label:has-text("退休类型") + select', 'normal');
  await page.selectOption('#q-enterprise_type', 'domestic');
  await page.selectOption('#q-enterprise_location', '370281000000');
  await Promise.all([page.waitForURL(/\/route\?/), page.click('form.navigator button[type=submit]')]);
  expect(await page.locator('ol.route > li h3').allTextContents()).toEqual(['区(市)社会保险经办机构审核', '市劳动保险经办机构核准']);
  expect(await page.textContent('.first-step a')).toContain('胶州市社会保险事业中心');
  await shot(page, '2-route');

  await Promise.all([
    page.waitForURL(/\/sites\/370281000000\/items\/enterprise-employee-retirement-certification\?locale=zh-Hans#stage-district-review$/),
    page.click('.first-step a'),
  ]);
  expect(await page.textContent('.site-name')).toContain('胶州市');
  const guide = page.locator('#stage-district-review');
  expect(await guide.locator('h3').textContent()).toBe('区(市)社会保险经办机构审核');
  expect(await guide.textContent()).toContain('胶州市社会保险事业中心服务大厅');
  expect(await guide.locator('table.materials tbody tr').count()).toBe(4);
  // Links back up: the city's item page and the city's guides.
  expect(await page.locator('a', { hasText: '返回市级事项页面' }).getAttribute('href')).toBe(
    '/sites/370200000000/items/enterprise-employee-retirement-certification?locale=zh-Hans'
  );
  await shot(page, '3-jiaozhou-guide');
  expect(ran).toEqual([]);
  await context.close();
});

test('a script injected into a guide is shown as text and never runs; an edit appears at once', async () => {
  const cm = contentManager(t);
  const documentId = await documentIdOf(t.strapi, 'plugin::linkage.guide', { itemCode: 'QD-SI-001', stageKey: 'district-review', unitCode: '370281000000' });
  const payload = '材料<script>window.__injected = 1; alert("x")</script></script><img src=x onerror="window.__injected=2">';
  expect((await cm.update('plugin::linkage.guide', documentId, { conditions: payload })).status).toBe(200);
  expect((await cm.publish('plugin::linkage.guide', documentId)).status).toBe(200);

  const page = await browser.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${base}/sites/370281000000/items/enterprise-employee-retirement-certification?locale=zh-Hans`);
  expect(await page.locator('#stage-district-review dd.text').textContent()).toBe(payload);
  expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
  expect(dialogs).toEqual([]);
  await shot(page, '4-injected-guide');
  // The city's route carries the edit on its next request.
  const route = await t.http.get(
    '/api/linkage/items/enterprise-employee-retirement-certification/route?answers[retirement_type]=normal&answers[enterprise_type]=domestic&answers[enterprise_location]=370281000000'
  );
  expect(route.body.data.stages[0].guide.conditions).toBe(payload);
  await page.close();
});

const crumbs = async (page: Page) => (await page.locator('nav.breadcrumb').innerText()).replace(/\s*›\s*/g, ' › ').trim();

/** What a reader of this page reads must name no internal state (of guides) and no code. */
async function readsAsCitizen(page: Page) {
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/已发布|信息不完整|\b(published|incomplete)\b|\b\d{12}\b|household_location|has_disabled_member|COMMITTEE|OFFICE/);
}

test("a reader follows the navigator on 八大关街道's site in 中文, to the first step at 太平角社区, then switches to English and does it again", async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1100, height: 1300 } });
  const page = await context.newPage();
  const STREET = '370202001000';

  // The street's own site, in Chinese (the browser's language).
  await page.goto(`${base}/sites/${STREET}`);
  expect(await page.getAttribute('html', 'lang')).toBe('zh-Hans');
  expect(await page.textContent('h1')).toBe('八大关街道网上办事');
  expect(await crumbs(page)).toBe('青岛市 › 市南区 › 八大关街道');
  await readsAsCitizen(page);
  await shot(page, '5-street-index-zh');

  await Promise.all([page.waitForURL(new RegExp(`/sites/${STREET}/items/${ALLOWANCE}\\?locale=zh-Hans$`)), page.click('a:has-text("最低生活保障申请")')]);
  // Before any answer the first step is already settled: every applicant starts at their community.
  expect(await page.locator('div.first-step').innerText()).toContain('社区(村)受理');
  expect(await crumbs(page)).toBe('青岛市 › 市南区 › 八大关街道 › 最低生活保障申请');
  // The street's form offers the street's own communities.
  expect(await page.locator('#q-household_location option').allTextContents()).toEqual(['请选择', '太平角社区居民委员会', '汇泉社区居民委员会']);
  await page.selectOption('#q-household_location', { label: '太平角社区居民委员会' });
  await page.selectOption('#q-has_disabled_member', { label: '否' });
  await readsAsCitizen(page);
  await shot(page, '6-street-item-zh');

  await Promise.all([page.waitForURL(/\/route\?/), page.click('form.navigator button[type=submit]')]);
  expect(await page.locator('ol.route > li h3').allTextContents()).toEqual(['社区(村)受理', '街道(镇)审核', '区(市)民政局审批', '市民政局备案抽查']);
  expect(await page.textContent('p.first-step a')).toBe('第一步：社区(村)受理 · 太平角社区居民委员会');
  await readsAsCitizen(page);
  await shot(page, '7-street-route-zh');

  await Promise.all([page.waitForURL(/\/sites\/370202001001\/items\/minimum-living-allowance\?locale=zh-Hans#stage-community-acceptance$/), page.click('p.first-step a')]);
  expect(await page.textContent('.served-by')).toBe('本页面由八大关街道网站提供');
  expect(await page.locator('#stage-community-acceptance h3').textContent()).toBe('社区(村)受理');
  await readsAsCitizen(page);
  await shot(page, '8-community-guide-zh');

  // The same page in English, by the language switch; then the navigator again, in English.
  await Promise.all([page.waitForURL(/\?locale=en$/), page.click('nav.languages a[hreflang=en]')]);
  // The page the link leads to keeps the language chosen; so do the links that follow.
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  expect(await page.locator('#stage-community-acceptance h3').textContent()).toBe('Acceptance by the community or village');
  await Promise.all([page.waitForURL(new RegExp(`/sites/${STREET}\\?locale=en$`)), page.click('nav.breadcrumb a:has-text("Badaguan Subdistrict")')]);
  expect(await page.textContent('h1')).toBe('Badaguan Subdistrict Online services');
  await Promise.all([page.waitForURL(new RegExp(`/items/${ALLOWANCE}\\?locale=en$`)), page.click('a:has-text("Application for the minimum living allowance")')]);
  await page.selectOption('#q-household_location', { label: "Huiquan Residents' Committee" });
  await page.selectOption('#q-has_disabled_member', { label: 'Yes' });
  await readsAsCitizen(page);
  await shot(page, '9-street-item-en');
  await Promise.all([page.waitForURL(/\/route\?locale=en&/), page.click('form.navigator button[type=submit]')]);
  expect(await page.locator('ol.route > li h3').allTextContents()).toEqual([
    'Acceptance by the community or village',
    'Review by the street office',
    'Approval by the district civil affairs bureau',
    'Filing and spot check by the city civil affairs bureau',
  ]);
  // The answers stay chosen.
  expect(await page.locator('#q-has_disabled_member').inputValue()).toBe('true');
  await readsAsCitizen(page);
  await shot(page, '10-street-route-en');
  await Promise.all([page.waitForURL(/\/sites\/370202001002\/items\/minimum-living-allowance\?locale=en#stage-community-acceptance$/), page.click('p.first-step a')]);
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  expect(await page.textContent('.served-by')).toBe('This page is provided by the site of Badaguan Subdistrict');
  await readsAsCitizen(page);
  await shot(page, '11-community-guide-en');
  await context.close();
});

const ALLOWANCE = 'minimum-living-allowance';
const DISTRICT_CODES = [
  '370202000000',
  '370203000000',
  '370211000000',
  '370212000000',
  '370213000000',
  '370214000000',
  '370215000000',
  '370281000000',
  '370283000000',
  '370285000000',
];

test("with JavaScript, the city's allowance page asks the community level by level without a page load, in 中文 and English", async () => {
  for (const [locale, expected] of [
    ['zh-Hans', { label: '请选择社区(村)', chosen: '已选择：市南区 › 八大关街道', community: '太平角社区居民委员会', first: '第一步：社区(村)受理 · 太平角社区居民委员会' }],
    [
      'en',
      {
        label: 'Choose the community or village',
        chosen: 'Chosen so far: Shinan District › Badaguan Subdistrict',
        community: "Taipingjiao Residents' Committee",
        first: "First step: Acceptance by the community or village · Taipingjiao Residents' Committee",
      },
    ],
  ] as const) {
    const context = await browser.newContext({ locale: locale === 'en' ? 'en-US' : 'zh-CN', viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));
    await page.goto(`${base}/sites/370200000000/items/${ALLOWANCE}?locale=${locale}`);
    const options = () => page.locator('#q-household_location option').evaluateAll((os: HTMLOptionElement[]) => os.map((o) => o.value));
    // The districts only: 10 units and the placeholder.
    expect(await options()).toEqual(['', ...DISTRICT_CODES]);
    await shot(page, `11-level-districts-${locale}`);
    await page.selectOption('#q-household_location', '370202000000');
    await page.waitForFunction(() => document.querySelector('#q-household_location option[value="370202001000"]') !== null);
    expect((await options()).slice(0, 2)).toEqual(['', '370202001000']);
    await page.selectOption('#q-household_location', '370202001000');
    await page.waitForFunction(() => document.querySelector('#q-household_location option[value="370202001001"]') !== null);
    expect(await page.locator('fieldset.unit-question label').innerText()).toBe(expected.label);
    expect(await page.locator('fieldset.unit-question .chosen').innerText()).toBe(expected.chosen);
    // The new select has the focus, for a keyboard or screen reader user.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q-household_location');
    await shot(page, `12-level-communities-${locale}`);
    // No page was loaded on the way: only the first one.
    expect(loads).toHaveLength(1);
    await page.selectOption('#q-household_location', { label: expected.community });
    await Promise.all([page.waitForURL(/\/route\?/), page.click('form.navigator button[type=submit]')]);
    expect(await page.textContent('p.first-step a')).toBe(expected.first);
    expect(await page.locator('#q-household_location').inputValue()).toBe('370202001001');
    await shot(page, `13-level-route-${locale}`);
    expect(pageErrors).toEqual([]);
    await context.close();
  }
});
