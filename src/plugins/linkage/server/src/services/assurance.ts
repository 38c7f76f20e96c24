// Content assurance as the admin sees it: the coverage of the responsibility rules, one guide's
// completeness and review schedule, and "my guides" (an editor's guides and the guides their units
// are expected to have but lack). Loads through Strapi; every decision is in domain/.
import type { Core } from '@strapi/strapi';
import { denials } from '../domain/denials';
import { enforce, Invalid, Unauthenticated } from '../domain/failures';
import type { CatalogGuide, LocalizedText } from '../domain/catalog-format';
import { guideKey } from '../domain/catalog-format';
import { guideFromRows, type GuideRow } from '../domain/catalog-records';
import { toIsoDate } from '../domain/dates';
import type { ExpectedHandler } from '../domain/expected-handlers';
import { guideAssurance, type GuideAssurance } from '../domain/guide-assurance';
import { attentionCounts, byAttention } from '../domain/guide-attention';
import { publicationState, type PublicationState } from '../domain/guide-content';
import { LEVELS, type Level } from '../domain/levels';
import { problem, type Problem } from '../domain/problems';
import { reviewReadDecision, type ReviewActor } from '../domain/review-access';
import { duplicateRuleProblems, type RuleDraft } from '../domain/responsibility-rules';
import { describeSubject, ruleCoverage, rulesOf, type RuleFacts, type RuleSubject } from '../domain/review-schedule';
import { AUDIT_ENTRY, GUIDE, ITEM, RESPONSIBILITY_RULE, REVIEW, UNIT } from '../uids';
import { getService } from '../get-service';
import type { Snapshot } from './published';
import { byDocument, type ReviewRow, type Stored } from './store';

/** The admin who asks, as the controller hands them over (access/actor.ts): what their reads depend on. */
export type Asker = ReviewActor;

export interface SubjectView extends RuleSubject {
  readonly text: string;
}

export interface CoverageView {
  readonly rules: number;
  readonly ties: ReadonlyArray<{ subject: SubjectView; keys: readonly string[]; message: string }>;
  readonly gaps: readonly SubjectView[];
}

export interface GuideAssuranceView extends GuideAssurance {
  readonly documentId: string;
  readonly key: string;
  readonly itemCode: string;
  readonly stageKey: string;
  readonly unitCode: string;
  readonly departmentCode: string;
  readonly status: PublicationState;
  readonly reviews: number;
}

export interface MyGuideView extends GuideAssuranceView {
  readonly itemTitle: LocalizedText | null;
  readonly stageName: LocalizedText | null;
  readonly unitName: LocalizedText | null;
}

export interface MissingGuideView extends ExpectedHandler {
  readonly itemTitle: LocalizedText | null;
  readonly stageName: LocalizedText | null;
  readonly unitName: LocalizedText | null;
}

export interface RecentChangeView {
  readonly at: string;
  readonly action: string;
  readonly userEmail: string | null;
  readonly subjectUid: string;
  readonly subjectDocumentId: string;
  readonly subjectKey: string;
  /** The guide's title in each locale, for a guide. */
  readonly title: LocalizedText | null;
  readonly unitCode: string | null;
}

export interface MyGuidesView {
  /** Units shown: null for everyone's (a city manager with no unit filter). */
  readonly units: readonly string[] | null;
  readonly guides: readonly MyGuideView[];
  readonly pagination: { page: number; pageSize: number; total: number; pageCount: number };
  /** `attention`: what needs an editor first (domain/guide-attention.ts); `code`: past ATTENTION_LIMIT guides. */
  readonly order: 'attention' | 'code';
  /** Over every guide in scope when ordered by attention, else null. */
  readonly counts: Record<'overdue' | 'incomplete' | 'neverReviewed' | 'unpublished', number> | null;
  readonly missing: readonly MissingGuideView[];
  /** The latest writes to the records of the units in scope. */
  readonly recent: readonly RecentChangeView[];
}

