import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ticketsApi, type MacroActions, type ShareScope, type TicketMacro } from '../../api/tickets.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import { SubmitRow } from '../../components/submit-row.tsx';
import { useUsers } from '../../lib/lookups.ts';
import { parseTags, TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from '../tickets/labels.ts';
import { useTeams } from '../tickets/use-ticket-data.ts';

const FIELDS = ['name', 'description', 'scope', 'teamId', 'actions'] as const;
const KEEP = '';

/** Create or edit a macro: name, sharing, and each action (or leave it unchanged). */
export function MacroForm({ macro, onSaved, onCancel }: { macro: TicketMacro | null; onSaved: (m: TicketMacro) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const id = useId();
  const users = useUsers();
  const teams = useTeams();
  const a = macro?.actions ?? {};
  const [name, setName] = useState(macro?.name ?? '');
  const [description, setDescription] = useState(macro?.description ?? '');
  const [scope, setScope] = useState<ShareScope>(macro?.scope ?? 'me');
  const [teamId, setTeamId] = useState(macro?.teamId ?? '');
  const [status, setStatus] = useState<string>(a.status ?? KEEP);
  const [priority, setPriority] = useState<string>(a.priority ?? KEEP);
  const [type, setType] = useState<string>(a.type === undefined ? KEEP : (a.type ?? 'none'));
  const [assignee, setAssignee] = useState<string>(a.assignee === undefined ? KEEP : (a.assignee ?? 'none'));
  const [team, setTeam] = useState<string>(a.teamId === undefined ? KEEP : (a.teamId ?? 'none'));
  const [addTags, setAddTags] = useState((a.addTags ?? []).join(', '));
  const [removeTags, setRemoveTags] = useState((a.removeTags ?? []).join(', '));
  const [reply, setReply] = useState(a.publicReply ?? '');
  const [note, setNote] = useState(a.internalNote ?? '');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const share = can('tickets.share');

  function actions(): MacroActions {
    const out: MacroActions = {};
    if (status) out.status = status as MacroActions['status'];
    if (priority) out.priority = priority as MacroActions['priority'];
    if (type) out.type = type === 'none' ? null : (type as MacroActions['type']);
    if (assignee) out.assignee = assignee === 'none' ? null : assignee;
    if (team) out.teamId = team === 'none' ? null : team;
    if (parseTags(addTags).length) out.addTags = parseTags(addTags);
    if (parseTags(removeTags).length) out.removeTags = parseTags(removeTags);
    if (reply.trim()) out.publicReply = reply.trim();
    if (note.trim()) out.internalNote = note.trim();
    return out;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      const body = { name, description, scope, teamId: scope === 'team' ? teamId || null : null, actions: actions() };
      onSaved(macro ? await ticketsApi.updateMacro(macro.id, body) : await ticketsApi.createMacro(body));
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  const keep = [KEEP, t('tickets.unchanged')] as const;
  return (
    <form onSubmit={submit} noValidate aria-label={macro ? t('tickets.edit', { name: macro.name }) : t('tickets.addMacro')}>
      <div className="form-row">
        <TextField label={t('tickets.macroName')} value={name} required onChange={(e) => setName(e.target.value)} error={fieldError(error, 'name')} />
        <TextField label={t('tickets.description')} value={description} onChange={(e) => setDescription(e.target.value)} error={fieldError(error, 'description')} />
        <SelectField
          label={t('tickets.scope')}
          value={scope}
          onChange={(e) => setScope(e.target.value as ShareScope)}
          options={(share ? (['me', 'team', 'everyone'] as const) : (['me'] as const)).map((s) => [s, t(`tickets.scopes.${s}`)] as const)}
        />
        {scope === 'team' && (
          <SelectField label={t('tickets.team')} value={teamId} required error={fieldError(error, 'teamId')} onChange={(e) => setTeamId(e.target.value)} options={[['', t('tickets.choose')], ...teams.map((x) => [x.id, x.name] as const)]} />
        )}
      </div>
      <fieldset>
        <legend>{t('tickets.properties')}</legend>
        <div className="form-row">
          <SelectField label={t('tickets.status')} value={status} onChange={(e) => setStatus(e.target.value)} error={fieldError(error, 'actions.status')} options={[keep, ...TICKET_STATUSES.filter((s) => s !== 'new').map((s) => [s, t(`tickets.statuses.${s}`)] as const)]} />
          <SelectField label={t('tickets.priority')} value={priority} onChange={(e) => setPriority(e.target.value)} options={[keep, ...TICKET_PRIORITIES.map((p) => [p, t(`tickets.priorities.${p}`)] as const)]} />
          <SelectField label={t('tickets.type')} value={type} onChange={(e) => setType(e.target.value)} options={[keep, ['none', t('tickets.noType')], ...TICKET_TYPES.map((x) => [x, t(`tickets.types.${x}`)] as const)]} />
          <SelectField
            label={t('tickets.assignee')}
            value={assignee}
            error={fieldError(error, 'actions.assignee')}
            onChange={(e) => setAssignee(e.target.value)}
            options={[keep, ['current', t('tickets.assignCurrent')], ['none', t('tickets.unassign')], ...users.filter((u) => u.active).map((u) => [u.id, u.name] as const)]}
          />
          <SelectField label={t('tickets.team')} value={team} error={fieldError(error, 'actions.teamId')} onChange={(e) => setTeam(e.target.value)} options={[keep, ['none', t('tickets.noTeam')], ...teams.map((x) => [x.id, x.name] as const)]} />
        </div>
        <div className="form-row">
          <TextField label={t('tickets.addTags')} hint={t('tickets.tagsHint')} value={addTags} onChange={(e) => setAddTags(e.target.value)} error={fieldError(error, 'actions.addTags')} />
          <TextField label={t('tickets.removeTags')} hint={t('tickets.tagsHint')} value={removeTags} onChange={(e) => setRemoveTags(e.target.value)} error={fieldError(error, 'actions.removeTags')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-reply`}>{t('tickets.macroReply')}</label>
          <textarea id={`${id}-reply`} rows={3} value={reply} onChange={(e) => setReply(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-note`}>{t('tickets.macroNote')}</label>
          <textarea id={`${id}-note`} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
      </fieldset>
      <ErrorAlert error={error} fields={FIELDS} />
      <div className="row-actions">
        <SubmitRow label={macro ? t('tickets.saveMacro') : t('tickets.addMacro')} pendingLabel={t('tickets.saving')} pending={pending} />
        {onCancel && <button type="button" onClick={onCancel}>{t('tickets.cancel')}</button>}
      </div>
    </form>
  );
}
