import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { DeskConversation } from '../../../api/desk.ts';
import { formatSpan } from '../../tickets/sla-panel.tsx';
import { SlaChip } from './sla-chip.tsx';

type Tr = Parameters<typeof formatSpan>[1];

/** A small symbol per channel; the channel's name is read out beside it. */
export const channelIcon: Record<string, string> = { chat: '💬', email: '✉️', sms: '📱', whatsapp: '🟢', messenger: '🔵', telegram: '✈️', voice: '📞', api: '🔌' };

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** The agent's chats: customer, channel, unread count, last message, waiting time and SLA. */
export function ChatList({ chats, currentId }: { chats: DeskConversation[]; currentId: string | null }) {
  const { t } = useTranslation();
  const now = useNow(15_000);
  return (
    <ol className="chat-list" aria-label={t('agentDesk.listLabel')}>
      {chats.map((c) => {
        const name = c.customer ? c.customer.name || c.customer.identity || t('customers.unnamed') : '…';
        const waiting = c.waitingSince ? formatSpan(Math.max(0, now - Date.parse(c.waitingSince)), t as unknown as Tr) : null;
        return (
          <li key={c.id} className={`chat-item${c.id === currentId ? ' current' : ''}${c.unread > 0 ? ' has-unread' : ''}`} data-conversation={c.id}>
            <Link to={`/desk/chats/${c.id}`} aria-current={c.id === currentId ? 'page' : undefined}>
              <span className="chat-item-head">
                <span className="channel-icon" aria-hidden="true">
                  {channelIcon[c.channel] ?? '•'}
                </span>
                <span className="visually-hidden">{t('agentDesk.channel', { channel: c.channel })}</span>
                <span className="chat-name">{name}</span>
                {c.unread > 0 && (
                  <span className="badge unread-count" aria-label={t('agentDesk.unread', { count: c.unread })}>
                    {c.unread}
                  </span>
                )}
              </span>
              <span className="chat-preview">{c.lastMessage ? `${c.lastMessage.direction === 'outbound' ? t('agentDesk.youPrefix') : ''}${c.lastMessage.text}` : t('agentDesk.noMessages')}</span>
              {waiting && <span className="chat-waiting">{t('agentDesk.waiting', { time: waiting })}</span>}
            </Link>
            {c.ticketIds[0] && <SlaChip ticketId={c.ticketIds[0]} />}
          </li>
        );
      })}
    </ol>
  );
}
