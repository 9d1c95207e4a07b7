import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { conversationsApi } from '../../api/endpoints.ts';
import { useAuth, useMe } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { isConversationEvent, isStatus, STATUSES } from '../../lib/conversation-labels.ts';
import { useFormatDate } from '../../lib/format.ts';
import { useInboxes, useUsers } from '../../lib/lookups.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { useEvents } from '../../lib/use-realtime.tsx';
import { MentionNotifier } from './chat/mention-notifier.tsx';

/** /desk: the conversation inbox, filtered by status and, optionally, to the user's own. */
export function DeskPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const me = useMe();
  const formatDate = useFormatDate();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = isStatus(raw) ? raw : 'open';
  const mine = params.get('mine') === '1';
  const assigneeId = mine ? me.user.id : undefined;
  const list = usePagedList((cursor) => conversationsApi.list({ status, assigneeId }, { cursor }), `${status}|${mine}`);
  const inboxes = useInboxes(list.items.map((c) => c.inboxId));
  const users = useUsers();
  const userName = (id: string | null) => (id ? (users.find((u) => u.id === id)?.name ?? '…') : t('desk.unassigned'));
  useDocumentTitle(t('desk.title'));

  // New messages and changes made elsewhere show up without a reload (batched, as they come in bursts).
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEvents(can('users.read') ? ['tenant'] : [`user:${me.user.id}`], (event) => {
    if (!isConversationEvent(event.type) || timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      list.reload();
    }, 300);
  });

  function update(next: { status?: string; mine?: boolean }) {
    const p = new URLSearchParams(params);
    if (next.status !== undefined) p.set('status', next.status);
    if (next.mine !== undefined) {
      if (next.mine) p.set('mine', '1');
      else p.delete('mine');
    }
    setParams(p, { replace: true });
  }

  return (
    <section className="panel desk" aria-labelledby="desk-title">
      <MentionNotifier />
      <h1 id="desk-title">{t('desk.title')}</h1>
      <p className="hint">
        <Link to="/desk/chats">{t('agentDesk.myChats')}</Link>
      </p>
      <div className="filter-bar">
        <div role="group" aria-label={t('desk.filters')} className="segmented">
          {STATUSES.map((s) => (
            <button key={s} type="button" aria-pressed={s === status} onClick={() => update({ status: s })}>
              {t(`statuses.${s}`)}
            </button>
          ))}
        </div>
        <label className="check">
          <input type="checkbox" checked={mine} onChange={(e) => update({ mine: e.target.checked })} />
          {t('desk.mine')}
        </label>
      </div>
      <ErrorAlert error={list.error} />
      <div className="table-wrap">
        <table aria-busy={list.loading} className="conversation-table">
          <caption className="visually-hidden">
            {t('desk.tableLabel')}: {t(`statuses.${status}`)}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('desk.customer')}</th>
              <th scope="col">{t('desk.subject')}</th>
              <th scope="col">{t('desk.inbox')}</th>
              <th scope="col">{t('desk.priority')}</th>
              <th scope="col">{t('desk.assignee')}</th>
              <th scope="col">{t('desk.lastActivity')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/desk/conversations/${c.id}`}>{c.customer ? c.customer.name || c.customer.identity || t('customers.unnamed') : '…'}</Link>
                </th>
                <td>{c.subject ?? '—'}</td>
                <td>{inboxes[c.inboxId]?.name ?? '…'}</td>
                <td>
                  <span className={`badge priority-${c.priority}`}>{t(`priorities.${c.priority}`)}</span>
                </td>
                <td>{userName(c.assigneeId)}</td>
                <td>{formatDate(c.lastMessageAt ?? c.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!list.loading && !list.error && list.items.length === 0 && <p className="empty">{t('desk.empty')}</p>}
      <LoadMore list={list} />
    </section>
  );
}
