import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/auth-context.tsx';
import { useEvents } from '../../lib/use-realtime.tsx';
import { wallboardApi, type Whisper } from './api.ts';
import './wallboard.css';

/**
 * The whispers of a conversation, highlighted: the agent sees those meant for them, supervisors
 * all. Live on the agent's own topic (supervisors: the wallboard's). Place it anywhere in the conversation view.
 */
export function WhisperBadge({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Whisper[]>([]);
  const load = useCallback(() => {
    wallboardApi.whispers(conversationId).then(setItems, () => undefined);
  }, [conversationId]);
  useEffect(load, [load]);
  const me = useMe();
  // A whisper is published to its agent's topic and the wallboard's, never the conversation's.
  const topics = [`user:${me.user.id}`, ...(me.permissions.includes('supervise.view') ? ['wallboard'] : [])];
  useEvents(topics, (e) => {
    const p = e.payload as { whisper?: boolean; conversationId?: string } | undefined;
    if (e.type === 'message.created' && p?.whisper && p.conversationId === conversationId) load();
  });
  if (items.length === 0) return null;
  return (
    <ul className="whispers" aria-label={t('wallboard.whispersLabel')}>
      {items.map((w) => (
        <li key={w.id} className="whisper" data-whisper-id={w.id}>
          <strong className="whisper-flag">{t('wallboard.whisperFlag')}</strong>{' '}
          <span className="whisper-author">{w.authorName ?? ''}</span>: <span className="whisper-text">{w.text}</span>
        </li>
      ))}
    </ul>
  );
}
