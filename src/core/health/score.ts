/**
 * The customer health score: the ONE place its formula lives (docs/health-score.md describes
 * the same numbers; score.test.ts checks each of them). Pure: signals in, score out.
 *
 * score = clamp(BASE + sum of factor impacts, 0, 100), rounded to an integer.
 * A signal that is missing (null) is neutral: its factor has impact 0 and reason `no_data`.
 */

export const BASE_SCORE = 70;
/** A score at or above `healthy` is healthy; at or above `watch` is watch; below is at risk. */
export const BAND_THRESHOLDS = { healthy: 70, watch: 40 } as const;

export type HealthBand = 'healthy' | 'watch' | 'at_risk';

export const FACTOR_KEYS = ['csat', 'nps', 'sentiment', 'open_tickets', 'breached_tickets', 'contact_frequency', 'days_since_last_order', 'order_value_trend'] as const;
export type FactorKey = (typeof FACTOR_KEYS)[number];

/** What the system knows about a customer; null = not known (neutral). */
export interface HealthSignals {
  /** Average CSAT (1..5) of answers in the last 90 days, and how many. */
  avgCsat90d: number | null;
  csatCount90d: number;
  /** The latest NPS answer (0..10) of the last 90 days. */
  latestNps90d: number | null;
  /** Average sentiment (-1..1) of the customer's inbound messages in the last 30 days, and how many. */
  avgSentiment30d: number | null;
  sentimentCount30d: number;
  /** Tickets requested by the customer that are not solved or closed. */
  openTickets: number;
  /** Open tickets whose SLA was breached; null when SLA data is not available. */
  breachedTickets: number | null;
  /** Conversations started in the last 30 days and in the last 180 days. */
  conversations30d: number;
  conversations180d: number;
  /** Days since the latest counting order (not cancelled or refunded); null when there is none. */
  daysSinceLastOrder: number | null;
  /** Spend (counting orders) in the last 90 days and in the 90 days before. */
  spendLast90d: number;
  spendPrev90d: number;
}

export type FactorExplanation = Record<string, number | string | null>;

export interface HealthFactor {
  key: FactorKey;
  /** The signal's value the factor judged (null when missing). */
  value: number | null;
  /** Points added to (or taken from) the base score. */
  impact: number;
  /** Data for a plain-language reason: `reason` is a code the UI translates, the rest its numbers. */
  explanation: FactorExplanation & { reason: string };
}

export interface HealthResult {
  score: number;
  band: HealthBand;
  base: number;
  factors: HealthFactor[];
}

/** The weights, named so that tests and docs can quote them. */
export const WEIGHTS = {
  /** Points per CSAT point above (below) 3, so 1 → -15 and 5 → +15. */
  csatPerPoint: 7.5,
  /** Latest NPS: promoter (9–10), passive (7–8), detractor (0–6). */
  npsPromoter: 10,
  npsPassive: 0,
  npsDetractor: -15,
  /** Points per unit of average sentiment, so -1 → -15 and +1 → +15. */
  sentiment: 15,
  /** Per open ticket, at most `openTicketsMax` in all. */
  openTicket: -4,
  openTicketsMax: -12,
  /** Per breached ticket, at most `breachedTicketsMax` in all. */
  breachedTicket: -8,
  breachedTicketsMax: -24,
  /** Contact frequency: last 30 days against the 180-day monthly baseline (180-day count / 6). */
  contactSurgeRatio: 2,
  contactSurge: -10,
  contactRiseRatio: 1.5,
  contactRise: -5,
  /** No conversation in 30 days after at least `quietMinimum` in 180 days. */
  contactQuiet: -5,
  quietMinimum: 3,
  /** Days since the last order: ≤ 30, ≤ 90, ≤ 180, ≤ 365, more. */
  orderRecent: 10,
  orderWithin90: 5,
  orderWithin180: 0,
  orderWithin365: -10,
  orderOlder: -15,
  /** Spend in the last 90 days against the 90 before: growth ≥ 20 %, within ±20 %, drop ≤ 50 %, bigger drop. */
  trendUp: 10,
  trendFlat: 0,
  trendDown: -10,
  trendCollapse: -15,
} as const;

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;
/** Whole points; `+ 0` turns -0 into 0. */
const points = (n: number) => Math.round(n) + 0;

function factor(key: FactorKey, value: number | null, impact: number, reason: string, data: FactorExplanation = {}): HealthFactor {
  return { key, value, impact: points(impact), explanation: { reason, ...data } };
}
const missing = (key: FactorKey) => factor(key, null, 0, 'no_data');

function csat(s: HealthSignals): HealthFactor {
  if (s.avgCsat90d === null || s.csatCount90d === 0) return missing('csat');
  const avg = round2(s.avgCsat90d);
  return factor('csat', avg, (avg - 3) * WEIGHTS.csatPerPoint, avg > 3 ? 'above_neutral' : avg < 3 ? 'below_neutral' : 'neutral', { average: avg, responses: s.csatCount90d });
}

