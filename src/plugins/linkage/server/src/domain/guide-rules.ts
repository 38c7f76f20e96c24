// A guide is one handling unit's instance of a stage: it must point at a real item, stage, unit and
// department that fit together, and be the only guide of that unit for that stage.
import type { AdminText } from './admin-language';
import { conditionProblems, constantConditionProblem, type QuestionShape } from './conditions';
import { isAnswerHandler, isFixedHandler } from './catalog-format';
import type { DepartmentIndex } from './departments';
import { fieldLabel } from './field-names';
import { questionShapes, type ItemVersion } from './item-rules';
import { isLevel } from './levels';
import { isWebUrl } from './links';
import { bilingual, locatedText, problem, type Problem } from './problems';
import type { UnitIndex } from './unit-tree';
import { departmentKindName, levelName } from './vocabulary';

export interface GuideDraft {
  readonly itemCode?: unknown;
  readonly stageKey?: unknown;
  readonly unitCode?: unknown;
  readonly departmentCode?: unknown;
  readonly materials?: ReadonlyArray<{ readonly when?: unknown; readonly name?: unknown }> | null;
  readonly noMaterialsNeeded?: unknown;
  readonly onlineUrl?: unknown;
}

export interface StageFacts {
  readonly key: string;
  readonly level: string;
  readonly handler: unknown;
  /** The stage's name, for messages. */
  readonly name?: string;
}

export interface ItemFacts {
  readonly code: string;
  /** The item's title, for messages. */
  readonly title?: string;
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
  /** Names in the written locale, for messages (codes are shown where a name is unknown). */
  readonly unitNames?: ReadonlyMap<string, string>;
  readonly departmentNames?: ReadonlyMap<string, string>;
}

const place = (field: string): AdminText => fieldLabel('plugin::linkage.guide', field);
const at = (field: string, en: string, zh: string): AdminText => locatedText(place(field), bilingual(en, zh));
const levelWords = (level: string, language: 'en' | 'zh-Hans') => (isLevel(level) ? levelName(level, language) : level);

const required = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

