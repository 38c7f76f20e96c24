// Where an IRI the catalog mints (domain/resource-iris.ts) is read: `GET {base}/id/…` answers 303 See
// Other to the page that shows the resource to people or, for a client that asks for JSON-LD, to the
// CPSV-AP export that describes it (the item's). The IRIs name things (a department, an area, a unit's
// part in a stage), not documents, so they redirect rather than answer, as "Cool URIs for the Semantic
// Web" (W3C) has it. Only what is published is found.
import type { CatalogDepartment, CatalogItem } from './catalog-format';
import { guidePageUrl, itemPageUrl, unitPageUrl, type LinkContext } from './links';
import type { NamedResource } from './resource-iris';

export interface ResolutionFacts {
  readonly items: ReadonlyMap<string, CatalogItem>;
  readonly departments: ReadonlyMap<string, CatalogDepartment>;
  readonly links: LinkContext;
  /** Whether the unit's page of the item shows the stage's guide. */
  readonly ownsStage: (item: CatalogItem, stageKey: string, unitCode: string) => boolean;
  /** For a guide: whether it is published (the rules may no longer give its unit the stage). */
  readonly guidePublished?: boolean;
}

/** Where to send a reader of the resource: its page, and its linked data when it has its own. */
export type Resolution = { readonly page: string; readonly data: string | null } | { readonly missing: string; readonly parameter: string };

/** The CPSV-AP export of one item (`?item=` takes the code). */
export const itemExportPath = (itemCode: string): string => `/api/linkage/exports/cpsv-ap.jsonld?item=${encodeURIComponent(itemCode)}`;

export function resolveResource(named: NamedResource, facts: ResolutionFacts): Resolution {
  if (named.type === 'department') {
    const department = facts.departments.get(named.department);
    return department ? { page: unitPageUrl(department.unit, facts.links), data: null } : { missing: `no department has the code ${named.department}`, parameter: 'department' };
  }
  if (named.type === 'area' || named.type === 'unit') {
    return facts.links.units.has(named.unit) ? { page: unitPageUrl(named.unit, facts.links), data: null } : { missing: `no unit has the code ${named.unit}`, parameter: 'unit' };
  }
  const item = facts.items.get(named.item);
  if (!item) return { missing: `no published item has the code ${named.item}`, parameter: 'item' };
  const slug = item.slug ?? item.code;
  const data = itemExportPath(item.code);
  if (named.type === 'item') return { page: itemPageUrl(item.managingUnit, slug, facts.links), data };
  if (!item.stages.some((s) => s.key === named.stage)) return { missing: `${item.code} has no stage ${named.stage}`, parameter: 'stage' };
  // The stage's rule: the item's page says who handles the stage (a page anchors only its own guides).
  if (named.type === 'stage') return { page: itemPageUrl(item.managingUnit, slug, facts.links), data };
  if (facts.ownsStage(item, named.stage, named.unit)) return { page: guidePageUrl(named.unit, slug, named.stage, facts.links), data };
  // A published guide no page shows (the rules give its unit the stage no more): its unit's site.
  if (facts.guidePublished && facts.links.units.has(named.unit)) return { page: unitPageUrl(named.unit, facts.links), data };
  return { missing: `the unit ${named.unit} handles no ${named.stage} of ${item.code}`, parameter: 'unit' };
}
