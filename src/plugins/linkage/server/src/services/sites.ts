// Each unit's site: its index and its item pages, as JSON view models and as HTML rendered with the
// city's published templates. Nothing is copied: every page is built from the one published record
// of each fact, on the request after it changes. A preview renders the same pages, uncached, from a
// snapshot with a draft in place and a draft guide among the published ones (services/preview.ts).
import type { Core } from '@strapi/strapi';
import { NotFound, PageUnavailable } from '../domain/failures';
import { guideKey, type CatalogGuide, type CatalogItem, type CatalogUnit } from '../domain/catalog-format';
import type { LinkedDataContext } from '../domain/government-service';
import { answersQuery, itemPageUrl } from '../domain/links';
import { jsonLdScript, linkElements, pageLinks, serverElementsFor, withServerHead, type PageLinks, type ServerElements } from '../domain/page-head';
import { indexPageLinkedData, itemPageLinkedData, routePageLinkedData } from '../domain/page-linked-data';
import { pageData } from '../domain/page-data';
import { refusalPage, type SiteRefusal } from '../domain/refusal-page';
import { asAdminLanguage } from '../domain/admin-language';
import { routeForAnswers } from '../domain/routing';
import { routeView } from '../domain/route-view';
import { ownsStage, takesPart } from '../domain/participation';
import { siteIndexView, siteItemView, type SiteContext } from '../domain/site-views';
import { partialUnitChoices } from '../domain/unit-question-steps';
import { heaviestPages } from '../domain/heaviest-pages';
import type { PageCheck } from '../domain/templates';
import { textIn } from '../domain/vocabulary';
import { inReadContext, type Snapshot } from './published';
import { GUIDE } from '../uids';
import { json, rendered, type Cached, type Rendered } from './render-cache';
import { getService } from '../get-service';
import { RenderStopped } from './renderer';
import { NAVIGATOR_SCRIPT } from '../site-templates/navigator-script';

export const STYLESHEET_PATH = '/sites/assets/site.css';
const HTML = 'text/html; charset=utf-8';
export const NAVIGATOR_SCRIPT_PATH = '/sites/assets/navigator.js';
const navigatorScript = rendered(NAVIGATOR_SCRIPT, 'text/javascript; charset=utf-8');
/** The navigator script's `?v=`: its address changes with its content, so it may be kept for a year. */
export const NAVIGATOR_SCRIPT_FINGERPRINT = navigatorScript.etag.slice(1, 13);
const NAVIGATOR_SCRIPT_TAG = `<script src="${NAVIGATOR_SCRIPT_PATH}?v=${NAVIGATOR_SCRIPT_FINGERPRINT}" defer></script>`;

/** The stylesheet's `?v=`: its address changes with its content, so it may be kept for a year. */
export const stylesheetFingerprint = (stylesheet: Rendered): string => stylesheet.etag.slice(1, 13);

/** What the server writes first in a page's head (domain/page-head.ts). */
interface ServerHead {
  readonly links: PageLinks;
  readonly jsonLd: object;
}

/** How a preview renders a page: with a draft guide in place, and its own addresses. */
export interface PageOptions {
  /** Shown in place of the published guide of the same item, stage and unit. */
  readonly guide?: CatalogGuide;
  /** The preview's address: its page, stylesheet, flow chart and navigator answers are under it. */
  readonly previewBase?: string;
  /** Elements the preview writes first in the head, before the server's (its reload script). */
  readonly head?: readonly string[];
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const published = () => getService(strapi, 'published');
  const navigator = () => getService(strapi, 'navigator');
  const cache = () => getService(strapi, 'render-cache');
  const renderer = () => getService(strapi, 'renderer');
  // Where the public pages are (LINKAGE_BASE_URL): linked data and canonical links are absolute.
  const baseUrl = (): string => String(strapi.config.get('plugin::linkage.baseUrl', 'http://localhost:1337'));
  const linkedData = (snapshot: Snapshot, locale: string): LinkedDataContext => ({
    baseUrl: baseUrl(),
    locale,
    lookup: navigator().lookup(snapshot),
    links: navigator().links(snapshot),
  });
  /** What a page at `url` (as the link mode gives it) carries in its head, its JSON-LD built for its canonical address. */
  const serverHead = (snapshot: Snapshot, url: string, locale: string, jsonLd: (canonical: string, ctx: LinkedDataContext) => object): ServerHead => {
    const links = pageLinks(url, snapshot.locales, locale, baseUrl());
    return { links, jsonLd: jsonLd(links.canonical, linkedData(snapshot, locale)) };
  };

