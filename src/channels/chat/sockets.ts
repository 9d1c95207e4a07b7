import type { WebSocket } from 'ws';
import type { Logger } from 'pino';
import { widgetClientFrame, WIDGET_LIMITS, type WidgetServerFrame } from '../../contracts/widget.ts';
import type { StoredEvent } from '../../storage/events.repo.ts';
import type { EphemeralMessage } from '../../bus/bus.ts';
import { isAppError } from '../../core/errors.ts';
import { TooLargeError } from '../../core/attachments/errors.ts';
import type { ChatService } from './service.ts';
import type { VisitorClaims } from './token.ts';
import { windowLimiter, type Limiter } from './rate-limit.ts';
import { UnsupportedTypeError } from './errors.ts';

interface Visitor {
  socket: WebSocket;
  claims: VisitorClaims;
  ip: string;
  csat: boolean;
  conversationId: string | null;
  alive: boolean;
  /** Messages this socket sent and was acked for: their echo would only repeat the ack. */
  acked: Set<string>;
}

const ACKED_KEPT = 64;

export interface VisitorSocketsOptions {
  chat: ChatService;
  log: Logger;
  now: () => number;
  heartbeatMs: number;
  /** Sends an ephemeral signal to every node (the staff hub and other visitor sockets hear it). */
  publishEphemeral: (m: EphemeralMessage) => void;
  limits?: { visitor: Limiter; ip: Limiter };
  /** How often delivered marks are written, in one statement per tenant. */
  deliveredFlushMs?: number;
}

/**
 * The node's visitor sockets (one per widget tab): hello -> welcome, sends with acks, typing,
 * read receipts, CSAT; committed events and ephemeral typing from the bus go to the sockets of
 * their conversation. Nothing per visitor is kept but the open socket.
 */
