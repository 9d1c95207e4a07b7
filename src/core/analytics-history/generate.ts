import { invalid } from '../errors.ts';
import { createAgents, planShifts, serves, type AgentState } from './agents.ts';
import { dayKey, expectedArrivals, hourShares, localDayStart, localParts, nextLocalDay } from './calendar.ts';
import { opening, runContact, type ContactCtx, type ConvState } from './lifecycle.ts';
import { createRng } from './random.ts';
import { customerName, openerText, subjectOf } from './texts.ts';
import type { HistoryConversation, HistoryCustomer, HistoryDay, HistoryEvent, HistoryInbox, HistoryInput } from './types.ts';

/**
 * Generated contact-center history (pure, deterministic for a seed): one local day at a time,
 * arrivals by hour of week and season, each contact run through lifecycle.ts against agents on
 * shift. Yields each day's events in time order, the customers first seen that day and the
 * conversations that became final (nothing more will happen to them), so a writer can stream
 * a year of a large center without holding it in memory.
 */

const HOUR = 3_600_000;
/** Days of shifts planned beyond the last arrival, so late work still finds agents. */
const TAIL_DAYS = 16;
const channelWeight: Record<string, number> = { chat: 38, email: 22, voice: 20, whatsapp: 8, sms: 5, messenger: 4, telegram: 3, api: 2 };

type Arrival = { at: number; kind: 'new'; inbox: HistoryInbox; customerId: string | null } | { at: number; kind: 'reopen'; conv: ConvState };

