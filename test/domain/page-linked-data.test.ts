// The JSON-LD of each site page, built from the demo: the page (its @id its canonical address), its
// BreadcrumbList, and what it is about (a unit's index: its services; an item page: the item and the
// unit's own stages; a route page: the route's stages in order). Every address absolute under the
// base URL; the same things named the same in both languages; and every page of the demo valid
// schema.org, read by a JSON-LD processor against the vocabulary (test/support/schema-org.ts), which
// fails on a made-up type or property.
import { answerSpace } from '../../src/plugins/linkage/server/src/domain/answer-space';
import { guideKey, type CatalogItem } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import type { LinkedDataContext } from '../../src/plugins/linkage/server/src/domain/government-service';
import { answersQuery, type LinkMode } from '../../src/plugins/linkage/server/src/domain/links';
import { pageLinks } from '../../src/plugins/linkage/server/src/domain/page-head';
import { indexPageLinkedData, itemPageLinkedData, routePageLinkedData } from '../../src/plugins/linkage/server/src/domain/page-linked-data';
import { takesPart } from '../../src/plugins/linkage/server/src/domain/participation';
import { siteIndexView, siteItemView, type SiteContext } from '../../src/plugins/linkage/server/src/domain/site-views';
import { schemaOrgViolations } from '../support/schema-org';
import {
  ALLOWANCE,
  BADAGUAN_STREET,
  CITY,
  JIAOZHOU,
  MEDICAL,
  MEDICAL_SLUG,
  RETIREMENT,
  RETIREMENT_SLUG,
  SHINAN,
  TAIPINGJIAO,
  itemOf,
  linksOf,
  navigatorOf,
  viewOf,
} from './navigator-fixtures';

const BASE = 'https://zwfw.qingdao.example/portal';
const n = navigatorOf();
const items = new Map(n.catalog.items.map((i) => [i.code, i]));

const siteContext = (locale: string, mode: LinkMode = 'local'): SiteContext => ({
  units: n.lookup.units,
  unitIndex: n.units,
  lookup: n.lookup,
  items: n.catalog.items,
  spec: n.spec,
  locales: n.locales,
  locale,
  links: linksOf(n, mode),
  space: (item: CatalogItem) => answerSpace(item, n.units),
});
const ldContext = (locale: string, mode: LinkMode = 'local'): LinkedDataContext => ({ baseUrl: BASE, locale, lookup: n.lookup, links: linksOf(n, mode) });
const ownGuides = (unitCode: string, itemCode?: string) => n.catalog.guides.filter((g) => g.unit === unitCode && (!itemCode || g.item === itemCode));

type Node = Record<string, unknown> & { '@id': string; '@type': string };
type Page = Node & { breadcrumb: Node & { itemListElement: Array<Node & { position: number; name: string; item: Node }> }; mainEntity: Node; about?: Node | Node[] };

function indexPage(unitCode: string, locale = 'zh-Hans', mode: LinkMode = 'local'): Page {
  const view = siteIndexView(unitCode, siteContext(locale, mode), ownGuides(unitCode));
  return indexPageLinkedData(view, items, pageLinks(view.site.url, n.locales, locale, BASE).canonical, ldContext(locale, mode)) as Page;
}

function itemViewOf(unitCode: string, itemCode: string, locale: string, mode: LinkMode = 'local') {
  const guides = new Map(ownGuides(unitCode, itemCode).map((g) => [guideKey(g), g]));
  return siteItemView(unitCode, itemOf(n, itemCode), siteContext(locale, mode), guides);
}

function itemPage(unitCode: string, itemCode: string, locale = 'zh-Hans', mode: LinkMode = 'local'): Page {
  const view = itemViewOf(unitCode, itemCode, locale, mode);
  return itemPageLinkedData(view, itemOf(n, itemCode), pageLinks(view.item.url, n.locales, locale, BASE).canonical, ldContext(locale, mode)) as Page;
}

function routePage(unitCode: string, itemCode: string, answers: Record<string, string>, locale = 'zh-Hans'): Page {
  const view = itemViewOf(unitCode, itemCode, locale);
  const routeUrl = `${view.item.url}/route?${answersQuery(answers)}`;
  const route = viewOf(n, itemCode, answers, { locale });
  return routePageLinkedData(view, route, itemOf(n, itemCode), routeUrl, pageLinks(routeUrl, n.locales, locale, BASE).canonical, ldContext(locale)) as Page;
}

