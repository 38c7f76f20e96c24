// Links between sites with LINKAGE_LINKS=site (the other tests run with `local`): every link to a
// unit's page is built from that unit's siteUrl, and a unit with no site (a community) is served from
// its nearest ancestor's site.
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

let t: TestStrapi;
beforeAll(async () => {
  // Jest gives each test file its own copy of process.env: this reaches only this file's Strapi.
  process.env.LINKAGE_LINKS = 'site';
  t = await startDemoStrapi();
});
afterAll(async () => {
  await t?.stop();
});

const RETIREMENT = 'enterprise-employee-retirement-certification';
const ALLOWANCE = 'minimum-living-allowance';
const QINGDAO_SITE = 'https://www.qingdao.example';
const JIAOZHOU_SITE = 'https://jiaozhou.qingdao.example';
const SHINAN_SITE = 'https://shinan.qingdao.example';
const BADAGUAN_SITE = 'https://badaguan.shinan.qingdao.example';

const json = async (path: string) => {
  const res = await t.http.get(`/api/linkage${path}`);
  expect({ path, status: res.status }).toEqual({ path, status: 200 });
  return res.body.data;
};

test("the city's index links its items on the city's own site", async () => {
  const view = await json('/sites/370200000000');
  expect(view.site.url).toBe(QINGDAO_SITE);
  expect(view.site.children.find((c: { code: string }) => c.code === '370281000000').url).toBe(JIAOZHOU_SITE);
  expect(view.items.map((i: { url: string }) => i.url)).toContain(`${QINGDAO_SITE}/items/${RETIREMENT}`);
});

test("胶州市's retirement page links back to the city's site and its form posts to 胶州市's own site", async () => {
  const view = await json(`/sites/370281000000/items/${RETIREMENT}`);
  expect(view.item.url).toBe(`${JIAOZHOU_SITE}/items/${RETIREMENT}`);
  expect(view.item.cityUrl).toBe(`${QINGDAO_SITE}/items/${RETIREMENT}`);
  expect(view.navigator.action).toBe(`${JIAOZHOU_SITE}/items/${RETIREMENT}/route`);
  expect(view.upperLinks.map((l: { url: string }) => l.url)).toEqual([
    `${QINGDAO_SITE}/items/${RETIREMENT}#stage-work-ability-appraisal`,
    `${QINGDAO_SITE}/items/${RETIREMENT}#stage-city-approval`,
  ]);
});

test("八大关街道's allowance page links its communities' guides on 八大关街道's site, and 市南区's on 市南区's", async () => {
  const view = await json(`/sites/370202001000/items/${ALLOWANCE}`);
  const links = (key: string) =>
    view.otherStages
      .find((s: { key: string }) => s.key === key)
      .links.map((l: { url: string }) => l.url)
      .sort();
  expect(links('community-acceptance')).toEqual([
    `${BADAGUAN_SITE}/units/370202001001/items/${ALLOWANCE}#stage-community-acceptance`,
    `${BADAGUAN_SITE}/units/370202001002/items/${ALLOWANCE}#stage-community-acceptance`,
  ]);
  expect(links('district-approval')).toEqual([`${SHINAN_SITE}/items/${ALLOWANCE}#stage-district-approval`]);
});

test("the community 太平角社区 is served from 八大关街道's site", async () => {
  const view = await json('/sites/370202001001');
  expect(view.site.host.siteUrl).toBe(BADAGUAN_SITE);
  expect(view.site.url).toBe(`${BADAGUAN_SITE}/units/370202001001`);
  expect(view.items.map((i: { url: string }) => i.url)).toContain(`${BADAGUAN_SITE}/units/370202001001/items/${ALLOWANCE}`);
});

test("the navigator's first step for a normal retirement in 胶州市 links to 胶州市's site, and so does the rendered route page", async () => {
  const route = await json(`/items/${RETIREMENT}/route?answers[retirement_type]=normal&answers[enterprise_type]=domestic&answers[enterprise_location]=370281000000`);
  expect(route.firstStep.url).toBe(`${JIAOZHOU_SITE}/items/${RETIREMENT}#stage-district-review`);
  const page = await t.http.get(
    `/sites/370200000000/items/${RETIREMENT}/route?answers%5Bretirement_type%5D=normal&answers%5Benterprise_type%5D=domestic&answers%5Benterprise_location%5D=370281000000`
  );
  expect(page.status).toBe(200);
  expect(page.text).toContain(`<p class="first-step"><a href="${JIAOZHOU_SITE}/items/${RETIREMENT}?locale=zh-Hans#stage-district-review">`);
});

test("a page's canonical and language links and its linked data name the page on the unit's own site; areas and departments are named under LINKAGE_BASE_URL", async () => {
  const base = String(t.strapi.config.get('plugin::linkage.baseUrl'));
  const html = (await t.http.get(`/sites/370281000000/items/${RETIREMENT}?locale=en`)).text as string;
  const links = [...html.matchAll(/<link rel="(canonical|alternate)"(?: hreflang="([^"]*)")? href="([^"]*)">/g)].map((m) => [m[1], m[2] ?? '', m[3]]);
  expect(links).toEqual([
    ['canonical', '', `${JIAOZHOU_SITE}/items/${RETIREMENT}?locale=en`],
    ['alternate', 'zh-Hans', `${JIAOZHOU_SITE}/items/${RETIREMENT}?locale=zh-Hans`],
    ['alternate', 'en', `${JIAOZHOU_SITE}/items/${RETIREMENT}?locale=en`],
    ['alternate', 'x-default', `${JIAOZHOU_SITE}/items/${RETIREMENT}`],
  ]);
  const data = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? 'null');
  expect(data['@id']).toBe(`${JIAOZHOU_SITE}/items/${RETIREMENT}?locale=en`);
  expect(data.breadcrumb.itemListElement.map((c: { item: { '@id': string } }) => c.item['@id'])).toEqual([
    `${QINGDAO_SITE}/?locale=en`,
    `${JIAOZHOU_SITE}/?locale=en`,
    `${JIAOZHOU_SITE}/items/${RETIREMENT}?locale=en`,
  ]);
  expect(data.mainEntity['@id']).toBe(`${QINGDAO_SITE}/items/${RETIREMENT}#item`);
  expect(data.about[0]).toMatchObject({
    '@id': `${JIAOZHOU_SITE}/items/${RETIREMENT}#service-district-review`,
    provider: { '@id': `${base}/id/departments/370281-SI` },
    areaServed: { '@id': `${base}/id/areas/370281000000` },
  });
});
