import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MetricName, ReportName, ReportResponse } from '../../../../src/contracts/analytics.ts';
import { analyticsApi, type DrillParams, type ReportParams } from '../../api/analytics.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useFormatDate } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { DrillPanel } from './drill-panel.tsx';
import { EChart, type ChartClick } from './echart.tsx';
import { dimensionFilter, filterKeys, type FilterState } from './filters.ts';
import { KpiTiles } from './kpi-tiles.tsx';
import { drillMetric, reportConfig } from './report-config.ts';
import { ReportTable, type DrillTarget } from './report-table.tsx';
import { BusiestHours, Distribution, Leaderboard, SurveyComments } from './special-sections.tsx';
import { useReport } from './use-report.ts';

interface Props {
  report: ReportName;
  state: FilterState;
  params: ReportParams;
  onChange: (s: FilterState) => void;
  onZone: (tz: string) => void;
}

function useSeriesOption(data: ReportResponse | null, metrics: MetricName[]) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return useMemo(() => {
    if (!data || metrics.length === 0 || data.series.length === 0) return null;
    const withTime = !['day', 'week', 'month'].includes(data.resolution);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 32, bottom: 40 },
      xAxis: { type: 'category', data: data.series.map((p) => formatDate(p.start, withTime)) },
      yAxis: { type: 'value' },
      series: metrics.map((m) => ({ type: 'line', name: t(`analytics.metrics.${m}`), showSymbol: data.series.length < 60, data: data.series.map((p) => p.metrics[m] ?? null) })),
    };
  }, [data, metrics, t, formatDate]);
}

/** One report: KPI tiles with the previous period, the time chart, its own section, the table, drill-down. */
export function ReportView({ report, state, params, onChange, onZone }: Props) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const cfg = reportConfig[report];
  const { data, error, loading } = useReport(report, params, onZone);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const option = useSeriesOption(data, cfg.chart);
  useDocumentTitle(t(`analytics.reports.${report}`));

  const drillQuery = (d: DrillTarget): DrillParams => {
    const q: DrillParams = { from: d.from ?? params.from, to: d.to ?? params.to, metric: d.metric };
    for (const k of filterKeys) if (params[k]) q[k] = params[k];
    if (d.rowKey !== undefined && data?.groupBy) q[dimensionFilter[data.groupBy]] = d.rowKey;
    return q;
  };
  const drillTitle = (d: DrillTarget) => {
    const metric = t(`analytics.metrics.${d.shown}`);
    if (d.rowLabel) return t('analytics.drillTitleRow', { metric, row: d.rowLabel });
    if (d.from && d.to) return t('analytics.drillTitleRow', { metric, row: formatDate(d.from) });
    return t('analytics.drillTitle', { metric });
  };
  const chartClick = (p: ChartClick) => {
    const point = data?.series[p.dataIndex];
    const m = cfg.chart[p.seriesIndex ?? 0];
    const dm = m && drillMetric(m);
    if (!data || !point || !m || !dm) return;
    setDrill({ metric: dm, shown: m, from: point.start, to: data.series[p.dataIndex + 1]?.start ?? data.to });
  };

  return (
    <div className="analytics-report" aria-busy={loading}>
      <h2 className="visually-hidden">{t(`analytics.reports.${report}`)}</h2>
      <ErrorAlert error={error} />
      {loading && <p className="hint" role="status">{t('analytics.loading')}</p>}
      {data && (
        <>
          <p className="hint" data-testid="report-period">
            {t('analytics.period', { from: formatDate(data.from), to: formatDate(data.to), tz: data.timeZone })}
            {data.previousFrom && data.previousTo && ` ${t('analytics.previousPeriod', { from: formatDate(data.previousFrom), to: formatDate(data.previousTo) })}`}
          </p>
          {data.resolutionNote && <p className="warning" role="note">{data.resolutionNote}</p>}
          <KpiTiles metrics={cfg.tiles} totals={data.totals} previous={data.previous} onDrill={(metric, shown) => setDrill({ metric, shown })} />
          {option && <EChart option={option} label={t('analytics.chartLabel', { report: t(`analytics.reports.${report}`) })} onClick={chartClick} testId="series-chart" />}
          {cfg.special === 'leaderboard' && <Leaderboard data={data} state={state} onChange={onChange} />}
          {cfg.special === 'heatmap' && <BusiestHours data={data} />}
          {cfg.special === 'distribution' && <Distribution data={data} state={state} onChange={onChange} />}
          {cfg.special === 'comments' && <SurveyComments data={data} />}
          {data.rows.length === 0 && data.series.length === 0 && !data.heatmap && !data.histogram && <p className="empty">{t('analytics.empty')}</p>}
          <ReportTable data={data} columns={cfg.columns} csvUrl={analyticsApi.csvUrl(report, params)} onDrill={setDrill} />
        </>
      )}
      {drill && <DrillPanel title={drillTitle(drill)} query={drillQuery(drill)} onClose={() => setDrill(null)} />}
    </div>
  );
}
