// What one unit's site shows (shared sync, 共享同步): the city shows every item; a lower unit shows
// the items in which it handles a stage, the basic information it inherits from the city, its own
// guides in full, and links to the other stages' guides on their owners' sites and back to the city.
// A unit with no site of its own is served from its nearest ancestor's.
import { isLinkableFileUrl } from './web-urls';
import { decide, type AnswerSpace } from './answer-space';
import type { Answers } from './answers';
import type { CatalogGuide, CatalogItem, CatalogMaterial, CatalogStage, CatalogUnit } from './catalog-format';
import { guideKey, isAnswerHandler, isFixedHandler } from './catalog-format';
import { handlerDescription, itemSummary, questionView, unitNamesIn, type Lookup } from './catalog-views';
import { guideStatus } from './completeness';
import { guideFields, guideState, materialFields } from './guide-projection';
import { conditionText } from './condition-text';
import { levelIndex, type Level } from './levels';
import { guidePageUrl, itemPageUrl, siteHost, unitPageUrl, type LinkContext } from './links';
import { stageOrder } from './routing';
import { siteName } from './site-strings';
import { ownsStage, stageHandlers, takesPart, type ParticipationFacts } from './participation';
import { ancestorsOf, childCodes, type UnitFacts, type UnitIndex } from './unit-tree';
import { unitStep } from './unit-question-steps';
import { kindName, levelName, levelNoun, textIn } from './vocabulary';

export interface SiteContext extends ParticipationFacts {
  readonly units: ReadonlyMap<string, CatalogUnit>;
  readonly unitIndex: UnitIndex;
  readonly lookup: Lookup;
  readonly items: readonly CatalogItem[];
  readonly spec: readonly string[];
  readonly locales: readonly string[];
  readonly locale: string;
  readonly links: LinkContext;
  /** Media library files by name, for blank forms. */
  readonly blankForms?: ReadonlyMap<string, string>;
}

function siteFrame(unitCode: string, ctx: SiteContext) {
  const { locale, links } = ctx;
  const unit = ctx.units.get(unitCode) as CatalogUnit;
  const host = siteHost(unitCode, ctx.units);
  const named = (code: string) => ({ code, name: textIn(ctx.units.get(code)?.name, locale), url: unitPageUrl(code, links) });
  return {
    siteName: siteName(textIn(unit.name, locale), locale),
    unit: {
      code: unit.code,
      name: textIn(unit.name, locale),
      level: unit.level,
      levelName: levelName(unit.level, locale),
      kind: unit.kind,
      kindName: kindName(unit.kind, locale),
      siteUrl: unit.siteUrl ?? null,
    },
    host: host ? { code: host.code, name: textIn(ctx.units.get(host.code)?.name, locale), siteUrl: host.siteUrl ?? null } : null,
    url: unitPageUrl(unitCode, links),
    ancestors: ancestorsOf(unitCode, ctx.unitIndex)
      .reverse()
      .map((a) => named(a.code)),
    children: childCodes(unitCode, ctx.unitIndex).map(named),
    locale,
    locales: ctx.locales,
  };
}

/**
 * The stages everyone takes first, once the answers settle them: the stages of the lowest order that
 * surely apply, when no stage before them may apply too. Before any answer, a first stage for some
 * applicants only (劳动能力鉴定, for illness retirement) leaves the first step open: none.
 */
export function settledFirstSteps(item: CatalogItem, space: AnswerSpace, answers: Answers = {}): readonly CatalogStage[] {
  // Before any answer they are the item's alone: worked out once per space (every unit's page asks).
  const memo = space.item === item && Object.keys(answers).length === 0;
  const known = memo ? unansweredFirstSteps.get(space) : undefined;
  if (known) return known;
  const steps = firstStepsOf(item, space, answers);
  if (memo) unansweredFirstSteps.set(space, steps);
  return steps;
}

const unansweredFirstSteps = new WeakMap<AnswerSpace, readonly CatalogStage[]>();

function firstStepsOf(item: CatalogItem, space: AnswerSpace, answers: Answers): CatalogStage[] {
  const stages = [...item.stages].sort(stageOrder);
  const decided = stages.map((stage) => ({ stage, applies: decide(stage.appliesWhen, answers, space) }));
  const firstPossible = decided.find((d) => d.applies !== false);
  if (!firstPossible) return [];
  const sameOrder = decided.filter((d) => d.stage.order === firstPossible.stage.order);
  return sameOrder.every((d) => d.applies !== 'undecided') ? sameOrder.filter((d) => d.applies === true).map((d) => d.stage) : [];
}

