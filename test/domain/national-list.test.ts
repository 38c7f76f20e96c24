// The national implementation list (实施清单): the coding rule, the rows the demo gives, and reading
// the list back into guides, with every problem named by sheet, row and column.
import fc from 'fast-check';
import { csvLine, csvText, parseCsv } from '../../src/plugins/linkage/server/src/domain/csv';
import type { Catalog, CatalogGuide } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { jointHandlers } from '../../src/plugins/linkage/server/src/domain/joint-handlers';
import { answerSpace } from '../../src/plugins/linkage/server/src/domain/answer-space';
import { departmentsByUnitKind } from '../../src/plugins/linkage/server/src/domain/handlers';
import { basicCode, implementationCode, readImplementationCode } from '../../src/plugins/linkage/server/src/domain/national-codes';
import {
  MAIN_COLUMNS,
  MATERIAL_COLUMNS,
  STEP_COLUMNS,
  feeCells,
  implementsStage,
  listFacts,
  nationalList,
  stageCell,
  type CellValue,
  type SheetTable,
} from '../../src/plugins/linkage/server/src/domain/national-list';
import { ALL_UNITS, problemsInList, readNationalList, splitStageCell, type InputSheet, type SheetCell } from '../../src/plugins/linkage/server/src/domain/national-list-import';
import { problem } from '../../src/plugins/linkage/server/src/domain/problems';
import { indexUnits } from '../../src/plugins/linkage/server/src/domain/unit-tree';
import { clone, loadDemo } from './demo-fixtures';

const JIAOZHOU = '370281000000';
const SHINAN = '370202000000';
const LAOSHAN = '370212000000';
const CITY = '370200000000';
const RETIREMENT = 'QD-SI-001';

const demo = loadDemo();
const list = nationalList(demo);
const [main, materials, steps] = list;

/** A sheet's rows as objects by header. */
const records = (sheet: SheetTable) => sheet.rows.map((row) => Object.fromEntries(sheet.header.map((h, i) => [h, row[i]])) as Record<string, CellValue>);
/** The sheets as a workbook gives them back: the header as row 1. */
const asInput = (sheets: readonly SheetTable[]): InputSheet[] => sheets.map((s) => ({ name: s.name, rows: [[...s.header], ...s.rows.map((r) => [...r])] }));
/** The 1-based row of the first data row matching `where`. */
const rowOf = (sheet: SheetTable, where: (r: Record<string, CellValue>) => boolean) => records(sheet).findIndex(where) + 2;
/** A copy of the sheets with one cell changed (row as the workbook numbers it). */
function edited(sheetName: string, row: number, column: string, value: SheetCell, sheets: InputSheet[] = asInput(list)): InputSheet[] {
  const copy = sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => [...r]) }));
  const sheet = copy.find((s) => s.name === sheetName) as { rows: SheetCell[][] };
  sheet.rows[row - 1][sheet.rows[0].indexOf(column)] = value;
  return copy;
}
const messages = (sheets: InputSheet[], unit = JIAOZHOU, stored: Catalog = demo) => readNationalList(sheets, stored, unit).problems.map((p) => p.text?.en);
const withoutReviews = (g: CatalogGuide) => {
  const { lastReviewedAt, note, ...rest } = g as CatalogGuide & { note?: string };
  void lastReviewedAt;
  void note;
  return rest;
};
const chineseOnly = (g: CatalogGuide): CatalogGuide =>
  JSON.parse(
    JSON.stringify(withoutReviews(g), (_key, value: unknown) =>
      value !== null && typeof value === 'object' && !Array.isArray(value) && 'zh-Hans' in value ? { 'zh-Hans': (value as Record<string, string>)['zh-Hans'] } : value
    )
  ) as CatalogGuide;

