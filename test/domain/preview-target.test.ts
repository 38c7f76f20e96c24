// Which page a preview shows: a guide on its unit's page of the item, at the guide; an item on the
// city's page; a template on the city's page that uses it. A published version: its public page.
import { guidePreviewPage, itemPreviewPage, publicPageUrl, templatePreviewPage } from '../../src/plugins/linkage/server/src/domain/preview-target';
import { ALLOWANCE, CITY, JIAOZHOU, RETIREMENT, RETIREMENT_SLUG, itemOf, linksOf, navigatorOf } from './navigator-fixtures';

const nav = navigatorOf();
const units = nav.catalog.units;
const items = nav.catalog.items;
const links = linksOf(nav, 'local', '');

describe('the page a preview shows', () => {
  it("a guide: its unit's page of its item, scrolled to it", () => {
    expect(guidePreviewPage({ unit: JIAOZHOU, item: RETIREMENT, stage: 'district-review' })).toEqual({ kind: 'item', unitCode: JIAOZHOU, itemCode: RETIREMENT, anchor: 'stage-district-review' });
  });

  it("an item: its managing unit's (the city's) page", () => {
    expect(itemPreviewPage(itemOf(nav, RETIREMENT))).toEqual({ kind: 'item', unitCode: CITY, itemCode: RETIREMENT });
  });

  it("a template: the city's index for the layout and the index, a route page for the route result, an item page for the others", () => {
    expect(templatePreviewPage('layout', units, items)).toEqual({ kind: 'index', unitCode: CITY });
    expect(templatePreviewPage('site-index', units, items)).toEqual({ kind: 'index', unitCode: CITY });
    expect(templatePreviewPage('route-result', units, items)).toEqual({ kind: 'route', unitCode: CITY, itemCode: ALLOWANCE });
    expect(templatePreviewPage('navigator-form', units, items)).toEqual({ kind: 'item', unitCode: CITY, itemCode: ALLOWANCE });
    // The guide part shows on the page of an item with a city stage: the city's own guides.
    expect(templatePreviewPage('guide-page', units, items)).toEqual({ kind: 'item', unitCode: CITY, itemCode: ALLOWANCE });
    expect(templatePreviewPage('guide-page', units, items.filter((i) => i.stages.every((s) => s.level !== 'city')).concat(itemOf(nav, RETIREMENT)))).toMatchObject({ itemCode: RETIREMENT });
  });

  it("a template with no published item: the city's index; with no city: none", () => {
    expect(templatePreviewPage('item-page', units, [])).toEqual({ kind: 'index', unitCode: CITY });
    expect(templatePreviewPage('item-page', units.filter((u) => u.level !== 'city'), items)).toBeNull();
  });
});

describe('publicPageUrl: a published version is previewed at its public page', () => {
  it('in the locale, at the guide', () => {
    expect(publicPageUrl(guidePreviewPage({ unit: JIAOZHOU, item: RETIREMENT, stage: 'district-review' }), RETIREMENT_SLUG, 'en', links)).toBe(
      `/sites/${JIAOZHOU}/items/${RETIREMENT_SLUG}?locale=en#stage-district-review`
    );
    expect(publicPageUrl({ kind: 'index', unitCode: CITY }, undefined, null, links)).toBe(`/sites/${CITY}`);
    expect(publicPageUrl({ kind: 'route', unitCode: CITY, itemCode: RETIREMENT }, RETIREMENT_SLUG, 'zh-Hans', links)).toBe(`/sites/${CITY}/items/${RETIREMENT_SLUG}/route?locale=zh-Hans`);
  });

  it('none for an item page without a published slug', () => {
    expect(publicPageUrl(itemPreviewPage(itemOf(nav, RETIREMENT)), undefined, 'zh-Hans', links)).toBeNull();
  });
});