/** A stage's condition as a sentence, and whether it applies to everyone (then pages need not say it). */
const conditionOf = (stage: CatalogStage, item: CatalogItem, ctx: SiteContext) => ({
  condition: conditionText(stage.appliesWhen, item, ctx.locale, unitNamesIn(ctx.lookup, ctx.locale)),
  always: stage.appliesWhen === true,
});

export function siteIndexView(unitCode: string, ctx: SiteContext, ownGuides: readonly CatalogGuide[]) {
  const unit = ctx.units.get(unitCode) as CatalogUnit;
  const isCity = unit.level === 'city';
  const items = ctx.items
    .filter((item) => takesPart(item, unitCode, ctx))
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((item) => {
      const summary = itemSummary(item, ctx.locale, ctx.links);
      const stages = [...item.stages]
        .sort(stageOrder)
        .filter((s) => ownsStage(item, s.key, unitCode, ctx))
        .map((s) => {
          const guide = ownGuides.find((g) => g.item === item.code && g.stage === s.key);
          return { key: s.key, name: textIn(s.name, ctx.locale), status: guideStatus(guide, ctx.spec, ctx.locales).status };
        });
      return { ...summary, url: itemPageUrl(unitCode, summary.slug, ctx.links), cityUrl: summary.url, stages };
    });
  return { site: siteFrame(unitCode, ctx), isCity, items };
}

const linkableFile = (url: string | undefined): string | null => (isLinkableFileUrl(url) ? url : null);

const materialView = (m: CatalogMaterial, item: CatalogItem, ctx: SiteContext) => ({
  ...materialFields(m, ctx.locale),
  // A blank form is linked only when a file of that name is in the media library, at a web address or a path here.
  blankFormUrl: m.blankForm ? linkableFile(ctx.blankForms?.get(m.blankForm)) : null,
  when: m.when === undefined || m.when === null ? null : conditionText(m.when, item, ctx.locale, unitNamesIn(ctx.lookup, ctx.locale)),
});

export function guideView(guide: CatalogGuide | undefined, item: CatalogItem, ctx: SiteContext) {
  const state = guideState(guide, ctx);
  if (!guide) return state;
  return { ...state, ...guideFields(guide, ctx.locale, guide.materials?.map((m) => materialView(m, item, ctx)) ?? null) };
}

/**
 * Where a unit question's answers come from on a unit's site: the site's own area when the site lies
 * in the question's area at or above the answer's level (a district site asks for one of its own
 * communities, not one of 1,500 across the city), else the question's whole area.
 */
export function answerScope(within: string, answerLevel: Level, siteUnit: string, units: UnitIndex): string {
  const site = units.get(siteUnit);
  if (!site || levelIndex(site.level) > levelIndex(answerLevel)) return within;
  const inArea = siteUnit === within || ancestorsOf(siteUnit, units).some((a) => a.code === within);
  return inArea ? siteUnit : within;
}

/**
 * An item as one unit's site shows it. `guides` holds the unit's own published guides of the item;
 * `chosen` the unit questions' answers or choices so far (a route page's), by question key.
 */
