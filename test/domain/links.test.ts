import { guidePageUrl, itemPageUrl, parseLinkMode, siteHost, sitePageAt, type LinkContext } from '../../src/plugins/linkage/server/src/domain/links';
import { BEIGUAN_VILLAGE, CITY, FUAN_STREET, JIAOZHOU, RETIREMENT_SLUG, linksOf, navigatorOf } from './navigator-fixtures';

const nav = navigatorOf();
const local = linksOf(nav, 'local');
const localAt = linksOf(nav, 'local', 'http://localhost:1337/');
const site = linksOf(nav, 'site');

describe('siteHost', () => {
  it('is the unit itself when it has a site', () => {
    expect(siteHost(JIAOZHOU, site.units)?.code).toBe(JIAOZHOU);
    expect(siteHost(FUAN_STREET, site.units)?.siteUrl).toBe('https://fuan.jiaozhou.qingdao.example');
  });

  it('is the nearest ancestor with a site for a community with none (北关村 → 阜安街道)', () => {
    expect(siteHost(BEIGUAN_VILLAGE, site.units)?.code).toBe(FUAN_STREET);
  });

  it('climbs past several units without sites', () => {
    const units = new Map([
      ['c', { code: 'c', parent: 'b', siteUrl: null }],
      ['b', { code: 'b', parent: 'a', siteUrl: '' }],
      ['a', { code: 'a', parent: null, siteUrl: 'https://a.example' }],
    ]);
    expect(siteHost('c', units)?.code).toBe('a');
  });

  it('is null for an unknown unit, and when no ancestor has a site, and survives a parent cycle', () => {
    expect(siteHost('370299000000', site.units)).toBeNull();
    const orphan = new Map([['x', { code: 'x', parent: null, siteUrl: null }]]);
    expect(siteHost('x', orphan)).toBeNull();
    const cycle = new Map([
      ['p', { code: 'p', parent: 'q', siteUrl: null }],
      ['q', { code: 'q', parent: 'p', siteUrl: null }],
    ]);
    expect(siteHost('p', cycle)).toBeNull();
  });
});

describe('itemPageUrl and guidePageUrl: local mode', () => {
  it('points at this app pages, /sites/<unit>/items/<slug>', () => {
    expect(itemPageUrl(JIAOZHOU, RETIREMENT_SLUG, local)).toBe(`/sites/${JIAOZHOU}/items/${RETIREMENT_SLUG}`);
    expect(itemPageUrl(BEIGUAN_VILLAGE, 'minimum-living-allowance', local)).toBe(`/sites/${BEIGUAN_VILLAGE}/items/minimum-living-allowance`);
  });

  it('adds #stage-<key> for a guide', () => {
    expect(guidePageUrl(JIAOZHOU, RETIREMENT_SLUG, 'district-review', local)).toBe(`/sites/${JIAOZHOU}/items/${RETIREMENT_SLUG}#stage-district-review`);
  });

  it('prefixes the local base without doubling the slash', () => {
    expect(guidePageUrl(CITY, RETIREMENT_SLUG, 'city-approval', localAt)).toBe(`http://localhost:1337/sites/${CITY}/items/${RETIREMENT_SLUG}#stage-city-approval`);
  });

  it('encodes a slug that needs it', () => {
    expect(itemPageUrl(CITY, 'a b/c', local)).toBe(`/sites/${CITY}/items/a%20b%2Fc`);
  });
});

describe('itemPageUrl and guidePageUrl: site mode', () => {
  it('builds the link from the unit siteUrl', () => {
    expect(guidePageUrl(JIAOZHOU, RETIREMENT_SLUG, 'district-review', site)).toBe(`https://jiaozhou.qingdao.example/items/${RETIREMENT_SLUG}#stage-district-review`);
    expect(itemPageUrl(CITY, RETIREMENT_SLUG, site)).toBe(`https://www.qingdao.example/items/${RETIREMENT_SLUG}`);
  });

  it('serves a community with no site from its street site, under /units/<code>/', () => {
    expect(guidePageUrl(BEIGUAN_VILLAGE, 'minimum-living-allowance', 'community-acceptance', site)).toBe(
      `https://fuan.jiaozhou.qingdao.example/units/${BEIGUAN_VILLAGE}/items/minimum-living-allowance#stage-community-acceptance`
    );
  });

  it('trims a trailing slash of the siteUrl', () => {
    const ctx: LinkContext = { mode: 'site', localBase: '', units: new Map([['u', { code: 'u', parent: null, siteUrl: 'https://u.example//' }]]) };
    expect(itemPageUrl('u', 's', ctx)).toBe('https://u.example/items/s');
  });

  it('falls back to the local page when no unit up the tree has a site', () => {
    const ctx: LinkContext = { mode: 'site', localBase: 'http://app', units: new Map([['u', { code: 'u', parent: null, siteUrl: null }]]) };
    expect(itemPageUrl('u', 's', ctx)).toBe('http://app/sites/u/items/s');
  });
});

