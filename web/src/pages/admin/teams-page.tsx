import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Team } from '../../../../src/contracts/users.ts';
import { teamsApi } from '../../api/endpoints.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';
import { TextField } from '../../components/fields.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { useEvents } from '../../lib/use-realtime.tsx';
import { TeamMembers } from './team-members.tsx';
import { TeamRow } from './team-row.tsx';

const FIELDS = ['name', 'description'] as const;
/** Events that change what the list shows (names, descriptions, member counts). */
const TEAM_EVENTS: ReadonlySet<string> = new Set([
  'team.created',
  'team.updated',
  'team.deleted',
  'team.member_added',
  'team.member_removed',
]);

export function TeamsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const canManage = can('teams.manage');
  const list = usePagedList((cursor) => teamsApi.list({ cursor }), 'teams');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [createError, setCreateError] = useState<unknown>(null);
  const [rowError, setRowError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  useDocumentTitle(`${t('admin.teams')} – ${t('admin.title')}`);
  // Changes made elsewhere (another tab, another admin) show up without a reload.
  useEvents(can('users.read') ? ['tenant'] : [], (event) => {
    if (TEAM_EVENTS.has(event.type)) list.reload();
  });

  const selected = list.items.find((team) => team.id === selectedId) ?? null;
  const replace = (team: Team) => list.setItems((items) => items.map((x) => (x.id === team.id ? team : x)));

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setCreateError(null);
    try {
      const team = await teamsApi.create({ name: name.trim(), description: description.trim() });
      setName('');
      setDescription('');
      setStatus(t('teams.created', { name: team?.name ?? name.trim() }));
      list.reload();
    } catch (err) {
      setCreateError(err);
    } finally {
      setPending(false);
    }
  }

  return (
    <section aria-labelledby="teams-title">
      <h2 id="teams-title">{t('admin.teams')}</h2>
      {canManage && (
        <section className="subpanel" aria-labelledby="create-team-title">
          <h3 id="create-team-title">{t('teams.createTitle')}</h3>
          <form className="inline-form" onSubmit={(e) => void create(e)} noValidate aria-labelledby="create-team-title">
            <ErrorAlert error={createError} fields={FIELDS} />
            <div className="form-row">
              <TextField
                label={t('teams.name')}
                name="name"
                required
                maxLength={120}
                value={name}
                onChange={(e) => setName(e.target.value)}
                error={fieldError(createError, 'name')}
              />
              <TextField
                label={t('teams.description')}
                name="description"
                maxLength={1000}
                value={description}
                onChange={(e) => setDescription(e.target.value)}
                error={fieldError(createError, 'description')}
              />
            </div>
            <div className="actions">
              <button type="submit" className="primary" disabled={pending}>
                {t('teams.create')}
              </button>
            </div>
          </form>
        </section>
      )}
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={rowError ?? list.error} />
      <div className="table-wrap">
        <table aria-busy={list.loading}>
          <caption className="visually-hidden">{t('teams.tableLabel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('teams.name')}</th>
              <th scope="col">{t('teams.description')}</th>
              <th scope="col">{t('teams.members')}</th>
              <th scope="col">{t('teams.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((team) => (
              <TeamRow
                key={team.id}
                team={team}
                canManage={canManage}
                selected={team.id === selectedId}
                onSelect={() => setSelectedId(team.id === selectedId ? null : team.id)}
                onRenamed={(renamed) => {
                  setRowError(null);
                  replace(renamed);
                  setStatus(t('teams.renamed', { name: renamed.name }));
                }}
                onDeleted={(gone) => {
                  setRowError(null);
                  list.setItems((items) => items.filter((x) => x.id !== gone.id));
                  if (selectedId === gone.id) setSelectedId(null);
                  setStatus(t('teams.deleted', { name: gone.name }));
                }}
                onError={setRowError}
              />
            ))}
          </tbody>
        </table>
      </div>
      {!list.loading && !list.error && list.items.length === 0 && <p className="empty">{t('teams.empty')}</p>}
      <LoadMore list={list} />
      {selected && (
        <TeamMembers
          key={selected.id}
          team={selected}
          canManage={canManage}
          onCountChange={(delta) => replace({ ...selected, memberCount: selected.memberCount + delta })}
          onClose={() => setSelectedId(null)}
        />
      )}
    </section>
  );
}
