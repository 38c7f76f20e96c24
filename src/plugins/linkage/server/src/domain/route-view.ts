// What the route API answers, in one locale: the stages in order with who handles each, the
// guide's status and what to bring, the link to each guide on its handling unit's site, the first
// step, and the upper-level departments involved.
import { decide, type AnswerSpace } from './answer-space';
import type { Answers } from './answers';
import type { CatalogGuide, CatalogMaterial } from './catalog-format';
import { guideKey } from './catalog-format';
import { questionView, type Lookup } from './catalog-views';
import { guideFields, guideState, materialFields } from './guide-projection';
import { levelIndex } from './levels';
import { guidePageUrl, itemPageUrl, type LinkContext } from './links';
import type { Route } from './routing';
import { levelName, textIn } from './vocabulary';

export interface RouteViewInput {
  readonly space: AnswerSpace;
  readonly answers: Answers;
  readonly route: Route;
  readonly guides: ReadonlyMap<string, CatalogGuide>;
  readonly lookup: Lookup;
  readonly spec: readonly string[];
  readonly locales: readonly string[];
  readonly locale: string;
  readonly links: LinkContext;
}

const materialView = (m: CatalogMaterial, applies: true | 'maybe', locale: string) => ({ ...materialFields(m, locale), applies });

export function routeView(input: RouteViewInput) {
  const { space, answers, route, guides, lookup, spec, locales, locale, links } = input;
  const { item } = space;
  const slug = item.slug ?? item.code;
  const unitView = (code: string) => {
    const unit = lookup.units.get(code);
    return { code, name: textIn(unit?.name, locale) || code, level: unit?.level ?? null, siteUrl: unit?.siteUrl ?? null, url: itemPageUrl(code, slug, links) };
  };
  const departmentView = (code: string) => {
    const d = lookup.departments.get(code);
    return { code, name: textIn(d?.name, locale) || code, phone: d?.phone ?? null, address: textIn(d?.address, locale) || null, hours: textIn(d?.hours, locale) || null };
  };
  const auxiliaryNeeded = new Set<string>();

  const stages = route.stages.map(({ stage, handler }) => {
    const base = { key: stage.key, order: stage.order, level: stage.level, levelName: levelName(stage.level, locale), name: textIn(stage.name, locale) };
    if (handler.kind !== 'resolved') {
      return {
        ...base,
        handler: null,
        ...(handler.kind === 'pending' ? { handlerNeeds: handler.question } : { handlerProblem: handler.reason }),
        guide: null,
      };
    }
    const guide = guides.get(guideKey({ item: item.code, stage: stage.key, unit: handler.unitCode }));
    const materials = (guide?.materials ?? []).flatMap((m) => {
      if (m.when === undefined || m.when === null) return [materialView(m, true, locale)];
      const applies = decide(m.when, answers, space);
      if (applies === 'undecided') {
        item.questions.filter((q) => q.kind === 'auxiliary' && answers[q.key] === undefined).forEach((q) => auxiliaryNeeded.add(q.key));
        return [materialView(m, 'maybe', locale)];
      }
      return applies ? [materialView(m, true, locale)] : [];
    });
    return {
      ...base,
      handler: { unit: unitView(handler.unitCode), department: departmentView(handler.departmentCode) },
      guide: {
        ...guideState(guide, { spec, locales, locale }),
        url: guidePageUrl(handler.unitCode, slug, stage.key, links),
        ...(guide ? guideFields(guide, locale, materials) : {}),
      },
    };
  });

  // The first step is known once nothing before it is still undecided.
  const [first] = stages;
  const settledFirst = first && !route.undecided.some((u) => u.order < first.order || (u.order === first.order && u.key < first.key)) ? first : undefined;
  const firstLevel = settledFirst ? levelIndex(settledFirst.level) : Number.POSITIVE_INFINITY;
  const upperLinks = stages
    .filter((s) => s !== settledFirst && s.handler !== null && levelIndex(s.level) < firstLevel)
    .map((s) => ({
      stageKey: s.key,
      level: s.level,
      unit: { code: s.handler?.unit.code, name: s.handler?.unit.name },
      department: s.handler?.department,
      url: s.guide?.url ?? null,
    }));

  return {
    item: { code: item.code, slug, title: textIn(item.title, locale), url: itemPageUrl(item.managingUnit, slug, links) },
    locale,
    answers,
    complete: route.complete,
    neededQuestions: route.neededQuestions.map((key) => questionView(item.questions.find((q) => q.key === key) as never, locale)),
    optionalQuestions: item.questions.filter((q) => auxiliaryNeeded.has(q.key)).map((q) => questionView(q, locale)),
    stages,
    undecidedStages: route.undecided.map((s) => ({ key: s.key, level: s.level, name: textIn(s.name, locale) })),
    firstStep: settledFirst
      ? {
          stageKey: settledFirst.key,
          name: settledFirst.name,
          unit: settledFirst.handler?.unit ?? null,
          department: settledFirst.handler?.department ?? null,
          url: settledFirst.guide?.url ?? null,
        }
      : null,
    upperLinks,
  };
}

export type RouteView = ReturnType<typeof routeView>;
