import { useTranslation } from 'react-i18next';
import { formatDuration } from '../routing/shared.ts';
import type { WallboardAgent } from './api.ts';

type HeldTask = WallboardAgent['tasks'][number];

interface Props {
  agents: readonly WallboardAgent[];
  elapsed: number;
  busy: boolean;
  onMonitor: (agent: WallboardAgent, task: HeldTask) => void;
  onTakeOver: (task: HeldTask) => void;
  onReassign: (task: HeldTask, userId: string) => void;
}

/** Agents by state with time in state, and each agent's current tasks (monitor, take over, reassign). */
export function AgentsBoard({ agents, elapsed, busy, onMonitor, onTakeOver, onReassign }: Props) {
  const { t } = useTranslation();
  const others = (a: WallboardAgent) => agents.filter((x) => x.userId !== a.userId && x.presence === 'available');
  return (
    <section className="panel" aria-labelledby="wb-agents-title">
      <h2 id="wb-agents-title">{t('wallboard.agentsTitle')}</h2>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t('wallboard.agentsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('wallboard.colAgent')}</th>
              <th scope="col">{t('wallboard.colState')}</th>
              <th scope="col">{t('wallboard.colTimeInState')}</th>
              <th scope="col">{t('wallboard.colTasks')}</th>
            </tr>
          </thead>
          <tbody>
            {agents.map((a) => (
              <tr key={a.userId} data-agent-id={a.userId}>
                <th scope="row">{a.name}</th>
                <td data-col="state">{t(`routing.activity.${a.activity}`)}</td>
                <td>{formatDuration(t, a.timeInStateSeconds + elapsed)}</td>
                <td>
                  {a.tasks.length === 0 ? '—' : (
                    <ul className="plain-list">
                      {a.tasks.map((task) => (
                        <li key={task.taskId} data-task-id={task.taskId} data-conversation-id={task.conversationId ?? undefined}>
                          <span>{task.customerName ?? t('wallboard.noCustomer')}</span>{' '}
                          <span>({t(`wallboard.taskStatus.${task.status}`)})</span>{' '}
                          {task.conversationId && (
                            <button type="button" onClick={() => onMonitor(a, task)} aria-label={t('wallboard.monitorOf', { name: task.customerName ?? '' })}>
                              {t('wallboard.monitor')}
                            </button>
                          )}{' '}
                          <button type="button" disabled={busy} onClick={() => onTakeOver(task)} aria-label={t('wallboard.takeOverOf', { name: task.customerName ?? '' })}>
                            {t('wallboard.takeOver')}
                          </button>{' '}
                          <label className="visually-hidden" htmlFor={`re-${task.taskId}`}>{t('wallboard.reassignOf', { name: task.customerName ?? '' })}</label>
                          <select id={`re-${task.taskId}`} disabled={busy} value="" onChange={(e) => e.target.value && onReassign(task, e.target.value)}>
                            <option value="">{t('wallboard.reassign')}</option>
                            {others(a).map((o) => <option key={o.userId} value={o.userId}>{o.name}</option>)}
                          </select>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
