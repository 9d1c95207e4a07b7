import { useTranslation } from 'react-i18next';
import type { Message } from '../../../../../src/contracts/conversations.ts';
import { AttachmentLinks } from '../../../components/attachment-links.tsx';
import { useFormatDate } from '../../../lib/format.ts';

const marks: Partial<Record<Message['deliveryStatus'], string>> = { queued: '◷', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '!' };

/** A message in the chat: the customer's, an agent's reply with its delivery mark, or a note. */
export function ChatMessage({ message: m, status, customerName, authorName }: { message: Message; status: Message['deliveryStatus']; customerName: string; authorName: (id: string | null) => string }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const who = m.direction === 'inbound' ? customerName : m.authorKind === 'bot' ? t('kbAssist.bot') : authorName(m.authorUserId);
  return (
    <li className={`message message-${m.direction}`} data-seq={m.seq}>
      <div className="message-meta">
        {m.direction === 'note' && <span className="message-kind note-label">{t('conversation.note')}</span>}
        <span className="message-author">{who}</span>
        <time dateTime={m.createdAt}>{formatDate(m.createdAt)}</time>
        {m.direction === 'outbound' && (
          <span className={`delivery delivery-${status}`} title={t(`agentDesk.delivery.${status}`)} data-status={status}>
            <span aria-hidden="true">{marks[status] ?? ''}</span>
            <span className="visually-hidden">{t(`agentDesk.delivery.${status}`)}</span>
          </span>
        )}
      </div>
      {m.html ? (
        // The server sanitizes every stored html body; nothing else is ever rendered as HTML.
        <div className="message-body" dangerouslySetInnerHTML={{ __html: m.html }} />
      ) : (
        <div className="message-body message-text">{m.text}</div>
      )}
      <AttachmentLinks attachments={m.attachments ?? []} />
    </li>
  );
}
