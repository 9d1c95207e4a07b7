import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { analyticsApi, type DrillItem, type DrillParams } from '../../api/analytics.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useFormatDate } from '../../lib/format.ts';
import { useMetricFormat } from './format.ts';

interface Props {
  title: string;
  query: DrillParams;
  onClose: () => void;
}

/** The conversations behind a figure, 50 at a time, each linking to the conversation. Escape closes it. */
export function DrillPanel({ title, query, onClose }: Props) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const f = useMetricFormat();
  const heading = useRef<HTMLHeadingElement>(null);
  const [items, setItems] = useState<DrillItem[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const key = JSON.stringify(query);

  const load = (cursor: string | null) => {
    setLoading(true);
    analyticsApi.drill(query, cursor).then(
      (page) => {
        setItems((prev) => (cursor ? [...prev, ...page.items] : page.items));
        setNext(page.nextCursor);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        setError(e);
        setLoading(false);
      },
    );
  };

  useEffect(() => {
    setItems([]);
    load(null);
    heading.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return (
    <aside
      className="drill-panel"
      role="region"
      aria-labelledby="drill-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div className="subpanel-head">
        <h2 id="drill-title" ref={heading} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" onClick={onClose}>
          {t('analytics.drillClose')}
        </button>
      </div>
      <ErrorAlert error={error} />
      <div className="table-wrap">
        <table aria-busy={loading}>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('analytics.drillCols.customer')}</th>
              <th scope="col">{t('analytics.drillCols.channel')}</th>
              <th scope="col">{t('analytics.drillCols.at')}</th>
              <th scope="col">{t('analytics.drillCols.value')}</th>
              <th scope="col">{t('analytics.drillCols.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((it, i) => (
              <tr key={`${it.taskId ?? it.conversationId ?? ''}-${i}`}>
                <th scope="row">
                  {it.conversationId ? (
                    <Link to={`/desk/conversations/${it.conversationId}`}>{it.customerName ?? t('analytics.unknownCustomer')}</Link>
                  ) : (
                    (it.customerName ?? t('analytics.unknownCustomer'))
                  )}
                </th>
                <td>{it.channel ?? '—'}</td>
                <td>{formatDate(it.at)}</td>
                <td>{f.seconds(it.valueSeconds)}</td>
                <td>{it.outcome ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!loading && !error && items.length === 0 && <p className="empty">{t('analytics.drillEmpty')}</p>}
      <div className="load-more">
        {loading && <p className="hint">{t('common.loading')}</p>}
        {next && !loading && (
          <button type="button" onClick={() => load(next)}>
            {t('common.loadMore')}
          </button>
        )}
      </div>
    </aside>
  );
}
