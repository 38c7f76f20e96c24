// Each unit's site: its index and its item pages, as JSON view models and as HTML rendered with the
// city's published templates. Nothing is copied: every page is built from the one published record
// of each fact, on the request after it changes.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { parseAnswers } from '../domain/answers';
import type { CatalogGuide } from '../domain/catalog-format';
import { governmentServices, jsonLdScript } from '../domain/government-service';
import { itemPageUrl, unitPageUrl } from '../domain/links';
import { pageData } from '../domain/page-data';
import { problem } from '../domain/problems';
import { refusalPage, type SiteRefusal } from '../domain/refusal-page';
import { asAdminLanguage } from '../domain/admin-language';
import { routeItem } from '../domain/routing';
import { routeView } from '../domain/route-view';
import { handlesStage, siteIndexView, siteItemView, type SiteContext } from '../domain/site-views';
import type { Liquid } from 'liquidjs';
import { templateEngine } from '../domain/templates';
import { textIn } from '../domain/vocabulary';
import { validationError } from '../document-service/validation-error';
import type { Snapshot } from './published';
import { json, rendered, type Rendered } from './render-cache';

type PublishedService = ReturnType<typeof import('./published').default>;
type NavigatorService = ReturnType<typeof import('./navigator').default>;
type RenderCacheService = ReturnType<typeof import('./render-cache').default>;