  function unitOf(snapshot: Snapshot, unitCode: string) {
    const unit = snapshot.units.get(unitCode);
    if (!unit) throw new NotFound(`No unit has the code ${unitCode}`, 'unitCode');
    return unit;
  }

  // The media library's files by name, as far as pages have asked, per snapshot: a file added,
  // changed or removed makes a new snapshot (bootstrap.ts), so a page miss reads only names not yet seen.
  const fileUrls = new WeakMap<Snapshot, Map<string, string | null>>();

  async function blankForms(snapshot: Snapshot, guides: Iterable<CatalogGuide>): Promise<Map<string, string>> {
    const names = [...new Set([...guides].flatMap((g) => (g.materials ?? []).map((m) => m.blankForm).filter((n): n is string => Boolean(n))))];
    if (names.length === 0 || !strapi.plugin('upload')) return new Map();
    let known = fileUrls.get(snapshot);
    if (!known) fileUrls.set(snapshot, (known = new Map()));
    const unseen = names.filter((name) => !known.has(name));
    if (unseen.length > 0) {
      const files = (await strapi.db.query('plugin::upload.file').findMany({ where: { name: { $in: unseen } }, select: ['name', 'url'] })) as Array<{ name: string; url: string }>;
      for (const name of unseen) known.set(name, null);
      for (const file of files) known.set(file.name, file.url);
    }
    return new Map(names.flatMap((name) => (known.get(name) ? [[name, known.get(name) as string] as const] : [])));
  }

  const context = (snapshot: Snapshot, locale: string, forms?: Map<string, string>): SiteContext => ({
    units: snapshot.units,
    unitIndex: snapshot.unitIndex,
    lookup: navigator().lookup(snapshot),
    items: [...snapshot.items.values()],
    spec: snapshot.spec,
    locales: snapshot.locales,
    locale,
    links: navigator().links(snapshot),
    blankForms: forms,
    space: (item) => snapshot.space(item.code),
  });

  /** A unit's own published guides (of one item, or all), with a previewed draft in its place. */
  async function unitGuides(unitCode: string, locales: readonly string[], itemCode: string | undefined, draft: CatalogGuide | undefined) {
    const guides = await published().unitGuides(unitCode, locales, itemCode);
    if (draft && draft.unit === unitCode && (!itemCode || draft.item === itemCode)) guides.set(guideKey(draft), draft);
    return guides;
  }

  async function indexView(snapshot: Snapshot, unitCode: string, locale: string, options: PageOptions = {}) {
    unitOf(snapshot, unitCode);
    const guides = await unitGuides(unitCode, snapshot.locales, undefined, options.guide);
    return siteIndexView(unitCode, context(snapshot, locale), [...guides.values()]);
  }

  /** `chosen`: a route page's answers and unit choices so far, which the navigator form shows. */
  async function itemView(snapshot: Snapshot, unitCode: string, slug: string, locale: string, options: PageOptions = {}, chosen: Readonly<Record<string, string>> = {}) {
    const unit = unitOf(snapshot, unitCode);
    const item = navigator().itemBySlug(snapshot, slug);
    const plain = context(snapshot, locale);
    if (!takesPart(item, unitCode, plain)) {
      throw new NotFound(`${textIn(unit.name, locale)} (${unitCode}) handles no stage of ${textIn(item.title, locale)}; see ${itemPageUrl(item.managingUnit, slug, plain.links)}`);
    }
    const guides = await unitGuides(unitCode, snapshot.locales, item.code, options.guide);
    const view = siteItemView(unitCode, item, context(snapshot, locale, await blankForms(snapshot, guides.values())), guides, chosen);
    if (!options.previewBase) return { item, view, guides };
    // A preview's flow chart and navigator are the draft's too.
    const previewed = {
      ...view,
      item: { ...view.item, flowchartUrl: `${options.previewBase}/flowchart.svg?locale=${encodeURIComponent(locale)}` },
      navigator: { ...view.navigator, action: `${options.previewBase}/route` },
    };
    return { item, view: previewed, guides };
  }

