/**
 * One conversation's facts for reports (pure), folded from its own events (aggregate
 * 'conversation'), the message points kept from `message.created` events (aggregate 'message',
 * carried by the caller because they are not found by the conversation's aggregate id), and the
 * customer's next contact (for FCR).
 *
 * Definitions (METRICS.md, decision 020):
 * - first response: first inbound message → the first reply written by a person (not the bot)
 *   after it, in business time; none when the conversation never had an inbound message.
 * - resolution: opened → resolved in business time; a reopened conversation counts once, at its
 *   last resolution. Business time is the tenant's default business calendar (24/7 without one).
 * - FCR: resolved, never reopened, and no new conversation of the same customer opened within
 *   7 days after the resolution (on any topic when either conversation has no disposition code,
 *   else only one with the same code). Provisional until those 7 days have passed.
 * - bot only: no person ever wrote or was assigned; its resolution is the bot's, not counted as
 *   resolved by the contact center (it is counted apart: `botResolved`).
 */

import type { TaskEvent } from './task-facts.ts';
import { compareEvents } from './task-facts.ts';
import { bucketOf } from './buckets.ts';

export interface MessagePoint {
  seq: number;
  at: number;
  /** in: from the customer; agent: by a person; bot: by the bot; note: internal. */
  dir: 'in' | 'agent' | 'bot' | 'note';
  userId: string | null;
  sentiment: number | null;
}

export interface LaterContact {
  conversationId: string;
  openedAt: number;
  dispositionCode: string | null;
}

export interface ConversationFact {
  conversationId: string;
  openedAt: number;
  channel: string | null;
  inboxId: string | null;
  customerId: string | null;
  firstInboundAt: number | null;
  firstResponseAt: number | null;
  firstResponseMs: number | null;
  resolvedAt: number | null;
  resolutionMs: number | null;
  reopens: number;
  /** Assignee at the last resolution, else the latest one. */
  agentId: string | null;
  dispositionCode: string | null;
  tags: string[];
  /** The bot's intent when it handed over (flows), else null. */
  intent: string | null;
  fcr: boolean | null;
  botOnly: boolean;
  surveys: { at: number; kind: 'csat' | 'nps'; score: number }[];
  /** Inbound sentiment per 15-minute bucket: the sum of the messages' scores in thousandths, and how many. */
  sentiments: { at: number; milli: number; n: number }[];
}

export const fcrWindowMs = 7 * 24 * 3_600_000;

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** A message.created event as a message point (or null for other events). */
export function messagePoint(e: { seq: number; at: number; payload: Record<string, unknown> }): MessagePoint | null {
  const p = e.payload;
  const dir = p.direction === 'inbound' ? 'in' : p.direction === 'note' ? 'note' : p.authorKind === 'bot' ? 'bot' : str(p.authorUserId) ? 'agent' : 'bot';
  const s = typeof p.sentiment === 'number' && Number.isFinite(p.sentiment) ? Math.max(-1, Math.min(1, p.sentiment)) : null;
  return { seq: e.seq, at: e.at, dir, userId: str(p.authorUserId), sentiment: dir === 'in' ? s : null };
}

/**
 * What a conversation's own events say, before its messages and the customer's next contacts:
 * kept on its fact, so a batch that brings only messages need not read the events again.
 */
export interface ConversationBase {
  conversationId: string;
  openedAt: number;
  channel: string | null;
  inboxId: string | null;
  customerId: string | null;
  resolvedAt: number | null;
  reopens: number;
  agentId: string | null;
  dispositionCode: string | null;
  tags: string[];
  intent: string | null;
  surveys: { at: number; kind: 'csat' | 'nps'; score: number }[];
  /** A person was assigned at some point (a reply by a person counts too, from the messages). */
  everAssigned: boolean;
}

export function buildConversationFact(
  conversationId: string,
  events: readonly TaskEvent[],
  messages: readonly MessagePoint[],
  laterContacts: readonly LaterContact[] = [],
  /** Business time between two instants, ms (the tenant's default business calendar); elapsed time when absent. */
  businessMs: (a: number, b: number) => number = (a, b) => Math.max(0, b - a),
): ConversationFact | null {
  const base = conversationBase(conversationId, events);
  return base ? finishConversationFact(base, foldMessages(null, messages), repeatContact(base, laterContacts), businessMs) : null;
}

