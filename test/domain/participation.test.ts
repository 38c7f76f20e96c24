// Does a unit take part in an item (domain/participation.ts): the one decision behind the
// navigator's `items?unit=`, a unit's site index and the existence of its item pages.
import { answerSpace } from '../../src/plugins/linkage/server/src/domain/answer-space';
import type { CatalogItem } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { handlesStage, takesPart, type ParticipationFacts } from '../../src/plugins/linkage/server/src/domain/participation';
import { siteIndexView } from '../../src/plugins/linkage/server/src/domain/site-views';
import { ALLOWANCE, CITY, HOUSING, JIAOZHOU, MEDICAL, RETIREMENT, SHIBEI, TAIPINGJIAO, itemOf, linksOf, navigatorOf } from './navigator-fixtures';

const nav = navigatorOf();
const facts: ParticipationFacts = { unitIndex: nav.units, space: (item: CatalogItem) => answerSpace(item, nav.units) };
const ALL = [ALLOWANCE, HOUSING, MEDICAL, RETIREMENT];
const takingPart = (unit: string) => ALL.filter((code) => takesPart(itemOf(nav, code), unit, facts));

describe('takesPart', () => {
  it('is true for the city in every item, the medical insurance included, where it handles no stage', () => {
    expect(handlesStage(itemOf(nav, MEDICAL), CITY, facts)).toBe(false);
    expect(takingPart(CITY)).toEqual(ALL);
  });

  it('is false for 市北区 in the items whose district stage it never handles (the 2026-11 disagreement)', () => {
    expect(takingPart(SHIBEI)).toEqual([RETIREMENT]);
  });

  it('follows the stages a lower unit handles for someone', () => {
    expect(takingPart(JIAOZHOU)).toEqual(ALL);
    expect(takingPart(TAIPINGJIAO)).toEqual([ALLOWANCE, HOUSING, MEDICAL]);
  });

  it('is false for a unit not in the tree', () => {
    expect(takesPart(itemOf(nav, RETIREMENT), '370299000000', facts)).toBe(false);
  });

  it('is what every unit’s site index lists', () => {
    for (const unit of nav.units.keys()) {
      const ctx = {
        ...facts,
        units: nav.lookup.units,
        lookup: nav.lookup,
        items: nav.catalog.items,
        spec: nav.spec,
        locales: nav.locales,
        locale: 'zh-Hans',
        links: linksOf(nav, 'local'),
      };
      expect(siteIndexView(unit, ctx, []).items.map((i) => i.code)).toEqual(takingPart(unit));
    }
  });
});