  // Page templates that failed with the published set, per snapshot: their pages go straight to
  // the fallback until the templates change (a new snapshot), and each failure is logged once.
  const failures = new WeakMap<Snapshot, Map<string, string>>();
  const failuresOf = (snapshot: Snapshot) => {
    let failed = failures.get(snapshot);
    if (!failed) failures.set(snapshot, (failed = new Map()));
    return failed;
  };

  /**
   * Renders off the event loop within the page budget (services/renderer.ts). A template that
   * fails on this page never reaches a reader: the page is rendered with the last good published
   * set instead (then the plugin's defaults), and the rendered page is cached as any other. A
   * preview renders its own set only, and its failure is the editor's to see (services/preview.ts).
   */
  async function renderPage(snapshot: Snapshot, template: string, data: Record<string, unknown>, where: string, options: PageOptions, server: ServerHead): Promise<Rendered> {
    if (!snapshot.templates.has(template)) throw new NotFound(`The site template "${template}" is not published`);
    // Written by the server first in the head, whatever the template says: the page's canonical and
    // language links, its JSON-LD, and the navigator's script where a unit question is asked level by
    // level (domain/page-head.ts). A template never carries a script, nor these links.
    const head: ServerElements = {
      always: [...(options.head ?? []), ...linkElements(server.links), jsonLdScript(server.jsonLd)],
      withUnitQuestion: [NAVIGATOR_SCRIPT_TAG],
    };
    // The render thread is what a burst of misses queues for: the server writes its head here.
    const page = async (bodies: ReadonlyMap<string, string>): Promise<Rendered> => {
      const html = await renderer().render(bodies, template, data);
      const withHead = withServerHead(html, serverElementsFor(html, head));
      // The render thread refuses such a page first (domain/page-head.ts serverHeadProblem).
      if (withHead === null) throw new Error('the page does not open with its head: the server has nowhere to write its links and linked data');
      return rendered(withHead, HTML);
    };
    if (options.previewBase) return page(snapshot.templateSet.bodies);
    const failed = failuresOf(snapshot);
    const sets = [snapshot.templateSet, ...snapshot.fallbackSets].filter((set) => set.bodies.has(template));
    for (const set of sets) {
      // Checked at each attempt: another page may have found the published set failing meanwhile.
      if (set === snapshot.templateSet && failed.has(template)) continue;
      try {
        return await page(set.bodies);
      } catch (error) {
        if (error instanceof RenderStopped) throw new PageUnavailable(`The page ${where} cannot be shown now: the server is stopping`);
        const reason = (error as Error).message;
        if (set === snapshot.templateSet) {
          failed.set(template, reason);
          strapi.log.error(
            `[linkage] The published site templates failed to render "${template}" for ${where}: ${reason}. Its pages are served with the last good published templates until the templates change.`
          );
        } else {
          strapi.log.warn(`[linkage] The earlier template set ${set.id} failed to render "${template}" for ${where} too: ${reason}`);
        }
      }
    }
    throw new PageUnavailable(`The page ${where} cannot be shown now: its templates fail (see the server log)`);
  }

