import { useTranslation } from 'react-i18next';
import type { Message } from '../../../../src/contracts/conversations.ts';
import { useFormatDate } from '../../lib/format.ts';
import { AttachmentLinks } from '../../components/attachment-links.tsx';

interface Props {
  message: Message;
  customerName: string;
  authorName: (id: string | null) => string;
}

/** One message: the customer's (inbound), an agent's reply (outbound) or an internal note. */
export function MessageItem({ message: m, customerName, authorName }: Props) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  // The bot's answers and its hand-over note are the bot's, not an unnamed agent's.
  const who = m.direction === 'inbound' ? customerName : m.authorKind === 'bot' ? t('kbAssist.bot') : authorName(m.authorUserId);
  const kind = m.direction === 'inbound' ? t('conversation.customer') : m.direction === 'note' ? t('conversation.note') : t('conversation.reply');
  return (
    <li className={`message message-${m.direction}`} data-seq={m.seq}>
      <div className="message-meta">
        <span className={`message-kind${m.direction === 'note' ? ' note-label' : ''}`}>{kind}</span>
        <span className="message-author">{who}</span>
        <time dateTime={m.createdAt}>{formatDate(m.createdAt)}</time>
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
