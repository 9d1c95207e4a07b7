import { useState } from 'react';
import './desk.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../../../auth/auth-context.tsx';
import { useEvents } from '../../../lib/use-realtime.tsx';

interface Mention {
  id: string;
  conversationId: string;
  byName: string;
  excerpt: string;
}

/** Shows a notification when someone @mentions the signed-in user in a note (live, on the user's topic). */
export function MentionNotifier() {
  const { t } = useTranslation();
  const me = useMe();
  const [items, setItems] = useState<Mention[]>([]);
  useEvents([`user:${me.user.id}`], (e) => {
    if (e.type !== 'conversation.mentioned') return;
    const p = e.payload as { conversationId?: string; byName?: string | null; excerpt?: string };
    if (!p.conversationId) return;
    setItems((list) => [{ id: e.id, conversationId: p.conversationId!, byName: p.byName ?? t('conversation.agent'), excerpt: p.excerpt ?? '' }, ...list.filter((x) => x.id !== e.id)].slice(0, 5));
  });
  if (!items.length) return null;
  return (
    <div className="mention-notifications" role="region" aria-label={t('agentDesk.mentions')}>
      <ul>
        {items.map((m) => (
          <li key={m.id} className="mention-notification" role="alert">
            <p>
              <strong>{t('agentDesk.mentionedBy', { name: m.byName })}</strong>
            </p>
            <p className="mention-excerpt">{m.excerpt}</p>
            <p className="actions">
              <Link to={`/desk/conversations/${m.conversationId}`}>{t('agentDesk.openConversation')}</Link>
              <button type="button" onClick={() => setItems((l) => l.filter((x) => x.id !== m.id))}>
                {t('common.close')}
              </button>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
