import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { routingApi, type AgentProfile, type LiveView, type Task } from '../../api/routing.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { useCustomers } from '../../lib/lookups.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { formatDuration, secondsSince } from './shared.ts';
import { taskFacts, taskMatches, useTaskText } from './task-cells.ts';

interface Props {
  /** Bumped by the page when a wallboard event says the tasks changed. */
  generation: number;
  queues: LiveView['queues'];
  agents: readonly AgentProfile[];
  now: number;
  onChanged: (message: string) => void;
}

/** Waiting tasks across queues: move one to another queue or assign it to an agent. */
export function LiveTasks({ generation, queues, agents, now, onChanged }: Props) {
  const { t } = useTranslation();
  const [queueId, setQueueId] = useState('');
  const [query, setQuery] = useState('');
  const list = usePagedList((cursor) => routingApi.tasks({ status: 'waiting', queueId, cursor }), queueId);
  const reload = list.reload;
  useEffect(() => {
    if (generation > 0) reload();
    // Only a new generation reloads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [generation]);
  const customers = useCustomers(list.items.map((x) => taskFacts(x).customerId).filter((x): x is string => !!x));
  const text = useTaskText();
  const [moveTo, setMoveTo] = useState<Record<string, string>>({});
  const [assignTo, setAssignTo] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function act(fn: () => Promise<string>) {
    setBusy(true);
    setError(null);
    try {
      onChanged(await fn());
      reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const queueName = (id: string | null) => (id ? (queues.find((q) => q.queueId === id)?.name ?? '…') : t('routing.noQueue'));
  const assignable = agents.filter((a) => a.presence !== 'offline');
  const rows = list.items.map((task) => ({ task, text: text(task, customers) })).filter((r) => taskMatches(r.task, r.text, query.trim()));

  const move = (task: Task, label: string) =>
    act(async () => {
      const to = moveTo[task.id] ?? queues.find((q) => q.queueId !== task.queueId)?.queueId ?? '';
      await routingApi.move(task.id, to);
      return t('routing.taskMoved', { name: label, queue: queueName(to) });
    });
  const assign = (task: Task, label: string) =>
    act(async () => {
      const to = assignTo[task.id] ?? assignable[0]?.userId ?? '';
      await routingApi.assign(task.id, to);
      return t('routing.taskAssigned', { name: label, agent: agents.find((a) => a.userId === to)?.name ?? '' });
    });

  return (
    <section className="panel" aria-labelledby="live-tasks-title">
      <h2 id="live-tasks-title">{t('routing.liveTasks')}</h2>
      <div className="filter-bar">
        <SelectField label={t('routing.filterQueue')} value={queueId} onChange={(e) => setQueueId(e.target.value)} options={[['', t('routing.allQueues')] as const, ...queues.map((q) => [q.queueId, q.name] as const)]} />
        <TextField label={t('routing.searchTasks')} type="search" autoComplete="off" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <ErrorAlert error={error ?? list.error} />
      <div className="table-wrap">
        <table aria-busy={list.loading || busy}>
          <caption className="visually-hidden">{t('routing.liveTasks')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('routing.colCustomer')}</th>
              <th scope="col">{t('routing.colChannel')}</th>
              <th scope="col">{t('routing.colQueue')}</th>
              <th scope="col">{t('routing.colStatus')}</th>
              <th scope="col">{t('routing.colWaiting')}</th>
              <th scope="col">{t('routing.colMove')}</th>
              <th scope="col">{t('routing.colAssign')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ task, text: x }) => {
              const others = queues.filter((q) => q.queueId !== task.queueId);
              return (
                <tr key={task.id} data-task-id={task.id}>
                  <th scope="row">{x.customer}</th>
                  <td>{x.channel}</td>
                  <td>{queueName(task.queueId)}</td>
                  <td>{t(`routing.taskStatus.${task.status}`)}</td>
                  <td>{formatDuration(t, secondsSince(task.enqueuedAt, now))}</td>
                  <td>
                    <div className="row-actions">
                      <select aria-label={t('routing.moveToLabel', { name: x.customer })} value={moveTo[task.id] ?? others[0]?.queueId ?? ''} onChange={(e) => setMoveTo((m) => ({ ...m, [task.id]: e.target.value }))}>
                        {others.map((q) => (
                          <option key={q.queueId} value={q.queueId}>
                            {q.name}
                          </option>
                        ))}
                      </select>
                      <button type="button" disabled={busy || others.length === 0} aria-label={t('routing.moveLabel', { name: x.customer })} onClick={() => void move(task, x.customer)}>
                        {t('routing.move')}
                      </button>
                    </div>
                  </td>
                  <td>
                    <div className="row-actions">
                      <select aria-label={t('routing.assignToLabel', { name: x.customer })} value={assignTo[task.id] ?? assignable[0]?.userId ?? ''} onChange={(e) => setAssignTo((m) => ({ ...m, [task.id]: e.target.value }))}>
                        {assignable.map((a) => (
                          <option key={a.userId} value={a.userId}>
                            {a.name}
                          </option>
                        ))}
                      </select>
                      <button type="button" disabled={busy || assignable.length === 0} aria-label={t('routing.assignLabel', { name: x.customer })} onClick={() => void assign(task, x.customer)}>
                        {t('routing.assign')}
                      </button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {!list.loading && !list.error && rows.length === 0 && <p className="empty">{t('routing.liveNoTasks')}</p>}
      <LoadMore list={list} />
    </section>
  );
}
