import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Customer } from '../../../../../src/contracts/customers.ts';
import { ordersApi, type Order } from '../../../api/orders.ts';
import { customersApi } from '../../../api/endpoints.ts';
import { useAuth } from '../../../auth/auth-context.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useFormatDate } from '../../../lib/format.ts';
import { CustomerHealthPanel } from '../../customers/customer-health.tsx';
import { CustomerOpenTickets } from '../../customers/customer-open-tickets.tsx';

/** Beside the chat: who the customer is, their identities, latest orders, other tickets and health. */
export function ProfilePanel({ customerId }: { customerId: string; conversationId: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const formatDate = useFormatDate();
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [orders, setOrders] = useState<Order[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let active = true;
    customersApi.get(customerId).then((c) => active && setCustomer(c), (e: unknown) => active && setError(e));
    ordersApi.list({ customerId, limit: 5 }).then((p) => active && setOrders(p.items.slice(0, 5)), () => active && setOrders([]));
    return () => {
      active = false;
    };
  }, [customerId]);

  if (!can('customers.read')) return null;
  return (
    <aside className="desk-profile" aria-labelledby="desk-profile-title">
      <section className="panel">
        <h2 id="desk-profile-title">{customer ? customer.name || t('customers.unnamed') : t('agentDesk.profile')}</h2>
        <ErrorAlert error={error} />
        {customer && (
          <>
            <dl className="profile-facts">
              {customer.company && (
                <>
                  <dt>{t('agentDesk.company')}</dt>
                  <dd>{customer.company}</dd>
                </>
              )}
              {customer.language && (
                <>
                  <dt>{t('agentDesk.language')}</dt>
                  <dd>{customer.language}</dd>
                </>
              )}
            </dl>
            <h3>{t('agentDesk.identities')}</h3>
            <ul className="identities">
              {customer.identities.map((i) => (
                <li key={i.id}>
                  <span className="badge">{i.kind}</span> {i.value} {i.verified && <span className="badge verified">{t('agentDesk.verified')}</span>}
                </li>
              ))}
            </ul>
            <p>
              <Link to={`/customers/${customer.id}`}>{t('agentDesk.fullProfile')}</Link>
            </p>
          </>
        )}
      </section>
      <section className="panel" aria-labelledby="desk-orders-title">
        <h2 id="desk-orders-title">{t('agentDesk.latestOrders')}</h2>
        {orders === null ? (
          <p className="hint">{t('common.loading')}</p>
        ) : orders.length === 0 ? (
          <p className="empty">{t('agentDesk.noOrders')}</p>
        ) : (
          <ul className="orders-compact">
            {orders.map((o) => (
              <li key={o.id}>
                <span>{o.externalId}</span> · <span>{o.status}</span> · <span>{o.total} {o.currency}</span> · <time dateTime={o.orderedAt}>{formatDate(o.orderedAt, false)}</time>
              </li>
            ))}
          </ul>
        )}
      </section>
      {can('tickets.read') && <CustomerOpenTickets customerId={customerId} />}
      <CustomerHealthPanel customerId={customerId} />
    </aside>
  );
}