const listed = (list: unknown) => (list as { itemListElement: Array<{ position: number; item: Node }> }).itemListElement;
const ids = (nodes: readonly Node[]) => nodes.map((node) => node['@id']);

/** Every @id and url anywhere in the graph. */
function addresses(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => addresses(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if ((key === '@id' || key === 'url') && typeof v === 'string') found.push(v);
      else addresses(v, found);
    }
  }
  return found;
}

const JIAOZHOU_RETIREMENT = `${BASE}/sites/${JIAOZHOU}/items/${RETIREMENT_SLUG}`;
const CITY_RETIREMENT = `${BASE}/sites/${CITY}/items/${RETIREMENT_SLUG}`;
const RETIREMENT_ITEM = `${CITY_RETIREMENT}#item`;

describe("an item page: 胶州市's retirement page", () => {
  const page = itemPage(JIAOZHOU, RETIREMENT);
  const canonical = `${JIAOZHOU_RETIREMENT}?locale=zh-Hans`;

  it('is a WebPage named by its canonical address, in its language', () => {
    expect(page).toMatchObject({ '@context': 'https://schema.org', '@id': canonical, '@type': 'WebPage', url: canonical, name: '企业职工退休认证', inLanguage: 'zh-Hans' });
  });

  it('has a BreadcrumbList from the city down to the page, in the page’s language, each crumb absolute', () => {
    expect(page.breadcrumb['@id']).toBe(`${canonical}#breadcrumb`);
    expect(page.breadcrumb.itemListElement.map((c) => [c.position, c.name, c.item['@id'], c.item['@type']])).toEqual([
      [1, '青岛市', `${BASE}/sites/${CITY}?locale=zh-Hans`, 'WebPage'],
      [2, '胶州市', `${BASE}/sites/${JIAOZHOU}?locale=zh-Hans`, 'WebPage'],
      [3, '企业职工退休认证', canonical, 'WebPage'],
    ]);
  });

  it("is mainly about the item as a whole, and about 胶州市's own stage", () => {
    expect(page.mainEntity['@id']).toBe(RETIREMENT_ITEM);
    expect(ids(page.about as Node[])).toEqual([`${JIAOZHOU_RETIREMENT}#service-district-review`]);
    expect((page.about as Node[])[0].provider).toMatchObject({ name: '胶州市社会保险事业中心' });
  });

  it("lists 市南区's two own stages in stage order", () => {
    expect(ids(itemPage(SHINAN, RETIREMENT).about as Node[])).toEqual([
      `${BASE}/sites/${SHINAN}/items/${RETIREMENT_SLUG}#service-district-approval`,
      `${BASE}/sites/${SHINAN}/items/${RETIREMENT_SLUG}#service-district-review`,
    ]);
  });

  it('is about nothing but the item where the unit handles no stage of it (the city’s medical insurance page)', () => {
    const medical = itemPage(CITY, MEDICAL);
    expect(medical.mainEntity['@id']).toBe(`${BASE}/sites/${CITY}/items/${MEDICAL_SLUG}#item`);
    expect(medical.about).toBeUndefined();
  });

  it('speaks English under the same @ids for the same things, and its own address', () => {
    const en = itemPage(JIAOZHOU, RETIREMENT, 'en');
    expect(en['@id']).toBe(`${JIAOZHOU_RETIREMENT}?locale=en`);
    expect(en.inLanguage).toBe('en');
    expect(en.breadcrumb.itemListElement.map((c) => c.name)).toEqual(['Qingdao', 'Jiaozhou City', 'Retirement certification for enterprise employees']);
    expect(en.mainEntity['@id']).toBe(page.mainEntity['@id']);
    expect(ids(en.about as Node[])).toEqual(ids(page.about as Node[]));
  });
});

describe("a community's page: 太平角社区居民委员会's allowance page", () => {
  test.each([
    ['zh-Hans', ['青岛市', '市南区', '八大关街道', '太平角社区居民委员会'], '太平角社区'],
    ['en', ['Qingdao', 'Shinan District', 'Badaguan Subdistrict', "Taipingjiao Residents' Committee"], 'Taipingjiao Community'],
  ])('%s: crumbs name the sites; the service serves the community, not its committee', (locale, sites, area) => {
    const page = itemPage(TAIPINGJIAO, ALLOWANCE, locale);
    expect(page.breadcrumb.itemListElement.slice(0, 4).map((c) => c.name)).toEqual(sites);
    const [service] = page.about as Node[];
    expect(service.areaServed).toEqual({ '@id': `${BASE}/id/areas/${TAIPINGJIAO}`, '@type': 'AdministrativeArea', name: area, identifier: TAIPINGJIAO });
  });
});

