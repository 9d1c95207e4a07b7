import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../src/contracts/auth.ts';
import type { Team } from '../../../../src/contracts/users.ts';
import { teamsApi, usersApi } from '../../api/endpoints.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { SelectField } from '../../components/fields.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { usePagedList } from '../../lib/use-paged-list.ts';

interface Props {
  team: Team;
  canManage: boolean;
  onCountChange: (delta: number) => void;
  onClose: () => void;
}

/** The members of one team, with add and remove for those who manage teams. */
export function TeamMembers({ team, canManage, onCountChange, onClose }: Props) {
  const { t } = useTranslation();
  const members = usePagedList((cursor) => teamsApi.members(team.id, { cursor }), team.id);
  const [candidates, setCandidates] = useState<User[]>([]);
  const [userId, setUserId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const titleId = `team-members-${team.id}`;

  useEffect(() => {
    if (!canManage) return;
    usersApi.list({ limit: 200 }).then((page) => setCandidates(page.items), setError);
  }, [canManage]);

  const memberIds = useMemo(() => new Set(members.items.map((m) => m.id)), [members.items]);
  const options = candidates.filter((u) => u.active && !memberIds.has(u.id));

  async function act(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  function add(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const user = candidates.find((u) => u.id === userId);
    if (!user) return;
    void act(async () => {
      await teamsApi.addMember(team.id, user.id);
      members.setItems((items) => [...items, user]);
      onCountChange(1);
      setUserId('');
      setStatus(t('teams.memberAdded', { name: user.name }));
    });
  }

  function remove(user: User) {
    void act(async () => {
      await teamsApi.removeMember(team.id, user.id);
      members.setItems((items) => items.filter((m) => m.id !== user.id));
      onCountChange(-1);
      setStatus(t('teams.memberRemoved', { name: user.name }));
    });
  }

  return (
    <section className="subpanel" aria-labelledby={titleId}>
      <div className="subpanel-head">
        <h3 id={titleId}>{t('teams.membersTitle', { name: team.name })}</h3>
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={error ?? members.error} />
      {canManage && (
        <form className="inline-form form-row" onSubmit={add}>
          <SelectField
            label={t('teams.userToAdd')}
            value={userId}
            onChange={(e) => setUserId(e.target.value)}
            options={[['', t('teams.chooseUser')] as const, ...options.map((u) => [u.id, `${u.name} (${u.email})`] as const)]}
          />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy || !userId}>
              {t('teams.addMember')}
            </button>
          </div>
        </form>
      )}
      {members.items.length > 0 ? (
        <ul className="member-list" aria-labelledby={titleId}>
          {members.items.map((m) => (
            <li key={m.id}>
              <span>
                {m.name} <span className="muted">{m.email}</span>
              </span>
              {canManage && (
                <button type="button" disabled={busy} aria-label={t('teams.removeMember', { name: m.name })} onClick={() => remove(m)}>
                  {t('teams.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        !members.loading && <p className="empty">{t('teams.noMembers')}</p>
      )}
      <LoadMore list={members} />
    </section>
  );
}
