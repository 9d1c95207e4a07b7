import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessCalendar } from '../../../../src/contracts/sla.ts';
import { weekdayKeys } from '../../../../src/contracts/sla.ts';
import { slaApi } from '../../api/sla.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { TextField } from '../../components/fields.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { useEvents } from '../../lib/use-realtime.tsx';
import { BusinessHoursForm, type CalendarFormValues } from './business-hours-form.tsx';

/** "Mon 09:00–17:00; Tue …" in the reader's language. */
function useHoursSummary() {
  const { t } = useTranslation();
  return (c: BusinessCalendar) =>
    weekdayKeys
      .filter((d) => (c.hours[d] ?? []).length > 0)
      .map((d) => `${t(`sla.weekday.${d}`)} ${(c.hours[d] ?? []).map((iv) => `${iv.start}–${iv.end}`).join(', ')}`)
      .join('; ') || t('sla.closed');
}

/** /admin/business-hours: calendars with time zone, weekly hours and holidays. */
export function BusinessHoursPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const canEdit = can('sla.configure');
  const summary = useHoursSummary();
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 300);
  const list = usePagedList((cursor) => slaApi.calendars({ q, cursor }), q);
  const [editing, setEditing] = useState<BusinessCalendar | null>(null);
  const [status, setStatus] = useState('');
  const [rowError, setRowError] = useState<unknown>(null);
  useDocumentTitle(`${t('sla.hoursTitle')} – ${t('admin.title')}`);

  useEvents(['tenant'], (e) => {
    if (e.type.startsWith('business_calendar.')) list.reload();
  });

  async function create(v: CalendarFormValues) {
    const c = await slaApi.createCalendar(v);
    setStatus(t('sla.calendarCreated', { name: c.name }));
    list.reload();
  }
  async function save(v: CalendarFormValues) {
    if (!editing) return;
    const c = await slaApi.updateCalendar(editing.id, v);
    setEditing(null);
    setStatus(t('sla.calendarSaved', { name: c.name }));
    list.reload();
  }
  async function remove(c: BusinessCalendar) {
    if (!window.confirm(t('sla.confirmRemoveCalendar', { name: c.name }))) return;
    setRowError(null);
    try {
      await slaApi.removeCalendar(c.id);
      list.setItems((items) => items.filter((x) => x.id !== c.id));
      setStatus(t('sla.calendarDeleted', { name: c.name }));
    } catch (err) {
      setRowError(err);
    }
  }

  return (
    <section aria-labelledby="hours-title">
      <h2 id="hours-title">{t('sla.hoursTitle')}</h2>
      <p>{t('sla.hoursIntro')}</p>
      {canEdit && (
        <section className="subpanel" aria-labelledby="hours-form-title">
          <h3 id="hours-form-title">{editing ? t('sla.editCalendarTitle', { name: editing.name }) : t('sla.newCalendarTitle')}</h3>
          {editing ? (
            <BusinessHoursForm key={editing.id} initial={editing} titleId="hours-form-title" submitLabel={t('sla.saveCalendar')} onSubmit={save} onCancel={() => setEditing(null)} />
          ) : (
            <BusinessHoursForm key="new" titleId="hours-form-title" submitLabel={t('sla.createCalendar')} onSubmit={create} />
          )}
        </section>
      )}
      <div className="toolbar">
        <TextField label={t('sla.searchCalendars')} type="search" name="q" autoComplete="off" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={rowError ?? list.error} />
      <div className="table-wrap">
        <table aria-busy={list.loading}>
          <caption className="visually-hidden">{t('sla.calendarsTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sla.colName')}</th>
              <th scope="col">{t('sla.colZone')}</th>
              <th scope="col">{t('sla.colHours')}</th>
              {canEdit && <th scope="col">{t('sla.colActions')}</th>}
            </tr>
          </thead>
          <tbody>
            {list.items.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  {c.name} {c.isDefault && <span className="badge badge-ok">{t('sla.defaultBadge')}</span>}
                </th>
                <td>{c.timeZone}</td>
                <td>
                  {summary(c)}
                  {c.holidays.length > 0 && <div className="muted">{t('sla.holidays')}: {c.holidays.join(', ')}</div>}
                </td>
                {canEdit && (
                  <td>
                    <div className="actions">
                      <button type="button" aria-label={t('sla.editLabel', { name: c.name })} onClick={() => setEditing(c)}>
                        {t('sla.edit')}
                      </button>
                      <button type="button" className="danger" aria-label={t('sla.removeLabel', { name: c.name })} onClick={() => void remove(c)}>
                        {t('sla.remove')}
                      </button>
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!list.loading && !list.error && list.items.length === 0 && <p className="empty">{t('sla.calendarsEmpty')}</p>}
      <LoadMore list={list} />
    </section>
  );
}