export function siteItemView(unitCode: string, item: CatalogItem, ctx: SiteContext, guides: ReadonlyMap<string, CatalogGuide>, chosen: Readonly<Record<string, string>> = {}) {
  const { locale, links } = ctx;
  const unit = ctx.units.get(unitCode) as CatalogUnit;
  const isCity = unit.level === 'city';
  const slug = item.slug ?? item.code;
  const summary = itemSummary(item, locale, links);
  const stages = [...item.stages].sort(stageOrder);
  const own = stages.filter((s) => ownsStage(item, s.key, unitCode, ctx));
  const departmentOf = (stageKey: string, handlerUnit: string) => {
    const g = guides.get(guideKey({ item: item.code, stage: stageKey, unit: handlerUnit }));
    const code =
      g?.department ??
      (() => {
        const stage = item.stages.find((s) => s.key === stageKey);
        if (stage && isFixedHandler(stage.handler)) return stage.handler.department;
        if (stage && isAnswerHandler(stage.handler)) {
          const kind = stage.handler.departmentKind;
          return [...ctx.lookup.departments.values()].find((d) => d.unit === handlerUnit && d.kind === kind)?.code;
        }
        return undefined;
      })();
    const d = code ? ctx.lookup.departments.get(code) : undefined;
    return d ? { code: d.code, name: textIn(d.name, locale), phone: d.phone ?? null, address: textIn(d.address, locale) || null, hours: textIn(d.hours, locale) || null } : null;
  };
  const ownGuides = own.map((s) => ({
    stage: { key: s.key, order: s.order, level: s.level, levelName: levelName(s.level, locale), name: textIn(s.name, locale), ...conditionOf(s, item, ctx) },
    anchor: `stage-${s.key}`,
    department: departmentOf(s.key, unitCode),
    guide: guideView(guides.get(guideKey({ item: item.code, stage: s.key, unit: unitCode })), item, ctx),
  }));
  const otherStages = stages
    .filter((s) => !own.includes(s))
    .map((s) => {
      // Only units that do handle the stage for someone: their page has its guide.
      const handlers = isCity ? [] : stageHandlers(item, s.key, unitCode, ctx).filter((code) => ownsStage(item, s.key, code, ctx));
      return {
        key: s.key,
        order: s.order,
        level: s.level as Level,
        levelName: levelName(s.level, locale),
        name: textIn(s.name, locale),
        ...conditionOf(s, item, ctx),
        handledBy: handlerDescription(s, item, ctx.lookup, locale),
        links: handlers.map((code) => ({ unit: { code, name: textIn(ctx.units.get(code)?.name, locale) }, url: guidePageUrl(code, slug, s.key, links) })),
      };
    });
  return {
    site: siteFrame(unitCode, ctx),
    isCity,
    item: {
      ...summary,
      url: itemPageUrl(unitCode, slug, links),
      cityUrl: summary.url,
      managingDepartment: textIn(ctx.lookup.departments.get(item.managingDepartment)?.name, locale),
      policies: (item.policies ?? []).map((p) => ({ title: textIn(p.title, locale), url: p.url ?? null })),
      flowchartUrl: `/api/linkage/items/${encodeURIComponent(slug)}/flowchart?format=svg&locale=${locale}`,
    },
    navigator: {
      action: `${itemPageUrl(unitCode, slug, links)}/route`,
      questions: item.questions.map((q) => {
        const view = questionView(q, locale);
        if (q.type !== 'unit') return view;
        const level = q.answerLevel;
        if (!level) return { ...view, options: [], asking: null, path: [], chosenSoFar: '', back: null, narrowedTo: null };
        const scope = answerScope(q.within ?? item.managingUnit, level, unitCode, ctx.unitIndex);
        const step = unitStep(scope, level, chosen[q.key], ctx.unitIndex);
        const named = (u: UnitFacts) => ({ code: u.code, name: textIn(ctx.units.get(u.code)?.name, locale), level: u.level });
        // A site in the question's area offers only its own part of it; the city's page offers all.
        const narrowedTo = scope === (q.within ?? item.managingUnit) ? null : { code: scope, name: textIn(ctx.units.get(scope)?.name, locale), elsewhereUrl: summary.url };
        return {
          ...view,
          // The next level's units under the choice so far (docs/design.md §5): a choice not yet at
          // the answer's level (`final` false) is submitted as it is, and the page asks the next level.
          options: step.options.map((o) => ({ value: o.unit.code, label: textIn(ctx.units.get(o.unit.code)?.name, locale), selected: o.selected, final: o.final })),
          asking: { level: step.asking, levelName: levelNoun(step.asking, locale) },
          path: step.path.map(named),
          chosenSoFar: step.chosenSoFar,
          back: step.back ? { value: step.back.value, levelName: levelNoun(step.back.level, locale) } : null,
          narrowedTo,
        };
      }),
    },
    // Empty until answers settle it: the page then asks for the answers instead.
    firstSteps: settledFirstSteps(item, ctx.space(item)).map((s) => ({
      key: s.key,
      name: textIn(s.name, locale),
      ...conditionOf(s, item, ctx),
      handledBy: handlerDescription(s, item, ctx.lookup, locale),
    })),
    stagesInOrder: stages.map((s) => textIn(s.name, locale)),
    ownGuides,
    otherStages,
    upperLinks: otherStages.filter((s) => levelIndex(s.level) < levelIndex(unit.level)).flatMap((s) => s.links.map((l) => ({ stage: s.name, ...l }))),
  };
}

export type SiteItemView = ReturnType<typeof siteItemView>;
export type SiteIndexView = ReturnType<typeof siteIndexView>;
