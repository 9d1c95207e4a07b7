import { parse } from 'csv-parse/sync';
import { invalid } from '../errors.ts';

/**
 * CSV files of orders (docs/decisions/006-orders.md). A file is refused whole when it is not
 * UTF-8, empty, misses a required column or cannot be parsed as CSV; otherwise each row is
 * checked on its own and a bad row is reported by its line number.
 *
 * Columns (header row, any order, case-insensitive): external_id, ordered_at, total, currency
 * (required); customer_email, customer_phone, customer_external_id (at least one; the first
 * non-empty of them names the customer); optional status, items, customer_name.
 * items: a JSON array of { sku?, name, quantity, unitPrice }, or `sku:quantity:unitPrice[:name]`
 * entries separated by `;` (the name defaults to the sku).
 */
export const REQUIRED_COLUMNS = ['external_id', 'ordered_at', 'total', 'currency'] as const;
export const CUSTOMER_COLUMNS = ['customer_email', 'customer_phone', 'customer_external_id'] as const;
export const OPTIONAL_COLUMNS = ['status', 'items', 'customer_name'] as const;
export const MAX_CSV_ROWS = 100_000;

export interface CsvRow {
  /** 1-based line of the file where the row ends (the header is line 1). */
  line: number;
  fields: Record<string, string>;
  /** When the row itself is broken (wrong number of fields). */
  problem?: string;
}

/** Bytes to text: UTF-8 only (a BOM is fine); anything else is refused with the reason. */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes.length === 0) throw invalid('The file is empty; upload a CSV with a header row and at least one order', [{ path: 'file', message: 'empty' }]);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid('The file is not valid UTF-8 text; save it as "CSV UTF-8" and upload it again', [{ path: 'file', message: 'not UTF-8' }]);
  }
  if (text.trim() === '') throw invalid('The file is empty; upload a CSV with a header row and at least one order', [{ path: 'file', message: 'empty' }]);
  return text;
}

/** Parses the whole file; refuses it when the structure is broken or required columns are missing. */
export function parseOrdersCsv(text: string): { columns: string[]; rows: CsvRow[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, bom: true, trim: true }) as unknown as typeof records;
  } catch (e) {
    throw invalid(`The file cannot be read as CSV: ${(e as Error).message}; nothing was imported`, [{ path: 'file', message: 'unparsable CSV' }]);
  }
  const header = records[0];
  if (!header) throw invalid('The file is empty; upload a CSV with a header row and at least one order', [{ path: 'file', message: 'empty' }]);
  const columns = header.record.map((c) => c.trim().toLowerCase());
  const missing: string[] = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (!CUSTOMER_COLUMNS.some((c) => columns.includes(c))) missing.push(CUSTOMER_COLUMNS.join(' or '));
  if (missing.length) {
    throw invalid(`The file misses required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}; the header row must name them`, missing.map((m) => ({ path: `columns.${m}`, message: 'missing column' })));
  }
  const dupes = columns.filter((c, i) => c && columns.indexOf(c) !== i);
  if (dupes.length) throw invalid(`The header names a column twice: ${[...new Set(dupes)].join(', ')}`, [{ path: 'columns', message: 'duplicate column' }]);
  const rows = records.slice(1).map(({ record, info }): CsvRow => {
    const fields: Record<string, string> = {};
    columns.forEach((c, i) => {
      if (c) fields[c] = record[i] ?? '';
    });
    const problem = record.length !== columns.length ? `the row has ${record.length} fields but the header has ${columns.length}` : undefined;
    return { line: info.lines, fields, problem };
  });
  if (rows.length === 0) throw invalid('The file has a header row but no orders', [{ path: 'file', message: 'no rows' }]);
  if (rows.length > MAX_CSV_ROWS) throw invalid(`The file has ${rows.length} rows; split it into files of at most ${MAX_CSV_ROWS}`, [{ path: 'file', message: 'too many rows' }]);
  return { columns, rows };
}

/** The `items` cell as order items; throws a message when it cannot be read. */
export function parseItemsCell(cell: string): unknown[] {
  const s = cell.trim();
  if (!s) return [];
  if (s.startsWith('[')) {
    try {
      const v = JSON.parse(s) as unknown;
      if (Array.isArray(v)) return v;
    } catch {
      /* falls through */
    }
    throw new Error('items is not a valid JSON array');
  }
  return s.split(';').map((x) => x.trim()).filter(Boolean).map((entry) => {
    const [sku, qty, price, ...name] = entry.split(':');
    if (!sku || qty === undefined || price === undefined) throw new Error(`items entry "${entry.slice(0, 50)}" must be sku:quantity:unitPrice[:name]`);
    const quantity = Number(qty);
    const unitPrice = Number(price);
    return { sku: sku.trim(), name: name.join(':').trim() || sku.trim(), quantity: qty.trim() === '' ? NaN : quantity, unitPrice: price.trim() === '' ? NaN : unitPrice };
  });
}

/** A row as the raw input of an order (checked by prepareOrder), or the reason it is broken. */
export function rowToOrderInput(row: CsvRow): { ok: true; input: Record<string, unknown> } | { ok: false; reason: string } {
  if (row.problem) return { ok: false, reason: row.problem };
  const f = row.fields;
  const v = (k: string) => (f[k] ?? '').trim() || undefined;
  let items: unknown[];
  try {
    items = parseItemsCell(f.items ?? '');
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  const email = v('customer_email');
  const phone = email ? undefined : v('customer_phone');
  const externalId = email || phone ? undefined : v('customer_external_id');
  return {
    ok: true,
    input: {
      externalId: v('external_id'),
      orderedAt: v('ordered_at'),
      total: v('total'),
      currency: v('currency'),
      status: v('status'),
      items,
      customer: email || phone || externalId ? { email, phone, externalId, name: v('customer_name') } : undefined,
    },
  };
}
