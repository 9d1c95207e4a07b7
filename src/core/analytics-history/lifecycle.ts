import { book, chooseAgent, onShiftFrom, type AgentState } from './agents.ts';
import type { Rng } from './random.ts';
import { botText, closerText, followUpText, openerText, replyText } from './texts.ts';
import type { HistoryEvent, HistoryInbox, HistoryInput, HistoryMessage, HistoryQueue, HistorySurvey } from './types.ts';

/**
 * One contact of a generated conversation (pure): the customer writes or calls, the bot may
 * answer, routing queues a task, an agent on shift is offered it and accepts (or the customer
 * leaves first), may transfer it, replies, resolves with a disposition, wraps up; a survey, an
 * SLA breach, a reopen or a repeat contact may follow. Events carry exactly the payloads the
 * live code writes (src/core/conversations/intake.ts, src/jobs/routing-pass.ts, src/jobs/routing-persist.ts,
 * src/core/routing/service-*.ts, src/core/desk/dispositions.ts, src/core/flows-runtime/runtime.ts,
 * src/channels/chat/service.ts, src/core/sla/engine.ts).
 */

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface ConvState {
  id: string;
  inbox: HistoryInbox;
  customerId: string;
  createdAt: number;
  subject: string;
  seq: number;
  messages: HistoryMessage[];
  surveys: HistorySurvey[];
  tags: string[];
  assigneeId: string | null;
  resolvedAt: number;
  contacts: number;
  /** Id the SLA events name (the ticket an SLA would run on). */
  slaTicketId: string | null;
}

export interface ContactCtx {
  input: HistoryInput;
  rng: Rng;
  queueAgents: Map<string, AgentState[]>;
  allAgents: AgentState[];
  dayIndexOf(t: number): number;
  emit(e: HistoryEvent): void;
}

export type FollowUp = { kind: 'reopen'; at: number } | { kind: 'repeat'; at: number } | null;

/** Task kind of an inbox channel, as routing names it (src/core/routing/intake.ts kindOfChannel). */
export function kindOf(channel: string): string {
  if (channel === 'voice') return 'call';
  if (channel === 'email') return 'email';
  if (channel === 'sms' || channel === 'whatsapp' || channel === 'messenger' || channel === 'telegram') return 'messaging';
  return 'chat';
}

const patienceMean: Record<string, number> = { call: 150 * SEC, chat: 6 * MIN, messaging: 4 * HOUR, email: Number.POSITIVE_INFINITY };
const handleMedian: Record<string, number> = { call: 5 * MIN, chat: 9 * MIN, messaging: 12 * MIN, email: 7 * MIN };
const firstReplyMedian: Record<string, number> = { call: 4 * SEC, chat: 40 * SEC, messaging: 2 * MIN, email: 4 * MIN };
/** SLA targets by task kind: first response and resolution, ms. Calls have none. */
const slaTargets: Record<string, [number, number] | null> = { call: null, chat: [2 * MIN, HOUR], messaging: [30 * MIN, 8 * HOUR], email: [4 * HOUR, DAY] };

const convTopics = (id: string, ...users: (string | null)[]) => ['tenant', `conversation:${id}`, ...[...new Set(users.filter((u): u is string => !!u))].map((u) => `user:${u}`)];
const taskTopics = (convId: string, ...users: (string | null)[]) => ['tenant', 'wallboard', ...[...new Set(users.filter((u): u is string => !!u))].map((u) => `user:${u}`), `conversation:${convId}`];
const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));
const round2 = (x: number) => Math.round(x * 100) / 100;
const closedText = 'We are closed right now; please leave a message or try again during opening hours.';

function event(c: ContactCtx, at: number, type: string, aggregateType: string, aggregateId: string, actorId: string | null, topics: string[], payload: Record<string, unknown>): void {
  c.emit({ id: c.rng.uuid7(at), at, type, aggregateType, aggregateId, actorId, topics, payload });
}

