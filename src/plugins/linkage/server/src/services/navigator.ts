// The public navigator: the unit tree, the item catalog, an item's page data, its route for given
// answers and its flow chart. Answers are served from a cache bounded by bytes and emptied by any
// write to the plugin's records.
import type { Core } from '@strapi/strapi';
import type { AnswerSpace } from '../domain/answer-space';
import type { AdminLanguage } from '../domain/admin-language';
import { guideKey, type CatalogGuide, type CatalogItem } from '../domain/catalog-format';
import { itemSummary, itemView, unitTree, type Lookup, type UnitNode } from '../domain/catalog-views';
import { withStamp, type RecordStamp, type Stamped } from '../domain/record-stamps';
import { flowGraph } from '../domain/flow-graph';
import { flowchartMermaid } from '../domain/flowchart-mermaid';
import { flowchartSvg } from '../domain/flowchart-svg';
import { isLevel, type Level } from '../domain/levels';
import { canonicalLocale } from '../domain/locale-negotiation';
import { guidePageUrl, itemPageUrl, parseLinkMode, unitPageUrl, type LinkContext } from '../domain/links';
import { takesPart, type ParticipationFacts } from '../domain/participation';
import { routeForAnswers } from '../domain/routing';
import { routeView } from '../domain/route-view';
import { textIn } from '../domain/vocabulary';
import { Invalid, NotFound } from '../domain/failures';
import { problem } from '../domain/problems';
import type { Snapshot } from './published';
import { json, rendered, type Cached, type Rendered } from './render-cache';
import { GUIDE } from '../uids';
import { getService } from '../get-service';

export const API_BASE = '/api/linkage';
export const FLOWCHART_FORMATS = ['svg', 'mermaid', 'json'] as const;
export type FlowchartFormat = (typeof FLOWCHART_FORMATS)[number];

export type { Rendered };

export interface ItemFilter {
  domain?: string;
  unit?: string;
  level?: string;
  q?: string;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const published = () => getService(strapi, 'published');
  const cache = () => getService(strapi, 'render-cache');

  const links = (snapshot: Snapshot): LinkContext => ({
    mode: parseLinkMode(process.env.LINKAGE_LINKS),
    units: snapshot.units,
    localBase: String(strapi.config.get('server.url', '') ?? ''),
  });
  const lookup = (snapshot: Snapshot): Lookup => ({ units: snapshot.units, departments: snapshot.departments });
  const participation = (snapshot: Snapshot): ParticipationFacts => ({ unitIndex: snapshot.unitIndex, space: (item) => snapshot.space(item.code) });

  function localeOf(snapshot: Snapshot, requested: unknown): string {
    if (requested === undefined || requested === '') return snapshot.locales[0];
    const locale = canonicalLocale(requested, snapshot.locales);
    if (!locale) throw new Invalid([problem(['locale'], `must be one of ${snapshot.locales.join(', ')}, got ${JSON.stringify(requested)}`)]);
    return locale;
  }

  function itemBySlug(snapshot: Snapshot, slug: string): CatalogItem {
    const code = snapshot.slugs.get(slug);
    const item = code ? snapshot.items.get(code) : undefined;
    if (!item) throw new NotFound(`No published linked item has the slug "${slug}"`, 'slug');
    return item;
  }

  const cached = (snapshot: Snapshot, name: string, render: () => Promise<Rendered> | Rendered): Promise<Cached> => cache().get(snapshot, name, render);

