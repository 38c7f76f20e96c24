// schema.org GovernmentService JSON-LD for an item page, built by the server from the site view:
// one service per guide the unit owns (or the item itself when it owns none), and a script element
// whose text cannot close the element, whatever the texts hold.
import { answerSpace } from '../../src/plugins/linkage/server/src/domain/answer-space';
import { guideKey, type Catalog, type CatalogItem } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { governmentServices, jsonLdScript } from '../../src/plugins/linkage/server/src/domain/government-service';
import { siteItemView, type SiteContext, type SiteItemView } from '../../src/plugins/linkage/server/src/domain/site-views';
import { clone, loadDemo } from './demo-fixtures';
import { CITY, JIAOZHOU, LAIXI, MEDICAL, RETIREMENT, RETIREMENT_SLUG, SHINAN, itemOf, linksOf, navigatorOf, type Navigator } from './navigator-fixtures';

const CLOSER = '</script><script>alert(1)</script><!--';

const contextOf = (n: Navigator, locale = 'zh-Hans'): SiteContext => ({
  units: n.lookup.units,
  unitIndex: n.units,
  lookup: n.lookup,
  items: n.catalog.items,
  spec: n.spec,
  locales: n.locales,
  locale,
  links: linksOf(n, 'local'),
  space: (item: CatalogItem) => answerSpace(item, n.units),
});

/** The item page view of one unit, with its own guides, as the site service builds it. */
function viewOf(unitCode: string, itemCode: string, options: { catalog?: Catalog; locale?: string } = {}): SiteItemView {
  const n = navigatorOf(options.catalog ?? loadDemo());
  const guides = new Map(n.catalog.guides.filter((g) => g.unit === unitCode && g.item === itemCode).map((g) => [guideKey(g), g]));
  return siteItemView(unitCode, itemOf(n, itemCode), contextOf(n, options.locale), guides);
}

const pageUrl = (unitCode: string, slug: string) => `/sites/${unitCode}/items/${slug}`;
type Service = Record<string, unknown> & { provider: Record<string, unknown>; areaServed: Record<string, unknown> };
const services = (view: SiteItemView, url: string) => governmentServices(view, url) as Service[];

/** The text of the script element, and the JSON it holds. */
const scriptText = (html: string): string => {
  const match = /^<script type="application\/ld\+json">([\s\S]*)<\/script>$/.exec(html);
  if (!match) throw new Error(`not one JSON-LD script element: ${html}`);
  return match[1];
};

describe("governmentServices: a unit's own guides", () => {
  const view = viewOf(JIAOZHOU, RETIREMENT);
  const url = pageUrl(JIAOZHOU, RETIREMENT_SLUG);
  const [service] = services(view, url);

  it('is one GovernmentService per own guide (胶州市 owns district-review only)', () => {
    expect(services(view, url)).toHaveLength(1);
    expect(service['@context']).toBe('https://schema.org');
    expect(service['@type']).toBe('GovernmentService');
  });

  it('names the item and the stage, with the item as its service type and its summary as description', () => {
    expect(service.name).toBe('企业职工退休认证 · 区(市)社会保险经办机构审核');
    expect(service.serviceType).toBe('企业职工退休认证');
    expect(service.description).toBe(view.item.summary);
    expect(String(service.description)).toMatch(/^职工退休认证包括/);
  });

  it("points at the guide's anchor on the page", () => {
    expect(service.url).toBe(`${url}#stage-district-review`);
  });

  it('is provided by the department that handles the stage, with its code', () => {
    expect(service.provider).toEqual({ '@type': 'GovernmentOrganization', name: '胶州市社会保险事业中心', identifier: '370281-SI' });
  });

  it("serves the unit's area", () => {
    expect(service.areaServed).toEqual({ '@type': 'AdministrativeArea', name: '胶州市', identifier: JIAOZHOU });
  });

  it('is one service per own guide, in stage order, for a unit that owns two (市南区)', () => {
    const shinan = services(viewOf(SHINAN, RETIREMENT), pageUrl(SHINAN, RETIREMENT_SLUG));
    expect(shinan.map((s) => s.url)).toEqual([`${pageUrl(SHINAN, RETIREMENT_SLUG)}#stage-district-approval`, `${pageUrl(SHINAN, RETIREMENT_SLUG)}#stage-district-review`]);
    expect(shinan.map((s) => s.name)).toEqual(['企业职工退休认证 · 区社会劳动保险经办机构核准', '企业职工退休认证 · 区(市)社会保险经办机构审核']);
    expect(shinan.every((s) => (s.areaServed as { identifier: string }).identifier === SHINAN)).toBe(true);
  });

  it("gives the provider's telephone and address when the department has them (the city's social insurance center)", () => {
    const city = services(viewOf(CITY, RETIREMENT), pageUrl(CITY, RETIREMENT_SLUG));
    const approval = city.find((s) => s.url === `${pageUrl(CITY, RETIREMENT_SLUG)}#stage-city-approval`);
    expect(approval?.provider).toEqual({
      '@type': 'GovernmentOrganization',
      name: '青岛市社会保险事业中心',
      identifier: 'QD-SI',
      telephone: '0532-12333',
      address: '青岛市市北区敦化路',
    });
  });

  it('leaves telephone and address out when the department has none', () => {
    expect(Object.keys(service.provider).sort()).toEqual(['@type', 'identifier', 'name']);
  });

  it('still describes a stage whose guide is missing, provided by its department (莱西市)', () => {
    const [laixi] = services(viewOf(LAIXI, RETIREMENT), pageUrl(LAIXI, RETIREMENT_SLUG));
    expect(laixi.provider).toMatchObject({ name: '莱西市社会保险事业中心', identifier: '370285-SI' });
  });

  it('is provided by the unit itself when no department can be found for the stage', () => {
    const catalog = loadDemo();
    catalog.departments = catalog.departments.filter((d) => d.code !== '370281-SI');
    catalog.guides = catalog.guides.filter((g) => !(g.unit === JIAOZHOU && g.item === RETIREMENT));
    const [orphan] = services(viewOf(JIAOZHOU, RETIREMENT, { catalog }), pageUrl(JIAOZHOU, RETIREMENT_SLUG));
    expect(orphan.provider.name).toBe('胶州市');
    expect(JSON.parse(JSON.stringify(orphan.provider))).toEqual({ '@type': 'GovernmentOrganization', name: '胶州市' });
  });

  it("speaks the view's language", () => {
    const [en] = services(viewOf(JIAOZHOU, RETIREMENT, { locale: 'en' }), url);
    expect(en.serviceType).toBe('Retirement certification for enterprise employees');
    expect(en.provider.name).toBe('Jiaozhou City Social Insurance Center');
    expect(en.areaServed.name).toBe('Jiaozhou City');
  });
});

