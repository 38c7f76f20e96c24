// Which page a preview shows: a guide on its owning unit's page of the item (scrolled to it), an
// item on its managing unit's (the city's) page, and a template on a page that uses it (the city's,
// or the unit's and item's the editor chose).
import type { CatalogGuide, CatalogItem, CatalogUnit } from './catalog-format';
import type { AdminText } from './admin-language';
import { itemPageUrl, unitPageUrl, type LinkContext } from './links';
import { bilingual, problem, type Problem } from './problems';

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

/** The page an editor chose to see a template on: a unit's site, and an item on it. */
export interface TemplateScene {
  readonly unit?: string;
  readonly item?: string;
}

/**
 * A template shows on the city's pages unless the editor chose a unit (and an item): the layout
 * and the index on the unit's index, the route result on a route page, the guide part on the page
 * of an item with a stage at the unit's level (its own guides), any other part on the page of the
 * first item the unit handles. With no such item, the index. `handles` says whether a unit's site
 * has a page of an item; an item chosen is shown anyway (the preview then says the unit has none).
 */
export function templatePreviewPage(
  key: string,
  units: Iterable<CatalogUnit>,
  items: Iterable<CatalogItem>,
  chosen: TemplateScene = {},
  handles: (item: CatalogItem, unitCode: string) => boolean = () => true
): PreviewPage | null {
  const all = [...units];
  const unit = all.find((u) => u.code === chosen.unit) ?? all.filter((u) => u.level === 'city').sort((a, b) => a.code.localeCompare(b.code))[0];
  if (!unit) return null;
  const listed = [...items];
  // An item chosen is shown even where the unit's site has no page of it: the preview says so.
  const sorted = listed.sort((a, b) => a.code.localeCompare(b.code)).filter((i) => handles(i, unit.code));
  const item = listed.find((i) => i.code === chosen.item) ?? (key === 'guide-page' ? (sorted.find((i) => i.stages.some((s) => s.level === unit.level)) ?? sorted[0]) : sorted[0]);
  if (key === 'layout' || key === 'site-index' || !item) return { kind: 'index', unitCode: unit.code };
  if (key === 'route-result') return { kind: 'route', unitCode: unit.code, itemCode: item.code };
  return { kind: 'item', unitCode: unit.code, itemCode: item.code };
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

/**
 * What an editor asked to see a template on, checked against the published catalog: the unit and
 * the item by code, the language among the site's. Problems name the field and say why.
 */
export function templateSceneOf(
  input: Readonly<Record<string, unknown>>,
  units: ReadonlyMap<string, CatalogUnit>,
  items: ReadonlyMap<string, CatalogItem>,
  locales: readonly string[]
): { readonly scene: TemplateScene; readonly locale: string | undefined } | { readonly problems: readonly Problem[] } {
  const problems: Problem[] = [];
  const code = (field: 'unit' | 'item', known: ReadonlyMap<string, unknown>, noun: AdminText): string | undefined => {
    const value = input[field];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') {
      problems.push(problem([field], 'must be a code', bilingual(`the ${noun.en} must be given by its code`, `${noun['zh-Hans']}须以代码给出`)));
      return undefined;
    }
    if (!known.has(value)) {
      problems.push(
        problem(
          [field],
          `no published ${noun.en} has the code ${value}`,
          bilingual(`no published ${noun.en} has the code ${value}: choose one from the list`, `没有代码为 ${value} 的已发布${noun['zh-Hans']}：请从列表中选择`)
        )
      );
      return undefined;
    }
    return value;
  };
  const unit = code('unit', units, bilingual('unit', '单位'));
  const item = code('item', items, bilingual('linked item', '联动事项'));
  const asked = input.locale;
  let locale: string | undefined;
  if (asked !== undefined && asked !== null && asked !== '') {
    if (typeof asked === 'string' && locales.includes(asked)) locale = asked;
    else
      problems.push(
        problem(
          ['locale'],
          `must be one of ${locales.join(', ')}`,
          bilingual(`the language must be one of the site's: ${locales.join(', ')}`, `语言须为网站所用语言之一：${locales.join('、')}`)
        )
      );
  }
  if (problems.length > 0) return { problems };
  return { scene: { ...(unit ? { unit } : {}), ...(item ? { item } : {}) }, locale };
}