export const STYLESHEET_PATH = '/sites/assets/site.css';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const published = () => strapi.plugin('linkage').service('published') as PublishedService;
  const navigator = () => strapi.plugin('linkage').service('navigator') as NavigatorService;
  const cache = () => strapi.plugin('linkage').service('render-cache') as RenderCacheService;

  function unitOf(snapshot: Snapshot, unitCode: string) {
    const unit = snapshot.units.get(unitCode);
    if (!unit) throw new errors.NotFoundError(`No unit has the code ${unitCode}`);
    return unit;
  }

  async function blankForms(guides: Iterable<CatalogGuide>): Promise<Map<string, string>> {
    const names = [...new Set([...guides].flatMap((g) => (g.materials ?? []).map((m) => m.blankForm).filter((n): n is string => Boolean(n))))];
    if (names.length === 0 || !strapi.plugin('upload')) return new Map();
    const files = (await strapi.db.query('plugin::upload.file').findMany({ where: { name: { $in: names } }, select: ['name', 'url'] })) as Array<{ name: string; url: string }>;
    return new Map(files.map((f) => [f.name, f.url]));
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

  async function indexView(snapshot: Snapshot, unitCode: string, locale: string) {
    unitOf(snapshot, unitCode);
    const guides = await published().unitGuides(unitCode, snapshot.locales);
    return siteIndexView(unitCode, context(snapshot, locale), [...guides.values()]);
  }

  async function itemView(snapshot: Snapshot, unitCode: string, slug: string, locale: string) {
    const unit = unitOf(snapshot, unitCode);
    const item = navigator().itemBySlug(snapshot, slug);
    const plain = context(snapshot, locale);
    if (unit.level !== 'city' && !handlesStage(item, unitCode, plain)) {
      throw new errors.NotFoundError(`${textIn(unit.name, locale)} (${unitCode}) handles no stage of ${textIn(item.title, locale)}; see ${itemPageUrl(item.managingUnit, slug, plain.links)}`);
    }
    const guides = await published().unitGuides(unitCode, snapshot.locales, item.code);
    return { item, view: siteItemView(unitCode, item, context(snapshot, locale, await blankForms(guides.values())), guides) };
  }

  // One engine per published snapshot, so each template is parsed once, not on every page.
  const engines = new WeakMap<Snapshot, Liquid>();
  const engineOf = (snapshot: Snapshot): Liquid => {
    let engine = engines.get(snapshot);
    if (!engine) {
      engine = templateEngine(new Map([...snapshot.templates].map(([key, t]) => [key, t.body])));
      engines.set(snapshot, engine);
    }
    return engine;
  };

  // Rendered synchronously: no filter or tag waits on anything, and a promise per node is what
  // made rendering slow (every promise pays for Strapi's async context tracking).
  async function renderPage(snapshot: Snapshot, template: string, data: Record<string, unknown>, jsonLd: object[] = []): Promise<string> {
    if (!snapshot.templates.has(template)) throw new errors.NotFoundError(`The site template "${template}" is not published`);
    const html = engineOf(snapshot).renderFileSync(template, data) as string;
    return jsonLd.length > 0 ? html.replace('</head>', `${jsonLdScript(jsonLd)}\n</head>`) : html;
  }

  // The stylesheet's address changes with its content only, so pages' ETags do too.
  const frame = (snapshot: Snapshot, locale: string, title: string, url: string) => ({
    title,
    locale,
    locales: snapshot.locales,
    url,
    stylesheet: `${STYLESHEET_PATH}?v=${stylesheetOf(snapshot).etag.slice(1, 13)}`,
  });

  // Built and hashed once per snapshot: every page names it.
  const stylesheets = new WeakMap<Snapshot, Rendered>();
  const stylesheetOf = (snapshot: Snapshot): Rendered => {
    let stylesheet = stylesheets.get(snapshot);
    if (!stylesheet) {
      const layoutFirst = [...snapshot.templates].sort(([a], [b]) => (a === 'layout' ? -1 : b === 'layout' ? 1 : a.localeCompare(b)));
      stylesheet = rendered(layoutFirst.map(([, t]) => t.styles).filter(Boolean).join('\n'), 'text/css; charset=utf-8');
      stylesheets.set(snapshot, stylesheet);
    }
    return stylesheet;
  };

  const html = (body: string) => rendered(body, 'text/html; charset=utf-8');

  return {
    async indexJson(unitCode: string, requestedLocale: unknown): Promise<Rendered> {
      const snapshot = await published().snapshot();
      const locale = navigator().localeOf(snapshot, requestedLocale);
      return cache().get(`${snapshot.generation}|site|${unitCode}|${locale}`, async () => json({ data: await indexView(snapshot, unitCode, locale), meta: { locale } }));
    },

    async itemJson(unitCode: string, slug: string, requestedLocale: unknown): Promise<Rendered> {
      const snapshot = await published().snapshot();
      const locale = navigator().localeOf(snapshot, requestedLocale);
      return cache().get(`${snapshot.generation}|site-item|${unitCode}|${slug}|${locale}`, async () => json({ data: (await itemView(snapshot, unitCode, slug, locale)).view, meta: { locale } }));
    },

    async indexPage(unitCode: string, locale: string): Promise<Rendered> {
      const snapshot = await published().snapshot();
      return cache().get(`${snapshot.generation}|page|${unitCode}|${locale}`, async () => {
        const view = await indexView(snapshot, unitCode, locale);
        return html(await renderPage(snapshot, 'site-index', pageData(frame(snapshot, locale, view.site.unit.name, view.site.url), view)));
      });
    },

    async itemPage(unitCode: string, slug: string, locale: string): Promise<Rendered> {
      const snapshot = await published().snapshot();
      return cache().get(`${snapshot.generation}|page|${unitCode}|${slug}|${locale}`, async () => {
        const { view } = await itemView(snapshot, unitCode, slug, locale);
        return html(await renderPage(snapshot, 'item-page', pageData(frame(snapshot, locale, view.item.title, view.item.url), view), governmentServices(view, view.item.url)));
      });
    },

    async routePage(unitCode: string, slug: string, rawAnswers: unknown, locale: string): Promise<Rendered> {
      const snapshot = await published().snapshot();
      const raw = typeof rawAnswers === 'object' && rawAnswers !== null && !Array.isArray(rawAnswers) ? (rawAnswers as Record<string, unknown>) : {};
      const key = `${snapshot.generation}|page-route|${unitCode}|${slug}|${locale}|${JSON.stringify(Object.entries(raw).sort(([a], [b]) => a.localeCompare(b)))}`;
      return cache().get(key, async () => {
        const { item, view } = await itemView(snapshot, unitCode, slug, locale);
        const { answers, problems } = parseAnswers(raw, item, snapshot.unitIndex);
        // Said in the reader's language: the refusal page lists these sentences.
        if (problems.length > 0) throw validationError(problems.map((p) => problem(['answers', ...p.path], p.message, p.text)), asAdminLanguage(locale) ?? 'en');
        const space = snapshot.space(item.code);
        const route = routeItem(space, answers, snapshot.departmentsByUnitKind);
        const pairs = route.stages.flatMap(({ stage, handler }) => (handler.kind === 'resolved' ? [{ stageKey: stage.key, unitCode: handler.unitCode }] : []));
        const guides = await published().guides(item.code, pairs, snapshot.locales);
        const result = routeView({ space, answers, route, guides, lookup: navigator().lookup(snapshot), spec: snapshot.spec, locales: snapshot.locales, locale, links: navigator().links(snapshot) });
        const query = Object.entries(raw).map(([k, v]) => `answers[${encodeURIComponent(k)}]=${encodeURIComponent(String(v))}`).join('&');
        const url = query === '' ? `${view.item.url}/route` : `${view.item.url}/route?${query}`;
        return html(await renderPage(snapshot, 'route-result', pageData(frame(snapshot, locale, `${view.item.title}`, url), { ...view, route: result }, answers)));
      });
    },

    async stylesheet(): Promise<Rendered> {
      const snapshot = await published().snapshot();
      return cache().get(`${snapshot.generation}|css`, () => stylesheetOf(snapshot));
    },

    /** The code of the published item with this slug, if any. */
    async itemCodeOf(slug: string): Promise<string | undefined> {
      return (await published().snapshot()).slugs.get(slug);
    },

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
      const snapshot = await published().snapshot();
      const { status, html: body } = refusalPage(refusal, {
        units: snapshot.units,
        items: snapshot.items,
        locale,
        links: navigator().links(snapshot),
        stylesheet: `${STYLESHEET_PATH}?v=${stylesheetOf(snapshot).etag.slice(1, 13)}`,
      });
      return rendered(body, 'text/html; charset=utf-8', { status });
    },

    homeUrl: (snapshot: Snapshot, unitCode: string) => unitPageUrl(unitCode, navigator().links(snapshot)),
  };
};
