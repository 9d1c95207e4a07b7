import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { routingApi, type Queue, type QueueBody } from '../../api/routing.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { TextField } from '../../components/fields.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { QueueForm } from './queue-form.tsx';
import { useLiveReload } from './shared.ts';

const PAGE = 50;

/** /admin/routing-queues: queues with search (and pages of 50), create, edit and delete. */
export function QueuesPage() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 300);
  const list = usePagedList((cursor) => routingApi.queues({ q, cursor }), q);
  const [editing, setEditing] = useState<Queue | null>(null);
  const [status, setStatus] = useState('');
  const [rowError, setRowError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [shownCount, setShownCount] = useState(PAGE);
  useDocumentTitle(`${t('routing.queuesTitle')} – ${t('admin.title')}`);
  useLiveReload(['tenant'], list.reload, (type) => type === 'routing.config_changed');

  async function create(v: QueueBody) {
    const created = await routingApi.createQueue(v);
    setStatus(t('routing.queueCreated', { name: created.name }));
    list.reload();
  }
  async function save(v: QueueBody) {
    if (!editing) return;
    const saved = await routingApi.updateQueue(editing.id, v);
    setEditing(null);
    setStatus(t('routing.queueSaved', { name: saved.name }));
    list.reload();
  }
  async function remove(queue: Queue) {
    if (!window.confirm(t('routing.confirmRemoveQueue', { name: queue.name }))) return;
    setBusy(true);
    setRowError(null);
    try {
      await routingApi.removeQueue(queue.id);
      list.setItems((items) => items.filter((x) => x.id !== queue.id));
      setStatus(t('routing.queueDeleted', { name: queue.name }));
    } catch (err) {
      setRowError(err);
    } finally {
      setBusy(false);
    }
  }

  const needle = q.toLowerCase();
  const matching = needle ? list.items.filter((x) => x.name.toLowerCase().includes(needle)) : list.items;
  const shown = matching.slice(0, shownCount);
  const timeout = (x: Queue) => (x.offerTimeoutSeconds == null ? t('routing.channelDefault') : t('routing.seconds', { n: x.offerTimeoutSeconds }));

  return (
    <section aria-labelledby="routing-queues-title">
      <h2 id="routing-queues-title">{t('routing.queuesTitle')}</h2>
      <p>{t('routing.queuesIntro')}</p>
      <section className="subpanel" aria-labelledby="routing-queue-form-title">
        <h3 id="routing-queue-form-title">{editing ? t('routing.editQueueTitle', { name: editing.name }) : t('routing.newQueueTitle')}</h3>
        {editing ? (
          <QueueForm key={editing.id} initial={editing} titleId="routing-queue-form-title" submitLabel={t('routing.saveQueue')} onSubmit={save} onCancel={() => setEditing(null)} />
        ) : (
          <QueueForm key="new" titleId="routing-queue-form-title" submitLabel={t('routing.createQueue')} onSubmit={create} />
        )}
      </section>
      <div className="toolbar">
        <TextField label={t('routing.searchQueues')} type="search" name="q" autoComplete="off" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={rowError ?? list.error} />
      <div className="table-wrap">
        <table aria-busy={list.loading || busy}>
          <caption className="visually-hidden">{t('routing.queuesTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('routing.colName')}</th>
              <th scope="col">{t('routing.strategy')}</th>
              <th scope="col">{t('routing.offerTimeoutShort')}</th>
              <th scope="col">{t('routing.colOptions')}</th>
              <th scope="col">{t('routing.colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((x) => (
              <tr key={x.id}>
                <th scope="row">{x.name}</th>
                <td>{t(`routing.strategies.${x.strategy}`)}</td>
                <td>{timeout(x)}</td>
                <td>
                  {x.autoAccept && <span className="badge badge-ok">{t('routing.autoAcceptBadge')}</span>}
                  {x.stickyMinutes > 0 && <span className="badge">{t('routing.stickyBadge', { n: x.stickyMinutes })}</span>}
                  {x.wrapUpSeconds > 0 && <span className="badge badge-muted">{t('routing.wrapUpBadge', { n: x.wrapUpSeconds })}</span>}
                  {x.teamIds.length > 0 && <span className="badge badge-muted">{t('routing.teamsBadge', { n: x.teamIds.length })}</span>}
                </td>
                <td>
                  <div className="actions">
                    <button type="button" disabled={busy} aria-label={t('routing.editLabel', { name: x.name })} onClick={() => setEditing(x)}>
                      {t('routing.edit')}
                    </button>
                    <button type="button" className="danger" disabled={busy} aria-label={t('routing.removeLabel', { name: x.name })} onClick={() => void remove(x)}>
                      {t('routing.remove')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!list.loading && !list.error && shown.length === 0 && <p className="empty">{t('routing.queuesEmpty')}</p>}
      <LoadMore list={{ ...list, nextCursor: list.nextCursor ?? (matching.length > shownCount ? 'more' : null), loadMore: () => (list.nextCursor ? list.loadMore() : setShownCount((n) => n + PAGE)) }} />
    </section>
  );
}
