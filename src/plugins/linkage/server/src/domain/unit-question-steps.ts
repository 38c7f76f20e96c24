// A unit question asked level by level on the sites' pages: the page offers the units one level
// below what is chosen so far (the districts, then the chosen district's streets, then that street's
// communities), never every unit at the answer's level (1,500 communities at Qingdao scale). Without
// JavaScript the form submits the partial choice, a unit above the answer's level, and the answered
// page offers the next level; the route API still refuses such an answer (docs/design.md §5).
import type { CatalogItem } from './catalog-format';
import { answerScope as questionArea } from './answers';
import { LEVELS, levelIndex, type Level } from './levels';
import { ancestorOrSelfAt, ancestorsOf, childCodes, type UnitFacts, type UnitIndex } from './unit-tree';

/**
 * A page's answers split in two: what the route is worked out from, and the unit questions' choices
 * in progress (a unit of the question's area above its answer level), by question key.
 */
export function partialUnitChoices(
  raw: Readonly<Record<string, unknown>>,
  item: CatalogItem,
  units: UnitIndex
): { answers: Record<string, unknown>; partial: Record<string, string> } {
  const answers: Record<string, unknown> = { ...raw };
  const partial: Record<string, string> = {};
  for (const question of item.questions) {
    const value = raw[question.key];
    const level = question.answerLevel;
    if (question.type !== 'unit' || !level || typeof value !== 'string') continue;
    const unit = units.get(value);
    const area = questionArea(question, item, units);
    if (!unit || !area || levelIndex(unit.level) >= levelIndex(level) || !isInside(value, area.code, units)) continue;
    partial[question.key] = value;
    delete answers[question.key];
  }
  return { answers, partial };
}

const isInside = (code: string, root: string, units: UnitIndex): boolean => code === root || ancestorsOf(code, units).some((u) => u.code === root);

/** What the form asks for one unit question, `scope` being the unit whose part the page offers. */
export interface UnitStep {
  /** The units chosen so far below the scope, top down (the last is the options' parent). */
  readonly path: readonly UnitFacts[];
  /** The level the options are at. */
  readonly asking: Level;
  /** The options: the next level's units under the last choice; `selected` is the answer given. */
  readonly options: ReadonlyArray<{ readonly unit: UnitFacts; readonly selected: boolean; readonly final: boolean }>;
  /** What choosing nothing new keeps: the last choice (its code), or '' at the top. */
  readonly chosenSoFar: string;
  /** To choose again one level up: the value that asks the level of the last choice again. */
  readonly back: { readonly value: string; readonly level: Level } | null;
}

/**
 * The step a unit question is at on a page: `chosen` is the answer or partial choice the page was
 * given (ignored when it is not in the scope), `answerLevel` the level the question is answered at.
 */
export function unitStep(scope: string, answerLevel: Level, chosen: string | undefined, units: UnitIndex): UnitStep {
  const root = units.get(scope);
  if (!root || levelIndex(root.level) >= levelIndex(answerLevel)) {
    return { path: [], asking: answerLevel, options: root ? [{ unit: root, selected: true, final: true }] : [], chosenSoFar: '', back: null };
  }
  const current = chosen !== undefined && units.has(chosen) && isInside(chosen, scope, units) ? (units.get(chosen) as UnitFacts) : null;
  // An answer at the level (or below it) is shown among its siblings, selected.
  const answered = current && levelIndex(current.level) >= levelIndex(answerLevel) ? ancestorOrSelfAt(current.code, answerLevel, units) : null;
  const parentCode = answered ? (answered.parentCode ?? scope) : (current?.code ?? scope);
  const parent = units.get(parentCode) as UnitFacts;
  const path =
    parentCode === scope
      ? []
      : [
          ...ancestorsOf(parentCode, units)
            .filter((u) => isInside(u.code, scope, units) && u.code !== scope)
            .reverse(),
          parent,
        ];
  const options = childCodes(parentCode, units)
    .map((code) => units.get(code) as UnitFacts)
    .map((unit) => ({ unit, selected: unit.code === answered?.code, final: levelIndex(unit.level) >= levelIndex(answerLevel) }));
  const grandparent = parent.parentCode;
  return {
    path,
    asking: LEVELS[levelIndex(parent.level) + 1],
    options,
    chosenSoFar: parentCode === scope ? '' : parentCode,
    back: parentCode === scope ? null : { value: grandparent === null || grandparent === scope ? '' : grandparent, level: parent.level },
  };
}
