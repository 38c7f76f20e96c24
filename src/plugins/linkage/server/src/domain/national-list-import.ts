// Reading a national implementation list (实施清单) back into guides: the rows of one unit (or of every
// unit), checked cell by cell against the stored items, units and departments. Each problem names
// its sheet, row and column; with any problem nothing is imported. The guides read become a catalog
// file of guides only, which the catalog import writes like any other (services/national-list.ts).
// The cell rules are those the export writes (national-list.ts); docs/national-list.md says them.
import type { AdminText } from './admin-language';
import {
  guideKey,
  isAnswerHandler,
  isFixedHandler,
  type Catalog,
  type CatalogGuide,
  type CatalogItem,
  type CatalogMaterial,
  type CatalogStage,
  type LocalizedText,
} from './catalog-format';
import { conditionText } from './condition-text';
import { basicCode, implementationCode, readImplementationCode } from './national-codes';
import {
  EXERCISE_LEVELS,
  FREE_OF_CHARGE,
  LIST_LOCALE,
  MAIN_SHEET,
  MATERIALS_SHEET,
  NECESSITY,
  NO,
  NO_MATERIALS,
  STEPS_SHEET,
  YES,
  implementsStage,
  listFacts,
  listText,
  stageLabel,
  stageName,
  type ListFacts,
  type MainColumn,
  type MaterialColumn,
  type StepColumn,
} from './national-list';
import { bilingual, describeProblem, locatedText, problem, type Problem } from './problems';

/** A cell as a workbook or CSV gives it. */
export type SheetCell = string | number | boolean | Date | null;

/** A sheet as read: `rows[0]` is row 1, the header. */
export interface InputSheet {
  readonly name: string;
  readonly rows: ReadonlyArray<ReadonlyArray<SheetCell>>;
}

/** `--unit all`: the rows of every unit. */
export const ALL_UNITS = 'all';

/** Where a guide read from the list stands in it: for naming the cells of a problem found later. */
export interface GuideOrigin {
  readonly mainRow: number;
  readonly stepRow: number;
  readonly materialRows: readonly number[];
}

export interface ListReading {
  readonly guides: readonly CatalogGuide[];
  readonly origins: readonly GuideOrigin[];
  readonly problems: readonly Problem[];
  /** The units whose rows were read. */
  readonly units: readonly string[];
  /** 事项清单 rows of other units, not read. */
  readonly otherUnitRows: number;
  /** Stored guides of the units read that the list does not hold: kept as they are. */
  readonly unlisted: readonly string[];
  /** 监督投诉方式 cells with a value: Linkage keeps no such field. */
  readonly complaintCells: number;
}

// ---- problems, by sheet, row and column --------------------------------------------------

const say = bilingual;

const shown = (value: unknown): AdminText => {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  return say(JSON.stringify(text), `「${text}」`);
};

/** A problem at a sheet, row and column (row and column when known). */
export function sheetProblem(sheet: string, row: number | null, column: string | null, reason: AdminText): Problem {
  const where =
    row !== null && column !== null
      ? say(`${sheet} row ${row}, column ${column}`, `${sheet} 第 ${row} 行「${column}」列`)
      : row !== null
        ? say(`${sheet} row ${row}`, `${sheet} 第 ${row} 行`)
        : column !== null
          ? say(`${sheet}, column ${column}`, `${sheet}「${column}」列`)
          : say(sheet, sheet);
  return problem([sheet, ...(row !== null ? [row] : []), ...(column !== null ? [column] : [])], reason.en, locatedText(where, reason));
}

/** A list refused as a whole: nothing was written; every problem names its cell. */
export class NationalListRejected extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(`The national list was not imported (${problems.length === 1 ? '1 problem' : `${problems.length} problems`}; nothing was written)`);
    this.name = 'NationalListRejected';
  }
}

// ---- cells -------------------------------------------------------------------------------

type Read<T> = { readonly ok: T } | { readonly problem: AdminText };

const isBlank = (cell: SheetCell | undefined): boolean => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

/** A text cell: verbatim (a blank one is none); a number as it reads. */
function textOf(cell: SheetCell): Read<string | null> {
  if (isBlank(cell)) return { ok: null };
  if (cell instanceof Date)
    return { problem: say(`must be text, got the date ${shown(cell).en}: format the cell as text`, `应为文本，实为日期${shown(cell)['zh-Hans']}：请将单元格设为文本格式`) };
  return { ok: String(cell) };
}