  /**
   * The route of an item for answers as a request gives them, as the navigator API and the sites'
   * route pages show it: one pipeline (domain/routing.ts routeForAnswers), the published guides of
   * the route loaded, a previewed draft guide in its place. Bad answers are Invalid: said in a
   * reader's `language` for a page, else (the API) with the plain reasons API clients match on.
   */
  /**
   * An item's route for these answers. `known`: every guide of the item of one unit, already read
   * (a site page's own guides, a previewed draft among them): the route's guides of that unit are
   * taken from it rather than read again.
   */
  async function routeOf(
    snapshot: Snapshot,
    item: CatalogItem,
    raw: Readonly<Record<string, unknown>>,
    locale: string,
    language?: AdminLanguage,
    draft?: CatalogGuide,
    known?: { readonly unitCode: string; readonly guides: ReadonlyMap<string, CatalogGuide & Stamped> }
  ) {
    const space = snapshot.space(item.code);
    const answered = routeForAnswers(space, raw, snapshot.departmentsByUnitKind);
    if ('problems' in answered) throw new Invalid(language ? answered.problems : answered.problems.map((p) => problem(p.path, p.message)), language);
    const { answers, route } = answered;
    const unread = known ? answered.guides.filter((pair) => pair.unitCode !== known.unitCode) : answered.guides;
    const guides: Map<string, CatalogGuide> = await published().guides(item.code, unread, snapshot.locales);
    for (const pair of answered.guides) {
      if (pair.unitCode !== known?.unitCode) continue;
      const key = guideKey({ item: item.code, stage: pair.stageKey, unit: pair.unitCode });
      const guide = known.guides.get(key);
      if (guide) guides.set(key, guide);
    }
    if (draft && draft.item === item.code && answered.guides.some((g) => g.stageKey === draft.stage && g.unitCode === draft.unit)) guides.set(guideKey(draft), draft);
    const view = routeView({ space, answers, route, guides, lookup: lookup(snapshot), spec: snapshot.spec, locales: snapshot.locales, locale, links: links(snapshot) });
    return { answers, view };
  }