/** A message row and its message.created event. */
function message(c: ContactCtx, conv: ConvState, at: number, m: { direction: 'inbound' | 'outbound'; userId: string | null; bot: boolean; text: string; sentiment: number | null }): void {
  const id = c.rng.uuid7(at);
  conv.seq += 1;
  conv.messages.push({ id, seq: conv.seq, at, direction: m.direction, authorUserId: m.userId, bot: m.bot, text: m.text, sentiment: m.sentiment });
  const base = { conversationId: conv.id, inboxId: conv.inbox.id, customerId: conv.customerId, seq: conv.seq, direction: m.direction };
  const payload = m.direction === 'inbound'
    ? { ...base, assigneeId: conv.assigneeId, text: m.text, ...(m.sentiment !== null && { sentiment: m.sentiment }) }
    : { ...base, authorUserId: m.userId, ...(m.bot && { authorKind: 'bot' }), text: m.text };
  c.emit({ id: c.rng.uuid7(at), at, type: 'message.created', aggregateType: 'message', aggregateId: id, actorId: m.bot ? null : m.userId, topics: convTopics(conv.id, conv.assigneeId), payload });
}

/** Inbound sentiment: mildly positive on average, worse after a long wait. */
function sentiment(rng: Rng, waitMs: number): number {
  return round2(clamp(rng.normal(0.12, 0.35) - Math.min(0.6, (waitMs / (10 * MIN)) * 0.25), -1, 1));
}

/** The customer's message that starts (or reopens) a contact. */
export function opening(c: ContactCtx, conv: ConvState, at: number, reopen: boolean): void {
  if (reopen) {
    event(c, at, 'conversation.reopened', 'conversation', conv.id, null, convTopics(conv.id, conv.assigneeId), { resolvedAt: new Date(conv.resolvedAt).toISOString(), reason: 'inbound_message' });
  } else {
    event(c, at, 'conversation.created', 'conversation', conv.id, null, convTopics(conv.id), { inboxId: conv.inbox.id, customerId: conv.customerId, channel: conv.inbox.channel });
  }
  message(c, conv, at, { direction: 'inbound', userId: null, bot: false, text: reopen ? followUpText(c.rng) : conv.subject, sentiment: sentiment(c.rng, 0) });
}

function resolveEvent(c: ContactCtx, conv: ConvState, at: number, actor: string | null, payload: Record<string, unknown>): void {
  event(c, at, 'conversation.status_changed', 'conversation', conv.id, actor, convTopics(conv.id, conv.assigneeId, actor), { from: 'open', to: 'resolved', snoozedUntil: null, ...payload });
  conv.resolvedAt = at;
}

