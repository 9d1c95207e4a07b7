import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ticketsApi, type Ticket, type TicketComment, type TicketHistoryEntry } from '../../api/tickets.ts';
import { useAuth, useMe } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useCustomers, useUsers } from '../../lib/lookups.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useEvents } from '../../lib/use-realtime.tsx';
import { MacroMenu } from './macro-menu.tsx';
import { MergeDialog } from './merge-dialog.tsx';
import { SlaPanel } from './sla-panel.tsx';
import { TicketHistory } from './ticket-history.tsx';
import { TicketPeople } from './ticket-people.tsx';
import { TicketProperties } from './ticket-properties.tsx';
import { TicketComposer, TicketThread } from './ticket-thread.tsx';
import { useMacros, useTeams, useTicketFields } from './use-ticket-data.ts';

/** /tickets/:id */
export function TicketPage() {
  const { id = '' } = useParams();
  return <TicketView key={id} id={id} />;
}

function TicketView({ id }: { id: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const me = useMe();
  const users = useUsers();
  const teams = useTeams();
  const fields = useTicketFields();
  const { macros } = useMacros();
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [comments, setComments] = useState<TicketComment[]>([]);
  const [history, setHistory] = useState<TicketHistoryEntry[]>([]);
  const [historyCursor, setHistoryCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [announce, setAnnounce] = useState('');
  const [editing, setEditing] = useState(false);
  const [subject, setSubject] = useState('');
  const [subjectError, setSubjectError] = useState<unknown>(null);
  const [merging, setMerging] = useState(false);
  const customers = useCustomers(ticket?.requesterId ? [ticket.requesterId] : []);
  const manage = can('tickets.manage');
  useDocumentTitle(ticket ? `#${ticket.number} ${ticket.subject} – ${t('tickets.title')}` : t('tickets.title'));

  const load = useCallback(async () => {
    try {
      const [tk, cs, hs] = await Promise.all([ticketsApi.get(id), ticketsApi.comments(id), ticketsApi.history(id)]);
      setTicket(tk);
      setComments(cs.items);
      setHistory(hs.items);
      setHistoryCursor(hs.nextCursor);
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  useEvents([`ticket:${id}`], (event) => {
    if (event.type.startsWith('ticket.')) void load();
  });

  const authorName = (uid: string | null) => (uid === me.user.id ? me.user.name : (users.find((u) => u.id === uid)?.name ?? t('tickets.system')));

  async function saveSubject(e: FormEvent) {
    e.preventDefault();
    if (!ticket) return;
    setSubjectError(null);
    try {
      setTicket(await ticketsApi.update(ticket.id, { subject }));
      setEditing(false);
      setAnnounce(t('tickets.saved'));
    } catch (err) {
      setSubjectError(err);
    }
  }

  async function olderHistory() {
    if (!historyCursor) return;
    try {
      const page = await ticketsApi.history(id, historyCursor);
      setHistory((h) => [...h, ...page.items]);
      setHistoryCursor(page.nextCursor);
    } catch (err) {
      setError(err);
    }
  }

  if (!ticket) {
    return (
      <section className="panel" aria-labelledby="ticket-title">
        <h1 id="ticket-title">{t('tickets.title')}</h1>
        <ErrorAlert error={error} />
        {!error && <p className="hint">{t('common.loading')}</p>}
        <Link to="/tickets">{t('tickets.back')}</Link>
      </section>
    );
  }

  const closed = ticket.status === 'closed';
  const requester = ticket.requesterId ? customers[ticket.requesterId] : undefined;
  return (
    <div className="conversation">
      <p className="back-link">
        <Link to="/tickets">{t('tickets.back')}</Link>
      </p>
      <section className="panel" aria-labelledby="ticket-title">
        <header className="conversation-head">
          {editing ? (
            <form className="inline-edit" onSubmit={saveSubject}>
              <label htmlFor="ticket-subject" className="visually-hidden">{t('tickets.subject')}</label>
              <span aria-hidden="true">#{ticket.number}</span>
              <input id="ticket-subject" value={subject} onChange={(e) => setSubject(e.target.value)} autoFocus />
              <button type="submit" className="primary">{t('tickets.save')}</button>
              <button type="button" onClick={() => setEditing(false)}>{t('tickets.cancel')}</button>
            </form>
          ) : (
            <div className="row-actions">
              <h1 id="ticket-title">
                #{ticket.number} {ticket.subject}
              </h1>
              {manage && !closed && (
                <button type="button" className="link-button" onClick={() => { setSubject(ticket.subject); setEditing(true); }}>
                  {t('tickets.editSubject')}
                </button>
              )}
            </div>
          )}
          <p className="conversation-sub">
            <span className={`badge status-${ticket.status}`}>{t(`tickets.statuses.${ticket.status}`)}</span>
            <span className={`badge priority-${ticket.priority}`}>{t(`tickets.priorities.${ticket.priority}`)}</span>
            <span>
              {t('tickets.requester')}:{' '}
              {ticket.requesterId ? (
                can('customers.read') ? (
                  <Link to={`/customers/${ticket.requesterId}`} title={t('tickets.customerPage')}>{requester?.name || '…'}</Link>
                ) : (requester?.name || '…')
              ) : t('tickets.nobody')}
            </span>
          </p>
        </header>
        <ErrorAlert error={subjectError ?? error} fields={[]} />
        {ticket.mergedIntoId && (
          <p className="notice">
            {t('tickets.mergedInto')} <Link to={`/tickets/${ticket.mergedIntoId}`}>{t('tickets.mergedIntoLink')}</Link>
          </p>
        )}
        {manage && !closed && (
          <div className="row-actions">
            <MacroMenu ticket={ticket} macros={macros} onApplied={(tk, m) => { setTicket(tk); setAnnounce(t('tickets.macroApplied', { name: m.name })); void load(); }} />
            <button type="button" onClick={() => setMerging(true)}>{t('tickets.merge')}</button>
          </div>
        )}
        <StatusMessage>{announce || null}</StatusMessage>
      </section>
      <div style={{ display: 'flex', gap: '1.25rem', alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <div style={{ flex: '2 1 30rem', minWidth: 0 }}>
          <section className="panel" aria-labelledby="ticket-thread-title">
            <h2 id="ticket-thread-title">{t('tickets.thread')}</h2>
            <TicketThread comments={comments} authorName={authorName} />
            {manage && <TicketComposer ticketId={ticket.id} users={users} disabledReply={closed} onSent={(c) => setComments((cs) => [...cs, c])} />}
          </section>
          <section className="panel" aria-labelledby="ticket-history-title">
            <h2 id="ticket-history-title">{t('tickets.history')}</h2>
            <TicketHistory entries={history} users={users} teams={teams} />
            {historyCursor && (
              <div className="load-more">
                <button type="button" onClick={() => void olderHistory()}>{t('tickets.loadOlder')}</button>
              </div>
            )}
          </section>
        </div>
        <aside className="panel" style={{ flex: '1 1 18rem' }} aria-label={t('tickets.properties')}>
          <TicketProperties ticket={ticket} users={users} teams={teams} fields={fields} canManage={manage} onChanged={(tk) => { setTicket(tk); void load(); }} />
          {/* The SLA engineer's panel (web/src/pages/tickets/sla-panel.tsx). */}
          <SlaPanel ticketId={ticket.id} />
          <TicketPeople ticket={ticket} users={users} canManage={manage} onChanged={() => void load()} />
        </aside>
      </div>
      {manage && (
        <MergeDialog
          target={ticket}
          open={merging}
          onClose={() => setMerging(false)}
          onMerged={(tk, count) => { setMerging(false); setTicket(tk); setAnnounce(t('tickets.mergedDone', { count })); void load(); }}
        />
      )}
    </div>
  );
}
