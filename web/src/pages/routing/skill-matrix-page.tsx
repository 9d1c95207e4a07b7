import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { routingApi, type AgentProfile, type MatrixCell, type Skill } from '../../api/routing.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { TextField } from '../../components/fields.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { SubmitRow } from '../../components/submit-row.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { pathIssues } from './shared.ts';

const PAGE = 50;
const key = (userId: string, skill: string) => `${userId}\n${skill}`;

/** /admin/skill-matrix (and /supervisor/skills): agents × skills; edit many levels, then one Save sends them all. */
export function SkillMatrixPage({ inAdmin = true }: { inAdmin?: boolean }) {
  const { t } = useTranslation();
  const [agents, setAgents] = useState<AgentProfile[]>([]);
  const [skills, setSkills] = useState<Skill[]>([]);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<unknown>(null);
  /** Edited cells: the text typed, by agent and skill. */
  const [edits, setEdits] = useState<Map<string, string>>(new Map());
  const [saveError, setSaveError] = useState<unknown>(null);
  const [sentCells, setSentCells] = useState<MatrixCell[]>([]);
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState('');
  const [query, setQuery] = useState('');
  const [shownCount, setShownCount] = useState(PAGE);
  useDocumentTitle(`${t('routing.matrixTitle')} – ${inAdmin ? t('admin.title') : t('nav.supervisor')}`);
  const Heading = inAdmin ? 'h2' : 'h1';

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [a, s] = await Promise.all([routingApi.agents(), routingApi.skills()]);
      setAgents(a.items);
      setSkills(s.items);
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

  const dirty = edits.size > 0;
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const saved = (a: AgentProfile, skill: string) => a.skills.find((s) => s.skill === skill)?.level ?? null;
  const shownValue = (a: AgentProfile, skill: string) => edits.get(key(a.userId, skill)) ?? String(saved(a, skill) ?? '');
  function edit(a: AgentProfile, skill: string, text: string) {
    setEdits((cur) => {
      const next = new Map(cur);
      const original = String(saved(a, skill) ?? '');
      if (text.trim() === original) next.delete(key(a.userId, skill));
      else next.set(key(a.userId, skill), text);
      return next;
    });
  }

  /** Per-cell errors of the last save, by agent and skill (the server names cells by index). */
  const cellErrors = useMemo(() => {
    const out = new Map<string, string>();
    for (const issue of pathIssues(saveError)) {
      const m = /^cells\.(\d+)/.exec(issue.path);
      const cell = m ? sentCells[Number(m[1])] : undefined;
      if (!cell) continue;
      const k = key(cell.userId, cell.skill);
      out.set(k, [out.get(k), issue.message].filter(Boolean).join(' '));
    }
    return out;
  }, [saveError, sentCells]);

  async function save(e: FormEvent) {
    e.preventDefault();
    const cells: MatrixCell[] = [...edits].map(([k, text]) => {
      const [userId = '', skill = ''] = k.split('\n');
      return { userId, skill, level: text.trim() === '' ? null : Number(text) };
    });
    if (!cells.length) return;
    setPending(true);
    setSaveError(null);
    setSentCells(cells);
    try {
      await routingApi.saveMatrix(cells);
      // Show what was saved at once (no flash of the old levels), then re-read.
      setAgents((cur) =>
        cur.map((a) => {
          const mine = cells.filter((c) => c.userId === a.userId);
          if (!mine.length) return a;
          const skills = a.skills.filter((s) => !mine.some((c) => c.skill === s.skill));
          for (const c of mine) if (c.level !== null) skills.push({ skill: c.skill, level: c.level });
          return { ...a, skills };
        }),
      );
      setEdits(new Map());
      setStatus(t('routing.matrixSaved', { n: cells.length }));
      await load();
    } catch (err) {
      setSaveError(err);
    } finally {
      setPending(false);
    }
  }

  const needle = query.trim().toLowerCase();
  const filtered = needle ? agents.filter((a) => a.name.toLowerCase().includes(needle)) : agents;
  const shown = filtered.slice(0, shownCount);
  return (
    <section aria-labelledby="routing-matrix-title">
      <Heading id="routing-matrix-title">{t('routing.matrixTitle')}</Heading>
      <p>{t('routing.matrixIntro')}</p>
      <div className="toolbar">
        <TextField label={t('routing.searchAgents')} type="search" name="q" autoComplete="off" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={loadError} />
      <form onSubmit={(e) => void save(e)} aria-labelledby="routing-matrix-title" noValidate>
        <ErrorAlert error={saveError} fields={['cells']} />
        <p className="hint" role="status" data-testid="matrix-dirty">
          {dirty ? t('routing.unsavedCells', { n: edits.size }) : t('routing.noUnsaved')}
        </p>
        <div className="table-wrap">
          <table aria-busy={loading || pending} className="skill-matrix">
            <caption className="visually-hidden">{t('routing.matrixTable')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('routing.colAgent')}</th>
                {skills.map((s) => (
                  <th scope="col" key={s.id}>
                    <code>{s.name}</code>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((a) => (
                <tr key={a.userId}>
                  <th scope="row">{a.name}</th>
                  {skills.map((s) => {
                    const k = key(a.userId, s.name);
                    const changed = edits.has(k);
                    const err = cellErrors.get(k);
                    return (
                      <td key={s.id} data-changed={changed || undefined}>
                        <input
                          type="number"
                          min={1}
                          max={10}
                          step={1}
                          inputMode="numeric"
                          style={{ width: '4.5rem', ...(changed ? { outline: '2px solid #a15c00' } : {}) }}
                          aria-label={t('routing.cellLabel', { agent: a.name, skill: s.name })}
                          aria-invalid={err ? true : undefined}
                          aria-describedby={err ? `cell-error-${a.userId}-${s.id}` : undefined}
                          value={shownValue(a, s.name)}
                          onChange={(e) => edit(a, s.name, e.target.value)}
                        />
                        {changed && <span className="visually-hidden">{t('routing.cellChanged')}</span>}
                        {changed && <span aria-hidden="true"> •</span>}
                        {err && (
                          <p id={`cell-error-${a.userId}-${s.id}`} className="field-error">
                            {err}
                          </p>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {!loading && !loadError && filtered.length === 0 && <p className="empty">{t('routing.agentsEmpty')}</p>}
        {filtered.length > shownCount && (
          <div className="load-more">
            <button type="button" onClick={() => setShownCount((n) => n + PAGE)}>
              {t('common.loadMore')}
            </button>
          </div>
        )}
        <div className="actions">
          <SubmitRow label={t('routing.saveMatrix')} pendingLabel={t('routing.saving')} pending={pending} />
          <button type="button" disabled={!dirty || pending} onClick={() => {
            setEdits(new Map());
            setSaveError(null);
          }}>
            {t('routing.discard')}
          </button>
        </div>
      </form>
    </section>
  );
}
