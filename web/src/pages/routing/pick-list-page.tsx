import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { routingApi, type Task } from '../../api/routing.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useCustomers } from '../../lib/lookups.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { formatDuration, secondsSince, useLiveReload, useNow, useQueues } from './shared.ts';
import { taskFacts, taskMatches, useTaskText } from './task-cells.ts';

/** /queue: tasks waiting in the agent's queues, oldest first in each queue's order; Pick takes one. */
export function PickListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { queues, byId } = useQueues();
  const [queueId, setQueueId] = useState('');
  const [query, setQuery] = useState('');
  const list = usePagedList((cursor) => routingApi.tasks({ status: 'waiting', queueId, cursor }), queueId);
  const customers = useCustomers(list.items.map((x) => taskFacts(x).customerId).filter((x): x is string => !!x));
  const text = useTaskText();
  const now = useNow(1000);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  useDocumentTitle(t('routing.pickTitle'));
  useLiveReload(['tenant'], list.reload, (type) => type.startsWith('task.') && type !== 'task.position_changed');

  async function pick(task: Task, label: string) {
    setBusy(true);
    setError(null);
    try {
      await routingApi.pick(task.id);
      setStatus(t('routing.picked', { name: label }));
      if (task.sourceType === 'conversation' && task.sourceId) navigate(`/desk/conversations/${task.sourceId}`);
      else list.reload();
    } catch (err) {
      setError(err);
      list.reload();
    } finally {
      setBusy(false);
    }
  }

  const rows = list.items.map((task) => ({ task, text: text(task, customers) })).filter((r) => taskMatches(r.task, r.text, query.trim()));
  return (
    <section className="panel" aria-labelledby="pick-title">
      <h1 id="pick-title">{t('routing.pickTitle')}</h1>
      <p>{t('routing.pickIntro')}</p>
      <div className="filter-bar">
        <SelectField label={t('routing.filterQueue')} value={queueId} onChange={(e) => setQueueId(e.target.value)} options={[['', t('routing.allMyQueues')] as const, ...queues.map((q) => [q.id, q.name] as const)]} />
        <TextField label={t('routing.searchTasks')} type="search" autoComplete="off" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={error ?? list.error} />
      <div className="table-wrap">
        <table aria-busy={list.loading || busy}>
          <caption className="visually-hidden">{t('routing.pickTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('routing.colCustomer')}</th>
              <th scope="col">{t('routing.colChannel')}</th>
              <th scope="col">{t('routing.colLanguage')}</th>
              <th scope="col">{t('routing.colQueue')}</th>
              <th scope="col">{t('routing.colWaiting')}</th>
              <th scope="col">{t('routing.colPosition')}</th>
              <th scope="col">{t('routing.colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ task, text: x }) => (
              <tr key={task.id}>
                <th scope="row">{x.customer}</th>
                <td>{x.channel}</td>
                <td>{x.language}</td>
                <td>{task.queueId ? (byId[task.queueId]?.name ?? '…') : t('routing.noQueue')}</td>
                <td>{formatDuration(t, secondsSince(task.enqueuedAt, now))}</td>
                <td>{task.position ?? '—'}</td>
                <td>
                  <button type="button" className="primary" disabled={busy || task.status !== 'queued'} aria-label={t('routing.pickLabel', { name: x.customer })} onClick={() => void pick(task, x.customer)}>
                    {t('routing.pick')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!list.loading && !list.error && rows.length === 0 && <p className="empty">{t('routing.pickEmpty')}</p>}
      <LoadMore list={list} />
    </section>
  );
}
