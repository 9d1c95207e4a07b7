/**
 * The chat state of one widget: session (stored per inbox, shared with other tabs), the socket
 * connection, the timeline and everything the server tells the visitor (typing, queue, receipts,
 * CSAT request). The UI components only read this and call its actions.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { QueueInfo, SessionBody, WidgetConfig, WidgetIdentity, WidgetServerFrame } from '../../../src/contracts/widget.ts';
import type { WidgetApi } from '../lib/api.ts';
import { createConnection, type Connection, type ConnectionStatus, type SocketLike } from '../lib/connection.ts';
import type { Lang } from '../lib/language.ts';
import { createOutbox, memoryStorage, type PendingSend, type StorageLike } from '../lib/outbox.ts';
import { isFresh, readSession, sessionKey, writeSession, type StoredSession } from '../lib/session-store.ts';
import { addMessages, addPending, applyAck, emptyTimeline, markFailed, markPending, type Timeline } from '../lib/timeline.ts';

function browserStorage(): StorageLike {
  try {
    const s = window.localStorage;
    s.getItem('sb-widget:probe');
    return s;
  } catch {
    return memoryStorage();
  }
}

const browserTimers = {
  set: (fn: () => void, ms: number) => window.setTimeout(fn, ms),
  clear: (h: unknown) => window.clearTimeout(h as number),
  now: () => Date.now(),
};

export interface ChatState {
  session: StoredSession | null;
  timeline: Timeline;
  status: ConnectionStatus;
  agentTyping: boolean;
  queue: QueueInfo | null;
  receipt: { deliveredSeq: number; readSeq: number };
  csatFor: string | null;
  /** The rating asked for: CSAT 1–5 or NPS 0–10. */
  csatKind: 'csat' | 'nps';
  /** The visitor answered CSAT in this page. */
  csatDone: boolean;
  resolved: boolean;
  /** The last refusal to show (rate limited, upload refused...), as a message key plus values. */
  notice: { code: string; message: string } | null;
  conversationId: string | null;
}

export interface ChatActions {
  /** Creates a session (pre-chat answers) and connects. */
  start(prechat?: Record<string, string>): Promise<void>;
  send(text: string, attachmentIds?: string[]): void;
  retry(clientId: string): void;
  typing(on: boolean): void;
  markRead(): void;
  csat(score: number, comment?: string): Promise<void>;
  ensureSession(): Promise<StoredSession>;
  setNotice(n: ChatState['notice']): void;
}

