import { forwardRef, useEffect, useId, useImperativeHandle, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Conversation, ConversationStatus } from '../../../../../src/contracts/conversations.ts';
import { api } from '../../../api/client.ts';
import { openTicketsOf } from '../../../api/customer-360.ts';
import { deskApi } from '../../../api/desk.ts';
import { conversationsApi } from '../../../api/endpoints.ts';
import { ticketsApi, type Ticket } from '../../../api/tickets.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { fieldError } from '../../../components/errors.ts';
import { StatusMessage } from '../../../components/status-message.tsx';
import { WrapUpDialog } from './wrap-up-dialog.tsx';

export interface ActionsHandle {
  resolve(): void;
  snooze(): void;
}
interface Props {
  conversation: Conversation;
  customerName: string;
  onChanged: (c: Conversation) => void;
}

function tomorrowNine(): Date {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(9, 0, 0, 0);
  return d;
}

/** Tags, status, snooze, resolve with wrap-up, and the ticket: create one or link an open one. */
export const ChatActions = forwardRef<ActionsHandle, Props>(function ChatActions({ conversation: c, customerName, onChanged }, ref) {
  const { t } = useTranslation();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [tags, setTags] = useState(c.tags.join(', '));
  const [snoozing, setSnoozing] = useState(false);
  const [wrapping, setWrapping] = useState(false);
  const [tickets, setTickets] = useState<Ticket[]>([]);
  const [linkTo, setLinkTo] = useState('');
  const snoozeFirst = useRef<HTMLButtonElement>(null);
  useEffect(() => setTags(c.tags.join(', ')), [c.tags]);
  useEffect(() => {
    openTicketsOf(c.customerId).then(setTickets, () => undefined);
  }, [c.customerId]);

  useImperativeHandle(ref, () => ({
    resolve: () => setWrapping(true),
    snooze: () => {
      setSnoozing(true);
      requestAnimationFrame(() => snoozeFirst.current?.focus());
    },
  }));

  async function run(fn: () => Promise<string>) {
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      setStatus(await fn());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const saveTags = (e: FormEvent) => {
    e.preventDefault();
    const list = tags.split(',').map((x) => x.trim()).filter(Boolean);
    void run(async () => {
      onChanged(await deskApi.setTags(c.id, list));
      return t('agentDesk.tagsSaved');
    });
  };
  const setStatusTo = (s: ConversationStatus) =>
    void run(async () => {
      onChanged(await conversationsApi.update(c.id, { status: s }));
      return t('conversation.saved');
    });
  const snoozeUntil = (when: Date) =>
    void run(async () => {
      onChanged(await conversationsApi.update(c.id, { status: 'snoozed', snoozedUntil: when.toISOString() }));
      setSnoozing(false);
      return t('agentDesk.snoozed', { at: when.toLocaleString() });
    });
  const createTicket = () =>
    void run(async () => {
      const ticket = await ticketsApi.create({ subject: t('agentDesk.ticketSubject', { name: customerName }), requesterId: c.customerId, conversationIds: [c.id] });
      setTickets((l) => [ticket, ...l]);
      return t('agentDesk.ticketCreated', { number: ticket.number });
    });
  const linkTicket = (e: FormEvent) => {
    e.preventDefault();
    if (!linkTo) return;
    void run(async () => {
      await api.put(`/api/v1/tickets/${encodeURIComponent(linkTo)}/conversations/${encodeURIComponent(c.id)}`, {});
      const ticket = tickets.find((x) => x.id === linkTo);
      return t('agentDesk.ticketLinked', { number: ticket?.number ?? '' });
    });
  };

  return (
    <section className="panel chat-actions" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        {t('agentDesk.actions')}
      </h2>
      <div className="actions">
        <button type="button" className="primary" disabled={busy || c.status === 'resolved'} onClick={() => setWrapping(true)} aria-keyshortcuts="E">
          {t('agentDesk.resolve')}
        </button>
        <button type="button" disabled={busy} onClick={() => setSnoozing((s) => !s)} aria-expanded={snoozing} aria-keyshortcuts="S">
          {t('conversation.snooze')}
        </button>
        {c.status !== 'pending' && c.status !== 'resolved' && (
          <button type="button" disabled={busy} onClick={() => setStatusTo('pending')}>
            {t('agentDesk.markPending')}
          </button>
        )}
        {c.status !== 'open' && (
          <button type="button" disabled={busy} onClick={() => setStatusTo('open')}>
            {t('agentDesk.reopen')}
          </button>
        )}
        <button type="button" disabled={busy} onClick={createTicket}>
          {t('agentDesk.createTicket')}
        </button>
      </div>
      {snoozing && (
        <div className="actions snooze-options" role="group" aria-label={t('conversation.snooze')}>
          <button ref={snoozeFirst} type="button" disabled={busy} onClick={() => snoozeUntil(new Date(Date.now() + 3_600_000))}>
            {t('agentDesk.snoozeHour')}
          </button>
          <button type="button" disabled={busy} onClick={() => snoozeUntil(new Date(Date.now() + 4 * 3_600_000))}>
            {t('agentDesk.snoozeFourHours')}
          </button>
          <button type="button" disabled={busy} onClick={() => snoozeUntil(tomorrowNine())}>
            {t('agentDesk.snoozeTomorrow')}
          </button>
        </div>
      )}
      <form className="form-row" onSubmit={saveTags} noValidate>
        <div className="field">
          <label htmlFor={`${id}-tags`}>{t('agentDesk.tags')}</label>
          <input id={`${id}-tags`} name="tags" value={tags} onChange={(e) => setTags(e.target.value)} aria-describedby={`${id}-tags-hint`} aria-invalid={fieldError(error, 'tags') ? true : undefined} />
          <p id={`${id}-tags-hint`} className="hint">
            {t('agentDesk.tagsHint')}
          </p>
        </div>
        <div className="actions">
          <button type="submit" disabled={busy}>
            {t('agentDesk.saveTags')}
          </button>
        </div>
      </form>
      {tickets.length > 0 && (
        <form className="form-row" onSubmit={linkTicket} noValidate>
          <div className="field">
            <label htmlFor={`${id}-link`}>{t('agentDesk.linkTicket')}</label>
            <select id={`${id}-link`} value={linkTo} onChange={(e) => setLinkTo(e.target.value)}>
              <option value="">{t('agentDesk.chooseTicket')}</option>
              {tickets.map((x) => (
                <option key={x.id} value={x.id}>
                  #{x.number} {x.subject}
                </option>
              ))}
            </select>
          </div>
          <div className="actions">
            <button type="submit" disabled={busy || !linkTo}>
              {t('agentDesk.link')}
            </button>
            {linkTo && <Link to={`/tickets/${linkTo}`}>{t('agentDesk.openTicket')}</Link>}
          </div>
        </form>
      )}
      <ErrorAlert error={error} fields={['tags']} />
      <StatusMessage>{status || null}</StatusMessage>
      <WrapUpDialog
        open={wrapping}
        conversationId={c.id}
        onClose={() => setWrapping(false)}
        onDone={(conv, message) => {
          setWrapping(false);
          onChanged(conv);
          setStatus(message);
        }}
      />
    </section>
  );
});
