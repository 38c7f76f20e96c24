// The national implementation list (实施清单) as the national integrated government-service
// platform's exchange tables hold it, from the published catalog: one row per (item, implementing
// unit) on 事项清单, the unit's materials on 材料, and the stages it handles, in order, on 办理环节.
// The cell rules here are read back by national-list-import.ts; docs/national-list.md maps every
// column to Linkage's fields.
import { answerSpace, candidateUnits, type AnswerSpace } from './answer-space';
import { guideKey, isAnswerHandler, type Catalog, type CatalogGuide, type CatalogItem, type CatalogMaterial, type CatalogStage, type LocalizedText } from './catalog-format';
import { conditionText } from './condition-text';
import { departmentsByUnitKind } from './handlers';
import { jointHandlers } from './joint-handlers';
import type { Level } from './levels';
import { basicCode, implementationCode } from './national-codes';
import { ownsStage, stageHandlers, type ParticipationFacts } from './participation';
import { stageOrder } from './routing';
import { ancestorOrSelfAt, indexUnits } from './unit-tree';

/** The list is Chinese, as the national platform is: every text is the catalog's zh-Hans text. */
export const LIST_LOCALE = 'zh-Hans';

export const MAIN_SHEET = '事项清单';
export const MATERIALS_SHEET = '材料';
export const STEPS_SHEET = '办理环节';

export const MAIN_COLUMNS = [
  '事项名称',
  '基本编码',
  '实施编码',
  '行使层级',
  '实施主体',
  '实施主体编码',
  '受理条件',
  '法定办结时限',
  '承诺办结时限',
  '是否收费',
  '收费依据',
  '办理地点',
  '办理时间',
  '咨询方式',
  '监督投诉方式',
  '联办机构',
  '网办地址',
] as const;
export const MATERIAL_COLUMNS = ['实施编码', '环节名称', '材料名称', '必要性', '原件份数', '复印件份数', '空白表格', '适用情形', '适用情形规则'] as const;
export const STEP_COLUMNS = ['实施编码', '序号', '环节名称', '办理处室', '办理时限'] as const;

export type MainColumn = (typeof MAIN_COLUMNS)[number];
export type MaterialColumn = (typeof MATERIAL_COLUMNS)[number];
export type StepColumn = (typeof STEP_COLUMNS)[number];

export type CellValue = string | number | null;

export interface SheetTable {
  readonly name: string;
  readonly header: readonly string[];
  readonly rows: ReadonlyArray<readonly CellValue[]>;
}

// ---- cell rules, both ways ---------------------------------------------------------------

/** 行使层级: the national platform's names of the levels Linkage has. */
export const EXERCISE_LEVELS: Readonly<Record<Level, string>> = {
  city: '市级',
  district: '县级',
  street: '镇（乡、街道）级',
  community: '村（社区）级',
};

/** 必要性 of a material. */
export const NECESSITY = { required: '必要', optional: '非必要' } as const;

/** The one 材料 row of a stage that needs no materials (no rows at all: not filled in). */
export const NO_MATERIALS = '无需提交材料';

export const YES = '是';
export const NO = '否';
/** The fee text that 是否收费 否 with no 收费依据 stands for. */
export const FREE_OF_CHARGE = '不收费';
/** Fee texts that say there is no charge, besides 不收费 (which is written as 否 alone). */
const OTHER_NO_CHARGE_TEXTS: readonly string[] = ['免费', '无'];

/** 是否收费 and 收费依据 of a guide's fee text. */
export function feeCells(fee: string | null): readonly [CellValue, CellValue] {
  if (fee === null) return [null, null];
  if (fee === FREE_OF_CHARGE) return [NO, null];
  return [OTHER_NO_CHARGE_TEXTS.includes(fee) ? NO : YES, fee];
}

/**
 * A field a unit holds once per stage, in one cell of its row: the value, when every stage it
 * handles has the same; else one line per stage, `【环节名称】value`.
 */
export function stageCell(values: ReadonlyArray<{ readonly stage: string; readonly value: CellValue }>): CellValue {
  const first = values[0]?.value ?? null;
  if (values.every((v) => v.value === first)) return first;
  return values.map((v) => `${stageLabel(v.stage)}${v.value ?? ''}`).join('\n');
}

export const stageLabel = (stageName: string): string => `【${stageName}】`;

// ---- the list of a catalog ---------------------------------------------------------------

/** A text's Chinese, as the list holds it (null when there is none). */
export const listText = (text: LocalizedText | undefined): string | null => {
  const value = text?.[LIST_LOCALE];
  return typeof value === 'string' && value !== '' ? value : null;
};

/** A stage's name in the list: its Chinese name (the key if it has none). */
export const stageName = (stage: CatalogStage): string => listText(stage.name) ?? stage.key;

/** What the list needs to know of the catalog beyond one item: units, departments, routes. */
export interface ListFacts extends ParticipationFacts {
  readonly unitName: (code: string) => string | undefined;
  readonly departmentName: (code: string) => string | undefined;
}

/** The facts of a catalog the list reads (published items only). */
export function listFacts(catalog: Catalog): ListFacts {
  const unitIndex = indexUnits(catalog.units.map((u) => ({ code: u.code, level: u.level, kind: u.kind, parentCode: u.parent })));
  const units = new Map(catalog.units.map((u) => [u.code, u]));
  const departments = new Map(catalog.departments.map((d) => [d.code, d]));
  const spaces = new Map<string, AnswerSpace>();
  return {
    unitIndex,
    space: (item) => {
      const known = spaces.get(item.code);
      if (known) return known;
      const space = answerSpace(item, unitIndex);
      spaces.set(item.code, space);
      return space;
    },
    unitName: (code) => listText(units.get(code)?.name) ?? undefined,
    departmentName: (code) => listText(departments.get(code)?.name) ?? undefined,
  };
}

