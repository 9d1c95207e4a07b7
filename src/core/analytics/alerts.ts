import type { AlertComparator, AlertMetric, WallboardAlert } from '../../contracts/wallboard-alerts.ts';

/**
 * Wallboard alerts: which rule thresholds the live figures cross now. Pure: the view and the rules
 * are passed in. A figure that is null (nothing measured yet, e.g. no answer today means no ASA)
 * never alerts, nor does a rate before any task of its period has an outcome. "above" is strictly greater, "below" strictly less, so a figure exactly at the
 * threshold is fine. A rule of one queue replaces the every-queue rule of the same metric and
 * comparator for that queue (so "longest wait above 120 s everywhere, above 30 s on VIP" works).
 */

/** The figures of a queue a rule can watch (the wallboard's queue tile). */
export interface AlertQueue {
  queueId: string;
  waiting: number;
  offered: number;
  longestWaitSeconds: number;
  agents: { available: number };
  today: Outcomes & { serviceLevel: number | null; abandonRate: number | null; asaSeconds: number | null; ahtSeconds?: number | null };
  /** The current 15/30-minute interval; absent on an older server. */
  interval?: (Outcomes & { serviceLevel: number | null }) | null;
}

/** How many tasks of the period have an outcome; absent means unknown (the rate is taken as it is). */
interface Outcomes {
  answered?: number;
  abandoned?: number;
}

/**
 * A rate is judged only once a task of the period has an outcome: the first chat of the day that
 * has waited 5 s makes the service level read 0 %, but nobody has been failed yet.
 */
const decided = (p: Outcomes) => p.answered === undefined || p.answered + (p.abandoned ?? 0) > 0;

export interface AlertRuleInput {
  id: string;
  queueId: string | null;
  metric: AlertMetric;
  comparator: AlertComparator;
  threshold: number;
  enabled: boolean;
}

/** The figure a metric names, as the tile shows it; null when nothing is measured yet. */
export function figureOf(q: AlertQueue, metric: AlertMetric): number | null {
  switch (metric) {
    case 'longest_wait_seconds':
      // Nobody waiting: no wait to alert on (the tile shows a dash).
      return q.waiting + q.offered > 0 ? q.longestWaitSeconds : null;
    case 'waiting':
      return q.waiting + q.offered;
    case 'service_level_today':
      return decided(q.today) ? q.today.serviceLevel : null;
    case 'service_level_interval':
      return q.interval && decided(q.interval) ? q.interval.serviceLevel : null;
    case 'abandon_rate_today':
      return decided(q.today) ? q.today.abandonRate : null;
    case 'asa_seconds_today':
      return q.today.asaSeconds;
    case 'aht_seconds_today':
      return q.today.ahtSeconds ?? null;
    case 'agents_available':
      return q.agents.available;
  }
}

const crosses = (value: number, comparator: AlertComparator, threshold: number) => (comparator === 'above' ? value > threshold : value < threshold);

/** Active alerts, in queue order then rule order. Disabled rules and rules of unknown queues are skipped. */
export function evaluateAlerts(view: { queues: readonly AlertQueue[] }, rules: readonly AlertRuleInput[]): WallboardAlert[] {
  const enabled = rules.filter((r) => r.enabled);
  const own = new Set(enabled.filter((r) => r.queueId !== null).map((r) => `${r.queueId}|${r.metric}|${r.comparator}`));
  const out: WallboardAlert[] = [];
  for (const q of view.queues) {
    for (const r of enabled) {
      if (r.queueId !== null && r.queueId !== q.queueId) continue;
      if (r.queueId === null && own.has(`${q.queueId}|${r.metric}|${r.comparator}`)) continue;
      const value = figureOf(q, r.metric);
      if (value === null || !Number.isFinite(value)) continue;
      if (crosses(value, r.comparator, r.threshold)) out.push({ ruleId: r.id, queueId: q.queueId, metric: r.metric, comparator: r.comparator, value, threshold: r.threshold });
    }
  }
  return out;
}

/** The unit of a metric's threshold. */
export function metricUnit(metric: AlertMetric): 'seconds' | 'fraction' | 'count' {
  if (metric.endsWith('_seconds') || metric.endsWith('_seconds_today')) return 'seconds';
  if (metric.startsWith('service_level') || metric === 'abandon_rate_today') return 'fraction';
  return 'count';
}

/** The longest threshold in seconds a rule may set: one day. */
export const maxThresholdSeconds = 86_400;
export const maxThresholdCount = 100_000;

/** Why a threshold does not fit its metric, or null when it does. */
export function thresholdProblem(metric: AlertMetric, comparator: AlertComparator, threshold: number): string | null {
  if (!Number.isFinite(threshold)) return 'must be a number';
  if (comparator === 'below' && threshold === 0) return 'of 0 with "below" can never alert (no figure is below 0); raise it';
  if (comparator === 'above' && metricUnit(metric) === 'fraction' && threshold === 1) return 'of 1 with "above" can never alert (no rate is above 100 %); lower it';
  switch (metricUnit(metric)) {
    case 'fraction':
      return threshold >= 0 && threshold <= 1 ? null : 'is a fraction from 0 to 1 for this metric (0.8 means 80 %)';
    case 'seconds':
      return threshold >= 0 && threshold <= maxThresholdSeconds ? null : `is in seconds for this metric, from 0 to ${maxThresholdSeconds}`;
    case 'count':
      return Number.isInteger(threshold) && threshold >= 0 && threshold <= maxThresholdCount ? null : `is a whole number from 0 to ${maxThresholdCount} for this metric`;
  }
}