  /**
   * The catalog's heaviest real pages per level (domain/heaviest-pages.ts), as page checks for a
   * template about to be published, in the default locale.
   */
  async function heavyPageChecks(): Promise<PageCheck[]> {
    const snapshot = await published().snapshot();
    if (snapshot.units.size === 0) return [];
    const locale = snapshot.locales[0] ?? 'zh-Hans';
    const meta = strapi.db.metadata.get(GUIDE);
    const column = (field: string) => (meta.attributes[field] as unknown as { columnName: string }).columnName;
    // In the caller's transaction when there is one (a template's publish): SQLite has one connection.
    const counts = (await inReadContext(strapi, async (knex) =>
      knex(meta.tableName)
        .select({ unitCode: column('unitCode'), itemCode: column('itemCode') })
        .count({ guides: '*' })
        .whereNotNull(column('publishedAt'))
        .where(column('locale'), locale)
        .groupBy(column('unitCode'), column('itemCode'))
    )) as Array<{ unitCode: string; itemCode: string; guides: string | number }>;
    // A unit question offers one level's units under one unit (domain/unit-question-steps.ts): at most the most children any unit has.
    const children = new Map<string, number>();
    for (const u of snapshot.unitIndex.values()) if (u.parentCode) children.set(u.parentCode, (children.get(u.parentCode) ?? 0) + 1);
    const widestStep = Math.max(1, ...children.values());
    const itemLoads = [...snapshot.items.values()].map((item) => ({
      code: item.code,
      weight: item.stages.length + item.questions.reduce((sum, q) => sum + (q.type === 'unit' ? widestStep : q.type === 'choice' ? (q.options ?? []).length : 2), 0),
    }));
    const pages = heaviestPages(
      [...snapshot.units.values()].map((u) => ({ code: u.code, level: u.level })),
      counts.filter((c) => snapshot.items.has(c.itemCode)).map((c) => ({ unitCode: c.unitCode, itemCode: c.itemCode, guides: Number(c.guides) })),
      itemLoads
    );
    const checks: PageCheck[] = [];
    for (const page of pages) {
      const unit = snapshot.units.get(page.unitCode) as CatalogUnit;
      const name = `${textIn(unit.name, locale)} (${unit.code})`;
      if (page.kind === 'index') {
        const view = await indexView(snapshot, page.unitCode, locale);
        checks.push({ page: 'site-index', label: `"site-index" for ${name}`, data: pageData(frame(snapshot, locale, view.site.unit.name, view.site.url), view) });
        continue;
      }
      const item = snapshot.items.get(page.itemCode) as CatalogItem;
      const slug = item.slug ?? item.code;
      const { view } = await itemView(snapshot, page.unitCode, slug, locale);
      if (page.kind === 'item') {
        checks.push({ page: 'item-page', label: `"item-page" for ${name}, ${slug}`, data: pageData(frame(snapshot, locale, view.item.title, view.item.url), view) });
        continue;
      }
      // No guides: this runs in a template's publish, whose transaction holds SQLite's one connection.
      const space = snapshot.space(item.code);
      const answered = routeForAnswers(space, {}, snapshot.departmentsByUnitKind);
      if ('problems' in answered) continue;
      const route = routeView({
        space,
        answers: answered.answers,
        route: answered.route,
        guides: new Map(),
        lookup: navigator().lookup(snapshot),
        spec: snapshot.spec,
        locales: snapshot.locales,
        locale,
        links: navigator().links(snapshot),
      });
      checks.push({
        page: 'route-result',
        label: `"route-result" for ${name}, ${slug}`,
        data: pageData(frame(snapshot, locale, view.item.title, `${view.item.url}/route`), { ...view, route }, {}),
      });
    }
    return checks;
  }

  // The stylesheet's address changes with its content only, so pages' ETags do too.
  const frame = (snapshot: Snapshot, locale: string, title: string, url: string, options: PageOptions = {}) => ({
    title,
    locale,
    locales: snapshot.locales,
    url,
    stylesheet: options.previewBase ? `${options.previewBase}/site.css` : `${STYLESHEET_PATH}?v=${stylesheetFingerprint(stylesheetOf(snapshot))}`,
  });

  async function renderIndex(snapshot: Snapshot, unitCode: string, locale: string, options: PageOptions = {}): Promise<Rendered> {
    const view = await indexView(snapshot, unitCode, locale, options);
    const head = serverHead(snapshot, view.site.url, locale, (canonical, ctx) => indexPageLinkedData(view, snapshot.items, canonical, ctx));
    return renderPage(
      snapshot,
      'site-index',
      pageData(frame(snapshot, locale, view.site.unit.name, options.previewBase ?? view.site.url, options), view),
      view.site.url,
      options,
      head
    );
  }

