import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Message } from '../../../../src/contracts/conversations.ts';
import { useAuth, useMe } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { isConversationEvent } from '../../lib/conversation-labels.ts';
import { useCustomers, useInboxes, useUsers } from '../../lib/lookups.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useEvents } from '../../lib/use-realtime.tsx';
import { Composer } from './composer.tsx';
import { ConversationControls } from './conversation-controls.tsx';
import { MessageItem } from './message-item.tsx';
import { useThread } from './use-thread.ts';
import { useConversation } from './use-conversation.ts';
import { RoutingTracePanel } from '../routing/trace-panel.tsx';
import { MentionNotifier } from './chat/mention-notifier.tsx';
import { WhisperBadge } from '../wallboard/whisper-badge.tsx';
import { SentimentTrend } from './sentiment-trend.tsx';

/** /desk/conversations/:id */
export function ConversationPage() {
  const { id = '' } = useParams();
  return <ConversationView key={id} id={id} />;
}

function ConversationView({ id }: { id: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const me = useMe();
  const { conversation, setConversation, error, setError, load } = useConversation(id);
  const [announce, setAnnounce] = useState('');
  const customers = useCustomers(conversation ? [conversation.customerId] : []);
  const inboxes = useInboxes(conversation ? [conversation.inboxId] : []);
  const users = useUsers();
  const thread = useThread(id, conversation?.lastSeq ?? null);
  const customer = conversation ? customers[conversation.customerId] : undefined;
  const customerName = customer ? customer.name || t('customers.unnamed') : '…';
  useDocumentTitle(customer ? `${customerName} – ${t('desk.title')}` : t('desk.title'));

  const loadNewer = thread.loadNewer;
  useEvents([`conversation:${id}`], (event) => {
    if (event.type === 'message.created') {
      void loadNewer().then((added) => {
        if (added.some((m) => m.direction === 'inbound')) setAnnounce(t('conversation.newMessage'));
      }, setError);
    }
    if (isConversationEvent(event.type)) void load();
  });

  const authorName = (userId: string | null) =>
    userId === me.user.id ? me.user.name : (users.find((u) => u.id === userId)?.name ?? t('conversation.agent'));

  if (!conversation) {
    return (
      <section className="panel" aria-labelledby="conversation-title">
        <h1 id="conversation-title">{t('desk.title')}</h1>
        <ErrorAlert error={error} />
        {!error && <p className="hint">{t('common.loading')}</p>}
        <Link to="/desk">{t('conversation.back')}</Link>
      </section>
    );
  }

  const inbox = inboxes[conversation.inboxId];
  return (
    <div className="conversation">
      <MentionNotifier />
      <p className="back-link">
        <Link to="/desk">{t('conversation.back')}</Link>
      </p>
      <section className="panel" aria-labelledby="conversation-title">
        <header className="conversation-head">
          <h1 id="conversation-title">
            {can('customers.read') ? (
              <Link to={`/customers/${conversation.customerId}`} title={t('conversation.customerPage')}>
                {customerName}
              </Link>
            ) : (
              customerName
            )}
          </h1>
          <p className="conversation-sub">
            <span>
              {t('desk.inbox')}: {inbox?.name ?? '…'}
            </span>
            {conversation.subject && <span>{conversation.subject}</span>}
            <SentimentTrend conversationId={id} />
          </p>
        </header>
        <ErrorAlert error={error} />
        <ConversationControls conversation={conversation} users={users} canManage={can('conversations.manage')} onChanged={setConversation} />
      </section>
      <section className="panel" aria-labelledby="thread-title">
        <h2 id="thread-title">{t('conversation.thread')}</h2>
        {!thread.complete && thread.messages.length > 0 && (
          <div className="load-more">
            <button type="button" onClick={thread.loadOlder} disabled={thread.loading}>
              {t('conversation.loadOlder')}
            </button>
          </div>
        )}
        <ErrorAlert error={thread.error} />
        <WhisperBadge conversationId={id} />
        <ol className="thread" aria-busy={thread.loading}>
          {thread.messages.map((m: Message) => (
            <MessageItem key={m.id} message={m} customerName={customerName} authorName={authorName} />
          ))}
        </ol>
        {thread.loading && <p className="hint">{t('common.loading')}</p>}
        {!thread.loading && !thread.error && thread.messages.length === 0 && <p className="empty">{t('conversation.empty')}</p>}
        <div role="status" className="visually-hidden">
          {announce}
        </div>
        {can('conversations.manage') && <Composer conversationId={id} onSent={(m) => thread.add([m])} />}
      </section>
      <RoutingTracePanel conversationId={id} />
    </div>
  );
}
