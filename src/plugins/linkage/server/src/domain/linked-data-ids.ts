// What the linked data calls things, and where. Every address in linked data is absolute: a link the
// link mode gives as a path (LINKAGE_LINKS=local) is taken as under the public base URL
// (LINKAGE_BASE_URL), which may itself have a path (https://zwfw.example/portal). Things that have a
// page are named by their page: a stage a unit handles, `<that unit's page of the item>#service-<stage>`;
// an item, `<its managing unit's page of it>#item`. Things with no page of their own are named under
// `<base>/id/`: an area `<base>/id/areas/<unit code>`, a department `<base>/id/departments/<code>`,
// a unit as an organisation `<base>/id/units/<code>`: the IRIs of the CPSV-AP export (domain/resource-iris.ts).
import { resourceIris } from './resource-iris';

const stem = (baseUrl: string): string => baseUrl.replace(/\/+$/, '');

/** `link` (an absolute http(s) URL, or a path on this app) as an absolute URL, normalised. */
export function publicUrl(link: string, baseUrl: string): string {
  if (/^https?:\/\//i.test(link)) return new URL(link).href;
  return new URL(`${stem(baseUrl)}${link.startsWith('/') ? '' : '/'}${link}`).href;
}

/** The area a unit serves. */
export const areaIri = (baseUrl: string, unitCode: string): string => resourceIris(baseUrl).area(unitCode).iri;

/** A department, as an organisation. */
export const departmentIri = (baseUrl: string, departmentCode: string): string => resourceIris(baseUrl).department(departmentCode).iri;

/** A unit as an organisation (its government or committee): the provider when no department is known. */
export const unitIri = (baseUrl: string, unitCode: string): string => resourceIris(baseUrl).unit(unitCode).iri;

/** A stage as the service one unit provides, on that unit's page of the item (an absolute URL). */
export const serviceIri = (unitItemPageUrl: string, stageKey: string): string => `${withoutFragment(unitItemPageUrl)}#service-${encodeURIComponent(stageKey)}`;

/** A linked item as a whole, on its managing unit's page of it (an absolute URL). */
export const itemIri = (managingItemPageUrl: string): string => `${withoutFragment(managingItemPageUrl)}#item`;

const withoutFragment = (url: string): string => url.replace(/#.*$/, '');
