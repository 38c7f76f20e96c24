// The national implementation list (实施清单) as an operator runs it (npm run catalog:export / import
// -- --format national-list, here `node scripts/catalog.js`) and through its service: the demo's
// workbook opened with exceljs and 胶州市's retirement rows checked against the demo, the CSV files,
// one unit's import all or nothing through the write pipeline, and the round trip into a copy with
// no guides, compared cell by cell. One Strapi runs in this process (the demo's); the rest run as
// the command line, in child processes.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { Catalog, CatalogGuide } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { BOM, parseCsv } from '../../src/plugins/linkage/server/src/domain/csv';
import { getService } from '../../src/plugins/linkage/server/src/get-service';
import { copyOfTemplate, emptyDatabase, type TestDatabase } from '../support/databases';
import { loadDemo } from '../support/demo';
import { APP_DIR, TEST_TMP, applyTestEnv, databaseClient } from '../support/env';
import { storedData } from '../support/stored-data';
import { doctorOnDatabase, startDemoStrapi, type TestStrapi } from '../support/strapi';

const run = promisify(execFile);
const JIAOZHOU = '370281000000';
const RETIREMENT = 'QD-SI-001';

async function catalogCommand(database: TestDatabase, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [path.join(APP_DIR, 'scripts', 'catalog.js'), ...args], {
      cwd: APP_DIR,
      env: { ...process.env, ...database.env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const scratch = (name: string) => path.join(TEST_TMP, `${process.pid}-${name}`);
const uniqueName = (label: string) => (databaseClient() === 'postgres' ? `linkage_test_${label}_${process.pid}` : path.join(TEST_TMP, `${label}-${process.pid}.db`));

type Cells = Record<string, unknown[][]>;

/** Every sheet's cells as exceljs reads the file (not the plugin's reader): row 1 is the header. */
async function workbookCells(file: string): Promise<Cells> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const cells: Cells = {};
  workbook.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, number) => {
      rows[number - 1] = (row.values as unknown[]).slice(1).map((v) => v ?? null);
    });
    cells[sheet.name] = rows;
  });
  return cells;
}

/** The data rows of a sheet as objects by header. */
const records = (rows: unknown[][]) => rows.slice(1).map((row) => Object.fromEntries((rows[0] as string[]).map((h, i) => [h, row[i] ?? null])));

/** A copy of a workbook with one cell of a sheet changed (rows numbered as Excel numbers them). */
async function withCell(source: string, target: string, edits: ReadonlyArray<{ sheet: string; row: number; column: string; value: ExcelJS.CellValue }>): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(source);
  for (const { sheet, row, column, value } of edits) {
    const worksheet = workbook.getWorksheet(sheet) as ExcelJS.Worksheet;
    const header = (worksheet.getRow(1).values as unknown[]).slice(1);
    worksheet.getRow(row).getCell(header.indexOf(column) + 1).value = value;
  }
  await workbook.xlsx.writeFile(target);
}

const demo = loadDemo();
let demoCopy: TestDatabase;
const workbookFile = scratch('national-list.xlsx');
const csvFile = scratch('national-list.csv');
let exported: Cells;

beforeAll(async () => {
  applyTestEnv();
  demoCopy = await copyOfTemplate();
  const xlsx = await catalogCommand(demoCopy, 'export', '--format', 'national-list', workbookFile);
  expect(xlsx).toMatchObject({ code: 0 });
  expect(xlsx.stderr).toMatch(/Exported 80 事项清单 rows, 186 材料 rows, 88 办理环节 rows to .*national-list\.xlsx/);
  exported = await workbookCells(workbookFile);
});

afterAll(async () => {
  await demoCopy?.drop();
  for (const file of [workbookFile, csvFile, scratch('national-list-materials.csv'), scratch('national-list-steps.csv'), scratch('bad.xlsx'), scratch('again.xlsx')])
    fs.rmSync(file, { force: true });
});

