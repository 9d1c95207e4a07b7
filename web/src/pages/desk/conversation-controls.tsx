import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../src/contracts/auth.ts';
import type { Conversation, ConversationStatus, Priority } from '../../../../src/contracts/conversations.ts';
import { conversationsApi, type ConversationPatch } from '../../api/endpoints.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { PRIORITIES, STATUSES } from '../../lib/conversation-labels.ts';

const FIELDS = ['status', 'snoozedUntil', 'priority', 'assigneeId'] as const;

/** Tomorrow at 09:00 local time, as a datetime-local value. */
function defaultSnooze(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(9, 0, 0, 0);
  return toLocalInput(d);
}

function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

interface Props {
  conversation: Conversation;
  users: User[];
  canManage: boolean;
  onChanged: (c: Conversation) => void;
}

/** Status (snoozing asks for a time), priority and assignee; each change is saved at once. */
export function ConversationControls({ conversation: c, users, canManage, onChanged }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  /** Snoozed was chosen but not yet sent: the time picker shows. */
  const [snoozing, setSnoozing] = useState(false);
  const [until, setUntil] = useState(() => (c.snoozedUntil ? toLocalInput(new Date(c.snoozedUntil)) : defaultSnooze()));

  async function save(body: ConversationPatch) {
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      const updated = await conversationsApi.update(c.id, body);
      onChanged(updated);
      setSnoozing(false);
      setStatus(t('conversation.saved'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  function onStatus(value: ConversationStatus) {
    if (value === 'snoozed') {
      setSnoozing(true);
      return;
    }
    setSnoozing(false);
    void save({ status: value });
  }

  function snooze() {
    const when = new Date(until);
    if (Number.isNaN(when.getTime())) return;
    void save({ status: 'snoozed', snoozedUntil: when.toISOString() });
  }

  const assigneeOptions: [string, string][] = [['', t('desk.unassigned')], ...users.filter((u) => u.active || u.id === c.assigneeId).map((u) => [u.id, u.name] as [string, string])];
  if (c.assigneeId && !users.some((u) => u.id === c.assigneeId)) assigneeOptions.push([c.assigneeId, '…']);

  return (
    <section className="conversation-controls" aria-label={t('conversation.settings')}>
      <div className="form-row">
        <SelectField
          label={t('desk.status')}
          value={snoozing ? 'snoozed' : c.status}
          disabled={!canManage || busy}
          onChange={(e) => onStatus(e.target.value as ConversationStatus)}
          options={STATUSES.map((s) => [s, t(`statuses.${s}`)] as const)}
          error={fieldError(error, 'status')}
        />
        <SelectField
          label={t('desk.priority')}
          value={c.priority}
          disabled={!canManage || busy}
          onChange={(e) => void save({ priority: e.target.value as Priority })}
          options={PRIORITIES.map((p) => [p, t(`priorities.${p}`)] as const)}
          error={fieldError(error, 'priority')}
        />
        <SelectField
          label={t('desk.assignee')}
          value={c.assigneeId ?? ''}
          disabled={!canManage || busy}
          onChange={(e) => void save({ assigneeId: e.target.value || null })}
          options={assigneeOptions}
          error={fieldError(error, 'assigneeId')}
        />
      </div>
      {(snoozing || c.status === 'snoozed') && (
        <div className="form-row snooze-row">
          <TextField
            label={t('conversation.snoozeUntil')}
            type="datetime-local"
            value={until}
            disabled={!canManage || busy}
            onChange={(e) => setUntil(e.target.value)}
            error={fieldError(error, 'snoozedUntil')}
          />
          <div className="actions">
            <button type="button" className="primary" disabled={!canManage || busy || !until} onClick={snooze}>
              {t('conversation.snooze')}
            </button>
          </div>
        </div>
      )}
      <ErrorAlert error={error} fields={FIELDS} />
      <StatusMessage>{status || null}</StatusMessage>
    </section>
  );
}
