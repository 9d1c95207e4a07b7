import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Team } from '../../../../src/contracts/users.ts';
import { teamsApi } from '../../api/endpoints.ts';

interface Props {
  team: Team;
  canManage: boolean;
  selected: boolean;
  onSelect: () => void;
  onRenamed: (team: Team) => void;
  onDeleted: (team: Team) => void;
  onError: (error: unknown) => void;
}

export function TeamRow({ team, canManage, selected, onSelect, onRenamed, onDeleted, onError }: Props) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'view' | 'rename' | 'confirm-delete'>('view');
  const [name, setName] = useState(team.name);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    try {
      await action();
      setMode('view');
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  }

  function rename(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void run(async () => {
      const res = await teamsApi.update(team.id, { name: name.trim() });
      onRenamed({ ...team, name: name.trim(), ...(res && typeof res === 'object' && 'id' in res ? res : {}) });
    });
  }

  return (
    <tr className={selected ? 'selected' : undefined}>
      <th scope="row">
        {mode === 'rename' ? (
          <form className="inline-edit" onSubmit={rename}>
            <input
              aria-label={t('teams.newName', { name: team.name })}
              value={name}
              required
              maxLength={120}
              onChange={(e) => setName(e.target.value)}
              autoFocus
            />
            <button type="submit" className="primary" disabled={busy || !name.trim()}>
              {t('teams.saveName')}
            </button>
            <button type="button" onClick={() => setMode('view')}>
              {t('common.cancel')}
            </button>
          </form>
        ) : (
          team.name
        )}
      </th>
      <td>{team.description}</td>
      <td>{team.memberCount}</td>
      <td>
        <div className="row-actions">
          <button type="button" aria-pressed={selected} onClick={onSelect}>
            {t('teams.showMembers', { name: team.name })}
          </button>
          {canManage && mode === 'view' && (
            <>
              <button type="button" aria-label={t('teams.renameTeam', { name: team.name })} onClick={() => { setName(team.name); setMode('rename'); }}>
                {t('teams.rename')}
              </button>
              <button type="button" className="danger" aria-label={t('teams.deleteTeam', { name: team.name })} onClick={() => setMode('confirm-delete')}>
                {t('teams.delete')}
              </button>
            </>
          )}
          {canManage && mode === 'confirm-delete' && (
            <span className="confirm" role="group" aria-label={t('teams.deleteTeam', { name: team.name })}>
              <span>{t('teams.confirmDelete', { name: team.name })}</span>
              <button
                type="button"
                className="danger"
                disabled={busy}
                autoFocus
                onClick={() => void run(async () => { await teamsApi.remove(team.id); onDeleted(team); })}
              >
                {t('teams.confirmDeleteButton')}
              </button>
              <button type="button" onClick={() => setMode('view')}>
                {t('common.cancel')}
              </button>
            </span>
          )}
        </div>
      </td>
    </tr>
  );
}