describe("a unit's index", () => {
  it("八大关街道's: a CollectionPage about its area, listing its own stages' services", () => {
    const page = indexPage(BADAGUAN_STREET);
    const canonical = `${BASE}/sites/${BADAGUAN_STREET}?locale=zh-Hans`;
    expect(page).toMatchObject({ '@id': canonical, '@type': 'CollectionPage', name: '八大关街道' });
    expect(page.about).toMatchObject({ '@id': `${BASE}/id/areas/${BADAGUAN_STREET}`, name: '八大关街道' });
    expect(page.breadcrumb.itemListElement.map((c) => [c.name, c.item['@type']])).toEqual([
      ['青岛市', 'WebPage'],
      ['市南区', 'WebPage'],
      ['八大关街道', 'CollectionPage'],
    ]);
    const services = listed(page.mainEntity);
    expect(services.map((s) => s.position)).toEqual(services.map((_, i) => i + 1));
    expect(services.map((s) => s.item['@id'])).toEqual(
      expect.arrayContaining([
        `${BASE}/sites/${BADAGUAN_STREET}/items/minimum-living-allowance#service-street-review`,
        `${BASE}/sites/${BADAGUAN_STREET}/items/public-rental-housing#service-street-review`,
      ])
    );
    expect(services.every((s) => s.item['@type'] === 'GovernmentService' && (s.item.areaServed as Node)['@id'] === `${BASE}/id/areas/${BADAGUAN_STREET}`)).toBe(true);
  });

  it("the city's: its own stages' services, and the item itself where the city handles no stage (medical insurance)", () => {
    const services = listed(indexPage(CITY).mainEntity).map((s) => s.item['@id']);
    expect(services).toContain(`${CITY_RETIREMENT}#service-city-approval`);
    expect(services).toContain(`${BASE}/sites/${CITY}/items/${MEDICAL_SLUG}#item`);
    expect(services.filter((id) => id.includes(MEDICAL_SLUG))).toHaveLength(1);
  });
});

describe("a route page: the city's route for a normal retirement from a domestic enterprise in 胶州市", () => {
  const answers = { retirement_type: 'normal', enterprise_type: 'domestic', enterprise_location: JIAOZHOU };
  const page = routePage(CITY, RETIREMENT, answers);
  const canonical = `${CITY_RETIREMENT}/route?${answersQuery(answers)}&locale=zh-Hans`;

  it('is named by its canonical address, answers kept, brackets percent-encoded; its last crumb is the route', () => {
    expect(page['@id']).toBe(canonical);
    expect(canonical).toContain('answers%5Bretirement_type%5D=normal');
    expect(page.name).toBe('企业职工退休认证 · 办理流程');
    expect(page.breadcrumb.itemListElement.map((c) => [c.name, c.item['@id']])).toEqual([
      ['青岛市', `${BASE}/sites/${CITY}?locale=zh-Hans`],
      ['企业职工退休认证', `${CITY_RETIREMENT}?locale=zh-Hans`],
      ['办理流程', canonical],
    ]);
  });

  it("lists the route's stages in order, each the service of the unit and department that handle it", () => {
    expect(page.about).toMatchObject({ '@id': RETIREMENT_ITEM });
    expect(listed(page.mainEntity).map((s) => [s.position, s.item['@id'], (s.item.provider as Node).name])).toEqual([
      [1, `${JIAOZHOU_RETIREMENT}#service-district-review`, '胶州市社会保险事业中心'],
      [2, `${CITY_RETIREMENT}#service-city-approval`, '青岛市社会保险事业中心'],
    ]);
  });

  it('leaves out a stage whose handler the answers do not settle yet (special-job retirement, no location: the district review is no one’s yet)', () => {
    const partial = routePage(CITY, RETIREMENT, { retirement_type: 'special_job', enterprise_type: 'domestic' });
    expect(listed(partial.mainEntity).map((s) => s.item['@id'])).toEqual([`${CITY_RETIREMENT}#service-city-approval`]);
  });
});