describe('parseLinkMode', () => {
  it('is site only for "site", local otherwise (the demo default)', () => {
    expect(parseLinkMode('site')).toBe('site');
    expect(parseLinkMode('local')).toBe('local');
    expect(parseLinkMode(undefined)).toBe('local');
    expect(parseLinkMode('SITE')).toBe('local');
  });
});

describe('sitePageAt', () => {
  it("names a unit's home and its page of an item from the address alone", () => {
    expect(sitePageAt('/sites/370281000000')).toEqual({ kind: 'index', unitCode: '370281000000' });
    expect(sitePageAt(`/sites/370281000000/items/${RETIREMENT_SLUG}`)).toEqual({ kind: 'item', unitCode: '370281000000', slug: RETIREMENT_SLUG });
  });

  it('is the page of every item page link the sites build in local mode', () => {
    const url = itemPageUrl(JIAOZHOU, RETIREMENT_SLUG, local);
    expect(sitePageAt(url)).toEqual({ kind: 'item', unitCode: JIAOZHOU, slug: RETIREMENT_SLUG });
  });

  it('names a route page with its answers, and any page with the locale asked for, from a plain query', () => {
    expect(sitePageAt(`/sites/370281000000/items/${RETIREMENT_SLUG}/route`)).toEqual({ kind: 'route', unitCode: '370281000000', slug: RETIREMENT_SLUG });
    expect(sitePageAt(`/sites/370200000000/items/${RETIREMENT_SLUG}/route?locale=en&answers%5Benterprise_location%5D=370281000000&answers[retirement_type]=normal`)).toEqual({
      kind: 'route',
      unitCode: '370200000000',
      slug: RETIREMENT_SLUG,
      locale: 'en',
      answers: { enterprise_location: '370281000000', retirement_type: 'normal' },
    });
    expect(sitePageAt(`/sites/370281000000/items/${RETIREMENT_SLUG}?locale=en`)).toEqual({ kind: 'item', unitCode: '370281000000', slug: RETIREMENT_SLUG, locale: 'en' });
    expect(sitePageAt('/sites/370281000000?locale=zh-Hans')).toEqual({ kind: 'index', unitCode: '370281000000', locale: 'zh-Hans' });
    expect(sitePageAt('/sites/370281000000?')).toEqual({ kind: 'index', unitCode: '370281000000' });
  });

  it.each([
    [`/sites/370281000000/items/${RETIREMENT_SLUG}?answers[a]=1`, 'a parameter the page does not take'],
    ['/sites/370281000000?locale=en&locale=zh-Hans', 'a parameter given twice'],
    [`/sites/370281000000/items/${RETIREMENT_SLUG}/route?answers[0]=1`, 'a query qs would read otherwise (domain/query-parameters.ts plainParameters)'],
    [`/sites/370281000000/items/${RETIREMENT_SLUG}/route/`, 'a route page with a trailing slash'],
    ['/sites/370281000000/', 'a trailing slash'],
    ['/sites/%33%37', 'an escaped unit code'],
    ['/sites/370281000000/items/a%20b', 'an escaped slug'],
    ['/sites/preview/abc', 'a preview'],
    ['/sites/preview', "the previews' address"],
    ['/sites/assets', "the assets' address"],
    ['/sites/assets/site.css', 'an asset'],
    ['/sites/..', 'a dot segment'],
    ['/sites', 'no unit'],
    ['/api/linkage/sites/370281000000', 'a JSON view'],
  ])('is null for %s: %s', (url) => {
    expect(sitePageAt(url)).toBeNull();
  });
});
