// A guide is one handling unit's instance of a stage: it must point at a real item, stage, unit and
// department that fit together, and be the only guide of that unit for that stage.
import { conditionProblems, type QuestionShape } from './conditions';
import { isAnswerHandler, isFixedHandler } from './catalog-format';
import type { DepartmentIndex } from './departments';
import { questionShapes, type ItemVersion } from './item-rules';
import { isWebUrl } from './links';
import { problem, type Problem } from './problems';
import type { UnitIndex } from './unit-tree';

export interface GuideDraft {
  readonly itemCode?: unknown;
  readonly stageKey?: unknown;
  readonly unitCode?: unknown;
  readonly departmentCode?: unknown;
  readonly materials?: ReadonlyArray<{ readonly when?: unknown }> | null;
  readonly noMaterialsNeeded?: unknown;
  readonly onlineUrl?: unknown;
}

export interface StageFacts {
  readonly key: string;
  readonly level: string;
  readonly handler: unknown;
}

export interface ItemFacts {
  readonly code: string;
  readonly questions: readonly QuestionShape[];
  readonly stages: readonly StageFacts[];
}

export interface GuideContext {
  /** The guide's item, or null if no item has its code. */
  readonly item: ItemFacts | null;
  readonly units: UnitIndex;
  readonly departments: DepartmentIndex;
  /** Another guide already holding this (item, stage, unit), described for the message. */
  readonly duplicateOf: string | null;
}

const required = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

export function guideProblems(guide: GuideDraft, ctx: GuideContext): Problem[] {
  const problems: Problem[] = [];
  const { itemCode, stageKey, unitCode, departmentCode } = guide;

  if (!required(itemCode)) problems.push(problem(['itemCode'], 'is required: the code of the linked item'));
  else if (!ctx.item) problems.push(problem(['itemCode'], `no item has the code ${itemCode}`));

  let stage: StageFacts | undefined;
  if (!required(stageKey)) problems.push(problem(['stageKey'], 'is required: the key of the stage this guide is for'));
  else if (ctx.item) {
    stage = ctx.item.stages.find((s) => s.key === stageKey);
    if (!stage) {
      problems.push(problem(['stageKey'], `item ${ctx.item.code} has no stage "${stageKey}" (stages: ${ctx.item.stages.map((s) => s.key).join(', ')})`));
    }
  }

  const unit = required(unitCode) ? ctx.units.get(unitCode) : undefined;
  if (!required(unitCode)) problems.push(problem(['unitCode'], 'is required: the unit that owns and handles this guide'));
  else if (!unit) problems.push(problem(['unitCode'], `no unit has the code ${unitCode}`));
  else if (stage && unit.level !== stage.level) {
    problems.push(problem(['unitCode'], `${unit.code} is a ${unit.level}-level unit, but stage "${stage.key}" is handled at ${stage.level} level`));
  } else if (stage && isFixedHandler(stage.handler) && stage.handler.unit !== unit.code) {
    problems.push(problem(['unitCode'], `stage "${stage.key}" is handled by unit ${stage.handler.unit} only, not ${unit.code}`));
  }

  const department = required(departmentCode) ? ctx.departments.get(departmentCode) : undefined;
  if (!required(departmentCode)) problems.push(problem(['departmentCode'], 'is required: the department that handles this stage'));
  else if (!department) problems.push(problem(['departmentCode'], `no department has the code ${departmentCode}`));
  else if (unit && department.unitCode !== unit.code) {
    problems.push(problem(['departmentCode'], `${department.code} belongs to unit ${department.unitCode}, not to ${unit.code}`));
  } else if (stage && isFixedHandler(stage.handler) && stage.handler.department !== department.code) {
    problems.push(problem(['departmentCode'], `stage "${stage.key}" is handled by department ${stage.handler.department} only, not ${department.code}`));
  } else if (stage && isAnswerHandler(stage.handler) && stage.handler.departmentKind !== department.kind) {
    problems.push(
      problem(['departmentCode'], `${department.code} is a ${department.kind} department, but stage "${stage.key}" is handled by a ${stage.handler.departmentKind} department`)
    );
  }

  if (ctx.duplicateOf && unit && stage) {
    problems.push(problem(['unitCode'], `${unit.code} already has a guide for stage "${stage.key}" of item ${ctx.item?.code} (${ctx.duplicateOf}); a unit keeps one guide per stage`));
  }

  const { onlineUrl } = guide;
  if (onlineUrl !== null && onlineUrl !== undefined && onlineUrl !== '' && !isWebUrl(onlineUrl)) {
    problems.push(problem(['onlineUrl'], 'must be a web address starting with http:// or https://'));
  }

  const materials = guide.materials ?? [];
  if (guide.noMaterialsNeeded === true && materials.length > 0) {
    problems.push(problem(['noMaterialsNeeded'], `says the stage needs no materials, but ${materials.length} are listed`));
  }
  if (ctx.item) {
    materials.forEach((material, i) => {
      if (material.when === null || material.when === undefined) return;
      for (const p of conditionProblems(material.when, ctx.item?.questions ?? [], { coreOnly: false })) {
        problems.push(problem(['materials', i, 'when', ...p.path], p.message));
      }
    });
  }
  return problems;
}

/** What a guide needs of its item, from every stored version of it (the first one leads). */
export function itemFactsOf(versions: readonly ItemVersion[]): ItemFacts | null {
  const [first] = versions;
  if (!first || typeof first.code !== 'string') return null;
  const stages = new Map<string, StageFacts>();
  for (const version of versions) {
    for (const stage of version.stages) {
      if (typeof stage.key === 'string' && typeof stage.level === 'string' && !stages.has(stage.key)) {
        stages.set(stage.key, { key: stage.key, level: stage.level, handler: stage.handler });
      }
    }
  }
  return { code: first.code, questions: questionShapes(first.questions), stages: [...stages.values()] };
}