describe('governmentServices: a page with no own guide', () => {
  it('is the item itself, at the page URL, provided by its managing department (the city has no medical insurance stage)', () => {
    const view = viewOf(CITY, MEDICAL);
    expect(view.ownGuides).toEqual([]);
    const url = pageUrl(CITY, 'resident-medical-insurance-enrolment');
    expect(services(view, url)).toEqual([
      {
        '@context': 'https://schema.org',
        '@type': 'GovernmentService',
        serviceType: '城乡居民基本医疗保险参保登记',
        name: '城乡居民基本医疗保险参保登记',
        description: view.item.summary,
        url,
        areaServed: { '@type': 'AdministrativeArea', name: '青岛市', identifier: CITY },
        provider: { '@type': 'GovernmentOrganization', name: view.item.managingDepartment },
      },
    ]);
    expect(view.item.managingDepartment).not.toBe('');
  });
});

describe('jsonLdScript', () => {
  const data = services(viewOf(JIAOZHOU, RETIREMENT), pageUrl(JIAOZHOU, RETIREMENT_SLUG));

  it('is one application/ld+json script element holding the one service as an object', () => {
    const text = scriptText(jsonLdScript(data));
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(data[0])));
  });

  it('holds several services as a list', () => {
    const two = services(viewOf(SHINAN, RETIREMENT), pageUrl(SHINAN, RETIREMENT_SLUG));
    const parsed = JSON.parse(scriptText(jsonLdScript(two)));
    expect(Array.isArray(parsed)).toBe(true);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(two)));
  });

  it('cannot be closed or commented out by a text holding </script> or <!--', () => {
    const catalog = loadDemo();
    const item = catalog.items.find((i) => i.code === RETIREMENT) as CatalogItem;
    (item as { title: Record<string, string> }).title = { 'zh-Hans': `退休${CLOSER}`, en: `Retirement${CLOSER}` };
    (item as { summary: Record<string, string> }).summary = { 'zh-Hans': CLOSER, en: CLOSER };
    const html = jsonLdScript(services(viewOf(JIAOZHOU, RETIREMENT, { catalog }), pageUrl(JIAOZHOU, RETIREMENT_SLUG)));
    expect(html.match(/<\/script/gi)).toHaveLength(1);
    expect(html.match(/<script/gi)).toHaveLength(1);
    expect(html).not.toContain('<!--');
    const text = scriptText(html);
    expect(text).not.toMatch(/[<>&]/);
    expect(text).toContain('\\u003c/script\\u003e');
  });

  it('round-trips every text exactly, the escaped characters included', () => {
    const tricky = [{ '@type': 'GovernmentService', name: `a<b>&c "d" \\ e ${CLOSER} 退休`, description: '\u2028\u2029 & &amp; \\u003c' }];
    const text = scriptText(jsonLdScript(tricky));
    expect(text).not.toMatch(/[<>&]/);
    expect(JSON.parse(text)).toEqual(tricky[0]);
  });

  it('does not change the data it is given', () => {
    const before = clone(data);
    jsonLdScript(data);
    expect(data).toEqual(before);
  });
});
