import { useTranslation } from 'react-i18next';
import { formatDuration } from '../routing/shared.ts';
import type { WallboardQueue } from './api.ts';

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)} %`);

/** One tile per queue: waiting, longest wait, answered, abandoned and service level today, ASA. */
export function QueueTiles({ queues, elapsed, slSeconds }: { queues: readonly WallboardQueue[]; elapsed: number; slSeconds: number }) {
  const { t } = useTranslation();
  return (
    <ul className="wallboard-tiles" aria-label={t('wallboard.queuesLabel')}>
      {queues.map((q) => {
        const waiting = q.waiting + q.offered;
        return (
          <li key={q.queueId} className={`wallboard-tile${waiting > 0 ? ' is-waiting' : ''}`} data-queue-id={q.queueId}>
            <h2>{q.name}</h2>
            <dl>
              <dt>{t('wallboard.waiting')}</dt>
              <dd data-figure="waiting">{waiting}</dd>
              <dt>{t('wallboard.longestWait')}</dt>
              <dd data-figure="longest">{waiting > 0 ? formatDuration(t, q.longestWaitSeconds + elapsed) : '—'}</dd>
              <dt>{t('wallboard.offeredToday')}</dt>
              <dd data-figure="offered">{q.today.offered}</dd>
              <dt>{t('wallboard.answeredToday')}</dt>
              <dd data-figure="answered">{q.today.answered}</dd>
              <dt>{t('wallboard.abandonedToday')}</dt>
              <dd data-figure="abandoned">{q.today.abandoned}</dd>
              <dt>{t('wallboard.shortAbandoned')}</dt>
              <dd data-figure="short">{q.today.shortAbandoned}</dd>
              <dt>{t('wallboard.serviceLevel', { s: slSeconds })}</dt>
              <dd data-figure="sl">{pct(q.today.serviceLevel)}</dd>
              <dt>{t('wallboard.asa')}</dt>
              <dd data-figure="asa">{q.today.asaSeconds === null ? '—' : formatDuration(t, q.today.asaSeconds)}</dd>
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
