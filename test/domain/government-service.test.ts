// schema.org nodes for what the sites offer: a stage as the service a unit provides (at its guide,
// provided by the department that handles it there, serving the unit's area, related to the item),
// the item as a whole (the managing unit's), the department as a GovernmentOrganization, the area as
// an AdministrativeArea named for the area. Every node has its @id, and every address is absolute.
import type { Catalog } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { areaNode, departmentNode, itemService, stageService, type LinkedDataContext } from '../../src/plugins/linkage/server/src/domain/government-service';
import type { LinkMode } from '../../src/plugins/linkage/server/src/domain/links';
import { loadDemo } from './demo-fixtures';
import { ALLOWANCE, ALLOWANCE_SLUG, CITY, JIAOZHOU, RETIREMENT, RETIREMENT_SLUG, TAIPINGJIAO, itemOf, linksOf, navigatorOf } from './navigator-fixtures';

const BASE = 'https://zwfw.qingdao.example';

function contextOf(options: { catalog?: Catalog; locale?: string; mode?: LinkMode } = {}): { ctx: LinkedDataContext; item: (code: string) => ReturnType<typeof itemOf> } {
  const n = navigatorOf(options.catalog ?? loadDemo());
  return {
    ctx: { baseUrl: BASE, locale: options.locale ?? 'zh-Hans', lookup: n.lookup, links: linksOf(n, options.mode ?? 'local') },
    item: (code) => itemOf(n, code),
  };
}

const JIAOZHOU_RETIREMENT = `${BASE}/sites/${JIAOZHOU}/items/${RETIREMENT_SLUG}`;
const CITY_RETIREMENT = `${BASE}/sites/${CITY}/items/${RETIREMENT_SLUG}`;

describe("stageService: 胶州市's review of the retirement", () => {
  const { ctx, item } = contextOf();
  const service = stageService(item(RETIREMENT), 'district-review', JIAOZHOU, '370281-SI', ctx);

  it('is named on 胶州市’s page of the item, apart from the guide’s anchor, which is its url; absolute', () => {
    expect(service['@id']).toBe(`${JIAOZHOU_RETIREMENT}#service-district-review`);
    expect(service.url).toBe(`${JIAOZHOU_RETIREMENT}#stage-district-review`);
  });

  it('is the whole node: item and stage names, the item’s summary, the department, the area, the item it is part of', () => {
    expect(service).toEqual({
      '@id': `${JIAOZHOU_RETIREMENT}#service-district-review`,
      '@type': 'GovernmentService',
      name: '企业职工退休认证 · 区(市)社会保险经办机构审核',
      serviceType: '企业职工退休认证',
      description: expect.stringMatching(/^职工退休认证包括/),
      url: `${JIAOZHOU_RETIREMENT}#stage-district-review`,
      provider: {
        '@id': `${BASE}/id/departments/370281-SI`,
        '@type': 'GovernmentOrganization',
        name: '胶州市社会保险事业中心',
        identifier: '370281-SI',
        areaServed: { '@id': `${BASE}/id/areas/${JIAOZHOU}`, '@type': 'AdministrativeArea', name: '胶州市', identifier: JIAOZHOU },
      },
      areaServed: { '@id': `${BASE}/id/areas/${JIAOZHOU}`, '@type': 'AdministrativeArea', name: '胶州市', identifier: JIAOZHOU },
      isRelatedTo: { '@id': `${CITY_RETIREMENT}#item`, '@type': 'GovernmentService', name: '企业职工退休认证' },
    });
  });

  it('speaks the context’s language, under the same @ids', () => {
    const { ctx: en, item: itemEn } = contextOf({ locale: 'en' });
    const english = stageService(itemEn(RETIREMENT), 'district-review', JIAOZHOU, '370281-SI', en);
    expect(english['@id']).toBe(service['@id']);
    expect(english.name).toBe('Retirement certification for enterprise employees · Review by the district or county-level city social insurance agency');
    expect((english.provider as { name: string }).name).toBe('Jiaozhou City Social Insurance Center');
    expect((english.areaServed as { name: string }).name).toBe('Jiaozhou City');
  });
});

