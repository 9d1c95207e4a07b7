import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Customer } from '../../../../src/contracts/customers.ts';
import { customersApi } from '../../api/endpoints.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { TextField } from '../../components/fields.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { useFormatDate } from '../../lib/format.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { useAuth } from '../../auth/auth-context.tsx';

/** "Email: a@b.example, Phone: +44…": the first few identities, by kind. */
export function useIdentitySummary(): (c: Customer, max?: number) => string {
  const { t } = useTranslation();
  return (c, max = 3) => {
    const shown = c.identities.slice(0, max).map((i) => `${t(`customers.kinds.${i.kind}`)}: ${i.value}`);
    if (c.identities.length > max) shown.push(`+${c.identities.length - max}`);
    return shown.join(', ');
  };
}

/** /customers: search and browse the workspace's customers. */
export function CustomersPage() {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const summary = useIdentitySummary();
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 300);
  const list = usePagedList((cursor) => customersApi.list({ q, cursor }), q);
  useDocumentTitle(t('customers.title'));

  return (
    <section className="panel" aria-labelledby="customers-title">
      <h1 id="customers-title">{t('customers.title')}</h1>
      <p>
        <Link to="/customers/at-risk">{t('health.atRisk.link')}</Link>
      </p>
      {useAuth().can('orders.manage') && <p><Link to="/customers/import-orders">{t('orders.importLink')}</Link></p>}
      <div className="toolbar" role="search">
        <TextField
          label={t('customers.search')}
          type="search"
          name="q"
          autoComplete="off"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      <ErrorAlert error={list.error} />
      <div className="table-wrap">
        <table aria-busy={list.loading}>
          <caption className="visually-hidden">{t('customers.tableLabel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('customers.name')}</th>
              <th scope="col">{t('customers.identities')}</th>
              <th scope="col">{t('customers.company')}</th>
              <th scope="col">{t('customers.tags')}</th>
              <th scope="col">{t('customers.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/customers/${c.id}`}>{c.name || t('customers.unnamed')}</Link>
                </th>
                <td className="identities-cell">{summary(c) || '—'}</td>
                <td>{c.company ?? '—'}</td>
                <td>
                  {c.tags.length
                    ? c.tags.map((tag) => (
                        <span key={tag} className="badge badge-muted">
                          {tag}
                        </span>
                      ))
                    : '—'}
                </td>
                <td>{formatDate(c.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!list.loading && !list.error && list.items.length === 0 && <p className="empty">{t('customers.empty')}</p>}
      <LoadMore list={list} />
    </section>
  );
}
