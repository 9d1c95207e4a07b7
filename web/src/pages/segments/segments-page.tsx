import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { segmentsApi } from '../../api/segments.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { TextField } from '../../components/fields.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { useFormatDate } from '../../lib/format.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { useEvents } from '../../lib/use-realtime.tsx';

/** /segments: saved segments with their member counts; search; live when one is saved or deleted. */
export function SegmentsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const formatDate = useFormatDate();
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 300);
  const list = usePagedList((cursor) => segmentsApi.list({ q, cursor }), q);
  useDocumentTitle(t('segments.title'));
  useEvents(['tenant'], (e) => {
    if (e.type.startsWith('segment.')) list.reload();
  });

  return (
    <section className="panel" aria-labelledby="segments-title">
      <div className="subpanel-head">
        <h1 id="segments-title">{t('segments.title')}</h1>
        {can('segments.manage') && (
          <button type="button" className="primary" onClick={() => navigate('/segments/new')}>
            {t('segments.new')}
          </button>
        )}
      </div>
      <div className="toolbar" role="search">
        <TextField label={t('segments.search')} type="search" name="q" autoComplete="off" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <ErrorAlert error={list.error} />
      <div className="table-wrap">
        <table aria-busy={list.loading}>
          <caption className="visually-hidden">{t('segments.tableLabel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('segments.name')}</th>
              <th scope="col">{t('segments.description')}</th>
              <th scope="col">{t('segments.members')}</th>
              <th scope="col">{t('segments.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <Link to={`/segments/${s.id}`}>{s.name}</Link>
                </th>
                <td>{s.description || '—'}</td>
                <td>{s.memberCount ?? <span className="muted">{t('segments.notCounted')}</span>}</td>
                <td>{formatDate(s.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!list.loading && !list.error && list.items.length === 0 && <p className="empty">{t('segments.empty')}</p>}
      <LoadMore list={list} />
    </section>
  );
}
