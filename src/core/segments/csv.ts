/** CSV for spreadsheets: RFC 4180 quoting, formula-injection safe, UTF-8 with a BOM for Excel. */

export const CSV_BOM = '\uFEFF';

/** A cell a spreadsheet would read as a formula (= + - @, or a leading tab or CR) gets a leading '. */
export function safeCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: (string | number | null | undefined)[]): string {
  return `${cells.map(safeCell).join(',')}\r\n`;
}
