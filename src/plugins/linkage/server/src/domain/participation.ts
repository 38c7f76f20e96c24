// Does a unit take part in an item: one decision, used by the navigator's `items?unit=`, the site
// pages (a unit's page of an item exists exactly when it takes part), the template previews and
// the guide previews. A unit takes part when it handles some stage for someone; the city, the
// unified entry (统一入口), takes part in every item: its site has every item's page.
import { decide, questionOf, variablesOf, type AnswerSpace } from './answer-space';
import type { CatalogItem } from './catalog-format';
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
  if (!stageHandlers(item, stageKey, unitCode, facts).includes(unitCode)) return false;
  const space = facts.space(item);
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
