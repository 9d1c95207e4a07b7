import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HealthFactorDto } from '../../../../src/contracts/health.ts';
import { healthApi, type CustomerHealth } from '../../api/segments.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useFormatDate } from '../../lib/format.ts';

/** The plain-language reason of one factor, from its reason code and numbers (docs/health-score.md). */
export function useFactorReason(): (f: HealthFactorDto) => string {
  const { t } = useTranslation();
  return (f) => {
    const { reason, ...data } = f.explanation;
    const vars = data as Record<string, string | number | null>;
    if (reason === 'no_data' || reason === 'not_available') return t(`health.reasons.${reason}`);
    switch (f.key) {
      case 'csat':
        return t('health.reasons.csat', vars);
      case 'sentiment':
        return t('health.reasons.sentiment', vars);
      case 'days_since_last_order':
        return t('health.reasons.days_since_last_order', vars);
      case 'order_value_trend':
        return reason === 'new_spend' ? t('health.reasons.order_value_trend.new_spend', vars) : t('health.reasons.order_value_trend.trend', vars);
      case 'nps':
      case 'open_tickets':
      case 'breached_tickets':
      case 'contact_frequency':
        return t(`health.reasons.${f.key}.${String(reason)}` as 'health.reasons.nps.promoter', vars);
      default:
        return '';
    }
  };
}

/** Badge colours from the theme's variables (styles.css has ok and muted badges only). */
const WATCH = { background: 'var(--warning-soft)', color: 'var(--text)' };
const DANGER = { background: 'var(--danger-soft)', color: 'var(--danger)' };
export function BandBadge({ band }: { band: string }) {
  const { t } = useTranslation();
  const style = band === 'watch' ? WATCH : band === 'at_risk' ? DANGER : undefined;
  return (
    <span className={band === 'healthy' ? 'badge badge-ok' : 'badge'} style={style}>
      {t(`health.bands.${band}` as 'health.bands.healthy')}
    </span>
  );
}

/** Signed points: "+10", "−15". */
export const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '0');

/** The customer page's health panel: score, band in words, and each factor with its points and reason. */
export function CustomerHealthPanel({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const reasonOf = useFactorReason();
  const [health, setHealth] = useState<CustomerHealth | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let active = true;
    setError(null);
    healthApi.forCustomer(customerId).then(
      (h) => active && setHealth(h),
      (err: unknown) => active && setError(err),
    );
    return () => {
      active = false;
    };
  }, [customerId]);

  return (
    <section className="panel customer-health" aria-labelledby="health-title" aria-busy={!health && !error}>
      <h2 id="health-title">{t('health.title')}</h2>
      <ErrorAlert error={error} />
      {!health && !error && <p className="hint">{t('common.loading')}</p>}
      {health && (
        <>
          <p className="health-score">
            <span className="visually-hidden">{t('health.scoreLabel')}: </span>
            <strong data-testid="health-score">{t('health.scoreOf', { score: health.score })}</strong>{' '}
            <BandBadge band={health.band} />
          </p>
          <p className="hint">
            {t(`health.bandHelp.${health.band}`)} {t('health.computed', { when: formatDate(health.computedAt) })}
          </p>
          <h3>{t('health.why')}</h3>
          <ul className="plain-list health-factors">
            {health.factors.map((f) => (
              <li key={f.key}>
                <strong>{t(`health.factors.${f.key}` as 'health.factors.csat')}</strong>{' '}
                <span className={f.impact > 0 ? 'badge badge-ok' : f.impact < 0 ? 'badge' : 'badge badge-muted'} style={f.impact < 0 ? DANGER : undefined}>
                  {f.impact === 0 ? t('health.neutral') : t('health.points', { points: signed(f.impact) })}
                </span>
                <br />
                <span className="muted">{reasonOf(f)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