describe('every address in the linked data', () => {
  const pages = [
    indexPage(CITY),
    indexPage(TAIPINGJIAO, 'en'),
    itemPage(JIAOZHOU, RETIREMENT),
    itemPage(TAIPINGJIAO, ALLOWANCE, 'en'),
    routePage(CITY, RETIREMENT, { retirement_type: 'normal', enterprise_type: 'domestic', enterprise_location: JIAOZHOU }),
  ];

  it('is absolute, under the base URL (LINKAGE_LINKS=local gives paths)', () => {
    const all = pages.flatMap((p) => addresses(p));
    expect(all.length).toBeGreaterThan(100);
    expect(all.filter((a) => !a.startsWith(`${BASE}/`))).toEqual([]);
  });

  it("is on the units' own sites for pages and services, and under the base for areas and departments (LINKAGE_LINKS=site)", () => {
    const page = itemPage(JIAOZHOU, RETIREMENT, 'zh-Hans', 'site');
    expect(page['@id']).toBe(`https://jiaozhou.qingdao.example/items/${RETIREMENT_SLUG}?locale=zh-Hans`);
    const all = addresses(page);
    expect(all.filter((a) => !/^https:\/\/([a-z]+\.)*qingdao\.example\//.test(a))).toEqual([]);
    expect(all.filter((a) => a.includes('/id/')).every((a) => a.startsWith(`${BASE}/id/`))).toBe(true);
  });
});

describe('the schema.org vocabulary', () => {
  it('holds for every page of the demo: every index, every item page of every unit that takes part, routes, in both locales', async () => {
    const checked: string[] = [];
    const failures: unknown[] = [];
    const check = async (name: string, doc: object) => {
      const { violations, nodes } = await schemaOrgViolations(doc);
      checked.push(name);
      if (violations.length > 0 || nodes.length === 0) failures.push({ name, violations });
    };
    for (const locale of n.locales) {
      for (const unit of n.catalog.units) {
        await check(`index ${unit.code} ${locale}`, indexPage(unit.code, locale));
        for (const item of n.catalog.items)
          if (takesPart(item, unit.code, siteContext(locale))) await check(`item ${unit.code} ${item.code} ${locale}`, itemPage(unit.code, item.code, locale));
      }
      await check(`route ${locale}`, routePage(CITY, RETIREMENT, { retirement_type: 'normal', enterprise_type: 'domestic', enterprise_location: JIAOZHOU }, locale));
      await check(`route illness ${locale}`, routePage(JIAOZHOU, RETIREMENT, { retirement_type: 'illness', enterprise_type: 'domestic', enterprise_location: JIAOZHOU }, locale));
    }
    expect(failures).toEqual([]);
    expect(checked.length).toBeGreaterThan(100);
  });

  const valid = {
    '@context': 'https://schema.org',
    '@id': 'https://a.example/s',
    '@type': 'GovernmentService',
    name: 'x',
    areaServed: { '@id': 'https://a.example/a', '@type': 'AdministrativeArea', name: 'y' },
  };

  test.each([
    ['a made-up type', { ...valid, '@type': 'GovernmentServiceX' }, 'GovernmentServiceX', 'not a schema.org class'],
    ['a made-up property', { ...valid, madeUpProperty: 'x' }, 'madeUpProperty', 'not a schema.org property'],
    ['a property of another type (breadcrumb is a WebPage’s)', { ...valid, breadcrumb: 'x' }, 'breadcrumb', 'not a property of GovernmentService'],
    [
      'a value outside the range (a service provided by an area)',
      { ...valid, provider: { '@id': 'https://a.example/a2', '@type': 'AdministrativeArea', name: 'z' } },
      'provider',
      'is none of',
    ],
    ['a node with properties and no type', { ...valid, areaServed: { '@id': 'https://a.example/a', name: 'y' } }, '@type', 'has no type'],
  ])('fails on %s', async (_why, doc, term, reason) => {
    expect((await schemaOrgViolations(valid)).violations).toEqual([]);
    const { violations } = await schemaOrgViolations(doc);
    expect(violations).toEqual(expect.arrayContaining([expect.objectContaining({ term, reason: expect.stringContaining(reason) })]));
  });
});
