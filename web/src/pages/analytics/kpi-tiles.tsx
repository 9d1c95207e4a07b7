import { useTranslation } from 'react-i18next';
import type { MetricName, Metrics } from '../../../../src/contracts/analytics.ts';
import { useMetricFormat } from './format.ts';
import { drillMetric, lowerIsBetter } from './report-config.ts';

interface Props {
  metrics: MetricName[];
  totals: Metrics;
  previous?: Metrics;
  onDrill: (metric: MetricName, shown: MetricName) => void;
}

/** The change against the previous period in words and an arrow; colour only repeats it. */
export function Delta({ metric, now, before }: { metric: MetricName; now: number | null | undefined; before: number | null | undefined }) {
  const { t } = useTranslation();
  const f = useMetricFormat();
  if (now === null || now === undefined || before === null || before === undefined) return <span className="delta">{t('analytics.delta.none')}</span>;
  const diff = now - before;
  if (Math.abs(diff) < 1e-9) return <span className="delta">{t('analytics.delta.same')}</span>;
  const better = lowerIsBetter.has(metric) ? diff < 0 : diff > 0;
  const text = t(diff > 0 ? 'analytics.delta.up' : 'analytics.delta.down', { value: f.delta(metric, diff) });
  return (
    <span className={`delta ${better ? 'delta-better' : 'delta-worse'}`}>
      <span aria-hidden="true">{diff > 0 ? '↑' : '↓'} </span>
      {text}
    </span>
  );
}

/** KPI tiles: each figure, its change on the previous period, and a drill-down when it has conversations behind it. */
export function KpiTiles({ metrics, totals, previous, onDrill }: Props) {
  const { t } = useTranslation();
  const f = useMetricFormat();
  if (metrics.length === 0) return null;
  return (
    <ul className="kpi-tiles" aria-label={t('analytics.kpis')}>
      {metrics.map((m) => {
        const target = drillMetric(m);
        const label = t(`analytics.metrics.${m}`);
        const value = f.value(m, totals[m]);
        return (
          <li key={m} className="kpi-tile" data-metric={m}>
            <span className="kpi-label">{label}</span>
            {target ? (
              <button type="button" className="kpi-value link-button" aria-label={t('analytics.drillOpen', { metric: label, value })} onClick={() => onDrill(target, m)}>
                {value}
              </button>
            ) : (
              <span className="kpi-value">{value}</span>
            )}
            {previous && <Delta metric={m} now={totals[m]} before={previous[m]} />}
          </li>
        );
      })}
    </ul>
  );
}
