import type { TFunction } from 'i18next';
import type { AlertMetric } from '../../../../src/contracts/wallboard-alerts.ts';
import { metricUnit } from '../../../../src/core/analytics/alerts.ts';
import type { AlertRule, WallboardAlert } from './api.ts';

/** A clock-style duration: "0:45", "2:41", "1:05:00". */
export function clockDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A figure of a metric as a rule shows it: seconds as m:ss, rates as percent, counts as is. */
export function formatFigure(metric: AlertMetric, value: number): string {
  switch (metricUnit(metric)) {
    case 'seconds':
      return clockDuration(value);
    case 'fraction':
      return `${Math.round(value * 1000) / 10} %`;
    case 'count':
      return String(value);
  }
}

export const comparatorSign = (c: AlertRule['comparator']) => (c === 'above' ? '>' : '<');

/** "Alert: longest wait 2:41 > 2:00". */
export function alertText(t: TFunction, a: Pick<WallboardAlert, 'metric' | 'comparator' | 'value' | 'threshold'>): string {
  return t('wallboardAlerts.alertText', {
    metric: t(`wallboardAlerts.metric.${a.metric}`),
    value: formatFigure(a.metric, a.value),
    op: comparatorSign(a.comparator),
    threshold: formatFigure(a.metric, a.threshold),
  });
}

/** "longest wait above 2:00". */
export function ruleText(t: TFunction, r: Pick<AlertRule, 'metric' | 'comparator' | 'threshold'>): string {
  return t('wallboardAlerts.ruleSummary', {
    metric: t(`wallboardAlerts.metric.${r.metric}`),
    comparator: t(`wallboardAlerts.comparator.${r.comparator}`),
    threshold: formatFigure(r.metric, r.threshold),
  });
}

/** The tile figure (data-figure) each metric is shown in. */
export const figureOfMetric: Record<AlertMetric, string> = {
  longest_wait_seconds: 'longest',
  waiting: 'waiting',
  service_level_today: 'sl',
  service_level_interval: 'i-sl',
  abandon_rate_today: 'abandon-rate',
  asa_seconds_today: 'asa',
  aht_seconds_today: 'aht',
  agents_available: 'available',
};

/** A stable key of an alert: one rule on one queue. */
export const alertKey = (a: Pick<WallboardAlert, 'ruleId' | 'queueId'>) => `${a.ruleId}|${a.queueId}`;
