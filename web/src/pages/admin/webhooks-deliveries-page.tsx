import { Fragment, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { deliveryStatuses, type DeliveryStatus, type WebhookDelivery, type WebhookEndpoint } from '../../../../src/contracts/webhooks.ts';
import { webhooksApi } from '../../api/webhooks.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { SelectField } from '../../components/fields.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useFormatDate } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { useEvents } from '../../lib/use-realtime.tsx';
import { useOutcome } from './webhooks-page.tsx';

const badgeStyle: Record<DeliveryStatus, string> = { pending: 'badge-muted', retrying: 'badge-muted', succeeded: 'badge-ok', dead: 'badge-dead' };
const deadStyle = { background: 'var(--danger-soft)', color: 'var(--danger)' };

/** /admin/webhooks/:id: one endpoint's delivery log, newest first, live. */
export function WebhookDeliveriesPage() {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const outcome = useOutcome();
  const { id = '' } = useParams();
  const [endpoint, setEndpoint] = useState<WebhookEndpoint | null>(null);
  const [endpointError, setEndpointError] = useState<unknown>(null);
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const list = usePagedList((cursor) => webhooksApi.deliveries(id, { status, cursor }), `${id}|${status}`);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [busyId, setBusyId] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [rowError, setRowError] = useState<unknown>(null);
  useDocumentTitle(`${t('webhooks.deliveriesTitle')} – ${t('webhooks.title')}`);

  useEffect(() => {
    let live = true;
    webhooksApi.get(id).then((ep) => live && setEndpoint(ep), (err) => live && setEndpointError(err));
    return () => {
      live = false;
    };
  }, [id]);

  // Every attempt (by the sender, a test or a redelivery) is an event on `webhooks`.
  useEvents(['webhooks'], (e) => {
    if (e.aggregateId !== id) return;
    if (e.type === 'webhook.delivery_attempted') list.reload();
    else if (e.type.startsWith('webhook.endpoint_')) void webhooksApi.get(id).then(setEndpoint, () => {});
  });

  const toggle = (d: WebhookDelivery) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(d.id)) next.delete(d.id);
      else next.add(d.id);
      return next;
    });

  async function redeliver(d: WebhookDelivery) {
    setBusyId(d.id);
    setRowError(null);
    try {
      const after = await webhooksApi.redeliver(d.id);
      list.setItems((items) => items.map((x) => (x.id === after.id ? after : x)));
      setMessage(t('webhooks.redelivered', { type: after.eventType, outcome: outcome(after) }));
    } catch (err) {
      setRowError(err);
    } finally {
      setBusyId(null);
    }
  }

  const url = endpoint?.url ?? '';
  return (
    <section aria-labelledby="deliveries-title">
      <p>
        <Link to="/admin/webhooks">{t('webhooks.back')}</Link>
      </p>
      <h2 id="deliveries-title">{t('webhooks.deliveriesTitle')}</h2>
      {endpoint && (
        <p>
          <strong>{endpoint.url}</strong>{' '}
          <span className={`badge ${endpoint.active ? 'badge-ok' : 'badge-muted'}`}>{endpoint.active ? t('webhooks.statusActive') : t('webhooks.statusOff')}</span>
        </p>
      )}
      <p className="hint">{t('webhooks.live')}</p>
      <ErrorAlert error={endpointError} />
      <div className="toolbar">
        <SelectField
          label={t('webhooks.statusFilter')}
          name="status"
          value={status}
          onChange={(e) => setStatus(e.target.value as DeliveryStatus | '')}
          options={[['', t('webhooks.anyStatus')] as const, ...deliveryStatuses.map((s) => [s, t(`webhooks.deliveryStatus.${s}`)] as const)]}
        />
      </div>
      <StatusMessage>{message || null}</StatusMessage>
      <ErrorAlert error={rowError ?? list.error} />
      <div className="table-wrap">
        <table aria-busy={list.loading}>
          <caption className="visually-hidden">{t('webhooks.deliveriesLabel', { url })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('webhooks.colEvent')}</th>
              <th scope="col">{t('webhooks.colStatus')}</th>
              <th scope="col">{t('webhooks.colAttempts')}</th>
              <th scope="col">{t('webhooks.colCode')}</th>
              <th scope="col">{t('webhooks.colNext')}</th>
              <th scope="col">{t('webhooks.colCreated')}</th>
              <th scope="col">{t('webhooks.colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((d) => {
              const date = formatDate(d.createdAt);
              const expanded = open.has(d.id);
              return (
                <Fragment key={d.id}>
                  <tr>
                    <th scope="row">{d.eventType}</th>
                    <td>
                      <span className={`badge ${badgeStyle[d.status]}`} style={d.status === 'dead' ? deadStyle : undefined}>
                        {t(`webhooks.deliveryStatus.${d.status}`)}
                      </span>
                    </td>
                    <td>{d.attempts}</td>
                    <td>{d.lastStatusCode ?? (d.attempts > 0 ? t('webhooks.noCode') : '')}</td>
                    <td>{d.nextAttemptAt ? formatDate(d.nextAttemptAt) : ''}</td>
                    <td>{date}</td>
                    <td>
                      <div className="actions">
                        <button type="button" aria-expanded={expanded} aria-controls={`delivery-${d.id}`} aria-label={t('webhooks.showDetails', { type: d.eventType, date })} onClick={() => toggle(d)}>
                          {t('webhooks.details')}
                        </button>
                        <button type="button" disabled={busyId === d.id} aria-label={t('webhooks.redeliverDelivery', { type: d.eventType, date })} onClick={() => void redeliver(d)}>
                          {t('webhooks.redeliver')}
                        </button>
                      </div>
                    </td>
                  </tr>
                  {expanded && (
                    <tr id={`delivery-${d.id}`}>
                      <td colSpan={7}>
                        <dl className="details">
                          <dt>{t('webhooks.request')}</dt>
                          <dd>
                            <pre className="message-text">{JSON.stringify(d.request, null, 2)}</pre>
                          </dd>
                          <dt>{t('webhooks.response')}</dt>
                          <dd>
                            <pre className="message-text">{d.responseExcerpt ?? t('webhooks.noResponse')}</pre>
                          </dd>
                          {d.lastError && (
                            <>
                              <dt>{t('webhooks.error')}</dt>
                              <dd>{d.lastError}</dd>
                            </>
                          )}
                          {d.durationMs !== null && (
                            <>
                              <dt>{t('webhooks.duration')}</dt>
                              <dd>{t('webhooks.durationMs', { ms: d.durationMs })}</dd>
                            </>
                          )}
                        </dl>
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      {!list.loading && !list.error && list.items.length === 0 && <p className="empty">{t('webhooks.noDeliveries')}</p>}
      <LoadMore list={list} />
    </section>
  );
}
