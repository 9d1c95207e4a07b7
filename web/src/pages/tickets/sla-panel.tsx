import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { TicketSla, TicketSlaTarget } from '../../../../src/contracts/sla.ts';
import { slaApi } from '../../api/sla.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useEvents } from '../../lib/use-realtime.tsx';

/** The translate function with plain string keys (this panel builds some keys). */
type Tr = (key: string, options?: Record<string, unknown>) => string;

/** "2 d 3 h", "2 h 14 min", "14 min", "40 s". */
export function formatSpan(ms: number, t: Tr): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return t('sla.days', { d, h });
  if (h > 0) return t('sla.hoursMinutes', { h, m });
  if (m > 0) return t('sla.minutes', { m });
  return t('sla.seconds', { s });
}

function tone(x: TicketSlaTarget, msLeft: number | null): { cls: string; label: string } {
  if (x.state === 'fulfilled') return { cls: x.breached ? 'priority-high' : 'badge-ok', label: x.breached ? 'sla.metLate' : 'sla.met' };
  if (x.state === 'breached' || (msLeft !== null && msLeft <= 0)) return { cls: 'priority-urgent', label: 'sla.breached' };
  if (x.state === 'paused') return { cls: 'badge-muted', label: 'sla.paused' };
  if (x.nearBreach) return { cls: 'priority-high', label: 'sla.nearBreach' };
  return { cls: 'priority-normal', label: 'sla.onTrack' };
}

/**
 * A ticket's SLA targets with a live countdown ("2 h 14 min left", "breached 5 min ago",
 * "paused"): amber near breach, red once breached, always with words as well as colour. Reloads
 * on the ticket's `sla.*` and `ticket.*` events and when a countdown reaches zero.
 */
export function SlaPanel({ ticketId }: { ticketId: string }) {
  const { t: translate, i18n } = useTranslation();
  const t = translate as unknown as Tr;
  const [data, setData] = useState<TicketSla | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [now, setNow] = useState(() => Date.now());
  /** Server time minus browser time, so the countdown follows the server's clock. */
  const skew = useRef(0);
  const request = useRef(0);

  const load = useCallback(async () => {
    const id = ++request.current;
    try {
      const r = await slaApi.ticket(ticketId);
      if (id !== request.current) return;
      skew.current = Date.parse(r.now) - Date.now();
      setData(r);
      setError(null);
    } catch (e) {
      if (id === request.current) setError(e);
    } finally {
      if (id === request.current) setLoading(false);
    }
  }, [ticketId]);

  useEffect(() => {
    setLoading(true);
    setData(null);
    void load();
  }, [load]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  // Events arrive in bursts (a status change and the SLA update after it): one reload for them.
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(pending.current), []);
  const reloadSoon = useCallback(() => {
    clearTimeout(pending.current);
    pending.current = setTimeout(() => void load(), 250);
  }, [load]);
  useEvents([`ticket:${ticketId}`], (e) => {
    if (e.type.startsWith('sla.') || e.type.startsWith('ticket.')) reloadSoon();
  });

  const serverNow = now + skew.current;
  const crossed = data?.targets.some((x) => x.state === 'running' && x.dueAt && Date.parse(x.dueAt) <= serverNow && !x.breached);
  const reloadedAtZero = useRef(false);
  useEffect(() => {
    if (crossed && !reloadedAtZero.current) {
      reloadedAtZero.current = true;
      reloadSoon();
    }
    if (!crossed) reloadedAtZero.current = false;
  }, [crossed, reloadSoon]);

  const dateFmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <section className="subpanel sla-panel" aria-labelledby={`sla-title-${ticketId}`} aria-busy={loading}>
      <h2 id={`sla-title-${ticketId}`}>{t('sla.panelTitle')}</h2>
      {data?.policyName && <p className="muted">{t('sla.policy', { name: data.policyName })}</p>}
      <ErrorAlert error={error} />
      {loading && !data && <p>{t('sla.loading')}</p>}
      {data && data.targets.length === 0 && <p className="empty">{t('sla.noTargets')}</p>}
      {data && data.targets.length > 0 && (
        <ul className="sla-targets" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {data.targets.map((x) => {
            const msLeft = x.state === 'running' && x.dueAt ? Date.parse(x.dueAt) - serverNow : null;
            const { cls, label } = tone(x, msLeft);
            let countdown: string;
            if (x.state === 'fulfilled') countdown = t(label);
            else if (x.state === 'paused') countdown = t('sla.pausedLeft', { minutes: Math.max(0, Math.round(x.remainingBusinessMinutes ?? 0)) });
            else if (msLeft !== null) countdown = msLeft > 0 ? t('sla.left', { time: formatSpan(msLeft, t) }) : t('sla.breachedAgo', { time: formatSpan(msLeft, t) });
            else countdown = t('sla.breached');
            return (
              <li key={x.metric} className="sla-target" data-metric={x.metric} data-state={x.state} style={{ margin: '0.4rem 0' }}>
                <strong>{t(`sla.metric.${x.metric}`)}</strong>{' '}
                <span className={`badge ${cls}`}>{t(label)}</span>{' '}
                <span className="sla-countdown" role="timer" aria-label={`${t(`sla.metric.${x.metric}`)}: ${countdown}`}>
                  {countdown}
                </span>
                {x.dueAt && x.state !== 'fulfilled' && <div className="muted">{t('sla.due', { at: dateFmt.format(new Date(x.dueAt)) })}</div>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** /tickets/:id/sla: a ticket's SLA targets on a page of their own (linkable, e.g. from a breach notice). */
export function TicketSlaPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  useDocumentTitle(t('sla.panelTitle'));
  return (
    <div>
      <h1>{t('sla.panelTitle')}</h1>
      <SlaPanel ticketId={id} />
    </div>
  );
}