function nps(s: HealthSignals): HealthFactor {
  const n = s.latestNps90d;
  if (n === null) return missing('nps');
  if (n >= 9) return factor('nps', n, WEIGHTS.npsPromoter, 'promoter', { latest: n });
  if (n >= 7) return factor('nps', n, WEIGHTS.npsPassive, 'passive', { latest: n });
  return factor('nps', n, WEIGHTS.npsDetractor, 'detractor', { latest: n });
}

function sentiment(s: HealthSignals): HealthFactor {
  if (s.avgSentiment30d === null || s.sentimentCount30d === 0) return missing('sentiment');
  const avg = round2(Math.max(-1, Math.min(1, s.avgSentiment30d)));
  return factor('sentiment', avg, avg * WEIGHTS.sentiment, avg > 0 ? 'positive' : avg < 0 ? 'negative' : 'neutral', { average: avg, messages: s.sentimentCount30d });
}

function openTickets(s: HealthSignals): HealthFactor {
  const n = s.openTickets;
  return factor('open_tickets', n, Math.max(WEIGHTS.openTicketsMax, n * WEIGHTS.openTicket), n === 0 ? 'none_open' : 'open', { open: n });
}

function breachedTickets(s: HealthSignals): HealthFactor {
  const n = s.breachedTickets;
  if (n === null) return factor('breached_tickets', null, 0, 'not_available');
  return factor('breached_tickets', n, Math.max(WEIGHTS.breachedTicketsMax, n * WEIGHTS.breachedTicket), n === 0 ? 'none_breached' : 'breached', { breached: n });
}

function contactFrequency(s: HealthSignals): HealthFactor {
  const recent = s.conversations30d;
  const total = s.conversations180d;
  if (total === 0) return missing('contact_frequency');
  const baseline = round2(total / 6);
  const ratio = round2(recent / baseline);
  const data = { last30Days: recent, monthlyBaseline: baseline, ratio };
  if (recent === 0) {
    return total >= WEIGHTS.quietMinimum ? factor('contact_frequency', ratio, WEIGHTS.contactQuiet, 'gone_quiet', data) : factor('contact_frequency', ratio, 0, 'usual', data);
  }
  if (ratio >= WEIGHTS.contactSurgeRatio) return factor('contact_frequency', ratio, WEIGHTS.contactSurge, 'surge', data);
  if (ratio >= WEIGHTS.contactRiseRatio) return factor('contact_frequency', ratio, WEIGHTS.contactRise, 'rise', data);
  return factor('contact_frequency', ratio, 0, 'usual', data);
}

function daysSinceLastOrder(s: HealthSignals): HealthFactor {
  const d = s.daysSinceLastOrder;
  if (d === null) return missing('days_since_last_order');
  const data = { days: d };
  if (d <= 30) return factor('days_since_last_order', d, WEIGHTS.orderRecent, 'within_30', data);
  if (d <= 90) return factor('days_since_last_order', d, WEIGHTS.orderWithin90, 'within_90', data);
  if (d <= 180) return factor('days_since_last_order', d, WEIGHTS.orderWithin180, 'within_180', data);
  if (d <= 365) return factor('days_since_last_order', d, WEIGHTS.orderWithin365, 'within_365', data);
  return factor('days_since_last_order', d, WEIGHTS.orderOlder, 'over_365', data);
}

function orderValueTrend(s: HealthSignals): HealthFactor {
  const recent = round2(s.spendLast90d);
  const prev = round2(s.spendPrev90d);
  if (recent === 0 && prev === 0) return missing('order_value_trend');
  const data = { last90Days: recent, previous90Days: prev };
  if (prev === 0) return factor('order_value_trend', null, WEIGHTS.trendUp, 'new_spend', data);
  const change = round1(((recent - prev) / prev) * 100);
  const withChange = { ...data, changePercent: change };
  if (change >= 20) return factor('order_value_trend', change, WEIGHTS.trendUp, 'growing', withChange);
  if (change > -20) return factor('order_value_trend', change, WEIGHTS.trendFlat, 'steady', withChange);
  if (change >= -50) return factor('order_value_trend', change, WEIGHTS.trendDown, 'falling', withChange);
  return factor('order_value_trend', change, WEIGHTS.trendCollapse, 'collapsed', withChange);
}

export function bandOf(score: number): HealthBand {
  if (score >= BAND_THRESHOLDS.healthy) return 'healthy';
  if (score >= BAND_THRESHOLDS.watch) return 'watch';
  return 'at_risk';
}

/** The health score of one customer from its signals. */
export function healthScore(s: HealthSignals): HealthResult {
  const factors = [csat(s), nps(s), sentiment(s), openTickets(s), breachedTickets(s), contactFrequency(s), daysSinceLastOrder(s), orderValueTrend(s)];
  const total = BASE_SCORE + factors.reduce((sum, f) => sum + f.impact, 0);
  const score = Math.max(0, Math.min(100, Math.round(total)));
  return { score, band: bandOf(score), base: BASE_SCORE, factors };
}

/** Signals with nothing known: every factor neutral. */
export const emptySignals = (): HealthSignals => ({
  avgCsat90d: null, csatCount90d: 0, latestNps90d: null, avgSentiment30d: null, sentimentCount30d: 0, openTickets: 0, breachedTickets: null,
  conversations30d: 0, conversations180d: 0, daysSinceLastOrder: null, spendLast90d: 0, spendPrev90d: 0,
});
