import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ticketsApi, type TicketMacro } from '../../api/tickets.ts';
import { useAuth, useMe } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { useEvents } from '../../lib/use-realtime.tsx';
import { MacroForm } from './macros-form.tsx';

/** /admin/macros and /tickets/macros: the macros the user may use; personal ones for everyone, shared ones with tickets.share. */
export function MacrosPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const me = useMe();
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 300);
  const list = usePagedList((cursor) => ticketsApi.macros({ q: query, cursor }), query);
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);
  const manage = can('tickets.manage');
  const mayEdit = (m: TicketMacro) => manage && (m.scope === 'me' ? m.ownerId === me.user.id : can('tickets.share'));
  useDocumentTitle(t('tickets.macrosTitle'));
  useEvents(can('users.read') ? ['tenant', `user:${me.user.id}`] : [`user:${me.user.id}`], (event) => {
    if (event.type.startsWith('ticket_macro.')) list.reload();
  });

  async function remove(m: TicketMacro) {
    setError(null);
    try {
      await ticketsApi.removeMacro(m.id);
      setConfirming(null);
      setStatus(t('tickets.macroDeleted', { name: m.name }));
      list.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section aria-labelledby="macros-title">
      <h2 id="macros-title">{t('tickets.macrosTitle')}</h2>
      <p className="hint">{t('tickets.macrosIntro')}</p>
      {manage && (
        <section className="subpanel" aria-labelledby="add-macro-title">
          <h3 id="add-macro-title">{t('tickets.addMacro')}</h3>
          <MacroForm key={status} macro={null} onSaved={(m) => { setStatus(t('tickets.macroAdded', { name: m.name })); list.reload(); }} />
        </section>
      )}
      <StatusMessage>{status || null}</StatusMessage>
      <div className="field toolbar">
        <label htmlFor="macro-search">{t('tickets.searchMacros')}</label>
        <input id="macro-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      <ErrorAlert error={error ?? list.error} />
      <ul className="plain-list" aria-busy={list.loading}>
        {list.items.map((m) => (
          <li key={m.id} className="subpanel">
            {editing === m.id ? (
              <MacroForm macro={m} onCancel={() => setEditing(null)} onSaved={(saved) => { setEditing(null); setStatus(t('tickets.macroSaved', { name: saved.name })); list.reload(); }} />
            ) : (
              <>
                <h3>{m.name}</h3>
                {m.description && <p>{m.description}</p>}
                <p className="hint">
                  {t(`tickets.scopes.${m.scope}`)} · {t('tickets.used', { count: m.usageCount })}
                </p>
                {mayEdit(m) &&
                  (confirming === m.id ? (
                    <div className="confirm">
                      <span>{t('tickets.confirmRemoveMacro', { name: m.name })}</span>
                      <button type="button" className="danger" onClick={() => void remove(m)}>{t('tickets.confirm')}</button>
                      <button type="button" onClick={() => setConfirming(null)}>{t('tickets.cancel')}</button>
                    </div>
                  ) : (
                    <div className="row-actions">
                      <button type="button" onClick={() => setEditing(m.id)} aria-label={t('tickets.edit', { name: m.name })}>{t('tickets.edit', { name: '' }).trim()}</button>
                      <button type="button" className="danger" onClick={() => setConfirming(m.id)} aria-label={t('tickets.remove', { name: m.name })}>{t('tickets.remove', { name: '' }).trim()}</button>
                    </div>
                  ))}
              </>
            )}
          </li>
        ))}
      </ul>
      {!list.loading && !list.error && list.items.length === 0 && <p className="empty">{t('tickets.noMacros')}</p>}
      <LoadMore list={list} />
    </section>
  );
}
