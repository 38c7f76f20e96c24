// The national list's files: an XLSX workbook (exceljs; written as a stream, read whole), or three
// CSV files, UTF-8 with a byte order mark, one per sheet: FILE.csv (事项清单), FILE-materials.csv
// (材料), FILE-steps.csv (办理环节).
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { BOM, csvLine, csvText, parseCsv } from '../domain/csv';
import type { InputSheet, SheetCell } from '../domain/national-list-import';
import { MAIN_SHEET, MATERIALS_SHEET, STEPS_SHEET, type CellValue, type SheetTable } from '../domain/national-list';

export type ListFileFormat = 'xlsx' | 'csv';

/** The format a file name asks for, by its extension; null for any other. */
export const listFileFormat = (file: string): ListFileFormat | null => {
  const extension = path.extname(file).toLowerCase();
  return extension === '.xlsx' ? 'xlsx' : extension === '.csv' ? 'csv' : null;
};

/** The CSV file of each sheet: FILE.csv, FILE-materials.csv, FILE-steps.csv. */
export function csvFiles(file: string): ReadonlyArray<{ readonly sheet: string; readonly file: string }> {
  const base = file.slice(0, file.length - path.extname(file).length);
  return [
    { sheet: MAIN_SHEET, file },
    { sheet: MATERIALS_SHEET, file: `${base}-materials.csv` },
    { sheet: STEPS_SHEET, file: `${base}-steps.csv` },
  ];
}

// ---- XLSX ----------------------------------------------------------------------------------

/** How wide a text shows: a Chinese character takes two columns. */
const displayWidth = (value: CellValue): number => {
  if (value === null) return 0;
  const longestLine = String(value)
    .split('\n')
    .reduce(
      (widest, line) =>
        Math.max(
          widest,
          [...line].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)
        ),
      0
    );
  return longestLine;
};

const MIN_WIDTH = 8;
const MAX_WIDTH = 50;

export async function writeWorkbook(file: string, sheets: readonly SheetTable[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  workbook.creator = 'Linkage';
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    // Columns as wide as their content up to a limit; longer texts wrap, every line shows.
    worksheet.columns = sheet.header.map((title, i) => ({
      header: title,
      width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, displayWidth(title) + 2, ...sheet.rows.slice(0, 2000).map((row) => displayWidth(row[i] ?? null) + 2))),
      style: { alignment: { vertical: 'top', wrapText: true } },
    }));
    const header = worksheet.getRow(1);
    header.font = { bold: true };
    header.commit();
    for (const row of sheet.rows) worksheet.addRow([...row]).commit();
    worksheet.commit();
  }
  await workbook.commit();
}

/** A cell as exceljs reads it, as the list reads it: rich text and formulas by their text and result. */
function cellOf(value: ExcelJS.CellValue): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellOf((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('error' in value) return value.error;
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellOf(value.text as ExcelJS.CellValue);
  return null;
}

/**
 * Reads a workbook whole. Not with exceljs's streaming reader: it decodes each chunk of a sheet on
 * its own and so breaks a Chinese character that straddles two chunks into U+FFFD
 * (exceljs/exceljs#2063, open in 4.4.0).
 */
export async function readWorkbook(file: string): Promise<InputSheet[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets.map((worksheet) => {
    const rows: SheetCell[][] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, number) => {
      // row.values is 1-based: values[1] is column A.
      rows[number - 1] = (row.values as ExcelJS.CellValue[]).slice(1).map(cellOf);
    });
    return { name: worksheet.name, rows: Array.from(rows, (r) => r ?? []) };
  });
}

// ---- CSV ---------------------------------------------------------------------------------

export async function writeCsvFiles(file: string, sheets: readonly SheetTable[]): Promise<string[]> {
  const written: string[] = [];
  for (const { sheet: name, file: target } of csvFiles(file)) {
    const sheet = sheets.find((s) => s.name === name);
    if (!sheet) continue;
    const out = fs.createWriteStream(target, 'utf8');
    out.write(BOM + csvLine(sheet.header));
    for (const row of sheet.rows) if (!out.write(csvLine(row))) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    written.push(target);
  }
  return written;
}

export function readCsvFiles(file: string): InputSheet[] {
  return csvFiles(file).map(({ sheet, file: source }) => {
    const text = fs.readFileSync(source, 'utf8');
    const rows = parseCsv(text.startsWith(BOM) ? text.slice(1) : text);
    return { name: sheet, rows: rows.map((row) => row.map((field) => (field === '' ? null : csvText(field)))) };
  });
}
