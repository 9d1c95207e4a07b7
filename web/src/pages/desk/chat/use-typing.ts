import { useCallback, useEffect, useRef, useState } from 'react';
import { useRealtimeClient } from '../../../lib/use-realtime.tsx';

/** How often "still typing" is repeated while keys keep coming, and when silence means "stopped". */
const REPEAT_MS = 3000;
const IDLE_MS = 4000;
/** A typing "on" that is never followed by "off" (a dropped visitor) fades after this long. */
const SHOWN_MS = 6000;

/**
 * Typing in one conversation, both ways (ephemeral `typing` frames, docs/decisions/014-chat-widget.md),
 * over the app's one realtime connection: it follows `conversation:<id>` while the chat is open.
 */
export function useTyping(conversationId: string): { customerTyping: boolean; keystroke: () => void; stopped: () => void } {
  const client = useRealtimeClient();
  const [until, setUntil] = useState(0);
  const lastSent = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!client) return;
    const unsubscribe = client.subscribe([`conversation:${conversationId}`], () => {});
    const off = client.onTyping((f) => {
      if (f.conversationId === conversationId && f.who === 'customer') setUntil(f.on ? Date.now() + SHOWN_MS : 0);
    });
    return () => {
      off();
      unsubscribe();
      if (idle.current) clearTimeout(idle.current);
      idle.current = null;
      setUntil(0);
    };
  }, [client, conversationId]);

  // The indicator fades on its own.
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!until) return;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.max(0, until - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [until]);

  const send = useCallback((on: boolean) => client?.sendTyping(conversationId, on), [client, conversationId]);
  const stopped = useCallback(() => {
    if (idle.current) clearTimeout(idle.current);
    idle.current = null;
    if (lastSent.current) {
      lastSent.current = 0;
      send(false);
    }
  }, [send]);
  const keystroke = useCallback(() => {
    const now = Date.now();
    if (now - lastSent.current >= REPEAT_MS) {
      lastSent.current = now;
      send(true);
    }
    if (idle.current) clearTimeout(idle.current);
    idle.current = setTimeout(stopped, IDLE_MS);
  }, [send, stopped]);

  return { customerTyping: until > Date.now(), keystroke, stopped };
}
