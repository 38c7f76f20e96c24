// Which page a preview shows: a guide on its unit's page of the item, at the guide; an item on the
// city's page; a template on the city's page that uses it. A published version: its public page.
import { guidePreviewPage, itemPreviewPage, publicPageUrl, templatePreviewPage, templateSceneOf } from '../../src/plugins/linkage/server/src/domain/preview-target';
import { ALLOWANCE, CITY, JIAOZHOU, RETIREMENT, RETIREMENT_SLUG, itemOf, linksOf, navigatorOf } from './navigator-fixtures';

const nav = navigatorOf();
const units = nav.catalog.units;
const items = nav.catalog.items;
const links = linksOf(nav, 'local', '');

describe('the page a preview shows', () => {
  it("a guide: its unit's page of its item, scrolled to it", () => {
    expect(guidePreviewPage({ unit: JIAOZHOU, item: RETIREMENT, stage: 'district-review' })).toEqual({
      kind: 'item',
      unitCode: JIAOZHOU,
      itemCode: RETIREMENT,
      anchor: 'stage-district-review',
    });
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
    expect(templatePreviewPage('guide-page', units, items.filter((i) => i.stages.every((s) => s.level !== 'city')).concat(itemOf(nav, RETIREMENT)))).toMatchObject({
      itemCode: RETIREMENT,
    });
  });

  it("a template with no published item: the city's index; with no city: none", () => {
    expect(templatePreviewPage('item-page', units, [])).toEqual({ kind: 'index', unitCode: CITY });
    expect(
      templatePreviewPage(
        'item-page',
        units.filter((u) => u.level !== 'city'),
        items
      )
    ).toBeNull();
  });
});

describe('a template on the page an editor chose', () => {
  // 胶州市 handles the retirement item only, in this test.
  const handles = (item: { code: string }, unitCode: string) => unitCode === CITY || item.code === RETIREMENT;

  it("the chosen unit's page of the chosen item; the layout on the unit's index", () => {
    expect(templatePreviewPage('item-page', units, items, { unit: JIAOZHOU, item: RETIREMENT }, handles)).toEqual({ kind: 'item', unitCode: JIAOZHOU, itemCode: RETIREMENT });
    expect(templatePreviewPage('route-result', units, items, { unit: JIAOZHOU, item: RETIREMENT }, handles)).toEqual({ kind: 'route', unitCode: JIAOZHOU, itemCode: RETIREMENT });
    expect(templatePreviewPage('layout', units, items, { unit: JIAOZHOU, item: RETIREMENT }, handles)).toEqual({ kind: 'index', unitCode: JIAOZHOU });
  });

  it('no item chosen: the first item the unit handles; none: its index', () => {
    expect(templatePreviewPage('item-page', units, items, { unit: JIAOZHOU }, handles)).toEqual({ kind: 'item', unitCode: JIAOZHOU, itemCode: RETIREMENT });
    expect(templatePreviewPage('item-page', units, items, { unit: JIAOZHOU }, () => false)).toEqual({ kind: 'index', unitCode: JIAOZHOU });
  });

  it('an item the unit does not handle is still shown as chosen (the preview then says the unit has no page of it)', () => {
    expect(templatePreviewPage('item-page', units, items, { unit: JIAOZHOU, item: ALLOWANCE }, handles)).toEqual({ kind: 'item', unitCode: JIAOZHOU, itemCode: ALLOWANCE });
  });

  it('a unit or item not in the catalog: the default page', () => {
    expect(templatePreviewPage('item-page', units, items, { unit: 'nowhere', item: 'nothing' }, handles)).toEqual(templatePreviewPage('item-page', units, items));
  });
});

describe('templateSceneOf: what an editor asked to see a template on, checked', () => {
  const unitMap = new Map(units.map((u) => [u.code, u]));
  const itemMap = new Map(items.map((i) => [i.code, i]));
  const locales = ['zh-Hans', 'en'];

  it('known codes and a site language pass; empty means the default', () => {
    expect(templateSceneOf({ unit: JIAOZHOU, item: RETIREMENT, locale: 'en' }, unitMap, itemMap, locales)).toEqual({ scene: { unit: JIAOZHOU, item: RETIREMENT }, locale: 'en' });
    expect(templateSceneOf({ unit: '', item: null }, unitMap, itemMap, locales)).toEqual({ scene: {}, locale: undefined });
  });

  it('each bad field is named, with why, in both languages', () => {
    const answer = templateSceneOf({ unit: 'nowhere', item: 7, locale: 'fr' }, unitMap, itemMap, locales);
    expect('problems' in answer && answer.problems.map((p) => [p.path, p.text?.en])).toEqual([
      [['unit'], 'no published unit has the code nowhere: choose one from the list'],
      [['item'], 'the linked item must be given by its code'],
      [['locale'], "the language must be one of the site's: zh-Hans, en"],
    ]);
    expect('problems' in answer && answer.problems[0].text?.['zh-Hans']).toBe('没有代码为 nowhere 的已发布单位：请从列表中选择');
  });
});

describe('publicPageUrl: a published version is previewed at its public page', () => {
  it('in the locale, at the guide', () => {
    expect(publicPageUrl(guidePreviewPage({ unit: JIAOZHOU, item: RETIREMENT, stage: 'district-review' }), RETIREMENT_SLUG, 'en', links)).toBe(
      `/sites/${JIAOZHOU}/items/${RETIREMENT_SLUG}?locale=en#stage-district-review`
    );
    expect(publicPageUrl({ kind: 'index', unitCode: CITY }, undefined, null, links)).toBe(`/sites/${CITY}`);
    expect(publicPageUrl({ kind: 'route', unitCode: CITY, itemCode: RETIREMENT }, RETIREMENT_SLUG, 'zh-Hans', links)).toBe(
      `/sites/${CITY}/items/${RETIREMENT_SLUG}/route?locale=zh-Hans`
    );
  });

  it('none for an item page without a published slug', () => {
    expect(publicPageUrl(itemPreviewPage(itemOf(nav, RETIREMENT)), undefined, 'zh-Hans', links)).toBeNull();
  });
});