describe('基本编码 and 实施编码', () => {
  test('the basic code is the item code; the implementation code is the division code, then the basic code', () => {
    expect(basicCode(RETIREMENT)).toBe('QD-SI-001');
    expect(implementationCode(JIAOZHOU, RETIREMENT)).toBe('370281000000QD-SI-001');
    expect(readImplementationCode('370281000000QD-SI-001')).toEqual({ unitCode: JIAOZHOU, itemCode: RETIREMENT });
  });

  test('read back, every implementation code gives its unit and item, however the item code begins', () => {
    const unitCode = fc.stringMatching(/^\d{12}$/);
    const itemCode = fc.stringMatching(/^[A-Z0-9][A-Z0-9-]{0,20}$/);
    fc.assert(fc.property(unitCode, itemCode, (u, i) => expect(readImplementationCode(implementationCode(u, i))).toEqual({ unitCode: u, itemCode: i })));
  });

  test('what is not an implementation code reads as none', () => {
    expect(readImplementationCode('37028100000QD-SI-001')).toBeNull(); // 11 digits, then a letter
    expect(readImplementationCode('370281000000')).toBeNull(); // no item
    expect(readImplementationCode('370281000000qd-si-001')).toBeNull();
    expect(readImplementationCode('QD-SI-001370281000000')).toBeNull();
  });
});

