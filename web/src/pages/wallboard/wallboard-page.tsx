import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useLiveReload, useNow } from '../routing/shared.ts';
import { AgentsBoard } from './agents-board.tsx';
import { wallboardApi, type WallboardAgent, type WallboardView } from './api.ts';
import { MonitorPanel } from './monitor-panel.tsx';
import { QueueTiles } from './queue-tiles.tsx';
import { reassign, takeOver } from './task-moves.ts';
import './wallboard.css';

type HeldTask = WallboardAgent['tasks'][number];

/**
 * /supervisor/wallboard: tiles per queue (now and today), agents by state with their tasks.
 * Live: wallboard events refetch (debounced), and a reconnect refetches. F toggles TV mode.
 */
export function WallboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [view, setView] = useState<WallboardView | null>(null);
  const [fetchedAt, setFetchedAt] = useState(() => Date.now());
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [tv, setTv] = useState(false);
  const [monitor, setMonitor] = useState<{ agent: WallboardAgent; task: HeldTask } | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const now = useNow(1000);
  useDocumentTitle(t('wallboard.title'));

  const load = useCallback(async () => {
    try {
      setView(await wallboardApi.get());
      setFetchedAt(Date.now());
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useLiveReload(['wallboard'], () => void load());

  const toggleTv = useCallback(() => {
    const el = root.current;
    if (document.fullscreenElement) {
      void document.exitFullscreen?.();
      return;
    }
    setTv((v) => !v);
    if (el?.requestFullscreen) el.requestFullscreen().catch(() => undefined);
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key !== 'f' && e.key !== 'F') return;
      if (e.ctrlKey || e.metaKey || e.altKey || (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) || target?.isContentEditable) return;
      e.preventDefault();
      toggleTv();
    };
    const onFs = () => setTv(!!document.fullscreenElement);
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFs);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFs);
    };
  }, [toggleTv]);

  async function act(fn: () => Promise<void>, message: string) {
    setBusy(true);
    setError(null);
    try {
      await fn();
      setStatus(message);
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const doTakeOver = (task: HeldTask) => act(() => takeOver(task, me.user.id), t('wallboard.tookOver', { name: task.customerName ?? '' }));
  const doReassign = (task: HeldTask, userId: string) =>
    act(() => reassign(task, userId), t('wallboard.reassigned', { name: task.customerName ?? '', agent: view?.agents.find((a) => a.userId === userId)?.name ?? '' }));

  const elapsed = Math.max(0, (now - fetchedAt) / 1000);
  return (
    <div ref={root} className={`wallboard${tv ? ' is-tv' : ''}`} data-tv={tv ? 'on' : 'off'}>
      <section className="panel" aria-labelledby="wallboard-title">
        <h1 id="wallboard-title">{t('wallboard.title')}</h1>
        <p>{t('wallboard.intro', { tz: view?.timeZone ?? '' })}</p>
        <button type="button" onClick={toggleTv} aria-pressed={tv} aria-keyshortcuts="F">{tv ? t('wallboard.exitTv') : t('wallboard.tvMode')}</button>
        <StatusMessage>{status || null}</StatusMessage>
        <ErrorAlert error={error} />
        {view && <QueueTiles queues={view.queues} elapsed={elapsed} slSeconds={view.serviceLevelSeconds} />}
        {view && view.queues.length === 0 && <p className="empty">{t('wallboard.noQueues')}</p>}
      </section>
      {monitor?.task.conversationId && (
        <MonitorPanel
          key={monitor.task.conversationId}
          conversationId={monitor.task.conversationId}
          customerName={monitor.task.customerName}
          agentName={monitor.agent.name}
          onClose={() => setMonitor(null)}
          onTakeOver={() => void doTakeOver(monitor.task)}
          onStatus={setStatus}
        />
      )}
      {view && <AgentsBoard agents={view.agents} elapsed={elapsed} busy={busy} onMonitor={(agent, task) => setMonitor({ agent, task })} onTakeOver={(task) => void doTakeOver(task)} onReassign={(task, u) => void doReassign(task, u)} />}
    </div>
  );
}
