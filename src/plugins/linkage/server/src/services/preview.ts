// Previews of drafts in Strapi's own preview panel (config/admin.ts `preview.config.handler` asks
// `link` for the address to frame). A draft guide, item or site template is shown exactly as it
// will appear on its unit's site, in the locale edited, through a short-lived link signed with a
// server secret (domain/preview-token.ts): the link is handed only to an admin who may read the
// record, and shows the draft to whoever holds it until it expires, to no one after. Previews are
// rendered from a snapshot with the draft in place, never cached, and published pages never see
// them. Reaching into Strapi: docs/adr/011-preview-links.md.
import type { Core } from '@strapi/strapi';
import { Invalid, NotFound, problemMessages } from '../domain/failures';
import { answerSpace, type AnswerSpace } from '../domain/answer-space';
import type { CatalogItem } from '../domain/catalog-format';
import { guideFromRows, itemFromRows, type GuideRow, type ItemRow } from '../domain/catalog-records';
import { checkPreview, previewSecret, signPreview, type PreviewClaim } from '../domain/preview-token';
import { guidePreviewPage, itemPreviewPage, publicPageUrl, templatePreviewPage, templateSceneOf, type PreviewPage, type TemplateScene } from '../domain/preview-target';
import type { Problem } from '../domain/problems';
import type { SiteRefusal } from '../domain/refusal-page';
import { liquidMessage, templateSetId } from '../domain/templates';
import { GUIDE, ITEM, SITE_TEMPLATE } from '../uids';
import { renderFlowchart } from './navigator';
import type { Snapshot } from './published';
import type { Rendered } from './render-cache';
import type { PageOptions } from './sites';
import { byDocument, type Stored } from './store';
import { getService } from '../get-service';

export const PREVIEW_PATH = '/sites/preview';
/** Reloads a preview when the admin says the document was saved (Strapi posts `strapiUpdate`). */
export const RELOAD_SCRIPT = `${PREVIEW_PATH}/reload.js`;

const PREVIEWED: readonly string[] = [GUIDE, ITEM, SITE_TEMPLATE];
const LOCALIZED: readonly string[] = [GUIDE, ITEM];

export interface PreviewRequest {
  readonly documentId?: string;
  readonly locale?: string | null;
  readonly status?: string;
}

interface PermissionChecker {
  can: { read(entity?: object): boolean };
  cannot: { read(entity?: object): boolean };
}
interface PermissionCheckers {
  create(args: { userAbility: unknown; model: string }): PermissionChecker;
}
interface RequestState {
  state?: { userAbility?: unknown; auth?: { strategy?: { name?: string } } };
}

/** A preview ready to render: the snapshot with the draft in place, the page, the draft guide. */
interface Scene {
  readonly snapshot: Snapshot;
  readonly page: PreviewPage;
  readonly options: PageOptions;
  readonly claim: PreviewClaim;
}