export function guideProblems(guide: GuideDraft, ctx: GuideContext): Problem[] {
  const problems: Problem[] = [];
  const { itemCode, stageKey, unitCode, departmentCode } = guide;
  const unitName = (code: string) => ctx.unitNames?.get(code) ?? code;
  const departmentName = (code: string) => ctx.departmentNames?.get(code) ?? code;

  if (!required(itemCode))
    problems.push(problem(['itemCode'], 'is required: the code of the linked item', at('itemCode', 'choose the service this guide belongs to', '请选择本指南所属的联动事项')));
  else if (!ctx.item)
    problems.push(
      problem(
        ['itemCode'],
        `no item has the code ${itemCode}`,
        at('itemCode', `no item has the code ${itemCode}: choose one from the list`, `没有编码为 ${itemCode} 的事项：请从列表中选择`)
      )
    );

  let stage: StageFacts | undefined;
  const stageName = (s: StageFacts) => `“${s.name || s.key}”`;
  if (!required(stageKey))
    problems.push(
      problem(['stageKey'], 'is required: the key of the stage this guide is for', at('stageKey', 'choose the stage this guide explains', '请选择本指南说明的办理环节'))
    );
  else if (ctx.item) {
    stage = ctx.item.stages.find((s) => s.key === stageKey);
    if (!stage) {
      const item = `“${ctx.item.title || ctx.item.code}”`;
      problems.push(
        problem(
          ['stageKey'],
          `item ${ctx.item.code} has no stage "${stageKey}" (stages: ${ctx.item.stages.map((s) => s.key).join(', ')})`,
          at('stageKey', `${item} has no stage “${stageKey}”: choose one of its stages`, `${item}没有环节“${stageKey}”：请选择该事项的环节`)
        )
      );
    }
  }

  const unit = required(unitCode) ? ctx.units.get(unitCode) : undefined;
  if (!required(unitCode))
    problems.push(
      problem(['unitCode'], 'is required: the unit that owns and handles this guide', at('unitCode', 'choose the unit that handles this stage', '请选择办理该环节的单位'))
    );
  else if (!unit)
    problems.push(
      problem(
        ['unitCode'],
        `no unit has the code ${unitCode}`,
        at('unitCode', `no unit has the code ${unitCode}: choose one from the list`, `没有代码为 ${unitCode} 的单位：请从列表中选择`)
      )
    );
  else if (stage && unit.level !== stage.level) {
    problems.push(
      problem(
        ['unitCode'],
        `${unit.code} is a ${unit.level}-level unit, but stage "${stage.key}" is handled at ${stage.level} level`,
        at(
          'unitCode',
          `${unitName(unit.code)} is a ${levelWords(unit.level, 'en')} unit, but stage ${stageName(stage)} is handled at ${levelWords(stage.level, 'en')}: choose a unit of that level`,
          `${unitName(unit.code)}是${levelWords(unit.level, 'zh-Hans')}单位，但环节${stageName(stage)}由${levelWords(stage.level, 'zh-Hans')}办理：请选择该层级的单位`
        )
      )
    );
  } else if (stage && isFixedHandler(stage.handler) && stage.handler.unit !== unit.code) {
    const only = unitName(stage.handler.unit);
    problems.push(
      problem(
        ['unitCode'],
        `stage "${stage.key}" is handled by unit ${stage.handler.unit} only, not ${unit.code}`,
        at(
          'unitCode',
          `stage ${stageName(stage)} is handled by ${only} only, not by ${unitName(unit.code)}`,
          `环节${stageName(stage)}只由${only}办理，不由${unitName(unit.code)}办理`
        )
      )
    );
  }

  const department = required(departmentCode) ? ctx.departments.get(departmentCode) : undefined;
  if (!required(departmentCode))
    problems.push(
      problem(
        ['departmentCode'],
        'is required: the department that handles this stage',
        at('departmentCode', 'choose the department that receives applicants', '请选择受理申请的部门')
      )
    );
  else if (!department)
    problems.push(
      problem(
        ['departmentCode'],
        `no department has the code ${departmentCode}`,
        at('departmentCode', `no department has the code ${departmentCode}: choose one from the list`, `没有代码为 ${departmentCode} 的部门：请从列表中选择`)
      )
    );
  else if (unit && department.unitCode !== unit.code) {
    problems.push(
      problem(
        ['departmentCode'],
        `${department.code} belongs to unit ${department.unitCode}, not to ${unit.code}`,
        at(
          'departmentCode',
          `${departmentName(department.code)} is not a department of ${unitName(unit.code)}: choose one of its departments`,
          `${departmentName(department.code)}不是${unitName(unit.code)}的部门：请选择该单位的部门`
        )
      )
    );
  } else if (stage && isFixedHandler(stage.handler) && stage.handler.department !== department.code) {
    const only = departmentName(stage.handler.department);
    problems.push(
      problem(
        ['departmentCode'],
        `stage "${stage.key}" is handled by department ${stage.handler.department} only, not ${department.code}`,
        at('departmentCode', `stage ${stageName(stage)} is handled by ${only} only`, `环节${stageName(stage)}只由${only}办理`)
      )
    );
  } else if (stage && isAnswerHandler(stage.handler) && stage.handler.departmentKind !== department.kind) {
    const wanted = stage.handler.departmentKind;
    problems.push(
      problem(
        ['departmentCode'],
        `${department.code} is a ${department.kind} department, but stage "${stage.key}" is handled by a ${stage.handler.departmentKind} department`,
        at(
          'departmentCode',
          `${departmentName(department.code)} is a ${departmentKindName(department.kind, 'en')}, but stage ${stageName(stage)} is handled by a ${departmentKindName(wanted, 'en')}: choose that department`,
          `${departmentName(department.code)}是${departmentKindName(department.kind, 'zh-Hans')}，但环节${stageName(stage)}由${departmentKindName(wanted, 'zh-Hans')}办理：请选择该部门`
        )
      )
    );
  }

  if (ctx.duplicateOf && unit && stage) {
    problems.push(
      problem(
        ['unitCode'],
        `${unit.code} already has a guide for stage "${stage.key}" of item ${ctx.item?.code} (${ctx.duplicateOf}); a unit keeps one guide per stage`,
        at(
          'unitCode',
          `${unitName(unit.code)} already has a guide for stage ${stageName(stage)}: a unit keeps one guide per stage, so edit that one`,
          `${unitName(unit.code)}已有环节${stageName(stage)}的办事指南：每个单位每个环节只有一份指南，请编辑已有的那份`
        )
      )
    );
  }

  const { onlineUrl } = guide;
  if (onlineUrl !== null && onlineUrl !== undefined && onlineUrl !== '' && !isWebUrl(onlineUrl)) {
    problems.push(
      problem(
        ['onlineUrl'],
        'must be a web address starting with http:// or https://',
        at('onlineUrl', 'give a web address starting with http:// or https://', '请填写以 http:// 或 https:// 开头的网址')
      )
    );
  }

  const materials = guide.materials ?? [];
  if (guide.noMaterialsNeeded === true && materials.length > 0) {
    problems.push(
      problem(
        ['noMaterialsNeeded'],
        `says the stage needs no materials, but ${materials.length} are listed`,
        at(
          'noMaterialsNeeded',
          `is ticked, but ${materials.length} materials are listed: untick it, or remove the materials`,
          `已勾选，但列出了 ${materials.length} 项材料：请取消勾选，或删除这些材料`
        )
      )
    );
  }
  if (ctx.item) {
    materials.forEach((material, i) => {
      if (material.when === null || material.when === undefined) return;
      const name =
        typeof (material as { name?: unknown }).name === 'string' && (material as { name: string }).name.trim() !== '' ? `“${(material as { name: string }).name}”` : `${i + 1}`;
      const where = bilingual(`Material ${name} › ${fieldLabel('linkage.material', 'when').en}`, `材料${name}的${fieldLabel('linkage.material', 'when')['zh-Hans']}`);
      const found = conditionProblems(material.when, ctx.item?.questions ?? [], { coreOnly: false });
      for (const p of found) problems.push(problem(['materials', i, 'when', ...p.path], p.message, p.text ? locatedText(where, p.text) : undefined));
      const constant = found.length === 0 ? constantConditionProblem(material.when) : null;
      if (constant) problems.push(problem(['materials', i, 'when'], constant.message, constant.text ? locatedText(where, constant.text) : undefined));
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
        stages.set(stage.key, { key: stage.key, level: stage.level, handler: stage.handler, ...(stage.name ? { name: stage.name } : {}) });
      }
    }
  }
  return { code: first.code, ...(first.title ? { title: first.title } : {}), questions: questionShapes(first.questions), stages: [...stages.values()] };
}