/**
 * What a conversation's messages say for its fact, folded a batch at a time and kept on the fact in
 * place of every message (a fact that kept them all was rewritten whole at each new message, so a
 * long conversation cost more with every line):
 * - the earliest inbound message (time, then seq, as the messages are ordered);
 * - the replies by a person up to and including the first response, in that order (all of them while
 *   there is none). A late message (an earlier time, a later seq) can only move the first inbound
 *   earlier, so the first response can only become an earlier reply, and that one is kept;
 * - the earliest reply by a named person (the agent of a conversation nobody was assigned);
 * - inbound sentiment per 15-minute bucket;
 * - the highest seq folded: a conversation's messages are folded in seq order, so one at or below it
 *   was counted already (a message delivered twice counts once).
 */
export interface MessageSummary {
  maxSeq: number;
  firstIn: { at: number; seq: number } | null;
  replies: { at: number; seq: number; userId: string | null }[];
  firstBy: { at: number; seq: number; userId: string } | null;
  sentiment: { at: number; milli: number; n: number }[];
}

const before = (a: { at: number; seq: number }, b: { at: number; seq: number }): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/** Index in `replies` of the first response (the first reply after the first inbound message), or -1. */
function firstResponseIndex(s: MessageSummary): number {
  const first = s.firstIn;
  return first ? s.replies.findIndex((r) => before(first, r)) : -1;
}

/** `prev` (or nothing) with these messages folded in; `prev` is not changed. */
export function foldMessages(prev: MessageSummary | null, messages: readonly MessagePoint[]): MessageSummary {
  const s: MessageSummary = prev
    ? { maxSeq: prev.maxSeq, firstIn: prev.firstIn, replies: [...prev.replies], firstBy: prev.firstBy, sentiment: prev.sentiment.map((x) => ({ ...x })) }
    : { maxSeq: 0, firstIn: null, replies: [], firstBy: null, sentiment: [] };
  const list = messages.length > 1 ? [...messages].sort((a, b) => a.seq - b.seq) : messages;
  for (const m of list) {
    if (m.seq <= s.maxSeq) continue;
    s.maxSeq = m.seq;
    if (m.dir === 'in') {
      if (!s.firstIn || before(m, s.firstIn)) s.firstIn = { at: m.at, seq: m.seq };
      if (m.sentiment !== null) {
        const at = bucketOf(m.at);
        const milli = Math.round(m.sentiment * 1000);
        const x = s.sentiment.find((y) => y.at === at);
        if (x) {
          x.milli += milli;
          x.n++;
        } else s.sentiment.push({ at, milli, n: 1 });
      }
    } else if (m.dir === 'agent') {
      const r = { at: m.at, seq: m.seq, userId: m.userId };
      let i = s.replies.length;
      while (i > 0 && before(r, s.replies[i - 1]!)) i--;
      s.replies.splice(i, 0, r);
      if (m.userId && (!s.firstBy || before(r, s.firstBy))) s.firstBy = { at: m.at, seq: m.seq, userId: m.userId };
    }
  }
  // Replies after the first response can never become it.
  const k = firstResponseIndex(s);
  if (k >= 0) s.replies.length = k + 1;
  return s;
}

/** The summary as stored on a fact (compact tuples). */
export function packSummary(s: MessageSummary): unknown {
  return {
    s: s.maxSeq, i: s.firstIn ? [s.firstIn.at, s.firstIn.seq] : null, r: s.replies.map((r) => [r.at, r.seq, r.userId]),
    b: s.firstBy ? [s.firstBy.at, s.firstBy.seq, s.firstBy.userId] : null, m: s.sentiment.map((x) => [x.at, x.milli, x.n]),
  };
}

/** A stored summary, or null when `x` is not one. */
export function unpackSummary(x: unknown): MessageSummary | null {
  if (typeof x !== 'object' || x === null || typeof (x as { s?: unknown }).s !== 'number') return null;
  const o = x as { s: number; i: [number, number] | null; r?: [number, number, string | null][]; b: [number, number, string] | null; m?: [number, number, number][] };
  return {
    maxSeq: o.s, firstIn: o.i ? { at: o.i[0], seq: o.i[1] } : null, replies: (o.r ?? []).map(([at, seq, userId]) => ({ at, seq, userId })),
    firstBy: o.b ? { at: o.b[0], seq: o.b[1], userId: o.b[2] } : null, sentiment: (o.m ?? []).map(([at, milli, n]) => ({ at, milli, n })),
  };
}

