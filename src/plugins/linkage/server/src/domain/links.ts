// Links between unit sites. Every link to a unit's page is built from that unit's site URL; a unit
// with no site is served from its nearest ancestor's. With links in `local` mode (the demo's) they
// point at this app's own rendered pages instead, so the demo is navigable end to end.

import { plainParameters, type ParameterSpec } from './query-parameters';
import { isWebUrl } from './web-urls';

export { isWebUrl };

export type LinkMode = 'local' | 'site';

/** A stored link as a page may offer it, or null when it is not a web link. */
export const webUrlOrNull = (value: unknown): string | null => (isWebUrl(value) ? value.trim() : null);

export interface SiteUnit {
  readonly code: string;
  readonly parent: string | null;
  readonly siteUrl?: string | null;
}

export interface LinkContext {
  readonly mode: LinkMode;
  readonly units: ReadonlyMap<string, SiteUnit>;
  /** Where this app's own pages are (local mode): an origin, or '' for paths. */
  readonly localBase: string;
}

/** The unit whose site shows this unit's pages: itself, or its nearest ancestor with a site. */
export function siteHost(code: string, units: ReadonlyMap<string, SiteUnit>): SiteUnit | null {
  const seen = new Set<string>();
  let current = units.get(code) ?? null;
  while (current && !seen.has(current.code)) {
    if (current.siteUrl) return current;
    seen.add(current.code);
    current = current.parent ? (units.get(current.parent) ?? null) : null;
  }
  return null;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** A unit's home on its site (or on its nearest ancestor's). */
export function unitPageUrl(unitCode: string, ctx: LinkContext): string {
  const local = `${trimSlash(ctx.localBase)}/sites/${unitCode}`;
  if (ctx.mode === 'local') return local;
  const host = siteHost(unitCode, ctx.units);
  if (!host?.siteUrl) return local;
  const base = trimSlash(host.siteUrl);
  return host.code === unitCode ? base : `${base}/units/${unitCode}`;
}

/** The page of an item on a unit's site. */
export const itemPageUrl = (unitCode: string, slug: string, ctx: LinkContext): string => `${unitPageUrl(unitCode, ctx)}/items/${encodeURIComponent(slug)}`;

/** A unit's site page as its address names it: its home, its page of an item, or that page's route for answers. */
export type SitePage =
  | { readonly kind: 'index'; readonly unitCode: string; readonly locale?: string }
  | { readonly kind: 'item'; readonly unitCode: string; readonly slug: string; readonly locale?: string }
  | { readonly kind: 'route'; readonly unitCode: string; readonly slug: string; readonly locale?: string; readonly answers?: Readonly<Record<string, string>> };

/** The query parameters each kind of site page takes (controllers/pages.ts refuses any other). */
export const SITE_PAGE_PARAMETERS: Readonly<Record<SitePage['kind'], ParameterSpec>> = {
  index: { locale: 'one' },
  item: { locale: 'one' },
  route: { locale: 'one', answers: 'map' },
};

// Segments that need no decoding (the router decodes `%`), then the query, if any.
const SITE_PAGE = /^\/sites\/([\w.-]+)(?:\/items\/([\w.-]+)(\/route)?)?(?:\?(.*))?$/;

/**
 * The site page at this request address (path and query, as sent), when the address plainly names
 * it: `/sites/:unitCode`, `/sites/:unitCode/items/:slug` and its `/route`, nothing in the path to
 * decode, and a query of only the parameters the page takes, each plainly given
 * (`plainParameters`). Previews and assets are not unit pages; anything else is null.
 */
export function sitePageAt(url: string): SitePage | null {
  const match = SITE_PAGE.exec(url);
  if (!match) return null;
  const [, unitCode, slug, route, query] = match;
  if (unitCode === 'preview' || unitCode === 'assets' || unitCode === '.' || unitCode === '..' || slug === '.' || slug === '..') return null;
  const kind = slug === undefined ? 'index' : route === undefined ? 'item' : 'route';
  const parameters = plainParameters(query ?? '', SITE_PAGE_PARAMETERS[kind]);
  if (!parameters) return null;
  const locale = parameters.locale as string | undefined;
  const withLocale = locale === undefined ? {} : { locale };
  if (kind === 'index') return { kind, unitCode, ...withLocale };
  if (kind === 'item') return { kind, unitCode, slug, ...withLocale };
  const answers = parameters.answers as Readonly<Record<string, string>> | undefined;
  return { kind, unitCode, slug, ...withLocale, ...(answers === undefined ? {} : { answers }) };
}

/** A stage's guide on its handling unit's page of the item. */
export const guidePageUrl = (unitCode: string, slug: string, stageKey: string, ctx: LinkContext): string => `${itemPageUrl(unitCode, slug, ctx)}#stage-${stageKey}`;

/** A page (its URL as the link mode gives it, with its query) in one locale: how a page links its languages. */
export const pageUrlIn = (url: string, locale: string): string => `${url}${url.includes('?') ? '&' : '?'}locale=${encodeURIComponent(locale)}`;

export const parseLinkMode = (value: string | undefined): LinkMode => (value === 'site' ? 'site' : 'local');

/**
 * Answers as a route page's query string: `answers%5Bkey%5D=value`. The brackets are percent-encoded
 * (an HTML checker refuses them raw in an href; servers read both spellings the same).
 */
export const answersQuery = (answers: Readonly<Record<string, unknown>>): string =>
  Object.entries(answers)
    .map(([key, value]) => `answers%5B${encodeURIComponent(key)}%5D=${encodeURIComponent(String(value))}`)
    .join('&');