describe('the list of the demo', () => {
  test('one 事项清单 row per (item, unit) that implements a stage, the columns in the national terms', () => {
    expect(main.header).toEqual(MAIN_COLUMNS);
    expect(materials.header).toEqual(MATERIAL_COLUMNS);
    expect(steps.header).toEqual(STEP_COLUMNS);
    expect(main.rows).toHaveLength(80);
    expect(steps.rows).toHaveLength(88); // one per guide
    const codes = records(main).map((r) => r['实施编码']);
    expect(new Set(codes).size).toBe(80);
    const byItemThenUnit = (code: CellValue) => `${String(code).slice(12)}|${String(code).slice(0, 12)}`;
    expect(codes).toEqual([...codes].sort((a, b) => byItemThenUnit(a).localeCompare(byItemThenUnit(b))));
  });

  test("胶州市's retirement row holds its district review guide, field by field", () => {
    const guide = demo.guides.find((g) => g.item === RETIREMENT && g.unit === JIAOZHOU) as CatalogGuide;
    expect(records(main).filter((r) => r['实施主体编码'] === JIAOZHOU && r['基本编码'] === RETIREMENT)).toEqual([
      {
        事项名称: '企业职工退休认证',
        基本编码: 'QD-SI-001',
        实施编码: '370281000000QD-SI-001',
        行使层级: '县级',
        实施主体: '胶州市',
        实施主体编码: JIAOZHOU,
        受理条件: guide.conditions?.['zh-Hans'],
        法定办结时限: 20,
        承诺办结时限: 15,
        是否收费: '否',
        收费依据: null,
        办理地点: '胶州市社会保险事业中心服务大厅',
        办理时间: '工作日 9:00-17:00',
        咨询方式: '0532-12333',
        监督投诉方式: null,
        // Reviewed in 胶州市, approved by the city; the city's work ability appraisal is on another route.
        联办机构: '青岛市社会保险事业中心',
        网办地址: null,
      },
    ]);
    expect(records(steps).filter((r) => r['实施编码'] === '370281000000QD-SI-001')).toEqual([
      { 实施编码: '370281000000QD-SI-001', 序号: 1, 环节名称: '区(市)社会保险经办机构审核', 办理处室: '胶州市社会保险事业中心', 办理时限: 15 },
    ]);
    expect(records(materials).filter((r) => r['实施编码'] === '370281000000QD-SI-001')).toEqual(
      (guide.materials ?? []).map((m) => ({
        实施编码: '370281000000QD-SI-001',
        环节名称: '区(市)社会保险经办机构审核',
        材料名称: m.name['zh-Hans'],
        必要性: '必要',
        原件份数: m.original,
        复印件份数: m.copies,
        空白表格: m.blankForm ?? null,
        适用情形: m.when ? '是否有军龄(视同缴费年限)为「是」' : null,
        适用情形规则: m.when ? '{"==":[{"var":"has_military_service"},true]}' : null,
      }))
    );
  });

  test('a unit that handles two stages gives each its own line where they differ, one value where they agree', () => {
    const shinan = records(main).find((r) => r['实施编码'] === '370202000000QD-SI-001');
    expect(shinan).toMatchObject({
      法定办结时限: 20,
      承诺办结时限: '【区社会劳动保险经办机构核准】10\n【区(市)社会保险经办机构审核】15',
      网办地址: '【区社会劳动保险经办机构核准】https://shinan.qingdao.example/online/retirement\n【区(市)社会保险经办机构审核】',
      是否收费: '否',
    });
    expect(
      records(steps)
        .filter((r) => r['实施编码'] === '370202000000QD-SI-001')
        .map((r) => [r['序号'], r['环节名称'], r['办理时限']])
    ).toEqual([
      [1, '区社会劳动保险经办机构核准', 10],
      [2, '区(市)社会保险经办机构审核', 15],
    ]);
  });

  test('a stage that needs no materials has one 材料 row saying so; a guide whose materials are not filled in has none', () => {
    expect(records(materials).filter((r) => r['实施编码'] === '370200000000QD-CA-001')).toEqual([
      expect.objectContaining({ 环节名称: '市民政局备案抽查', 材料名称: '无需提交材料', 必要性: null, 原件份数: null }),
    ]);
    const incomplete = demo.guides.find((g) => g.materials === undefined) as CatalogGuide;
    const stage = demo.items.find((i) => i.code === incomplete.item)?.stages.find((s) => s.key === incomplete.stage);
    const ofIncomplete = (r: Record<string, CellValue>) => r['实施编码'] === implementationCode(incomplete.unit, incomplete.item) && r['环节名称'] === stage?.name['zh-Hans'];
    expect(records(steps).filter(ofIncomplete)).toHaveLength(1);
    expect(records(materials).filter(ofIncomplete)).toEqual([]);
  });

  test('是否收费 and 收费依据 from the fee text', () => {
    expect(feeCells(null)).toEqual([null, null]);
    expect(feeCells('不收费')).toEqual(['否', null]);
    expect(feeCells('免费')).toEqual(['否', '免费']);
    expect(feeCells('按年度缴费标准缴纳')).toEqual(['是', '按年度缴费标准缴纳']);
  });

  test('drafts are not in the list', () => {
    const catalog = clone(demo);
    catalog.guides.filter((g) => g.unit === JIAOZHOU).forEach((g) => (g.status = 'draft'));
    (catalog.items.find((i) => i.code === 'QD-MI-001') as { status?: string }).status = 'draft';
    const rows = records(nationalList(catalog)[0]);
    expect(rows.filter((r) => r['实施主体编码'] === JIAOZHOU)).toEqual([]);
    expect(rows.filter((r) => r['基本编码'] === 'QD-MI-001')).toEqual([]);
  });

  test('who implements a stage: the routes decide, or the handler where the unit tree below a unit is not filled in', () => {
    const facts = listFacts(demo);
    const item = (code: string) => demo.items.find((i) => i.code === code) as Catalog['items'][number];
    expect(implementsStage(item(RETIREMENT), 'district-review', JIAOZHOU, facts)).toBe(true);
    expect(implementsStage(item(RETIREMENT), 'district-approval', JIAOZHOU, facts)).toBe(false); // a county-level city
    expect(implementsStage(item(RETIREMENT), 'city-approval', JIAOZHOU, facts)).toBe(false);
    expect(implementsStage(item(RETIREMENT), 'district-approval', SHINAN, facts)).toBe(true);
    // 崂山区 has no communities in the demo: no answer reaches it, its handler does.
    expect(implementsStage(item('QD-CA-001'), 'district-approval', LAOSHAN, facts)).toBe(true);
    expect(implementsStage(item('QD-CA-001'), 'street-review', LAOSHAN, facts)).toBe(false); // not its level
  });

  test('joint handlers: the other units on the routes a unit is on', () => {
    const units = indexUnits(demo.units.map((u) => ({ code: u.code, level: u.level, kind: u.kind, parentCode: u.parent })));
    const byKind = departmentsByUnitKind(demo.departments.map((d) => ({ code: d.code, kind: d.kind, unitCode: d.unit })));
    const joint = jointHandlers(answerSpace(demo.items.find((i) => i.code === RETIREMENT) as Catalog['items'][number], units), byKind);
    expect(joint.get(JIAOZHOU)).toEqual([{ stageKey: 'city-approval', unitCode: CITY, departmentCode: 'QD-SI' }]);
    // A district approves a normal retirement alone: then it is on no route with another unit, but it reviews others.
    expect(joint.get(SHINAN)).toEqual([{ stageKey: 'city-approval', unitCode: CITY, departmentCode: 'QD-SI' }]);
    expect(joint.get(CITY)?.map((h) => h.unitCode)).toContain(JIAOZHOU);
    expect(joint.get(CITY)?.some((h) => h.unitCode === CITY)).toBe(false);
  });
});

