// The page a reader gets when a site page cannot be shown: an unknown unit, item or page, an item
// the unit does not handle, answers to give again, a preview link that no longer works, or a page
// that failed. In the reader's language, with the site's look (its stylesheet and header), saying
// what happened in words and linking back to where the reader can go on. Written here rather than
// in the city's templates: a broken template may be why the page failed.
import type { CatalogItem, CatalogUnit } from './catalog-format';
import { itemPageUrl, unitPageUrl, type LinkContext } from './links';
import { fill, siteName, siteStrings } from './site-strings';
import { textIn } from './vocabulary';

export type SiteRefusal =
  | { readonly kind: 'unknown-unit' }
  | { readonly kind: 'unknown-page'; readonly unitCode?: string }
  | { readonly kind: 'unknown-item'; readonly unitCode: string }
  | { readonly kind: 'not-handled'; readonly unitCode: string; readonly itemCode: string }
  /** `problems` are sentences in the reader's language. */
  | { readonly kind: 'bad-answers'; readonly unitCode: string; readonly itemCode: string; readonly problems: readonly string[] }
  /** Parameters the page does not take, or given twice; `cleanUrl`: the same page without them. */
  | { readonly kind: 'bad-address'; readonly unitCode?: string; readonly problems: readonly string[]; readonly cleanUrl: string }
  | { readonly kind: 'unavailable'; readonly unitCode?: string }
  | { readonly kind: 'preview-expired' | 'preview-invalid' | 'preview-gone' | 'preview-other-language' }
  /** A draft that would not appear on the site, and why (`detail`: what broke, for the editor). */
  | { readonly kind: 'preview-not-shown'; readonly reason: 'item-unpublished' | 'not-handled' | 'broken'; readonly unitCode?: string; readonly detail?: string };

export interface RefusalContext {
  readonly units: ReadonlyMap<string, CatalogUnit>;
  readonly items: ReadonlyMap<string, CatalogItem>;
  readonly locale: string;
  readonly links: LinkContext;
  readonly stylesheet: string;
}

export interface RefusalPage {
  readonly status: number;
  readonly html: string;
}

const STATUS: Readonly<Record<SiteRefusal['kind'], number>> = {
  'unknown-unit': 404,
  'unknown-page': 404,
  'unknown-item': 404,
  'not-handled': 404,
  'bad-answers': 400,
  'bad-address': 400,
  // Failed now, may work later (a template fixed, a fault passed).
  unavailable: 503,
  'preview-expired': 403,
  'preview-invalid': 403,
  'preview-other-language': 403,
  'preview-gone': 404,
  // The truthful preview of a draft that will not appear: a page saying so.
  'preview-not-shown': 200,
};

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The city a unit lies in (or the first city, for a unit not known). */
function cityOf(unitCode: string | undefined, units: ReadonlyMap<string, CatalogUnit>): CatalogUnit | undefined {
  let unit = unitCode ? units.get(unitCode) : undefined;
  const seen = new Set<string>();
  while (unit && unit.level !== 'city' && unit.parent && !seen.has(unit.code)) {
    seen.add(unit.code);
    unit = units.get(unit.parent);
  }
  if (unit?.level === 'city') return unit;
  return [...units.values()].filter((u) => u.level === 'city').sort((a, b) => a.code.localeCompare(b.code))[0];
}

export function refusalPage(refusal: SiteRefusal, ctx: RefusalContext): RefusalPage {
  const { locale, links } = ctx;
  const t = siteStrings(locale);
  const withLocale = (url: string) => `${url}${url.includes('?') ? '&' : '?'}locale=${encodeURIComponent(locale)}`;
  const unitCode = 'unitCode' in refusal ? refusal.unitCode : undefined;
  const unit = unitCode ? ctx.units.get(unitCode) : undefined;
  const city = cityOf(unitCode, ctx.units);
  const site = unit ?? city;
  const unitName = (u: CatalogUnit) => textIn(u.name, locale);
  const home = (u: CatalogUnit) => ({ label: fill(t.goHome, { site: siteName(unitName(u), locale) }), url: withLocale(unitPageUrl(u.code, links)) });
  const item = 'itemCode' in refusal ? ctx.items.get(refusal.itemCode) : undefined;
  const itemSlug = item ? (item.slug ?? item.code) : undefined;

  let message: string;
  let details: readonly string[] = [];
  const ways: Array<{ label: string; url: string }> = [];
  switch (refusal.kind) {
    case 'unknown-unit':
      message = t.unknownUnit;
      break;
    case 'unknown-page':
      message = t.unknownPage;
      break;
    case 'unknown-item':
      message = t.unknownItem;
      break;
    case 'not-handled':
      message = fill(t.notHandled, { unit: unit ? unitName(unit) : '', item: item ? textIn(item.title, locale) : '' });
      if (item && itemSlug) ways.push({ label: t.seeOnCitySite, url: withLocale(itemPageUrl(item.managingUnit, itemSlug, links)) });
      break;
    case 'bad-answers':
      message = t.badAnswers;
      details = refusal.problems;
      if (itemSlug) ways.push({ label: t.backToQuestions, url: withLocale(itemPageUrl(refusal.unitCode, itemSlug, links)) });
      break;
    case 'bad-address':
      message = t.badAddress;
      details = refusal.problems;
      ways.push({ label: t.openWithoutThem, url: refusal.cleanUrl });
      break;
    case 'unavailable':
      message = t.unavailable;
      break;
    case 'preview-expired':
      message = t.previewExpired;
      break;
    case 'preview-invalid':
      message = t.previewInvalid;
      break;
    case 'preview-gone':
      message = t.previewGone;
      break;
    case 'preview-other-language':
      message = t.previewOtherLanguage;
      break;
    case 'preview-not-shown':
      message = t.previewNotShown;
      details = [
        refusal.reason === 'item-unpublished'
          ? t.previewItemUnpublished
          : refusal.reason === 'not-handled'
            ? fill(t.previewNotHandled, { unit: unit ? unitName(unit) : '' })
            : t.previewBroken,
      ];
      if (refusal.detail) details = [...details, refusal.detail];
      break;
  }
  // The reader can always go on from the site's home page, and from the city's.
  if (!refusal.kind.startsWith('preview-')) {
    if (unit) ways.push(home(unit));
    if (city && city !== unit) ways.push(home(city));
  }

  const title = site ? siteName(unitName(site), locale) : t.errorTitle;
  const header = site
    ? `<header class="site-header"><p class="site-name"><a href="${escapeHtml(withLocale(unitPageUrl(site.code, links)))}">${escapeHtml(title)}</a></p></header>`
    : '<header class="site-header"></header>';
  const list = details.length > 0 ? `<ul class="problems">${details.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>` : '';
  const wayList = ways.length > 0 ? `<ul class="ways">${ways.map((w) => `<li><a href="${escapeHtml(w.url)}">${escapeHtml(w.label)}</a></li>`).join('')}</ul>` : '';
  const html = `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(t.errorTitle)} · ${escapeHtml(title)}</title>
<link rel="stylesheet" href="${escapeHtml(ctx.stylesheet)}">
</head>
<body>
${header}
<main id="main" class="refusal">
<h1>${escapeHtml(t.errorTitle)}</h1>
<p class="notice">${escapeHtml(message)}</p>
${list}${wayList}
</main>
</body>
</html>
`;
  return { status: STATUS[refusal.kind], html };
}