/** Runs one contact from its first message at `t`; returns what follows it (a reopen, a repeat contact) or null. */
export function runContact(c: ContactCtx, conv: ConvState, t: number): FollowUp {
  const { rng, input } = c;
  const channel = conv.inbox.channel;
  const kind = kindOf(channel);
  if (conv.contacts > 1 && conv.assigneeId) {
    // A reopened conversation keeps its assignee, so routing makes no task (needsTask): the agent answers it directly.
    const userId = conv.assigneeId;
    const agent = c.allAgents.find((a) => a.agent.id === userId);
    const soon = t + Math.round(rng.lognormal(25 * 60_000, 0.8));
    // Answered on the agent's next shift when the customer wrote outside it.
    const reply = (agent && onShiftFrom(agent, soon, c.dayIndexOf(soon))) ?? soon;
    message(c, conv, reply, { direction: 'outbound', userId, bot: false, text: closerText(rng), sentiment: null });
    const done = reply + rng.int(30, 300) * SEC;
    const code = input.dispositions.length > 0 ? rng.pick(input.dispositions) : null;
    resolveEvent(c, conv, done, userId, { dispositionCode: code?.code ?? null });
    event(c, done, 'conversation.wrapped_up', 'conversation', conv.id, userId, convTopics(conv.id, userId), { dispositionCode: code?.code ?? null, dispositionLabel: code?.label ?? null, note: null });
    return null;
  }
  let ready = t + rng.int(80, 400);
  if (conv.inbox.bot) {
    message(c, conv, t + 1500, { direction: 'outbound', userId: null, bot: true, text: botText(0), sentiment: null });
    if (conv.contacts === 1 && rng.chance(0.35)) {
      // The bot answers and the customer is done: no task, no agent.
      const again = t + rng.int(20, 90) * SEC;
      message(c, conv, again, { direction: 'inbound', userId: null, bot: false, text: followUpText(rng), sentiment: sentiment(rng, 0) });
      message(c, conv, again + 1200, { direction: 'outbound', userId: null, bot: true, text: botText(1), sentiment: null });
      resolveEvent(c, conv, again + rng.int(30, 180) * SEC, null, { reason: 'flow_ended' });
      return null;
    }
    ready = t + rng.int(15, 60) * SEC;
  }
  const queues = input.queues;
  const queue = rng.weighted(queues, queues.map((q) => q.weight ?? 1));
  const candidates = c.queueAgents.get(queue.id) ?? [];
  if ((kind === 'call' || kind === 'chat') && !candidates.some((a) => onShiftFrom(a, ready, c.dayIndexOf(ready)) === ready)) {
    // Closed: nobody of the queue is on shift, so no task; the bot (or the phone line's message) says so.
    message(c, conv, t + 2500, { direction: 'outbound', userId: null, bot: true, text: closedText, sentiment: null });
    resolveEvent(c, conv, t + rng.int(20, 120) * SEC, null, { reason: 'flow_ended' });
    return rng.chance(0.3) ? { kind: 'repeat', at: t + Math.round(rng.between(8 * HOUR, 2 * DAY)) } : null;
  }
  const taskId = rng.uuid7(ready);
  const base = (q: HistoryQueue) => ({ taskId, queueId: q.id, kind, channel, sourceType: 'conversation', sourceId: conv.id });
  event(c, ready, 'task.queued', 'task', taskId, null, taskTopics(conv.id), { ...base(queue), priority: 50, ruleId: null, targetIndex: 0 });

  const choice = chooseAgent(candidates, kind, ready, c.dayIndexOf(ready), rng);
  const ring = () => (kind === 'email' ? rng.int(5, 90) : rng.int(2, 12)) * SEC;
  const ring1 = ring();
  const mean = patienceMean[kind]!;
  const patience = Number.isFinite(mean) ? rng.exponential(mean) : 3 * DAY;
  if (!choice || choice.start + ring1 - ready > patience) {
    // The customer leaves before an agent answers: the conversation ends while the task waits.
    const leftAt = ready + Math.max(500, Math.round(patience));
    resolveEvent(c, conv, leftAt, null, { dispositionCode: null, reason: 'customer_left' });
    event(c, leftAt + 40, 'task.abandoned', 'task', taskId, null, taskTopics(conv.id), { ...base(queue), waitMs: leftAt + 40 - ready });
    return null;
  }

  const offer = (q: HistoryQueue, agent: AgentState, at: number, ringMs: number) => {
    const offerId = rng.uuid7(at);
    const userId = agent.agent.id;
    event(c, at, 'task.offered', 'task', taskId, null, taskTopics(conv.id, userId), { ...base(q), userId, offerId, offeredAt: new Date(at).toISOString(), expiresAt: new Date(at + 30 * SEC).toISOString() });
    const acceptedAt = at + ringMs;
    event(c, acceptedAt, 'task.accepted', 'task', taskId, userId, taskTopics(conv.id, userId), { ...base(q), userId, offerId, waitMs: acceptedAt - ready });
    event(c, acceptedAt, 'conversation.assigned', 'conversation', conv.id, null, convTopics(conv.id, conv.assigneeId, userId), { from: conv.assigneeId, to: userId, via: 'routing', taskId, byUserId: userId });
    conv.assigneeId = userId;
    return acceptedAt;
  };

  let agent = choice.state;
  let bookedFrom = choice.start;
  let assignedAt = offer(queue, agent, choice.start, ring1);
  let currentQueue = queue;
  const waitMs = assignedAt - ready;
  const handle = Math.max(40 * SEC, rng.lognormal(handleMedian[kind]!, 0.55));
  const firstInbound = t;
  const firstReply = assignedAt + Math.min(handle * 0.4, Math.max(2 * SEC, rng.lognormal(firstReplyMedian[kind]!, 0.6)));
  message(c, conv, firstReply, { direction: 'outbound', userId: agent.agent.id, bot: false, text: replyText(rng), sentiment: null });
  if (input.tags.length > 0 && rng.chance(0.4)) {
    const tag = rng.pick(input.tags);
    if (!conv.tags.includes(tag)) {
      const to = [...conv.tags, tag];
      event(c, firstReply + 5 * SEC, 'conversation.tags_changed', 'conversation', conv.id, agent.agent.id, convTopics(conv.id, agent.agent.id), { from: conv.tags, to, added: [tag], removed: [] });
      conv.tags = to;
    }
  }
  if (rng.chance(0.65)) message(c, conv, assignedAt + handle * 0.55, { direction: 'inbound', userId: null, bot: false, text: followUpText(rng), sentiment: sentiment(rng, waitMs) });

  let resolveAt = assignedAt + handle;
  if (rng.chance(0.07)) {
    // Transfer to another queue (or to another agent of the same queue) part-way through.
    const at = Math.round(assignedAt + handle * 0.6) + 1;
    const target = queues.length > 1 ? rng.pick(queues.filter((q) => q.id !== queue.id)) : queue;
    const pool = (c.queueAgents.get(target.id) ?? []).filter((a) => a !== agent);
    const next = chooseAgent(pool.length > 0 ? pool : c.allAgents.filter((a) => a !== agent), kind, at, c.dayIndexOf(at), rng);
    if (next) {
      const from = agent.agent.id;
      event(c, at, 'task.transferred', 'task', taskId, from, taskTopics(conv.id, from), { ...base(target), fromUserId: from, toQueueId: target.id });
      event(c, at, 'conversation.assigned', 'conversation', conv.id, null, convTopics(conv.id, from), { from, to: null, via: 'routing', taskId, byUserId: from });
      conv.assigneeId = null;
      book(agent, kind, bookedFrom, at);
      agent = next.state;
      bookedFrom = next.start;
      currentQueue = target;
      assignedAt = offer(target, agent, next.start, ring());
      resolveAt = assignedAt + Math.max(30 * SEC, rng.lognormal(handle * 0.5, 0.4));
    }
  }
  message(c, conv, resolveAt - 3 * SEC, { direction: 'outbound', userId: agent.agent.id, bot: false, text: closerText(rng), sentiment: null });
  const userId = agent.agent.id;
  const code = input.dispositions.length > 0 ? rng.pick(input.dispositions) : null;
  resolveEvent(c, conv, resolveAt, userId, { dispositionCode: code?.code ?? null });
  event(c, resolveAt, 'conversation.wrapped_up', 'conversation', conv.id, userId, convTopics(conv.id, userId), { dispositionCode: code?.code ?? null, dispositionLabel: code?.label ?? null, note: null });
  const wrapUpMs = currentQueue.wrapUpMs ?? 30 * SEC;
  const endAt = resolveAt + 60 + wrapUpMs;
  if (wrapUpMs > 0) event(c, resolveAt + 60, 'task.wrap_up_started', 'task', taskId, null, taskTopics(conv.id, userId), { ...base(currentQueue), userId, wrapUpMs });
  event(c, endAt, 'task.completed', 'task', taskId, null, taskTopics(conv.id, userId), { ...base(currentQueue), userId, handleMs: endAt - assignedAt });
  book(agent, kind, bookedFrom, endAt);

  const targets = slaTargets[kind];
  if (targets) {
    conv.slaTicketId ??= rng.uuid7(conv.createdAt);
    const breach = (metric: string, dueAt: number) => event(c, dueAt, 'sla.breached', 'ticket', conv.slaTicketId!, null, ['tenant', `ticket:${conv.slaTicketId}`], { metric, policyId: input.slaPolicyId ?? null, dueAt: new Date(dueAt).toISOString(), conversationId: conv.id });
    if (firstReply - firstInbound > targets[0]) breach('first_response', firstInbound + targets[0]);
    if (resolveAt - t > targets[1]) breach('resolution', t + targets[1]);
  }
  if (rng.chance(0.2)) {
    const at = resolveAt + Math.round(rng.exponential(20 * MIN)) + SEC;
    const mood = clamp(1 - waitMs / (15 * MIN), 0, 1) * 0.5 + rng.next() * 0.5;
    const nps = rng.chance(0.3);
    const score = nps ? clamp(Math.round(4 + mood * 6 + rng.normal(0, 1)), 0, 10) : clamp(Math.round(1.6 + mood * 3.6 + rng.normal(0, 0.5)), 1, 5);
    const responseId = rng.uuid7(at);
    conv.surveys.push({ id: responseId, kind: nps ? 'nps' : 'csat', score, at });
    event(c, at, 'survey.responded', 'conversation', conv.id, null, convTopics(conv.id), { conversationId: conv.id, customerId: conv.customerId, kind: nps ? 'nps' : 'csat', score, responseId });
  }
  if (conv.contacts === 1 && rng.chance(0.05)) return { kind: 'reopen', at: resolveAt + Math.round(rng.between(30 * MIN, 4 * DAY)) };
  if (rng.chance(0.07)) return { kind: 'repeat', at: resolveAt + Math.round(rng.between(2 * HOUR, 6 * DAY)) };
  return null;
}
