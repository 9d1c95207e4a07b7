import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEvents } from '../../lib/use-realtime.tsx';
import { wallboardApi, type Whisper } from './api.ts';
import './wallboard.css';

/**
 * The whispers of a conversation, highlighted: the agent sees those meant for them, supervisors
 * all. Live on the conversation's topic. Place it anywhere in the conversation view.
 */
export function WhisperBadge({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Whisper[]>([]);
  const load = useCallback(() => {
    wallboardApi.whispers(conversationId).then(setItems, () => undefined);
  }, [conversationId]);
  useEffect(load, [load]);
  useEvents([`conversation:${conversationId}`], (e) => {
    if (e.type === 'message.created' && (e.payload as { whisper?: boolean } | undefined)?.whisper) load();
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