  async function renderItem(snapshot: Snapshot, unitCode: string, slug: string, locale: string, options: PageOptions = {}): Promise<Rendered> {
    const { item, view } = await itemView(snapshot, unitCode, slug, locale, options);
    const head = serverHead(snapshot, view.item.url, locale, (canonical, ctx) => itemPageLinkedData(view, item, canonical, ctx));
    return renderPage(
      snapshot,
      'item-page',
      pageData(frame(snapshot, locale, view.item.title, options.previewBase ?? view.item.url, options), view),
      view.item.url,
      options,
      head
    );
  }

  async function renderRoute(
    snapshot: Snapshot,
    unitCode: string,
    slug: string,
    raw: Readonly<Record<string, unknown>>,
    locale: string,
    options: PageOptions = {}
  ): Promise<Rendered> {
    // A unit chosen above a question's answer level is a step of the form, not an answer: the page
    // asks the next level under it (domain/unit-question-steps.ts); the route API refuses it.
    const { answers: complete, partial } = partialUnitChoices(raw, navigator().itemBySlug(snapshot, slug), snapshot.unitIndex);
    const chosen = Object.fromEntries(Object.entries({ ...complete, ...partial }).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const { item, view, guides } = await itemView(snapshot, unitCode, slug, locale, options, chosen);
    // Said in the reader's language: the refusal page lists these sentences. The page's own guides are not read twice.
    const { answers, view: result } = await navigator().routeOf(snapshot, item, complete, locale, asAdminLanguage(locale) ?? 'en', options.guide, { unitCode, guides });
    const query = answersQuery(raw);
    const withQuery = (url: string) => (query === '' ? url : `${url}?${query}`);
    const routeUrl = withQuery(`${view.item.url}/route`);
    const head = serverHead(snapshot, routeUrl, locale, (canonical, ctx) => routePageLinkedData(view, result, item, routeUrl, canonical, ctx));
    return renderPage(
      snapshot,
      'route-result',
      pageData(
        frame(snapshot, locale, `${view.item.title}`, options.previewBase ? withQuery(`${options.previewBase}/route`) : routeUrl, options),
        { ...view, route: result },
        answers
      ),
      `${view.item.url}/route`,
      options,
      head
    );
  }

  // Built and hashed once per snapshot: every page names it.
  const stylesheets = new WeakMap<Snapshot, Rendered>();
  const stylesheetOf = (snapshot: Snapshot): Rendered => {
    let stylesheet = stylesheets.get(snapshot);
    if (!stylesheet) {
      const layoutFirst = [...snapshot.templates].sort(([a], [b]) => (a === 'layout' ? -1 : b === 'layout' ? 1 : a.localeCompare(b)));
      stylesheet = rendered(
        layoutFirst
          .map(([, t]) => t.styles)
          .filter(Boolean)
          .join('\n'),
        'text/css; charset=utf-8'
      );
      stylesheets.set(snapshot, stylesheet);
    }
    return stylesheet;
  };

  function refusalFrom(snapshot: Snapshot | null, refusal: SiteRefusal, locale: string): Rendered {
    const { status, html: body } = refusalPage(refusal, {
      units: snapshot?.units ?? new Map(),
      items: snapshot?.items ?? new Map(),
      locale,
      links: snapshot ? navigator().links(snapshot) : { mode: 'local', units: new Map(), localBase: '' },
      stylesheet: snapshot ? `${STYLESHEET_PATH}?v=${stylesheetFingerprint(stylesheetOf(snapshot))}` : STYLESHEET_PATH,
    });
    return rendered(body, HTML, { status });
  }

  const answersOf = (raw: unknown): Record<string, unknown> => (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {});

  return {
    async indexJson(unitCode: string, requestedLocale: unknown): Promise<Cached> {
      const snapshot = await published().snapshot();
      const locale = navigator().localeOf(snapshot, requestedLocale);
      return cache().get(snapshot, `site|${unitCode}|${locale}`, async () => json({ data: await indexView(snapshot, unitCode, locale), meta: { locale } }));
    },

    async itemJson(unitCode: string, slug: string, requestedLocale: unknown): Promise<Cached> {
      const snapshot = await published().snapshot();
      const locale = navigator().localeOf(snapshot, requestedLocale);
      return cache().get(snapshot, `site-item|${unitCode}|${slug}|${locale}`, async () =>
        json({ data: (await itemView(snapshot, unitCode, slug, locale)).view, meta: { locale } })
      );
    },

    async indexPage(unitCode: string, locale: string): Promise<Cached> {
      const snapshot = await published().snapshot();
      return cache().get(snapshot, `page|${unitCode}|${locale}`, () => renderIndex(snapshot, unitCode, locale));
    },

    async itemPage(unitCode: string, slug: string, locale: string): Promise<Cached> {
      const snapshot = await published().snapshot();
      return cache().get(snapshot, `page|${unitCode}|${slug}|${locale}`, () => renderItem(snapshot, unitCode, slug, locale));
    },

    async routePage(unitCode: string, slug: string, rawAnswers: unknown, locale: string): Promise<Cached> {
      const snapshot = await published().snapshot();
      const raw = answersOf(rawAnswers);
      const key = `page-route|${unitCode}|${slug}|${locale}|${JSON.stringify(Object.entries(raw).sort(([a], [b]) => a.localeCompare(b)))}`;
      return cache().get(snapshot, key, () => renderRoute(snapshot, unitCode, slug, raw, locale));
    },

    /** The same pages, uncached, from a given snapshot: for previews (services/preview.ts). */
    renderIndex,
    renderItem,
    renderRoute: (snapshot: Snapshot, unitCode: string, slug: string, rawAnswers: unknown, locale: string, options: PageOptions = {}) =>
      renderRoute(snapshot, unitCode, slug, answersOf(rawAnswers), locale, options),
    stylesheetOf,
    /** Whether the unit's site has a page of the item (the city's has every item's). */
    handlesItem: (snapshot: Snapshot, item: CatalogItem, unitCode: string): boolean => takesPart(item, unitCode, navigator().participation(snapshot)),
    /** Whether the unit's page of the item shows the stage's guide (it handles it for someone). */
    ownsStage: (snapshot: Snapshot, itemCode: string, stageKey: string, unitCode: string): boolean => {
      const item = snapshot.items.get(itemCode);
      return item !== undefined && ownsStage(item, stageKey, unitCode, navigator().participation(snapshot));
    },

    navigatorScript: (): Rendered => navigatorScript,

    async stylesheet(): Promise<Cached> {
      const snapshot = await published().snapshot();
      return cache().get(snapshot, `css`, () => stylesheetOf(snapshot));
    },

    /** The code of the published item with this slug, if any. */
    async itemCodeOf(slug: string): Promise<string | undefined> {
      return (await published().snapshot()).slugs.get(slug);
    },

    heavyPageChecks,

    /** Why a page of a unit's site (of an item, when `slug` is given) is not found. */
    async missing(unitCode: string, slug?: string): Promise<SiteRefusal> {
      const snapshot = await published().snapshot();
      if (!snapshot.units.has(unitCode)) return { kind: 'unknown-unit' };
      if (slug === undefined) return { kind: 'unknown-page', unitCode };
      const itemCode = snapshot.slugs.get(slug);
      return itemCode && snapshot.items.has(itemCode) ? { kind: 'not-handled', unitCode, itemCode } : { kind: 'unknown-item', unitCode };
    },

    /** The page for a refusal, in the reader's language and the sites' look (never cached). */
    async refusal(refusal: SiteRefusal, locale: string): Promise<Rendered> {
      return refusalFrom(await published().snapshot(), refusal, locale);
    },

    /**
     * The page of a site page refused while the database cannot be reached: drawn from the last
     * snapshot built, if any, without reading anything.
     */
    outagePage(locale: string, unitCode?: string): Rendered {
      return refusalFrom(published().lastBuilt()?.snapshot ?? null, { kind: 'unavailable', unitCode }, locale);
    },
  };
};
