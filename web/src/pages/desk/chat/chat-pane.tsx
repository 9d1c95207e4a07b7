import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../../../src/contracts/conversations.ts';
import { deskApi, type DeskConversation } from '../../../api/desk.ts';
import { useAuth, useMe } from '../../../auth/auth-context.tsx';
import { KbSuggestions } from './kb-suggestions.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useCustomers, useInboxes, useUsers } from '../../../lib/lookups.ts';
import { useEvents } from '../../../lib/use-realtime.tsx';
import { WhisperBadge } from '../../wallboard/whisper-badge.tsx';
import { RoutingTracePanel } from '../../routing/trace-panel.tsx';
import { useThread } from '../use-thread.ts';
import { useConversation } from '../use-conversation.ts';
import { ChatActions } from './chat-actions.tsx';
import { ChatComposer, type ComposerHandle } from './chat-composer.tsx';
import { ChatMessage } from './chat-message.tsx';
import { useDeskKeys } from './use-desk-keys.ts';
import { useTyping } from './use-typing.ts';

/** One chat: the thread with typing and read marks, the composer and the actions. */
export function ChatPane({ id, summary, onChanged }: { id: string; summary: DeskConversation | null; onChanged: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const me = useMe();
  const { conversation, setConversation, error, setError, load } = useConversation(id);
  const [announce, setAnnounce] = useState('');
  /** Delivery marks that arrived live, by seq threshold. */
  const [marks, setMarks] = useState({ delivered: 0, read: 0 });
  const composer = useRef<ComposerHandle>(null);
  const actions = useRef<{ resolve: () => void; snooze: () => void }>(null);
  const users = useUsers();
  const customers = useCustomers(conversation ? [conversation.customerId] : []);
  const inboxes = useInboxes(conversation ? [conversation.inboxId] : []);
  const thread = useThread(id, conversation?.lastSeq ?? null);
  const customer = conversation ? customers[conversation.customerId] : undefined;
  const customerName = customer ? customer.name || t('customers.unnamed') : (summary?.customer?.name ?? '…');

  const loadNewer = thread.loadNewer;
  useEvents([`conversation:${id}`], (e) => {
    const p = e.payload as Record<string, unknown>;
    if (e.type === 'message.created') {
      void loadNewer().then((added) => {
        if (added.some((m) => m.direction === 'inbound')) {
          setAnnounce(t('agentDesk.newMessage', { name: customerName }));
        }
      }, setError);
    } else if (e.type === 'message.read' || e.type === 'message.delivered' || e.type === 'message.receipt') {
      const num = (v: unknown) => (typeof v === 'number' ? v : 0);
      setMarks((m) => ({
        delivered: Math.max(m.delivered, num(p.deliveredSeq), e.type === 'message.delivered' ? num(p.seq) : 0),
        read: Math.max(m.read, num(p.readSeq), e.type === 'message.read' ? num(p.seq) : 0),
      }));
    } else if (e.type.startsWith('conversation.')) {
      void load();
    }
  });

  const { customerTyping: typing, keystroke, stopped } = useTyping(id);

  // Reading: the marker follows the newest message shown.
  const lastShown = thread.messages[thread.messages.length - 1]?.seq ?? 0;
  const lastInboundSeq = [...thread.messages].reverse().find((m) => m.direction === 'inbound')?.seq;
  const marked = useRef(summary?.readSeq ?? 0);
  useEffect(() => {
    if (lastShown <= marked.current || document.visibilityState === 'hidden') return;
    marked.current = lastShown;
    deskApi.markRead(id, lastShown).catch(() => undefined);
  }, [id, lastShown]);

  // Newest message in view.
  const bottom = useRef<HTMLDivElement>(null);
  useEffect(() => {
    bottom.current?.scrollIntoView?.({ block: 'end' });
  }, [lastShown, typing]);

  useDeskKeys({
    reply: () => composer.current?.focus('reply'),
    note: () => composer.current?.focus('note'),
    transfer: () => {
      const target = document.querySelector<HTMLElement>('#routing-trace-title ~ section select, #routing-trace-title ~ section button');
      if (target) target.focus();
      else setAnnounce(t('agentDesk.noTransfer'));
    },
    resolve: () => actions.current?.resolve(),
    snooze: () => actions.current?.snooze(),
  });

  const authorName = (userId: string | null) => (userId === me.user.id ? me.user.name : (users.find((u) => u.id === userId)?.name ?? t('conversation.agent')));
  const statusOf = (m: Message): Message['deliveryStatus'] =>
    m.direction !== 'outbound' ? m.deliveryStatus : m.seq <= marks.read ? 'read' : m.seq <= marks.delivered && m.deliveryStatus !== 'read' ? 'delivered' : m.deliveryStatus;

  if (!conversation) {
    return (
      <section className="panel chat-pane" aria-label={t('agentDesk.pane')}>
        <ErrorAlert error={error} />
        {!error && <p className="hint">{t('common.loading')}</p>}
      </section>
    );
  }
  const inbox = inboxes[conversation.inboxId];
  return (
    <div className="chat-pane">
      <section className="panel" aria-labelledby="chat-title">
        <header className="conversation-head">
          <h2 id="chat-title">{customerName}</h2>
          <p className="conversation-sub">
            <span>
              {t('desk.inbox')}: {inbox?.name ?? summary?.inboxName ?? '…'}
            </span>
            <span className={`badge status-${conversation.status}`}>{t(`statuses.${conversation.status}`)}</span>
            {conversation.tags.map((tag) => (
              <span key={tag} className="badge tag">
                #{tag}
              </span>
            ))}
          </p>
        </header>
        <ErrorAlert error={error} />
        <WhisperBadge conversationId={id} />
        <ol className="thread chat-thread" aria-label={t('conversation.thread')} aria-busy={thread.loading}>
          {!thread.complete && thread.messages.length > 0 && (
            <li className="load-more">
              <button type="button" onClick={thread.loadOlder} disabled={thread.loading}>
                {t('conversation.loadOlder')}
              </button>
            </li>
          )}
          {thread.messages.map((m) => (
            <ChatMessage key={m.id} message={m} status={statusOf(m)} customerName={customerName} authorName={authorName} />
          ))}
        </ol>
        <ErrorAlert error={thread.error} />
        <p className="typing-indicator" aria-live="polite">
          {typing ? t('agentDesk.typing', { name: customerName }) : ''}
        </p>
        <div ref={bottom} />
        <div role="status" className="visually-hidden">
          {announce}
        </div>
        {can('conversations.manage') && (
          <ChatComposer
            ref={composer}
            conversationId={id}
            users={users}
            onTyping={keystroke}
            onIdle={stopped}
            onSent={(m) => {
              thread.add([m]);
              onChanged();
            }}
          />
        )}
      </section>
      {can('conversations.manage') && (
        <ChatActions
          ref={actions}
          conversation={conversation}
          customerName={customerName}
          onChanged={(c) => {
            setConversation(c);
            onChanged();
          }}
        />
      )}
      {can('kb.read') && (
        <KbSuggestions
          conversationId={id}
          customerSeq={lastInboundSeq}
          onInsert={(hit) => composer.current?.insert(hit.visibility === 'internal' ? hit.snippet : `${hit.title}: ${window.location.origin}/help/${encodeURIComponent(me.tenant.slug)}/${encodeURIComponent(hit.language)}/articles/${hit.articleId}`)}
        />
      )}
      <RoutingTracePanel conversationId={id} />
    </div>
  );
}
