import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, User } from '../../../../src/contracts/auth.ts';
import { usersApi } from '../../api/endpoints.ts';
import { roleList } from './invite-user-form.tsx';

interface Props {
  user: User;
  canManage: boolean;
  isSelf: boolean;
  onChanged: (user: User) => void;
  onError: (error: unknown) => void;
}

export function UserRow({ user, canManage, isSelf, onChanged, onError }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);

  async function update(body: { role?: Role; active?: boolean }) {
    setBusy(true);
    try {
      const res = await usersApi.update(user.id, body);
      const fromServer = res && typeof res === 'object' && 'id' in res ? res : {};
      onChanged({ ...user, ...body, ...fromServer });
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  }

  const teams = user.teams.map((team) => team.name).join(', ');
  return (
    <tr className={user.active ? undefined : 'inactive'}>
      <th scope="row">{user.name}</th>
      <td>{user.email}</td>
      <td>
        {canManage ? (
          <select
            aria-label={t('users.roleFor', { name: user.name })}
            value={user.role}
            disabled={busy || isSelf}
            onChange={(e) => void update({ role: e.target.value as Role })}
          >
            {roleList.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        ) : (
          t(`roles.${user.role}`)
        )}
      </td>
      <td>
        <span className={`badge ${user.active ? 'badge-ok' : 'badge-muted'}`}>
          {user.active ? t('users.active') : t('users.inactive')}
        </span>
      </td>
      <td>{teams || '—'}</td>
      {canManage && (
        <td>
          <button
            type="button"
            disabled={busy || isSelf}
            aria-label={user.active ? t('users.deactivateUser', { name: user.name }) : t('users.activateUser', { name: user.name })}
            onClick={() => void update({ active: !user.active })}
          >
            {user.active ? t('users.deactivate') : t('users.activate')}
          </button>
        </td>
      )}
    </tr>
  );
}
