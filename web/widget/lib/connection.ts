/**
 * The visitor's socket: connects, says hello with the last seq shown, resends unacknowledged
 * sends in order after `welcome`, reconnects with exponential backoff and jitter, and detects a
 * dead socket with ping/pong. Pure: the socket factory, timers, outbox and ids are passed in, so
 * tests drive it with a fake socket and fake timers.
 */
import type { WidgetClientFrame, WidgetServerFrame } from '../../../src/contracts/widget.ts';
import type { Outbox, PendingSend } from './outbox.ts';

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'stopped';

/** The part of the browser WebSocket this module uses. */
export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: (() => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
  now(): number;
}

export interface ConnectionOptions {
  /** The socket URL with a valid token; called before every connect (it may renew the session). */
  url(): string | Promise<string>;
  open(url: string): SocketLike;
  timers: Timers;
  outbox: Outbox;
  /** The highest seq the widget shows (sent in `hello`). */
  lastSeq(): number;
  onFrame(frame: WidgetServerFrame): void;
  onStatus?(status: ConnectionStatus, info: { attempt: number; delayMs?: number }): void;
  /** The token was refused: make a new session before the next connect. */
  onUnauthenticated?(): void | Promise<void>;
  newId(): string;
  random?: () => number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  heartbeatMs?: number;
  heartbeatTimeoutMs?: number;
}

export interface Connection {
  start(): void;
  stop(): void;
  /** Connects now if not connected (the browser came back online, the tab became visible). */
  wake(): void;
  /** Queues a message (persisted) and sends it now when connected. */
  send(text: string, attachmentIds?: string[]): PendingSend;
  /** Queues and sends a refused message again (the visitor pressed retry); same clientId. */
  retry(p: PendingSend): void;
  typing(on: boolean): void;
  read(seq: number): void;
  /** Sends CSAT over the socket; false when not connected (the caller uses HTTP instead). */
  csat(score: number, comment?: string, conversationId?: string, kind?: 'csat' | 'nps'): boolean;
  readonly status: ConnectionStatus;
  readonly attempt: number;
}

/** Backoff before reconnect attempt `attempt` (0-based): base·2^attempt capped, with 50–100 % jitter. */
export function backoffDelay(attempt: number, random: () => number, baseMs = 500, maxMs = 30_000): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(cap * (0.5 + random() * 0.5));
}