const MAX_PAGE_SIZE = 200;
// Ordering by attention computes every guide's assurance: a unit's or a district's guides, not the
// whole city's (a city manager at Qingdao scale reads the ownership report instead).
const ATTENTION_LIMIT = 2000;
const RECENT_CHANGES = 10;
const today = () => toIsoDate(new Date());
const sameDocument = <T extends { documentId: string }>(rows: T[]): T[] => [...new Map(rows.map((r) => [r.documentId, r])).values()];
const pageNumber = (value: unknown, fallback: number, max: number): number => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => getService(strapi, 'store');
  const published = () => getService(strapi, 'published');
  const locales = () => getService(strapi, 'locales');
  const expectedGuides = () => getService(strapi, 'expected-handlers');

  /** The latest audit entries of these units' records (every unit's for null), guides named by their titles. */
  async function recentChanges(units: readonly string[] | null): Promise<RecentChangeView[]> {
    const entries = (await strapi.db.query(AUDIT_ENTRY).findMany({
      where: units === null ? {} : { unitCode: { $in: [...units] } },
      select: ['at', 'action', 'userEmail', 'subjectUid', 'subjectDocumentId', 'subjectKey', 'unitCode'],
      orderBy: { seq: 'desc' },
      limit: RECENT_CHANGES,
    })) as Array<Omit<RecentChangeView, 'title'>>;
    const guideIds = [...new Set(entries.filter((e) => e.subjectUid === GUIDE).map((e) => e.subjectDocumentId))];
    const titles = new Map<string, Record<string, string>>();
    if (guideIds.length > 0) {
      const rows = (await strapi.db.query(GUIDE).findMany({ where: { documentId: { $in: guideIds }, publishedAt: null }, select: ['documentId', 'locale', 'title'] })) as Array<{
        documentId: string;
        locale: string;
        title: string | null;
      }>;
      for (const row of rows) if (row.title) titles.set(row.documentId, { ...titles.get(row.documentId), [row.locale]: row.title });
    }
    // An entry may name a document that has since been recreated (an import): its key still names the guide.
    const byKey = new Map<string, Record<string, string>>();
    // A review (written as a record of its own by an import) is named by its guide's key.
    const isGuideKey = (e: { subjectUid: string; subjectKey: string }) => (e.subjectUid === GUIDE || e.subjectUid === REVIEW) && e.subjectKey.split('/').length === 3;
    const unnamed = entries.filter((e) => isGuideKey(e) && !titles.has(e.subjectDocumentId));
    if (unnamed.length > 0) {
      const rows = (await strapi.db.query(GUIDE).findMany({
        where: {
          publishedAt: null,
          $or: unnamed.map((e) => {
            const [itemCode, stageKey, unitCode] = e.subjectKey.split('/');
            return { itemCode, stageKey, unitCode };
          }),
        },
        select: ['itemCode', 'stageKey', 'unitCode', 'locale', 'title'],
      })) as Array<{ itemCode: string; stageKey: string; unitCode: string; locale: string; title: string | null }>;
      for (const row of rows) {
        const key = `${row.itemCode}/${row.stageKey}/${row.unitCode}`;
        if (row.title) byKey.set(key, { ...byKey.get(key), [row.locale]: row.title });
      }
    }
    return entries.map((e) => ({
      ...e,
      action: e.subjectUid === REVIEW && e.action === 'create' ? 'review' : e.action,
      title: titles.get(e.subjectDocumentId) ?? byKey.get(e.subjectKey) ?? null,
    }));
  }

  const rules = async (): Promise<RuleFacts[]> => rulesOf(await store().rules());

  /** Every item's domain by code, drafts included: a guide's rule does not wait for its item's publish. */
  async function itemDomains(): Promise<Map<string, string | null>> {
    const rows = (await strapi.db.query(ITEM).findMany({ select: ['code', 'domain'] })) as Array<{ code: string; domain: string | null }>;
    return new Map(rows.map((r) => [r.code, r.domain || null]));
  }

  type GuideRows = Array<Stored<GuideRow> & { createdAt: string }>;

  /** The assurance of each document of `rows` (every locale, draft and published). */
  async function assuranceOf(rows: GuideRows, snapshot: Snapshot, asOf: string): Promise<GuideAssuranceView[]> {
    if (rows.length === 0) return [];
    const [codes, ruleFacts, domains, spec] = await Promise.all([locales().codes(), rules(), itemDomains(), store().guideSpec()]);
    const ids = [...new Set(rows.map((r) => r.documentId))];
    const keys = [...new Set(rows.map((r) => guideKey({ item: r.itemCode, stage: r.stageKey, unit: r.unitCode })))];
    const reviews = (await strapi.db.query('plugin::linkage.review').findMany({
      where: { subjectUid: GUIDE, $or: [{ subjectDocumentId: { $in: ids } }, { subjectKey: { $in: keys } }] },
      select: ['subjectDocumentId', 'subjectKey', 'reviewedAt'],
    })) as Array<Pick<ReviewRow, 'subjectDocumentId' | 'subjectKey' | 'reviewedAt'>>;
    const views: GuideAssuranceView[] = [];
    for (const [documentId, group] of byDocument(rows, codes)) {
      const drafts = group.filter((r) => r.publishedAt === null);
      const pubs = group.filter((r) => r.publishedAt !== null);
      const head = drafts[0] ?? pubs[0];
      const key = guideKey({ item: head.itemCode, stage: head.stageKey, unit: head.unitCode });
      const draft: CatalogGuide | null = drafts.length > 0 ? guideFromRows(drafts, 'draft') : null;
      const pub: CatalogGuide | null = pubs.length > 0 ? guideFromRows(pubs, 'published') : null;
      const assurance = guideAssurance({
        draft,
        published: pub,
        required: spec?.required ?? [],
        locales: codes,
        level: (snapshot.unitIndex.get(head.unitCode)?.level as Level | undefined) ?? null,
        domain: domains.get(head.itemCode) ?? null,
        rules: ruleFacts,
        reviewedAt: reviews.filter((r) => r.subjectDocumentId === documentId || r.subjectKey === key).map((r) => String(r.reviewedAt)),
        createdAt: group.map((r) => new Date(r.createdAt).toISOString()).sort()[0],
        asOf,
      });
      views.push({
        documentId,
        key,
        itemCode: head.itemCode,
        stageKey: head.stageKey,
        unitCode: head.unitCode,
        departmentCode: head.departmentCode,
        status: publicationState(drafts, pubs),
        reviews: reviews.filter((r) => r.subjectDocumentId === documentId || r.subjectKey === key).length,
        ...assurance,
      });
    }
    return views;
  }

  const names = (snapshot: Snapshot, g: { itemCode: string; stageKey: string; unitCode: string }) => {
    const item = snapshot.items.get(g.itemCode);
    return {
      itemTitle: item?.title ?? null,
      stageName: item?.stages.find((s) => s.key === g.stageKey)?.name ?? null,
      unitName: snapshot.units.get(g.unitCode)?.name ?? null,
    };
  };

  function requireActor(actor: Asker | null): Asker {
    if (!actor) throw new Unauthenticated('My guides are those of a signed-in admin user');
    return actor;
  }
  const unitLabels = (codes: ReadonlyArray<string | null>) => getService(strapi, 'unit-labels').of(codes);

  return {
    /** Ties and gaps of the stored rules over the catalog's levels and the domains of its items. */
    async coverage(): Promise<CoverageView> {
      const [ruleFacts, unitRows, domains] = await Promise.all([
        rules(),
        strapi.db.query(UNIT).findMany({ select: ['level'] }) as Promise<Array<{ level: Level }>>,
        itemDomains(),
      ]);
      const present = new Set(unitRows.map((u) => u.level));
      const levels = LEVELS.filter((l) => present.has(l));
      const found = ruleCoverage(ruleFacts, levels, [...new Set([...domains.values()].filter((d): d is string => d !== null))]);
      const subject = (s: RuleSubject): SubjectView => ({ ...s, text: describeSubject(s) });
      return {
        rules: ruleFacts.length,
        ties: found.ties.map((t) => ({
          subject: subject(t.subject),
          keys: t.keys,
          message: `${describeSubject(t.subject)}: rules ${t.keys.join(', ')} are equally specific; ${t.keys[0]} (the stricter) applies`,
        })),
        gaps: found.gaps.map(subject),
      };
    },

    /** A rule written with exactly another's scope, level and domain (the validation path). */
    async ruleDuplicates(action: string, params: { documentId?: string; data?: Record<string, unknown> }): Promise<Problem[]> {
      if (action !== 'create' && action !== 'update' && action !== 'clone') return [];
      const stored = params.documentId
        ? ((await strapi.db.query(RESPONSIBILITY_RULE).findOne({ where: { documentId: params.documentId }, select: ['scope', 'level', 'domain', 'key'] })) as RuleDraft | null)
        : null;
      const candidate: RuleDraft = { ...(stored ?? {}), ...(params.data ?? {}) };
      const selfId = action === 'clone' ? undefined : params.documentId;
      const others = sameDocument(
        (await strapi.db.query(RESPONSIBILITY_RULE).findMany({ select: ['documentId', 'key', 'scope', 'level', 'domain'] })) as Array<{
          documentId: string;
          key: string;
          scope: string;
          level: string | null;
          domain: string | null;
        }>
      ).filter((r) => r.documentId !== selfId);
      return duplicateRuleProblems(candidate, others);
    },

    /** GET /linkage/guides/:documentId/assurance; null when no guide has that documentId. */
    async guide(asker: Asker | null, documentId: string, asOf: string = today()): Promise<GuideAssuranceView | null> {
      const actor = requireActor(asker);
      const rows = (await store().guides({ documentId })) as GuideRows;
      const owner = (rows.find((r) => r.publishedAt === null) ?? rows[0])?.unitCode ?? null;
      if (owner !== null) {
        enforce(reviewReadDecision(actor, 'guide', owner, await unitLabels([owner]), { en: 'its completeness and review dates', 'zh-Hans': '完整性和复核日期' }));
      }
      const [view] = await assuranceOf(rows, await published().snapshot(), asOf);
      return view ?? null;
    },

    /**
     * GET /linkage/my-guides: the current admin's guides (their memberships' scope; city managers
     * every unit's), a page at a time, and the guides their units should have but lack.
     */
    async myGuides(asker: Asker | null, query: { unitCode?: unknown; page?: unknown; pageSize?: unknown }, asOf: string = today()): Promise<MyGuidesView> {
      const actor = requireActor(asker);
      const everyUnit = actor.isSuperAdmin || actor.isCityManager;
      let units: string[] | null = everyUnit ? null : [...actor.scope].sort();
      if (typeof query.unitCode === 'string' && query.unitCode !== '') {
        if (!everyUnit && !actor.scope.has(query.unitCode)) enforce(denials.unitOutside(actor, query.unitCode, await unitLabels([query.unitCode, ...actor.scope])));
        units = [query.unitCode];
      }
      const page = pageNumber(query.page, 1, Number.MAX_SAFE_INTEGER);
      const pageSize = pageNumber(query.pageSize, 50, MAX_PAGE_SIZE);
      const snapshot = await published().snapshot();
      const inScope = units === null ? {} : { unitCode: { $in: units } };
      if (units !== null && units.length === 0) {
        return {
          units,
          guides: [],
          pagination: { page, pageSize, total: 0, pageCount: 0 },
          order: 'attention',
          counts: { overdue: 0, incomplete: 0, neverReviewed: 0, unpublished: 0 },
          missing: [],
          recent: [],
        };
      }
      // A guide is listed once, by its default-locale draft (Strapi keeps a draft beside every published version).
      const heads = { publishedAt: null, locale: await locales().defaultLocale(), ...inScope };
      const total = await strapi.db.query(GUIDE).count({ where: heads });
      const byAttentionOrder = total <= ATTENTION_LIMIT;
      const pageHeads = (await strapi.db.query(GUIDE).findMany({
        where: heads,
        select: ['documentId'],
        orderBy: [{ itemCode: 'asc' }, { stageKey: 'asc' }, { unitCode: 'asc' }],
        ...(byAttentionOrder ? {} : { offset: (page - 1) * pageSize, limit: pageSize }),
      })) as Array<{ documentId: string }>;
      const ids = pageHeads.map((h) => h.documentId);
      const rows = ids.length > 0 ? ((await store().guides({ documentId: { $in: ids } })) as GuideRows) : [];
      const order = new Map(ids.map((id, i) => [id, i]));
      const assured = await assuranceOf(rows, snapshot, asOf);
      const facts = (g: GuideAssuranceView) => ({ ...g, complete: g.completeness.complete });
      const sorted = byAttentionOrder
        ? [...assured].sort((a, b) => byAttention(facts(a), facts(b)))
        : assured.sort((a, b) => (order.get(a.documentId) ?? 0) - (order.get(b.documentId) ?? 0));
      const shown = byAttentionOrder ? sorted.slice((page - 1) * pageSize, page * pageSize) : sorted;
      const guides = shown.map((g) => ({ ...g, ...names(snapshot, g) }));
      const counts = byAttentionOrder ? attentionCounts(assured.map(facts)) : null;

      // Missing: expected by the published items' routing (the expected-handler table, which the
      // ownership report reads too), with no guide (draft or published) at all.
      const wanted = await expectedGuides().ofUnits(units);
      const existing = new Set(
        (
          (await strapi.db.query(GUIDE).findMany({
            where: { publishedAt: null, ...(units === null ? {} : inScope) },
            select: ['itemCode', 'stageKey', 'unitCode'],
          })) as Array<{ itemCode: string; stageKey: string; unitCode: string }>
        ).map((g) => guideKey({ item: g.itemCode, stage: g.stageKey, unit: g.unitCode }))
      );
      const missing = wanted.filter((g) => !existing.has(guideKey({ item: g.itemCode, stage: g.stageKey, unit: g.unitCode }))).map((g) => ({ ...g, ...names(snapshot, g) }));
      const recent = await recentChanges(units);
      return {
        units,
        guides,
        pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) },
        order: byAttentionOrder ? 'attention' : 'code',
        counts,
        missing,
        recent,
      };
    },

    /**
     * POST /linkage/my-guides/missing: creates the empty draft of an expected guide through the
     * Document Service, so the write guard (scope) and the guide checks apply as to any other write.
     */
    async createMissing(asker: Asker | null, input: { itemCode?: unknown; stageKey?: unknown; unitCode?: unknown }): Promise<{ documentId: string; locale: string }> {
      requireActor(asker);
      const problems: Problem[] = (['itemCode', 'stageKey', 'unitCode'] as const)
        .filter((field) => typeof input[field] !== 'string' || input[field] === '')
        .map((field) => problem([field], 'is required'));
      if (problems.length > 0) throw new Invalid(problems);
      const { itemCode, stageKey, unitCode } = input as { itemCode: string; stageKey: string; unitCode: string };
      const snapshot = await published().snapshot();
      // Each field on its own first, so that a refusal names the one that is wrong.
      if (!snapshot.items.has(itemCode)) throw new Invalid([problem(['itemCode'], `no published item has the code ${itemCode}`)]);
      if (!snapshot.units.has(unitCode)) throw new Invalid([problem(['unitCode'], `no unit has the code ${unitCode}`)]);
      const match = await expectedGuides().find(itemCode, stageKey, unitCode);
      if (!match) {
        throw new Invalid([problem(['stageKey'], `no published item routes stage "${stageKey}" of ${itemCode} to unit ${unitCode}; only expected guides are created here`)]);
      }
      const locale = await locales().defaultLocale();
      const documents = strapi.documents(GUIDE) as unknown as { create(params: { data: object; locale: string }): Promise<{ documentId: string }> };
      const created = await documents.create({ locale, data: { itemCode, stageKey, unitCode, departmentCode: match.departmentCode } });
      return { documentId: created.documentId, locale };
    },
  };
};
