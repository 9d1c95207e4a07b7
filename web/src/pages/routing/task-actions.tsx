import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../src/contracts/auth.ts';
import { routingApi, type Queue, type Task } from '../../api/routing.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';
import { StatusMessage } from '../../components/status-message.tsx';

interface Props {
  task: Task;
  queues: readonly Queue[];
  users: readonly User[];
  meId: string;
  onDone: () => void;
}

/** What the agent holding a task (or a supervisor) can do with it: transfer with a note, escalate, end wrap-up. */
export function TaskActions({ task, queues, users, meId, onDone }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  async function act(fn: () => Promise<string>) {
    setBusy(true);
    setError(null);
    try {
      setStatus(await fn());
      setNote('');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  function transfer(e: FormEvent) {
    e.preventDefault();
    const [kind, target = ''] = to.split(':');
    void act(async () => {
      await routingApi.transfer(task.id, { ...(kind === 'queue' ? { toQueueId: target } : { toUserId: target }), ...(note.trim() ? { note: note.trim() } : {}) });
      const name = kind === 'queue' ? queues.find((q) => q.id === target)?.name : users.find((u) => u.id === target)?.name;
      return t('routing.transferredTo', { name: name ?? '' });
    });
  }

  const agents = users.filter((u) => u.active && u.id !== meId && u.id !== task.assignedUserId);
  if (task.status === 'wrap_up') {
    return (
      <div className="actions">
        <ErrorAlert error={error} />
        <button type="button" disabled={busy} onClick={() => void act(async () => (await routingApi.wrapUpDone(task.id), t('routing.wrapUpFinished')))}>
          {t('routing.wrapUpDone')}
        </button>
        <StatusMessage>{status || null}</StatusMessage>
      </div>
    );
  }
  if (task.status !== 'assigned') return null;
  return (
    <form className="subpanel" onSubmit={transfer} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>{t('routing.actionsTitle')}</h3>
      <ErrorAlert error={error} fields={['toUserId', 'toQueueId', 'note']} />
      <div className="field">
        <label htmlFor={`${id}-to`}>{t('routing.transferTo')}</label>
        <select id={`${id}-to`} value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={fieldError(error, 'toUserId') || fieldError(error, 'toQueueId') ? true : undefined}>
          <option value="">{t('routing.chooseTarget')}</option>
          <optgroup label={t('routing.queuesTitle')}>
            {queues.map((q) => (
              <option key={q.id} value={`queue:${q.id}`}>
                {q.name}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('routing.colAgents')}>
            {agents.map((u) => (
              <option key={u.id} value={`user:${u.id}`}>
                {u.name}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('routing.transferNote')}</label>
        <textarea id={`${id}-note`} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !to}>
          {t('routing.transfer')}
        </button>
        <button type="button" disabled={busy} onClick={() => void act(async () => (await routingApi.escalate(task.id, note.trim() || undefined), t('routing.escalatedDone')))}>
          {t('routing.escalate')}
        </button>
      </div>
      <StatusMessage>{status || null}</StatusMessage>
    </form>
  );
}
