import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useNavigate } from 'react-router-dom';
import { flowsApi } from '../../api/flows.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';
import { TextField } from '../../components/fields.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { useFormatDate } from '../../lib/format.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';

/** The flows area's tabs. */
export function FlowsTabs() {
  const { t } = useTranslation();
  return (
    <nav className="tabs" aria-label={t('flows.title')}>
      <NavLink to="/flows" end>{t('flows.tabs.flows')}</NavLink> <NavLink to="/flows/assignments">{t('flows.tabs.assignments')}</NavLink> <NavLink to="/flows/intents">{t('flows.tabs.intents')}</NavLink>
    </nav>
  );
}

/** /flows: the workspace's flows (search, pages), a new one, and their state. */
export function FlowsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const formatDate = useFormatDate();
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 300);
  const list = usePagedList((cursor) => flowsApi.list(q, cursor), q);
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  useDocumentTitle(t('flows.title'));

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const f = await flowsApi.create({ name });
      navigate(`/flows/${f.id}`);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="panel" aria-labelledby="flows-title">
      <h1 id="flows-title">{t('flows.title')}</h1>
      <FlowsTabs />
      <p className="hint">{t('flows.intro')}</p>
      <div className="toolbar" role="search">
        <TextField label={t('flows.search')} type="search" name="q" autoComplete="off" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <ErrorAlert error={list.error} />
      <div className="table-wrap">
        <table aria-busy={list.loading}>
          <caption className="visually-hidden">{t('flows.tableLabel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('flows.name')}</th>
              <th scope="col">{t('flows.published')}</th>
              <th scope="col">{t('flows.draft')}</th>
              <th scope="col">{t('flows.inboxes')}</th>
              <th scope="col">{t('flows.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((f) => (
              <tr key={f.id}>
                <th scope="row"><Link to={`/flows/${f.id}`}>{f.name}</Link></th>
                <td>{f.publishedVersion ? t('flows.versionN', { n: f.publishedVersion }) : '—'}</td>
                <td>{f.draftVersion ? t('flows.versionN', { n: f.draftVersion }) : '—'}</td>
                <td>{f.inboxIds.length}</td>
                <td>{formatDate(f.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!list.loading && !list.error && list.items.length === 0 && <p className="empty">{t('flows.empty')}</p>}
      <LoadMore list={list} />
      {can('flows.manage') && (
        <form onSubmit={create} aria-labelledby="flows-new" noValidate>
          <h2 id="flows-new">{t('flows.new')}</h2>
          <ErrorAlert error={error} fields={['name']} />
          <TextField label={t('flows.name')} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(error, 'name')} required />
          <button type="submit" className="primary">{t('flows.create')}</button>
        </form>
      )}
    </section>
  );
}
