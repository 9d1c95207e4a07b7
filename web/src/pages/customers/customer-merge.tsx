import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Customer } from '../../../../src/contracts/customers.ts';
import { mergesApi, type DuplicateSuggestion } from '../../api/customer-360.ts';
import { customersApi } from '../../api/endpoints.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useFormatDate } from '../../lib/format.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';

const label = (c: Customer) => c.name || c.identities[0]?.value || c.id;

/**
 * Duplicate suggestions, merging another customer into this one (after a confirmation), and the
 * merge history with undo. `onChanged` reloads the page's customer after a merge or an undo.
 */
export function CustomerMerge({ customer, onChanged }: { customer: Customer; onChanged: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const formatDate = useFormatDate();
  const manage = can('customers.manage');
  const [suggestions, setSuggestions] = useState<DuplicateSuggestion[] | null>(null);
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 300);
  const [results, setResults] = useState<Customer[]>([]);
  const [candidate, setCandidate] = useState<Customer | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [version, setVersion] = useState(0);
  const history = usePagedList((cursor) => mergesApi.history(customer.id, cursor), `${customer.id}|${version}`);

  useEffect(() => {
    let active = true;
    mergesApi.duplicates(customer.id).then((r) => active && setSuggestions(r.items), (e: unknown) => active && setError(e));
    return () => {
      active = false;
    };
  }, [customer.id, version]);

  useEffect(() => {
    let active = true;
    if (!q) {
      setResults([]);
      return;
    }
    customersApi.list({ q, limit: 8 }).then((r) => active && setResults(r.items.filter((c) => c.id !== customer.id)), (e: unknown) => active && setError(e));
    return () => {
      active = false;
    };
  }, [q, customer.id]);

  async function merge(source: Customer) {
    setPending(true);
    setError(null);
    try {
      await mergesApi.merge(customer.id, source.id);
      setStatus(t('customer360.merge.merged', { name: label(source) }));
      setCandidate(null);
      setQuery('');
      setVersion((v) => v + 1);
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  }

  async function undo(mergeId: string) {
    setPending(true);
    setError(null);
    try {
      await mergesApi.undo(mergeId);
      setStatus(t('customer360.merge.undoneStatus'));
      setVersion((v) => v + 1);
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  }

  const mergeButton = (c: Customer) =>
    manage && (
      <button type="button" onClick={() => setCandidate(c)} disabled={pending} aria-label={`${t('customer360.merge.mergeHere')}: ${label(c)}`}>
        {t('customer360.merge.mergeHere')}
      </button>
    );

  return (
    <section className="panel" aria-labelledby="customer-merge-title">
      <h2 id="customer-merge-title">{t('customer360.merge.title')}</h2>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={error} />
      {candidate && (
        <div className="confirm-box" role="alertdialog" aria-labelledby="merge-confirm-text">
          <p id="merge-confirm-text">{t('customer360.merge.confirm', { name: label(candidate) })}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void merge(candidate)} disabled={pending} autoFocus>
              {t('customer360.merge.confirmButton')}
            </button>
            <button type="button" onClick={() => setCandidate(null)} disabled={pending}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      <h3>{t('customer360.merge.suggestions')}</h3>
      {suggestions === null ? (
        <p className="hint">{t('common.loading')}</p>
      ) : suggestions.length === 0 ? (
        <p className="empty">{t('customer360.merge.noSuggestions')}</p>
      ) : (
        <ul className="plain-list duplicate-list">
          {suggestions.map((s) => (
            <li key={s.customer.id}>
              <Link to={`/customers/${s.customer.id}`}>{label(s.customer)}</Link> <span className="badge badge-muted">{t('customer360.merge.score', { percent: Math.round(s.score * 100) })}</span>
              <span className="muted"> {s.reasons.map((r) => r.message).join('; ')}</span> {mergeButton(s.customer)}
            </li>
          ))}
        </ul>
      )}
      {manage && (
        <>
          <label className="field">
            <span>{t('customer360.merge.search')}</span>
            <input type="search" value={query} placeholder={t('customer360.merge.searchPlaceholder')} onChange={(e) => setQuery(e.target.value)} />
          </label>
          {results.length > 0 && (
            <ul className="plain-list" aria-label={t('customer360.merge.search')}>
              {results.map((c) => (
                <li key={c.id}>
                  <Link to={`/customers/${c.id}`}>{label(c)}</Link> <span className="muted">{c.identities.map((i) => i.value).join(', ')}</span> {mergeButton(c)}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <h3>{t('customer360.merge.history')}</h3>
      <ErrorAlert error={history.error} />
      <ul className="plain-list" aria-busy={history.loading}>
        {history.items.map((m) => (
          <li key={m.id}>
            <Link to={`/customers/${m.sourceId}`}>{t('customer360.merge.historyLine', { date: formatDate(m.mergedAt), moved: Object.values(m.moved).reduce((a, b) => a + b, 0) })}</Link>{' '}
            {m.undoneAt ? (
              <span className="muted">{t('customer360.merge.undone', { date: formatDate(m.undoneAt) })}</span>
            ) : (
              manage && (
                <button type="button" onClick={() => void undo(m.id)} disabled={pending}>
                  {t('customer360.merge.undo')}
                </button>
              )
            )}
          </li>
        ))}
      </ul>
      {!history.loading && history.items.length === 0 && <p className="empty">{t('customer360.merge.noHistory')}</p>}
      <LoadMore list={history} />
    </section>
  );
}
