import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFilters, toReportParams, writeFilters } from '../web/src/pages/analytics/filters.ts';
import { reportConfig, drillMetric } from '../web/src/pages/analytics/report-config.ts';
import { metricFormat } from '../web/src/pages/analytics/metric-format.ts';
import { reportNames } from '../src/contracts/analytics.ts';

/** The reports screen's URL state (shared links), its API query, and figure formatting. */
test('filters: URL → state → URL keeps what was chosen and drops defaults and junk', () => {
  const s = readFilters(new URLSearchParams('range=custom&start=2026-03-01&end=2026-03-31&resolution=day&groupBy=queue&queueId=0190a0b0-0000-7000-8000-000000000001&tag=vip&compare=previous&sort=handled&order=asc&measure=wait&bogus=1&groupBy2=x'));
  assert.equal(s.range, 'custom');
  assert.equal(s.groupBy, 'queue');
  assert.deepEqual(s.filters, { queueId: '0190a0b0-0000-7000-8000-000000000001', tag: 'vip' });
  assert.equal(s.compare, true);
  assert.equal(writeFilters(s).toString(), 'range=custom&start=2026-03-01&end=2026-03-31&resolution=day&groupBy=queue&queueId=0190a0b0-0000-7000-8000-000000000001&tag=vip&compare=previous&sort=handled&order=asc&measure=wait');
  const junk = readFilters(new URLSearchParams('range=forever&resolution=1s&groupBy=planet&sort=nope&start=yesterday'));
  assert.deepEqual([junk.range, junk.resolution, junk.groupBy, junk.sort, junk.start], ['last7', 'auto', '', '', '']);
  assert.equal(writeFilters(junk).toString(), '');
});

test('custom range: local days of the tenant zone, the end day included', () => {
  const q = toReportParams(readFilters(new URLSearchParams('range=custom&start=2026-03-28&end=2026-03-29&compare=previous')), Date.now(), 'Europe/London');
  assert.equal(q.from, '2026-03-28T00:00:00.000Z');
  assert.equal(q.to, '2026-03-29T23:00:00.000Z', '29 March ends at midnight BST');
  assert.equal(q.compare, 'previous');
  const today = toReportParams(readFilters(new URLSearchParams('range=today')), Date.UTC(2026, 5, 10, 12), 'Asia/Kolkata');
  assert.deepEqual([today.from, today.to], ['2026-06-09T18:30:00.000Z', '2026-06-10T18:30:00.000Z']);
});

test('every report has a screen; rates drill into the count behind them', () => {
  for (const r of reportNames) assert.ok(reportConfig[r], r);
  assert.equal(drillMetric('abandonRate'), 'abandoned');
  assert.equal(drillMetric('offered'), 'offered');
  assert.equal(drillMetric('sentiment'), null);
});

test('figures are formatted with Intl in the UI language', () => {
  const en = metricFormat('en');
  assert.equal(en.value('serviceLevel', 0.8125), '81.3%');
  assert.equal(en.value('offered', 12345), '12,345');
  assert.equal(en.value('asaSeconds', 42), '42s');
  assert.equal(en.value('ahtSeconds', 600), '10m');
  assert.equal(en.value('nps', 0.25), '25');
  assert.equal(en.value('csat', null), '—');
  assert.equal(en.delta('serviceLevel', -0.05), '5 pp');
  assert.equal(metricFormat('pl').value('offered', 12345).replace(/\s/g, ' '), '12 345', 'Polish groups thousands with a (no-break) space');
});
