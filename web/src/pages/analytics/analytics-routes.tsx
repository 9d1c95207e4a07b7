import { lazy, Suspense, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Route, Routes, useLocation, useParams, useSearchParams } from 'react-router-dom';
import { FilterBar } from './filter-bar.tsx';
import { isReportName, readFilters, toReportParams, writeFilters, type FilterState } from './filters.ts';
import { usePickLists } from './pick-lists.ts';
import { navReports, reportConfig } from './report-config.ts';
import { useTenantZone } from './use-report.ts';
import './analytics.css';

const ReportView = lazy(() => import('./report-view.tsx').then((m) => ({ default: m.ReportView })));
const SchedulesPage = lazy(() => import('./schedules-page.tsx').then((m) => ({ default: m.SchedulesPage })));

function Loading() {
  const { t } = useTranslation();
  return <p className="hint" role="status">{t('common.loading')}</p>;
}

/** The reports nav: every report (keeping the filters), the other analytics pages and schedules. */
function ReportsNav() {
  const { t } = useTranslation();
  const { search } = useLocation();
  return (
    <nav className="analytics-nav" aria-label={t('analytics.reportsNav')}>
      <ul>
        {navReports.map((r) => (
          <li key={r}>
            <NavLink to={{ pathname: `/analytics/${r}`, search }}>{t(`analytics.reports.${r}`)}</NavLink>
          </li>
        ))}
        <li className="analytics-nav-gap">
          <NavLink to="/analytics/voc">{t('analytics.voc')}</NavLink>
        </li>
        <li>
          <NavLink to="/analytics/journeys">{t('analytics.journeys')}</NavLink>
        </li>
        <li>
          <NavLink to="/analytics/schedules">{t('analytics.schedules.nav')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}

function scheduleLink(report: string, state: FilterState): string {
  const p = writeFilters(state);
  p.set('new', report);
  return p.toString();
}

/** /analytics/:report: the filter bar (state in the URL) and the report. */
function ReportRoute() {
  const { report } = useParams();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [timeZone, setTimeZone] = useTenantZone();
  const lists = usePickLists();
  const state = useMemo(() => readFilters(params), [params]);
  // The range is computed once per filter change; "today" follows the clock on the next change or reload.
  const query = useMemo(() => toReportParams(state, Date.now(), timeZone), [state, timeZone]);
  const onChange = useCallback((next: FilterState) => setParams(writeFilters(next)), [setParams]);
  const onZone = useCallback((tz: string) => tz !== timeZone && setTimeZone(tz), [timeZone, setTimeZone]);
  if (!isReportName(report)) return <p role="alert" className="alert alert-error">{t('analytics.unknownReport')}</p>;
  const grouped = !reportConfig[report].special || reportConfig[report].special === 'leaderboard';
  return (
    <>
      <FilterBar state={state} onChange={onChange} lists={lists} timeZone={timeZone} grouped={grouped && report !== 'overview'} />
      <p className="actions">
        <Link to={`/analytics/schedules?${scheduleLink(report, state)}`}>{t('analytics.scheduleThis')}</Link>
      </p>
      <Suspense fallback={<Loading />}>
        <ReportView report={report} state={state} params={query} onChange={onChange} onZone={onZone} />
      </Suspense>
    </>
  );
}

/** /analytics/*: historical reports (lazy-loaded with their charting library), and scheduled reports. */
export function AnalyticsRoutes() {
  const { t } = useTranslation();
  const { search } = useLocation();
  return (
    <section className="panel analytics" aria-labelledby="analytics-title">
      <h1 id="analytics-title">{t('analytics.title')}</h1>
      <div className="analytics-layout">
        <ReportsNav />
        <div className="analytics-main">
          <Routes>
            <Route index element={<Navigate to={{ pathname: 'overview', search }} replace />} />
            <Route path="schedules" element={<Suspense fallback={<Loading />}><SchedulesPage /></Suspense>} />
            <Route path=":report" element={<ReportRoute />} />
          </Routes>
        </div>
      </div>
    </section>
  );
}
