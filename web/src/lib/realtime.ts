import type { ClientFrame, EventFrame, ServerFrame } from '../../../src/contracts/realtime.ts';

/** The websocket protocol's event, as delivered to handlers. */
export type RealtimeEvent = EventFrame['event'];
export type RealtimeHandler = (event: RealtimeEvent, seq: number) => void;
export type RealtimeStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** The part of the browser's WebSocket this client uses; tests pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface RealtimeOptions {
  url: string;
  createSocket: (url: string) => SocketLike;
  /** The server ended the session (close 4001) or never had one (4401): the app should re-check /auth/me. */
  onSessionEnded?: () => void;
  /** An error frame from the server (e.g. a topic this user may not follow). */
  onError?: (code: string, message: string) => void;
  timers?: Timers;
  random?: () => number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** A connection open this long counts as stable: the next drop starts the backoff from scratch. */
  stableAfterMs?: number;
  pingEveryMs?: number;
  pongTimeoutMs?: number;
  /** After this many failed attempts in a row the status reads 'offline' (retries continue). */
  offlineAfterFailures?: number;
}

export interface RealtimeClient {
  /** Follows topics; returns the function that stops following them. Topics are reference-counted. */
  subscribe(topics: readonly string[], handler: RealtimeHandler): () => void;
  readonly status: RealtimeStatus;
  onStatus(listener: (status: RealtimeStatus) => void): () => void;
  /** The highest sequence number seen. */
  readonly lastSeq: number;
  /** Connects, unless already connected or the session ended. */
  start(): void;
  /** Skips the backoff wait (e.g. when the browser comes back online). */
  retryNow(): void;
  /** Tells followers of a conversation this user is (not) typing; dropped while disconnected (it is ephemeral). */
  sendTyping(conversationId: string, on: boolean): void;
  /** Typing signals of conversations this socket follows (subscribe to `conversation:<id>` first). */
  onTyping(listener: (t: TypingSignal) => void): () => void;
  /** Closes for good (sign-out, unmount). */
  close(): void;
}

export type TypingSignal = Extract<ServerFrame, { type: 'typing' }>;

const OPEN = 1;
/** Close codes that mean "sign in again"; reconnecting would not help. */
export const SESSION_ENDED_CODES: ReadonlySet<number> = new Set([4001, 4401]);

const defaultTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** The backoff before attempt `attempt` (0-based): half fixed, half random, doubling up to the cap. */
export function backoffDelay(attempt: number, random: () => number, initialMs = 500, maxMs = 30_000): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(base / 2 + (random() * base) / 2);
}

/**
 * One websocket per signed-in app. Remembers the highest seq seen and, after a drop, re-subscribes
 * every topic with `since` so nothing is lost; events at or below that seq are dropped as duplicates.
 */