describe('the provider', () => {
  const { ctx, item } = contextOf();

  it("gives the department's telephone and address when it has them (the city's social insurance center)", () => {
    expect(departmentNode('QD-SI', ctx)).toEqual({
      '@id': `${BASE}/id/departments/QD-SI`,
      '@type': 'GovernmentOrganization',
      name: '青岛市社会保险事业中心',
      identifier: 'QD-SI',
      telephone: '0532-12333',
      address: '青岛市市北区敦化路',
      areaServed: { '@id': `${BASE}/id/areas/${CITY}`, '@type': 'AdministrativeArea', name: '青岛市', identifier: CITY },
    });
  });

  it('is the unit itself, as an organisation serving its area, when no department handles the stage there', () => {
    const service = stageService(item(RETIREMENT), 'district-review', JIAOZHOU, null, ctx);
    expect(service.provider).toEqual({
      '@id': `${BASE}/id/units/${JIAOZHOU}`,
      '@type': 'GovernmentOrganization',
      name: '胶州市',
      identifier: JIAOZHOU,
      areaServed: { '@id': `${BASE}/id/areas/${JIAOZHOU}`, '@type': 'AdministrativeArea', name: '胶州市', identifier: JIAOZHOU },
    });
  });

  it('is left out when the page does not say it (an index lists services without their departments)', () => {
    expect(Object.keys(stageService(item(RETIREMENT), 'district-review', JIAOZHOU, undefined, ctx))).not.toContain('provider');
  });
});

describe('a community’s stage: the area is the community, the provider its committee', () => {
  test.each([
    ['zh-Hans', '太平角社区', '太平角社区居民委员会'],
    ['en', 'Taipingjiao Community', "Taipingjiao Residents' Committee"],
  ])('%s', (locale, area, committee) => {
    const { ctx, item } = contextOf({ locale });
    const service = stageService(item(ALLOWANCE), 'community-acceptance', TAIPINGJIAO, `${TAIPINGJIAO}-COMMITTEE`, ctx);
    expect(service.areaServed).toEqual({ '@id': `${BASE}/id/areas/${TAIPINGJIAO}`, '@type': 'AdministrativeArea', name: area, identifier: TAIPINGJIAO });
    expect(service.provider).toMatchObject({ '@type': 'GovernmentOrganization', name: committee, areaServed: { name: area } });
    expect(service['@id']).toBe(`${BASE}/sites/${TAIPINGJIAO}/items/${ALLOWANCE_SLUG}#service-community-acceptance`);
  });

  it('an area node alone says the same', () => {
    expect(areaNode(TAIPINGJIAO, contextOf().ctx).name).toBe('太平角社区');
  });
});

describe('itemService: the item as a whole', () => {
  it("is the city's (managing unit's) service at its page of the item, provided by the managing department, for the city's area", () => {
    const { ctx, item } = contextOf();
    expect(itemService(item(RETIREMENT), ctx)).toEqual({
      '@id': `${CITY_RETIREMENT}#item`,
      '@type': 'GovernmentService',
      name: '企业职工退休认证',
      serviceType: '企业职工退休认证',
      description: expect.stringMatching(/^职工退休认证包括/),
      url: CITY_RETIREMENT,
      provider: expect.objectContaining({ '@id': `${BASE}/id/departments/QD-EGOV`, name: '青岛市政务服务管理办公室', telephone: '0532-12345' }),
      areaServed: { '@id': `${BASE}/id/areas/${CITY}`, '@type': 'AdministrativeArea', name: '青岛市', identifier: CITY },
    });
  });

  it('leaves the description out when the item has no summary', () => {
    const catalog = loadDemo();
    const retirement = catalog.items.find((i) => i.code === RETIREMENT) as { summary?: unknown };
    delete retirement.summary;
    const { ctx, item } = contextOf({ catalog });
    expect(Object.keys(itemService(item(RETIREMENT), ctx))).not.toContain('description');
  });
});

describe('with links to each unit’s own site (LINKAGE_LINKS=site)', () => {
  const { ctx, item } = contextOf({ mode: 'site' });

  it('names services and the item on the units’ own sites, and areas and departments under the base', () => {
    const service = stageService(item(RETIREMENT), 'district-review', JIAOZHOU, '370281-SI', ctx);
    expect(service['@id']).toBe(`https://jiaozhou.qingdao.example/items/${RETIREMENT_SLUG}#service-district-review`);
    expect(service.url).toBe(`https://jiaozhou.qingdao.example/items/${RETIREMENT_SLUG}#stage-district-review`);
    expect((service.isRelatedTo as { '@id': string })['@id']).toBe(`https://www.qingdao.example/items/${RETIREMENT_SLUG}#item`);
    expect((service.provider as { '@id': string })['@id']).toBe(`${BASE}/id/departments/370281-SI`);
    expect((service.areaServed as { '@id': string })['@id']).toBe(`${BASE}/id/areas/${JIAOZHOU}`);
  });

  it('names a community’s service on its nearest ancestor’s site', () => {
    const service = stageService(item(ALLOWANCE), 'community-acceptance', TAIPINGJIAO, null, ctx);
    expect(service['@id']).toBe(`https://badaguan.shinan.qingdao.example/units/${TAIPINGJIAO}/items/${ALLOWANCE_SLUG}#service-community-acceptance`);
  });
});