export function createConnection(o: ConnectionOptions): Connection {
  const random = o.random ?? Math.random;
  const heartbeatMs = o.heartbeatMs ?? 25_000;
  const heartbeatTimeoutMs = o.heartbeatTimeoutMs ?? 10_000;
  let status: ConnectionStatus = 'stopped';
  let socket: SocketLike | null = null;
  let welcomed = false;
  let attempt = 0;
  let generation = 0;
  let retryTimer: unknown = null;
  let pingTimer: unknown = null;
  let deadTimer: unknown = null;
  let resendTimer: unknown = null;
  /** Sends refused until this time (rate limited). */
  let holdUntil = 0;

  const setStatus = (s: ConnectionStatus, delayMs?: number): void => {
    status = s;
    o.onStatus?.(s, { attempt, delayMs });
  };
  const clear = (h: unknown): null => {
    if (h !== null) o.timers.clear(h);
    return null;
  };
  const write = (f: WidgetClientFrame): boolean => {
    if (!socket || status !== 'open') return false;
    try {
      socket.send(JSON.stringify(f));
      return true;
    } catch {
      return false;
    }
  };
  const sendPending = (p: PendingSend): void => {
    if (!welcomed || o.timers.now() < holdUntil) return;
    write({ type: 'send', clientId: p.clientId, text: p.text, ...(p.attachmentIds?.length ? { attachmentIds: p.attachmentIds } : {}) });
  };
  const resendAll = (): void => {
    for (const p of o.outbox.list()) sendPending(p);
  };

  const armHeartbeat = (): void => {
    pingTimer = clear(pingTimer);
    pingTimer = o.timers.set(() => {
      pingTimer = null;
      if (!write({ type: 'ping' })) return;
      deadTimer = clear(deadTimer);
      deadTimer = o.timers.set(() => {
        deadTimer = null;
        lost();
      }, heartbeatTimeoutMs);
    }, heartbeatMs);
  };

  const detach = (): void => {
    generation++;
    pingTimer = clear(pingTimer);
    deadTimer = clear(deadTimer);
    resendTimer = clear(resendTimer);
    welcomed = false;
    const s = socket;
    socket = null;
    if (s) {
      s.onopen = s.onmessage = s.onclose = s.onerror = null;
      try {
        s.close();
      } catch {
        // already closed
      }
    }
  };

  /** The socket is gone (closed, errored or silent): reconnect after a backoff. */
  const lost = (): void => {
    if (status === 'stopped') return;
    detach();
    const delayMs = backoffDelay(attempt, random, o.baseDelayMs, o.maxDelayMs);
    attempt++;
    setStatus('reconnecting', delayMs);
    retryTimer = clear(retryTimer);
    retryTimer = o.timers.set(() => {
      retryTimer = null;
      void connect();
    }, delayMs);
  };

  const onServerFrame = (f: WidgetServerFrame): void => {
    switch (f.type) {
      case 'welcome': {
        welcomed = true;
        attempt = 0;
        // Sends the server already stored (their ack was lost) are not sent again.
        for (const m of f.messages) if (m.clientId) o.outbox.remove(m.clientId);
        o.onFrame(f);
        resendAll();
        return;
      }
      case 'ack':
        o.outbox.remove(f.clientId);
        break;
      case 'message':
        if (f.clientId) o.outbox.remove(f.clientId);
        break;
      case 'error':
        if (f.code === 'rate_limited') {
          const wait = f.retryAfterMs ?? 1_000;
          holdUntil = o.timers.now() + wait;
          resendTimer = clear(resendTimer);
          resendTimer = o.timers.set(() => {
            resendTimer = null;
            resendAll();
          }, wait);
        } else if (f.code === 'unauthenticated') {
          o.onFrame(f);
          void Promise.resolve(o.onUnauthenticated?.()).finally(lost);
          return;
        } else if (f.clientId) {
          // Refused for good (invalid, too large, ...): not resent; the UI marks it.
          o.outbox.remove(f.clientId);
        }
        break;
    }
    o.onFrame(f);
  };

  const connect = async (): Promise<void> => {
    if (status === 'stopped') return;
    detach();
    const gen = generation;
    let url: string;
    try {
      url = await o.url();
    } catch {
      if (gen === generation) lost();
      return;
    }
    if (gen !== generation || (status as ConnectionStatus) === 'stopped') return;
    let s: SocketLike;
    try {
      s = o.open(url);
    } catch {
      lost();
      return;
    }
    socket = s;
    s.onopen = () => {
      if (gen !== generation) return;
      setStatus('open');
      write({ type: 'hello', lastSeq: o.lastSeq() });
      armHeartbeat();
    };
    s.onmessage = (ev) => {
      if (gen !== generation) return;
      deadTimer = clear(deadTimer);
      armHeartbeat();
      let f: WidgetServerFrame;
      try {
        f = JSON.parse(String(ev.data)) as WidgetServerFrame;
      } catch {
        return;
      }
      if (f && typeof f === 'object' && typeof f.type === 'string') onServerFrame(f);
    };
    s.onclose = (ev) => {
      if (gen !== generation) return;
      // 4401: the server refused the token at connect; renew the session before trying again.
      if (ev?.code === 4401) {
        detach();
        void Promise.resolve(o.onUnauthenticated?.()).finally(lost);
      } else lost();
    };
    s.onerror = () => {
      // A close event follows an error; nothing to do here.
    };
  };

  return {
    start() {
      if (status !== 'stopped') return;
      attempt = 0;
      setStatus('connecting');
      void connect();
    },
    stop() {
      retryTimer = clear(retryTimer);
      detach();
      setStatus('stopped');
    },
    wake() {
      if (status !== 'reconnecting') return;
      retryTimer = clear(retryTimer);
      void connect();
    },
    send(text, attachmentIds) {
      const p: PendingSend = { clientId: o.newId(), text, at: o.timers.now(), ...(attachmentIds?.length ? { attachmentIds } : {}) };
      o.outbox.add(p);
      sendPending(p);
      return p;
    },
    retry(p) {
      o.outbox.add(p);
      sendPending(p);
    },
    typing(on) {
      if (welcomed) write({ type: 'typing', on });
    },
    read(seq) {
      if (welcomed) write({ type: 'read', seq });
    },
    csat(score, comment, conversationId, kind) {
      if (!welcomed) return false;
      return write({ type: 'csat', score, ...(kind === 'nps' ? { kind } : {}), ...(comment ? { comment } : {}), ...(conversationId ? { conversationId } : {}) });
    },
    get status() {
      return status;
    },
    get attempt() {
      return attempt;
    },
  };
}
