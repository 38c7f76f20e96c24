// One projection of a guide's fields (domain/guide-projection.ts): the navigator's route view and a
// unit's item page show the same guide the same way; each adds only what is its own.
import { guideKey, type CatalogGuide } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { routeForAnswers } from '../../src/plugins/linkage/server/src/domain/routing';
import { guideView, type SiteContext } from '../../src/plugins/linkage/server/src/domain/site-views';
import { answerSpace } from '../../src/plugins/linkage/server/src/domain/answer-space';
import { JIAOZHOU, RETIREMENT, itemOf, linksOf, navigatorOf, viewOf } from './navigator-fixtures';

const nav = navigatorOf();
const SHARED = ['status', 'missingFields', 'missingFieldNames', 'conditions', 'timeLimit', 'fee', 'onlineUrl', 'address', 'hours', 'phone'] as const;
const MATERIAL = ['name', 'original', 'copies', 'required', 'blankForm'] as const;
const pick = (o: object, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]]));

describe.each(['zh-Hans', 'en'])('a guide in %s', (locale) => {
  const answers = { retirement_type: 'normal', enterprise_type: 'domestic', enterprise_location: JIAOZHOU };
  const route = viewOf(nav, RETIREMENT, answers, { locale });
  const stage = route.stages.find((s) => s.key === 'district-review');
  const guide = nav.guides.get(guideKey({ item: RETIREMENT, stage: 'district-review', unit: JIAOZHOU })) as CatalogGuide;
  const ctx: SiteContext = {
    units: nav.lookup.units,
    unitIndex: nav.units,
    lookup: nav.lookup,
    items: nav.catalog.items,
    spec: nav.spec,
    locales: nav.locales,
    locale,
    links: linksOf(nav, 'local'),
    space: (item) => answerSpace(item, nav.units),
  };
  const site = guideView(guide, itemOf(nav, RETIREMENT), ctx);

  it('shows the same fields on the route and on the site', () => {
    expect(guide).toBeDefined();
    expect(stage?.guide).not.toBeNull();
    expect(pick(stage?.guide as object, SHARED)).toEqual(pick(site, SHARED));
  });

  it('shows each material the same way, each view adding its own', () => {
    const routeMaterials = ((stage?.guide as { materials: object[] }).materials ?? []).map((m) => pick(m, MATERIAL));
    const siteMaterials = ((site as { materials: object[] | null }).materials ?? []).map((m) => pick(m, MATERIAL));
    expect(siteMaterials.length).toBeGreaterThan(0);
    // The route shows the materials that apply to the answers: every one of them is the site's too.
    for (const m of routeMaterials) expect(siteMaterials).toContainEqual(m);
  });
});

describe('routeForAnswers', () => {
  const space = answerSpace(itemOf(nav, RETIREMENT), nav.units);

  it('names each problem under answers', () => {
    const answered = routeForAnswers(space, { retirement_type: 'sideways' }, nav.departments);
    expect('problems' in answered && answered.problems.map((p) => p.path)).toEqual([['answers', 'retirement_type']]);
  });

  it('lists the guides the route shows: its stages whose handler is known', () => {
    const answered = routeForAnswers(space, { retirement_type: 'normal', enterprise_type: 'domestic', enterprise_location: JIAOZHOU }, nav.departments);
    expect('guides' in answered && answered.guides).toEqual([
      { stageKey: 'district-review', unitCode: JIAOZHOU },
      { stageKey: 'city-approval', unitCode: '370200000000' },
    ]);
  });
});
