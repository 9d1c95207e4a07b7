import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { Logger } from 'pino';
import { clientFrame, type ServerFrame } from '../../contracts/realtime.ts';
import type { Principal } from '../../core/auth/principal.ts';
import type { Repos } from '../../storage/repos.ts';
import type { StoredEvent } from '../../storage/events.repo.ts';
import type { Clock } from '../../core/context.ts';
import { deniedTicketTopics, mayFollow } from './topics.ts';
import { tickCorker } from './cork.ts';
import type { EphemeralMessage } from '../../bus/bus.ts';

interface Client {
  socket: WebSocket;
  /** The connection under the websocket, corked while a tick's frames are written. */
  raw: Socket | undefined;
  principal: Principal;
  topics: Set<string>;
  /** Highest seq sent; anything at or below it is a duplicate. */
  lastSeq: number;
  /** While catching up from the database, live events wait here. */
  buffer: StoredEvent[] | null;
  alive: boolean;
}

export interface HubMetrics {
  connections: { inc(): void; dec(): void };
  eventLag: { observe(seconds: number): void };
}

const REPLAY_BATCH = 500;

/** Does this event end the access a socket was opened with (sign-out, revoked token, deactivated user)? */
export function accessEnded(p: Principal, e: StoredEvent): boolean {
  const pl = e.payload as { sessionIds?: string[]; exceptSessionId?: string | null; tokenId?: string; active?: boolean };
  switch (e.type) {
    case 'session.revoked':
      if (e.aggregateId !== p.userId || p.via !== 'session') return false;
      if (pl.sessionIds) return pl.sessionIds.includes(p.sessionId!);
      return pl.exceptSessionId !== p.sessionId;
    case 'token.revoked':
      return p.via === 'token' && pl.tokenId === p.tokenId;
    case 'user.updated':
      return e.aggregateId === p.userId && pl.active === false;
    default:
      return false;
  }
}