export function validateHistoryInput(input: HistoryInput): void {
  const problems: { path: string; message: string }[] = [];
  if (!(input.end > input.start)) problems.push({ path: 'end', message: 'must be after start' });
  if (input.queues.length === 0) problems.push({ path: 'queues', message: 'at least one queue is needed' });
  if (input.agents.length === 0) problems.push({ path: 'agents', message: 'at least one agent is needed' });
  if (input.inboxes.length === 0) problems.push({ path: 'inboxes', message: 'at least one inbox is needed' });
  if (!(input.perDay >= 0)) problems.push({ path: 'perDay', message: 'must be zero or more' });
  try {
    new Intl.DateTimeFormat('en', { timeZone: input.timeZone });
  } catch {
    problems.push({ path: 'timeZone', message: `unknown time zone ${input.timeZone}` });
  }
  if (problems.length > 0) throw invalid(`Cannot generate history: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems);
}

/** Insert keeping `list` sorted by `at` (stable: equal times keep insertion order). */
function insertSorted<T extends { at: number }>(list: T[], item: T): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.at <= item.at) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, item);
}

export function* generateHistory(input: HistoryInput): Generator<HistoryDay> {
  validateHistoryInput(input);
  const tz = input.timeZone;
  const cutoff = input.cutoff ?? input.end;
  const rng = createRng(input.seed);
  const shiftRng = createRng((input.seed ^ 0x5bd1e995) >>> 0);

  // Local days of the range, and shift days beyond it.
  const dayStarts: number[] = [];
  for (let d = localDayStart(input.start, tz); d < input.end; d = nextLocalDay(d, tz)) dayStarts.push(d);
  const days = dayStarts.length;
  for (let i = 0; i < TAIL_DAYS; i++) dayStarts.push(nextLocalDay(dayStarts[dayStarts.length - 1]!, tz));
  const agents = createAgents(input.agents);
  for (let i = 0; i < dayStarts.length; i++) planShifts(agents, i, localParts(dayStarts[i]! + 12 * HOUR, tz), tz, shiftRng);
  const queueAgents = new Map<string, AgentState[]>(input.queues.map((q) => [q.id, agents.filter((a) => serves(q, a))]));
  const dayIndexOf = (t: number): number => {
    let lo = 0;
    let hi = dayStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (dayStarts[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  let pending: HistoryEvent[] = [];
  const ctx: ContactCtx = { input, rng, queueAgents, allAgents: agents, dayIndexOf, emit: (e) => pending.push(e) };
  const inboxWeights = input.inboxes.map((i) => i.weight ?? channelWeight[i.channel] ?? 5);
  const pool: string[] = [...input.customers];
  const arrivals: Arrival[] = [];

  for (let index = 0; index < days; index++) {
    const dayStart = dayStarts[index]!;
    const dayEnd = Math.min(dayStarts[index + 1]!, input.end);
    const p = localParts(dayStart + 12 * HOUR, tz);
    const out: HistoryDay = { day: dayKey(p), index, dayStart, customers: [], conversations: [], events: [] };
    // New arrivals of the day, hour by hour.
    const shares = hourShares(p.dow);
    const mean = expectedArrivals(input.perDay, p);
    const hours = Math.round((dayStarts[index + 1]! - dayStart) / HOUR);
    for (let h = 0; h < hours; h++) {
      const from = dayStart + h * HOUR;
      const local = localParts(from, tz).hour;
      const n = rng.poisson(mean * shares[local]!);
      for (let k = 0; k < n; k++) {
        const at = from + Math.floor(rng.next() * HOUR);
        if (at < input.start || at >= dayEnd) continue;
        const inbox = rng.weighted(input.inboxes, inboxWeights);
        insertSorted(arrivals, { at, kind: 'new', inbox, customerId: pool.length > 0 && rng.chance(0.3) ? rng.pick(pool) : null });
      }
    }
    // Every arrival of the day in time order (follow-ups scheduled today for today included).
    while (arrivals.length > 0 && arrivals[0]!.at < dayEnd) {
      const a = arrivals.shift()!;
      let conv: ConvState;
      if (a.kind === 'new') {
        let customerId = a.customerId;
        if (!customerId) {
          const c: HistoryCustomer = { id: rng.uuid7(a.at), name: customerName(rng), createdAt: a.at };
          customerId = c.id;
          pool.push(c.id);
          out.customers.push(c);
        }
        const opener = openerText(rng, a.inbox.channel);
        conv = { id: rng.uuid7(a.at), inbox: a.inbox, customerId, createdAt: a.at, subject: subjectOf(opener, null), seq: 0, messages: [], surveys: [], tags: [], assigneeId: null, resolvedAt: a.at, contacts: 1, slaTicketId: null };
        opening(ctx, conv, a.at, false);
      } else {
        conv = a.conv;
        conv.contacts += 1;
        opening(ctx, conv, a.at, true);
      }
      const next = runContact(ctx, conv, a.at);
      if (next?.kind === 'reopen' && next.at < input.end) {
        insertSorted(arrivals, { at: next.at, kind: 'reopen', conv });
        continue;
      }
      if (next?.kind === 'repeat' && next.at < input.end) {
        const others = input.inboxes.filter((i) => i.id !== conv.inbox.id);
        // On the same inbox a new message would reopen the conversation; a repeat contact comes on another one.
        if (others.length > 0) insertSorted(arrivals, { at: next.at, kind: 'new', inbox: rng.pick(others), customerId: conv.customerId });
      }
      out.conversations.push(finalRow(conv, cutoff));
    }
    // Release the day's events; later ones wait for their day.
    const last = index === days - 1;
    pending.sort((x, y) => x.at - y.at);
    const limit = last ? cutoff : Math.min(dayEnd, cutoff);
    let cut = 0;
    while (cut < pending.length && pending[cut]!.at < limit) cut++;
    out.events = pending.slice(0, cut);
    pending = last ? [] : pending.slice(cut);
    if (last) {
      // Conversations waiting for a reopen that falls after the end are final as they are.
      for (const a of arrivals) if (a.kind === 'reopen') out.conversations.push(finalRow(a.conv, cutoff));
      arrivals.length = 0;
    }
    yield out;
  }
}

/** The row of a conversation: resolved, its messages and surveys up to the cutoff. */
function finalRow(conv: ConvState, cutoff: number): HistoryConversation {
  return {
    id: conv.id, inboxId: conv.inbox.id, channel: conv.inbox.channel, customerId: conv.customerId, createdAt: conv.createdAt,
    resolvedAt: Math.min(conv.resolvedAt, cutoff), assigneeId: conv.assigneeId, tags: conv.tags, subject: conv.subject,
    messages: conv.messages.filter((m) => m.at < cutoff), surveys: conv.surveys.filter((s) => s.at < cutoff),
  };
}
