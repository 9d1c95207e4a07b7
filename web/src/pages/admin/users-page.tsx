import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../src/contracts/auth.ts';
import { usersApi } from '../../api/endpoints.ts';
import { useAuth, useMe } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { TextField } from '../../components/fields.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { InviteUserForm } from './invite-user-form.tsx';
import { UserRow } from './user-row.tsx';

export function UsersPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const me = useMe();
  const canManage = can('users.manage');
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 300);
  const list = usePagedList((cursor) => usersApi.list({ q, cursor }), q);
  const [status, setStatus] = useState('');
  const [rowError, setRowError] = useState<unknown>(null);
  useDocumentTitle(`${t('admin.users')} – ${t('admin.title')}`);

  function onChanged(user: User) {
    setRowError(null);
    list.setItems((items) => items.map((u) => (u.id === user.id ? user : u)));
    setStatus(t('users.updated', { name: user.name }));
  }

  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">{t('admin.users')}</h2>
      {canManage && <InviteUserForm onInvited={list.reload} />}
      <div className="toolbar">
        <TextField
          label={t('users.search')}
          type="search"
          name="q"
          autoComplete="off"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={rowError ?? list.error} />
      <div className="table-wrap">
        <table aria-busy={list.loading}>
          <caption className="visually-hidden">{t('users.tableLabel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('users.name')}</th>
              <th scope="col">{t('users.email')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.status')}</th>
              <th scope="col">{t('users.teams')}</th>
              {canManage && <th scope="col">{t('users.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {list.items.map((user) => (
              <UserRow
                key={user.id}
                user={user}
                canManage={canManage}
                isSelf={user.id === me.user.id}
                onChanged={onChanged}
                onError={setRowError}
              />
            ))}
          </tbody>
        </table>
      </div>
      {!list.loading && !list.error && list.items.length === 0 && <p className="empty">{t('users.empty')}</p>}
      <LoadMore list={list} />
    </section>
  );
}
