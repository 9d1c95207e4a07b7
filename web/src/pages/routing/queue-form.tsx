import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { strategies } from '../../../../src/core/routing/types.ts';
import type { Team } from '../../../../src/contracts/users.ts';
import { teamsApi } from '../../api/endpoints.ts';
import type { Queue, QueueBody } from '../../api/routing.ts';
import { slaApi } from '../../api/sla.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import { SubmitRow } from '../../components/submit-row.tsx';

interface Props {
  initial?: Queue;
  titleId: string;
  submitLabel: string;
  onSubmit: (v: QueueBody) => Promise<void>;
  onCancel?: () => void;
}

const num = (s: string, fallback: number) => (s.trim() === '' || Number.isNaN(Number(s)) ? fallback : Number(s));

/** Name, strategy, sticky minutes, offer timeout, auto-accept, wrap-up, aging, calendar and teams of a queue. */
export function QueueForm({ initial, titleId, submitLabel, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial?.name ?? '');
  const [strategy, setStrategy] = useState<string>(initial?.strategy ?? 'longest_idle');
  const [sticky, setSticky] = useState(String(initial?.stickyMinutes ?? 0));
  const [timeout, setTimeoutValue] = useState(initial?.offerTimeoutSeconds == null ? '' : String(initial.offerTimeoutSeconds));
  const [autoAccept, setAutoAccept] = useState(initial?.autoAccept ?? false);
  const [wrapUp, setWrapUp] = useState(String(initial?.wrapUpSeconds ?? 0));
  const [aging, setAging] = useState(String(initial?.agingPerMinute ?? 1));
  const [calendarId, setCalendarId] = useState(initial?.calendarId ?? '');
  const [teamIds, setTeamIds] = useState<string[]>(initial?.teamIds ?? []);
  const [teams, setTeams] = useState<Team[]>([]);
  const [calendars, setCalendars] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    teamsApi.list({ limit: 200 }).then((p) => setTeams(p.items), () => setTeams([]));
    slaApi.calendars().then((p) => setCalendars(p.items.map((c) => ({ id: c.id, name: c.name }))), () => setCalendars([]));
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      await onSubmit({
        name: name.trim(),
        strategy: strategy as QueueBody['strategy'],
        stickyMinutes: num(sticky, 0),
        offerTimeoutSeconds: timeout.trim() === '' ? null : num(timeout, 30),
        autoAccept,
        wrapUpSeconds: num(wrapUp, 0),
        agingPerMinute: num(aging, 1),
        calendarId: calendarId || null,
        teamIds,
      });
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  const fe = (path: string) => fieldError(error, path);
  const fields = ['name', 'strategy', 'stickyMinutes', 'offerTimeoutSeconds', 'wrapUpSeconds', 'agingPerMinute', 'calendarId', 'teamIds'];
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby={titleId} noValidate>
      <ErrorAlert error={error} fields={fields} />
      <TextField label={t('routing.queueName')} name="name" required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} error={fe('name')} />
      <SelectField
        label={t('routing.strategy')}
        hint={t(`routing.strategyHint.${strategy as (typeof strategies)[number]}`)}
        name="strategy"
        value={strategy}
        onChange={(e) => setStrategy(e.target.value)}
        options={strategies.map((s) => [s, t(`routing.strategies.${s}`)] as const)}
        error={fe('strategy')}
      />
      <TextField label={t('routing.stickyMinutes')} hint={t('routing.stickyHint')} name="stickyMinutes" type="number" min={0} step={1} inputMode="numeric" value={sticky} onChange={(e) => setSticky(e.target.value)} error={fe('stickyMinutes')} />
      <TextField label={t('routing.offerTimeout')} hint={t('routing.offerTimeoutHint')} name="offerTimeoutSeconds" type="number" min={5} max={600} step={1} inputMode="numeric" value={timeout} onChange={(e) => setTimeoutValue(e.target.value)} error={fe('offerTimeoutSeconds')} />
      <label className="check">
        <input type="checkbox" checked={autoAccept} onChange={(e) => setAutoAccept(e.target.checked)} /> {t('routing.autoAccept')}
      </label>
      <TextField label={t('routing.wrapUpSeconds')} name="wrapUpSeconds" type="number" min={0} max={3600} step={1} inputMode="numeric" value={wrapUp} onChange={(e) => setWrapUp(e.target.value)} error={fe('wrapUpSeconds')} />
      <TextField label={t('routing.agingPerMinute')} hint={t('routing.agingHint')} name="agingPerMinute" type="number" min={0} max={100} step="any" value={aging} onChange={(e) => setAging(e.target.value)} error={fe('agingPerMinute')} />
      <SelectField
        label={t('routing.calendar')}
        name="calendarId"
        value={calendarId}
        onChange={(e) => setCalendarId(e.target.value)}
        options={[['', t('routing.alwaysOpen')] as const, ...calendars.map((c) => [c.id, c.name] as const)]}
        error={fe('calendarId')}
      />
      <fieldset>
        <legend>{t('routing.teams')}</legend>
        <p className="hint">{t('routing.teamsHint')}</p>
        {teams.map((tm) => (
          <label key={tm.id} className="check" style={{ marginInlineEnd: '1rem' }}>
            <input type="checkbox" checked={teamIds.includes(tm.id)} onChange={(e) => setTeamIds((cur) => (e.target.checked ? [...cur, tm.id] : cur.filter((x) => x !== tm.id)))} /> {tm.name}
          </label>
        ))}
        {fe('teamIds') && <p className="field-error">{fe('teamIds')}</p>}
      </fieldset>
      <div className="actions">
        <SubmitRow label={submitLabel} pendingLabel={t('routing.saving')} pending={pending} />
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('routing.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
