import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../src/contracts/auth.ts';
import type { Customer } from '../../../../src/contracts/customers.ts';
import type { Team } from '../../../../src/contracts/users.ts';
import { customersApi } from '../../api/endpoints.ts';
import { ticketsApi, type Ticket, type TicketField } from '../../api/tickets.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import { SubmitRow } from '../../components/submit-row.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { CustomFieldInput } from './custom-field-input.tsx';
import { parseTags, TICKET_PRIORITIES, TICKET_TYPES } from './labels.ts';

type CustomValue = string | number | boolean | null | undefined;

/** Subject, requester (searched), priority, type, team, assignee, tags and custom fields. */
export function NewTicketForm({ users, teams, fields, onCreated, onCancel }: { users: User[]; teams: Team[]; fields: TicketField[]; onCreated: (t: Ticket) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [subject, setSubject] = useState('');
  const [priority, setPriority] = useState('normal');
  const [type, setType] = useState('');
  const [teamId, setTeamId] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  const [tags, setTags] = useState('');
  const [custom, setCustom] = useState<Record<string, CustomValue>>({});
  const [requester, setRequester] = useState<Customer | null>(null);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Customer[]>([]);
  const debounced = useDebounced(query, 250);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!debounced.trim()) return setFound([]);
    let active = true;
    customersApi.list({ q: debounced, limit: 8 }).then((p) => active && setFound(p.items), () => active && setFound([]));
    return () => {
      active = false;
    };
  }, [debounced]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      const values = Object.fromEntries(Object.entries(custom).filter(([, v]) => v !== null && v !== undefined && v !== '')) as Record<string, string | number | boolean>;
      const created = await ticketsApi.create({
        subject, priority: priority as Ticket['priority'], type: (type || null) as Ticket['type'], teamId: teamId || null, assigneeId: assigneeId || null,
        requesterId: requester?.id ?? null, tags: parseTags(tags), custom: values,
      });
      onCreated(created);
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="subpanel" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>{t('tickets.newTicket')}</h2>
      <TextField label={t('tickets.subject')} value={subject} onChange={(e) => setSubject(e.target.value)} required error={fieldError(error, 'subject')} autoFocus />
      <div className="field">
        <label htmlFor={`${id}-req`}>{t('tickets.requester')}</label>
        {requester ? (
          <p className="inline-edit">
            <span>{requester.name || requester.id}</span>
            <button type="button" onClick={() => setRequester(null)}>{t('tickets.clearRequester')}</button>
          </p>
        ) : (
          <>
            <input id={`${id}-req`} type="search" value={query} placeholder={t('tickets.requesterSearch')} aria-describedby={`${id}-req-hint`} onChange={(e) => setQuery(e.target.value)} />
            <p id={`${id}-req-hint`} className="hint">{t('tickets.requesterSearch')}</p>
            {found.length > 0 && (
              <ul className="plain-list" aria-label={t('tickets.requesterPick')}>
                {found.map((c) => (
                  <li key={c.id}>
                    <button type="button" className="link-button" onClick={() => { setRequester(c); setQuery(''); setFound([]); }}>
                      {c.name || c.id}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
        {fieldError(error, 'requesterId') && <p className="field-error">{fieldError(error, 'requesterId')}</p>}
      </div>
      <div className="form-row">
        <SelectField label={t('tickets.priority')} value={priority} onChange={(e) => setPriority(e.target.value)} options={TICKET_PRIORITIES.map((p) => [p, t(`tickets.priorities.${p}`)] as const)} />
        <SelectField label={t('tickets.type')} value={type} onChange={(e) => setType(e.target.value)} options={[['', t('tickets.noType')], ...TICKET_TYPES.map((x) => [x, t(`tickets.types.${x}`)] as const)]} />
        <SelectField label={t('tickets.team')} value={teamId} onChange={(e) => setTeamId(e.target.value)} options={[['', t('tickets.noTeam')], ...teams.map((x) => [x.id, x.name] as const)]} error={fieldError(error, 'teamId')} />
        <SelectField label={t('tickets.assignee')} value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)} options={[['', t('tickets.unassigned')], ...users.filter((u) => u.active).map((u) => [u.id, u.name] as const)]} error={fieldError(error, 'assigneeId')} />
      </div>
      <TextField label={t('tickets.tags')} hint={t('tickets.tagsHint')} value={tags} onChange={(e) => setTags(e.target.value)} error={fieldError(error, 'tags')} />
      {fields.length > 0 && (
        <fieldset>
          <legend>{t('tickets.customFields')}</legend>
          <div className="form-row">
            {fields.map((f) => (
              <CustomFieldInput key={f.id} field={f} value={custom[f.key]} onChange={(v) => setCustom((c) => ({ ...c, [f.key]: v }))} error={fieldError(error, `custom.${f.key}`)} />
            ))}
          </div>
        </fieldset>
      )}
      <ErrorAlert error={error} fields={['subject', 'requesterId', 'teamId', 'assigneeId', 'tags', 'custom']} />
      <div className="row-actions">
        <SubmitRow label={t('tickets.createTicket')} pendingLabel={t('tickets.creating')} pending={pending} />
        <button type="button" onClick={onCancel}>{t('tickets.cancel')}</button>
      </div>
    </form>
  );
}
