import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../../src/contracts/conversations.ts';
import { conversationsApi } from '../../api/endpoints.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useEvents, useRealtimeStatus } from '../../lib/use-realtime.tsx';
import { wallboardApi } from './api.ts';
import { WhisperBadge } from './whisper-badge.tsx';

interface Props {
  conversationId: string;
  customerName: string | null;
  agentName: string;
  onClose: () => void;
  onTakeOver: () => void;
  onStatus: (message: string) => void;
}

/** Monitor: a live conversation, read-only, as it happens; whisper to its agent or take it over. */
export function MonitorPanel({ conversationId, customerName, agentName, onClose, onTakeOver, onStatus }: Props) {
  const { t } = useTranslation();
  const [messages, setMessages] = useState<Message[]>([]);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const status = useRealtimeStatus();

  const load = useCallback(async () => {
    try {
      const all: Message[] = [];
      let after: number | string = 0;
      for (let i = 0; i < 20; i++) {
        const page = await conversationsApi.messages(conversationId, after, 100);
        all.push(...page.items);
        if (!page.nextCursor) break;
        after = page.nextCursor;
      }
      setMessages(all);
    } catch (err) {
      setError(err);
    }
  }, [conversationId]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (status === 'live') void load();
  }, [status, load]);
  // Whispers come on the wallboard topic, not the conversation's.
  useEvents([`conversation:${conversationId}`, 'wallboard'], (e) => {
    if (e.type.startsWith('message.') && (e.payload as { conversationId?: string } | undefined)?.conversationId === conversationId) void load();
  });

  async function send(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await wallboardApi.whisper(conversationId, text);
      setText('');
      onStatus(t('wallboard.whisperSent', { name: agentName }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel monitor" aria-labelledby="monitor-title">
      <h2 id="monitor-title">{t('wallboard.monitorTitle', { customer: customerName ?? '—', agent: agentName })}</h2>
      <p>{t('wallboard.monitorReadOnly')}</p>
      <ErrorAlert error={error} />
      <ol className="monitor-messages" aria-live="polite" aria-label={t('wallboard.monitorMessages')}>
        {messages.map((m) => (
          <li key={m.id} className={m.direction === 'note' ? 'is-note' : undefined} data-seq={m.seq}>
            <span className="visually-hidden">{t(`wallboard.direction.${m.direction}`)}: </span>
            {m.text}
          </li>
        ))}
      </ol>
      <WhisperBadge conversationId={conversationId} />
      <form onSubmit={send} className="toolbar">
        <div className="field">
          <label htmlFor="whisper-text">{t('wallboard.whisperLabel', { name: agentName })}</label>
          <input id="whisper-text" value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} required />
        </div>
        <button type="submit" disabled={busy || !text.trim()}>{t('wallboard.whisperSend')}</button>
        <button type="button" onClick={onTakeOver}>{t('wallboard.takeOver')}</button>
        <button type="button" onClick={onClose}>{t('wallboard.closeMonitor')}</button>
      </form>
    </section>
  );
}
