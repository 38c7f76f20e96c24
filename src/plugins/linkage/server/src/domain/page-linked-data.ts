// The JSON-LD of each site page, in the page's locale: the page itself (its @id and url its canonical
// address), its BreadcrumbList (the city down to the page, as the page's own breadcrumb shows it) and
// what it is about, by the nodes of domain/government-service.ts:
//   a unit's index   CollectionPage about the unit's area; an ItemList of the services it lists:
//                    per item, the unit's own stages (the item itself where it handles none)
//   an item page     WebPage whose main entity is the item; about the unit's own stages' services
//   a route page     WebPage about the item; an ItemList of the route's stages, in order, each the
//                    service of the unit and department that handle it for these answers
import type { CatalogItem } from './catalog-format';
import { areaNode, itemService, stageService, type JsonLdNode, type LinkedDataContext } from './government-service';
import { publicUrl } from './linked-data-ids';
import { pageUrlIn } from './links';
import type { RouteView } from './route-view';
import { siteStrings } from './site-strings';
import type { SiteIndexView, SiteItemView } from './site-views';

/** A page as the breadcrumb names it: its URL as the link mode gives it, without a locale. */
interface Crumb {
  readonly name: string;
  readonly url: string;
}

const SCHEMA_ORG = 'https://schema.org';

function breadcrumbList(crumbs: readonly Crumb[], canonical: string, pageType: string, ctx: LinkedDataContext): JsonLdNode {
  return {
    '@id': `${canonical}#breadcrumb`,
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, i) => {
      const url = publicUrl(pageUrlIn(crumb.url, ctx.locale), ctx.baseUrl);
      return {
        '@id': `${canonical}#breadcrumb-${i + 1}`,
        '@type': 'ListItem',
        position: i + 1,
        name: crumb.name,
        item: { '@id': url, '@type': i === crumbs.length - 1 ? pageType : 'WebPage', url, name: crumb.name },
      };
    }),
  };
}

function itemList(id: string, nodes: readonly JsonLdNode[]): JsonLdNode {
  return {
    '@id': id,
    '@type': 'ItemList',
    numberOfItems: nodes.length,
    itemListElement: nodes.map((item, i) => ({ '@id': `${id}-${i + 1}`, '@type': 'ListItem', position: i + 1, item })),
  };
}

interface PageNode {
  readonly type: 'WebPage' | 'CollectionPage';
  readonly canonical: string;
  readonly name: string;
  readonly crumbs: readonly Crumb[];
  readonly properties: Readonly<Record<string, unknown>>;
}

const page = (p: PageNode, ctx: LinkedDataContext): object => ({
  '@context': SCHEMA_ORG,
  '@id': p.canonical,
  '@type': p.type,
  url: p.canonical,
  name: p.name,
  inLanguage: ctx.locale,
  breadcrumb: breadcrumbList(p.crumbs, p.canonical, p.type, ctx),
  ...p.properties,
});

const siteCrumbs = (site: SiteIndexView['site']): Crumb[] => [...site.ancestors.map((a) => ({ name: a.name, url: a.url })), { name: site.unit.name, url: site.url }];

/** A unit's index. `items`: the published items by code. */
export function indexPageLinkedData(view: SiteIndexView, items: ReadonlyMap<string, CatalogItem>, canonical: string, ctx: LinkedDataContext): object {
  const unitCode = view.site.unit.code;
  const services = view.items.flatMap((listed) => {
    const item = items.get(listed.code);
    if (!item) return [];
    return listed.stages.length > 0 ? listed.stages.map((s) => stageService(item, s.key, unitCode, undefined, ctx)) : [itemService(item, ctx)];
  });
  return page(
    {
      type: 'CollectionPage',
      canonical,
      name: view.site.unit.name,
      crumbs: siteCrumbs(view.site),
      properties: { about: areaNode(unitCode, ctx), mainEntity: itemList(`${canonical}#services`, services) },
    },
    ctx
  );
}

const itemCrumbs = (view: SiteItemView): Crumb[] => [...siteCrumbs(view.site), { name: view.item.title, url: view.item.url }];

/** The services a unit's page of an item offers: its own stages, each by the department that handles it there. */
const ownServices = (view: SiteItemView, item: CatalogItem, ctx: LinkedDataContext): JsonLdNode[] =>
  view.ownGuides.map((entry) => stageService(item, entry.stage.key, view.site.unit.code, entry.department?.code ?? null, ctx));

/** A unit's page of an item. */
export function itemPageLinkedData(view: SiteItemView, item: CatalogItem, canonical: string, ctx: LinkedDataContext): object {
  const own = ownServices(view, item, ctx);
  return page(
    {
      type: 'WebPage',
      canonical,
      name: view.item.title,
      crumbs: itemCrumbs(view),
      properties: { mainEntity: itemService(item, ctx), ...(own.length > 0 ? { about: own } : {}) },
    },
    ctx
  );
}

/** A route page: `routeUrl` is its URL as the link mode gives it, with the answers' query. */
export function routePageLinkedData(view: SiteItemView, route: RouteView, item: CatalogItem, routeUrl: string, canonical: string, ctx: LinkedDataContext): object {
  const routeName = siteStrings(ctx.locale).route;
  // A stage whose handler the answers do not settle yet is no one's service: it is left out.
  const stages = route.stages.flatMap((s) => (s.handler ? [stageService(item, s.key, s.handler.unit.code, s.handler.department.code, ctx)] : []));
  return page(
    {
      type: 'WebPage',
      canonical,
      name: `${view.item.title} · ${routeName}`,
      crumbs: [...itemCrumbs(view), { name: routeName, url: routeUrl }],
      properties: { about: itemService(item, ctx), mainEntity: itemList(`${canonical}#route`, stages) },
    },
    ctx
  );
}
