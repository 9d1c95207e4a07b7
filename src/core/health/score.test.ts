import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE_SCORE, bandOf, emptySignals, FACTOR_KEYS, healthScore, type FactorKey, type HealthSignals } from './score.ts';

const with_ = (s: Partial<HealthSignals>) => healthScore({ ...emptySignals(), ...s });
const impact = (s: Partial<HealthSignals>, key: FactorKey) => with_(s).factors.find((f) => f.key === key)!.impact;
const reason = (s: Partial<HealthSignals>, key: FactorKey) => with_(s).factors.find((f) => f.key === key)!.explanation.reason;

describe('health score formula', () => {
  test('no signals: every factor neutral, the base score, healthy', () => {
    const r = with_({});
    assert.equal(r.score, BASE_SCORE);
    assert.equal(r.score, 70);
    assert.equal(r.band, 'healthy');
    assert.deepEqual(r.factors.map((f) => f.key), [...FACTOR_KEYS]);
    for (const f of r.factors) assert.equal(f.impact, 0, f.key);
    for (const k of ['csat', 'nps', 'sentiment', 'contact_frequency', 'days_since_last_order', 'order_value_trend'] as const) assert.equal(reason({}, k), 'no_data', k);
    assert.equal(reason({}, 'breached_tickets'), 'not_available');
  });

  test('csat: (average − 3) × 7.5', () => {
    assert.equal(impact({ avgCsat90d: 1, csatCount90d: 2 }, 'csat'), -15);
    assert.equal(impact({ avgCsat90d: 3, csatCount90d: 2 }, 'csat'), 0);
    assert.equal(impact({ avgCsat90d: 5, csatCount90d: 1 }, 'csat'), 15);
    assert.equal(impact({ avgCsat90d: 2, csatCount90d: 1 }, 'csat'), -7, '-7.5 rounds half up to -7');
    assert.equal(impact({ avgCsat90d: 4, csatCount90d: 1 }, 'csat'), 8, '7.5 rounds half up to 8');
  });

  test('nps: promoter +10, passive 0, detractor −15', () => {
    assert.equal(impact({ latestNps90d: 10 }, 'nps'), 10);
    assert.equal(impact({ latestNps90d: 9 }, 'nps'), 10);
    assert.equal(impact({ latestNps90d: 8 }, 'nps'), 0);
    assert.equal(impact({ latestNps90d: 7 }, 'nps'), 0);
    assert.equal(impact({ latestNps90d: 6 }, 'nps'), -15);
    assert.equal(impact({ latestNps90d: 0 }, 'nps'), -15);
    assert.equal(reason({ latestNps90d: 3 }, 'nps'), 'detractor');
  });

  test('sentiment: average × 15', () => {
    assert.equal(impact({ avgSentiment30d: -1, sentimentCount30d: 3 }, 'sentiment'), -15);
    assert.equal(impact({ avgSentiment30d: 0.4, sentimentCount30d: 3 }, 'sentiment'), 6);
    assert.equal(impact({ avgSentiment30d: 1, sentimentCount30d: 1 }, 'sentiment'), 15);
    assert.equal(impact({ avgSentiment30d: 0.5, sentimentCount30d: 0 }, 'sentiment'), 0, 'no rated messages is no data');
  });

  test('tickets: −4 per open (at most −12), −8 per breached (at most −24)', () => {
    assert.equal(impact({ openTickets: 0 }, 'open_tickets'), 0);
    assert.equal(impact({ openTickets: 2 }, 'open_tickets'), -8);
    assert.equal(impact({ openTickets: 9 }, 'open_tickets'), -12);
    assert.equal(impact({ breachedTickets: 0 }, 'breached_tickets'), 0);
    assert.equal(impact({ breachedTickets: 1 }, 'breached_tickets'), -8);
    assert.equal(impact({ breachedTickets: 5 }, 'breached_tickets'), -24);
  });

  test('contact frequency: surge −10, rise −5, gone quiet −5, usual 0', () => {
    assert.equal(impact({ conversations30d: 4, conversations180d: 6 }, 'contact_frequency'), -10, 'ratio 4');
    assert.equal(impact({ conversations30d: 2, conversations180d: 6 }, 'contact_frequency'), -10, 'ratio 2');
    assert.equal(impact({ conversations30d: 3, conversations180d: 12 }, 'contact_frequency'), -5, 'ratio 1.5');
    assert.equal(impact({ conversations30d: 1, conversations180d: 6 }, 'contact_frequency'), 0, 'ratio 1');
    assert.equal(impact({ conversations30d: 0, conversations180d: 3 }, 'contact_frequency'), -5, 'quiet');
    assert.equal(impact({ conversations30d: 0, conversations180d: 2 }, 'contact_frequency'), 0, 'too little history to call quiet');
    assert.equal(reason({ conversations30d: 0, conversations180d: 0 }, 'contact_frequency'), 'no_data');
  });

  test('days since last order: +10 / +5 / 0 / −10 / −15', () => {
    assert.equal(impact({ daysSinceLastOrder: 0 }, 'days_since_last_order'), 10);
    assert.equal(impact({ daysSinceLastOrder: 30 }, 'days_since_last_order'), 10);
    assert.equal(impact({ daysSinceLastOrder: 31 }, 'days_since_last_order'), 5);
    assert.equal(impact({ daysSinceLastOrder: 90 }, 'days_since_last_order'), 5);
    assert.equal(impact({ daysSinceLastOrder: 180 }, 'days_since_last_order'), 0);
    assert.equal(impact({ daysSinceLastOrder: 365 }, 'days_since_last_order'), -10);
    assert.equal(impact({ daysSinceLastOrder: 366 }, 'days_since_last_order'), -15);
  });

  test('order value trend: new +10, growth ≥ 20 % +10, steady 0, drop ≤ 50 % −10, bigger drop −15', () => {
    assert.equal(impact({ spendLast90d: 100, spendPrev90d: 0 }, 'order_value_trend'), 10);
    assert.equal(impact({ spendLast90d: 120, spendPrev90d: 100 }, 'order_value_trend'), 10);
    assert.equal(impact({ spendLast90d: 119, spendPrev90d: 100 }, 'order_value_trend'), 0);
    assert.equal(impact({ spendLast90d: 81, spendPrev90d: 100 }, 'order_value_trend'), 0);
    assert.equal(impact({ spendLast90d: 80, spendPrev90d: 100 }, 'order_value_trend'), -10);
    assert.equal(impact({ spendLast90d: 50, spendPrev90d: 100 }, 'order_value_trend'), -10);
    assert.equal(impact({ spendLast90d: 49, spendPrev90d: 100 }, 'order_value_trend'), -15);
    assert.equal(impact({ spendLast90d: 0, spendPrev90d: 100 }, 'order_value_trend'), -15);
    const f = with_({ spendLast90d: 50, spendPrev90d: 100 }).factors.find((x) => x.key === 'order_value_trend')!;
    assert.deepEqual(f.explanation, { reason: 'falling', last90Days: 50, previous90Days: 100, changePercent: -50 });
  });

  test('the score is the base plus the impacts, clamped to 0..100, with bands at 70 and 40', () => {
    const worst = with_({ avgCsat90d: 1, csatCount90d: 3, latestNps90d: 0, avgSentiment30d: -1, sentimentCount30d: 5, openTickets: 5, breachedTickets: 5, conversations30d: 10, conversations180d: 12, daysSinceLastOrder: 400, spendLast90d: 0, spendPrev90d: 500 });
    assert.equal(worst.score, 0, 'clamped at 0');
    assert.equal(worst.band, 'at_risk');
    const best = with_({ avgCsat90d: 5, csatCount90d: 3, latestNps90d: 10, avgSentiment30d: 1, sentimentCount30d: 5, conversations30d: 1, conversations180d: 6, daysSinceLastOrder: 3, spendLast90d: 900, spendPrev90d: 300 });
    assert.equal(best.score, 100, 'clamped at 100');
    const mid = with_({ latestNps90d: 2, openTickets: 1 });
    assert.equal(mid.score, 70 - 15 - 4);
    assert.equal(mid.band, 'watch');
    assert.equal(bandOf(70), 'healthy');
    assert.equal(bandOf(69), 'watch');
    assert.equal(bandOf(40), 'watch');
    assert.equal(bandOf(39), 'at_risk');
    for (const r of [worst, best, mid]) assert.ok(Number.isInteger(r.score));
  });

  test('docs/health-score.md names every factor key, the base and the band thresholds', () => {
    const doc = readFileSync(new URL('../../../docs/health-score.md', import.meta.url), 'utf8');
    for (const k of FACTOR_KEYS) assert.ok(doc.includes(`\`${k}\``), `the doc describes ${k}`);
    assert.match(doc, /The base is \*\*70\*\*/);
    assert.match(doc, /`healthy` at 70 or more, `watch` from 40 to 69, `at_risk` below 40/);
  });
});
