import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAppError } from '../errors.ts';
import { localParts } from './calendar.ts';
import { generateHistory } from './generate.ts';
import { kindOf } from './lifecycle.ts';
import type { HistoryDay, HistoryEvent, HistoryInput } from './types.ts';

const TZ = 'Europe/London';
const input = (over: Partial<HistoryInput> = {}): HistoryInput => ({
  seed: 7,
  tenantId: 'tenant',
  timeZone: TZ,
  start: Date.UTC(2026, 2, 2), // Monday 2 March 2026
  end: Date.UTC(2026, 3, 5, 23), // five weeks (local midnight, BST), across the spring DST change
  cutoff: Date.UTC(2026, 3, 9), // late work finishes
  perDay: 120,
  queues: [{ id: 'q-billing', teamIds: ['support'], weight: 2 }, { id: 'q-sales', teamIds: ['sales'] }, { id: 'q-support', teamIds: ['support'], wrapUpMs: 45_000 }],
  agents: [
    { id: 'alex', teamIds: ['support'] }, { id: 'priya', teamIds: ['support'] }, { id: 'kasia', teamIds: ['support'] },
    { id: 'wen', teamIds: ['sales'] }, { id: 'sam', teamIds: ['support', 'sales'] }, { id: 'jo', teamIds: ['sales'] },
  ],
  inboxes: [{ id: 'chat', channel: 'chat', bot: true }, { id: 'mail', channel: 'email' }, { id: 'phone', channel: 'voice' }, { id: 'wa', channel: 'whatsapp' }],
  customers: ['c-existing-1', 'c-existing-2'],
  dispositions: [{ code: 'resolved', label: 'Resolved' }, { code: 'refund', label: 'Refund issued' }],
  tags: ['billing', 'delivery', 'technical'],
  slaPolicyId: null,
  ...over,
});

const run = (i: HistoryInput): HistoryDay[] => [...generateHistory(i)];
const days = run(input());
const events: HistoryEvent[] = days.flatMap((d) => d.events);
const byTask = new Map<string, HistoryEvent[]>();
for (const e of events) if (e.aggregateType === 'task') byTask.set(e.aggregateId, [...(byTask.get(e.aggregateId) ?? []), e]);
const conversations = days.flatMap((d) => d.conversations);

test('deterministic for a seed; another seed gives another history', () => {
  const small = input({ end: Date.UTC(2026, 2, 9) });
  assert.deepEqual(run(small), run(small));
  const other = run({ ...small, seed: 8 });
  assert.notDeepEqual(other.flatMap((d) => d.events.map((e) => e.id)), run(small).flatMap((d) => d.events.map((e) => e.id)));
});

