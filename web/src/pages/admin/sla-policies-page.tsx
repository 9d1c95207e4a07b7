import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaPolicy } from '../../../../src/contracts/sla.ts';
import { slaApi } from '../../api/sla.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { TextField } from '../../components/fields.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { useEvents } from '../../lib/use-realtime.tsx';
import { SlaPolicyForm, type PolicyFormValues } from './sla-policy-form.tsx';

/** /admin/sla-policies: policies in the order they are tried, with create, edit, reorder and delete. */
export function SlaPoliciesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const canEdit = can('sla.configure');
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 300);
  const list = usePagedList((cursor) => slaApi.policies({ q, cursor }), q);
  const [editing, setEditing] = useState<SlaPolicy | null>(null);
  const [status, setStatus] = useState('');
  const [rowError, setRowError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(`${t('sla.policiesTitle')} – ${t('admin.title')}`);

  useEvents(['tenant'], (e) => {
    if (e.type.startsWith('sla_policy.')) list.reload();
  });

  const mins = (n: number | null) => (n ? t('sla.minutesShort', { n }) : t('sla.none'));
  const conditions = (p: SlaPolicy) => {
    const parts = [
      ...(p.conditions.priorities.length ? [p.conditions.priorities.map((x) => t(`sla.priority.${x}`)).join(', ')] : []),
      ...(p.conditions.customerTags.length ? [`${t('sla.customerTags')}: ${p.conditions.customerTags.join(', ')}`] : []),
      ...(p.conditions.segmentId ? [t('sla.segment')] : []),
    ];
    return parts.join(' · ') || t('sla.anyTicket');
  };

  async function create(v: PolicyFormValues) {
    const p = await slaApi.createPolicy(v);
    setStatus(t('sla.policyCreated', { name: p.name }));
    list.reload();
  }
  async function save(v: PolicyFormValues) {
    if (!editing) return;
    const p = await slaApi.updatePolicy(editing.id, v);
    setEditing(null);
    setStatus(t('sla.policySaved', { name: p.name }));
    list.reload();
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
  const remove = (p: SlaPolicy) =>
    act(async () => {
      if (!window.confirm(t('sla.confirmRemovePolicy', { name: p.name }))) return;
      await slaApi.removePolicy(p.id);
      list.setItems((items) => items.filter((x) => x.id !== p.id));
      setStatus(t('sla.policyDeleted', { name: p.name }));
    });
  /** Reordering needs every policy: the whole list is fetched, the one moved, and the order saved. */
  const move = (p: SlaPolicy, by: -1 | 1) =>
    act(async () => {
      const all: SlaPolicy[] = [];
      let cursor: string | null = null;
      do {
        const page = await slaApi.policies({ cursor });
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      const ids = all.map((x) => x.id);
      const i = ids.indexOf(p.id);
      const j = i + by;
      if (i < 0 || j < 0 || j >= ids.length) return;
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
      await slaApi.reorder(ids);
      setStatus(t('sla.reordered', { name: p.name, n: j + 1 }));
      list.reload();
    });

  return (
    <section aria-labelledby="sla-policies-title">
      <h2 id="sla-policies-title">{t('sla.policiesTitle')}</h2>
      <p>{t('sla.policiesIntro')}</p>
      {canEdit && (
        <section className="subpanel" aria-labelledby="sla-policy-form-title">
          <h3 id="sla-policy-form-title">{editing ? t('sla.editPolicyTitle', { name: editing.name }) : t('sla.newPolicyTitle')}</h3>
          {editing ? (
            <SlaPolicyForm key={editing.id} initial={editing} titleId="sla-policy-form-title" submitLabel={t('sla.savePolicy')} onSubmit={save} onCancel={() => setEditing(null)} />
          ) : (
            <SlaPolicyForm key="new" titleId="sla-policy-form-title" submitLabel={t('sla.createPolicy')} onSubmit={create} />
          )}
        </section>
      )}
      <div className="toolbar">
        <TextField label={t('sla.searchPolicies')} type="search" name="q" autoComplete="off" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={rowError ?? list.error} />
      <div className="table-wrap">
        <table aria-busy={list.loading || busy}>
          <caption className="visually-hidden">{t('sla.policiesTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sla.colOrder')}</th>
              <th scope="col">{t('sla.colName')}</th>
              <th scope="col">{t('sla.colConditions')}</th>
              <th scope="col">{t('sla.colTargets')}</th>
              <th scope="col">{t('sla.colStatus')}</th>
              {canEdit && <th scope="col">{t('sla.colActions')}</th>}
            </tr>
          </thead>
          <tbody>
            {list.items.map((p, i) => (
              <tr key={p.id} className={p.active ? undefined : 'inactive'}>
                <td>{p.position + 1}</td>
                <th scope="row">
                  {p.name}
                  {p.description && <div className="muted">{p.description}</div>}
                </th>
                <td>{conditions(p)}</td>
                <td>{t('sla.targetsSummary', { first: mins(p.targets.firstResponse), next: mins(p.targets.nextResponse), resolution: mins(p.targets.resolution) })}</td>
                <td>
                  <span className={`badge ${p.active ? 'badge-ok' : 'badge-muted'}`}>{p.active ? t('sla.statusActive') : t('sla.statusOff')}</span>
                </td>
                {canEdit && (
                  <td>
                    <div className="actions">
                      <button type="button" disabled={busy || (i === 0 && !q)} aria-label={t('sla.moveUpLabel', { name: p.name })} onClick={() => void move(p, -1)}>
                        {t('sla.moveUp')}
                      </button>
                      <button type="button" disabled={busy || (i === list.items.length - 1 && !list.nextCursor && !q)} aria-label={t('sla.moveDownLabel', { name: p.name })} onClick={() => void move(p, 1)}>
                        {t('sla.moveDown')}
                      </button>
                      <button type="button" disabled={busy} aria-label={t('sla.editLabel', { name: p.name })} onClick={() => setEditing(p)}>
                        {t('sla.edit')}
                      </button>
                      <button type="button" className="danger" disabled={busy} aria-label={t('sla.removeLabel', { name: p.name })} onClick={() => void remove(p)}>
                        {t('sla.remove')}
                      </button>
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!list.loading && !list.error && list.items.length === 0 && <p className="empty">{t('sla.policiesEmpty')}</p>}
      <LoadMore list={list} />
    </section>
  );
}
