import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useAuth } from '../auth/auth-context.tsx';
import { createRealtimeClient, type RealtimeClient, type RealtimeEvent, type RealtimeStatus, type SocketLike } from './realtime.ts';

const RealtimeContext = createContext<RealtimeClient | null>(null);

/** How many times a session-ended close may be followed by a fresh socket while /auth/me still answers. */
const MAX_RESTARTS = 3;

function socketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/ws`;
}

/** The browser's WebSocket, seen through the small interface the client needs. */
function browserSocket(url: string): SocketLike {
  return new WebSocket(url) as unknown as SocketLike;
}

/** One realtime connection for the signed-in frame; a session-ended close re-checks /auth/me. */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const { refresh } = useAuth();
  const [client, setClient] = useState<RealtimeClient | null>(null);
  const [generation, setGeneration] = useState(0);
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  const restarts = useRef(0);

  useEffect(() => {
    let active = true;
    const c = createRealtimeClient({
      url: socketUrl(),
      createSocket: browserSocket,
      onSessionEnded: () => {
        // Signed out elsewhere or expired: /auth/me answers 401 and the gate sends the user to /login.
        void refreshRef.current().then((me) => {
          if (active && me && restarts.current < MAX_RESTARTS) {
            restarts.current++;
            setGeneration((g) => g + 1);
          }
        });
      },
      onError: (code, message) => console.warn(`realtime: ${code}: ${message}`),
    });
    setClient(c);
    c.start();
    const online = () => c.retryNow();
    window.addEventListener('online', online);
    return () => {
      active = false;
      window.removeEventListener('online', online);
      c.close();
    };
  }, [generation]);

  return <RealtimeContext.Provider value={client}>{children}</RealtimeContext.Provider>;
}

const noop = () => () => {};

/** The connection's state, for the header's indicator. */
export function useRealtimeStatus(): RealtimeStatus {
  const client = useContext(RealtimeContext);
  return useSyncExternalStore(
    client ? (cb) => client.onStatus(cb) : noop,
    () => client?.status ?? 'connecting',
  );
}

/**
 * Calls `handler` for every event on any of `topics` while the component is mounted.
 * The handler may change on every render; only a change of topics re-subscribes.
 */
export function useEvents(topics: readonly string[], handler: (event: RealtimeEvent) => void): void {
  const client = useContext(RealtimeContext);
  const handlerRef = useRef(handler);
  handlerRef.current = handler;
  const key = [...new Set(topics)].sort().join('\n');

  useEffect(() => {
    if (!client || !key) return;
    return client.subscribe(key.split('\n'), (e) => handlerRef.current(e));
  }, [client, key]);
}

/** The signed-in frame's realtime client (null before it exists); for signals that are not events. */
export function useRealtimeClient(): RealtimeClient | null {
  return useContext(RealtimeContext);
}
