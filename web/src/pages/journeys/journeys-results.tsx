import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JourneysReport, TouchpointKind } from './journeys-api.ts';

const FIRST_PAIRS = 10;

function Path({ kinds, truncated, colours }: { kinds: TouchpointKind[]; truncated: boolean; colours: Record<TouchpointKind, string> }) {
  const { t } = useTranslation();
  return (
    <span className="jny-path">
      {kinds.map((k, i) => (
        <span key={i}>
          {i > 0 && <span aria-hidden="true"> › </span>}
          <span className="jny-chip" style={{ background: colours[k] }}>
            {t(`journeys.kind.${k}`)}
          </span>
        </span>
      ))}
      {truncated && <span className="muted"> {t('journeys.page.truncated')}</span>}
    </span>
  );
}

/** The figures of /analytics/journeys: totals, the chosen finding, top paths, contact rates, next steps. */
export function JourneysResults({ report: r, colours }: { report: JourneysReport; colours: Record<TouchpointKind, string> }) {
  const { t, i18n } = useTranslation();
  const [allPairs, setAllPairs] = useState(false);
  const pct = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  const num = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  const kind = (k: TouchpointKind) => t(`journeys.kind.${k}`);
  const drops = r.drops.bot_abandoned + r.drops.queue_abandoned + r.drops.self_service_failed;
  const f = r.finding;
  const pairs = allPairs ? r.conditionals : r.conditionals.slice(0, FIRST_PAIRS);

  return (
    <>
      <ul className="jny-tiles" aria-label={t('journeys.page.title')}>
        <li>{t('journeys.page.customers')}<strong>{num.format(r.customers)}</strong></li>
        <li>{t('journeys.page.withJourney')}<strong>{num.format(r.withJourney)}</strong></li>
        <li>{t('journeys.page.contacts')}<strong>{num.format(r.contacts)}</strong></li>
        <li>{t('journeys.page.repeats')}<strong>{num.format(r.repeats)}</strong></li>
        <li title={`${t('journeys.drop.bot_abandoned')}: ${r.drops.bot_abandoned}; ${t('journeys.drop.queue_abandoned')}: ${r.drops.queue_abandoned}; ${t('journeys.drop.self_service_failed')}: ${r.drops.self_service_failed}`}>
          {t('journeys.page.drops')}<strong>{num.format(drops)}</strong>
        </li>
      </ul>

      {f && (
        <>
          <h2>{t('journeys.page.findingTitle')}</h2>
          <p className="jny-finding" data-testid="journey-finding">
            {f.customersAfter === 0
              ? t('journeys.page.findingNone', { after: kind(f.after) })
              : t('journeys.page.finding', { count: num.format(f.customersAfter), after: kind(f.after), share: pct.format(f.share), then: kind(f.then), thenCount: num.format(f.thenAfter), base: pct.format(f.baseRate) })}
          </p>
        </>
      )}

      {r.withJourney === 0 && <p className="empty">{t('journeys.page.noData')}</p>}
      {r.paths.length > 0 && (
        <>
          <h2 id="jny-paths">{t('journeys.page.pathsTitle')}</h2>
          <div className="table-wrap">
            <table aria-labelledby="jny-paths">
              <thead>
                <tr>
                  <th scope="col">{t('journeys.page.path')}</th>
                  <th scope="col">{t('journeys.page.customersCol')}</th>
                  <th scope="col">{t('journeys.page.share')}</th>
                </tr>
              </thead>
              <tbody>
                {r.paths.map((p) => (
                  <tr key={p.kinds.join('>') + (p.truncated ? '+' : '')}>
                    <td><Path kinds={p.kinds} truncated={p.truncated} colours={colours} /></td>
                    <td>{num.format(p.customers)}</td>
                    <td><span className="jny-bar" style={{ width: `${Math.round(p.share * 80)}px` }} aria-hidden="true" />{pct.format(p.share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      {r.channels.length > 0 && (
        <>
          <h2 id="jny-rates">{t('journeys.page.ratesTitle')}</h2>
          <div className="table-wrap">
            <table aria-labelledby="jny-rates">
              <thead>
                <tr>
                  <th scope="col">{t('journeys.page.channel')}</th>
                  <th scope="col">{t('journeys.page.rate')}</th>
                  <th scope="col">{t('journeys.page.perCustomer')}</th>
                </tr>
              </thead>
              <tbody>
                {r.channels.map((c) => (
                  <tr key={c.kind}>
                    <th scope="row">{kind(c.kind)}</th>
                    <td><span className="jny-bar" style={{ width: `${Math.round(c.rate * 80)}px` }} aria-hidden="true" />{pct.format(c.rate)} ({num.format(c.customers)})</td>
                    <td>{num.format(c.perCustomer)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      {r.conditionals.length > 0 && (
        <>
          <h2 id="jny-next">{t('journeys.page.nextTitle')}</h2>
          <div className="table-wrap">
            <table aria-labelledby="jny-next">
              <thead>
                <tr>
                  <th scope="col">{t('journeys.page.after')}</th>
                  <th scope="col">{t('journeys.page.then')}</th>
                  <th scope="col">{t('journeys.page.thenShare')}</th>
                  <th scope="col">{t('journeys.page.baseRate')}</th>
                </tr>
              </thead>
              <tbody>
                {pairs.map((c) => (
                  <tr key={`${c.after}>${c.then}`}>
                    <td>{kind(c.after)} ({num.format(c.customersAfter)})</td>
                    <td>{kind(c.then)}</td>
                    <td>{pct.format(c.share)} ({num.format(c.thenAfter)})</td>
                    <td>{pct.format(c.baseRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {r.conditionals.length > FIRST_PAIRS && (
            <button type="button" onClick={() => setAllPairs((v) => !v)} aria-expanded={allPairs}>
              {allPairs ? t('journeys.page.showFewer') : t('journeys.page.showAll', { count: r.conditionals.length })}
            </button>
          )}
        </>
      )}
    </>
  );
}
