// Checks one write of one document against the stored catalog: loads what the rules need and asks
// the domain. Used by the document-service middleware (every write path) and the admin checks route.
import type { Core } from '@strapi/strapi';
import { answerSpace } from '../domain/answer-space';
import { itemFromRows, itemVersion, type ItemRow, type Localized } from '../domain/catalog-records';
import { isFixedHandler } from '../domain/catalog-format';
import { departmentProblems, indexDepartments, type DepartmentDraft, type DepartmentFacts } from '../domain/departments';
import { guideProblems, itemFactsOf, type GuideDraft } from '../domain/guide-rules';
import { guideSpecProblems } from '../domain/guide-spec';
import { departmentsByUnitKind } from '../domain/handlers';
import { itemCoverage, unreachableWarning } from '../domain/item-coverage';
import { ITEM_LISTS, carryStructure } from '../domain/locale-structure';
import { ITEM_CODE, itemProblems, localeStructureProblems } from '../domain/item-rules';
import { problem, type Problem } from '../domain/problems';
import { ruleProblems, type RuleDraft } from '../domain/responsibility-rules';
import { indexUnits, unitProblems, type UnitDraft, type UnitFacts } from '../domain/unit-tree';
import { DEPARTMENT, GUIDE, GUIDE_SPEC, ITEM, MEMBERSHIP, RESPONSIBILITY_RULE, SITE_TEMPLATE, UNIT, type LinkageUid } from '../uids';
import { templateProblems, type PageCheck } from '../domain/templates';
import { fixturePages } from '../site-templates/fixtures';
import { POPULATE } from './store';
import { getService } from '../get-service';
import type { CheckedAction } from '../domain/write-intent';

/** The parameters of a Document Service call, as far as the checks read them. */
export interface WriteParams {
  readonly documentId?: string;
  readonly locale?: string | string[];
  readonly status?: 'draft' | 'published';
  readonly data?: Record<string, unknown>;
}

type Row = Record<string, unknown> & { documentId: string; locale: string; publishedAt: string | null };

const META = ['id', 'documentId', 'locale', 'publishedAt', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'localizations'];
const withoutMeta = (row: Row | null): Record<string, unknown> => (row ? Object.fromEntries(Object.entries(row).filter(([key]) => !META.includes(key))) : {});

