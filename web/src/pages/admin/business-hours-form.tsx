import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessCalendar } from '../../../../src/contracts/sla.ts';
import { weekdayKeys } from '../../../../src/contracts/sla.ts';
import type { Team } from '../../../../src/contracts/users.ts';
import { teamsApi } from '../../api/endpoints.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import { SubmitRow } from '../../components/submit-row.tsx';

type Day = (typeof weekdayKeys)[number];
type Hours = Record<Day, { start: string; end: string }[]>;

export interface CalendarFormValues {
  name: string;
  timeZone: string;
  hours: Hours;
  holidays: string[];
  teamId: string | null;
  isDefault: boolean;
}

const fallbackZones = ['UTC', 'Europe/London', 'Europe/Warsaw', 'America/New_York', 'America/Los_Angeles', 'Asia/Kolkata', 'Asia/Shanghai', 'Asia/Taipei'];
function zones(): string[] {
  try {
    const all = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone');
    return all && all.length > 0 ? (all.includes('UTC') ? all : ['UTC', ...all]) : fallbackZones;
  } catch {
    return fallbackZones;
  }
}

const emptyHours = (): Hours => Object.fromEntries(weekdayKeys.map((d) => [d, ['sat', 'sun'].includes(d) ? [] : [{ start: '09:00', end: '17:00' }]])) as Hours;

interface Props {
  initial?: BusinessCalendar;
  titleId: string;
  submitLabel: string;
  onSubmit: (v: CalendarFormValues) => Promise<void>;
  onCancel?: () => void;
}

/** Name, time zone, opening intervals per weekday, holidays, team and default flag of a calendar. */
export function BusinessHoursForm({ initial, titleId, submitLabel, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial?.name ?? '');
  const [timeZone, setTimeZone] = useState(initial?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC');
  const [hours, setHours] = useState<Hours>(() =>
    initial ? (Object.fromEntries(weekdayKeys.map((d) => [d, initial.hours[d] ?? []])) as Hours) : emptyHours(),
  );
  const [holidays, setHolidays] = useState((initial?.holidays ?? []).join('\n'));
  const [teamId, setTeamId] = useState(initial?.teamId ?? '');
  const [isDefault, setIsDefault] = useState(initial?.isDefault ?? false);
  const [teams, setTeams] = useState<Team[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    teamsApi.list({ limit: 200 }).then((p) => setTeams(p.items), () => setTeams([]));
  }, []);

  const setIntervalTime = (day: Day, i: number, key: 'start' | 'end', value: string) =>
    setHours((h) => ({ ...h, [day]: h[day].map((iv, j) => (j === i ? { ...iv, [key]: value } : iv)) }));
  const addInterval = (day: Day) => setHours((h) => ({ ...h, [day]: [...h[day], { start: '09:00', end: '17:00' }] }));
  const removeInterval = (day: Day, i: number) => setHours((h) => ({ ...h, [day]: h[day].filter((_, j) => j !== i) }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      await onSubmit({
        name: name.trim(),
        timeZone,
        hours,
        holidays: holidays.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean),
        teamId: teamId || null,
        isDefault,
      });
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  const zoneList = zones();
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby={titleId} noValidate>
      <ErrorAlert error={error} fields={['name', 'timeZone', 'teamId']} />
      <TextField label={t('sla.calendarName')} name="name" required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(error, 'name')} />
      <SelectField
        label={t('sla.timeZone')}
        name="timeZone"
        value={timeZone}
        onChange={(e) => setTimeZone(e.target.value)}
        options={(zoneList.includes(timeZone) ? zoneList : [timeZone, ...zoneList]).map((z) => [z, z] as const)}
        error={fieldError(error, 'timeZone')}
      />
      <fieldset>
        <legend>{t('sla.colHours')}</legend>
        {weekdayKeys.map((day) => {
          const dayName = t(`sla.weekday.${day}`);
          return (
            <div key={day} className="sla-day" role="group" aria-label={dayName} style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem', alignItems: 'end', marginBottom: '0.5rem' }}>
              <strong style={{ minWidth: '8rem' }}>{dayName}</strong>
              {hours[day].length === 0 && <span className="muted">{t('sla.closed')}</span>}
              {hours[day].map((iv, i) => (
                <span key={i} style={{ display: 'inline-flex', gap: '0.25rem', alignItems: 'end' }}>
                  <TextField label={t('sla.opens')} aria-label={t('sla.opensLabel', { day: dayName, n: i + 1 })} inputMode="numeric" placeholder="09:00" maxLength={5} size={5} value={iv.start} onChange={(e) => setIntervalTime(day, i, 'start', e.target.value)} aria-invalid={fieldError(error, `hours.${day}.${i}.start`) ? true : undefined} />
                  <TextField label={t('sla.closes')} aria-label={t('sla.closesLabel', { day: dayName, n: i + 1 })} inputMode="numeric" placeholder="17:00" maxLength={5} size={5} value={iv.end} onChange={(e) => setIntervalTime(day, i, 'end', e.target.value)} aria-invalid={fieldError(error, `hours.${day}.${i}.end`) ? true : undefined} />
                  <button type="button" aria-label={t('sla.removeIntervalLabel', { day: dayName, n: i + 1 })} onClick={() => removeInterval(day, i)}>
                    {t('sla.removeInterval')}
                  </button>
                </span>
              ))}
              <button type="button" aria-label={t('sla.addIntervalLabel', { day: dayName })} onClick={() => addInterval(day)}>
                {t('sla.addInterval')}
              </button>
            </div>
          );
        })}
      </fieldset>
      <div className="field">
        <label htmlFor={`${titleId}-holidays`}>{t('sla.holidays')}</label>
        <textarea id={`${titleId}-holidays`} name="holidays" rows={3} value={holidays} onChange={(e) => setHolidays(e.target.value)} aria-describedby={`${titleId}-holidays-hint`} aria-invalid={fieldError(error, 'holidays') ? true : undefined} />
        <p id={`${titleId}-holidays-hint`} className="hint">{t('sla.holidaysHint')}</p>
      </div>
      <SelectField label={t('sla.team')} name="teamId" value={teamId} onChange={(e) => setTeamId(e.target.value)} options={[['', t('sla.noTeam')] as const, ...teams.map((tm) => [tm.id, tm.name] as const)]} error={fieldError(error, 'teamId')} />
      <label className="check">
        <input type="checkbox" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} /> {t('sla.isDefault')}
      </label>
      <div className="actions">
        <SubmitRow label={submitLabel} pendingLabel={t('sla.saving')} pending={pending} />
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('sla.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
