import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ticketsApi, type Ticket, type TicketViewDef } from '../../api/tickets.ts';
import { useAuth, useMe } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useFormatDate } from '../../lib/format.ts';
import { useCustomers, useUsers } from '../../lib/lookups.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { useEvents } from '../../lib/use-realtime.tsx';
import { BulkBar } from './bulk-bar.tsx';
import { isTicketEvent } from './labels.ts';
import { NewTicketForm } from './new-ticket-form.tsx';
import { useMacros, useTeams, useTicketFields } from './use-ticket-data.ts';
import { SaveViewForm } from './save-view-form.tsx';
import { ViewsSidebar } from './views-sidebar.tsx';

/** /tickets: saved views with live counts, the ticket table with search, selection and bulk actions, and a new-ticket form. */
export function TicketsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const me = useMe();
  const navigate = useNavigate();
  const formatDate = useFormatDate();
  const [params, setParams] = useSearchParams();
  const viewId = params.get('view');
  const [q, setQ] = useState(params.get('q') ?? '');
  const query = useDebounced(q.trim(), 300);
  const [views, setViews] = useState<TicketViewDef[] | null>(null);
  const [viewsError, setViewsError] = useState<unknown>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [creating, setCreating] = useState(false);
  const [announce, setAnnounce] = useState('');
  const users = useUsers();
  const teams = useTeams();
  const fields = useTicketFields();
  const { macros } = useMacros();
  const manage = can('tickets.manage');

  const list = usePagedList<Ticket>(
    (cursor) => (viewId && !query ? ticketsApi.viewTickets(viewId, cursor) : ticketsApi.list({ q: query, cursor })),
    `${viewId ?? ''}|${query}`,
  );
  const customers = useCustomers(list.items.flatMap((x) => (x.requesterId ? [x.requesterId] : [])));
  const view = views?.find((v) => v.id === viewId);
  useDocumentTitle(view ? `${view.name} – ${t('tickets.title')}` : t('tickets.title'));

  const loadViews = useCallback(() => {
    ticketsApi.views().then((r) => { setViews(r.items); setViewsError(null); }, setViewsError);
  }, []);
  useEffect(loadViews, [loadViews]);
  useEffect(() => setSelected(new Set()), [viewId, query]);

  // Changes anywhere in the workspace refresh counts and the table (batched).
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const reload = list.reload;
  useEvents(can('users.read') ? ['tenant', `user:${me.user.id}`] : [`user:${me.user.id}`], (event) => {
    if (!isTicketEvent(event.type) || timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      loadViews();
      reload();
    }, 400);
  });

  function pick(id: string | null) {
    const p = new URLSearchParams(params);
    if (id) p.set('view', id);
    else p.delete('view');
    p.delete('q');
    setQ('');
    setParams(p, { replace: true });
  }

  const shown = list.items;
  const allSelected = shown.length > 0 && shown.every((x) => selected.has(x.id));
  const toggle = (id: string) => setSelected((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });
  const userName = (id: string | null) => (id ? (users.find((u) => u.id === id)?.name ?? '…') : t('tickets.unassigned'));

  return (
    <section className="panel" aria-labelledby="tickets-title">
      <div className="subpanel-head">
        <h1 id="tickets-title">{t('tickets.title')}</h1>
        <div className="row-actions">
          {manage && !creating && (
            <button type="button" className="primary" onClick={() => setCreating(true)}>{t('tickets.newTicket')}</button>
          )}
          <Link to="/tickets/macros">{t('tickets.manageMacros')}</Link>
        </div>
      </div>
      {creating && (
        <NewTicketForm users={users} teams={teams} fields={fields} onCancel={() => setCreating(false)} onCreated={(tk) => { setCreating(false); setAnnounce(t('tickets.created', { number: tk.number })); navigate(`/tickets/${tk.id}`); }} />
      )}
      <StatusMessage>{announce || null}</StatusMessage>
      <div style={{ display: 'flex', gap: '1.25rem', alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <ViewsSidebar
          views={views}
          current={viewId}
          onPick={pick}
          meId={me.user.id}
          onDelete={(v) => {
            ticketsApi.removeView(v.id).then(() => { if (viewId === v.id) pick(null); loadViews(); }, setViewsError);
          }}
        />
        <div style={{ flex: '1 1 36rem', minWidth: 0 }}>
          <ErrorAlert error={viewsError} />
          <div className="field toolbar">
            <label htmlFor="ticket-search">{t('tickets.search')}</label>
            <input id="ticket-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} aria-describedby="ticket-search-hint" />
            <p id="ticket-search-hint" className="hint">{t('tickets.searchHint')}</p>
          </div>
          {query && <SaveViewForm q={query} onSaved={(v) => { setAnnounce(t('tickets.viewSaved', { name: v.name })); loadViews(); pick(v.id); }} />}
          {manage && selected.size > 0 && (
            <BulkBar
              selected={shown.filter((x) => selected.has(x.id))}
              users={users}
              macros={macros}
              onClear={() => setSelected(new Set())}
              onDone={() => { list.reload(); loadViews(); }}
            />
          )}
          <ErrorAlert error={list.error} />
          <div className="table-wrap">
            <table aria-busy={list.loading}>
              <caption className="visually-hidden">{t('tickets.caption', { view: query ? `“${query}”` : view?.name ?? t('tickets.allTickets') })}</caption>
              <thead>
                <tr>
                  {manage && (
                    <th scope="col">
                      <input type="checkbox" aria-label={t('tickets.selectAll')} checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(shown.map((x) => x.id)))} />
                    </th>
                  )}
                  <th scope="col">{t('tickets.number')}</th>
                  <th scope="col">{t('tickets.subject')}</th>
                  <th scope="col">{t('tickets.requester')}</th>
                  <th scope="col">{t('tickets.status')}</th>
                  <th scope="col">{t('tickets.priority')}</th>
                  <th scope="col">{t('tickets.assignee')}</th>
                  <th scope="col">{t('tickets.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((x) => (
                  <tr key={x.id}>
                    {manage && (
                      <td>
                        <input type="checkbox" aria-label={t('tickets.selectOne', { number: x.number })} checked={selected.has(x.id)} onChange={() => toggle(x.id)} />
                      </td>
                    )}
                    <td>#{x.number}</td>
                    <th scope="row">
                      <Link to={`/tickets/${x.id}`}>{x.subject}</Link>
                    </th>
                    <td>{x.requesterId ? (customers[x.requesterId]?.name || '…') : t('tickets.nobody')}</td>
                    <td><span className={`badge status-${x.status}`}>{t(`tickets.statuses.${x.status}`)}</span></td>
                    <td><span className={`badge priority-${x.priority}`}>{t(`tickets.priorities.${x.priority}`)}</span></td>
                    <td>{userName(x.assigneeId)}</td>
                    <td>{formatDate(x.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {!list.loading && !list.error && shown.length === 0 && <p className="empty">{t('tickets.empty')}</p>}
          <LoadMore list={list} />
        </div>
      </div>
    </section>
  );
}