describe('a cell per stage', () => {
  const names = ['受理', '审核'];
  test('one value for all stages, or a line per stage, read back as written', () => {
    expect(
      stageCell([
        { stage: '受理', value: 5 },
        { stage: '审核', value: 5 },
      ])
    ).toBe(5);
    const cell = stageCell([
      { stage: '受理', value: '第一行\n第二行' },
      { stage: '审核', value: null },
    ]);
    expect(cell).toBe('【受理】第一行\n第二行\n【审核】');
    expect(splitStageCell(cell, names)).toEqual({
      ok: new Map([
        ['受理', '第一行\n第二行'],
        ['审核', ''],
      ]),
    });
    expect(splitStageCell('一样', names)).toEqual({
      ok: new Map([
        ['受理', '一样'],
        ['审核', '一样'],
      ]),
    });
  });

  test('a stage named twice, or left out, is a problem', () => {
    expect(splitStageCell('【受理】1\n【受理】2\n【审核】3', names)).toEqual({ problem: expect.objectContaining({ en: 'gives 【受理】 twice' }) });
    expect(splitStageCell('【受理】1', names)).toEqual({ problem: expect.objectContaining({ en: expect.stringMatching(/^gives no line for 【审核】/) }) });
  });
});

describe('CSV', () => {
  test('text a spreadsheet would run as a formula is written defused and read back as it was', () => {
    const values = ['=1+1', '-3 天', '@x', "'=kept", '胶州市, "阜安"', '两行\n文字'];
    const [row] = parseCsv(csvLine(values));
    expect(row[0]).toBe("'=1+1");
    expect(row.map(csvText)).toEqual(['=1+1', '-3 天', '@x', "'=kept", '胶州市, "阜安"', '两行\n文字']);
  });
});