const distinctByDocument = <T extends { documentId: string }>(rows: T[]): T[] => [...new Map(rows.map((r) => [r.documentId, r])).values()];

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = (uid: LinkageUid) => strapi.db.query(uid);
  const hasDraftAndPublish = (uid: LinkageUid) => strapi.contentType(uid as 'plugin::linkage.item')?.options?.draftAndPublish === true;
  const defaultLocale = () => getService(strapi, 'locales').defaultLocale();

  const findRows = async (uid: LinkageUid, where: Record<string, unknown>): Promise<Row[]> => (await db(uid).findMany({ where, populate: POPULATE[uid] })) as Row[];

  /** The stored draft (or only version) of a document in a locale, else in any locale. */
  async function storedRow(uid: LinkageUid, documentId: string | undefined, locale: string): Promise<Row | null> {
    if (!documentId) return null;
    const status = hasDraftAndPublish(uid) ? { publishedAt: null } : {};
    const [inLocale] = await findRows(uid, { documentId, locale, ...status });
    if (inLocale) return inLocale;
    const [any] = await findRows(uid, { documentId, ...status });
    return any ?? null;
  }

  /** Names of units and departments in a locale, for messages. */
  async function namesIn(locale: string): Promise<{ unitNames: Map<string, string>; departmentNames: Map<string, string> }> {
    const [unitRows, departmentRows] = await Promise.all([
      db(UNIT).findMany({ where: { locale }, select: ['code', 'name'] }) as Promise<Array<{ code: string; name: string | null }>>,
      db(DEPARTMENT).findMany({ where: { locale }, select: ['code', 'name'] }) as Promise<Array<{ code: string; name: string | null }>>,
    ]);
    const named = (rows: Array<{ code: string; name: string | null }>) => new Map(rows.filter((r) => r.name).map((r) => [r.code, r.name as string]));
    return { unitNames: named(unitRows), departmentNames: named(departmentRows) };
  }

  async function units(): Promise<UnitFacts[]> {
    const rows = (await db(UNIT).findMany({ select: ['documentId', 'code', 'level', 'kind', 'parentCode'] })) as Array<UnitFacts & { documentId: string }>;
    return distinctByDocument(rows);
  }

  async function departments(): Promise<Array<DepartmentFacts & { documentId: string }>> {
    const rows = (await db(DEPARTMENT).findMany({ select: ['documentId', 'code', 'kind', 'unitCode'] })) as Array<DepartmentFacts & { documentId: string }>;
    return distinctByDocument(rows);
  }

  const countDocuments = async (uid: LinkageUid, where: Record<string, unknown>): Promise<number> =>
    distinctByDocument((await db(uid).findMany({ where, select: ['documentId'] })) as Array<{ documentId: string }>).length;

  /** Item rows whose stages name this unit or department in a fixed handler, or whose question is within the unit. */
  async function itemsReferring(test: (row: Localized<ItemRow>) => boolean): Promise<string[]> {
    const rows = (await findRows(ITEM, {})) as unknown as Array<Localized<ItemRow>>;
    return [...new Set(rows.filter(test).map((r) => r.code))];
  }

  const describeReferences = (parts: Array<[number | string[], string]>): string =>
    parts
      .filter(([value]) => (Array.isArray(value) ? value.length > 0 : value > 0))
      .map(([value, what]) => (Array.isArray(value) ? `${what} ${value.join(', ')}` : `${value} ${what}`))
      .join(', ');

  async function unitReferences(code: string): Promise<string> {
    const [children, depts, guides, managed, members, handled] = await Promise.all([
      countDocuments(UNIT, { parentCode: code }),
      countDocuments(DEPARTMENT, { unitCode: code }),
      countDocuments(GUIDE, { unitCode: code }),
      itemsReferring((r) => r.managingUnitCode === code),
      countDocuments(MEMBERSHIP, { unitCode: code }),
      itemsReferring((r) => (r.stages ?? []).some((s) => isFixedHandler(s.handler) && s.handler.unit === code) || (r.questions ?? []).some((q) => q.within === code)),
    ]);
    return describeReferences([
      [children, 'child units'],
      [depts, 'departments'],
      [guides, 'guides'],
      [managed, 'the managing unit of items'],
      [handled, 'the fixed handler or answer scope of items'],
      [members, 'memberships'],
    ]);
  }

  async function departmentReferences(code: string): Promise<string> {
    const [guides, managed, handled, rules] = await Promise.all([
      countDocuments(GUIDE, { departmentCode: code }),
      itemsReferring((r) => r.managingDepartmentCode === code),
      itemsReferring((r) => (r.stages ?? []).some((s) => isFixedHandler(s.handler) && s.handler.department === code)),
      countDocuments(RESPONSIBILITY_RULE, { responsibleDepartmentCode: code }),
    ]);
    return describeReferences([
      [guides, 'guides'],
      [managed, 'the managing department of items'],
      [handled, 'the fixed handler of items'],
      [rules, 'responsibility rules'],
    ]);
  }

  /** True when deleting `locale` of the document (or every locale) leaves no row of it. */
  async function deletesWholeDocument(uid: LinkageUid, documentId: string, locale: string | string[] | undefined, fallback: string): Promise<boolean> {
    if (locale === '*') return true;
    const deleted = new Set(Array.isArray(locale) ? locale : [locale ?? fallback]);
    const rows = (await db(uid).findMany({ where: { documentId }, select: ['locale'] })) as Array<{ locale: string }>;
    return rows.every((r) => deleted.has(r.locale));
  }

  async function unitWrite(action: CheckedAction, params: WriteParams, locale: string): Promise<Problem[]> {
    const stored = await storedRow(UNIT, params.documentId, locale);
    if (action === 'delete') {
      if (!stored || !(await deletesWholeDocument(UNIT, stored.documentId, params.locale, locale))) return [];
      const refs = await unitReferences(String(stored.code));
      return refs ? [problem(['code'], `unit ${stored.code} cannot be deleted while it is referenced by ${refs}`)] : [];
    }
    const candidate = { ...withoutMeta(stored), ...params.data } as UnitDraft;
    const selfId = action === 'clone' ? undefined : params.documentId;
    const others = indexUnits((await units()).filter((u) => (u as UnitFacts & { documentId: string }).documentId !== selfId));
    const problems = unitProblems(candidate, others);
    if (stored && action === 'update' && (candidate.code !== stored.code || candidate.level !== stored.level)) {
      const refs = await unitReferences(String(stored.code));
      if (refs) {
        const field = candidate.code !== stored.code ? 'code' : 'level';
        problems.push(problem([field], `unit ${stored.code} is referenced by ${refs}; its ${field} cannot change while it is`));
      }
    }
    return problems;
  }

  async function departmentWrite(action: CheckedAction, params: WriteParams, locale: string): Promise<Problem[]> {
    const stored = await storedRow(DEPARTMENT, params.documentId, locale);
    if (action === 'delete') {
      if (!stored || !(await deletesWholeDocument(DEPARTMENT, stored.documentId, params.locale, locale))) return [];
      const refs = await departmentReferences(String(stored.code));
      return refs ? [problem(['code'], `department ${stored.code} cannot be deleted while it is referenced by ${refs}`)] : [];
    }
    const candidate = { ...withoutMeta(stored), ...params.data } as DepartmentDraft;
    const selfId = action === 'clone' ? undefined : params.documentId;
    const others = indexDepartments((await departments()).filter((d) => d.documentId !== selfId));
    const problems = departmentProblems(candidate, indexUnits(await units()), others);
    if (stored && action === 'update' && (candidate.code !== stored.code || candidate.unitCode !== stored.unitCode)) {
      const refs = await departmentReferences(String(stored.code));
      if (refs) {
        const field = candidate.code !== stored.code ? 'code' : 'unitCode';
        problems.push(problem([field], `department ${stored.code} is referenced by ${refs}; its ${field} cannot change while it is`));
      }
    }
    return problems;
  }

  /**
   * Publishing rules for the given locales of an item's drafts (`override` standing in for one
   * locale's draft, such as the form being edited): its own rules, the same structure in every
   * locale, and then that every combination of answers routes. Stages no combination reaches are
   * warnings. Messages name places and answers in `override`'s locale, else the first published.
   */
  async function itemPublishChecks(
    documentId: string | undefined,
    publishLocales: readonly string[],
    override?: Localized<ItemRow>
  ): Promise<{ problems: Problem[]; warnings: Problem[] }> {
    const drafts = documentId ? ((await findRows(ITEM, { documentId, publishedAt: null })) as unknown as Array<Localized<ItemRow>>) : [];
    // Saving the override carries its structure into the other locales (writes/projectors/carry-structure.ts): check them as they will be.
    const storedOverride = override ? drafts.find((r) => r.locale === override.locale) : undefined;
    const others = drafts
      .filter((r) => r.locale !== override?.locale)
      .map((r) => {
        if (!override || !storedOverride) return r;
        const asRecord = (row: Localized<ItemRow>) => row as unknown as Record<string, unknown>;
        return { ...r, ...carryStructure(ITEM_LISTS, asRecord(storedOverride), asRecord(override), asRecord(r)) } as unknown as Localized<ItemRow>;
      });
    const rows = [...others, ...(override ? [override] : [])];
    const first = await defaultLocale();
    rows.sort((a, b) => (a.locale === first ? -1 : b.locale === first ? 1 : a.locale.localeCompare(b.locale)));
    const versions = rows.map(itemVersion);
    const shownLocale = override?.locale ?? publishLocales[0] ?? first;
    const [unitFacts, departmentFacts, names] = await Promise.all([units(), departments(), namesIn(shownLocale)]);
    const facts = { units: indexUnits(unitFacts), departments: indexDepartments(departmentFacts), ...names };
    const problems: Problem[] = [];
    // Structural problems repeat in every locale; texts name their locale.
    for (const version of versions.filter((v) => publishLocales.includes(v.locale))) problems.push(...itemProblems(version, facts));
    problems.push(...localeStructureProblems(versions));
    const unique = [...new Map(problems.map((p) => [`${p.path.join('.')}|${p.message}`, p])).values()];
    if (unique.length > 0 || rows.length === 0) return { problems: unique, warnings: [] };
    const shown = rows.find((r) => r.locale === shownLocale) ?? rows[0];
    const item = itemFromRows([shown], 'draft');
    const coverageNames = { locale: shown.locale, unitName: (code: string) => names.unitNames.get(code) };
    const coverage = itemCoverage(answerSpace(item, facts.units), departmentsByUnitKind(departmentFacts), 5, coverageNames);
    const warnings = coverage.unreachable.map((key) => unreachableWarning(item, key, shown.locale));
    return { problems: [...coverage.problems], warnings };
  }

  const itemPublishProblems = async (documentId: string | undefined, publishLocales: readonly string[], override?: Localized<ItemRow>) =>
    (await itemPublishChecks(documentId, publishLocales, override)).problems;

  async function itemWrite(action: CheckedAction, params: WriteParams, locale: string): Promise<Problem[]> {
    if (action === 'publish') {
      const drafts = (await db(ITEM).findMany({ where: { documentId: params.documentId, publishedAt: null }, select: ['locale'] })) as Array<{ locale: string }>;
      const requested = params.locale === '*' ? drafts.map((d) => d.locale) : Array.isArray(params.locale) ? params.locale : [locale];
      return itemPublishProblems(params.documentId, requested);
    }
    if (action === 'delete') {
      const stored = await storedRow(ITEM, params.documentId, locale);
      if (!stored || !(await deletesWholeDocument(ITEM, stored.documentId, params.locale, locale))) return [];
      const guides = await countDocuments(GUIDE, { itemCode: stored.code });
      return guides > 0 ? [problem(['code'], `item ${stored.code} cannot be deleted while ${guides} guides belong to it`)] : [];
    }
    const stored = await storedRow(ITEM, params.documentId, locale);
    const candidate = { ...withoutMeta(stored), ...params.data } as Record<string, unknown>;
    const problems: Problem[] = [];
    const code = candidate.code;
    if (typeof code !== 'string' || !ITEM_CODE.test(code)) {
      problems.push(problem(['code'], `must be upper-case letters, digits and "-" (like QD-SI-001), got ${JSON.stringify(code ?? null)}`));
    } else {
      const selfId = action === 'clone' ? undefined : params.documentId;
      const holders = distinctByDocument((await db(ITEM).findMany({ where: { code }, select: ['documentId'] })) as Array<{ documentId: string }>);
      if (holders.some((h) => h.documentId !== selfId)) problems.push(problem(['code'], `${code} is already the code of another item`));
    }
    if (stored && action === 'update' && code !== stored.code) {
      const guides = await countDocuments(GUIDE, { itemCode: stored.code });
      if (guides > 0) problems.push(problem(['code'], `item ${stored.code} has ${guides} guides; its code cannot change while it does`));
    }
    if (problems.length === 0 && params.status === 'published' && action !== 'clone') {
      problems.push(...(await itemPublishProblems(params.documentId, [locale], { ...(candidate as unknown as ItemRow), locale })));
    }
    return problems;
  }

  async function guideWrite(action: CheckedAction, params: WriteParams, locale: string): Promise<Problem[]> {
    if (action === 'delete') return [];
    const stored = await storedRow(GUIDE, params.documentId, locale);
    const candidate = (action === 'publish' ? withoutMeta(stored) : { ...withoutMeta(stored), ...params.data }) as GuideDraft;
    if (action === 'publish' && !stored) return [];
    const itemRows =
      typeof candidate.itemCode === 'string'
        ? ((await findRows(ITEM, { code: candidate.itemCode })) as unknown as Array<Localized<ItemRow> & { publishedAt: string | null }>)
        : [];
    const first = await defaultLocale();
    // Drafts before published versions, the default locale first: the newest structure leads.
    itemRows.sort((a, b) => Number(a.publishedAt !== null) - Number(b.publishedAt !== null) || Number(b.locale === first) - Number(a.locale === first));
    const selfId = action === 'clone' ? undefined : params.documentId;
    const sameKey =
      typeof candidate.itemCode === 'string' && typeof candidate.stageKey === 'string' && typeof candidate.unitCode === 'string'
        ? distinctByDocument(
            (await db(GUIDE).findMany({
              where: { itemCode: candidate.itemCode, stageKey: candidate.stageKey, unitCode: candidate.unitCode },
              select: ['documentId'],
            })) as Array<{ documentId: string }>
          ).filter((g) => g.documentId !== selfId)
        : [];
    return guideProblems(candidate, {
      item: itemFactsOf(itemRows.map(itemVersion)),
      units: indexUnits(await units()),
      departments: indexDepartments(await departments()),
      duplicateOf: sameKey.length > 0 ? `guide ${sameKey[0].documentId}` : null,
      ...(await namesIn(locale)),
    });
  }

  async function ruleWrite(action: CheckedAction, params: WriteParams, locale: string): Promise<Problem[]> {
    if (action === 'delete') return [];
    const stored = await storedRow(RESPONSIBILITY_RULE, params.documentId, locale);
    const candidate = { ...withoutMeta(stored), ...params.data } as RuleDraft;
    const selfId = action === 'clone' ? undefined : params.documentId;
    const others = distinctByDocument((await db(RESPONSIBILITY_RULE).findMany({ select: ['documentId', 'key'] })) as Array<{ documentId: string; key: string }>)
      .filter((r) => r.documentId !== selfId)
      .map((r) => r.key);
    return ruleProblems(candidate, indexDepartments(await departments()), new Set(others));
  }

  async function guideSpecWrite(action: CheckedAction, params: WriteParams): Promise<Problem[]> {
    if (action === 'delete' || action === 'publish') return [];
    return guideSpecProblems(params.data?.required);
  }

  /**
   * A template is checked when published: no `raw`, it parses, and every page renders with it, in
   * the render threads within the page budget: the fixtures, then the catalog's heaviest real pages
   * per level. The first failure stops the check, so a slow template costs one budget.
   */
  async function templateWrite(action: CheckedAction, params: WriteParams): Promise<Problem[]> {
    const publishing = action === 'publish' || ((action === 'create' || action === 'update') && params.status === 'published');
    if (action === 'delete') return [];
    const stored = params.documentId ? ((await db(SITE_TEMPLATE).findOne({ where: { documentId: params.documentId, publishedAt: null } })) as Row | null) : null;
    const candidate = { ...withoutMeta(stored), ...(action === 'publish' ? {} : params.data) } as { key?: unknown; body?: unknown };
    const problems: Problem[] = [];
    if (typeof candidate.key !== 'string' || !/^[a-z][a-z0-9-]*$/.test(candidate.key)) {
      problems.push(problem(['key'], `must be lower-case letters, digits and "-", got ${JSON.stringify(candidate.key ?? null)}`));
    } else {
      const selfId = action === 'clone' ? undefined : params.documentId;
      const holders = distinctByDocument((await db(SITE_TEMPLATE).findMany({ where: { key: candidate.key }, select: ['documentId'] })) as Array<{ documentId: string }>);
      if (holders.some((h) => h.documentId !== selfId)) problems.push(problem(['key'], `${candidate.key} is already the key of another template`));
    }
    if (!publishing || problems.length > 0) return problems;
    if (typeof candidate.body !== 'string' || candidate.body.trim() === '') return [problem(['body'], 'is required: the Liquid template')];
    const others = (await db(SITE_TEMPLATE).findMany({ where: { publishedAt: { $notNull: true } }, select: ['key', 'body', 'documentId'] })) as Array<{
      key: string;
      body: string;
      documentId: string;
    }>;
    const published = new Map(others.filter((t) => t.documentId !== params.documentId).map((t) => [t.key, t.body]));
    const sites = getService(strapi, 'sites');
    const renderer = getService(strapi, 'renderer');
    const pages: PageCheck[] = [...Object.entries(fixturePages()).map(([page, data]) => ({ page, data })), ...(await sites.heavyPageChecks())];
    return templateProblems(candidate.key as string, candidate.body, published, pages, renderer.render);
  }

  const CHECKS: Partial<Record<LinkageUid, (action: CheckedAction, params: WriteParams, locale: string) => Promise<Problem[]>>> = {
    [SITE_TEMPLATE]: templateWrite,
    [UNIT]: unitWrite,
    [DEPARTMENT]: departmentWrite,
    [ITEM]: itemWrite,
    [GUIDE]: guideWrite,
    [RESPONSIBILITY_RULE]: ruleWrite,
    [GUIDE_SPEC]: guideSpecWrite,
  };

  return {
    handles: (uid: string): boolean => uid in CHECKS,

    async forWrite(uid: LinkageUid, action: CheckedAction, params: WriteParams): Promise<Problem[]> {
      const check = CHECKS[uid];
      if (!check) return [];
      const locale = typeof params.locale === 'string' && params.locale !== '*' ? params.locale : await defaultLocale();
      return check(action, params, locale);
    },

    /** What would stop an item's draft in `locale` from being published now, and what merely warns. */
    itemPublishChecks: (documentId: string, locale: string) => itemPublishChecks(documentId, [locale]),

    /** The same for a version not saved yet (the form being edited), standing in for its locale's draft. */
    itemFormChecks: (documentId: string | undefined, locale: string, form: ItemRow) => itemPublishChecks(documentId, [locale], { ...form, locale } as Localized<ItemRow>),
  };
};
