import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { User } from '../../../../src/contracts/auth.ts';
import { ticketsApi, type Ticket } from '../../api/tickets.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';

/** Followers (add, remove) and linked conversations (links to the desk). */
export function TicketPeople({ ticket, users, canManage, onChanged }: { ticket: Ticket; users: User[]; canManage: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [adding, setAdding] = useState('');
  const [error, setError] = useState<unknown>(null);
  const name = (uid: string) => users.find((u) => u.id === uid)?.name ?? '…';
  const run = async (p: Promise<unknown>) => {
    setError(null);
    try {
      await p;
      onChanged();
    } catch (err) {
      setError(err);
    }
  };
  const closed = ticket.status === 'closed';

  return (
    <>
      <section aria-labelledby={`${id}-followers`}>
        <h2 id={`${id}-followers`}>{t('tickets.followers')}</h2>
        {ticket.followerIds.length === 0 ? (
          <p className="empty">{t('tickets.noFollowers')}</p>
        ) : (
          <ul className="plain-list">
            {ticket.followerIds.map((f) => (
              <li key={f} className="row-actions">
                {name(f)}
                {canManage && (
                  <button type="button" className="link-button" aria-label={t('tickets.removeFollower', { name: name(f) })} onClick={() => void run(ticketsApi.unfollow(ticket.id, f))}>
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {canManage && !closed && (
          <form className="inline-edit" onSubmit={(e: FormEvent) => { e.preventDefault(); if (adding) void run(ticketsApi.follow(ticket.id, adding)).then(() => setAdding('')); }}>
            <label htmlFor={`${id}-add`} className="visually-hidden">{t('tickets.addFollower')}</label>
            <select id={`${id}-add`} value={adding} onChange={(e) => setAdding(e.target.value)}>
              <option value="">{t('tickets.addFollower')}</option>
              {users.filter((u) => u.active && !ticket.followerIds.includes(u.id)).map((u) => (
                <option key={u.id} value={u.id}>{u.name}</option>
              ))}
            </select>
            <button type="submit" disabled={!adding}>{t('tickets.add')}</button>
          </form>
        )}
        <ErrorAlert error={error} />
      </section>
      <section aria-labelledby={`${id}-convs`}>
        <h2 id={`${id}-convs`}>{t('tickets.conversations')}</h2>
        {ticket.conversationIds.length === 0 ? (
          <p className="empty">{t('tickets.noConversations')}</p>
        ) : (
          <ul className="plain-list">
            {ticket.conversationIds.map((c, i) => (
              <li key={c}>
                <Link to={`/desk/conversations/${c}`}>{t('tickets.conversationLink', { n: i + 1 })}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