/** The conversation's own events folded (null until its `conversation.created` is among them). */
export function conversationBase(conversationId: string, events: readonly TaskEvent[]): ConversationBase | null {
  const seen = new Set<number>();
  const sorted = [...events].sort(compareEvents).filter((e) => (seen.has(e.seq) ? false : (seen.add(e.seq), true)));
  const created = sorted.find((e) => e.type === 'conversation.created');
  if (!created) return null;
  const f: ConversationBase = {
    conversationId, openedAt: created.at, channel: str(created.payload.channel), inboxId: str(created.payload.inboxId), customerId: str(created.payload.customerId),
    resolvedAt: null, reopens: 0, agentId: null, dispositionCode: null, tags: [], intent: null, surveys: [], everAssigned: false,
  };
  let resolved = false;
  for (const e of sorted) {
    const p = e.payload;
    switch (e.type) {
      case 'conversation.status_changed':
        if (p.to === 'resolved') {
          resolved = true;
          f.resolvedAt = e.at;
          if (p.dispositionCode !== undefined) f.dispositionCode = str(p.dispositionCode);
        } else if (p.from === 'resolved' || p.to === 'open') {
          if (resolved && p.from === 'resolved') resolved = false;
        }
        break;
      case 'conversation.reopened':
        f.reopens++;
        resolved = false;
        break;
      case 'conversation.assigned': {
        const to = str(p.to);
        if (to) f.everAssigned = true;
        if (!resolved) f.agentId = to ?? f.agentId;
        break;
      }
      case 'conversation.tags_changed':
        if (Array.isArray(p.to)) f.tags = p.to.filter((t): t is string => typeof t === 'string');
        break;
      case 'flow.handed_over':
        if (typeof p.intent === 'string' && p.intent) f.intent = p.intent;
        break;
      case 'survey.responded':
        if ((p.kind === 'csat' || p.kind === 'nps') && typeof p.score === 'number') f.surveys.push({ at: e.at, kind: p.kind, score: p.score });
        break;
      default:
        break;
    }
  }
  if (!resolved) f.resolvedAt = null;
  // A reopen without a status event (older data) still means the conversation came back.
  if (f.reopens === 0) f.reopens = sorted.filter((e) => e.type === 'conversation.status_changed' && e.payload.from === 'resolved' && e.payload.to !== 'resolved').length;
  return f;
}

/** Whether one of the customer's later contacts makes a resolved conversation a repeat (FCR no). */
export function repeatContact(base: ConversationBase, laterContacts: readonly LaterContact[]): boolean {
  const at = base.resolvedAt;
  if (at === null) return false;
  return laterContacts.some((c) => c.conversationId !== base.conversationId && c.openedAt > at && c.openedAt <= at + fcrWindowMs
    && (base.dispositionCode === null || c.dispositionCode === null || c.dispositionCode === base.dispositionCode));
}

/** The fact: the base with its messages (first response, sentiment, who answered) and FCR. */
export function finishConversationFact(
  base: ConversationBase,
  messages: MessageSummary,
  repeat: boolean,
  businessMs: (a: number, b: number) => number = (a, b) => Math.max(0, b - a),
): ConversationFact {
  // Written out field by field (not spread from the base): one object shape for every fact.
  const f: ConversationFact = {
    conversationId: base.conversationId, openedAt: base.openedAt, channel: base.channel, inboxId: base.inboxId, customerId: base.customerId,
    firstInboundAt: messages.firstIn?.at ?? null, firstResponseAt: null, firstResponseMs: null, resolvedAt: base.resolvedAt, resolutionMs: null,
    reopens: base.reopens, agentId: base.agentId, dispositionCode: base.dispositionCode, tags: [...base.tags], intent: base.intent, fcr: null,
    botOnly: !base.everAssigned && messages.replies.length === 0, surveys: [...base.surveys], sentiments: messages.sentiment.map((x) => ({ ...x })),
  };
  const k = firstResponseIndex(messages);
  if (k >= 0) {
    f.firstResponseAt = messages.replies[k]!.at;
    f.firstResponseMs = businessMs(messages.firstIn!.at, f.firstResponseAt);
  }
  if (!f.agentId && messages.firstBy) f.agentId = messages.firstBy.userId;
  if (f.resolvedAt !== null) {
    f.resolutionMs = businessMs(f.openedAt, f.resolvedAt);
    f.fcr = f.reopens === 0 && !repeat;
  }
  return f;
}