  return {
    localeOf,
    itemBySlug,
    links,
    lookup,
    participation,
    routeOf,

    async units(requestedLocale: unknown): Promise<Cached> {
      const snapshot = await published().snapshot();
      const locale = localeOf(snapshot, requestedLocale);
      const stampUnits = (nodes: UnitNode[]): Array<UnitNode & RecordStamp> =>
        nodes.map((node) => withStamp({ ...node, children: stampUnits(node.children) }, snapshot.stamps.of('unit', node.code, locale)));
      return cached(snapshot, `units|${locale}`, () => json({ data: stampUnits(unitTree([...snapshot.units.values()], locale)), meta: { locale } }));
    },

    async items(filter: ItemFilter, requestedLocale: unknown): Promise<Cached> {
      const snapshot = await published().snapshot();
      const locale = localeOf(snapshot, requestedLocale);
      if (filter.level !== undefined && !isLevel(filter.level)) {
        throw new Invalid([problem(['level'], `must be one of city, district, street, community, got ${JSON.stringify(filter.level)}`)]);
      }
      if (filter.unit !== undefined && !snapshot.unitIndex.has(filter.unit)) throw new Invalid([problem(['unit'], `no unit has the code ${filter.unit}`)]);
      const key = `items|${locale}|${JSON.stringify(filter)}`;
      return cached(snapshot, key, () => {
        const q = filter.q?.trim().toLowerCase();
        const matching = [...snapshot.items.values()]
          .filter((item) => !filter.domain || item.domain === filter.domain)
          .filter((item) => !filter.level || item.stages.some((s) => s.level === (filter.level as Level)))
          .filter((item) => !filter.unit || takesPart(item, filter.unit, participation(snapshot)))
          .filter((item) => !q || Object.values(item.title).some((title) => title.toLowerCase().includes(q)))
          .sort((a, b) => a.code.localeCompare(b.code));
        return json({
          data: matching.map((item) => withStamp(itemSummary(item, locale, links(snapshot)), snapshot.stamps.of('item', item.code, locale))),
          meta: { locale, total: matching.length },
        });
      });
    },

    async item(slug: string, requestedLocale: unknown): Promise<Cached> {
      const snapshot = await published().snapshot();
      const locale = localeOf(snapshot, requestedLocale);
      const item = itemBySlug(snapshot, slug);
      return cached(snapshot, `item|${item.code}|${locale}`, () =>
        json({ data: withStamp(itemView(item, lookup(snapshot), locale, links(snapshot), API_BASE), snapshot.stamps.of('item', item.code, locale)), meta: { locale } })
      );
    },

    async route(slug: string, rawAnswers: unknown, requestedLocale: unknown): Promise<Cached> {
      const snapshot = await published().snapshot();
      const locale = localeOf(snapshot, requestedLocale);
      const item = itemBySlug(snapshot, slug);
      if (rawAnswers !== undefined && (typeof rawAnswers !== 'object' || rawAnswers === null || Array.isArray(rawAnswers))) {
        throw new Invalid([problem(['answers'], 'give answers as answers[question]=value')]);
      }
      const raw = (rawAnswers ?? {}) as Record<string, unknown>;
      const key = `route|${item.code}|${locale}|${JSON.stringify(Object.entries(raw).sort(([a], [b]) => a.localeCompare(b)))}`;
      return cached(snapshot, key, async () => json({ data: (await routeOf(snapshot, item, raw, locale)).view, meta: { locale } }));
    },

    /**
     * What a document id the change feed names is, in public: its type, its code, its dates and
     * where the public API and the sites show it. Only what is published is found.
     */
    async document(documentId: string, requestedLocale: unknown): Promise<Cached> {
      const snapshot = await published().snapshot();
      const locale = localeOf(snapshot, requestedLocale);
      return cached(snapshot, `document|${documentId}|${locale}`, async () => {
        const held = snapshot.stamps.byDocumentId(documentId);
        const ctx = links(snapshot);
        if (held) {
          const stamp = snapshot.stamps.of(held.type, held.code, locale);
          const item = held.type === 'item' ? snapshot.items.get(held.code) : undefined;
          const unitCode = held.type === 'unit' ? held.code : held.type === 'department' ? (snapshot.departments.get(held.code)?.unit ?? null) : null;
          const api = item ? `${API_BASE}/items/${encodeURIComponent(item.slug ?? item.code)}` : unitCode ? `${API_BASE}/sites/${unitCode}` : null;
          const page = item ? itemPageUrl(item.managingUnit, item.slug ?? item.code, ctx) : unitCode ? unitPageUrl(unitCode, ctx) : null;
          return json({ data: withStamp({ type: held.type, code: held.code, api, page }, stamp), meta: { locale } });
        }
        const guide = (await strapi.db.query(GUIDE).findOne({
          where: { documentId, locale, publishedAt: { $notNull: true } },
          select: ['documentId', 'itemCode', 'stageKey', 'unitCode', 'updatedAt', 'publishedAt'],
        })) as { documentId: string; itemCode: string; stageKey: string; unitCode: string; updatedAt: string; publishedAt: string } | null;
        const item = guide ? snapshot.items.get(guide.itemCode) : undefined;
        if (!guide || !item) throw new NotFound(`No published record in ${locale} has the document id "${documentId}"`, 'documentId');
        const slug = item.slug ?? item.code;
        // A guide of a unit the rules no longer give the stage is published but shown nowhere.
        const shown = takesPart(item, guide.unitCode, participation(snapshot));
        return json({
          data: withStamp(
            {
              type: 'guide' as const,
              code: `${guide.itemCode}/${guide.stageKey}/${guide.unitCode}`,
              api: shown ? `${API_BASE}/sites/${guide.unitCode}/items/${encodeURIComponent(slug)}` : null,
              page: shown ? guidePageUrl(guide.unitCode, slug, guide.stageKey, ctx) : null,
            },
            { documentId: guide.documentId, updatedAt: new Date(guide.updatedAt).toISOString(), publishedAt: new Date(guide.publishedAt).toISOString() }
          ),
          meta: { locale },
        });
      });
    },

    async flowchart(slug: string, format: unknown, requestedLocale: unknown): Promise<Cached> {
      const snapshot = await published().snapshot();
      const locale = localeOf(snapshot, requestedLocale);
      const item = itemBySlug(snapshot, slug);
      const chosen = format === undefined || format === '' ? 'svg' : format;
      if (typeof chosen !== 'string' || !(FLOWCHART_FORMATS as readonly string[]).includes(chosen)) {
        throw new Invalid([problem(['format'], `must be one of ${FLOWCHART_FORMATS.join(', ')}, got ${JSON.stringify(format)}`)]);
      }
      return cached(snapshot, `flow|${item.code}|${locale}|${chosen}`, () => renderFlowchart(snapshot.space(item.code), snapshot.locales, chosen as FlowchartFormat, locale));
    },
  };
};

/** A flow chart of an item, published or draft, in a format. */
export function renderFlowchart(space: AnswerSpace, locales: readonly string[], format: FlowchartFormat, locale: string): Rendered {
  const graph = flowGraph(space, locales);
  if (format === 'json') return json({ data: graph, meta: { locale } });
  if (format === 'mermaid') return rendered(flowchartMermaid(graph, locale), 'text/plain; charset=utf-8');
  return rendered(flowchartSvg(graph, locale, textIn(space.item.title, locale)), 'image/svg+xml; charset=utf-8');
}
