import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { reportNames, type ReportName } from '../../../../src/contracts/analytics.ts';
import { analyticsApi, type Schedule, type ScheduleBody } from '../../api/analytics.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useFormatDate } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { isReportName, readFilters } from './filters.ts';
import { ScheduleForm } from './schedule-form.tsx';

type Filters = ScheduleBody['filters'];

/** Filters of a "schedule this report" link: /analytics/schedules?new=agents&queueId=… */
function filtersFromLink(params: URLSearchParams): Filters {
  const s = readFilters(params);
  const f: Filters = { ...s.filters };
  if (s.groupBy) f.groupBy = s.groupBy;
  if (s.resolution !== 'auto') f.resolution = s.resolution;
  return f;
}

/** /analytics/schedules: the user's scheduled reports (an admin sees everyone's), create, edit, pause, delete. */
export function SchedulesPage() {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const [params, setParams] = useSearchParams();
  const newReport = params.get('new');
  const [editing, setEditing] = useState<Schedule | 'new' | null>(isReportName(newReport ?? undefined) ? 'new' : null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [confirm, setConfirm] = useState<string | null>(null);
  const list = usePagedList((cursor) => analyticsApi.schedules(cursor), '');
  useDocumentTitle(t('analytics.schedules.title'));

  const initial: Partial<ScheduleBody> =
    editing && editing !== 'new'
      ? editing
      : { report: (isReportName(newReport ?? undefined) ? newReport : 'overview') as ReportName, filters: filtersFromLink(params) };

  const remove = async (s: Schedule) => {
    setError(null);
    try {
      await analyticsApi.removeSchedule(s.id);
      setConfirm(null);
      setStatus(t('analytics.schedules.removed'));
      list.reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div className="analytics-schedules">
      <div className="subpanel-head">
        <h2>{t('analytics.schedules.title')}</h2>
        {!editing && (
          <button type="button" className="primary" onClick={() => { setStatus(''); setEditing('new'); }}>
            {t('analytics.schedules.new')}
          </button>
        )}
      </div>
      <p className="hint">{t('analytics.schedules.intro')}</p>
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert error={error} />
      {editing && (
        <ScheduleForm
          key={editing === 'new' ? 'new' : editing.id}
          id={editing === 'new' ? null : editing.id}
          initial={initial}
          onCancel={() => { setEditing(null); if (newReport) setParams({}); }}
          onSaved={() => {
            setEditing(null);
            setStatus(t('analytics.schedules.saved'));
            if (newReport) setParams({});
            list.reload();
          }}
        />
      )}
      <ErrorAlert error={list.error} />
      <div className="table-wrap">
        <table aria-busy={list.loading}>
          <caption className="visually-hidden">{t('analytics.schedules.tableLabel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('analytics.schedules.name')}</th>
              <th scope="col">{t('analytics.schedules.report')}</th>
              <th scope="col">{t('analytics.schedules.frequency')}</th>
              <th scope="col">{t('analytics.schedules.recipients')}</th>
              <th scope="col">{t('analytics.schedules.nextRun')}</th>
              <th scope="col">{t('analytics.schedules.lastSent')}</th>
              <th scope="col">{t('analytics.schedules.status')}</th>
              <th scope="col"><span className="visually-hidden">{t('analytics.schedules.edit')}</span></th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.name}</th>
                <td>{reportNames.includes(s.report) ? t(`analytics.reports.${s.report}`) : s.report}</td>
                <td>{t(`analytics.schedules.frequencies.${s.frequency}`)}</td>
                <td>{s.recipients.join(', ')}</td>
                <td>{s.enabled ? formatDate(s.nextRunAt) : '—'}</td>
                <td>{s.lastSentAt ? formatDate(s.lastSentAt) : t('analytics.schedules.never')}</td>
                <td>{s.enabled ? t('analytics.schedules.on') : t('analytics.schedules.off')}</td>
                <td>
                  {confirm === s.id ? (
                    <span className="confirm">
                      {t('analytics.schedules.confirmRemove', { name: s.name })}
                      <button type="button" className="danger" onClick={() => void remove(s)}>{t('analytics.schedules.remove')}</button>
                      <button type="button" onClick={() => setConfirm(null)}>{t('analytics.schedules.cancel')}</button>
                    </span>
                  ) : (
                    <span className="row-actions">
                      <button type="button" aria-label={t('analytics.schedules.editOf', { name: s.name })} onClick={() => { setStatus(''); setEditing(s); }}>{t('analytics.schedules.edit')}</button>
                      <button type="button" aria-label={t('analytics.schedules.removeOf', { name: s.name })} onClick={() => setConfirm(s.id)}>{t('analytics.schedules.remove')}</button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!list.loading && !list.error && list.items.length === 0 && <p className="empty">{t('analytics.schedules.empty')}</p>}
      <LoadMore list={list} />
    </div>
  );
}