export function createRealtimeClient(opts: RealtimeOptions): RealtimeClient {
  const timers = opts.timers ?? defaultTimers;
  const random = opts.random ?? Math.random;
  const initialMs = opts.backoffInitialMs ?? 500;
  const maxMs = opts.backoffMaxMs ?? 30_000;
  const stableAfterMs = opts.stableAfterMs ?? 10_000;
  const pingEveryMs = opts.pingEveryMs ?? 25_000;
  const pongTimeoutMs = opts.pongTimeoutMs ?? 10_000;
  const offlineAfter = opts.offlineAfterFailures ?? 4;

  const counts = new Map<string, number>();
  const handlers = new Set<{ topics: ReadonlySet<string>; handler: RealtimeHandler }>();
  const statusListeners = new Set<(s: RealtimeStatus) => void>();
  const typingListeners = new Set<(t: TypingSignal) => void>();

  let status: RealtimeStatus = 'connecting';
  let socket: SocketLike | null = null;
  let open = false;
  let lastSeq = 0;
  let attempt = 0;
  let stopped = false;
  let started = false;
  let retryTimer: unknown = null;
  let pingTimer: unknown = null;
  let pongTimer: unknown = null;
  let stableTimer: unknown = null;

  const setStatus = (s: RealtimeStatus) => {
    if (s === status) return;
    status = s;
    for (const l of [...statusListeners]) l(s);
  };
  const send = (f: ClientFrame) => {
    if (socket && open && socket.readyState === OPEN) socket.send(JSON.stringify(f));
  };
  const clearTimer = (h: unknown) => {
    if (h !== null) timers.clear(h);
  };
  const clearConnectionTimers = () => {
    clearTimer(pingTimer);
    clearTimer(pongTimer);
    clearTimer(stableTimer);
    pingTimer = pongTimer = stableTimer = null;
  };

  const schedulePing = () => {
    clearTimer(pingTimer);
    pingTimer = timers.set(() => {
      pingTimer = null;
      send({ type: 'ping' });
      clearTimer(pongTimer);
      pongTimer = timers.set(() => {
        pongTimer = null;
        // No answer: the connection is dead even if the browser has not noticed.
        drop(socket, 4000, 'no pong');
      }, pongTimeoutMs);
      schedulePing();
    }, pingEveryMs);
  };

  const onFrame = (f: ServerFrame) => {
    switch (f.type) {
      case 'event': {
        if (f.seq <= lastSeq) return;
        lastSeq = f.seq;
        for (const h of [...handlers]) {
          if (f.event.topics.some((t) => h.topics.has(t))) {
            try {
              h.handler(f.event, f.seq);
            } catch (err) {
              console.error('realtime handler failed', err);
            }
          }
        }
        return;
      }
      case 'subscribed':
        if (f.seq > lastSeq) lastSeq = f.seq;
        return;
      case 'error':
        opts.onError?.(f.code, f.message);
        return;
      case 'typing':
        for (const l of [...typingListeners]) l(f);
        return;
      default:
        return;
    }
  };

  /** Forget a socket (it closed or is dead) and decide what happens next. */
  function drop(s: SocketLike | null, code: number, reason: string) {
    if (!s || s !== socket) return;
    s.onopen = s.onmessage = s.onclose = s.onerror = null;
    socket = null;
    open = false;
    clearConnectionTimers();
    try {
      if (s.readyState <= OPEN) s.close(4000, reason);
    } catch {
      // Already closing.
    }
    if (stopped) return;
    if (SESSION_ENDED_CODES.has(code)) {
      stopped = true;
      setStatus('offline');
      opts.onSessionEnded?.();
      return;
    }
    scheduleReconnect();
  }

  function scheduleReconnect() {
    clearTimer(retryTimer);
    const delay = backoffDelay(attempt, random, initialMs, maxMs);
    attempt++;
    setStatus(attempt > offlineAfter ? 'offline' : 'reconnecting');
    retryTimer = timers.set(() => {
      retryTimer = null;
      connect();
    }, delay);
  }

  function connect() {
    if (stopped || socket) return;
    let s: SocketLike;
    try {
      s = opts.createSocket(opts.url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = s;
    s.onopen = () => {
      if (s !== socket) return;
      open = true;
      setStatus('live');
      const topics = [...counts.keys()];
      if (topics.length) send({ type: 'subscribe', topics, ...(lastSeq > 0 ? { since: lastSeq } : {}) });
      schedulePing();
      stableTimer = timers.set(() => {
        stableTimer = null;
        attempt = 0;
      }, stableAfterMs);
    };
    s.onmessage = (ev) => {
      if (s !== socket) return;
      // Any frame proves the connection is alive.
      clearTimer(pongTimer);
      pongTimer = null;
      let f: ServerFrame;
      try {
        f = JSON.parse(String(ev.data)) as ServerFrame;
      } catch {
        return;
      }
      if (f && typeof f === 'object' && typeof f.type === 'string') onFrame(f);
    };
    s.onclose = (ev) => drop(s, ev.code, ev.reason);
    s.onerror = () => {
      // A close event follows; nothing to do here.
    };
  }

  return {
    subscribe(topics, handler) {
      const unique = [...new Set(topics)];
      const entry = { topics: new Set(unique), handler };
      handlers.add(entry);
      const fresh: string[] = [];
      for (const t of unique) {
        const n = counts.get(t) ?? 0;
        counts.set(t, n + 1);
        if (n === 0) fresh.push(t);
      }
      // New topics on a live socket: from now on (the reconnect path catches up with `since`).
      if (fresh.length) send({ type: 'subscribe', topics: fresh });
      let done = false;
      return () => {
        if (done) return;
        done = true;
        handlers.delete(entry);
        const gone: string[] = [];
        for (const t of unique) {
          const n = (counts.get(t) ?? 1) - 1;
          if (n <= 0) {
            counts.delete(t);
            gone.push(t);
          } else counts.set(t, n);
        }
        if (gone.length) send({ type: 'unsubscribe', topics: gone });
      };
    },
    get status() {
      return status;
    },
    get lastSeq() {
      return lastSeq;
    },
    sendTyping(conversationId, on) {
      send({ type: 'typing', conversationId, on });
    },
    onTyping(listener) {
      typingListeners.add(listener);
      return () => {
        typingListeners.delete(listener);
      };
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => {
        statusListeners.delete(listener);
      };
    },
    start() {
      if (started || stopped) return;
      started = true;
      setStatus('connecting');
      connect();
    },
    retryNow() {
      if (stopped || socket || !started) return;
      clearTimer(retryTimer);
      retryTimer = null;
      connect();
    },
    close() {
      stopped = true;
      clearTimer(retryTimer);
      retryTimer = null;
      const s = socket;
      if (s) {
        s.onopen = s.onmessage = s.onclose = s.onerror = null;
        socket = null;
        open = false;
        clearConnectionTimers();
        try {
          s.close(1000, 'closed by the app');
        } catch {
          // Already closing.
        }
      }
      setStatus('offline');
    },
  };
}
