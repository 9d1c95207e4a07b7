import { useCallback, useEffect, useRef, useState } from 'react';
import './desk.css';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { deskApi, type DeskConversation } from '../../../api/desk.ts';
import { routingApi } from '../../../api/routing.ts';
import { useAuth, useMe } from '../../../auth/auth-context.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useEvents } from '../../../lib/use-realtime.tsx';
import { ChatList } from './chat-list.tsx';
import { ChatPane } from './chat-pane.tsx';
import { MentionNotifier } from './mention-notifier.tsx';
import { ProfilePanel } from './profile-panel.tsx';
import { useDeskKeys } from './use-desk-keys.ts';

/** /desk/chats/:id?: the agent's accepted chats beside the open one and the customer's profile. */
export function WorkspacePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const me = useMe();
  const { can } = useAuth();
  /** Chats the agent may hold at once (routing profile), shown beside how many are open. */
  const [capacity, setCapacity] = useState<number | null>(null);
  const [chats, setChats] = useState<DeskConversation[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useDocumentTitle(t('agentDesk.title'));

  useEffect(() => {
    if (can('routing.work')) routingApi.me().then((p) => setCapacity(p.capacity.chat), () => undefined);
  }, [can]);

  const load = useCallback(async () => {
    try {
      setChats(await deskApi.mine());
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => {
    void load();
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [load]);
  const reloadSoon = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void load();
    }, 250);
  }, [load]);

  // Assignments, new messages, status changes and read markers all reach the user's own topic.
  useEvents([`user:${me.user.id}`, ...(chats ?? []).map((c) => `conversation:${c.id}`)], (e) => {
    if (e.type === 'message.created' || e.type.startsWith('conversation.') || e.type.startsWith('task.')) reloadSoon();
  });

  const list = chats ?? [];
  const current = list.find((c) => c.id === id) ?? null;
  const open = useCallback((cid: string) => navigate(`/desk/chats/${cid}`), [navigate]);
  const step = useCallback(
    (by: number) => {
      if (!list.length) return;
      // The address bar, not the last render: a second key press may come before React re-renders.
      const shown = /\/desk\/chats\/([^/?#]+)/.exec(window.location.pathname)?.[1] ?? id;
      const at = list.findIndex((c) => c.id === shown);
      const index = at < 0 ? (by > 0 ? 0 : list.length - 1) : (at + by + list.length) % list.length;
      const next = list[index]!;
      open(next.id);
    },
    [list, id, open],
  );
  useDeskKeys({ next: () => step(1), previous: () => step(-1) });

  // Open the first chat when none is chosen yet.
  useEffect(() => {
    if (!id && chats && chats.length > 0) navigate(`/desk/chats/${chats[0]!.id}`, { replace: true });
  }, [id, chats, navigate]);

  return (
    <div className="desk-workspace">
      <MentionNotifier />
      <section className="panel chat-list-panel" aria-labelledby="chat-list-title">
        <h1 id="chat-list-title">{t('agentDesk.title')}</h1>
        <p className="hint">
          {chats && capacity !== null && <span className="chat-capacity">{t('agentDesk.capacity', { n: chats.filter((c) => c.channel === 'chat').length, max: capacity })} · </span>}
          <Link to="/desk">{t('agentDesk.allConversations')}</Link>
        </p>
        <ErrorAlert error={error} />
        {chats === null && !error && <p className="hint">{t('common.loading')}</p>}
        {chats && chats.length === 0 && <p className="empty">{t('agentDesk.noChats')}</p>}
        <ChatList chats={list} currentId={id ?? null} />
      </section>
      {id ? (
        <ChatPane key={id} id={id} summary={current} onChanged={reloadSoon} />
      ) : (
        <section className="panel chat-pane" aria-label={t('agentDesk.pane')}>
          <p className="empty">{t('agentDesk.pickChat')}</p>
        </section>
      )}
      {id && current && <ProfilePanel key={current.customerId} customerId={current.customerId} conversationId={id} />}
    </div>
  );
}