/** A code: trimmed text, or a whole number a spreadsheet made of a code of digits. */
function codeOf(cell: SheetCell): string | null {
  if (typeof cell === 'number' && Number.isSafeInteger(cell)) return String(cell);
  return typeof cell === 'string' && cell.trim() !== '' ? cell.trim() : null;
}

/** A whole number ≥ 0 (days, copies); `what` says of what, in both languages. */
function wholeNumberOf(cell: SheetCell, what: AdminText): Read<number | undefined> {
  if (isBlank(cell)) return { ok: undefined };
  if (typeof cell === 'number' && Number.isSafeInteger(cell) && cell >= 0) return { ok: cell };
  if (typeof cell === 'string' && /^\d{1,9}$/.test(cell.trim())) return { ok: Number(cell.trim()) };
  return { problem: say(`must be a whole number of ${what.en}, got ${shown(cell).en}`, `应为${what['zh-Hans']}的整数，实为${shown(cell)['zh-Hans']}`) };
}

const WORKING_DAYS = say('working days', '工作日');
const COPIES = say('copies', '份数');

/** 行使层级 as written: spaces and half-width brackets allowed. */
const levelWritten = (text: string): string => text.replace(/\s/g, '').replace(/\(/g, '（').replace(/\)/g, '）');

/**
 * One cell of a field a unit holds per stage, split by stage: `【环节名称】value` lines, one per stage
 * the row's 办理环节 list, or one value for all of them.
 */
export function splitStageCell(cell: SheetCell, stageNames: readonly string[]): Read<Map<string, SheetCell>> {
  const labelled = typeof cell === 'string' && stageNames.some((name) => cell.startsWith(stageLabel(name)));
  if (!labelled) return { ok: new Map(stageNames.map((name) => [name, cell])) };
  const parts = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of (cell as string).split(/\r?\n/)) {
    const name = stageNames.find((n) => line.startsWith(stageLabel(n)));
    if (name === undefined) {
      current.push(line);
      continue;
    }
    if (parts.has(name)) return { problem: say(`gives ${stageLabel(name)} twice`, `${stageLabel(name)}出现了两次`) };
    current = [line.slice(stageLabel(name).length)];
    parts.set(name, current);
  }
  const missing = stageNames.filter((n) => !parts.has(n));
  if (missing.length > 0) {
    const names = missing.map(stageLabel).join('');
    return {
      problem: say(
        `gives no line for ${names}: give one line per 环节 (【环节名称】value), or one value for all of them`,
        `缺少${names}一行：请每个环节一行（【环节名称】内容），或对所有环节只写一个值`
      ),
    };
  }
  return { ok: new Map([...parts].map(([name, lines]) => [name, lines.join('\n')])) };
}

// ---- sheets and their columns ------------------------------------------------------------

interface Row<C extends string> {
  readonly row: number;
  readonly cell: (column: C) => SheetCell;
}

/** The data rows of a sheet by column name (blank rows left out); null when a column it needs is missing. */
function readTable<C extends string>(sheets: readonly InputSheet[], name: string, required: readonly C[], problems: Problem[]): Array<Row<C>> | null {
  const sheet = sheets.find((s) => s.name.trim() === name);
  if (!sheet) {
    problems.push(
      sheetProblem(
        name,
        null,
        null,
        say(`there is no sheet of this name (the sheets: ${sheets.map((s) => s.name).join(', ')})`, `没有这个工作表（现有：${sheets.map((s) => s.name).join('、')}）`)
      )
    );
    return null;
  }
  const header = (sheet.rows[0] ?? []).map((cell) => (typeof cell === 'string' ? cell.trim() : cell === null ? '' : String(cell)));
  const index = new Map<string, number>();
  let complete = true;
  header.forEach((title, i) => {
    if (title === '') return;
    if (index.has(title)) {
      problems.push(sheetProblem(name, 1, title, say('is the header of two columns: keep one', '有两列同名：请只保留一列')));
      complete = false;
    }
    index.set(title, i);
  });
  for (const column of required) {
    if (!index.has(column)) {
      problems.push(sheetProblem(name, 1, null, say(`has no column ${column}: add it (a header cell in row 1)`, `缺少「${column}」列：请在第 1 行加上该列标题`)));
      complete = false;
    }
  }
  if (!complete) return null;
  const rows: Array<Row<C>> = [];
  sheet.rows.forEach((cells, i) => {
    if (i === 0 || cells.every((c) => isBlank(c))) return;
    rows.push({ row: i + 1, cell: (column) => (index.has(column) ? (cells[index.get(column) as number] ?? null) : null) });
  });
  return rows;
}

