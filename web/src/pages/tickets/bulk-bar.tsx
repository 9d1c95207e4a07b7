import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../src/contracts/auth.ts';
import { ticketsApi, type BulkResult, type Ticket, type TicketMacro, type TicketStatus } from '../../api/tickets.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { TICKET_STATUSES } from './labels.ts';

type Action = 'status' | 'assign' | 'macro';

interface Props {
  selected: Ticket[];
  users: User[];
  macros: TicketMacro[];
  onDone: () => void;
  onClear: () => void;
}

/** Acts on the selected tickets: set a status, assign, or apply a macro; then says what worked. */
export function BulkBar({ selected, users, macros, onDone, onClear }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [action, setAction] = useState<Action>('status');
  const [value, setValue] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<BulkResult | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!value || selected.length === 0) return;
    setPending(true);
    setError(null);
    setResult(null);
    try {
      const ids = selected.map((x) => x.id);
      const body =
        action === 'status' ? { ids, change: { status: value as TicketStatus } }
        : action === 'assign' ? { ids, change: { assigneeId: value === 'none' ? null : value } }
        : { ids, macroId: value };
      setResult(await ticketsApi.bulk(body));
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  const numberOf = (ticketId: string) => selected.find((x) => x.id === ticketId)?.number ?? '?';
  const options: [string, string][] =
    action === 'status' ? TICKET_STATUSES.filter((s) => s !== 'new').map((s) => [s, t(`tickets.statuses.${s}`)])
    : action === 'assign' ? [['none', t('tickets.unassigned')], ...users.filter((u) => u.active).map((u): [string, string] => [u.id, u.name])]
    : macros.map((m) => [m.id, m.name]);
  const failed = result?.results.filter((r) => !r.ok) ?? [];

  return (
    <section aria-labelledby={`${id}-title`} className="subpanel">
      <h2 id={`${id}-title`} className="visually-hidden">{t('tickets.bulkBar')}</h2>
      <form className="form-row" onSubmit={submit} style={{ alignItems: 'flex-end' }}>
        <p style={{ margin: '0 0 0.9rem' }}>
          <strong>{t('tickets.selected', { count: selected.length })}</strong>
        </p>
        <div className="field">
          <label htmlFor={`${id}-action`}>{t('tickets.bulkBar')}</label>
          <select id={`${id}-action`} value={action} onChange={(e) => { setAction(e.target.value as Action); setValue(''); }}>
            <option value="status">{t('tickets.setStatus')}</option>
            <option value="assign">{t('tickets.assignTo')}</option>
            <option value="macro">{t('tickets.applyMacro')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-value`}>{action === 'status' ? t('tickets.status') : action === 'assign' ? t('tickets.assignee') : t('tickets.applyMacro')}</label>
          <select id={`${id}-value`} value={value} onChange={(e) => setValue(e.target.value)}>
            <option value="">{t('tickets.choose')}</option>
            {options.map(([v, label]) => (
              <option key={v} value={v}>{label}</option>
            ))}
          </select>
        </div>
        <div className="actions" style={{ marginBottom: '0.9rem' }}>
          <button type="submit" className="primary" disabled={pending || !value}>{t('tickets.apply')}</button>
          <button type="button" onClick={onClear}>{t('tickets.clearSelection')}</button>
          <span role="status" className="pending">{pending ? t('tickets.applying') : ''}</span>
        </div>
      </form>
      <ErrorAlert error={error} />
      <div role="status">
        {result && (
          <div className={failed.length ? 'alert alert-error' : 'alert alert-success'}>
            <p>{t('tickets.bulkDone', { ok: result.results.length - failed.length, failed: failed.length })}</p>
            {failed.length > 0 && (
              <ul>
                {failed.map((f) => (
                  <li key={f.id}>{t('tickets.bulkFailed', { number: numberOf(f.id), message: f.error?.message ?? '' })}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