describe('npm run catalog:export -- --format national-list', () => {
  test('three sheets with the national columns, one 事项清单 row per (item, unit)', () => {
    expect(Object.keys(exported)).toEqual(['事项清单', '材料', '办理环节']);
    expect(exported['事项清单'][0]).toEqual([
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
    ]);
    expect(exported['材料'][0]).toEqual(['实施编码', '环节名称', '材料名称', '必要性', '原件份数', '复印件份数', '空白表格', '适用情形', '适用情形规则']);
    expect(exported['办理环节'][0]).toEqual(['实施编码', '序号', '环节名称', '办理处室', '办理时限']);
    const keys = records(exported['事项清单']).map((r) => `${r['基本编码']}/${r['实施主体编码']}`);
    expect(new Set(keys)).toEqual(new Set(demo.guides.map((g) => `${g.item}/${g.unit}`)));
  });

  test("胶州市's rows of the retirement item hold its guide of the demo, field by field", () => {
    const guide = demo.guides.find((g) => g.item === RETIREMENT && g.unit === JIAOZHOU) as CatalogGuide;
    const item = demo.items.find((i) => i.code === RETIREMENT) as Catalog['items'][number];
    const stage = item.stages.find((s) => s.key === guide.stage) as Catalog['items'][number]['stages'][number];
    const department = demo.departments.find((d) => d.code === guide.department) as Catalog['departments'][number];
    const rows = records(exported['事项清单']).filter((r) => r['实施主体编码'] === JIAOZHOU && r['基本编码'] === RETIREMENT);
    expect(rows).toEqual([
      {
        事项名称: item.title['zh-Hans'],
        基本编码: RETIREMENT,
        实施编码: `${JIAOZHOU}${RETIREMENT}`,
        行使层级: '县级',
        实施主体: '胶州市',
        实施主体编码: JIAOZHOU,
        受理条件: guide.conditions?.['zh-Hans'],
        法定办结时限: guide.timeLimit?.statutoryDays,
        承诺办结时限: guide.timeLimit?.promisedDays,
        是否收费: '否',
        收费依据: null,
        办理地点: guide.address?.['zh-Hans'],
        办理时间: guide.hours?.['zh-Hans'],
        咨询方式: guide.phone,
        监督投诉方式: null,
        联办机构: '青岛市社会保险事业中心',
        网办地址: null,
      },
    ]);
    expect(guide.fee?.['zh-Hans']).toBe('不收费');
    expect(guide.onlineUrl).toBeUndefined();
    const code = `${JIAOZHOU}${RETIREMENT}`;
    expect(records(exported['办理环节']).filter((r) => r['实施编码'] === code)).toEqual([
      { 实施编码: code, 序号: 1, 环节名称: stage.name['zh-Hans'], 办理处室: department.name['zh-Hans'], 办理时限: guide.timeLimit?.promisedDays },
    ]);
    expect(records(exported['材料']).filter((r) => r['实施编码'] === code)).toEqual(
      (guide.materials ?? []).map((m) => ({
        实施编码: code,
        环节名称: stage.name['zh-Hans'],
        材料名称: m.name['zh-Hans'],
        必要性: m.required ? '必要' : '非必要',
        原件份数: m.original,
        复印件份数: m.copies,
        空白表格: m.blankForm ?? null,
        适用情形: m.when ? '是否有军龄(视同缴费年限)为「是」' : null,
        适用情形规则: m.when ? JSON.stringify(m.when) : null,
      }))
    );
  });

  test('as CSV: three files, UTF-8 with a BOM, the same rows as the workbook', async () => {
    const result = await catalogCommand(demoCopy, 'export', '--format', 'national-list', csvFile);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stderr).toMatch(/national-list\.csv, .*national-list-materials\.csv, .*national-list-steps\.csv/);
    const files: Record<string, string> = { 事项清单: csvFile, 材料: scratch('national-list-materials.csv'), 办理环节: scratch('national-list-steps.csv') };
    for (const [sheet, file] of Object.entries(files)) {
      const bytes = fs.readFileSync(file);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parseCsv(bytes.toString('utf8').slice(BOM.length));
      expect(rows).toEqual(exported[sheet].map((row) => (exported[sheet][0] as unknown[]).map((_h, i) => (row[i] === null || row[i] === undefined ? '' : String(row[i])))));
    }
  });
});

