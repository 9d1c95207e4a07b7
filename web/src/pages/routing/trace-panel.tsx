import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { routingApi, type Task, type TraceEntry } from '../../api/routing.ts';
import { useAuth, useMe } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useUsers } from '../../lib/lookups.ts';
import { useLiveReload, useQueues } from './shared.ts';
import { TaskActions } from './task-actions.tsx';
import { TraceList } from './trace-list.tsx';

const statuses = ['waiting', 'active', 'ended'] as const;

/** In a conversation: the routing trace of its task(s), for supervisors and for the agent it went to. */
export function RoutingTracePanel({ conversationId }: { conversationId: string }) {
  const { can } = useAuth();
  if (!can('routing.work') && !can('routing.supervise')) return null;
  return <TracePanel conversationId={conversationId} />;
}

function TracePanel({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const me = useMe();
  const users = useUsers();
  const { queues: queueList, byId: queues } = useQueues();
  const [tasks, setTasks] = useState<{ task: Task; trace: TraceEntry[] }[]>([]);
  const [error, setError] = useState<unknown>(null);
  const supervisor = can('routing.supervise');
  const [ruleNames, setRuleNames] = useState<Record<string, string>>({});
  // Supervisors may read the workflow: rule ids are shown by name.
  useEffect(() => {
    if (!supervisor) return;
    routingApi.workflow().then((w) => setRuleNames(Object.fromEntries(w.rules.map((r) => [r.id, r.name]))), () => undefined);
  }, [supervisor]);

  const load = useCallback(async () => {
    try {
      const lists = await Promise.all(
        statuses.map((status) => routingApi.tasks({ sourceId: conversationId, status, limit: 20 }).then((l) => l.items, (err: unknown) => (err instanceof ApiError && (err.status === 403 || err.status === 404) ? [] : Promise.reject(err)))),
      );
      const seen = new Set<string>();
      const mine = lists
        .flat()
        .filter((x) => x.sourceId === conversationId && !seen.has(x.id) && seen.add(x.id))
        .filter((x) => supervisor || x.assignedUserId === me.user.id)
        .sort((a, b) => Date.parse(b.enqueuedAt) - Date.parse(a.enqueuedAt))
        .slice(0, 5);
      const withTrace = await Promise.all(
        mine.map(async (task) => ({ task, trace: await routingApi.trace(task.id).catch((err: unknown) => (err instanceof ApiError && err.status === 403 ? [] : Promise.reject(err))) })),
      );
      setTasks(withTrace.filter((x) => x.trace.length > 0 || supervisor));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [conversationId, supervisor, me.user.id]);

  useEffect(() => {
    void load();
  }, [load]);
  useLiveReload([`conversation:${conversationId}`], () => void load(), (type) => type.startsWith('task.') && type !== 'task.position_changed');

  if (!tasks.length && !error) return null;
  const userName = (id: string) => (id === me.user.id ? me.user.name : (users.find((u) => u.id === id)?.name ?? t('routing.someAgent')));
  const queueName = (id: string) => queues[id]?.name ?? t('routing.someQueue');
  return (
    <section className="panel" aria-labelledby="routing-trace-title">
      <h2 id="routing-trace-title">{t('routing.traceTitle')}</h2>
      <ErrorAlert error={error} />
      {tasks.map(({ task, trace }) => (
        <section key={task.id} aria-label={t('routing.traceOfTask', { status: t(`routing.taskStatus.${task.status}`), at: new Date(task.enqueuedAt).toLocaleString() })}>
          <p className="hint">
            <span className="badge">{t(`routing.taskStatus.${task.status}`)}</span> {task.queueId ? queueName(task.queueId) : ''}
            {task.assignedUserId ? ` · ${t('routing.traceAssignedTo', { agent: userName(task.assignedUserId) })}` : ''}
          </p>
          {trace.length ? <TraceList entries={trace} queueName={queueName} userName={userName} ruleName={(id) => ruleNames[id] ?? id} /> : <p className="empty">{t('routing.traceEmpty')}</p>}
          {(task.assignedUserId === me.user.id || supervisor) && <TaskActions task={task} queues={queueList} users={users} meId={me.user.id} onDone={() => void load()} />}
        </section>
      ))}
    </section>
  );
}
