import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { healthApi, type HealthBandName } from '../../api/segments.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { SelectField } from '../../components/fields.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { useFormatDate } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { BandBadge, signed, useFactorReason } from './customer-health.tsx';

const bands: HealthBandName[] = ['at_risk', 'watch', 'healthy'];

/** /customers/at-risk: customers by stored health score, lowest first, with the factors that cost the most. */
export function AtRiskPage() {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const reasonOf = useFactorReason();
  const [band, setBand] = useState<HealthBandName | ''>('at_risk');
  const list = usePagedList((cursor) => healthApi.atRisk({ cursor, band }), band);
  useDocumentTitle(t('health.atRisk.title'));

  return (
    <section className="panel" aria-labelledby="at-risk-title">
      <p className="back-link">
        <Link to="/customers">{t('customers.title')}</Link>
      </p>
      <h1 id="at-risk-title">{t('health.atRisk.title')}</h1>
      <p className="hint">{t('health.atRisk.hint')}</p>
      <div className="toolbar">
        <SelectField
          label={t('health.atRisk.band')}
          name="band"
          value={band}
          onChange={(e) => setBand(e.target.value as HealthBandName | '')}
          options={[['', t('health.atRisk.anyBand')], ...bands.map((b) => [b, t(`health.bands.${b}`)] as const)]}
        />
      </div>
      <ErrorAlert error={list.error} />
      <div className="table-wrap">
        <table aria-busy={list.loading}>
          <caption className="visually-hidden">{t('health.atRisk.tableLabel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('health.atRisk.customer')}</th>
              <th scope="col">{t('health.atRisk.score')}</th>
              <th scope="col">{t('health.atRisk.band')}</th>
              <th scope="col">{t('health.atRisk.reasons')}</th>
              <th scope="col">{t('health.atRisk.computedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((item) => {
              const worst = item.factors.filter((f) => f.impact < 0).sort((a, b) => a.impact - b.impact).slice(0, 2);
              return (
                <tr key={item.customerId}>
                  <th scope="row">
                    <Link to={`/customers/${item.customerId}`}>{item.customer.name || t('customers.unnamed')}</Link>
                    {item.customer.company && <span className="muted"> · {item.customer.company}</span>}
                  </th>
                  <td>{item.score}</td>
                  <td>
                    <BandBadge band={item.band} />
                  </td>
                  <td>
                    {worst.length ? (
                      <ul className="plain-list">
                        {worst.map((f) => (
                          <li key={f.key}>
                            {t(`health.factors.${f.key}` as 'health.factors.csat')} ({signed(f.impact)}): <span className="muted">{reasonOf(f)}</span>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>{formatDate(item.computedAt)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {!list.loading && !list.error && list.items.length === 0 && <p className="empty">{t('health.atRisk.empty')}</p>}
      <LoadMore list={list} />
    </section>
  );
}