test('one day each, events in time order inside the range, ids unique', () => {
  assert.equal(days.length, 35);
  assert.deepEqual(days.slice(0, 2).map((d) => d.day), ['2026-03-02', '2026-03-03']);
  for (let i = 1; i < events.length; i++) assert.ok(events[i]!.at >= events[i - 1]!.at, `event ${i} out of order`);
  assert.ok(events[0]!.at >= input().start);
  assert.ok(events[events.length - 1]!.at < input().cutoff!);
  assert.ok(conversations.every((c) => c.createdAt < input().end));
  for (const d of days.slice(0, -1)) for (const e of d.events) assert.ok(e.at < d.dayStart + 26 * 3_600_000 && e.at >= d.dayStart, `${e.type} released on the wrong day`);
  assert.equal(new Set(events.map((e) => e.id)).size, events.length);
  assert.equal(new Set(conversations.map((c) => c.id)).size, conversations.length);
  assert.match(events[0]!.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('every accepted task was queued first (first arrival has no reason); waits ≥ 0 and match the events', () => {
  let accepted = 0;
  let abandoned = 0;
  for (const [taskId, list] of byTask) {
    const queued = list[0]!;
    assert.equal(queued.type, 'task.queued', `task ${taskId} starts with ${queued.type}`);
    assert.equal(queued.payload.reason, undefined);
    for (const e of list) {
      for (const k of ['taskId', 'queueId', 'kind', 'channel', 'sourceType', 'sourceId']) assert.ok(k in e.payload, `${e.type} lacks ${k}`);
      assert.equal(e.payload.sourceType, 'conversation');
      if (e.type === 'task.accepted') {
        accepted++;
        assert.ok((e.payload.waitMs as number) >= 0);
        assert.equal(e.payload.waitMs, e.at - queued.at);
      }
      if (e.type === 'task.abandoned') {
        abandoned++;
        assert.ok((e.payload.waitMs as number) >= 0);
        assert.equal(list.some((x) => x.type === 'task.accepted'), false, 'an abandoned task was never accepted');
      }
    }
    const ends = list.filter((e) => e.type === 'task.completed' || e.type === 'task.abandoned');
    assert.equal(ends.length, 1, `task ${taskId} ends once`);
    const completed = list.find((e) => e.type === 'task.completed');
    if (completed) {
      const lastAccept = list.filter((e) => e.type === 'task.accepted').at(-1)!;
      assert.equal(completed.payload.handleMs, completed.at - lastAccept.at);
      assert.equal(completed.payload.userId, lastAccept.payload.userId);
    }
  }
  assert.ok(accepted > 1000, `accepted ${accepted}`);
  const short = [...byTask.values()].filter((l) => l.some((e) => e.type === 'task.abandoned' && (e.payload.waitMs as number) < 5000)).length;
  assert.ok(abandoned > 20 && short > 0, `abandoned ${abandoned}, short ${short}`);
  assert.ok(abandoned / byTask.size < 0.35, 'most customers are answered');
});

test('counts by channel add up: conversations, created events and tasks', () => {
  const created = events.filter((e) => e.type === 'conversation.created');
  assert.equal(created.length, conversations.length);
  const perChannel = (list: { channel: string }[]) => list.reduce((m, x) => m.set(x.channel, (m.get(x.channel) ?? 0) + 1), new Map<string, number>());
  assert.deepEqual(perChannel(created.map((e) => ({ channel: e.payload.channel as string }))), perChannel(conversations));
  const chans = perChannel(conversations);
  assert.deepEqual([...chans.keys()].sort(), ['chat', 'email', 'voice', 'whatsapp']);
  assert.ok(chans.get('chat')! > chans.get('whatsapp')!, 'chat is the biggest channel');
  const tasks = [...byTask.values()].map((l) => l[0]!);
  for (const t of tasks) assert.equal(t.payload.kind, kindOf(t.payload.channel as string));
  const reopened = events.filter((e) => e.type === 'conversation.reopened').length;
  const withoutTask = events.filter((e) => e.type === 'conversation.status_changed' && e.payload.reason === 'flow_ended');
  // A first contact is a task or ends with the bot (answered by it, or closed hours); a reopen goes straight back to its agent, no task.
  assert.ok(reopened > 0);
  assert.equal(created.length, tasks.length + withoutTask.length);
  assert.ok(withoutTask.length > 0 && withoutTask.length < created.length * 0.25, `${withoutTask.length} contacts without a task`);
  // Calls and chats outside every shift of their queue are closed, not queued to be abandoned.
  for (const e of events.filter((x) => x.type === 'task.queued' && (x.payload.kind === 'call' || x.payload.kind === 'chat'))) {
    const h = localParts(e.at, TZ).hour;
    assert.ok(h >= 7 && h < 22, `a ${e.payload.kind} queued at ${h}:00 local`);
  }
  const messages = events.filter((e) => e.type === 'message.created');
  assert.equal(messages.length, conversations.reduce((n, c) => n + c.messages.length, 0));
});

test('agents take work only on shift and never beyond capacity (3 chats, or 1 other task)', () => {
  const holds = new Map<string, { from: number; to: number; chat: boolean }[]>();
  for (const list of byTask.values()) {
    let open: { user: string; from: number } | null = null;
    for (const e of list) {
      if (e.type === 'task.offered') {
        open = { user: e.payload.userId as string, from: e.at };
        const h = localParts(e.at, TZ).hour;
        assert.ok(h >= 7 && h < 22, `offered at ${h}:00 local, outside every shift`);
      }
      if ((e.type === 'task.transferred' || e.type === 'task.completed') && open) {
        holds.set(open.user, [...(holds.get(open.user) ?? []), { from: open.from, to: e.at, chat: e.payload.kind === 'chat' }]);
        open = null;
      }
    }
  }
  for (const [user, list] of holds) {
    const points = list.flatMap((x) => [{ at: x.from, d: 1, chat: x.chat }, { at: x.to, d: -1, chat: x.chat }]).sort((a, b) => a.at - b.at || a.d - b.d);
    let chats = 0;
    let others = 0;
    for (const p of points) {
      if (p.chat) chats += p.d;
      else others += p.d;
      assert.ok(chats <= 3 && others <= 1 && !(others > 0 && chats > 0), `${user} over capacity: ${chats} chats, ${others} other`);
    }
  }
});

test('arrivals follow the week: Monday mornings busy, nights and Sundays quiet', () => {
  const count = (f: (h: number, dow: number) => boolean) => conversations.filter((c) => {
    const p = localParts(c.createdAt, TZ);
    return f(p.hour, p.dow);
  }).length;
  const mondayMorning = count((h, d) => d === 0 && h >= 9 && h < 12);
  const sundayMorning = count((h, d) => d === 6 && h >= 9 && h < 12);
  const nights = count((h) => h >= 1 && h < 5);
  assert.ok(mondayMorning > 3 * sundayMorning, `${mondayMorning} vs ${sundayMorning}`);
  assert.ok(nights < conversations.length * 0.05);
  const perDay = conversations.length / 35;
  assert.ok(perDay > 80 && perDay < 160, `${perDay} a day`);
});

test('outcomes: transfers, reopens, repeat contacts, surveys for ~20 %, sentiment, SLA breaches, dispositions', () => {
  const count = (type: string) => events.filter((e) => e.type === type).length;
  assert.ok(count('task.transferred') > 0);
  assert.ok(count('conversation.reopened') > 0);
  const resolvedByAgent = events.filter((e) => e.type === 'conversation.status_changed' && e.actorId !== null).length;
  const surveys = count('survey.responded');
  assert.ok(surveys > resolvedByAgent * 0.12 && surveys < resolvedByAgent * 0.28, `${surveys} surveys of ${resolvedByAgent}`);
  for (const e of events.filter((x) => x.type === 'survey.responded')) {
    const s = e.payload.score as number;
    assert.ok(e.payload.kind === 'csat' ? s >= 1 && s <= 5 : s >= 0 && s <= 10);
  }
  const inbound = events.filter((e) => e.type === 'message.created' && e.payload.direction === 'inbound');
  assert.ok(inbound.every((e) => typeof e.payload.sentiment === 'number' && Math.abs(e.payload.sentiment as number) <= 1));
  assert.ok(events.filter((e) => e.type === 'message.created' && e.payload.authorKind === 'bot').every((e) => e.payload.authorUserId === null));
  assert.ok(count('sla.breached') > 0);
  // Repeat contacts: a customer's new conversation within 7 days of a resolution.
  const byCustomer = new Map<string, number[]>();
  for (const c of conversations) byCustomer.set(c.customerId, [...(byCustomer.get(c.customerId) ?? []), c.createdAt]);
  const repeats = conversations.filter((c) => (byCustomer.get(c.customerId) ?? []).some((t) => t > c.resolvedAt && t - c.resolvedAt < 7 * 86_400_000)).length;
  assert.ok(repeats > 0);
  const resolved = events.filter((e) => e.type === 'conversation.status_changed' && e.payload.to === 'resolved' && e.actorId);
  assert.ok(resolved.every((e) => e.payload.dispositionCode === 'resolved' || e.payload.dispositionCode === 'refund'));
});

test('a cutoff drops later events and messages; bad input is a clear invalid error', () => {
  const cutoff = Date.UTC(2026, 2, 4);
  const cut = run(input({ end: Date.UTC(2026, 2, 4), cutoff: undefined }));
  const evs = cut.flatMap((d) => d.events);
  assert.ok(evs.every((e) => e.at < cutoff));
  assert.ok(cut.flatMap((d) => d.conversations).every((c) => c.messages.every((m) => m.at < cutoff) && c.resolvedAt <= cutoff));
  assert.throws(() => run(input({ agents: [], end: 0 })), (e: unknown) => isAppError(e) && e.code === 'invalid' && /agents/.test(e.message) && /end must be after start/.test(e.message));
  assert.throws(() => run(input({ timeZone: 'Mars/Olympus' })), /unknown time zone Mars\/Olympus/);
});

test('the analytics fact builders read the generated events as live ones', async () => {
  const { buildTaskFact } = await import('../analytics/task-facts.ts');
  const { buildConversationFact, messagePoint } = await import('../analytics/conversation-facts.ts');
  let seq = 0;
  const asTaskEvent = (e: HistoryEvent) => ({ type: e.type, seq: ++seq, at: e.at, payload: e.payload });
  const outcomes = new Map<string, number>();
  for (const [taskId, list] of byTask) {
    const f = buildTaskFact(taskId, list.map(asTaskEvent));
    assert.ok(f, `task ${taskId} has a fact`);
    outcomes.set(f.outcome ?? 'none', (outcomes.get(f.outcome ?? 'none') ?? 0) + 1);
    const accepted = list.find((e) => e.type === 'task.accepted');
    if (accepted) assert.equal(f.waitMs, accepted.payload.waitMs);
    assert.equal(f.transfers, list.filter((e) => e.type === 'task.transferred').length);
    for (const part of f.parts) assert.ok(part.doneAt !== null && part.doneAt >= part.startAt);
  }
  assert.deepEqual([...outcomes.keys()].sort(), ['abandoned', 'answered']);
  const byConv = new Map<string, HistoryEvent[]>();
  const msgs = new Map<string, HistoryEvent[]>();
  for (const e of events) {
    if (e.aggregateType === 'conversation') byConv.set(e.aggregateId, [...(byConv.get(e.aggregateId) ?? []), e]);
    if (e.type === 'message.created') msgs.set(e.payload.conversationId as string, [...(msgs.get(e.payload.conversationId as string) ?? []), e]);
  }
  let fcrFalse = 0;
  let botOnly = 0;
  for (const c of conversations.slice(0, 1500)) {
    const later = conversations.filter((o) => o.customerId === c.customerId && o.id !== c.id).map((o) => ({ conversationId: o.id, openedAt: o.createdAt, dispositionCode: null }));
    const f = buildConversationFact(c.id, (byConv.get(c.id) ?? []).map(asTaskEvent), (msgs.get(c.id) ?? []).map((e) => messagePoint(asTaskEvent(e))!), later);
    assert.ok(f && f.resolvedAt !== null, `conversation ${c.id} resolved`);
    if (f.fcr === false) fcrFalse++;
    if (f.botOnly) botOnly++;
    if (!f.botOnly && f.firstResponseMs !== null) assert.ok(f.firstResponseMs > 0);
  }
  assert.ok(fcrFalse > 0, 'FCR below 100 %');
  assert.ok(botOnly > 0);
});
