import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../src/contracts/auth.ts';
import type { Team } from '../../../../src/contracts/users.ts';
import { ticketsApi, type Ticket, type TicketChange, type TicketField } from '../../api/tickets.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { SubmitRow } from '../../components/submit-row.tsx';
import { CustomFieldInput } from './custom-field-input.tsx';
import { allowedStatuses, parseTags, TICKET_PRIORITIES, TICKET_TYPES } from './labels.ts';

type CustomValue = string | number | boolean | null | undefined;

interface Props {
  ticket: Ticket;
  users: User[];
  teams: Team[];
  fields: TicketField[];
  canManage: boolean;
  onChanged: (t: Ticket) => void;
}

/** Status (allowed moves only), priority, type, assignee, team, tags and custom fields; saves only what changed. */
export function TicketProperties({ ticket, users, teams, fields, canManage, onChanged }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [status, setStatus] = useState(ticket.status);
  const [priority, setPriority] = useState(ticket.priority);
  const [type, setType] = useState(ticket.type ?? '');
  const [assigneeId, setAssigneeId] = useState(ticket.assigneeId ?? '');
  const [teamId, setTeamId] = useState(ticket.teamId ?? '');
  const [tags, setTags] = useState(ticket.tags.join(', '));
  const [custom, setCustom] = useState<Record<string, CustomValue>>(ticket.custom);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');

  // A change made elsewhere (live) updates the fields it changed; what the user is editing in
  // other fields stays (a reload of the same ticket, e.g. after a reply, changes nothing).
  const previous = useRef(ticket);
  useEffect(() => {
    const was = previous.current;
    previous.current = ticket;
    if (was === ticket) return;
    if (was.status !== ticket.status) setStatus(ticket.status);
    if (was.priority !== ticket.priority) setPriority(ticket.priority);
    if (was.type !== ticket.type) setType(ticket.type ?? '');
    if (was.assigneeId !== ticket.assigneeId) setAssigneeId(ticket.assigneeId ?? '');
    if (was.teamId !== ticket.teamId) setTeamId(ticket.teamId ?? '');
    if (was.tags.join('\n') !== ticket.tags.join('\n')) setTags(ticket.tags.join(', '));
    if (JSON.stringify(was.custom) !== JSON.stringify(ticket.custom)) {
      setCustom((mine) => {
        const next = { ...mine };
        for (const key of new Set([...Object.keys(was.custom), ...Object.keys(ticket.custom)])) {
          if (JSON.stringify(was.custom[key]) !== JSON.stringify(ticket.custom[key])) {
            if (key in ticket.custom) next[key] = ticket.custom[key] as CustomValue;
            else delete next[key];
          }
        }
        return next;
      });
    }
  }, [ticket]);

  const closed = ticket.status === 'closed';
  const disabled = !canManage || closed;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const change: TicketChange = {};
    if (status !== ticket.status) change.status = status;
    if (priority !== ticket.priority) change.priority = priority;
    if ((type || null) !== ticket.type) change.type = (type || null) as Ticket['type'];
    if ((assigneeId || null) !== ticket.assigneeId) change.assigneeId = assigneeId || null;
    if ((teamId || null) !== ticket.teamId) change.teamId = teamId || null;
    const nextTags = parseTags(tags);
    if (nextTags.join('\n') !== ticket.tags.join('\n')) change.tags = nextTags;
    const customChange: Record<string, string | number | boolean | null> = {};
    for (const f of fields) {
      const before = ticket.custom[f.key] ?? null;
      const after = custom[f.key] ?? null;
      if (before !== after) customChange[f.key] = after === '' ? null : after;
    }
    if (Object.keys(customChange).length) change.custom = customChange;
    if (Object.keys(change).length === 0) return;
    setPending(true);
    setError(null);
    setDone('');
    try {
      onChanged(await ticketsApi.update(ticket.id, change));
      setDone(t('tickets.saved'));
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>{t('tickets.properties')}</h2>
      <SelectField
        label={t('tickets.status')}
        value={status}
        disabled={disabled}
        hint={t('tickets.transitionHint')}
        error={fieldError(error, 'status')}
        onChange={(e) => setStatus(e.target.value as Ticket['status'])}
        options={allowedStatuses(ticket.status).map((s) => [s, t(`tickets.statuses.${s}`)] as const)}
      />
      <SelectField label={t('tickets.priority')} value={priority} disabled={disabled} onChange={(e) => setPriority(e.target.value as Ticket['priority'])} options={TICKET_PRIORITIES.map((p) => [p, t(`tickets.priorities.${p}`)] as const)} />
      <SelectField label={t('tickets.type')} value={type} disabled={disabled} onChange={(e) => setType(e.target.value)} options={[['', t('tickets.noType')], ...TICKET_TYPES.map((x) => [x, t(`tickets.types.${x}`)] as const)]} />
      <SelectField
        label={t('tickets.assignee')}
        value={assigneeId}
        disabled={disabled}
        error={fieldError(error, 'assigneeId')}
        onChange={(e) => setAssigneeId(e.target.value)}
        options={[['', t('tickets.unassigned')], ...users.filter((u) => u.active || u.id === ticket.assigneeId).map((u) => [u.id, u.name] as const)]}
      />
      <SelectField label={t('tickets.team')} value={teamId} disabled={disabled} error={fieldError(error, 'teamId')} onChange={(e) => setTeamId(e.target.value)} options={[['', t('tickets.noTeam')], ...teams.map((x) => [x.id, x.name] as const)]} />
      <TextField label={t('tickets.tags')} hint={t('tickets.tagsHint')} value={tags} disabled={disabled} error={fieldError(error, 'tags')} onChange={(e) => setTags(e.target.value)} />
      {fields.map((f) => (
        <CustomFieldInput key={f.id} field={f} value={custom[f.key]} disabled={disabled} error={fieldError(error, `custom.${f.key}`)} onChange={(v) => setCustom((c) => ({ ...c, [f.key]: v }))} />
      ))}
      <ErrorAlert error={error} fields={['status', 'assigneeId', 'teamId', 'tags', 'custom']} />
      {!disabled && <SubmitRow label={t('tickets.save')} pendingLabel={t('tickets.saving')} pending={pending} />}
      <StatusMessage>{done || null}</StatusMessage>
    </form>
  );
}