describe("one unit's import", () => {
  let app: TestStrapi;
  beforeAll(async () => {
    app = await startDemoStrapi();
  });
  afterAll(async () => {
    await app?.stop();
  });
  const list = () => getService(app.strapi, 'national-list');
  const row = (sheet: string, where: (r: Record<string, unknown>) => boolean) => records(exported[sheet]).findIndex(where) + 2;
  const jiaozhou = (r: Record<string, unknown>) => r['实施编码'] === `${JIAOZHOU}${RETIREMENT}`;

  test('a workbook is read with every Chinese character intact, however large', async () => {
    // exceljs's streaming reader broke characters that straddle its 16 KB chunks (exceljs#2063).
    const file = scratch('chinese.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('事项清单');
    const texts = Array.from({ length: 3000 }, (_v, i) => `${i} 胶州市社会保险事业中心服务大厅（阜安街道）`);
    for (const text of texts) sheet.addRow([text]);
    await workbook.xlsx.writeFile(file);
    const [read] = await list().readList(file);
    fs.rmSync(file);
    expect(read.rows.map((r) => r[0])).toEqual(texts);
  });

  test('the list as exported changes nothing', async () => {
    const before = await storedData(app.strapi);
    const summary = await list().importList(await list().readList(workbookFile), { unit: JIAOZHOU });
    expect(summary).toMatchObject({ units: [JIAOZHOU], guides: { create: 0, update: 0, unchanged: 4 }, otherUnitRows: 76, unlisted: [], reviewsAdded: 0 });
    expect(await storedData(app.strapi)).toBe(before);
  });

  test('a workbook with bad cells: nothing is written, every problem named by sheet, row and column', async () => {
    const bad = scratch('bad.xlsx');
    const main = row('事项清单', jiaozhou);
    const step = row('办理环节', jiaozhou);
    const material = row('材料', jiaozhou);
    await withCell(workbookFile, bad, [
      { sheet: '事项清单', row: main, column: '承诺办结时限', value: '五天' },
      { sheet: '事项清单', row: main, column: '办理地点', value: '胶州市新址' },
      { sheet: '办理环节', row: step, column: '办理处室', value: '胶州市人社局' },
      { sheet: '材料', row: material, column: '原件份数', value: '两份' },
    ]);
    const before = await storedData(app.strapi);
    let problems: string[] = [];
    try {
      await list().importList(await list().readList(bad), { unit: JIAOZHOU });
    } catch (error) {
      expect((error as Error).name).toBe('NationalListRejected');
      problems = (error as { problems: Array<{ text: { en: string } }> }).problems.map((p) => p.text.en);
    }
    expect(problems).toEqual([
      `办理环节 row ${step}, column 办理处室: "胶州市人社局" is not a department of 胶州市 (its departments: 胶州市民政局、胶州市住房和城乡建设局、胶州市医疗保障局、胶州市社会保险事业中心)`,
      `材料 row ${material}, column 原件份数: must be a whole number of copies, got "两份"`,
      `事项清单 row ${main}, column 承诺办结时限: must be a whole number of working days, got "五天"`,
    ]);
    expect(await storedData(app.strapi)).toBe(before);
  });

  test('a changed cell is written through the write pipeline: that guide only, its English kept, audited, in the change feed', async () => {
    const changed = scratch('again.xlsx');
    await withCell(workbookFile, changed, [{ sheet: '事项清单', row: row('事项清单', jiaozhou), column: '办理地点', value: '胶州市政务服务中心二楼' }]);
    const sheets = await list().readList(changed);
    const [last] = await app.strapi.db.query('plugin::linkage.audit-entry').findMany({ orderBy: { seq: 'desc' }, limit: 1 });
    const dryRun = await list().importList(sheets, { unit: JIAOZHOU, dryRun: true });
    expect(dryRun.guides).toEqual({ create: 0, update: 1, unchanged: 3 });
    const summary = await list().importList(sheets, { unit: JIAOZHOU });
    expect(summary.guides).toEqual({ create: 0, update: 1, unchanged: 3 });
    const stored = await getService(app.strapi, 'catalog').exportCatalog();
    const guide = stored.guides.find((g) => g.item === RETIREMENT && g.unit === JIAOZHOU);
    expect(guide?.address).toEqual({ 'zh-Hans': '胶州市政务服务中心二楼', en: 'Service hall, Jiaozhou City Social Insurance Center' });
    const key = `${RETIREMENT}/district-review/${JIAOZHOU}`;
    const audit = (await app.strapi.db.query('plugin::linkage.audit-entry').findMany({ where: { seq: { $gt: last.seq } }, orderBy: { seq: 'asc' } })) as Array<
      Record<string, unknown>
    >;
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((entry) => entry.subjectKey === key && entry.unitCode === JIAOZHOU && entry.userId === null)).toBe(true);
    expect(audit).toContainEqual(expect.objectContaining({ subjectLocale: 'zh-Hans', fields: expect.arrayContaining(['address']) }));
    const changes = await app.strapi.db.query('plugin::linkage.change').findMany({ where: { subjectKey: key }, orderBy: { seq: 'desc' }, limit: 1 });
    expect(changes[0]).toMatchObject({ action: 'published' });
    // Importing it again changes nothing.
    expect((await list().importList(sheets, { unit: JIAOZHOU })).guides).toEqual({ create: 0, update: 0, unchanged: 4 });
  });
});

