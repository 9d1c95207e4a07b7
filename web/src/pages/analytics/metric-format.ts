import type { MetricName } from '../../../../src/contracts/analytics.ts';
import { metricKind } from './report-config.ts';

/** Figures formatted with Intl in the UI language: counts, percentages, durations, scores. */
export interface MetricFormat {
  value: (m: MetricName, v: number | null | undefined) => string;
  seconds: (v: number | null | undefined) => string;
  count: (v: number) => string;
  /** The difference to the previous period, in the metric's own unit (percentage points for rates). */
  delta: (m: MetricName, diff: number) => string;
}

export function metricFormat(language: string): MetricFormat {
  const int = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  const dec = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
  const pct = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 });
  const unit = (u: 'second' | 'minute' | 'hour') => new Intl.NumberFormat(language, { style: 'unit', unit: u, unitDisplay: 'narrow', maximumFractionDigits: 1 });
  const [sec, min, hr] = [unit('second'), unit('minute'), unit('hour')];
  const seconds = (v: number | null | undefined) => {
    if (v === null || v === undefined) return '—';
    const a = Math.abs(v);
    if (a < 120) return sec.format(v);
    if (a < 7200) return min.format(v / 60);
    return hr.format(v / 3600);
  };
  const value = (m: MetricName, v: number | null | undefined) => {
    if (v === null || v === undefined) return '—';
    switch (metricKind(m)) {
      case 'rate':
        return pct.format(v);
      case 'seconds':
        return seconds(v);
      case 'score':
        return m === 'nps' ? int.format(Math.abs(v) <= 1 ? v * 100 : v) : dec.format(v);
      default:
        return int.format(v);
    }
  };
  const delta = (m: MetricName, diff: number) => {
    const a = Math.abs(diff);
    if (metricKind(m) === 'rate') return `${dec.format(a * 100)} pp`;
    return value(m, a);
  };
  return { value, seconds, count: (v) => int.format(v), delta };
}
