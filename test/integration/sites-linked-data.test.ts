// The sites' linked data as a search engine or a JSON-LD processor reads it, over the demo, with a
// configured public base URL (LINKAGE_BASE_URL, here with a path of its own) and links in the
// default mode (LINKAGE_LINKS=local, which gives paths): on every index, item and route page, in both
// locales, every JSON-LD block is read by a JSON-LD processor offline against the schema.org
// vocabulary (test/support/schema-org.ts) with no violation; every @id and address in it is absolute
// under the base URL; the page has a BreadcrumbList, a canonical link and hreflang alternates
// (zh-Hans, en, x-default), absolute, the canonical the page's own @id. A check that must be able to
// fail does, on a made-up type or property in a real page's JSON-LD.
import { startDemoStrapi, type TestStrapi } from '../support/strapi';
import { schemaOrgViolations, type Violation } from '../support/schema-org';

const BASE = 'https://zwfw.qingdao.example/portal';

let t: TestStrapi;
beforeAll(async () => {
  t = await startDemoStrapi({ env: { LINKAGE_BASE_URL: BASE } });
});
afterAll(async () => {
  await t?.stop();
});

const SCHEMA = 'http://schema.org/';
const RETIREMENT = 'enterprise-employee-retirement-certification';
const ALLOWANCE = 'minimum-living-allowance';
const MEDICAL = 'resident-medical-insurance-enrolment';
const CITY = '370200000000';
const SHINAN = '370202000000';
const JIAOZHOU = '370281000000';
const BADAGUAN = '370202001000';
const TAIPINGJIAO = '370202001001';
const BEIGUAN = '370281001002';
const JIAOZHOU_ROUTE = `answers%5Bretirement_type%5D=normal&answers%5Benterprise_type%5D=domestic&answers%5Benterprise_location%5D=${JIAOZHOU}`;
const ILLNESS_ROUTE = `answers%5Bretirement_type%5D=illness&answers%5Benterprise_type%5D=domestic&answers%5Benterprise_location%5D=${JIAOZHOU}`;

/** Pages as their addresses without a locale. */
const PAGES = [
  `/sites/${CITY}`,
  `/sites/${JIAOZHOU}`,
  `/sites/${BADAGUAN}`,
  `/sites/${TAIPINGJIAO}`,
  `/sites/${CITY}/items/${RETIREMENT}`,
  `/sites/${SHINAN}/items/${RETIREMENT}`,
  `/sites/${JIAOZHOU}/items/${RETIREMENT}`,
  `/sites/${CITY}/items/${MEDICAL}`,
  `/sites/${TAIPINGJIAO}/items/${ALLOWANCE}`,
  `/sites/${BEIGUAN}/items/${ALLOWANCE}`,
  `/sites/${CITY}/items/${RETIREMENT}/route?${JIAOZHOU_ROUTE}`,
  `/sites/${JIAOZHOU}/items/${RETIREMENT}/route?${ILLNESS_ROUTE}`,
];
const LOCALES = ['zh-Hans', 'en'];
const inLocale = (path: string, locale: string) => `${path}${path.includes('?') ? '&' : '?'}locale=${locale}`;

interface Read {
  readonly html: string;
  readonly blocks: object[];
  readonly links: Array<{ rel: string; hreflang: string | null; href: string }>;
}