describe('npm run catalog:import -- --format national-list', () => {
  test('refuses a bad workbook with exit code 1, each problem on a line; a missing file and wrong arguments are said', async () => {
    const bad = scratch('bad.xlsx');
    const main = records(exported['事项清单']).findIndex((r) => r['实施编码'] === `${JIAOZHOU}${RETIREMENT}`) + 2;
    await withCell(workbookFile, bad, [{ sheet: '事项清单', row: main, column: '承诺办结时限', value: '五天' }]);
    const result = await catalogCommand(demoCopy, 'import', '--format', 'national-list', bad, '--unit', JIAOZHOU);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/The national list was not imported \(1 problem; nothing was written\):/);
    expect(result.stderr).toContain(`  - 事项清单 row ${main}, column 承诺办结时限: must be a whole number of working days, got "五天"`);
    const zh = await catalogCommand(demoCopy, 'import', '--format', 'national-list', bad, '--unit', JIAOZHOU, '--language', 'zh-Hans');
    expect(zh.stderr).toContain(`  - 事项清单 第 ${main} 行「承诺办结时限」列：应为工作日的整数，实为「五天」`);
    const missing = await catalogCommand(demoCopy, 'import', '--format', 'national-list', scratch('none.xlsx'), '--unit', JIAOZHOU);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringMatching(/Cannot read .*none\.xlsx: no such file/) });
    const noUnit = await catalogCommand(demoCopy, 'import', '--format', 'national-list', bad);
    expect(noUnit).toMatchObject({ code: 2, stderr: expect.stringMatching(/--unit must be a 12-digit unit code or all/) });
  });
});

describe('round trip, as an operator runs it', () => {
  let copy: TestDatabase;
  const catalogFile = scratch('no-guides.json');
  const again = scratch('again.xlsx');
  beforeAll(async () => {
    applyTestEnv();
    copy = await emptyDatabase(uniqueName('national'));
  });
  afterAll(async () => {
    // Written by the command line: the command line's doctor checks what the imports derived.
    try {
      if (copy) await doctorOnDatabase(copy);
    } finally {
      await copy?.drop();
      fs.rmSync(catalogFile, { force: true });
    }
  });

  test('exported, imported into a copy with the same units, departments and items but no guides, exported again: the same cells', async () => {
    fs.writeFileSync(catalogFile, JSON.stringify({ ...demo, guides: [] }));
    expect(await catalogCommand(copy, 'import', catalogFile)).toMatchObject({ code: 0 });
    const imported = await catalogCommand(copy, 'import', '--format', 'national-list', workbookFile, '--unit', 'all');
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.stdout).toMatch(/guides\s+88 new, 0 changed, 0 unchanged/);
    expect(imported.stderr).toMatch(/guides: 88\/88 written/);
    expect(await catalogCommand(copy, 'export', '--format', 'national-list', again)).toMatchObject({ code: 0 });
    expect(await workbookCells(again)).toEqual(exported);
  });
});
