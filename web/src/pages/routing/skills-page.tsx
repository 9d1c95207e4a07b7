import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { routingApi, type Skill } from '../../api/routing.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';
import { TextField } from '../../components/fields.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { SubmitRow } from '../../components/submit-row.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useLiveReload } from './shared.ts';

/** /admin/routing-skills: the skills agents can have (names used in workflow selectors). */
export function SkillsPage() {
  const { t } = useTranslation();
  const [skills, setSkills] = useState<Skill[]>([]);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [name, setName] = useState('');
  const [createError, setCreateError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [rowError, setRowError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [query, setQuery] = useState('');
  useDocumentTitle(`${t('routing.skillsTitle')} – ${t('admin.title')}`);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setSkills((await routingApi.skills()).items);
      setLoadError(null);
    } catch (err) {
      setLoadError(err);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useLiveReload(['tenant'], () => void load(), (type) => type === 'routing.config_changed');

  async function create(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setCreateError(null);
    try {
      const s = await routingApi.createSkill(name.trim());
      setName('');
      setStatus(t('routing.skillCreated', { name: s.name }));
      await load();
    } catch (err) {
      setCreateError(err);
    } finally {
      setPending(false);
    }
  }
  async function act(fn: () => Promise<void>) {
    setBusy(true);
    setRowError(null);
    try {
      await fn();
    } catch (err) {
      setRowError(err);
    } finally {
      setBusy(false);
    }
  }
  const rename = (s: Skill) =>
    act(async () => {
      if (!renaming) return;
      const saved = await routingApi.renameSkill(s.id, renaming.name.trim());
      setRenaming(null);
      setStatus(t('routing.skillRenamed', { from: s.name, name: saved.name }));
      await load();
    });
  const remove = (s: Skill) =>
    act(async () => {
      if (!window.confirm(t('routing.confirmRemoveSkill', { name: s.name, n: s.agents }))) return;
      await routingApi.removeSkill(s.id);
      setSkills((cur) => cur.filter((x) => x.id !== s.id));
      setStatus(t('routing.skillDeleted', { name: s.name }));
    });

  const needle = query.trim().toLowerCase();
  const shown = needle ? skills.filter((s) => s.name.toLowerCase().includes(needle)) : skills;
  return (
    <section aria-labelledby="routing-skills-title">
      <h2 id="routing-skills-title">{t('routing.skillsTitle')}</h2>
      <p>{t('routing.skillsIntro')}</p>
      <section className="subpanel" aria-labelledby="routing-skill-form-title">
        <h3 id="routing-skill-form-title">{t('routing.newSkillTitle')}</h3>
        <form onSubmit={(e) => void create(e)} aria-labelledby="routing-skill-form-title" noValidate>
          <ErrorAlert error={createError} fields={['name']} />
          <TextField label={t('routing.skillName')} hint={t('routing.skillNameHint')} name="name" required maxLength={40} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(createError, 'name')} />
          <SubmitRow label={t('routing.createSkill')} pendingLabel={t('routing.saving')} pending={pending} />
        </form>
      </section>
      <div className="toolbar">
        <TextField label={t('routing.searchSkills')} type="search" name="q" autoComplete="off" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={rowError ?? loadError} />
      <div className="table-wrap">
        <table aria-busy={loading || busy}>
          <caption className="visually-hidden">{t('routing.skillsTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('routing.colName')}</th>
              <th scope="col">{t('routing.colAgents')}</th>
              <th scope="col">{t('routing.colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {renaming?.id === s.id ? (
                    <form
                      className="inline-edit"
                      onSubmit={(e) => {
                        e.preventDefault();
                        void rename(s);
                      }}
                    >
                      <TextField label={t('routing.newNameFor', { name: s.name })} name="rename" value={renaming.name} autoFocus onChange={(e) => setRenaming({ id: s.id, name: e.target.value })} />
                      <div className="actions">
                        <button type="submit" className="primary" disabled={busy}>
                          {t('routing.saveName')}
                        </button>
                        <button type="button" onClick={() => setRenaming(null)}>
                          {t('routing.cancel')}
                        </button>
                      </div>
                    </form>
                  ) : (
                    <code>{s.name}</code>
                  )}
                </th>
                <td>{s.agents}</td>
                <td>
                  <div className="actions">
                    <button type="button" disabled={busy} aria-label={t('routing.renameLabel', { name: s.name })} onClick={() => setRenaming({ id: s.id, name: s.name })}>
                      {t('routing.rename')}
                    </button>
                    <button type="button" className="danger" disabled={busy} aria-label={t('routing.removeLabel', { name: s.name })} onClick={() => void remove(s)}>
                      {t('routing.remove')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!loading && !loadError && shown.length === 0 && <p className="empty">{t('routing.skillsEmpty')}</p>}
    </section>
  );
}
