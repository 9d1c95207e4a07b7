import { useTranslation } from 'react-i18next';
import { formatDuration } from '../routing/shared.ts';
import { alertKey, alertText, figureOfMetric } from './alert-format.ts';
import type { WallboardAlert, WallboardQueue } from './api.ts';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${Math.round(v * 100)} %`);

interface Props {
  queues: readonly WallboardQueue[];
  /** Seconds since the view was read: waits keep ticking between refetches. */
  elapsed: number;
  slSeconds: number;
  alerts: readonly WallboardAlert[];
  /** The current interval's start (tenant time, already formatted) and length. */
  intervalLabel: string;
}

/**
 * One tile per queue: now (waiting, longest wait, agents available), today and this interval
 * (offered, answered, abandoned, service level, ASA, AHT, handled). A figure a rule alerts on is
 * marked red with an icon, and the tile lists each alert in words ("Alert: longest wait 2:41 > 2:00").
 */
export function QueueTiles({ queues, elapsed, slSeconds, alerts, intervalLabel }: Props) {
  const { t } = useTranslation();
  return (
    <ul className="wallboard-tiles" aria-label={t('wallboard.queuesLabel')}>
      {queues.map((q) => {
        const waiting = q.waiting + q.offered;
        const mine = alerts.filter((a) => a.queueId === q.queueId);
        const alerting = new Set(mine.map((a) => figureOfMetric[a.metric]));
        const dd = (figure: string, value: string) => (
          <dd data-figure={figure} data-alert={alerting.has(figure) ? 'on' : undefined} className={alerting.has(figure) ? 'is-alert' : undefined}>
            {alerting.has(figure) && <span className="alert-icon" aria-hidden="true">⚠ </span>}
            {value}
          </dd>
        );
        const d = q.today;
        const i = q.interval;
        return (
          <li key={q.queueId} className={`wallboard-tile${waiting > 0 ? ' is-waiting' : ''}${mine.length ? ' is-alert' : ''}`} data-queue-id={q.queueId} data-alert={mine.length ? 'on' : 'off'}>
            <h2>{q.name}</h2>
            {mine.length > 0 && (
              <ul className="wallboard-alerts">
                {mine.map((a) => (
                  <li key={alertKey(a)} data-rule-id={a.ruleId}>
                    <span aria-hidden="true">⚠ </span>
                    {alertText(t, a)}
                  </li>
                ))}
              </ul>
            )}
            <h3>{t('wallboardAlerts.now')}</h3>
            <dl>
              <dt>{t('wallboard.waiting')}</dt>
              {dd('waiting', String(waiting))}
              <dt>{t('wallboard.longestWait')}</dt>
              {dd('longest', waiting > 0 ? formatDuration(t, q.longestWaitSeconds + elapsed) : '—')}
              <dt>{t('wallboardAlerts.agentsAvailable')}</dt>
              {dd('available', String(q.agents.available))}
            </dl>
            <h3>{t('wallboardAlerts.today')}</h3>
            <dl>
              <dt>{t('wallboard.offeredToday')}</dt>
              {dd('offered', String(d.offered))}
              <dt>{t('wallboard.answeredToday')}</dt>
              {dd('answered', String(d.answered))}
              <dt>{t('wallboard.abandonedToday')}</dt>
              {dd('abandoned', String(d.abandoned))}
              <dt>{t('wallboard.shortAbandoned')}</dt>
              {dd('short', String(d.shortAbandoned))}
              <dt>{t('wallboardAlerts.abandonRate')}</dt>
              {dd('abandon-rate', pct(d.abandonRate))}
              <dt>{t('wallboard.serviceLevel', { s: slSeconds })}</dt>
              {dd('sl', pct(d.serviceLevel))}
              <dt>{t('wallboard.asa')}</dt>
              {dd('asa', d.asaSeconds === null ? '—' : formatDuration(t, d.asaSeconds))}
              <dt>{t('wallboardAlerts.handled')}</dt>
              {dd('handled', String(d.handled ?? 0))}
              <dt>{t('wallboardAlerts.aht')}</dt>
              {dd('aht', d.ahtSeconds === null || d.ahtSeconds === undefined ? '—' : formatDuration(t, d.ahtSeconds))}
            </dl>
            {i && (
              <>
                <h3>{t('wallboardAlerts.interval', { from: intervalLabel })}</h3>
                <dl>
                  <dt>{t('wallboardAlerts.offered')}</dt>
                  {dd('i-offered', String(i.offered))}
                  <dt>{t('wallboardAlerts.answered')}</dt>
                  {dd('i-answered', String(i.answered))}
                  <dt>{t('wallboardAlerts.abandoned')}</dt>
                  {dd('i-abandoned', String(i.abandoned))}
                  <dt>{t('wallboard.serviceLevel', { s: slSeconds })}</dt>
                  {dd('i-sl', pct(i.serviceLevel))}
                  <dt>{t('wallboard.asa')}</dt>
                  {dd('i-asa', i.asaSeconds === null ? '—' : formatDuration(t, i.asaSeconds))}
                </dl>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
