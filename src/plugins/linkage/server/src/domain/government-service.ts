// schema.org GovernmentService JSON-LD for a page, built by the server (never by template text:
// escaped template output would corrupt it, and raw output would reopen </script> injection).
import type { SiteItemView } from './site-views';

export function governmentServices(view: SiteItemView, pageUrl: string): object[] {
  const area = { '@type': 'AdministrativeArea', name: view.site.unit.name, identifier: view.site.unit.code };
  const base = { '@context': 'https://schema.org', '@type': 'GovernmentService', serviceType: view.item.title, areaServed: area };
  if (view.ownGuides.length === 0) {
    return [{ ...base, name: view.item.title, description: view.item.summary, url: pageUrl, provider: { '@type': 'GovernmentOrganization', name: view.item.managingDepartment } }];
  }
  return view.ownGuides.map((entry) => ({
    ...base,
    name: `${view.item.title} · ${entry.stage.name}`,
    description: view.item.summary,
    url: `${pageUrl}#${entry.anchor}`,
    provider: {
      '@type': 'GovernmentOrganization',
      name: entry.department?.name ?? view.site.unit.name,
      identifier: entry.department?.code,
      ...(entry.department?.phone ? { telephone: entry.department.phone } : {}),
      ...(entry.department?.address ? { address: entry.department.address } : {}),
    },
  }));
}

/** A `<script type="application/ld+json">` whose text cannot close the script element. */
export const jsonLdScript = (data: object[]): string =>
  `<script type="application/ld+json">${JSON.stringify(data.length === 1 ? data[0] : data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')}</script>`;