const decode = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** A page's JSON-LD blocks, parsed, and its canonical and alternate links. */
async function read(path: string, headers: Record<string, string> = {}): Promise<Read> {
  const request = t.http.get(path);
  for (const [name, value] of Object.entries(headers)) request.set(name, value);
  const res = await request;
  expect({ path, status: res.status }).toEqual({ path, status: 200 });
  const html = res.text as string;
  const head = html.slice(0, html.indexOf('</head>'));
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]) as object);
  const links = [...head.matchAll(/<link\b([^>]*)>/g)]
    .map((m) => Object.fromEntries([...m[1].matchAll(/([a-z]+)="([^"]*)"/g)].map((a) => [a[1], decode(a[2])])))
    .filter((a) => a.rel === 'canonical' || a.rel === 'alternate')
    .map((a) => ({ rel: a.rel, hreflang: a.hreflang ?? null, href: a.href }));
  return { html, blocks, links };
}

/** Every IRI a flattened graph holds: node @ids, and values that are IRIs. */
function iris(nodes: ReadonlyArray<Record<string, unknown>>): string[] {
  const found: string[] = [];
  for (const node of nodes) {
    if (typeof node['@id'] === 'string') found.push(node['@id']);
    for (const [key, values] of Object.entries(node)) {
      if (key.startsWith('@')) continue;
      for (const value of values as Array<{ '@id'?: string }>) if (value['@id'] !== undefined) found.push(value['@id']);
    }
  }
  return found;
}

const typed = (nodes: ReadonlyArray<Record<string, unknown>>, type: string) => nodes.filter((n) => (n['@type'] as string[] | undefined)?.includes(`${SCHEMA}${type}`));
const literal = (node: Record<string, unknown>, property: string) => (node[`${SCHEMA}${property}`] as Array<{ '@value': unknown }> | undefined)?.map((v) => v['@value']);

describe.each(LOCALES)('every page in %s', (locale) => {
  test.each(PAGES)('%s: one JSON-LD block, valid schema.org, every address absolute under the base, a BreadcrumbList, its canonical and language links', async (path) => {
    const page = await read(inLocale(path, locale));
    const canonical = `${BASE}${inLocale(path, locale)}`;

    // The server's links: the page in its locale, in every locale, and without one (x-default).
    expect(page.links).toEqual([
      { rel: 'canonical', hreflang: null, href: canonical },
      { rel: 'alternate', hreflang: 'zh-Hans', href: `${BASE}${inLocale(path, 'zh-Hans')}` },
      { rel: 'alternate', hreflang: 'en', href: `${BASE}${inLocale(path, 'en')}` },
      { rel: 'alternate', hreflang: 'x-default', href: `${BASE}${path}` },
    ]);

    expect(page.blocks).toHaveLength(1);
    const { violations, nodes } = await schemaOrgViolations(page.blocks[0]);
    expect(violations).toEqual([]);
    expect(nodes.length).toBeGreaterThan(3);

    const all = iris(nodes);
    expect(all.filter((iri) => !iri.startsWith(`${BASE}/`))).toEqual([]);

    // The page node is the canonical address, in the page's language.
    const [webPage] = nodes.filter((n) => n['@id'] === canonical);
    expect(webPage?.['@type']).toEqual([`${SCHEMA}${path.includes('/items/') ? 'WebPage' : 'CollectionPage'}`]);
    expect(literal(webPage, 'inLanguage')).toEqual([locale]);

    const [breadcrumb] = typed(nodes, 'BreadcrumbList');
    expect(breadcrumb?.['@id']).toBe(`${canonical}#breadcrumb`);
    const crumbs = typed(nodes, 'ListItem').filter((n) => String(n['@id']).startsWith(`${canonical}#breadcrumb-`));
    const positions = crumbs.map((c) => Number(literal(c, 'position')?.[0])).sort((a, b) => a - b);
    expect(positions).toEqual(crumbs.map((_, i) => i + 1));
    expect(positions.length).toBeGreaterThanOrEqual(path.includes('/route') ? 3 : path.includes('/items/') ? 2 : 1);

    // Services serve areas named for the area, never a committee.
    const services = typed(nodes, 'GovernmentService');
    expect(services.length).toBeGreaterThan(0);
    for (const area of typed(nodes, 'AdministrativeArea')) expect(literal(area, 'name')?.[0]).not.toMatch(/委员会|Committee/);
  });
});

test("a community's services serve the community, named for it in both languages, and its committee provides them", async () => {
  for (const [locale, area, committee] of [
    ['zh-Hans', '太平角社区', '太平角社区居民委员会'],
    ['en', 'Taipingjiao Community', "Taipingjiao Residents' Committee"],
  ]) {
    const { blocks } = await read(`/sites/${TAIPINGJIAO}/items/${ALLOWANCE}?locale=${locale}`);
    const { nodes } = await schemaOrgViolations(blocks[0]);
    const [service] = nodes.filter((n) => n['@id'] === `${BASE}/sites/${TAIPINGJIAO}/items/${ALLOWANCE}#service-community-acceptance`);
    expect(service[`${SCHEMA}areaServed`]).toEqual([{ '@id': `${BASE}/id/areas/${TAIPINGJIAO}` }]);
    const byId = new Map(nodes.map((n) => [n['@id'], n]));
    expect(literal(byId.get(`${BASE}/id/areas/${TAIPINGJIAO}`) as Record<string, unknown>, 'name')).toEqual([area]);
    const provider = byId.get((service[`${SCHEMA}provider`] as Array<{ '@id': string }>)[0]['@id']) as Record<string, unknown>;
    expect(provider['@type']).toEqual([`${SCHEMA}GovernmentOrganization`]);
    expect(literal(provider, 'name')).toEqual([committee]);
  }
});

test('both languages name the same things the same: the services and areas of a page have the same @ids in zh-Hans and en', async () => {
  const idsOf = async (locale: string) => {
    const { nodes } = await schemaOrgViolations((await read(`/sites/${JIAOZHOU}/items/${RETIREMENT}?locale=${locale}`)).blocks[0]);
    return [...typed(nodes, 'GovernmentService'), ...typed(nodes, 'GovernmentOrganization'), ...typed(nodes, 'AdministrativeArea')].map((n) => n['@id']).sort();
  };
  const zh = await idsOf('zh-Hans');
  expect(zh.length).toBeGreaterThan(4);
  expect(await idsOf('en')).toEqual(zh);
});

test("a page whose language is negotiated (no ?locale=) names the negotiated language's address as canonical", async () => {
  const page = await read(`/sites/${JIAOZHOU}/items/${RETIREMENT}`, { 'Accept-Language': 'en-GB,en;q=0.9' });
  expect(page.links[0]).toEqual({ rel: 'canonical', hreflang: null, href: `${BASE}/sites/${JIAOZHOU}/items/${RETIREMENT}?locale=en` });
  expect((page.blocks[0] as { '@id': string; inLanguage: string }).inLanguage).toBe('en');
});

test("the route page's canonical keeps its answers, brackets percent-encoded, in the order given", async () => {
  const { links } = await read(`/sites/${CITY}/items/${RETIREMENT}/route?${JIAOZHOU_ROUTE}&locale=zh-Hans`);
  expect(links[0].href).toBe(`${BASE}/sites/${CITY}/items/${RETIREMENT}/route?${JIAOZHOU_ROUTE}&locale=zh-Hans`);
  expect(links[0].href).not.toMatch(/[[\]]/);
});

describe('the vocabulary check can fail', () => {
  const realPage = async () => (await read(`/sites/${JIAOZHOU}/items/${RETIREMENT}?locale=zh-Hans`)).blocks[0] as Record<string, unknown>;
  const has = (violations: Violation[], term: string, reason: string) => violations.some((v) => v.term === term && v.reason.includes(reason));

  test('on a made-up property added to a real page’s JSON-LD', async () => {
    const data = await realPage();
    expect((await schemaOrgViolations(data)).violations).toEqual([]);
    const { violations } = await schemaOrgViolations({ ...data, officeHoursOfTheDragon: '9-5' });
    expect(has(violations, 'officeHoursOfTheDragon', 'not a schema.org property')).toBe(true);
  });

  test('on a made-up type in a real page’s JSON-LD', async () => {
    const data = await realPage();
    const mainEntity = data.mainEntity as Record<string, unknown>;
    const { violations } = await schemaOrgViolations({ ...data, mainEntity: { ...mainEntity, '@type': 'MunicipalServiceOfTheDragon' } });
    expect(has(violations, 'MunicipalServiceOfTheDragon', 'not a schema.org class')).toBe(true);
  });

  test('on a real property on a type it does not belong to, and on a relative address', async () => {
    const data = await realPage();
    const { violations } = await schemaOrgViolations({ ...data, mainEntity: { ...(data.mainEntity as object), breadcrumb: 'x' } });
    expect(has(violations, 'breadcrumb', 'not a property of GovernmentService')).toBe(true);
    const { nodes } = await schemaOrgViolations({ ...data, url: '/sites/370281000000' });
    expect(iris(nodes).filter((iri) => !iri.startsWith(`${BASE}/`))).toEqual(['/sites/370281000000']);
  });
});
