import { useCallback, useEffect, useRef, useState } from 'react';

/** How often "still typing" is repeated while keys keep coming, and when silence means "stopped". */
const REPEAT_MS = 3000;
const IDLE_MS = 4000;
/** A typing "on" that is never followed by "off" (a dropped visitor) fades after this long. */
const SHOWN_MS = 6000;

interface TypingFrame {
  type: string;
  conversationId?: string;
  who?: 'customer' | 'agent';
  on?: boolean;
}

/**
 * Typing in one conversation, both ways (ephemeral `typing` frames, docs/decisions/014-chat-widget.md).
 * The shared realtime client (web/src/lib/realtime.ts) neither sends nor delivers these frames yet, so
 * this hook keeps its own small socket while a chat is open; it reconnects after a drop.
 */
export function useTyping(conversationId: string): { customerTyping: boolean; keystroke: () => void; stopped: () => void } {
  const [until, setUntil] = useState(0);
  const socket = useRef<WebSocket | null>(null);
  const lastSent = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    let closed = false;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let attempt = 0;
    const connect = () => {
      const { protocol, host } = window.location;
      const ws = new WebSocket(`${protocol === 'https:' ? 'wss' : 'ws'}://${host}/ws`);
      socket.current = ws;
      ws.onopen = () => {
        attempt = 0;
        ws.send(JSON.stringify({ type: 'subscribe', topics: [`conversation:${conversationId}`] }));
      };
      ws.onmessage = (e) => {
        let f: TypingFrame;
        try {
          f = JSON.parse(String(e.data)) as TypingFrame;
        } catch {
          return;
        }
        if (f.type === 'typing' && f.conversationId === conversationId && f.who === 'customer') setUntil(f.on ? Date.now() + SHOWN_MS : 0);
      };
      ws.onclose = (e) => {
        if (socket.current === ws) socket.current = null;
        // 4001/4401: signed out; the app's own socket handles that.
        if (closed || e.code === 4001 || e.code === 4401) return;
        retry = setTimeout(connect, Math.min(30_000, 500 * 2 ** attempt++));
      };
    };
    connect();
    return () => {
      closed = true;
      if (retry) clearTimeout(retry);
      if (idle.current) clearTimeout(idle.current);
      socket.current?.close(1000, 'chat closed');
      socket.current = null;
    };
  }, [conversationId]);

  // The indicator fades on its own.
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!until) return;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.max(0, until - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [until]);

  const send = useCallback(
    (on: boolean) => {
      const ws = socket.current;
      if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'typing', conversationId, on }));
    },
    [conversationId],
  );
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
