import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReportResponse } from '../../contracts/analytics.ts';
import { csvTableOf, csvText, reportCsvFileName, reportToCsv } from './report-csv.ts';

const base: ReportResponse = {
  report: 'queues',
  from: '2026-06-01T00:00:00.000Z',
  to: '2026-06-08T00:00:00.000Z',
  timeZone: 'Europe/London',
  resolution: 'day',
  totals: { offered: 10, answered: 8 },
  series: [],
  rows: [],
};

test('rows: header from the metrics present, RFC 4180 quoting, CRLF line ends', () => {
  const csv = reportToCsv({
    ...base,
    rows: [
      { key: 'q1', label: 'Sales, "UK"', metrics: { offered: 6, answered: 5, serviceLevel: 0.8333333333 } },
      { key: 'q2', label: 'Support\nline', metrics: { offered: 4, answered: 3, asaSeconds: null } },
    ],
  });
  assert.equal(
    csv,
    'key,label,offered,answered,serviceLevel,asaSeconds\r\n' +
      'q1,"Sales, ""UK""",6,5,0.833333,\r\n' +
      'q2,"Support\nline",4,3,,\r\n',
  );
});

test('formula injection: text starting with = + - @ tab gets a leading quote; negative numbers stay numbers', () => {
  assert.equal(csvText('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
  assert.equal(csvText('+1 555'), "'+1 555");
  assert.equal(csvText('-2'), "'-2");
  assert.equal(csvText('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvText('\tx'), "'\tx");
  assert.equal(csvText('plain'), 'plain');
  const csv = reportToCsv({ ...base, report: 'tags', rows: [{ key: '=cmd', label: '@evil', metrics: { sentiment: -0.25 } }] });
  assert.equal(csv.split('\r\n')[1], "'=cmd,'@evil,-0.25");
});

test('labels rename columns, and compare adds a previous column after each metric', () => {
  const csv = reportToCsv(
    { ...base, rows: [{ key: 'q1', label: 'Sales', metrics: { offered: 6 }, previous: { offered: 4 } }] },
    { key: 'Id', label: 'Queue', offered: 'Offered', previous: 'previous period' },
  );
  assert.equal(csv, 'Id,Queue,Offered,Offered (previous period)\r\nq1,Sales,6,4\r\n');
});

test('no rows: the series, one line per interval', () => {
  const r: ReportResponse = {
    ...base,
    report: 'overview',
    series: [
      { start: '2026-06-01T00:00:00.000Z', metrics: { offered: 3 } },
      { start: '2026-06-02T00:00:00.000Z', metrics: { offered: 7, abandonRate: 0.1 } },
    ],
  };
  assert.equal(csvTableOf(r), 'series');
  assert.equal(reportToCsv(r), 'start,offered,abandonRate\r\n2026-06-01T00:00:00.000Z,3,\r\n2026-06-02T00:00:00.000Z,7,0.1\r\n');
});

test('busiest hours: the 7×24 heat map, one line a weekday', () => {
  const heatmap = Array.from({ length: 7 }, (_, d) => Array.from({ length: 24 }, (_, h) => (d === 0 && h === 9 ? 12 : 0)));
  const r: ReportResponse = { ...base, report: 'busiest-hours', heatmap, series: [{ start: base.from, metrics: { offered: 12 } }] };
  assert.equal(csvTableOf(r), 'heatmap');
  const lines = reportToCsv(r).split('\r\n');
  assert.equal(lines.length, 9); // header, 7 days, trailing empty
  assert.equal(lines[0]!.split(',').length, 25);
  assert.equal(lines[0]!.split(',')[10], '09');
  assert.equal(lines[1]!.split(',')[0], 'Monday');
  assert.equal(lines[1]!.split(',')[10], '12');
  assert.equal(lines[7]!.split(',')[0], 'Sunday');
});

test('distributions: the histogram, open-ended last bucket empty', () => {
  const r: ReportResponse = {
    ...base,
    report: 'distributions',
    histogram: [
      { fromSeconds: 0, toSeconds: 60, count: 5 },
      { fromSeconds: 60, toSeconds: null, count: 2 },
    ],
    percentiles: { count: 7, medianSeconds: 30, p90Seconds: 90 },
  };
  assert.equal(reportToCsv(r), 'fromSeconds,toSeconds,count\r\n0,60,5\r\n60,,2\r\n');
});

test('nothing but totals: metric,value lines (with previous when compared)', () => {
  const r: ReportResponse = { ...base, report: 'fcr', totals: { fcrRate: 0.75, resolved: 4 }, previous: { fcrRate: 0.5, resolved: 2 } };
  assert.equal(csvTableOf(r), 'totals');
  assert.equal(reportToCsv(r), 'metric,value,previous\r\nresolved,4,2\r\nfcrRate,0.75,0.5\r\n');
});

test('file name: report and dates', () => {
  assert.equal(reportCsvFileName(base), 'queues-2026-06-01-2026-06-08.csv');
});
