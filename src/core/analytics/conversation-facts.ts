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
  sentiments: { at: number; score: number }[];
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
  return base ? finishConversationFact(base, messages, repeatContact(base, laterContacts), businessMs) : null;
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
  messages: readonly MessagePoint[],
  repeat: boolean,
  businessMs: (a: number, b: number) => number = (a, b) => Math.max(0, b - a),
): ConversationFact {
  const { everAssigned: assignedByEvents, ...rest } = base;
  const f: ConversationFact = {
    ...rest, tags: [...base.tags], surveys: [...base.surveys], firstInboundAt: null, firstResponseAt: null, firstResponseMs: null, resolutionMs: null,
    fcr: null, botOnly: true, sentiments: [],
  };
  let everAssigned = assignedByEvents;
  const msgs = [...messages].sort((a, b) => a.at - b.at || a.seq - b.seq);
  const seenMsg = new Set<number>();
  for (const m of msgs) {
    if (seenMsg.has(m.seq)) continue;
    seenMsg.add(m.seq);
    if (m.dir === 'in') {
      if (f.firstInboundAt === null) f.firstInboundAt = m.at;
      if (m.sentiment !== null) f.sentiments.push({ at: m.at, score: m.sentiment });
    } else if (m.dir === 'agent') {
      everAssigned = true;
      if (f.firstInboundAt !== null && f.firstResponseAt === null) {
        f.firstResponseAt = m.at;
        f.firstResponseMs = businessMs(f.firstInboundAt, m.at);
      }
      if (!f.agentId && m.userId) f.agentId = m.userId;
    }
  }
  f.botOnly = !everAssigned;
  if (f.resolvedAt !== null) {
    f.resolutionMs = businessMs(f.openedAt, f.resolvedAt);
    f.fcr = f.reopens === 0 && !repeat;
  }
  return f;
}
