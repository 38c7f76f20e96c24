// Does a unit take part in an item: one decision, used by the navigator's `items?unit=`, the site
// pages (a unit's page of an item exists exactly when it takes part), the template previews and
// the guide previews. A unit takes part when it handles some stage for someone; the city, the
// unified entry (统一入口), takes part in every item: its site has every item's page.
import { decide, questionOf, variablesOf, type AnswerSpace } from './answer-space';
import type { CatalogItem, CatalogStage } from './catalog-format';
import { isAnswerHandler, isFixedHandler } from './catalog-format';
import { levelIndex } from './levels';
import { ancestorOrSelfAt, subtreeCodes, type UnitIndex } from './unit-tree';

/** What the decision reads: the unit tree and each item's answer space. */
export interface ParticipationFacts {
  readonly unitIndex: UnitIndex;
  readonly space: (item: CatalogItem) => AnswerSpace;
}

/** Who handles a stage for someone at this unit: the unit itself, an ancestor, or units below it. */
export function stageHandlers(item: CatalogItem, stageKey: string, unitCode: string, facts: Pick<ParticipationFacts, 'unitIndex'>): string[] {
  const stage = item.stages.find((s) => s.key === stageKey);
  if (!stage) return [];
  if (isFixedHandler(stage.handler)) return [stage.handler.unit];
  if (!isAnswerHandler(stage.handler)) return [];
  const unit = facts.unitIndex.get(unitCode);
  if (!unit) return [];
  const level = stage.handler.level;
  if (levelIndex(level) <= levelIndex(unit.level)) {
    const at = ancestorOrSelfAt(unitCode, level, facts.unitIndex);
    return at ? [at.code] : [];
  }
  return subtreeCodes(unitCode, facts.unitIndex).filter((code) => facts.unitIndex.get(code)?.level === level);
}

/**
 * True when the unit handles the stage for some answer: it is the stage's handler, and the stage
 * applies to someone it handles for (胶州市, a county-level city, never approves a normal
 * retirement alone, so that stage is not its own).
 */
export function ownsStage(item: CatalogItem, stageKey: string, unitCode: string, facts: ParticipationFacts): boolean {
  const stage = item.stages.find((s) => s.key === stageKey);
  const unit = facts.unitIndex.get(unitCode);
  if (!stage || !unit || stage.level !== unit.level) return false;
  const space = facts.space(item);
  // A space is one item over one unit tree and never changes: each answer is worked out once per
  // space (a site page asks it for its own stages and for every unit it links to).
  const known = space.item === item && space.units === facts.unitIndex ? ownership(space) : null;
  const memoKey = `${stageKey}\n${unitCode}`;
  const memo = known?.get(memoKey);
  if (memo !== undefined) return memo;
  const owns = stageHandlers(item, stageKey, unitCode, facts).includes(unitCode) && appliesToSomeone(stage, unitCode, space);
  known?.set(memoKey, owns);
  return owns;
}

const owned = new WeakMap<AnswerSpace, Map<string, boolean>>();
const ownership = (space: AnswerSpace): Map<string, boolean> => {
  let known = owned.get(space);
  if (!known) owned.set(space, (known = new Map()));
  return known;
};

/** Whether the stage applies to someone the unit (its handler) handles for. */
function appliesToSomeone(stage: CatalogStage, unitCode: string, space: AnswerSpace): boolean {
  if (!isAnswerHandler(stage.handler)) return decide(stage.appliesWhen, {}, space) !== false;
  const { fromAnswer, level } = stage.handler;
  const paths = [
    ...variablesOf(stage.appliesWhen)
      .filter((v) => questionOf(v) === fromAnswer)
      .map((v) => v.split('.').slice(1).join('.')),
    `${level}.code`,
  ];
  return space.representativesAt(fromAnswer, paths, level, unitCode).some((answer) => decide(stage.appliesWhen, { [fromAnswer]: answer }, space) !== false);
}

/** True when this unit handles some stage of the item for some answer. */
export const handlesStage = (item: CatalogItem, unitCode: string, facts: ParticipationFacts): boolean => item.stages.some((stage) => ownsStage(item, stage.key, unitCode, facts));

/** True when the unit takes part in the item: its site has a page of it, and the navigator lists it for the unit. */
export function takesPart(item: CatalogItem, unitCode: string, facts: ParticipationFacts): boolean {
  const unit = facts.unitIndex.get(unitCode);
  if (!unit) return false;
  return unit.level === 'city' || handlesStage(item, unitCode, facts);
}
