import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { evaluateAlerts } from '../../../../src/core/analytics/alerts.ts';
import { useAuth, useMe } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useNow } from '../routing/shared.ts';
import { AgentsBoard } from './agents-board.tsx';
import { AlertRulesPanel } from './alert-rules-panel.tsx';
import type { WallboardAgent } from './api.ts';
import { MonitorPanel } from './monitor-panel.tsx';
import { QueueTiles } from './queue-tiles.tsx';
import { reassign, takeOver } from './task-moves.ts';
import { TvView } from './tv-view.tsx';
import { useAlertAnnouncer } from './use-alert-announcer.ts';
import { useWallboardLive } from './use-wallboard-live.ts';
import { useWallboardKeys } from './use-wallboard-keys.ts';
import './wallboard.css';
import { intlLocale } from '../../lib/intl-locale.ts';

type HeldTask = WallboardAgent['tasks'][number];

/**
 * /supervisor/wallboard: tiles per queue (now, today, this interval) that turn red on an alert,
 * agents by state with their tasks, the alert rules. Live over the websocket (use-wallboard-live.ts).
 * TV mode (?tv=1, key T): full screen view for a wall display; F toggles browser full screen.
 */
export function WallboardPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const live = useWallboardLive();
  const { view, rules, fetchedAt, status, resyncing } = live;
  const [params, setParams] = useSearchParams();
  const tv = params.get('tv') === '1';
  const [actionError, setActionError] = useState<unknown>(null);
  const [message, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [showRules, setShowRules] = useState(false);
  const [monitor, setMonitor] = useState<{ agent: WallboardAgent; task: HeldTask } | null>(null);
  const now = useNow(1000);
  useDocumentTitle(t('wallboard.title'));

  const elapsed = Math.max(0, (now - fetchedAt) / 1000);
  // Alerts are evaluated here too, on waits that keep ticking, so a tile turns red the second a
  // threshold is crossed rather than at the next event; the server's list stands in until the rules are read.
  const tick = Math.floor(elapsed);
  const alerts = useMemo(() => {
    if (!view) return null;
    if (!rules) return view.alerts ?? [];
    const ticked = view.queues.map((q) => (q.waiting + q.offered > 0 ? { ...q, longestWaitSeconds: q.longestWaitSeconds + tick } : q));
    return evaluateAlerts({ queues: ticked }, rules);
  }, [view, rules, tick]);
  const queueName = useCallback((id: string) => view?.queues.find((q) => q.queueId === id)?.name ?? '', [view]);
  const announcer = useAlertAnnouncer(alerts, queueName);

  const setTv = useCallback((on: boolean) => {
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (on) next.set('tv', '1');
      else next.delete('tv');
      return next;
    });
    if (!on && document.fullscreenElement) void document.exitFullscreen?.().catch(() => undefined);
  }, [setParams]);
  const toggleFullscreen = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen?.().catch(() => undefined);
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  }, []);
  useWallboardKeys({ tv, setTv, toggleFullscreen });
  useEffect(() => {
    document.body.classList.toggle('wallboard-tv-on', tv);
    return () => document.body.classList.remove('wallboard-tv-on');
  }, [tv]);

  async function act(fn: () => Promise<void>, message: string) {
    setBusy(true);
    setActionError(null);
    try {
      await fn();
      setStatus(message);
      await live.reload();
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(false);
    }
  }
  const doTakeOver = (task: HeldTask) => act(() => takeOver(task, me.user.id), t('wallboard.tookOver', { name: task.customerName ?? '' }));
  const doReassign = (task: HeldTask, userId: string) =>
    act(() => reassign(task, userId), t('wallboard.reassigned', { name: task.customerName ?? '', agent: view?.agents.find((a) => a.userId === userId)?.name ?? '' }));

  const announce = <div className="visually-hidden" role="status" aria-live="polite" data-testid="alert-announcer">{announcer.message}</div>;
  if (tv && view) {
    return (
      <>
        {announce}
        <TvView view={view} alerts={alerts ?? []} elapsed={elapsed} now={now} status={status} resyncing={resyncing} onLeave={() => setTv(false)} onFullscreen={toggleFullscreen} />
      </>
    );
  }
  const intervalLabel = view?.intervalStartedAt
    ? new Intl.DateTimeFormat(intlLocale(i18n.language), { hour: '2-digit', minute: '2-digit', timeZone: view.timeZone }).format(new Date(view.intervalStartedAt))
    : '';
  const notifyLabel = { on: t('wallboardAlerts.notifyOff'), off: t('wallboardAlerts.notifyEnable'), denied: t('wallboardAlerts.notifyEnable'), unsupported: t('wallboardAlerts.notifyEnable') }[announcer.notify];
  return (
    <div className="wallboard" data-tv="off">
      {announce}
      <section className="panel" aria-labelledby="wallboard-title">
        <h1 id="wallboard-title">{t('wallboard.title')}</h1>
        <p>{t('wallboard.intro', { tz: view?.timeZone ?? '' })}</p>
        {(resyncing || status === 'reconnecting' || status === 'offline') && (
          <p className="alert wallboard-reconnecting" data-testid="wallboard-reconnecting">{t('wallboardAlerts.reconnecting')}</p>
        )}
        <div className="wallboard-actions">
          <button type="button" onClick={() => setTv(true)} aria-keyshortcuts="T">{t('wallboard.tvMode')}</button>{' '}
          <button type="button" onClick={() => void announcer.toggleNotify()} aria-pressed={announcer.notify === 'on'}>{notifyLabel}</button>{' '}
          <button type="button" onClick={() => setShowRules((v) => !v)} aria-expanded={showRules}>{t('wallboardAlerts.rulesButton')}</button>
        </div>
        {announcer.notify === 'denied' && <p className="hint">{t('wallboardAlerts.notifyDenied')}</p>}
        {announcer.notify === 'unsupported' && <p className="hint">{t('wallboardAlerts.notifyUnsupported')}</p>}
        <StatusMessage>{message || null}</StatusMessage>
        <ErrorAlert error={actionError ?? live.error} />
        {view && <QueueTiles queues={view.queues} elapsed={elapsed} slSeconds={view.serviceLevelSeconds} alerts={alerts ?? []} intervalLabel={intervalLabel} />}
        {view && view.queues.length === 0 && <p className="empty">{t('wallboard.noQueues')}</p>}
      </section>
      {showRules && view && (
        <AlertRulesPanel
          rules={rules ?? []} queues={view.queues} canEdit={can('analytics.configure')}
          onChanged={(m) => {
            setStatus(m);
            void live.reloadRules();
          }}
          onClose={() => setShowRules(false)}
        />
      )}
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
