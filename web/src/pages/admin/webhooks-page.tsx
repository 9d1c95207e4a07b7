import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { WebhookDelivery, WebhookEndpoint } from '../../../../src/contracts/webhooks.ts';
import { webhooksApi } from '../../api/webhooks.ts';
import { CopyField } from '../../components/copy-field.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { TextField } from '../../components/fields.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { useEvents } from '../../lib/use-realtime.tsx';
import { WebhookForm, type WebhookFormValues } from './webhooks-form.tsx';

/** "Delivered (200)", "Failed (500)", "Failed (no answer)". */
export function useOutcome() {
  const { t } = useTranslation();
  return (d: WebhookDelivery) => `${t(`webhooks.deliveryStatus.${d.status}`)} (${d.lastStatusCode ?? t('webhooks.noCode')})`;
}

/** /admin/webhooks: endpoints, their secrets (once), test pings, and links to each delivery log. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const outcome = useOutcome();
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 300);
  const list = usePagedList((cursor) => webhooksApi.list({ q, cursor }), q);
  const [secret, setSecret] = useState<{ url: string; value: string } | null>(null);
  const [editing, setEditing] = useState<WebhookEndpoint | null>(null);
  const [status, setStatus] = useState('');
  const [rowError, setRowError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  useDocumentTitle(`${t('webhooks.title')} – ${t('admin.title')}`);

  // Another admin's change, or an endpoint switched off after failures: show it.
  useEvents(['webhooks'], (e) => {
    if (e.type.startsWith('webhook.endpoint_') || e.type === 'webhook.secret_rotated') list.reload();
  });

  const replace = (ep: WebhookEndpoint) => list.setItems((items) => items.map((x) => (x.id === ep.id ? ep : x)));

  async function create(v: WebhookFormValues) {
    setSecret(null);
    const res = await webhooksApi.create(v);
    setSecret({ url: res.endpoint.url, value: res.secret });
    setStatus(t('webhooks.created', { url: res.endpoint.url }));
    list.setItems((items) => [res.endpoint, ...items.filter((x) => x.id !== res.endpoint.id)]);
  }

  async function save(v: WebhookFormValues) {
    if (!editing) return;
    const ep = await webhooksApi.update(editing.id, v);
    replace(ep);
    setEditing(null);
    setStatus(t('webhooks.updated', { url: ep.url }));
  }

  async function act(ep: WebhookEndpoint, fn: () => Promise<void>) {
    setBusyId(ep.id);
    setRowError(null);
    try {
      await fn();
    } catch (err) {
      setRowError(err);
    } finally {
      setBusyId(null);
    }
  }

  const toggle = (ep: WebhookEndpoint) =>
    act(ep, async () => {
      replace(await webhooksApi.update(ep.id, { active: !ep.active }));
      setStatus(t('webhooks.updated', { url: ep.url }));
    });
  const rotate = (ep: WebhookEndpoint) =>
    act(ep, async () => {
      const res = await webhooksApi.rotateSecret(ep.id);
      setSecret({ url: res.endpoint.url, value: res.secret });
      setStatus(t('webhooks.rotated', { url: ep.url }));
    });
  const test = (ep: WebhookEndpoint) =>
    act(ep, async () => {
      const d = await webhooksApi.test(ep.id);
      setStatus(t('webhooks.testResult', { url: ep.url, outcome: outcome(d) }));
    });
  const remove = (ep: WebhookEndpoint) =>
    act(ep, async () => {
      if (!window.confirm(t('webhooks.confirmRemove', { url: ep.url }))) return;
      await webhooksApi.remove(ep.id);
      list.setItems((items) => items.filter((x) => x.id !== ep.id));
      setStatus(t('webhooks.deleted', { url: ep.url }));
    });

  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">{t('webhooks.title')}</h2>
      <p>{t('webhooks.intro')}</p>
      <section className="subpanel" aria-labelledby="webhook-form-title">
        <h3 id="webhook-form-title">{editing ? t('webhooks.editTitle', { url: editing.url }) : t('webhooks.createTitle')}</h3>
        {editing ? (
          <WebhookForm key={editing.id} initial={editing} titleId="webhook-form-title" submitLabel={t('webhooks.save')} onSubmit={save} onCancel={() => setEditing(null)} />
        ) : (
          <WebhookForm key="new" titleId="webhook-form-title" submitLabel={t('webhooks.create')} onSubmit={create} />
        )}
        {secret && (
          <div className="created-box">
            <p className="warning">
              <strong>{t('webhooks.secretWarning')}</strong>
            </p>
            <CopyField label={t('webhooks.secret', { url: secret.url })} value={secret.value} />
          </div>
        )}
      </section>
      <div className="toolbar">
        <TextField label={t('webhooks.search')} type="search" name="q" autoComplete="off" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={rowError ?? list.error} />
      <div className="table-wrap">
        <table aria-busy={list.loading}>
          <caption className="visually-hidden">{t('webhooks.tableLabel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('webhooks.colUrl')}</th>
              <th scope="col">{t('webhooks.colEvents')}</th>
              <th scope="col">{t('webhooks.colStatus')}</th>
              <th scope="col">{t('webhooks.colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((ep) => (
              <tr key={ep.id} className={ep.active ? undefined : 'inactive'}>
                <th scope="row">
                  <Link to={`/admin/webhooks/${ep.id}`} aria-label={t('webhooks.logFor', { url: ep.url })}>
                    {ep.url}
                  </Link>
                  {ep.description && <div className="muted">{ep.description}</div>}
                </th>
                <td>{ep.events.join(', ')}</td>
                <td>
                  <span className={`badge ${ep.active ? 'badge-ok' : 'badge-muted'}`}>{ep.active ? t('webhooks.statusActive') : t('webhooks.statusOff')}</span>
                  {ep.disabledReason && <div className="muted">{t('webhooks.disabledAuto', { reason: ep.disabledReason })}</div>}
                </td>
                <td>
                  <div className="actions">
                    <button type="button" disabled={busyId === ep.id} aria-label={t('webhooks.testEndpoint', { url: ep.url })} onClick={() => void test(ep)}>
                      {t('webhooks.test')}
                    </button>
                    <button type="button" disabled={busyId === ep.id} aria-label={t('webhooks.editEndpoint', { url: ep.url })} onClick={() => setEditing(ep)}>
                      {t('webhooks.edit')}
                    </button>
                    <button
                      type="button"
                      disabled={busyId === ep.id}
                      aria-label={ep.active ? t('webhooks.disableEndpoint', { url: ep.url }) : t('webhooks.enableEndpoint', { url: ep.url })}
                      onClick={() => void toggle(ep)}
                    >
                      {ep.active ? t('webhooks.disable') : t('webhooks.enable')}
                    </button>
                    <button type="button" disabled={busyId === ep.id} aria-label={t('webhooks.rotateEndpoint', { url: ep.url })} onClick={() => void rotate(ep)}>
                      {t('webhooks.rotate')}
                    </button>
                    <button type="button" className="danger" disabled={busyId === ep.id} aria-label={t('webhooks.removeEndpoint', { url: ep.url })} onClick={() => void remove(ep)}>
                      {t('webhooks.remove')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!list.loading && !list.error && list.items.length === 0 && <p className="empty">{t('webhooks.empty')}</p>}
      <LoadMore list={list} />
    </section>
  );
}
