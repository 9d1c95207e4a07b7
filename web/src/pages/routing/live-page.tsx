import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { routingApi, type LiveView } from '../../api/routing.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { LiveAgents } from './live-agents.tsx';
import { LiveTasks } from './live-tasks.tsx';
import { formatDuration, useLiveReload, useNow } from './shared.ts';

const activities = ['available', 'on_task', 'wrap_up', 'away', 'offline'] as const;

/** /supervisor: every queue now, the agents and the waiting tasks; follows the wallboard live. */
export function LiveQueuesPage() {
  const { t } = useTranslation();
  const [live, setLive] = useState<LiveView | null>(null);
  const [fetchedAt, setFetchedAt] = useState(() => Date.now());
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [tasksGen, setTasksGen] = useState(0);
  const now = useNow(1000);
  useDocumentTitle(t('routing.liveTitle'));

  const load = useCallback(async () => {
    try {
      setLive(await routingApi.live());
      setFetchedAt(Date.now());
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const reloadAll = useCallback(() => {
    void load();
    setTasksGen((g) => g + 1);
  }, [load]);
  useLiveReload(['wallboard'], reloadAll);

  const elapsed = Math.max(0, (now - fetchedAt) / 1000);
  return (
    <div className="live-queues">
      <section className="panel" aria-labelledby="live-title">
        <h1 id="live-title">{t('routing.liveTitle')}</h1>
        <p>{t('routing.liveIntro')}</p>
        <p>
          <Link to="/supervisor/skills">{t('routing.editSkillsLink')}</Link>
        </p>
        <StatusMessage>{status || null}</StatusMessage>
        <ErrorAlert error={error} />
        <div className="table-wrap">
          <table aria-busy={!live && !error}>
            <caption className="visually-hidden">{t('routing.liveQueuesTable')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('routing.colQueue')}</th>
                <th scope="col">{t('routing.colWaitingCount')}</th>
                <th scope="col">{t('routing.colOffered')}</th>
                <th scope="col">{t('routing.colLongestWait')}</th>
                <th scope="col">{t('routing.colEta')}</th>
                {activities.map((a) => (
                  <th scope="col" key={a}>
                    {t(`routing.activity.${a}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {live?.queues.map((q) => (
                <tr key={q.queueId} data-queue-id={q.queueId}>
                  <th scope="row">{q.name}</th>
                  <td data-col="waiting">{q.waiting}</td>
                  <td data-col="offered">{q.offered}</td>
                  <td>
                    <span role="timer" aria-label={t('routing.longestWaitOf', { name: q.name })}>
                      {q.waiting + q.offered > 0 ? formatDuration(t, q.longestWaitSeconds + elapsed) : '—'}
                    </span>
                  </td>
                  <td>{q.estimatedWaitSeconds == null ? '—' : formatDuration(t, q.estimatedWaitSeconds)}</td>
                  {activities.map((a) => (
                    <td key={a}>{q.agents[a]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {live && live.queues.length === 0 && <p className="empty">{t('routing.liveNoQueues')}</p>}
      </section>
      {live && <LiveAgents agents={live.agents} now={now} onChanged={(msg) => {
        setStatus(msg);
        void load();
      }} />}
      {live && <LiveTasks generation={tasksGen} queues={live.queues} agents={live.agents} now={now} onChanged={(msg) => {
        setStatus(msg);
        void load();
      }} />}
    </div>
  );
}
