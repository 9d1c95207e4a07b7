import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { SelectField } from '../../components/fields.tsx';
import { JourneyChart } from './journey-chart.tsx';
import { touchpointText } from './journey-labels.ts';
import { journeysApi, type CustomerJourney as Journey } from './journeys-api.ts';
import './journeys.css';

const RANGES = [30, 90, 365] as const;

/** The customer page's Journey section: touchpoints across channels on a time axis, repeats and drops marked. */
export function CustomerJourney({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const [days, setDays] = useState<(typeof RANGES)[number]>(90);
  const [journey, setJourney] = useState<Journey | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let active = true;
    setLoading(true);
    setError(null);
    // 365 days: the API allows at most a year, counted back from now.
    const from = new Date(Date.now() - days * 86_400_000).toISOString();
    journeysApi.forCustomer(customerId, { from }).then(
      (j) => active && (setJourney(j), setLoading(false)),
      (e: unknown) => active && (setError(e), setLoading(false)),
    );
    return () => {
      active = false;
    };
  }, [customerId, days]);

  const j = journey;
  return (
    <section className="panel jny" aria-labelledby="customer-journey-title" aria-busy={loading}>
      <div className="subpanel-head">
        <h2 id="customer-journey-title">{t('journeys.title')}</h2>
        <div className="toolbar">
          <SelectField
            label={t('journeys.range')}
            name="journey-range"
            value={String(days)}
            onChange={(e) => setDays(Number(e.target.value) as (typeof RANGES)[number])}
            options={RANGES.map((d) => [String(d), t(`journeys.ranges.d${d}`)] as const)}
          />
        </div>
      </div>
      <ErrorAlert error={error} />
      {loading && !j && <p className="muted">{t('journeys.loading')}</p>}
      {j && j.touchpoints.length === 0 && <p className="empty">{t('journeys.empty')}</p>}
      {j && j.touchpoints.length > 0 && (
        <>
          <p className="jny-summary">
            {t('journeys.summary', {
              touchpoints: j.touchpoints.length,
              contacts: j.touchpoints.filter((p) => p.contact).length,
              repeats: j.repeats.length,
              drops: j.drops.length,
            })}
          </p>
          <div className="jny-chart-wrap">
            <JourneyChart journey={j} />
          </div>
          <p className="jny-legend muted" aria-hidden="true">
            <span className="jny-legend-repeat">◯</span> {t('journeys.legend.repeat')} <span className="jny-legend-drop">✕</span> {t('journeys.legend.drop')}
          </p>
          <details className="jny-list">
            <summary>{t('journeys.listTitle')}</summary>
            <ol>
              {j.touchpoints.map((p, i) => (
                <li key={`${p.at}-${i}`}>{touchpointText(j, i, t, i18n.language)}</li>
              ))}
            </ol>
          </details>
        </>
      )}
    </section>
  );
}
