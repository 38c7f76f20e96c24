// Which page a preview shows: a guide on its owning unit's page of the item (scrolled to it), an
// item on its managing unit's (the city's) page, and a template on the city's page that uses it.
import type { CatalogGuide, CatalogItem, CatalogUnit } from './catalog-format';
import { itemPageUrl, unitPageUrl, type LinkContext } from './links';

export type PreviewPage =
  | { readonly kind: 'index'; readonly unitCode: string }
  | { readonly kind: 'item'; readonly unitCode: string; readonly itemCode: string; readonly anchor?: string }
  | { readonly kind: 'route'; readonly unitCode: string; readonly itemCode: string };

export const guidePreviewPage = (guide: Pick<CatalogGuide, 'unit' | 'item' | 'stage'>): PreviewPage => ({
  kind: 'item',
  unitCode: guide.unit,
  itemCode: guide.item,
  anchor: `stage-${guide.stage}`,
});

export const itemPreviewPage = (item: Pick<CatalogItem, 'code' | 'managingUnit'>): PreviewPage => ({ kind: 'item', unitCode: item.managingUnit, itemCode: item.code });

/**
 * A template shows on the city's pages: the layout and the index on its index, the route result on
 * a route page, the guide part on the page of an item with a city stage (the city's own guides),
 * any other part on the page of the first item. With no published item, the index.
 */
export function templatePreviewPage(key: string, units: Iterable<CatalogUnit>, items: Iterable<CatalogItem>): PreviewPage | null {
  const city = [...units].filter((u) => u.level === 'city').sort((a, b) => a.code.localeCompare(b.code))[0];
  if (!city) return null;
  const sorted = [...items].sort((a, b) => a.code.localeCompare(b.code));
  const item = key === 'guide-page' ? (sorted.find((i) => i.stages.some((s) => s.level === 'city')) ?? sorted[0]) : sorted[0];
  if (key === 'layout' || key === 'site-index' || !item) return { kind: 'index', unitCode: city.code };
  if (key === 'route-result') return { kind: 'route', unitCode: city.code, itemCode: item.code };
  return { kind: 'item', unitCode: city.code, itemCode: item.code };
}

/** The public address of the page, for a published version: published pages show it already. */
export function publicPageUrl(page: PreviewPage, slug: string | undefined, locale: string | null, links: LinkContext): string | null {
  const query = locale ? `?locale=${encodeURIComponent(locale)}` : '';
  if (page.kind === 'index') return `${unitPageUrl(page.unitCode, links)}${query}`;
  if (!slug) return null;
  const url = itemPageUrl(page.unitCode, slug, links);
  if (page.kind === 'route') return `${url}/route${query}`;
  return `${url}${query}${page.anchor ? `#${page.anchor}` : ''}`;
}
