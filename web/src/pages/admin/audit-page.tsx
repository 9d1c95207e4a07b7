import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditApi, usersApi, type AuditEntry } from '../../api/endpoints.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { useFormatDate } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';

function target(entry: AuditEntry): string {
  if (!entry.targetType && !entry.targetId) return '—';
  return [entry.targetType, entry.targetId].filter(Boolean).join(' ');
}

function details(entry: AuditEntry): string {
  const keys = Object.keys(entry.details ?? {});
  return keys.length ? JSON.stringify(entry.details) : '';
}

export function AuditPage() {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { can } = useAuth();
  const canReadUsers = can('users.read');
  const list = usePagedList((cursor) => auditApi.list({ cursor }), 'audit');
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());

  // Show actors by name where we can; the id stays available as a tooltip.
  useEffect(() => {
    if (!canReadUsers) return;
    usersApi.list({ limit: 200 }).then(
      (page) => setNames(new Map(page.items.map((u) => [u.id, u.name]))),
      () => undefined,
    );
  }, [canReadUsers]);
  useDocumentTitle(`${t('admin.audit')} – ${t('admin.title')}`);

  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">{t('admin.audit')}</h2>
      <ErrorAlert error={list.error} />
      <div className="table-wrap">
        <table aria-busy={list.loading} className="audit-table">
          <caption className="visually-hidden">{t('audit.tableLabel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.time')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.target')}</th>
              <th scope="col">{t('audit.ip')}</th>
              <th scope="col">{t('audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((entry) => (
              <tr key={entry.id}>
                <td>
                  <time dateTime={entry.createdAt}>{formatDate(entry.createdAt)}</time>
                </td>
                <th scope="row">
                  <code>{entry.action}</code>
                </th>
                <td title={entry.actorId ?? undefined}>
                  {entry.actorId ? (names.get(entry.actorId) ?? <span className="mono">{entry.actorId}</span>) : t('audit.system')}
                </td>
                <td className="mono">{target(entry)}</td>
                <td className="mono">{entry.ip ?? '—'}</td>
                <td>
                  <code className="details">{details(entry)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!list.loading && !list.error && list.items.length === 0 && <p className="empty">{t('audit.empty')}</p>}
      <LoadMore list={list} />
    </section>
  );
}
