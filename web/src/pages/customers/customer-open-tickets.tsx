import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Ticket } from '../../../../src/contracts/tickets.ts';
import { openTicketsOf } from '../../api/customer-360.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useEvents } from '../../lib/use-realtime.tsx';

/** The customer's tickets that still need work, at the top of the customer page; live. */
export function CustomerOpenTickets({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [tickets, setTickets] = useState<Ticket[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    let active = true;
    openTicketsOf(customerId).then((list) => active && setTickets(list), (e: unknown) => active && setError(e));
    return () => {
      active = false;
    };
  }, [customerId, version]);

  useEvents(can('users.read') ? ['tenant'] : [], (event) => {
    if (!event.type.startsWith('ticket.') || timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      setVersion((v) => v + 1);
    }, 400);
  });

  return (
    <section className="panel" aria-labelledby="customer-open-tickets-title">
      <h2 id="customer-open-tickets-title">{t('customer360.openTickets')}</h2>
      <ErrorAlert error={error} />
      {tickets === null && !error ? (
        <p className="hint">{t('common.loading')}</p>
      ) : tickets && tickets.length > 0 ? (
        <ul className="plain-list">
          {tickets.map((x) => (
            <li key={x.id}>
              <Link to={`/tickets/${x.id}`}>{t('customer360.ticketLine', { number: x.number, subject: x.subject })}</Link>{' '}
              <span className={`badge status-${x.status}`}>{t(`tickets.statuses.${x.status}`)}</span> <span className="badge badge-muted">{t(`tickets.priorities.${x.priority}`)}</span>
            </li>
          ))}
        </ul>
      ) : (
        !error && <p className="empty">{t('customer360.noOpenTickets')}</p>
      )}
    </section>
  );
}
