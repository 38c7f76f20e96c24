// CSV as spreadsheets read it: UTF-8 with a byte order mark, CRLF lines, fields quoted only when
// they must be, and text that a spreadsheet would run as a formula defused. Used by every CSV the
// plugin writes (the ownership report, the national implementation list) and read back here.

/** UTF-8 byte order mark: Excel reads the file as UTF-8 (Chinese names) only with it. */
export const BOM = '\uFEFF';

/**
 * Text a spreadsheet would take for a formula (or a control character that starts one); and text
 * that already starts with the ' that defuses one, so that reading takes off only what writing put.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** One CSV field: quoted when it holds a comma, quote or line break; text that a spreadsheet would run as a formula is prefixed with '. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = Array.isArray(value) ? value.join(';') : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (values: readonly unknown[]): string => `${values.map(csvField).join(',')}\r\n`;

/** A field's text as it was before csvField defused it (the ' it put before a formula removed). */
export const csvText = (field: string): string => (field.startsWith("'") && FORMULA_START.test(field.slice(1)) ? field.slice(1) : field);

/** Parses CSV text as csvLine writes it (a quoted field may hold line breaks); the BOM is the caller's. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