/**
 * Whether a unit implements a stage of an item, so that the list holds its guide: some answer routes
 * the stage to it (胶州市, a county-level city, never approves a normal retirement alone); or, where
 * no answer can name a unit in its area yet (the unit tree below it is not filled in), the stage's
 * handler can be it.
 */
export function implementsStage(item: CatalogItem, stageKey: string, unitCode: string, facts: ListFacts): boolean {
  if (ownsStage(item, stageKey, unitCode, facts)) return true;
  const stage = item.stages.find((s) => s.key === stageKey);
  const unit = facts.unitIndex.get(unitCode);
  const handler = stage?.handler;
  if (!stage || !unit || stage.level !== unit.level || !isAnswerHandler(handler)) return false;
  const question = item.questions.find((q) => q.key === handler.fromAnswer);
  if (!question) return false;
  const answerable = candidateUnits(question, item, facts.unitIndex).some((u) => ancestorOrSelfAt(u.code, unit.level, facts.unitIndex)?.code === unitCode);
  return !answerable && stageHandlers(item, stageKey, unitCode, facts).includes(unitCode);
}

/** The stages of a published item a unit implements and has a published guide of, in order. */
function handledStages(item: CatalogItem, unitCode: string, guides: ReadonlyMap<string, CatalogGuide>, facts: ListFacts): Array<{ stage: CatalogStage; guide: CatalogGuide }> {
  return [...item.stages]
    .sort(stageOrder)
    .map((stage) => ({ stage, guide: guides.get(guideKey({ item: item.code, stage: stage.key, unit: unitCode })) }))
    .filter((s): s is { stage: CatalogStage; guide: CatalogGuide } => s.guide !== undefined && implementsStage(item, s.stage.key, unitCode, facts));
}

function materialRows(code: string, stage: CatalogStage, materials: readonly CatalogMaterial[] | undefined, item: CatalogItem, facts: ListFacts): CellValue[][] {
  if (materials === undefined) return [];
  const name = stageName(stage);
  if (materials.length === 0) return [[code, name, NO_MATERIALS, null, null, null, null, null, null]];
  return materials.map((m) => {
    const when = m.when === undefined || m.when === null ? null : m.when;
    return [
      code,
      name,
      listText(m.name),
      m.required === undefined ? null : m.required ? NECESSITY.required : NECESSITY.optional,
      m.original ?? null,
      m.copies ?? null,
      m.blankForm ?? null,
      when === null ? null : conditionText(when, item, LIST_LOCALE, facts.unitName),
      when === null ? null : JSON.stringify(when),
    ];
  });
}

/**
 * The national list of a catalog: its published items' published guides, one 事项清单 row per
 * (item, unit) that handles a stage of the item, by item code, then unit code.
 */
export function nationalList(catalog: Catalog): SheetTable[] {
  const facts = listFacts(catalog);
  const items = catalog.items.filter((i) => i.status !== 'draft').sort((a, b) => a.code.localeCompare(b.code));
  const guides = new Map(catalog.guides.filter((g) => g.status !== 'draft').map((g) => [guideKey(g), g]));
  const units = new Map(catalog.units.map((u) => [u.code, u]));
  const byUnitKind = departmentsByUnitKind(catalog.departments.map((d) => ({ code: d.code, kind: d.kind, unitCode: d.unit })));
  const main: CellValue[][] = [];
  const materials: CellValue[][] = [];
  const steps: CellValue[][] = [];

  for (const item of items) {
    const unitCodes = [...new Set(catalog.guides.filter((g) => g.item === item.code).map((g) => g.unit))].sort();
    if (unitCodes.length === 0) continue;
    const joint = jointHandlers(facts.space(item), byUnitKind);
    for (const unitCode of unitCodes) {
      const unit = units.get(unitCode);
      const handled = handledStages(item, unitCode, guides, facts);
      if (!unit || handled.length === 0) continue;
      const code = implementationCode(unitCode, item.code);
      const per = (value: (guide: CatalogGuide) => CellValue): CellValue => stageCell(handled.map(({ stage, guide }) => ({ stage: stageName(stage), value: value(guide) })));
      const fee = (guide: CatalogGuide) => feeCells(listText(guide.fee));
      const others = [...new Set((joint.get(unitCode) ?? []).map((h) => facts.departmentName(h.departmentCode) ?? h.departmentCode))];
      main.push([
        listText(item.title),
        basicCode(item.code),
        code,
        EXERCISE_LEVELS[unit.level],
        listText(unit.name),
        unitCode,
        per((g) => listText(g.conditions)),
        per((g) => g.timeLimit?.statutoryDays ?? null),
        per((g) => g.timeLimit?.promisedDays ?? null),
        per((g) => fee(g)[0]),
        per((g) => fee(g)[1]),
        per((g) => listText(g.address)),
        per((g) => listText(g.hours)),
        per((g) => g.phone ?? null),
        // Linkage keeps no complaint channel: left blank rather than made up (docs/national-list.md).
        null,
        others.length > 0 ? others.join('、') : null,
        per((g) => g.onlineUrl ?? null),
      ]);
      handled.forEach(({ stage, guide }, i) => {
        steps.push([code, i + 1, stageName(stage), facts.departmentName(guide.department) ?? guide.department, guide.timeLimit?.promisedDays ?? null]);
        materials.push(...materialRows(code, stage, guide.materials, item, facts));
      });
    }
  }
  return [
    { name: MAIN_SHEET, header: MAIN_COLUMNS, rows: main },
    { name: MATERIALS_SHEET, header: MATERIAL_COLUMNS, rows: materials },
    { name: STEPS_SHEET, header: STEP_COLUMNS, rows: steps },
  ];
}