const MAIN_REQUIRED: readonly MainColumn[] = [
  '基本编码',
  '实施编码',
  '实施主体编码',
  '受理条件',
  '法定办结时限',
  '承诺办结时限',
  '是否收费',
  '收费依据',
  '办理地点',
  '办理时间',
  '咨询方式',
  '网办地址',
];
const STEP_REQUIRED: readonly StepColumn[] = ['实施编码', '环节名称', '办理处室'];
const MATERIAL_REQUIRED: readonly MaterialColumn[] = ['实施编码', '环节名称', '材料名称', '必要性', '原件份数', '复印件份数', '空白表格', '适用情形规则'];

// ---- the list ----------------------------------------------------------------------------

/** One 事项清单 row read: an item as implemented by a unit. */
interface Entry {
  readonly row: Row<MainColumn>;
  readonly code: string;
  readonly item: CatalogItem;
  readonly unitCode: string;
  readonly steps: Step[];
  /** The 环节名称 of every 办理环节 row of the entry, read or not: what its per-stage cells may name. */
  readonly stageNames: string[];
}

/** One 办理环节 row read: a stage the unit handles, and the department that does. */
interface Step {
  readonly row: number;
  readonly stage: CatalogStage;
  readonly department: string;
  readonly promised: number | undefined;
  materials: Array<{ row: number; material: CatalogMaterial }> | undefined;
}

/** A text of the list: Chinese only (the import writes the Chinese locale; the others keep theirs). */
const chinese = (value: string | null | undefined): LocalizedText | undefined => (value === null || value === undefined ? undefined : { [LIST_LOCALE]: value });

/** An object without its undefined fields (the catalog's shape has no undefined values). */
const defined = <T extends object>(record: T): T => Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;

/** The department that handles a stage at a unit when the list names none. */
function defaultDepartment(stage: CatalogStage, unitCode: string, catalog: Catalog): string | null {
  if (isFixedHandler(stage.handler)) return stage.handler.unit === unitCode ? stage.handler.department : null;
  if (!isAnswerHandler(stage.handler)) return null;
  const kind = stage.handler.departmentKind;
  const ofKind = catalog.departments.filter((d) => d.unit === unitCode && d.kind === kind);
  return ofKind.length === 1 ? ofKind[0].code : null;
}

/**
 * Reads the guides of `unit` (a unit code, or ALL_UNITS) from the sheets of a national list, against
 * the stored catalog. Rows of other units are left alone and counted.
 */
