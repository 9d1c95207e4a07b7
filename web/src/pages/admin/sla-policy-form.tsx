import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessCalendar, CreatePolicyBody, SlaPolicy } from '../../../../src/contracts/sla.ts';
import { priorities } from '../../../../src/contracts/conversations.ts';
import type { Team } from '../../../../src/contracts/users.ts';
import { teamsApi, usersApi } from '../../api/endpoints.ts';
import { segmentsApi } from '../../api/segments.ts';
import { slaApi } from '../../api/sla.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import { SubmitRow } from '../../components/submit-row.tsx';

export type PolicyFormValues = CreatePolicyBody;

interface Props {
  initial?: SlaPolicy;
  titleId: string;
  submitLabel: string;
  onSubmit: (v: PolicyFormValues) => Promise<void>;
  onCancel?: () => void;
}

const minutes = (s: string): number | null => (s.trim() === '' ? null : Number(s));
const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

/** Conditions, targets (business minutes), calendar, near breach and escalation of an SLA policy. */
export function SlaPolicyForm({ initial, titleId, submitLabel, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial?.name ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [active, setActive] = useState(initial?.active ?? true);
  const [prios, setPrios] = useState<string[]>(initial?.conditions.priorities ?? []);
  const [segmentId, setSegmentId] = useState(initial?.conditions.segmentId ?? '');
  const [segments, setSegments] = useState<{ id: string; name: string }[]>([]);
  const [tags, setTags] = useState((initial?.conditions.customerTags ?? []).join(', '));
  const [first, setFirst] = useState(text(initial?.targets.firstResponse));
  const [next, setNext] = useState(text(initial?.targets.nextResponse));
  const [resolution, setResolution] = useState(text(initial?.targets.resolution));
  const [mode, setMode] = useState<'calendar' | 'team'>(initial?.calendar.mode ?? 'calendar');
  const [calendarId, setCalendarId] = useState(initial?.calendar.calendarId ?? '');
  const [percent, setPercent] = useState(String(initial?.nearBreach.percent ?? 80));
  const [nearMinutes, setNearMinutes] = useState(text(initial?.nearBreach.minutes));
  const [userId, setUserId] = useState(initial?.escalation.reassignToUserId ?? '');
  const [teamId, setTeamId] = useState(initial?.escalation.reassignToTeamId ?? '');
  const [notify, setNotify] = useState(initial?.escalation.notifySupervisors ?? false);
  const [calendars, setCalendars] = useState<BusinessCalendar[]>([]);
  const [users, setUsers] = useState<{ id: string; name: string }[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    slaApi.calendars().then((p) => setCalendars(p.items), () => setCalendars([]));
    usersApi.list({ limit: 200 }).then((p) => setUsers(p.items.filter((u) => u.active).map((u) => ({ id: u.id, name: u.name }))), () => setUsers([]));
    teamsApi.list({ limit: 200 }).then((p) => setTeams(p.items), () => setTeams([]));
    segmentsApi.list().then((p) => setSegments(p.items.map((g) => ({ id: g.id, name: g.name }))), () => setSegments([]));
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      await onSubmit({
        name: name.trim(),
        description: description.trim(),
        active,
        conditions: { priorities: prios as PolicyFormValues['conditions']['priorities'], segmentId: segmentId || null, customerTags: tags.split(',').map((s) => s.trim()).filter(Boolean) },
        targets: { firstResponse: minutes(first), nextResponse: minutes(next), resolution: minutes(resolution) },
        calendar: { mode, calendarId: mode === 'calendar' && calendarId ? calendarId : null },
        nearBreach: { percent: Number(percent) || 80, minutes: minutes(nearMinutes) },
        escalation: { reassignToUserId: userId || null, reassignToTeamId: teamId || null, notifySupervisors: notify },
      });
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  const fe = (path: string) => fieldError(error, path);
  const fields = ['name', 'description', 'segmentId', 'firstResponse', 'nextResponse', 'resolution', 'calendarId', 'percent', 'minutes', 'reassignToUserId', 'reassignToTeamId'];
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby={titleId} noValidate>
      <ErrorAlert error={error} fields={fields} />
      <TextField label={t('sla.policyName')} name="name" required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} error={fe('name')} />
      <TextField label={t('sla.description')} name="description" maxLength={1000} value={description} onChange={(e) => setDescription(e.target.value)} error={fe('description')} />
      <label className="check">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> {t('sla.active')}
      </label>
      <fieldset>
        <legend>{t('sla.conditions')}</legend>
        <fieldset>
          <legend>{t('sla.priorities')}</legend>
          {priorities.map((p) => (
            <label key={p} className="check" style={{ marginInlineEnd: '1rem' }}>
              <input type="checkbox" checked={prios.includes(p)} onChange={(e) => setPrios((cur) => (e.target.checked ? [...cur, p] : cur.filter((x) => x !== p)))} /> {t(`sla.priority.${p}`)}
            </label>
          ))}
        </fieldset>
        <SelectField label={t('sla.segment')} name="segmentId" value={segmentId} onChange={(e) => setSegmentId(e.target.value)} options={[['', t('sla.anyCustomer')] as const, ...segments.map((g) => [g.id, g.name] as const)]} error={fe('segmentId')} />
        <TextField label={t('sla.customerTags')} hint={t('sla.customerTagsHint')} name="customerTags" value={tags} onChange={(e) => setTags(e.target.value)} />
      </fieldset>
      <fieldset>
        <legend>{t('sla.targets')}</legend>
        <p className="hint">{t('sla.targetHint')}</p>
        <TextField label={t('sla.firstResponse')} name="firstResponse" type="number" min={1} step={1} inputMode="numeric" value={first} onChange={(e) => setFirst(e.target.value)} error={fe('firstResponse')} />
        <TextField label={t('sla.nextResponse')} name="nextResponse" type="number" min={1} step={1} inputMode="numeric" value={next} onChange={(e) => setNext(e.target.value)} error={fe('nextResponse')} />
        <TextField label={t('sla.resolution')} name="resolution" type="number" min={1} step={1} inputMode="numeric" value={resolution} onChange={(e) => setResolution(e.target.value)} error={fe('resolution')} />
      </fieldset>
      <fieldset>
        <legend>{t('sla.calendar')}</legend>
        <SelectField label={t('sla.calendar')} name="calendarMode" value={mode} onChange={(e) => setMode(e.target.value as 'calendar' | 'team')} options={[['calendar', t('sla.calendarMode.calendar')], ['team', t('sla.calendarMode.team')]]} />
        {mode === 'calendar' && (
          <SelectField
            label={t('sla.hoursTitle')}
            name="calendarId"
            value={calendarId}
            onChange={(e) => setCalendarId(e.target.value)}
            options={[['', t('sla.alwaysOpen')] as const, ...calendars.map((c) => [c.id, `${c.name} (${c.timeZone})`] as const)]}
            error={fe('calendarId')}
          />
        )}
        <TextField label={t('sla.nearBreachPercent')} name="percent" type="number" min={1} max={99} value={percent} onChange={(e) => setPercent(e.target.value)} error={fe('percent')} />
        <TextField label={t('sla.nearBreachMinutes')} name="nearMinutes" type="number" min={1} value={nearMinutes} onChange={(e) => setNearMinutes(e.target.value)} error={fe('minutes')} />
      </fieldset>
      <fieldset>
        <legend>{t('sla.escalation')}</legend>
        <SelectField label={t('sla.reassignToUser')} name="reassignToUserId" value={userId} onChange={(e) => setUserId(e.target.value)} options={[['', t('sla.nobody')] as const, ...users.map((u) => [u.id, u.name] as const)]} error={fe('reassignToUserId')} />
        <SelectField label={t('sla.reassignToTeam')} name="reassignToTeamId" value={teamId} onChange={(e) => setTeamId(e.target.value)} options={[['', t('sla.nobody')] as const, ...teams.map((tm) => [tm.id, tm.name] as const)]} error={fe('reassignToTeamId')} />
        <label className="check">
          <input type="checkbox" checked={notify} onChange={(e) => setNotify(e.target.checked)} /> {t('sla.notifySupervisors')}
        </label>
      </fieldset>
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
