import { metricNames, type MetricName, type Metrics, type ReportResponse } from '../../contracts/analytics.ts';

/**
 * A report as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, a quote or a
 * line break, quotes doubled), with a header row. Which table: the busiest-hours heat map and the
 * distributions histogram for those two reports; otherwise the rows when there are any, else the
 * time series, else a heat map or histogram, else the totals as `metric,value` lines.
 * Pure: the lead's report route calls it for `format=csv`, the scheduled-report job for mail.
 */

/** Column titles: metric names, and the fixed columns (key, label, start, day, hour, ...). */
export type CsvLabels = Partial<Record<string, string>>;

/** Text that a spreadsheet would run as a formula starts with one of these; such cells get a leading '. */
const FORMULA_START = /^[=+\-@\t\r]/;
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** One text cell: guarded against formula injection, then quoted when needed. */
export function csvText(value: string): string {
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** One number cell: plain digits (a negative number is a number, not a formula); empty for null. */
export function csvNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return String(Math.round(value * 1e6) / 1e6);
}

function line(cells: string[]): string {
  return cells.join(',');
}

/** The metrics present in any of these sets, in the contract's order. */
function presentMetrics(sets: (Metrics | undefined)[]): MetricName[] {
  const seen = new Set<string>();
  for (const s of sets) if (s) for (const k of Object.keys(s)) seen.add(k);
  return metricNames.filter((m) => seen.has(m));
}

function title(labels: CsvLabels, key: string): string {
  return csvText(labels[key] ?? key);
}

function previousTitle(labels: CsvLabels, m: string): string {
  const prev = labels.previous ?? 'previous';
  return csvText(`${labels[m] ?? m} (${prev})`);
}

function rowsTable(r: ReportResponse, labels: CsvLabels): string[] {
  const cols = presentMetrics(r.rows.flatMap((row) => [row.metrics, row.previous]));
  const withPrevious = r.rows.some((row) => row.previous);
  const header = [title(labels, 'key'), title(labels, 'label')];
  for (const m of cols) {
    header.push(title(labels, m));
    if (withPrevious) header.push(previousTitle(labels, m));
  }
  const out = [line(header)];
  for (const row of r.rows) {
    const cells = [csvText(row.key), csvText(row.label)];
    for (const m of cols) {
      cells.push(csvNumber(row.metrics[m]));
      if (withPrevious) cells.push(csvNumber(row.previous?.[m]));
    }
    out.push(line(cells));
  }
  return out;
}

function seriesTable(r: ReportResponse, labels: CsvLabels): string[] {
  const cols = presentMetrics(r.series.map((p) => p.metrics));
  const out = [line([title(labels, 'start'), ...cols.map((m) => title(labels, m))])];
  for (const p of r.series) out.push(line([csvText(p.start), ...cols.map((m) => csvNumber(p.metrics[m]))]));
  return out;
}

function heatmapTable(heatmap: number[][], labels: CsvLabels): string[] {
  const hours = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
  const out = [line([title(labels, 'day'), ...hours])];
  heatmap.forEach((counts, day) => {
    const name = labels[`day${day}`] ?? DAYS[day] ?? String(day);
    out.push(line([csvText(name), ...hours.map((_, h) => csvNumber(counts[h] ?? 0))]));
  });
  return out;
}

function histogramTable(r: ReportResponse, labels: CsvLabels): string[] {
  const out = [line([title(labels, 'fromSeconds'), title(labels, 'toSeconds'), title(labels, 'count')])];
  for (const b of r.histogram ?? []) out.push(line([csvNumber(b.fromSeconds), csvNumber(b.toSeconds), csvNumber(b.count)]));
  return out;
}

function totalsTable(r: ReportResponse, labels: CsvLabels): string[] {
  const cols = presentMetrics([r.totals, r.previous]);
  const header = [title(labels, 'metric'), title(labels, 'value')];
  if (r.previous) header.push(title(labels, 'previous'));
  const out = [line(header)];
  for (const m of cols) {
    const cells = [title(labels, m), csvNumber(r.totals[m])];
    if (r.previous) cells.push(csvNumber(r.previous[m]));
    out.push(line(cells));
  }
  return out;
}

/** Which table of the report the CSV holds. */
export type CsvTable = 'rows' | 'series' | 'heatmap' | 'histogram' | 'totals';

export function csvTableOf(r: ReportResponse): CsvTable {
  if (r.report === 'busiest-hours' && r.heatmap?.length) return 'heatmap';
  if (r.report === 'distributions' && r.histogram?.length) return 'histogram';
  if (r.rows.length > 0) return 'rows';
  if (r.series.length > 0) return 'series';
  if (r.heatmap?.length) return 'heatmap';
  if (r.histogram?.length) return 'histogram';
  return 'totals';
}

/** The report's main table as CSV text, ending with CRLF. */
export function reportToCsv(r: ReportResponse, labels: CsvLabels = {}): string {
  const table = csvTableOf(r);
  const lines =
    table === 'rows' ? rowsTable(r, labels)
    : table === 'series' ? seriesTable(r, labels)
    : table === 'heatmap' ? heatmapTable(r.heatmap ?? [], labels)
    : table === 'histogram' ? histogramTable(r, labels)
    : totalsTable(r, labels);
  return `${lines.join('\r\n')}\r\n`;
}

/** A file name for the report's CSV: report, from and to dates (UTC), no characters a file system minds. */
export function reportCsvFileName(r: Pick<ReportResponse, 'report' | 'from' | 'to'>): string {
  return `${r.report}-${r.from.slice(0, 10)}-${r.to.slice(0, 10)}.csv`;
}
