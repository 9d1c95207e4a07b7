import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ordersApi, type Order } from '../../api/orders.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { TextField } from '../../components/fields.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { useFormatDate } from '../../lib/format.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { useEvents } from '../../lib/use-realtime.tsx';

/** "12.30 EUR" in the reader's language. */
function money(total: string, currency: string, language: string): string {
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency }).format(Number(total));
  } catch {
    return `${total} ${currency}`;
  }
}

const itemsText = (o: Order) => o.items.map((i) => `${i.quantity} × ${i.name}`).join(', ');

/** The customer's orders, newest first, searchable by order id, paged, live. */
export function CustomerOrders({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const formatDate = useFormatDate();
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 300);
  const list = usePagedList((cursor) => ordersApi.list({ customerId, q, cursor }), `${customerId}|${q}`);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEvents(can('users.read') ? ['tenant'] : [], (event) => {
    const p = event.payload as { customerId?: unknown; survivorId?: unknown; sourceId?: unknown };
    const mine = p.customerId === customerId || p.survivorId === customerId || p.sourceId === customerId;
    if (!mine || !/^(order\.|customer\.(un)?merged)/.test(event.type) || timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      list.reload();
    }, 300);
  });

  return (
    <section className="panel" aria-labelledby="customer-orders-title">
      <div className="subpanel-head">
        <h2 id="customer-orders-title">{t('orders.ordersTitle')}</h2>
        <div className="toolbar" role="search">
          <TextField label={t('orders.search')} type="search" name="order-q" autoComplete="off" value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
      </div>
      <ErrorAlert error={list.error} />
      {list.items.length > 0 && (
        <div className="table-wrap">
          <table aria-busy={list.loading}>
            <caption className="visually-hidden">{t('orders.ordersLabel')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('orders.externalId')}</th>
                <th scope="col">{t('orders.orderedAt')}</th>
                <th scope="col">{t('orders.status')}</th>
                <th scope="col">{t('orders.total')}</th>
                <th scope="col">{t('orders.items')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((o) => (
                <tr key={o.id}>
                  <td>{o.externalId}</td>
                  <td>{formatDate(o.orderedAt)}</td>
                  <td>{t(`orders.orderStatuses.${o.status}`)}</td>
                  <td>{money(o.total, o.currency, i18n.language)}</td>
                  <td>{itemsText(o)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!list.loading && !list.error && list.items.length === 0 && <p className="empty">{t('orders.noOrders')}</p>}
      <LoadMore list={list} />
    </section>
  );
}
