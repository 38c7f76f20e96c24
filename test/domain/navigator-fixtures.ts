// Helpers for the navigator's pure tests: the demo catalog as the route, flow chart and catalog
// views expect it (unit index, departments by unit and kind, lookup, guides by guide key, links).
// Expectations are never computed here: only inputs are built.
import { answerSpace, type AnswerSpace } from '../../src/plugins/linkage/server/src/domain/answer-space';
import type { Answers } from '../../src/plugins/linkage/server/src/domain/answers';
import { guideKey, type Catalog, type CatalogGuide, type CatalogItem, type CatalogUnit } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import type { Lookup } from '../../src/plugins/linkage/server/src/domain/catalog-views';
import type { DepartmentFacts } from '../../src/plugins/linkage/server/src/domain/departments';
import { departmentsByUnitKind, type DepartmentsByUnitKind } from '../../src/plugins/linkage/server/src/domain/handlers';
import type { LinkContext, LinkMode } from '../../src/plugins/linkage/server/src/domain/links';
import { routeView } from '../../src/plugins/linkage/server/src/domain/route-view';
import { routeForAnswers, routeItem, type Route } from '../../src/plugins/linkage/server/src/domain/routing';
import { indexUnits, type UnitIndex } from '../../src/plugins/linkage/server/src/domain/unit-tree';
import { DEMO_LOCALES, demoItem, loadDemo, unitFactsOf } from './demo-fixtures';

export const CITY = '370200000000';
export const SHINAN = '370202000000';
export const SHIBEI = '370203000000';
export const JIAOZHOU = '370281000000';
export const PINGDU = '370283000000';
export const LAIXI = '370285000000';
export const FUAN_STREET = '370281001000';
export const BEIGUAN_VILLAGE = '370281001002';
export const CHANGZHOU_ROAD = '370281001001';
export const BADAGUAN_STREET = '370202001000';
export const TAIPINGJIAO = '370202001001';

export const RETIREMENT = 'QD-SI-001';
export const ALLOWANCE = 'QD-CA-001';
export const HOUSING = 'QD-HOUSING-001';
export const MEDICAL = 'QD-MI-001';

export const RETIREMENT_SLUG = 'enterprise-employee-retirement-certification';
export const ALLOWANCE_SLUG = 'minimum-living-allowance';
export const HOUSING_SLUG = 'public-rental-housing';
export const MEDICAL_SLUG = 'resident-medical-insurance-enrolment';

export const departmentFacts = (catalog: Catalog): DepartmentFacts[] => catalog.departments.map((d) => ({ code: d.code, kind: d.kind, unitCode: d.unit }));

/** Everything the navigator's pure functions need, from one catalog. */
export interface Navigator {
  readonly catalog: Catalog;
  readonly units: UnitIndex;
  readonly departments: DepartmentsByUnitKind;
  readonly lookup: Lookup;
  readonly guides: Map<string, CatalogGuide>;
  readonly spec: readonly string[];
  readonly locales: readonly string[];
}

/** Guides by guide key (item/stage/unit), the way route-view reads them. */
export const guidesByKey = (guides: readonly CatalogGuide[]): Map<string, CatalogGuide> => new Map(guides.map((g) => [guideKey(g), g]));

export const lookupOf = (catalog: Catalog): Lookup => ({
  units: new Map(catalog.units.map((u) => [u.code, u])),
  departments: new Map(catalog.departments.map((d) => [d.code, d])),
});

export function navigatorOf(catalog: Catalog = loadDemo()): Navigator {
  return {
    catalog,
    units: indexUnits(unitFactsOf(catalog)),
    departments: departmentsByUnitKind(departmentFacts(catalog)),
    lookup: lookupOf(catalog),
    guides: guidesByKey(catalog.guides),
    spec: catalog.guideSpec?.required ?? [],
    locales: [...DEMO_LOCALES],
  };
}

export const itemOf = (nav: Navigator, code: string): CatalogItem => demoItem(code, nav.catalog);

export const spaceOf = (nav: Navigator, item: CatalogItem | string): AnswerSpace => answerSpace(typeof item === 'string' ? itemOf(nav, item) : item, nav.units);

export const routeOf = (nav: Navigator, item: CatalogItem | string, answers: Answers): Route => routeItem(spaceOf(nav, item), answers, nav.departments);

export const linksOf = (nav: Navigator, mode: LinkMode, localBase = ''): LinkContext => ({
  mode,
  localBase,
  units: new Map(nav.catalog.units.map((u: CatalogUnit) => [u.code, { code: u.code, parent: u.parent, siteUrl: u.siteUrl ?? null }])),
});

/** The route view of an item for raw answers (parsed first; a parse problem throws). */
export function viewOf(
  nav: Navigator,
  item: CatalogItem | string,
  raw: Readonly<Record<string, unknown>>,
  options: { locale?: string; mode?: LinkMode; localBase?: string } = {}
) {
  const it = typeof item === 'string' ? itemOf(nav, item) : item;
  const space = spaceOf(nav, it);
  const answered = routeForAnswers(space, raw, nav.departments);
  if ('problems' in answered) throw new Error(`bad answers: ${JSON.stringify(answered.problems)}`);
  const { answers, route } = answered;
  return routeView({
    space,
    answers,
    route,
    guides: nav.guides,
    lookup: nav.lookup,
    spec: nav.spec,
    locales: nav.locales,
    locale: options.locale ?? 'zh-Hans',
    links: linksOf(nav, options.mode ?? 'local', options.localBase ?? ''),
  });
}

/** A stage as [key, unit, department] (or the handler's kind when it is not resolved). */
export const stageTriples = (route: Route): Array<[string, string, string]> =>
  route.stages.map(({ stage, handler }) =>
    handler.kind === 'resolved' ? [stage.key, handler.unitCode, handler.departmentCode] : [stage.key, handler.kind, handler.kind === 'pending' ? handler.question : handler.reason]
  );