export function readNationalList(sheets: readonly InputSheet[], stored: Catalog, unit: string): ListReading {
  const problems: Problem[] = [];
  const facts: ListFacts = listFacts(stored);
  const items = new Map(stored.items.filter((i) => i.status !== 'draft').map((i) => [basicCode(i.code), i]));
  const units = new Map(stored.units.map((u) => [u.code, u]));
  const inScope = (unitCode: string) => unit === ALL_UNITS || unitCode === unit;
  if (unit !== ALL_UNITS && !units.has(unit)) {
    return {
      guides: [],
      origins: [],
      problems: [problem(['unit'], `no unit has the code ${unit}`, say(`--unit: no unit has the code ${unit}`, `--unit：没有代码为 ${unit} 的单位`))],
      units: [],
      otherUnitRows: 0,
      unlisted: [],
      complaintCells: 0,
    };
  }

  const mainRows = readTable<MainColumn>(sheets, MAIN_SHEET, MAIN_REQUIRED, problems);
  const stepRows = readTable<StepColumn>(sheets, STEPS_SHEET, STEP_REQUIRED, problems);
  const materialRows = readTable<MaterialColumn>(sheets, MATERIALS_SHEET, MATERIAL_REQUIRED, problems);
  if (!mainRows || !stepRows || !materialRows) return { guides: [], origins: [], problems, units: [], otherUnitRows: 0, unlisted: [], complaintCells: 0 };

  // 事项清单: which item, which unit.
  const entries = new Map<string, Entry>();
  /** 实施编码 of rows with a problem, written or due: their 办理环节 and 材料 rows are not named again. */
  const failedCodes = new Set<string>();
  let otherUnitRows = 0;
  let complaintCells = 0;
  for (const row of mainRows) {
    const written = codeOf(row.cell('实施编码'));
    const at = (column: MainColumn, reason: AdminText) => {
      problems.push(sheetProblem(MAIN_SHEET, row.row, column, reason));
      if (written !== null) failedCodes.add(written);
    };
    const unitCode = codeOf(row.cell('实施主体编码'));
    if (unitCode === null || !/^\d{12}$/.test(unitCode)) {
      at(
        '实施主体编码',
        unitCode === null
          ? say('is required: the 12-digit division code of the implementing unit', '不能为空：应为实施主体的 12 位区划代码')
          : say(`must be a 12-digit division code, got ${shown(unitCode).en}`, `应为 12 位区划代码，实为${shown(unitCode)['zh-Hans']}`)
      );
      continue;
    }
    if (!inScope(unitCode)) {
      otherUnitRows += 1;
      continue;
    }
    const unitRecord = units.get(unitCode);
    if (!unitRecord) {
      at('实施主体编码', say(`no unit has the code ${unitCode}`, `没有代码为 ${unitCode} 的单位`));
      continue;
    }
    const basic = codeOf(row.cell('基本编码'));
    const item = basic === null ? undefined : items.get(basic);
    if (!item) {
      at(
        '基本编码',
        basic === null
          ? say('is required: the code of the item', '不能为空：应为事项的编码')
          : say(`no published item has the 基本编码 ${basic}`, `没有基本编码为 ${basic} 的已发布事项`)
      );
      continue;
    }
    const code = implementationCode(unitCode, item.code);
    if (written !== code) {
      // The rows of the other sheets may name the code due or the code written.
      failedCodes.add(code);
      at(
        '实施编码',
        say(
          `must be ${code} (实施主体编码 followed by 基本编码), got ${shown(written ?? '').en}`,
          `应为 ${code}（实施主体编码后接基本编码），实为${shown(written ?? '')['zh-Hans']}`
        )
      );
      continue;
    }
    const first = entries.get(code);
    if (first) {
      problems.push(
        sheetProblem(
          MAIN_SHEET,
          row.row,
          '实施编码',
          say(`${code} is also the 实施编码 of row ${first.row.row}: one row per item and unit`, `${code} 与第 ${first.row.row} 行重复：每个事项和实施主体只有一行`)
        )
      );
      continue;
    }
    const before = problems.length;
    const expect = (column: MainColumn, value: string | null, what: AdminText) => {
      const cell = row.cell(column);
      if (isBlank(cell) || value === null) return;
      const given = column === '行使层级' ? levelWritten(String(cell)) : String(cell).trim();
      if (given !== value)
        at(column, say(`must be ${JSON.stringify(value)}, ${what.en}, got ${shown(cell).en}`, `应为「${value}」（${what['zh-Hans']}），实为${shown(cell)['zh-Hans']}`));
    };
    expect('事项名称', listText(item.title), say(`the name of item ${item.code}`, `事项 ${item.code} 的名称`));
    expect('实施主体', listText(unitRecord.name), say(`the name of unit ${unitCode}`, `单位 ${unitCode} 的名称`));
    expect('行使层级', EXERCISE_LEVELS[unitRecord.level], say(`the level of unit ${unitCode}`, `单位 ${unitCode} 的层级`));
    if (!isBlank(row.cell('监督投诉方式'))) complaintCells += 1;
    if (problems.length === before) entries.set(code, { row, code, item, unitCode, steps: [], stageNames: [] });
  }

  /** The entry a 办理环节 or 材料 row belongs to; null when it is another unit's row, or wrong (a problem then). */
  const entryOf = (sheet: string, row: number, cell: SheetCell): Entry | null => {
    const code = codeOf(cell);
    if (code === null) {
      problems.push(sheetProblem(sheet, row, '实施编码', say('is required: the 实施编码 of a 事项清单 row', '不能为空：应为事项清单中某一行的实施编码')));
      return null;
    }
    const entry = entries.get(code);
    if (entry) return entry;
    const named = readImplementationCode(code);
    if ((named && !inScope(named.unitCode)) || failedCodes.has(code)) return null;
    problems.push(sheetProblem(sheet, row, '实施编码', say(`no 事项清单 row has the 实施编码 ${code}`, `事项清单中没有实施编码为 ${code} 的行`)));
    return null;
  };

  // 办理环节: the stages each unit handles, and which department.
  for (const row of stepRows) {
    const entry = entryOf(STEPS_SHEET, row.row, row.cell('实施编码'));
    if (!entry) continue;
    const at = (column: StepColumn, reason: AdminText) => problems.push(sheetProblem(STEPS_SHEET, row.row, column, reason));
    const { item, unitCode } = entry;
    const unitName = facts.unitName(unitCode) ?? unitCode;
    const name = textOf(row.cell('环节名称'));
    const stageNames = item.stages.map(stageName).join('、');
    if ('problem' in name || name.ok === null) {
      at(
        '环节名称',
        'problem' in name
          ? name.problem
          : say(`is required: one of the 环节 of ${listText(item.title)} (${stageNames})`, `不能为空：应为「${listText(item.title)}」的环节之一（${stageNames}）`)
      );
      continue;
    }
    const given = name.ok.trim();
    if (!entry.stageNames.includes(given)) entry.stageNames.push(given);
    const matching = item.stages.filter((s) => stageName(s) === given);
    if (matching.length !== 1) {
      at(
        '环节名称',
        matching.length === 0
          ? say(
              `${shown(given).en} is not a 环节 of ${listText(item.title)} (its 环节: ${stageNames})`,
              `${shown(given)['zh-Hans']}不是「${listText(item.title)}」的环节（其环节：${stageNames}）`
            )
          : say(
              `${shown(given).en} names ${matching.length} 环节 of ${listText(item.title)}: the city must rename them`,
              `${shown(given)['zh-Hans']}对应「${listText(item.title)}」的 ${matching.length} 个环节：请市级管理员修改环节名称`
            )
      );
      continue;
    }
    const stage = matching[0];
    if (!implementsStage(item, stage.key, unitCode, facts)) {
      at(
        '环节名称',
        say(
          `${unitName} does not handle ${shown(stageName(stage)).en}: the city's item routes it to other units`,
          `${unitName}不办理${shown(stageName(stage))['zh-Hans']}：市级事项将该环节交由其他单位办理`
        )
      );
      continue;
    }
    const twice = entry.steps.find((s) => s.stage.key === stage.key);
    if (twice) {
      at(
        '环节名称',
        say(`${shown(stageName(stage)).en} is also on row ${twice.row}: one row per 环节`, `${shown(stageName(stage))['zh-Hans']}与第 ${twice.row} 行重复：每个环节只有一行`)
      );
      continue;
    }
    const departments = stored.departments.filter((d) => d.unit === unitCode);
    const office = textOf(row.cell('办理处室'));
    let department: string | null = null;
    if ('problem' in office) at('办理处室', office.problem);
    else if (office.ok === null) {
      department = defaultDepartment(stage, unitCode, stored);
      if (department === null) at('办理处室', say(`is required: which department of ${unitName} handles it`, `不能为空：应为${unitName}办理该环节的部门`));
    } else {
      const given = office.ok.trim();
      const found = departments.filter((d) => listText(d.name) === given);
      const byCode = departments.find((d) => d.code === given);
      if (found.length === 1) department = found[0].code;
      else if (byCode) department = byCode.code;
      else
        at(
          '办理处室',
          found.length > 1
            ? say(
                `${unitName} has ${found.length} departments named ${shown(given).en}: write the department's code`,
                `${unitName}有 ${found.length} 个名为${shown(given)['zh-Hans']}的部门：请填写部门代码`
              )
            : say(
                `${shown(given).en} is not a department of ${unitName} (its departments: ${departments.map((d) => listText(d.name) ?? d.code).join('、')})`,
                `${shown(given)['zh-Hans']}不是${unitName}的部门（其部门：${departments.map((d) => listText(d.name) ?? d.code).join('、')}）`
              )
        );
    }
    const promised = wholeNumberOf(row.cell('办理时限'), WORKING_DAYS);
    if ('problem' in promised) at('办理时限', promised.problem);
    if (department === null || 'problem' in promised) continue;
    entry.steps.push({ row: row.row, stage, department, promised: promised.ok, materials: undefined });
  }

  // 材料: each stage's materials, in their order.
  const noMaterialsRow = new Map<Step, number>();
  for (const row of materialRows) {
    const entry = entryOf(MATERIALS_SHEET, row.row, row.cell('实施编码'));
    if (!entry) continue;
    const at = (column: MaterialColumn, reason: AdminText) => problems.push(sheetProblem(MATERIALS_SHEET, row.row, column, reason));
    const before = problems.length;
    const names = entry.stageNames;
    const stageCell = textOf(row.cell('环节名称'));
    let stage: string | null = null;
    if ('problem' in stageCell) at('环节名称', stageCell.problem);
    else if (stageCell.ok === null) {
      if (names.length === 1) stage = names[0];
      else if (names.length > 1)
        at('环节名称', say(`is required: ${entry.code} has several 环节 (${names.join('、')})`, `不能为空：${entry.code} 有多个环节（${names.join('、')}）`));
    } else {
      stage = stageCell.ok.trim();
      if (!names.includes(stage) && names.length > 0) {
        at(
          '环节名称',
          say(
            `${shown(stage).en} is not a 环节 of ${entry.code} on ${STEPS_SHEET} (${names.join('、')})`,
            `${shown(stage)['zh-Hans']}不是${STEPS_SHEET}中 ${entry.code} 的环节（${names.join('、')}）`
          )
        );
      }
    }
    // Its 办理环节 row may have a problem of its own: the material's cells are checked all the same.
    const step = entry.steps.find((s) => stageName(s.stage) === stage);
    const name = textOf(row.cell('材料名称'));
    if ('problem' in name) at('材料名称', name.problem);
    else if (name.ok === null) at('材料名称', say('is required', '不能为空'));
    if ('problem' in name || name.ok === null) continue;

    if (name.ok.trim() === NO_MATERIALS) {
      if (!step) continue;
      if (step.materials && step.materials.length > 0)
        at(
          '材料名称',
          say(`says ${NO_MATERIALS}, but row ${step.materials[0].row} names a material of this 环节`, `写了「${NO_MATERIALS}」，但第 ${step.materials[0].row} 行列有该环节的材料`)
        );
      else {
        step.materials = [];
        noMaterialsRow.set(step, row.row);
      }
      continue;
    }
    if (step && noMaterialsRow.has(step)) {
      at('材料名称', say(`row ${noMaterialsRow.get(step)} says ${NO_MATERIALS} for this 环节`, `第 ${noMaterialsRow.get(step)} 行已写明该环节「${NO_MATERIALS}」`));
      continue;
    }
    const necessity = textOf(row.cell('必要性'));
    let required: boolean | undefined;
    if ('problem' in necessity) at('必要性', necessity.problem);
    else if (necessity.ok !== null) {
      const given = necessity.ok.trim();
      if (given === NECESSITY.required) required = true;
      else if (given === NECESSITY.optional) required = false;
      else
        at(
          '必要性',
          say(
            `must be ${NECESSITY.required} or ${NECESSITY.optional}, got ${shown(given).en}`,
            `应为「${NECESSITY.required}」或「${NECESSITY.optional}」，实为${shown(given)['zh-Hans']}`
          )
        );
    }
    const original = wholeNumberOf(row.cell('原件份数'), COPIES);
    if ('problem' in original) at('原件份数', original.problem);
    const copies = wholeNumberOf(row.cell('复印件份数'), COPIES);
    if ('problem' in copies) at('复印件份数', copies.problem);
    const blankForm = textOf(row.cell('空白表格'));
    if ('problem' in blankForm) at('空白表格', blankForm.problem);
    const ruleText = textOf(row.cell('适用情形规则'));
    const sentence = textOf(row.cell('适用情形'));
    let when: unknown;
    if ('problem' in ruleText) at('适用情形规则', ruleText.problem);
    else if (ruleText.ok !== null) {
      try {
        when = JSON.parse(ruleText.ok) as unknown;
      } catch {
        at(
          '适用情形规则',
          say(`must be a JSON Logic rule as the export writes it, got ${shown(ruleText.ok).en}`, `应为导出时写出的 JSON Logic 规则，实为${shown(ruleText.ok)['zh-Hans']}`)
        );
      }
    }
    if ('problem' in sentence) at('适用情形', sentence.problem);
    else if (sentence.ok !== null && when === undefined && !('problem' in ruleText) && ruleText.ok === null) {
      at(
        '适用情形',
        say(
          `is a sentence with no rule in 适用情形规则: Linkage cannot read a condition from a sentence; clear it and set the condition in the guide's editor`,
          `只有文字而「适用情形规则」为空：系统无法从文字读出条件；请清空此格，并在指南编辑页设置适用条件`
        )
      );
    } else if (sentence.ok !== null && when !== undefined) {
      const reads = conditionText(when, entry.item, LIST_LOCALE, facts.unitName);
      if (sentence.ok.trim() !== reads)
        at(
          '适用情形',
          say(
            `says ${shown(sentence.ok).en}, but 适用情形规则 reads ${shown(reads).en}: change the rule, or clear this cell`,
            `写的是${shown(sentence.ok)['zh-Hans']}，而「适用情形规则」读作${shown(reads)['zh-Hans']}：请修改规则，或清空此格`
          )
        );
    }
    if (!step || problems.length > before || 'problem' in original || 'problem' in copies || 'problem' in blankForm) continue;
    const material: CatalogMaterial = defined({
      name: { [LIST_LOCALE]: name.ok },
      original: original.ok,
      copies: copies.ok,
      required,
      when,
      blankForm: 'problem' in blankForm ? undefined : (blankForm.ok ?? undefined),
    });
    step.materials = [...(step.materials ?? []), { row: row.row, material }];
  }

  // 事项清单 again: each stage's own facts, and the guides.
  const guides: CatalogGuide[] = [];
  const origins: GuideOrigin[] = [];
  for (const entry of entries.values()) {
    const { row } = entry;
    const at = (column: MainColumn, reason: AdminText) => problems.push(sheetProblem(MAIN_SHEET, row.row, column, reason));
    if (entry.stageNames.length === 0) {
      problems.push(
        sheetProblem(
          MAIN_SHEET,
          row.row,
          null,
          say(`${entry.code} has no rows on ${STEPS_SHEET}: list the 环节 this unit handles there`, `${entry.code} 在${STEPS_SHEET}中没有行：请在该表列出本单位办理的环节`)
        )
      );
      continue;
    }
    const names = entry.stageNames;
    const several = names.length > 1;
    const before = problems.length;
    /** Each stage's value of a column, read by `read`; problems named by stage when the row has several. */
    const perStage = <T>(column: MainColumn, read: (cell: SheetCell) => Read<T>): Map<string, T> => {
      const values = new Map<string, T>();
      const split = splitStageCell(row.cell(column), names);
      if ('problem' in split) {
        at(column, split.problem);
        return values;
      }
      for (const [name, cell] of split.ok) {
        const value = read(cell);
        if ('problem' in value) at(column, several ? say(`${stageLabel(name)} ${value.problem.en}`, `${stageLabel(name)}${value.problem['zh-Hans']}`) : value.problem);
        else values.set(name, value.ok);
      }
      return values;
    };
    const conditions = perStage('受理条件', textOf);
    const statutory = perStage('法定办结时限', (c) => wholeNumberOf(c, WORKING_DAYS));
    const promised = perStage('承诺办结时限', (c) => wholeNumberOf(c, WORKING_DAYS));
    const charged = perStage('是否收费', textOf);
    const basis = perStage('收费依据', textOf);
    const address = perStage('办理地点', textOf);
    const hours = perStage('办理时间', textOf);
    const phone = perStage('咨询方式', textOf);
    const onlineUrl = perStage('网办地址', textOf);
    const fees = new Map<string, string | null>();
    for (const name of names) {
      const yesNo = charged.get(name)?.trim() ?? null;
      const text = basis.get(name) ?? null;
      const label = several ? stageLabel(name) : '';
      if (yesNo !== null && yesNo !== YES && yesNo !== NO)
        at('是否收费', say(`${label}must be ${YES} or ${NO}, got ${shown(yesNo).en}`, `${label}应为「${YES}」或「${NO}」，实为${shown(yesNo)['zh-Hans']}`));
      else if (yesNo === YES && text === null)
        at('收费依据', say(`${label}is required when 是否收费 is ${YES}: what is charged and on what basis`, `${label}是否收费为「${YES}」时不能为空：请写明收费标准和依据`));
      else if (yesNo === null && text !== null)
        at('是否收费', say(`${label}is required when 收费依据 is given: ${YES} or ${NO}`, `${label}填写了收费依据时不能为空：应为「${YES}」或「${NO}」`));
      else fees.set(name, yesNo === NO && text === null ? FREE_OF_CHARGE : text);
    }
    for (const step of entry.steps) {
      const name = stageName(step.stage);
      const days = promised.get(name);
      // A 承诺办结时限 on the 事项清单 row (or its absence there) that the 环节 row contradicts.
      if (step.promised !== undefined && promised.has(name) && step.promised !== days) {
        const given = days === undefined ? { en: 'no 承诺办结时限', zh: '没有承诺办结时限' } : { en: `a 承诺办结时限 of ${days}`, zh: `的承诺办结时限为 ${days}` };
        problems.push(
          sheetProblem(
            STEPS_SHEET,
            step.row,
            '办理时限',
            say(
              `${step.promised} working days, but 事项清单 row ${row.row} gives this 环节 ${given.en}`,
              `为 ${step.promised} 个工作日，而事项清单第 ${row.row} 行该环节${given.zh}`
            )
          )
        );
      }
    }
    if (problems.length > before) continue;

    for (const step of entry.steps) {
      const name = stageName(step.stage);
      const statutoryDays = statutory.get(name);
      const promisedDays = promised.get(name);
      guides.push(
        defined({
          item: entry.item.code,
          stage: step.stage.key,
          unit: entry.unitCode,
          department: step.department,
          conditions: chinese(conditions.get(name)),
          materials: step.materials?.map(({ material }) => material),
          timeLimit: statutoryDays === undefined && promisedDays === undefined ? undefined : defined({ statutoryDays, promisedDays }),
          fee: chinese(fees.get(name)),
          onlineUrl: onlineUrl.get(name)?.trim() ?? undefined,
          address: chinese(address.get(name)),
          phone: phone.get(name)?.trim() ?? undefined,
          hours: chinese(hours.get(name)),
        })
      );
      origins.push({ mainRow: row.row, stepRow: step.row, materialRows: (step.materials ?? []).map((m) => m.row) });
    }
  }

  const read = new Set([...entries.values()].map((e) => e.unitCode));
  const readUnits = [...read].sort();
  const listed = new Set(guides.map(guideKey));
  const unlisted = stored.guides
    .filter((g) => read.has(g.unit) && !listed.has(guideKey(g)))
    .map(guideKey)
    .sort();
  return problems.length > 0
    ? { guides: [], origins: [], problems, units: readUnits, otherUnitRows, unlisted, complaintCells }
    : { guides, origins, problems, units: readUnits, otherUnitRows, unlisted, complaintCells };
}