describe('reading the list back', () => {
  test('the list of every unit gives back every guide of the demo, in Chinese, whatever is stored', () => {
    for (const stored of [demo, { ...demo, guides: [] }]) {
      const reading = readNationalList(asInput(list), stored, ALL_UNITS);
      expect(reading.problems).toEqual([]);
      expect(reading.guides.map((g) => JSON.stringify(g)).sort()).toEqual(demo.guides.map((g) => JSON.stringify(chineseOnly(g))).sort());
    }
  });

  test("one unit's rows: the others are left alone and counted", () => {
    const reading = readNationalList(asInput(list), demo, JIAOZHOU);
    expect(reading.problems).toEqual([]);
    expect(reading.units).toEqual([JIAOZHOU]);
    expect(reading.guides.map((g) => g.item).sort()).toEqual(['QD-CA-001', 'QD-HOUSING-001', 'QD-MI-001', 'QD-SI-001']);
    expect(reading.otherUnitRows).toBe(76);
    // Another unit's bad cell is not this unit's problem.
    const other = rowOf(main, (r) => r['实施主体编码'] === SHINAN);
    expect(messages(edited('事项清单', other, '承诺办结时限', '五天'))).toEqual([]);
  });

  test('a stored guide the list does not hold is named and kept', () => {
    const sheets = asInput(list);
    const mainSheet = sheets[0];
    const row = rowOf(main, (r) => r['实施编码'] === '370281000000QD-MI-001');
    mainSheet.rows.splice(row - 1, 1);
    sheets[2].rows = sheets[2].rows.filter((r) => r[0] !== '370281000000QD-MI-001');
    sheets[1].rows = sheets[1].rows.filter((r) => r[0] !== '370281000000QD-MI-001');
    expect(readNationalList(sheets, demo, JIAOZHOU).unlisted).toEqual(['QD-MI-001/district-confirmation/370281000000']);
  });

  test('codes a spreadsheet turned into numbers, half-width brackets and spaces around codes are read', () => {
    const row = rowOf(main, (r) => r['实施编码'] === '370281000000QD-SI-001');
    let sheets = edited('事项清单', row, '实施主体编码', 370281000000);
    sheets = edited('事项清单', row, '基本编码', ' QD-SI-001 ', sheets);
    expect(messages(sheets)).toEqual([]);
    const streetRow = rowOf(main, (r) => r['行使层级'] === '镇（乡、街道）级');
    const street = String(records(main)[streetRow - 2]['实施主体编码']);
    expect(messages(edited('事项清单', streetRow, '行使层级', '镇(乡、街道)级'), street)).toEqual([]);
  });

  const jiaozhouRow = rowOf(main, (r) => r['实施编码'] === '370281000000QD-SI-001');
  const jiaozhouStep = rowOf(steps, (r) => r['实施编码'] === '370281000000QD-SI-001');
  const jiaozhouMaterial = rowOf(materials, (r) => r['实施编码'] === '370281000000QD-SI-001');

  test.each<[string, string, string, SheetCell, string]>([
    ['a time limit in words', '事项清单', '承诺办结时限', '五天', `事项清单 row ${jiaozhouRow}, column 承诺办结时限: must be a whole number of working days, got "五天"`],
    ['a negative time limit', '事项清单', '法定办结时限', -3, `事项清单 row ${jiaozhouRow}, column 法定办结时限: must be a whole number of working days, got "-3"`],
    ['an unknown item', '事项清单', '基本编码', 'QD-XX-009', `事项清单 row ${jiaozhouRow}, column 基本编码: no published item has the 基本编码 QD-XX-009`],
    [
      'an implementation code of another item',
      '事项清单',
      '实施编码',
      '370281000000QD-CA-001',
      `事项清单 row ${jiaozhouRow}, column 实施编码: must be 370281000000QD-SI-001 (实施主体编码 followed by 基本编码), got "370281000000QD-CA-001"`,
    ],
    [
      'another name of the item',
      '事项清单',
      '事项名称',
      '退休审批',
      `事项清单 row ${jiaozhouRow}, column 事项名称: must be "企业职工退休认证", the name of item QD-SI-001, got "退休审批"`,
    ],
    ['another level', '事项清单', '行使层级', '市级', `事项清单 row ${jiaozhouRow}, column 行使层级: must be "县级", the level of unit 370281000000, got "市级"`],
    ['是否收费 neither 是 nor 否', '事项清单', '是否收费', '免', `事项清单 row ${jiaozhouRow}, column 是否收费: must be 是 or 否, got "免"`],
    [
      '是否收费 是 with no basis',
      '事项清单',
      '是否收费',
      '是',
      `事项清单 row ${jiaozhouRow}, column 收费依据: is required when 是否收费 is 是: what is charged and on what basis`,
    ],
    [
      'a date for a text',
      '事项清单',
      '办理时间',
      new Date('2026-12-01T00:00:00Z'),
      `事项清单 row ${jiaozhouRow}, column 办理时间: must be text, got the date "2026-12-01": format the cell as text`,
    ],
    [
      'a stage the unit does not handle',
      '办理环节',
      '环节名称',
      '区社会劳动保险经办机构核准',
      `办理环节 row ${jiaozhouStep}, column 环节名称: 胶州市 does not handle "区社会劳动保险经办机构核准": the city's item routes it to other units`,
    ],
    [
      'a stage of no such name',
      '办理环节',
      '环节名称',
      '审批',
      `办理环节 row ${jiaozhouStep}, column 环节名称: "审批" is not a 环节 of 企业职工退休认证 (its 环节: 劳动能力鉴定、区社会劳动保险经办机构核准、区(市)社会保险经办机构审核、市劳动保险经办机构核准)`,
    ],
    [
      'a department of another unit',
      '办理环节',
      '办理处室',
      '青岛市社会保险事业中心',
      `办理环节 row ${jiaozhouStep}, column 办理处室: "青岛市社会保险事业中心" is not a department of 胶州市 (its departments: 胶州市社会保险事业中心、胶州市民政局、胶州市住房和城乡建设局、胶州市医疗保障局)`,
    ],
    [
      'a step time limit that disagrees',
      '办理环节',
      '办理时限',
      12,
      `办理环节 row ${jiaozhouStep}, column 办理时限: 12 working days, but 事项清单 row ${jiaozhouRow} gives this 环节 a 承诺办结时限 of 15`,
    ],
    ['a necessity in other words', '材料', '必要性', '需要', `材料 row ${jiaozhouMaterial}, column 必要性: must be 必要 or 非必要, got "需要"`],
    ['copies in words', '材料', '原件份数', '两份', `材料 row ${jiaozhouMaterial}, column 原件份数: must be a whole number of copies, got "两份"`],
    [
      'a rule that is not JSON',
      '材料',
      '适用情形规则',
      '有军龄',
      `材料 row ${jiaozhouMaterial}, column 适用情形规则: must be a JSON Logic rule as the export writes it, got "有军龄"`,
    ],
    [
      'a sentence with no rule',
      '材料',
      '适用情形',
      '有军龄的',
      `材料 row ${jiaozhouMaterial}, column 适用情形: is a sentence with no rule in 适用情形规则: Linkage cannot read a condition from a sentence; clear it and set the condition in the guide's editor`,
    ],
    ['an unknown 实施编码', '材料', '实施编码', '370281000000QD-XX-001', `材料 row ${jiaozhouMaterial}, column 实施编码: no 事项清单 row has the 实施编码 370281000000QD-XX-001`],
  ])('%s is named by sheet, row and column', (_what, sheet, column, value, message) => {
    const problems = readNationalList(edited(sheet, { 事项清单: jiaozhouRow, 办理环节: jiaozhouStep, 材料: jiaozhouMaterial }[sheet] as number, column, value), demo, JIAOZHOU);
    const [first, ...consequences] = problems.problems.map((p) => p.text?.en);
    expect(first).toBe(message);
    // A 环节 renamed on 办理环节 alone leaves the 材料 rows that name the old one: they say so.
    expect(consequences.every((m) => sheet === '办理环节' && column === '环节名称' && /^材料 row \d+, column 环节名称: /.test(m ?? ''))).toBe(true);
    expect(problems.guides).toEqual([]);
    // Said in Chinese too, at the same cell.
    expect(problems.problems[0].text?.['zh-Hans']).toMatch(new RegExp(`^${sheet} 第 \\d+ 行「${column === '是否收费' && value === '是' ? '收费依据' : column}」列：`));
  });

  test('every problem of the list is named at once', () => {
    let sheets = edited('事项清单', jiaozhouRow, '承诺办结时限', '五天');
    sheets = edited('办理环节', jiaozhouStep, '办理处室', '不存在的科室', sheets);
    sheets = edited('材料', jiaozhouMaterial, '复印件份数', 'x', sheets);
    expect(messages(sheets)).toHaveLength(3);
  });

  test('a changed sentence of a material condition must read as its rule', () => {
    const row = rowOf(materials, (r) => r['实施编码'] === '370281000000QD-SI-001' && r['适用情形'] !== null);
    expect(messages(edited('材料', row, '适用情形', '有军龄时'))).toEqual([
      `材料 row ${row}, column 适用情形: says "有军龄时", but 适用情形规则 reads "是否有军龄(视同缴费年限)为「是」": change the rule, or clear this cell`,
    ]);
    expect(messages(edited('材料', row, '适用情形', null))).toEqual([]);
  });

  test('a unit with two stages: lines per stage are read, a missing one named', () => {
    const row = rowOf(main, (r) => r['实施编码'] === '370202000000QD-SI-001');
    const reading = readNationalList(asInput(list), demo, SHINAN);
    const approval = reading.guides.find((g) => g.item === RETIREMENT && g.stage === 'district-approval');
    expect(approval?.timeLimit).toEqual({ statutoryDays: 20, promisedDays: 10 });
    expect(approval?.onlineUrl).toBe('https://shinan.qingdao.example/online/retirement');
    expect(reading.guides.find((g) => g.item === RETIREMENT && g.stage === 'district-review')?.onlineUrl).toBeUndefined();
    expect(messages(edited('事项清单', row, '承诺办结时限', '【区社会劳动保险经办机构核准】10'), SHINAN)).toEqual([
      `事项清单 row ${row}, column 承诺办结时限: gives no line for 【区(市)社会保险经办机构审核】: give one line per 环节 (【环节名称】value), or one value for all of them`,
    ]);
    expect(messages(edited('事项清单', row, '承诺办结时限', '【区社会劳动保险经办机构核准】十\n【区(市)社会保险经办机构审核】15'), SHINAN)).toEqual([
      `事项清单 row ${row}, column 承诺办结时限: 【区社会劳动保险经办机构核准】 must be a whole number of working days, got "十"`,
    ]);
    // A material of such a unit must say its stage.
    const material = rowOf(materials, (r) => r['实施编码'] === '370202000000QD-SI-001');
    expect(messages(edited('材料', material, '环节名称', null), SHINAN)).toEqual([
      `材料 row ${material}, column 环节名称: is required: 370202000000QD-SI-001 has several 环节 (区社会劳动保险经办机构核准、区(市)社会保险经办机构审核)`,
    ]);
  });

  test('a sheet or column missing, a row with no stages, an unknown unit', () => {
    const sheets = asInput(list);
    expect(messages(sheets.filter((s) => s.name !== '材料'))).toEqual(['材料: there is no sheet of this name (the sheets: 事项清单, 办理环节)']);
    const noColumn = sheets.map((s) => (s.name === '事项清单' ? { ...s, rows: s.rows.map((r) => r.filter((_c, i) => i !== MAIN_COLUMNS.indexOf('受理条件'))) } : s));
    expect(messages(noColumn)).toEqual(['事项清单 row 1: has no column 受理条件: add it (a header cell in row 1)']);
    const noSteps = sheets.map((s) => (s.name === '办理环节' ? { ...s, rows: s.rows.filter((r) => r[0] !== '370281000000QD-SI-001') } : s));
    expect(messages(noSteps)).toEqual([`事项清单 row ${jiaozhouRow}: 370281000000QD-SI-001 has no rows on 办理环节: list the 环节 this unit handles there`]);
    expect(messages(sheets, '370299000000')).toEqual(['--unit: no unit has the code 370299000000']);
  });

  test('a blank 办理处室 is the department the stage names for the unit', () => {
    const reading = readNationalList(edited('办理环节', jiaozhouStep, '办理处室', null), demo, JIAOZHOU);
    expect(reading.guides.find((g) => g.item === RETIREMENT)?.department).toBe('370281-SI');
  });

  test('what the catalog import finds in a guide is named at the cell it came from', () => {
    const reading = readNationalList(asInput(list), demo, JIAOZHOU);
    const retirement = reading.guides.findIndex((g) => g.item === RETIREMENT);
    const found = problemsInList(
      [
        problem(['guides', retirement, 'department'], '370281-CA is a CA department'),
        problem(['guides', retirement, 'materials', 1, 'blankForm'], 'must be a web address'),
        problem(['guides', retirement, 'onlineUrl'], 'must be a web address'),
        problem(['(stored) guides', 'QD-SI-001/x/370281000000'], 'no stage x'),
      ],
      reading.origins
    );
    expect(found.map((p) => p.text?.en)).toEqual([
      `办理环节 row ${jiaozhouStep}, column 办理处室: 370281-CA is a CA department`,
      `材料 row ${jiaozhouMaterial + 1}, column 空白表格: must be a web address`,
      `事项清单 row ${jiaozhouRow}, column 网办地址: must be a web address`,
      '(stored) guides.QD-SI-001/x/370281000000: no stage x',
    ]);
  });
});
