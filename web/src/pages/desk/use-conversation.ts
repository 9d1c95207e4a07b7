import { useCallback, useEffect, useState } from 'react';
import type { Conversation } from '../../../../src/contracts/conversations.ts';
import { conversationsApi } from '../../api/endpoints.ts';

/** One conversation, loaded when `id` changes; `load` fetches it again (after a change event). */
export function useConversation(id: string) {
  const [conversation, setConversation] = useState<Conversation | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      setConversation(await conversationsApi.get(id));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  return { conversation, setConversation, error, setError, load };
}