// ---- problems the catalog import finds, named by cell -----------------------------------

const GUIDE_COLUMNS: Readonly<Record<string, { sheet: 'main' | 'step'; column: string }>> = {
  item: { sheet: 'main', column: '基本编码' },
  unit: { sheet: 'main', column: '实施主体编码' },
  stage: { sheet: 'step', column: '环节名称' },
  department: { sheet: 'step', column: '办理处室' },
  conditions: { sheet: 'main', column: '受理条件' },
  timeLimit: { sheet: 'main', column: '承诺办结时限' },
  fee: { sheet: 'main', column: '收费依据' },
  onlineUrl: { sheet: 'main', column: '网办地址' },
  address: { sheet: 'main', column: '办理地点' },
  hours: { sheet: 'main', column: '办理时间' },
  phone: { sheet: 'main', column: '咨询方式' },
};

const MATERIAL_FIELD_COLUMNS: Readonly<Record<string, MaterialColumn>> = {
  name: '材料名称',
  required: '必要性',
  original: '原件份数',
  copies: '复印件份数',
  blankForm: '空白表格',
  when: '适用情形规则',
};

/** Problems the catalog import found in the guides read (`guides[i]...`), at the cells they came from. */
export function problemsInList(problems: readonly Problem[], origins: readonly GuideOrigin[]): Problem[] {
  return problems.map((p) => {
    const [list, index, field, position, materialField] = p.path;
    const origin = list === 'guides' && typeof index === 'number' ? origins[index] : undefined;
    const reason = say(p.message, p.message);
    if (!origin) return problem(p.path, p.message, say(describeProblem(p), describeProblem(p)));
    if (field === 'materials' && typeof position === 'number' && origin.materialRows[position] !== undefined) {
      return sheetProblem(MATERIALS_SHEET, origin.materialRows[position], typeof materialField === 'string' ? (MATERIAL_FIELD_COLUMNS[materialField] ?? null) : null, reason);
    }
    const place = typeof field === 'string' ? GUIDE_COLUMNS[field] : undefined;
    if (place?.sheet === 'step') return sheetProblem(STEPS_SHEET, origin.stepRow, place.column, reason);
    return sheetProblem(MAIN_SHEET, origin.mainRow, place?.column ?? null, reason);
  });
}
