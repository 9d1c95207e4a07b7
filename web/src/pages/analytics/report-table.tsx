import { useTranslation } from 'react-i18next';
import type { MetricName, ReportResponse, ReportRow } from '../../../../src/contracts/analytics.ts';
import { useFormatDate } from '../../lib/format.ts';
import { useMetricFormat } from './format.ts';
import { Delta } from './kpi-tiles.tsx';
import { drillMetric } from './report-config.ts';
import { SortableTable, type Column } from './sortable-table.tsx';

export interface DrillTarget {
  metric: MetricName;
  shown: MetricName;
  /** The row's dimension value (as a filter) or the interval's bounds. */
  rowKey?: string;
  rowLabel?: string;
  from?: string;
  to?: string;
}

interface Props {
  data: ReportResponse;
  columns: MetricName[];
  csvUrl: string;
  onDrill: (d: DrillTarget) => void;
}

/** The metrics present in the answer, in the report's column order (others after). */
function presentColumns(preferred: MetricName[], sets: ReportRow['metrics'][]): MetricName[] {
  const seen = new Set<string>();
  for (const s of sets) for (const k of Object.keys(s)) seen.add(k);
  const first = preferred.filter((m) => seen.has(m));
  return first.length ? first : (Object.keys(sets[0] ?? {}) as MetricName[]);
}

function intervalEnd(data: ReportResponse, i: number): string {
  return data.series[i + 1]?.start ?? data.to;
}

/** The report's rows (or its time series when it has none) as a sortable table with drill-down and CSV export. */
export function ReportTable({ data, columns, csvUrl, onDrill }: Props) {
  const { t } = useTranslation();
  const f = useMetricFormat();
  const formatDate = useFormatDate();
  const byRows = data.rows.length > 0;
  const caption = byRows ? t('analytics.tableRows', { dimension: data.groupBy ? t(`analytics.dimensions.${data.groupBy}`) : t('analytics.name') }) : t('analytics.tableSeries');
  const exportLink = (
    <a className="button" href={csvUrl} download aria-label={`${t('analytics.exportCsv')} – ${caption}`} data-testid="export-csv">
      {t('analytics.exportCsv')}
    </a>
  );

  const cell = (m: MetricName, value: number | null | undefined, before: number | null | undefined, target: Omit<DrillTarget, 'metric' | 'shown'>, rowName: string) => {
    const text = f.value(m, value);
    const dm = drillMetric(m);
    return (
      <>
        {dm && value !== null && value !== undefined ? (
          <button type="button" className="link-button" aria-label={t('analytics.drillCell', { metric: t(`analytics.metrics.${m}`), row: rowName, value: text })} onClick={() => onDrill({ ...target, metric: dm, shown: m })}>
            {text}
          </button>
        ) : (
          text
        )}
        {data.previous && target.rowKey !== undefined && <div className="cell-delta"><Delta metric={m} now={value} before={before} /></div>}
      </>
    );
  };

  if (byRows) {
    const cols = presentColumns(columns, data.rows.map((r) => r.metrics));
    const columnsDef: Column<ReportRow>[] = [
      { key: 'label', title: data.groupBy ? t(`analytics.dimensions.${data.groupBy}`) : t('analytics.name'), sortValue: (r) => r.label, cell: (r) => r.label, header: true },
      ...cols.map<Column<ReportRow>>((m) => ({
        key: m,
        title: t(`analytics.metrics.${m}`),
        sortValue: (r) => r.metrics[m],
        cell: (r) => cell(m, r.metrics[m], r.previous?.[m], { rowKey: r.key, rowLabel: r.label }, r.label),
      })),
    ];
    return (
      <section className="analytics-section" aria-label={caption}>
        <div className="subpanel-head"><h2>{caption}</h2>{exportLink}</div>
        <SortableTable caption={caption} columns={columnsDef} rows={data.rows} rowKey={(r) => r.key} />
      </section>
    );
  }
  if (data.series.length === 0) return data.heatmap?.length || data.histogram?.length ? <div className="actions">{exportLink}</div> : null;
  type Point = ReportResponse['series'][number] & { i: number };
  const points: Point[] = data.series.map((p, i) => ({ ...p, i }));
  const cols = presentColumns(columns, points.map((p) => p.metrics));
  const columnsDef: Column<Point>[] = [
    { key: 'start', title: t('analytics.start'), sortValue: (p) => p.start, cell: (p) => formatDate(p.start, data.resolution !== 'day' && data.resolution !== 'week' && data.resolution !== 'month'), header: true },
    ...cols.map<Column<Point>>((m) => ({
      key: m,
      title: t(`analytics.metrics.${m}`),
      sortValue: (p) => p.metrics[m],
      cell: (p) => cell(m, p.metrics[m], undefined, { from: p.start, to: intervalEnd(data, p.i) }, formatDate(p.start)),
    })),
  ];
  return (
    <section className="analytics-section" aria-label={caption}>
      <div className="subpanel-head"><h2>{caption}</h2>{exportLink}</div>
      <SortableTable caption={caption} columns={columnsDef} rows={points} rowKey={(p) => p.start} />
    </section>
  );
}