/** The node's websocket clients: subscriptions, catch-up after reconnect, live fan-out, heartbeats. */
export function createHub(opts: { repos: Repos; clock: Clock; log: Logger; heartbeatMs: number; metrics: HubMetrics; publishEphemeral?: (m: EphemeralMessage) => void }) {
  const { repos, log, metrics } = opts;
  const clients = new Set<Client>();
  const cork = tickCorker();

  const send = (c: Client, f: ServerFrame) => {
    if (c.socket.readyState !== 1) return;
    cork(c.raw);
    c.socket.send(JSON.stringify(f));
  };
  /**
   * Agents see only some tickets (per-team visibility), but every ticket event also goes to the
   * `tenant` topic so lists refresh. An agent who gets a ticket event only through `tenant` (not
   * through a ticket, user or team topic checked for them) gets it without its payload: enough to
   * reload a list (which the API filters), nothing of a ticket they may not see.
   */
  const redacted = (c: Client, e: StoredEvent) =>
    c.principal.role === 'agent' && e.aggregateType === 'ticket' && !e.topics.some((t) => t !== 'tenant' && c.topics.has(t));
  const deliver = (c: Client, e: StoredEvent) => {
    if (e.seq <= c.lastSeq) return;
    c.lastSeq = e.seq;
    send(c, {
      type: 'event',
      seq: e.seq,
      event: {
        id: e.id,
        type: e.type,
        aggregateType: e.aggregateType,
        aggregateId: e.aggregateId,
        actorId: e.actorId,
        topics: e.topics,
        payload: redacted(c, e) ? { redacted: true } : e.payload,
        createdAt: e.createdAt.toISOString(),
      },
    });
  };
  const wants = (c: Client, e: StoredEvent) => c.principal.tenantId === e.tenantId && e.topics.some((t) => c.topics.has(t));

  async function subscribe(c: Client, topics: string[], since: number | undefined) {
    const teamIds = new Set(await repos.teams.teamIdsOf(c.principal.tenantId, c.principal.userId));
    const denied = topics.filter((t) => !mayFollow(c.principal, t, teamIds));
    if (denied.length === 0) denied.push(...(await deniedTicketTopics(repos, c.principal, topics)));
    if (denied.length) {
      send(c, { type: 'error', code: 'forbidden', message: `You may not follow ${denied.join(', ')}; nothing was subscribed` });
      return;
    }
    const fresh = topics.filter((t) => !c.topics.has(t));
    const current = await repos.tenants.currentSeq(c.principal.tenantId);
    if (since === undefined || fresh.length === 0) {
      for (const t of fresh) c.topics.add(t);
      if (c.lastSeq === 0) c.lastSeq = current;
      send(c, { type: 'subscribed', topics: [...c.topics], seq: c.lastSeq });
      return;
    }
    // Catch up: buffer live events, replay from the database, then flush the buffer without duplicates.
    c.buffer = [];
    for (const t of fresh) c.topics.add(t);
    c.lastSeq = Math.min(c.lastSeq || since, since);
    try {
      for (;;) {
        const batch = await repos.events.since(c.principal.tenantId, c.lastSeq, [...c.topics], REPLAY_BATCH);
        for (const e of batch) deliver(c, e);
        if (batch.length < REPLAY_BATCH) break;
      }
      if (c.lastSeq < current) c.lastSeq = current;
    } finally {
      const waiting = c.buffer ?? [];
      c.buffer = null;
      waiting.sort((a, b) => a.seq - b.seq);
      for (const e of waiting) deliver(c, e);
    }
    send(c, { type: 'subscribed', topics: [...c.topics], seq: c.lastSeq });
  }

  const beat = setInterval(() => {
    for (const c of clients) {
      if (!c.alive) {
        c.socket.terminate();
        continue;
      }
      c.alive = false;
      c.socket.ping();
    }
  }, opts.heartbeatMs);
  beat.unref();

  return {
    size: () => clients.size,

    /** `raw`: the TCP connection the websocket was upgraded from (frames of one tick share a write). */
    accept(socket: WebSocket, principal: Principal, raw?: Socket) {
      const c: Client = { socket, raw, principal, topics: new Set(), lastSeq: 0, buffer: null, alive: true };
      clients.add(c);
      metrics.connections.inc();
      socket.on('pong', () => (c.alive = true));
      socket.on('close', () => {
        if (clients.delete(c)) metrics.connections.dec();
      });
      let chain = Promise.resolve();
      socket.on('message', (raw) => {
        c.alive = true;
        chain = chain.then(async () => {
          let data: unknown;
          try {
            data = JSON.parse(String(raw));
          } catch {
            return send(c, { type: 'error', code: 'invalid', message: 'Frames must be JSON objects' });
          }
          const f = clientFrame.safeParse(data);
          if (!f.success) {
            const i = f.error.issues[0];
            return send(c, { type: 'error', code: 'invalid', message: `Bad frame at ${i?.path.join('.') || '(root)'}: ${i?.message}` });
          }
          try {
            if (f.data.type === 'ping') send(c, { type: 'pong' });
            else if (f.data.type === 'typing') {
              // Ephemeral: only for a conversation the socket follows (so access was checked on subscribe).
              const topic = `conversation:${f.data.conversationId}`;
              if (!c.topics.has(topic)) send(c, { type: 'error', code: 'forbidden', message: `Subscribe to ${topic} before sending typing for it` });
              else opts.publishEphemeral?.({ tenantId: c.principal.tenantId, topic, frame: { type: 'typing', conversationId: f.data.conversationId, who: 'agent', userId: c.principal.userId, on: f.data.on } });
            }
            else if (f.data.type === 'unsubscribe') {
              for (const t of f.data.topics) c.topics.delete(t);
              send(c, { type: 'unsubscribed', topics: f.data.topics });
            } else await subscribe(c, f.data.topics, f.data.since);
          } catch (e) {
            log.warn({ err: e }, 'websocket frame failed');
            send(c, { type: 'error', code: 'unavailable', message: 'The server could not handle that frame; retry shortly' });
          }
        });
      });
    },

    /** A bus event: to every local client that follows one of its topics; ended access closes sockets. */
    publish(e: StoredEvent) {
      metrics.eventLag.observe(Math.max(0, (opts.clock.now().getTime() - e.createdAt.getTime()) / 1000));
      for (const c of clients) {
        if (c.principal.tenantId !== e.tenantId) continue;
        if (wants(c, e)) {
          if (c.buffer) c.buffer.push(e);
          else deliver(c, e);
        }
        if (accessEnded(c.principal, e)) c.socket.close(4001, 'access ended; sign in again');
      }
    },

    /** Ephemeral typing from the bus: to local staff sockets following its topic (not back to the typist). */
    publishEphemeral(m: EphemeralMessage) {
      const f = m.frame as { type?: string; conversationId?: string; who?: 'customer' | 'agent'; userId?: string; on?: boolean };
      if (f.type !== 'typing' || !f.conversationId || !f.who) return;
      for (const c of clients) {
        if (c.principal.tenantId !== m.tenantId || !c.topics.has(m.topic)) continue;
        if (f.who === 'agent' && f.userId === c.principal.userId) continue;
        send(c, { type: 'typing', conversationId: f.conversationId, who: f.who, ...(f.userId && { userId: f.userId }), on: f.on === true });
      }
    },

    close() {
      clearInterval(beat);
      for (const c of clients) c.socket.close(1001, 'server shutting down');
    },
  };
}
export type Hub = ReturnType<typeof createHub>;