export function createVisitorSockets(o: VisitorSocketsOptions) {
  const byConversation = new Map<string, Set<Visitor>>();
  const byVisitor = new Map<string, Set<Visitor>>();
  const limits = o.limits ?? {
    visitor: windowLimiter(WIDGET_LIMITS.visitorMessages.max, WIDGET_LIMITS.visitorMessages.windowMs),
    ip: windowLimiter(WIDGET_LIMITS.ipMessages.max, WIDGET_LIMITS.ipMessages.windowMs),
  };
  const delivered = new Map<string, Set<string>>();
  const visitorKey = (c: VisitorClaims) => `${c.t}:${c.i}:${c.v}`;

  const send = (v: Visitor, f: WidgetServerFrame) => {
    if (v.socket.readyState === 1) v.socket.send(JSON.stringify(f));
  };
  const add = <K>(m: Map<K, Set<Visitor>>, k: K, v: Visitor) => {
    let s = m.get(k);
    if (!s) m.set(k, (s = new Set()));
    s.add(v);
  };
  const remove = <K>(m: Map<K, Set<Visitor>>, k: K, v: Visitor) => {
    const s = m.get(k);
    if (!s) return;
    s.delete(v);
    if (s.size === 0) m.delete(k);
  };
  function join(v: Visitor, conversationId: string | null) {
    if (v.conversationId === conversationId) return;
    if (v.conversationId) remove(byConversation, v.conversationId, v);
    v.conversationId = conversationId;
    if (conversationId) add(byConversation, conversationId, v);
  }
  /** Every tab of the visitor follows the conversation their message went to. */
  function joinAll(c: VisitorClaims, conversationId: string) {
    for (const v of byVisitor.get(visitorKey(c)) ?? []) join(v, conversationId);
  }

  function errorFrame(e: unknown, clientId?: string): WidgetServerFrame {
    if (e instanceof TooLargeError) return { type: 'error', code: 'too_large', message: e.message, clientId };
    if (e instanceof UnsupportedTypeError) return { type: 'error', code: 'unsupported_type', message: e.message, clientId };
    if (isAppError(e) && e.code !== 'forbidden' && e.code !== 'internal') {
      const retryAfterMs = (e.details as { retryAfterMs?: number } | undefined)?.retryAfterMs;
      return { type: 'error', code: e.code, message: e.message, clientId, ...(retryAfterMs !== undefined && { retryAfterMs }) };
    }
    o.log.warn({ err: e }, 'widget frame failed');
    return { type: 'error', code: 'unavailable', message: 'The server could not handle that; retry shortly', clientId };
  }

  async function handle(v: Visitor, raw: unknown) {
    let data: unknown;
    try {
      data = JSON.parse(String(raw));
    } catch {
      return send(v, { type: 'error', code: 'invalid', message: 'Frames must be JSON objects' });
    }
    const parsed = widgetClientFrame.safeParse(data);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      return send(v, { type: 'error', code: 'invalid', message: `Bad frame at ${i?.path.join('.') || '(root)'}: ${i?.message}` });
    }
    const f = parsed.data;
    const c = v.claims;
    switch (f.type) {
      case 'ping':
        return send(v, { type: 'pong' });
      case 'hello': {
        const h = await o.chat.history(c, f.lastSeq);
        join(v, h.conversationId);
        return send(v, { type: 'welcome', conversationId: h.conversationId, messages: h.messages, receipt: h.receipt, status: h.status, ...(h.queue && { queue: h.queue }) });
      }
      case 'send': {
        const now = o.now();
        const wait = Math.max(limits.visitor.hit(visitorKey(c), now), limits.ip.hit(v.ip, now));
        if (wait > 0) return send(v, { type: 'error', code: 'rate_limited', message: `Too many messages; wait ${Math.ceil(wait / 1000)} s`, clientId: f.clientId, retryAfterMs: wait });
        try {
          const a = await o.chat.send(c, { clientId: f.clientId, text: f.text, attachmentIds: f.attachmentIds });
          joinAll(c, a.conversationId);
          v.acked.add(a.messageId);
          if (v.acked.size > ACKED_KEPT) v.acked.delete(v.acked.values().next().value!);
          return send(v, { type: 'ack', clientId: a.clientId, seq: a.seq, messageId: a.messageId, conversationId: a.conversationId });
        } catch (e) {
          return send(v, errorFrame(e, f.clientId));
        }
      }
      case 'typing':
        if (v.conversationId) o.publishEphemeral({ tenantId: c.t, topic: `conversation:${v.conversationId}`, frame: { type: 'typing', conversationId: v.conversationId, who: 'customer', on: f.on } });
        return;
      case 'read':
        try {
          await o.chat.read(c, f.seq);
        } catch (e) {
          send(v, errorFrame(e));
        }
        return;
      case 'csat': {
        const conversationId = f.conversationId ?? v.conversationId;
        if (!conversationId) return send(v, { type: 'error', code: 'not_found', message: 'There is no conversation to rate yet' });
        try {
          await o.chat.csat(c, { conversationId, kind: f.kind, score: f.score, comment: f.comment });
          return send(v, { type: 'csat_saved', conversationId });
        } catch (e) {
          return send(v, errorFrame(e));
        }
      }
    }
  }

  async function onMessageEvent(e: StoredEvent, sockets: Set<Visitor>, conversationId: string) {
    const p = e.payload as { direction?: string };
    if (p.direction !== 'inbound' && p.direction !== 'outbound' && e.type === 'message.created') return;
    // The sender's own socket has the message from its ack; other tabs need it (no reads otherwise).
    // With files, everyone gets it: the ack does not carry their download links.
    const echo = e.type !== 'message.created' || (Array.isArray((e.payload as { attachmentIds?: unknown }).attachmentIds) && (e.payload as { attachmentIds: unknown[] }).attachmentIds.length > 0);
    const targets = [...sockets].filter((v) => v.socket.readyState === 1 && (echo || !v.acked.has(e.aggregateId)));
    if (targets.length === 0) return;
    const row = await o.chat.messageById(e.tenantId, e.aggregateId);
    if (!row) return;
    const [m] = await o.chat.toWidget(e.tenantId, [row]);
    if (!m) return;
    let got = false;
    for (const v of targets) {
      send(v, { type: 'message', conversationId, ...m });
      got = true;
    }
    if (got && m.direction === 'outbound') {
      let s = delivered.get(e.tenantId);
      if (!s) delivered.set(e.tenantId, (s = new Set()));
      s.add(m.id);
    }
  }

  const flush = setInterval(() => void flushDelivered(), o.deliveredFlushMs ?? 1000);
  flush.unref();
  async function flushDelivered() {
    const batches = [...delivered];
    delivered.clear();
    for (const [tenantId, ids] of batches) await o.chat.markDelivered(tenantId, [...ids]).catch((err) => o.log.warn({ err }, 'marking delivered failed'));
  }

  const beat = setInterval(() => {
    for (const set of byVisitor.values()) {
      for (const v of set) {
        if (!v.alive) {
          v.socket.terminate();
          continue;
        }
        v.alive = false;
        v.socket.ping();
      }
    }
  }, o.heartbeatMs);
  beat.unref();

  let count = 0;
  return {
    size: () => count,
    flushDelivered,

    accept(socket: WebSocket, claims: VisitorClaims, ip: string, csat: boolean, early: unknown[] = []) {
      const v: Visitor = { socket, claims, ip, csat, conversationId: null, alive: true, acked: new Set() };
      add(byVisitor, visitorKey(claims), v);
      count++;
      socket.on('pong', () => (v.alive = true));
      socket.on('close', () => {
        remove(byVisitor, visitorKey(claims), v);
        if (v.conversationId) remove(byConversation, v.conversationId, v);
        count--;
      });
      let chain = Promise.resolve();
      const onFrame = (raw: unknown) => {
        v.alive = true;
        chain = chain.then(() => handle(v, raw)).catch((e) => send(v, errorFrame(e)));
      };
      for (const raw of early) onFrame(raw);
      socket.on('message', onFrame);
    },

    /** A committed event from the bus. */
    publish(e: StoredEvent) {
      const conversationId = (e.payload as { conversationId?: string }).conversationId ?? (e.aggregateType === 'conversation' ? e.aggregateId : undefined) ?? e.topics.find((t) => t.startsWith('conversation:'))?.slice(13);
      if (!conversationId) return;
      const sockets = byConversation.get(conversationId);
      if (!sockets || sockets.size === 0) return;
      const mine = [...sockets].filter((v) => v.claims.t === e.tenantId);
      if (mine.length === 0) return;
      const set = new Set(mine);
      switch (e.type) {
        case 'message.created':
        case 'message.attachments_added':
          void onMessageEvent(e, set, conversationId).catch((err) => o.log.warn({ err }, 'widget delivery failed'));
          return;
        case 'task.position_changed': {
          const p = e.payload as { position?: number; waiting?: number; estimatedWaitSeconds?: number | null };
          if (typeof p.position !== 'number') return;
          for (const v of set) send(v, { type: 'queue', position: p.position, waiting: p.waiting ?? p.position, etaSeconds: p.estimatedWaitSeconds ?? null });
          return;
        }
        case 'conversation.status_changed': {
          if ((e.payload as { to?: string }).to !== 'resolved') return;
          for (const v of set) {
            send(v, { type: 'resolved', conversationId });
            // The kind is the workspace's survey at resolution (src/core/surveys): NPS 0–10 or CSAT 1–5.
            if (v.csat) void o.chat.surveyKind(e.tenantId).catch(() => 'csat' as const).then((kind) => send(v, { type: 'csat_request', conversationId, kind }));
          }
          return;
        }
        case 'message.read': {
          // An agent read the visitor's messages (by: 'agent'); the visitor's own reads are not echoed.
          if ((e.payload as { by?: string }).by === 'customer') return;
          void o.chat.receipt(e.tenantId, conversationId).then((r) => {
            for (const v of set) send(v, { type: 'receipt', ...r });
          }, () => {});
          return;
        }
      }
    },

    /** Ephemeral typing from an agent: to the visitor's sockets. */
    publishEphemeral(m: EphemeralMessage) {
      if (!m.topic.startsWith('conversation:') || m.frame.type !== 'typing' || m.frame.who !== 'agent') return;
      for (const v of byConversation.get(m.topic.slice(13)) ?? []) if (v.claims.t === m.tenantId) send(v, { type: 'typing', on: m.frame.on === true });
    },

    async close() {
      clearInterval(beat);
      clearInterval(flush);
      await flushDelivered();
      for (const set of byVisitor.values()) for (const v of set) v.socket.close(1012, 'server restarting; reconnect');
    },
  };
}
export type VisitorSockets = ReturnType<typeof createVisitorSockets>;