type Opened = { readonly scene: Scene; readonly locale: string } | { readonly refusal: SiteRefusal; readonly locale: string };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const published = () => getService(strapi, 'published');
  const navigator = () => getService(strapi, 'navigator');
  const sites = () => getService(strapi, 'sites');
  const store = () => getService(strapi, 'store');

  let unavailable: string[] | null = null;
  const secret = () =>
    previewSecret(strapi.config.get('plugin::linkage.previewSecret') as string | undefined, (strapi.config.get('server.app.keys') as string[] | undefined) ?? []);
  const ttlSeconds = () => Number(strapi.config.get('plugin::linkage.previewTtlSeconds', 600));
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  /** Whether the admin of the current request may read this row, RBAC conditions and locales included. */
  function mayRead(uid: string, row: object): boolean {
    const ctx = strapi.requestContext.get() as RequestState | undefined;
    const ability = ctx?.state?.userAbility;
    if (!ability || ctx?.state?.auth?.strategy?.name !== 'admin') return false;
    const checker = (strapi.plugin('content-manager').service('permission-checker') as unknown as PermissionCheckers).create({ userAbility: ability, model: uid });
    return checker.can.read() && !checker.cannot.read(row);
  }

  /** The published snapshot with a draft item in its place (its slug, its answer space). */
  function withItem(snapshot: Snapshot, item: CatalogItem): Snapshot {
    const items = new Map(snapshot.items).set(item.code, item);
    const slugs = new Map([...snapshot.slugs].filter(([, code]) => code !== item.code)).set(item.slug ?? item.code, item.code);
    let space: AnswerSpace | null = null;
    return {
      ...snapshot,
      items,
      slugs,
      space: (code: string) => (code === item.code ? (space ??= answerSpace(item, snapshot.unitIndex)) : snapshot.space(code)),
    };
  }

  const slugOf = (snapshot: Snapshot, itemCode: string): string | undefined => {
    const item = snapshot.items.get(itemCode);
    return item ? (item.slug ?? item.code) : undefined;
  };

  /** Loads the draft a claim names and puts it in place; or says why it would not show. */
  async function sceneOf(claim: PreviewClaim, base: string): Promise<Scene | SiteRefusal> {
    const snapshot = await published().snapshot();
    if (claim.uid === GUIDE) {
      const rows = (await store().guides({ documentId: claim.documentId, publishedAt: null })) as Array<Stored<GuideRow>>;
      const group = byDocument(rows, snapshot.locales).get(claim.documentId);
      if (!group) return { kind: 'preview-gone' };
      const guide = guideFromRows(group, 'draft');
      if (!snapshot.items.has(guide.item)) return { kind: 'preview-not-shown', reason: 'item-unpublished', unitCode: guide.unit };
      if (!sites().ownsStage(snapshot, guide.item, guide.stage, guide.unit)) return { kind: 'preview-not-shown', reason: 'not-handled', unitCode: guide.unit };
      return { snapshot, page: guidePreviewPage(guide), options: { guide, previewBase: base }, claim };
    }
    if (claim.uid === ITEM) {
      const rows = (await store().items({ documentId: claim.documentId, publishedAt: null })) as Array<Stored<ItemRow>>;
      const group = byDocument(rows, snapshot.locales).get(claim.documentId);
      if (!group) return { kind: 'preview-gone' };
      const item = itemFromRows(group, 'draft');
      if (!snapshot.units.has(item.managingUnit)) return { kind: 'preview-not-shown', reason: 'broken' };
      return { snapshot: withItem(snapshot, item), page: itemPreviewPage(item), options: { previewBase: base }, claim };
    }
    const row = (await strapi.db.query(SITE_TEMPLATE).findOne({ where: { documentId: claim.documentId, publishedAt: null } })) as {
      key: string;
      body: string;
      styles: string | null;
      version: number | null;
    } | null;
    if (!row) return { kind: 'preview-gone' };
    const templates = new Map(snapshot.templates).set(row.key, { body: row.body, styles: row.styles ?? '', version: row.version ?? 1 });
    const page = templatePreviewPage(row.key, snapshot.units.values(), snapshot.items.values(), { unit: claim.unit, item: claim.item }, (item, unit) =>
      sites().handlesItem(snapshot, item, unit)
    );
    if (!page) return { kind: 'preview-not-shown', reason: 'broken' };
    // Rendered with the draft in the published set and no fallback: a failure is shown, not hidden.
    const bodies = new Map(snapshot.templateSet.bodies).set(row.key, row.body);
    const templateSet = { id: templateSetId(bodies), bodies };
    return { snapshot: { ...snapshot, templates, templateSet, fallbackSets: [] }, page, options: { previewBase: base }, claim };
  }

  /** Checks the token and the locale asked for, and loads what it shows. */
  async function open(token: string, requestedLocale: unknown): Promise<Opened> {
    const { locales } = await published().snapshot();
    const asked = typeof requestedLocale === 'string' && locales.includes(requestedLocale) ? requestedLocale : undefined;
    const key = secret();
    const checked = key && !unavailable ? checkPreview(token, key, nowSeconds()) : ({ ok: false, reason: 'forged' } as const);
    if (!checked.ok) return { refusal: { kind: checked.reason === 'expired' ? 'preview-expired' : 'preview-invalid' }, locale: asked ?? locales[0] };
    const { claim } = checked;
    const locale = claim.locale && locales.includes(claim.locale) ? claim.locale : (asked ?? locales[0]);
    // A link shows the locale it was handed out for: another may be one its holder may not read.
    if (asked && asked !== locale) return { refusal: { kind: 'preview-other-language' }, locale: asked };
    const scene = await sceneOf(claim, `${PREVIEW_PATH}/${token}`);
    return 'kind' in scene ? { refusal: scene, locale } : { scene, locale };
  }

  /** A rendering failure, said as why the draft would not show. */
  function failure(error: unknown, scene: Scene): SiteRefusal {
    if (error instanceof NotFound) return { kind: 'preview-not-shown', reason: 'not-handled', unitCode: scene.page.unitCode };
    if (error instanceof Invalid && scene.page.kind !== 'index') {
      return { kind: 'bad-answers', unitCode: scene.page.unitCode, itemCode: scene.page.itemCode, problems: problemMessages(error) };
    }
    return { kind: 'preview-not-shown', reason: 'broken', unitCode: scene.page.unitCode, detail: liquidMessage(error) };
  }

  // The reload script goes where the JSON-LD goes: first in the head, from the server, not the templates.
  const RELOAD_TAG = `<script src="${RELOAD_SCRIPT}"></script>`;

  async function render(token: string, requestedLocale: unknown, draw: (scene: Scene, locale: string) => Promise<Rendered>): Promise<Rendered> {
    const opened = await open(token, requestedLocale);
    if ('refusal' in opened) return sites().refusal(opened.refusal, opened.locale);
    const { scene } = opened;
    try {
      return await draw({ ...scene, options: { ...scene.options, head: [RELOAD_TAG] } }, opened.locale);
    } catch (error) {
      return sites().refusal(failure(error, opened.scene), opened.locale);
    }
  }

  return {
    /** Checks that preview links can be signed; previews are off (no link is handed out) if not. */
    selfCheck(): string[] {
      // The Strapi internals a preview relies on are checked with the others at boot (internals/self-checks.ts).
      unavailable = secret() ? null : ['no secret to sign preview links with: set LINKAGE_PREVIEW_SECRET (or APP_KEYS)'];
      return unavailable ?? [];
    },

    /**
     * The address Strapi's preview panel frames for a record, or undefined (no preview): for a
     * draft a signed link, for a published version its public page. Only for an admin who may read
     * the record (the Content Manager's preview route checks no more than that an admin asks).
     */
    async link(uid: string, request: PreviewRequest, now: number = nowSeconds(), scene: TemplateScene = {}): Promise<string | undefined> {
      const key = secret();
      if (unavailable || !key || !PREVIEWED.includes(uid) || !request.documentId) return undefined;
      const snapshot = await published().snapshot();
      const localized = LOCALIZED.includes(uid);
      const locale = localized ? (request.locale && snapshot.locales.includes(request.locale) ? request.locale : snapshot.locales[0]) : null;
      const status = request.status === 'published' ? 'published' : 'draft';
      const where = { documentId: request.documentId, ...(locale ? { locale } : {}) };
      const row = (await strapi.db.query(uid as typeof GUIDE).findOne({ where: { ...where, publishedAt: status === 'published' ? { $notNull: true } : null } })) as Record<
        string,
        unknown
      > | null;
      if (!row) return undefined;
      // A guide's owner is its draft's unit: who may read the draft may preview either version.
      const deciding =
        uid === GUIDE && status === 'published' ? ((await strapi.db.query(GUIDE).findOne({ where: { ...where, publishedAt: null } })) as Record<string, unknown> | null) : row;
      if (!deciding || !mayRead(uid, deciding)) return undefined;
      const page =
        uid === GUIDE
          ? guidePreviewPage({ unit: String(row.unitCode), item: String(row.itemCode), stage: String(row.stageKey) })
          : uid === ITEM
            ? itemPreviewPage({ code: String(row.code), managingUnit: String(row.managingUnitCode) })
            : templatePreviewPage(String(row.key), snapshot.units.values(), snapshot.items.values(), scene, (item, unit) => sites().handlesItem(snapshot, item, unit));
      if (!page) return undefined;
      if (status === 'published') {
        const slug = page.kind === 'index' ? undefined : uid === ITEM ? ((row.slug as string | null) ?? undefined) : slugOf(snapshot, page.itemCode);
        return publicPageUrl(page, slug, locale, { ...navigator().links(snapshot), mode: 'local', localBase: '' }) ?? undefined;
      }
      const chosen = uid === SITE_TEMPLATE ? { ...(scene.unit ? { unit: scene.unit } : {}), ...(scene.item ? { item: scene.item } : {}) } : {};
      const token = signPreview({ uid, documentId: request.documentId, locale, expires: now + ttlSeconds(), ...chosen }, key);
      return `${PREVIEW_PATH}/${token}${page.kind === 'item' && page.anchor ? `#${page.anchor}` : ''}`;
    },

    /**
     * A link to a draft site template on the page of the unit and item an editor chose, in the
     * language chosen; problems when the choice is not in the published catalog.
     */
    async templateLink(documentId: string, input: Readonly<Record<string, unknown>>): Promise<{ readonly url: string | undefined } | { readonly problems: readonly Problem[] }> {
      const snapshot = await published().snapshot();
      const chosen = templateSceneOf(input, snapshot.units, snapshot.items, snapshot.locales);
      if ('problems' in chosen) return chosen;
      const link = await this.link(SITE_TEMPLATE, { documentId, status: 'draft' }, nowSeconds(), chosen.scene);
      return { url: link && chosen.locale ? `${link}?locale=${encodeURIComponent(chosen.locale)}` : link };
    },

    /** The previewed page (a signed link's address). */
    page: (token: string, requestedLocale: unknown): Promise<Rendered> =>
      render(token, requestedLocale, async ({ snapshot, page, options }, locale) => {
        if (page.kind === 'index') return sites().renderIndex(snapshot, page.unitCode, locale, options);
        const slug = slugOf(snapshot, page.itemCode) ?? page.itemCode;
        if (page.kind === 'route') return sites().renderRoute(snapshot, page.unitCode, slug, {}, locale, options);
        return sites().renderItem(snapshot, page.unitCode, slug, locale, options);
      }),

    /** The navigator's answer within the preview (its form's target). */
    route: (token: string, answers: unknown, requestedLocale: unknown): Promise<Rendered> =>
      render(token, requestedLocale, async ({ snapshot, page, options }, locale) => {
        if (page.kind === 'index') return sites().renderIndex(snapshot, page.unitCode, locale, options);
        return sites().renderRoute(snapshot, page.unitCode, slugOf(snapshot, page.itemCode) ?? page.itemCode, answers, locale, options);
      }),

    /** The stylesheet the previewed page names: the draft template's styles when one is previewed. */
    async stylesheet(token: string): Promise<Rendered> {
      const opened = await open(token, undefined);
      if ('refusal' in opened) return sites().refusal(opened.refusal, opened.locale);
      return sites().stylesheetOf(opened.scene.snapshot);
    },

    /** The flow chart the previewed page shows: the draft item's when an item is previewed. */
    async flowchart(token: string, requestedLocale: unknown): Promise<Rendered> {
      const opened = await open(token, requestedLocale);
      if ('refusal' in opened) return sites().refusal(opened.refusal, opened.locale);
      const { snapshot, page } = opened.scene;
      if (page.kind === 'index') return sites().refusal({ kind: 'unknown-page' }, opened.locale);
      try {
        return renderFlowchart(snapshot.space(page.itemCode), snapshot.locales, 'svg', opened.locale);
      } catch (error) {
        return sites().refusal(failure(error, opened.scene), opened.locale);
      }
    },
  };
};