export function useChat(opts: { api: WidgetApi; config: WidgetConfig | null; inboxId: string; lang: Lang; identity?: WidgetIdentity; active: boolean }): [ChatState, ChatActions] {
  const { api, inboxId, lang } = opts;
  const storage = useMemo(browserStorage, []);
  const outbox = useMemo(() => createOutbox(storage, inboxId), [storage, inboxId]);
  const [session, setSession] = useState<StoredSession | null>(() => readSession(storage, inboxId));
  const [timeline, setTimeline] = useState<Timeline>(emptyTimeline);
  const [status, setStatus] = useState<ConnectionStatus>('stopped');
  const [agentTyping, setAgentTyping] = useState(false);
  const [queue, setQueue] = useState<QueueInfo | null>(null);
  const [receipt, setReceipt] = useState({ deliveredSeq: 0, readSeq: 0 });
  const [csatFor, setCsatFor] = useState<string | null>(null);
  const [csatKind, setCsatKind] = useState<'csat' | 'nps'>('csat');
  const [csatDone, setCsatDone] = useState(false);
  /** A rating sent over the socket, waiting for csat_saved or an error frame. */
  const csatWait = useRef<{ done(ok: boolean): void } | null>(null);
  const [resolved, setResolved] = useState(false);
  const [notice, setNotice] = useState<ChatState['notice']>(null);
  const [conversationId, setConversationId] = useState<string | null>(session?.conversationId ?? null);
  const timelineRef = useRef(timeline);
  timelineRef.current = timeline;
  const sessionRef = useRef(session);
  sessionRef.current = session;
  const connRef = useRef<Connection | null>(null);
  const typingTimer = useRef<number | undefined>(undefined);
  const sentUnread = useRef(0);

  const newSession = async (prechat?: Record<string, string>): Promise<StoredSession> => {
    const prev = readSession(storage, inboxId) ?? sessionRef.current;
    const body: SessionBody = { language: lang, ...(prev?.visitorId ? { visitorId: prev.visitorId } : {}), ...(prechat ? { prechat } : {}), ...(opts.identity ? { identity: opts.identity } : {}) };
    const r = await api.session(inboxId, body);
    const s: StoredSession = {
      token: r.token,
      visitorId: r.visitorId,
      expiresAt: Date.parse(r.expiresAt),
      conversationId: r.conversationId,
      prechatDone: !!prechat || !!prev?.prechatDone,
    };
    writeSession(storage, inboxId, s);
    setSession(s);
    return s;
  };
  const ensureSession = async (): Promise<StoredSession> => {
    const s = readSession(storage, inboxId) ?? sessionRef.current;
    return isFresh(s, Date.now()) ? s : newSession();
  };

  const onFrame = (f: WidgetServerFrame): void => {
    switch (f.type) {
      case 'welcome':
        setTimeline((t) => addMessages(t, f.messages));
        setConversationId(f.conversationId);
        setQueue(f.queue ?? null);
        if (f.receipt) setReceipt(f.receipt);
        setResolved(f.status === 'resolved');
        break;
      case 'message':
        setTimeline((t) => addMessages(t, [f]));
        setConversationId(f.conversationId);
        if (f.direction === 'outbound') {
          setAgentTyping(false);
          setQueue(null);
          setResolved(false);
        }
        break;
      case 'ack':
        setTimeline((t) => applyAck(t, f));
        setConversationId(f.conversationId);
        setResolved(false);
        break;
      case 'typing':
        setAgentTyping(f.on);
        window.clearTimeout(typingTimer.current);
        if (f.on) typingTimer.current = window.setTimeout(() => setAgentTyping(false), 8_000);
        break;
      case 'receipt':
        setReceipt({ deliveredSeq: f.deliveredSeq, readSeq: f.readSeq });
        break;
      case 'queue':
        setQueue({ position: f.position, waiting: f.waiting, etaSeconds: f.etaSeconds });
        break;
      case 'csat_request':
        if (opts.config?.csat !== false) {
          setCsatFor(f.conversationId);
          setCsatKind(f.kind === 'nps' ? 'nps' : 'csat');
          setCsatDone(false);
        }
        break;
      case 'resolved':
        setResolved(true);
        setQueue(null);
        break;
      case 'csat_saved':
        csatWait.current?.done(true);
        setCsatFor(null);
        setCsatDone(true);
        break;
      case 'error':
        // An answer sent over the socket is refused: a second rating (409) still counts as rated.
        if (csatWait.current && !f.clientId) {
          csatWait.current.done(f.code === 'conflict');
          if (f.code === 'conflict') break;
        }
        if (f.clientId && f.code !== 'rate_limited') setTimeline((t) => markFailed(t, f.clientId!, f.message));
        setNotice({ code: f.code, message: f.message });
        break;
      case 'pong':
        break;
    }
  };
  const onFrameRef = useRef(onFrame);
  onFrameRef.current = onFrame;

  // One connection while there is a session and the visitor is past the pre-chat form.
  const connected = !!session && (session.prechatDone || !opts.config?.prechatFields.length) && opts.active;
  useEffect(() => {
    if (!connected) return;
    const conn = createConnection({
      url: async () => api.socketUrl((await ensureSession()).token),
      // The DOM WebSocket's handler types take an event argument; SocketLike's ignore it.
      open: (url) => new WebSocket(url) as unknown as SocketLike,
      timers: browserTimers,
      outbox,
      lastSeq: () => timelineRef.current.lastSeq,
      newId: () => crypto.randomUUID(),
      onFrame: (f) => onFrameRef.current(f),
      onStatus: (s) => setStatus(s),
      onUnauthenticated: () => {
        const s = readSession(storage, inboxId);
        if (s) writeSession(storage, inboxId, { ...s, expiresAt: 0 });
      },
    });
    connRef.current = conn;
    // What an earlier page left unsent shows at once, marked as sending.
    setTimeline((t) => outbox.list().reduce((acc, p) => addPending(acc, p), t));
    conn.start();
    const wake = (): void => conn.wake();
    const visible = (): void => {
      if (document.visibilityState === 'visible') conn.wake();
    };
    window.addEventListener('online', wake);
    document.addEventListener('visibilitychange', visible);
    return () => {
      window.removeEventListener('online', wake);
      document.removeEventListener('visibilitychange', visible);
      conn.stop();
      connRef.current = null;
    };
  }, [connected, inboxId]);

  // Another tab started or renewed the session: use it (same visitor, same conversation).
  useEffect(() => {
    const onStorage = (e: StorageEvent): void => {
      if (e.key !== sessionKey(inboxId)) return;
      const s = readSession(storage, inboxId);
      if (s && (!sessionRef.current || s.token !== sessionRef.current.token)) setSession(s);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [inboxId]);

  const actions: ChatActions = {
    async start(prechat) {
      await newSession(prechat);
    },
    send(text, attachmentIds) {
      const conn = connRef.current;
      if (!conn) return;
      const p = conn.send(text, attachmentIds);
      setTimeline((t) => addPending(t, p));
      setNotice(null);
    },
    retry(clientId) {
      const item = timelineRef.current.items.find((i) => i.clientId === clientId && i.seq === null);
      if (!item || !connRef.current) return;
      const p: PendingSend = { clientId, text: item.text, at: Date.parse(item.at) };
      setTimeline((t) => markPending(t, clientId));
      connRef.current.retry(p);
    },
    typing(on) {
      connRef.current?.typing(on);
    },
    markRead() {
      const last = [...timelineRef.current.items].reverse().find((i) => i.direction === 'outbound' && i.seq !== null);
      if (last && last.seq! > sentUnread.current) {
        sentUnread.current = last.seq!;
        connRef.current?.read(last.seq!);
      }
    },
    async csat(score, comment) {
      const target = csatFor ?? conversationId;
      if (!target) return;
      // Over the socket the thanks wait for the server's csat_saved (or an error), as over HTTP.
      const saved = new Promise<boolean>((resolve) => {
        const timer = window.setTimeout(() => resolve(false), 15_000);
        csatWait.current = { done: (ok) => { window.clearTimeout(timer); csatWait.current = null; resolve(ok); } };
      });
      if (connRef.current?.csat(score, comment, target, csatKind)) {
        if (!(await saved)) throw new Error('rating not saved');
      } else {
        csatWait.current?.done(true);
        const s = await ensureSession();
        await api.csat(s.token, target, score, comment, csatKind);
      }
      setCsatFor(null);
      setCsatDone(true);
    },
    ensureSession,
    setNotice,
  };

  return [{ session, timeline, status, agentTyping, queue, receipt, csatFor, csatKind, csatDone, resolved, notice, conversationId }, actions];
}
