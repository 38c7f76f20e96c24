// schema.org nodes for what the sites offer, in one locale, each named by its @id
// (domain/linked-data-ids.ts) so that every page and both languages speak of the same things: a
// linked item as a whole (the managing unit's GovernmentService), a stage as the service one unit
// provides, the department that provides it (GovernmentOrganization) and the area served
// (AdministrativeArea, named for the area, not the committee: domain/area-names.ts). Built by the
// server, never by template text (escaped template output would corrupt it, and raw output would
// reopen </script> injection); domain/page-head.ts writes it into the page.
import { areaName } from './area-names';
import type { CatalogItem } from './catalog-format';
import type { Lookup } from './catalog-views';
import { areaIri, departmentIri, itemIri, publicUrl, serviceIri, unitIri } from './linked-data-ids';
import { guidePageUrl, itemPageUrl, type LinkContext } from './links';
import { textIn } from './vocabulary';

/** A JSON-LD node (schema.org terms, plain JSON values). */
export type JsonLdNode = { readonly '@id': string; readonly '@type': string } & Readonly<Record<string, unknown>>;

export interface LinkedDataContext {
  /** LINKAGE_BASE_URL: where paths the link mode gives are. */
  readonly baseUrl: string;
  readonly locale: string;
  readonly lookup: Lookup;
  readonly links: LinkContext;
}

const slugOf = (item: CatalogItem): string => item.slug ?? item.code;

/** The area a unit serves, named for the area. */
export function areaNode(unitCode: string, ctx: LinkedDataContext): JsonLdNode {
  const unit = ctx.lookup.units.get(unitCode);
  return { '@id': areaIri(ctx.baseUrl, unitCode), '@type': 'AdministrativeArea', name: areaName(textIn(unit?.name, ctx.locale) || unitCode), identifier: unitCode };
}

/** A department as the organisation that provides a service, serving its unit's area. */
export function departmentNode(departmentCode: string, ctx: LinkedDataContext): JsonLdNode {
  const department = ctx.lookup.departments.get(departmentCode);
  const address = textIn(department?.address, ctx.locale);
  return {
    '@id': departmentIri(ctx.baseUrl, departmentCode),
    '@type': 'GovernmentOrganization',
    name: textIn(department?.name, ctx.locale) || departmentCode,
    identifier: departmentCode,
    ...(department?.phone ? { telephone: department.phone } : {}),
    ...(address ? { address } : {}),
    ...(department ? { areaServed: areaNode(department.unit, ctx) } : {}),
  };
}

/** A unit as an organisation: who provides a stage when no department of it is known. */
export const unitOrganizationNode = (unitCode: string, ctx: LinkedDataContext): JsonLdNode => ({
  '@id': unitIri(ctx.baseUrl, unitCode),
  '@type': 'GovernmentOrganization',
  name: textIn(ctx.lookup.units.get(unitCode)?.name, ctx.locale) || unitCode,
  identifier: unitCode,
  areaServed: areaNode(unitCode, ctx),
});

/** The linked item's own @id: on its managing unit's page of it. */
export const itemId = (item: CatalogItem, ctx: LinkedDataContext): string => itemIri(publicUrl(itemPageUrl(item.managingUnit, slugOf(item), ctx.links), ctx.baseUrl));

/** The linked item as a whole: the managing unit's service, provided by the managing department. */
export function itemService(item: CatalogItem, ctx: LinkedDataContext): JsonLdNode {
  const title = textIn(item.title, ctx.locale);
  const summary = textIn(item.summary, ctx.locale);
  return {
    '@id': itemId(item, ctx),
    '@type': 'GovernmentService',
    name: title,
    serviceType: title,
    ...(summary ? { description: summary } : {}),
    url: publicUrl(itemPageUrl(item.managingUnit, slugOf(item), ctx.links), ctx.baseUrl),
    provider: departmentNode(item.managingDepartment, ctx),
    areaServed: areaNode(item.managingUnit, ctx),
  };
}

/**
 * A stage as the service `unitCode` provides, at its guide on that unit's page of the item, related
 * to the item as a whole. `departmentCode`: the department that handles it there (null: none is
 * known, the unit itself provides it; undefined: not said, as on an index page).
 */
export function stageService(item: CatalogItem, stageKey: string, unitCode: string, departmentCode: string | null | undefined, ctx: LinkedDataContext): JsonLdNode {
  const title = textIn(item.title, ctx.locale);
  const summary = textIn(item.summary, ctx.locale);
  const stage = item.stages.find((s) => s.key === stageKey);
  const slug = slugOf(item);
  return {
    '@id': serviceIri(publicUrl(itemPageUrl(unitCode, slug, ctx.links), ctx.baseUrl), stageKey),
    '@type': 'GovernmentService',
    name: `${title} · ${textIn(stage?.name, ctx.locale) || stageKey}`,
    serviceType: title,
    ...(summary ? { description: summary } : {}),
    url: publicUrl(guidePageUrl(unitCode, slug, stageKey, ctx.links), ctx.baseUrl),
    ...(departmentCode === undefined ? {} : { provider: departmentCode === null ? unitOrganizationNode(unitCode, ctx) : departmentNode(departmentCode, ctx) }),
    areaServed: areaNode(unitCode, ctx),
    isRelatedTo: { '@id': itemId(item, ctx), '@type': 'GovernmentService', name: title },
  };
}
