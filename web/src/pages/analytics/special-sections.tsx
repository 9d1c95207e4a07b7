import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { metricNames, type MetricName, type ReportResponse } from '../../../../src/contracts/analytics.ts';
import { SelectField } from '../../components/fields.tsx';
import { useFormatDate } from '../../lib/format.ts';
import { EChart } from './echart.tsx';
import { measures, type FilterState } from './filters.ts';
import { useMetricFormat } from './format.ts';

interface SectionProps {
  data: ReportResponse;
  state: FilterState;
  onChange: (s: FilterState) => void;
}

const TOP = 10;

/** Agents ranked by a chosen metric: a bar chart of the top ten and the order as a list. */
export function Leaderboard({ data, state, onChange }: SectionProps) {
  const { t } = useTranslation();
  const f = useMetricFormat();
  const metric: MetricName = state.sort || 'handled';
  const top = useMemo(() => {
    const sign = state.order === 'asc' ? 1 : -1;
    return data.rows
      .filter((r) => r.metrics[metric] !== null && r.metrics[metric] !== undefined)
      .sort((a, b) => ((a.metrics[metric] ?? 0) - (b.metrics[metric] ?? 0)) * sign)
      .slice(0, TOP);
  }, [data.rows, metric, state.order]);
  const option = useMemo(
    () => ({
      grid: { left: 140, right: 24, top: 8, bottom: 24 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: top.map((r) => r.label) },
      series: [{ type: 'bar', name: t(`analytics.metrics.${metric}`), data: top.map((r) => r.metrics[metric] ?? 0) }],
    }),
    [top, metric, t],
  );
  return (
    <section className="analytics-section" aria-labelledby="leaderboard-title">
      <h2 id="leaderboard-title">{t('analytics.leaderboard')}</h2>
      <div className="form-row">
        <SelectField label={t('analytics.leaderboardMetric')} value={metric} onChange={(e) => onChange({ ...state, sort: e.target.value as MetricName })} options={metricNames.map((m) => [m, t(`analytics.metrics.${m}`)] as const)} />
        <SelectField label={t('analytics.orderLabel')} value={state.order} onChange={(e) => onChange({ ...state, order: e.target.value === 'asc' ? 'asc' : 'desc' })} options={[['desc', t('analytics.order.desc')], ['asc', t('analytics.order.asc')]]} />
      </div>
      {top.length === 0 ? (
        <p className="empty">{t('analytics.empty')}</p>
      ) : (
        <>
          <EChart option={option} label={t('analytics.leaderboardChart', { metric: t(`analytics.metrics.${metric}`) })} height={Math.max(160, top.length * 32)} testId="leaderboard-chart" />
          <ol className="leaderboard" data-testid="leaderboard">
            {top.map((r) => (
              <li key={r.key}>
                <span>{r.label}</span> <strong>{f.value(metric, r.metrics[metric])}</strong>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** Offered per hour of the week (tenant time zone) as a 7×24 heat map, with the same figures as a table. */
export function BusiestHours({ data }: { data: ReportResponse }) {
  const { t, i18n } = useTranslation();
  const f = useMetricFormat();
  const heat = data.heatmap ?? [];
  const days = useMemo(() => {
    const fmt = new Intl.DateTimeFormat(i18n.language, { weekday: 'short', timeZone: 'UTC' });
    return Array.from({ length: 7 }, (_, d) => fmt.format(new Date(Date.UTC(2024, 0, 1 + d)))); // 2024-01-01 was a Monday
  }, [i18n.language]);
  const max = Math.max(1, ...heat.flat());
  const option = useMemo(
    () => ({
      tooltip: { position: 'top' },
      grid: { left: 60, right: 16, top: 8, bottom: 70 },
      xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')), splitArea: { show: true } },
      yAxis: { type: 'category', data: days, inverse: true, splitArea: { show: true } },
      visualMap: { min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0 },
      series: [{ type: 'heatmap', name: t('analytics.metrics.offered'), data: heat.flatMap((row, d) => row.map((v, h) => [h, d, v])), label: { show: false } }],
    }),
    [heat, days, max, t],
  );
  if (heat.length === 0) return <p className="empty">{t('analytics.empty')}</p>;
  return (
    <section className="analytics-section" aria-labelledby="heatmap-title">
      <h2 id="heatmap-title">{t('analytics.heatmapTitle', { tz: data.timeZone })}</h2>
      <EChart option={option} label={t('analytics.heatmapTitle', { tz: data.timeZone })} height={320} testId="heatmap" />
      <details>
        <summary>{t('analytics.showTable')}</summary>
        <div className="table-wrap">
          <table className="heatmap-table">
            <caption className="visually-hidden">{t('analytics.heatmapTitle', { tz: data.timeZone })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('analytics.day')}</th>
                {Array.from({ length: 24 }, (_, h) => <th key={h} scope="col">{String(h).padStart(2, '0')}</th>)}
              </tr>
            </thead>
            <tbody>
              {heat.map((row, d) => (
                <tr key={d}>
                  <th scope="row">{days[d]}</th>
                  {row.map((v, h) => <td key={h}>{f.count(v)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

/** A time's distribution: histogram, median and 90th percentile; the measure is chosen here. */
export function Distribution({ data, state, onChange }: SectionProps) {
  const { t } = useTranslation();
  const f = useMetricFormat();
  const buckets = data.histogram ?? [];
  const labels = buckets.map((b) => (b.toSeconds === null ? `≥ ${f.seconds(b.fromSeconds)}` : `${f.seconds(b.fromSeconds)}–${f.seconds(b.toSeconds)}`));
  const option = useMemo(
    () => ({
      grid: { left: 48, right: 16, top: 8, bottom: 48 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: labels, axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: t('analytics.count'), data: buckets.map((b) => b.count) }],
    }),
    // labels derive from buckets
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [buckets, t],
  );
  const p = data.percentiles;
  return (
    <section className="analytics-section" aria-labelledby="distribution-title">
      <h2 id="distribution-title">{t('analytics.distributionTitle')}</h2>
      <SelectField
        label={t('analytics.measure')}
        value={state.measure || 'firstResponse'}
        onChange={(e) => onChange({ ...state, measure: e.target.value as FilterState['measure'] })}
        options={measures.map((m) => [m, t(`analytics.measures.${m}`)] as const)}
      />
      {p && (
        <ul className="kpi-tiles">
          <li className="kpi-tile"><span className="kpi-label">{t('analytics.median')}</span><span className="kpi-value" data-testid="median">{f.seconds(p.medianSeconds)}</span></li>
          <li className="kpi-tile"><span className="kpi-label">{t('analytics.p90')}</span><span className="kpi-value" data-testid="p90">{f.seconds(p.p90Seconds)}</span></li>
          <li className="kpi-tile"><span className="kpi-label">{t('analytics.count')}</span><span className="kpi-value">{f.count(p.count)}</span></li>
        </ul>
      )}
      {buckets.length === 0 ? <p className="empty">{t('analytics.empty')}</p> : <EChart option={option} label={t('analytics.distributionTitle')} testId="histogram" />}
    </section>
  );
}

/** Recent CSAT/NPS comments, newest first, each linking to its conversation. */
export function SurveyComments({ data }: { data: ReportResponse }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const comments = data.comments ?? [];
  return (
    <section className="analytics-section" aria-labelledby="comments-title">
      <h2 id="comments-title">{t('analytics.commentsTitle')}</h2>
      {comments.length === 0 ? (
        <p className="empty">{t('analytics.noComments')}</p>
      ) : (
        <ul className="plain-list survey-comments">
          {comments.map((c, i) => (
            <li key={`${c.at}-${i}`}>
              <p className="message-meta">
                <span className="badge">{t(`analytics.kind.${c.kind}`)} {c.score}</span> {formatDate(c.at)}{' '}
                {c.conversationId && <Link to={`/desk/conversations/${c.conversationId}`}>{t('analytics.openConversation')}</Link>}
              </p>
              <p className="message-text">{c.comment}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
