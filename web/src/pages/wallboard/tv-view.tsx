import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RealtimeStatus } from '../../lib/realtime.ts';
import { alertKey, alertText, clockDuration, figureOfMetric } from './alert-format.ts';
import { tvLayout } from './tv-layout.ts';
import type { WallboardAlert, WallboardView } from './api.ts';
import { intlLocale } from '../../lib/intl-locale.ts';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${Math.round(v * 100)}%`);

function useViewport(): { width: number; height: number } {
  const [size, setSize] = useState(() => ({ width: window.innerWidth, height: window.innerHeight }));
  useEffect(() => {
    const on = () => setSize({ width: window.innerWidth, height: window.innerHeight });
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return size;
}

interface Props {
  view: WallboardView;
  alerts: readonly WallboardAlert[];
  elapsed: number;
  now: number;
  status: RealtimeStatus;
  resyncing: boolean;
  onLeave: () => void;
  onFullscreen: () => void;
}

/**
 * The wallboard for a wall screen: dark, high contrast, no navigation, figures large enough to read
 * from 3 m; the grid fits the number of queues. Shows the clock and the connection state.
 */
export function TvView({ view, alerts, elapsed, now, status, resyncing, onLeave, onFullscreen }: Props) {
  const { t, i18n } = useTranslation();
  const viewport = useViewport();
  const { cols, rows, fontPx } = tvLayout(view.queues.length, viewport.width, viewport.height);
  const clock = new Intl.DateTimeFormat(intlLocale(i18n.language), { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: view.timeZone }).format(now);
  const by = { available: 0, on_task: 0, wrap_up: 0, away: 0 } as Record<string, number>;
  for (const a of view.agents) if (a.activity in by) by[a.activity] = (by[a.activity] ?? 0) + 1;
  const shown = resyncing && status === 'live' ? 'reconnecting' : status;
  return (
    <div className="wallboard-tv" data-tv="on" role="region" aria-label={t('wallboardAlerts.tvTitle')}>
      <header className="tv-bar">
        <h1>{t('wallboard.title')}</h1>
        <p className="tv-clock" aria-label={t('wallboardAlerts.clockLabel')}>
          <time dateTime={new Date(now).toISOString()}>{clock}</time>
        </p>
        <p className={`tv-connection connection-${shown}`} role="status" data-status={shown}>
          <span className="connection-dot" aria-hidden="true" /> {t(`frame.realtime.${shown}`)}
        </p>
        <button type="button" onClick={onFullscreen} aria-keyshortcuts="F">{t('wallboardAlerts.fullscreen')}</button>
        <button type="button" onClick={onLeave} aria-keyshortcuts="Escape T">{t('wallboardAlerts.leaveTv')}</button>
      </header>
      {view.queues.length === 0 && <p className="tv-empty">{t('wallboard.noQueues')}</p>}
      <ul className="tv-tiles" style={{ gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${rows}, minmax(0, 1fr))`, fontSize: `${fontPx}px` }} aria-label={t('wallboard.queuesLabel')}>
        {view.queues.map((q) => {
          const waiting = q.waiting + q.offered;
          const mine = alerts.filter((a) => a.queueId === q.queueId);
          const hot = new Set(mine.map((a) => figureOfMetric[a.metric]));
          const fig = (figure: string, label: string, value: string, big = false) => (
            <div className={`tv-fig${big ? ' is-big' : ''}${hot.has(figure) ? ' is-alert' : ''}`} data-figure={figure} data-alert={hot.has(figure) ? 'on' : undefined}>
              <span className="tv-value">{hot.has(figure) && <span className="tv-icon" aria-hidden="true">⚠ </span>}{value}</span>
              <span className="tv-label">{label}</span>
            </div>
          );
          return (
            <li key={q.queueId} className={`tv-tile${mine.length ? ' is-alert' : ''}`} data-queue-id={q.queueId} data-alert={mine.length ? 'on' : 'off'}>
              <h2>{q.name}</h2>
              <div className="tv-figs">
                {fig('waiting', t('wallboard.waiting'), String(waiting), true)}
                {fig('longest', t('wallboard.longestWait'), waiting > 0 ? clockDuration(q.longestWaitSeconds + elapsed) : '—', true)}
                {fig('sl', t('wallboardAlerts.slTodayShort'), pct(q.today.serviceLevel))}
                {fig('i-sl', t('wallboardAlerts.slIntervalShort'), pct(q.interval?.serviceLevel))}
                {fig('answered', t('wallboard.answeredToday'), String(q.today.answered))}
                {fig('abandon-rate', t('wallboardAlerts.abandonRate'), pct(q.today.abandonRate))}
                {fig('aht', t('wallboardAlerts.aht'), q.today.ahtSeconds === null || q.today.ahtSeconds === undefined ? '—' : clockDuration(q.today.ahtSeconds))}
                {fig('available', t('wallboardAlerts.agentsAvailable'), String(q.agents.available))}
              </div>
              {mine.length > 0 && (
                <ul className="tv-alerts">
                  {mine.map((a) => <li key={alertKey(a)}><span aria-hidden="true">⚠ </span>{alertText(t, a)}</li>)}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      <footer className="tv-agents">
        {t('wallboardAlerts.agentsByState', { available: by.available, onTask: by.on_task, wrap: by.wrap_up, away: by.away })}
      </footer>
    </div>
  );
}
