import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildConversationFact, type MessagePoint } from './conversation-facts.ts';
import { BUCKET_MS, counterIndex, diffContributions, mergeContributions, taskContributions, conversationContributions, type Contribution, type ContributionContext } from './contributions.ts';
import { buildTaskFact, partHandleMs, type TaskEvent } from './task-facts.ts';

const S = 1000;
const t0 = Date.UTC(2027, 0, 4, 9, 10); // 09:10 UTC: the 09:00 bucket
let seq = 0;
const ev = (type: string, at: number, payload: Record<string, unknown> = {}): TaskEvent => ({ type, seq: ++seq, at, payload: { queueId: 'q1', channel: 'chat', sourceType: 'conversation', sourceId: 'c1', ...payload } });
const ctx: ContributionContext = { serviceLevelMs: () => 20 * S, shortAbandonMs: 5 * S, teamOf: (u) => (u === 'alex' ? 'team-a' : u ? 'team-b' : ''), inboxOf: () => 'inbox' };
const sum = (list: Contribution[], k: string, name: keyof typeof counterIndex, b?: number) =>
  list.filter((c) => c.k === k && (b === undefined || c.b === b)).reduce((s, c) => s + (c.v[counterIndex[name]] ?? 0), 0);

test('a transferred task: counted once for the queue, handle time split by agent, in the interval each part ended', () => {
  const events = [
    ev('task.queued', t0), ev('task.offered', t0 + 2 * S, { userId: 'alex' }), ev('task.accepted', t0 + 15 * S, { userId: 'alex' }),
    ev('task.transferred', t0 + 10 * 60 * S, { fromUserId: 'alex', toQueueId: 'q2' }), // 09:20:00
    ev('task.queued', t0 + 10 * 60 * S, { queueId: 'q2', reason: 'transferred' }),
    ev('task.accepted', t0 + 11 * 60 * S, { userId: 'priya', queueId: 'q2' }), // 09:21
    ev('task.wrap_up_started', t0 + 30 * 60 * S, { userId: 'priya', queueId: 'q2' }), // 09:40
    ev('task.completed', t0 + 31 * 60 * S, { userId: 'priya', queueId: 'q2' }), // 09:41
  ];
  const f = buildTaskFact('t1', [...events].reverse())!; // order of arrival does not matter
  assert.equal(f.queueId, 'q1', 'the queue where it was answered');
  assert.deepEqual([f.outcome, f.waitMs, f.firstAgentId, f.transfers], ['answered', 15 * S, 'alex', 1]);
  assert.deepEqual(f.parts.map((p) => [p.userId, partHandleMs(p), p.transfersOut]), [['alex', (10 * 60 - 15) * S, 1], ['priya', 20 * 60 * S, 0]]);
  const c = taskContributions(f, ctx);
  const b9 = Date.UTC(2027, 0, 4, 9, 0);
  assert.equal(sum(c, 'q', 'offered', b9), 1);
  assert.equal(sum(c, 'q', 'answered_in_sl', b9), 1);
  assert.equal(sum(c, 'q', 'handled'), 1, 'once for the queue');
  assert.equal(sum(c, 'q', 'handled', b9 + 2 * BUCKET_MS), 1, 'in the interval the handling ended (09:30)');
  assert.equal(sum(c, 'q', 'handle_ms'), (10 * 60 - 15 + 20 * 60) * S);
  assert.equal(sum(c, 'q', 'transfers'), 1);
  assert.equal(sum(c, 'a', 'handled', b9 + BUCKET_MS), 1, 'alex finished at 09:20: the 09:15 interval');
  assert.equal(c.find((x) => x.k === 'a' && x.agent === 'alex' && x.v[counterIndex.handled])!.team, 'team-a');
  assert.equal(sum(c, 'a', 'handle_ms'), (10 * 60 - 15 + 20 * 60) * S);
});

test('abandons: short within the threshold (inclusive), a requeue is not a second arrival, a late start is not counted', () => {
  const short = buildTaskFact('s', [ev('task.queued', t0), ev('task.abandoned', t0 + 5 * S)])!;
  assert.equal(sum(taskContributions(short, ctx), 'q', 'short_abandoned'), 1);
  const long = buildTaskFact('l', [ev('task.queued', t0), ev('task.queued', t0 + 3 * S, { reason: 'requeued' }), ev('task.abandoned', t0 + 6 * S)])!;
  const lc = taskContributions(long, ctx);
  assert.deepEqual([sum(lc, 'q', 'offered'), sum(lc, 'q', 'abandoned'), sum(lc, 'q', 'short_abandoned')], [1, 1, 0]);
  assert.equal(buildTaskFact('x', [ev('task.accepted', t0, { userId: 'alex' })]), null);
});

test('contributions diff: a fact seen twice adds nothing, a changed fact adds new − old', () => {
  const a = buildTaskFact('t', [ev('task.queued', t0), ev('task.accepted', t0 + 30 * S, { userId: 'alex' })])!;
  const ca = taskContributions(a, ctx);
  assert.deepEqual(diffContributions(ca, taskContributions(buildTaskFact('t', [...[ev('task.queued', t0), ev('task.accepted', t0 + 30 * S, { userId: 'alex' })]])!, ctx)), []);
  const done = [ev('task.queued', t0), ev('task.accepted', t0 + 30 * S, { userId: 'alex' }), ev('task.completed', t0 + 90 * S, { userId: 'alex' })];
  const d = diffContributions(ca, taskContributions(buildTaskFact('t', done)!, ctx));
  assert.equal(sum(d, 'q', 'handled'), 1);
  assert.equal(sum(d, 'q', 'offered'), 0, 'unchanged counters cancel out');
  // A duplicated event (same seq) changes nothing.
  assert.deepEqual(taskContributions(buildTaskFact('t', [...done, done[2]!])!, ctx), taskContributions(buildTaskFact('t', done)!, ctx));
  const merged = mergeContributions([...ca, ...ca]);
  assert.equal(merged.length, ca.length);
  for (const m of merged) {
    const one = ca.find((x) => x.b === m.b && x.k === m.k && x.agent === m.agent)!;
    assert.deepEqual(m.v, one.v.map((x) => 2 * x), 'merging sums rows with the same key');
  }
});

test('conversation: first response by a person (not the bot), resolution, FCR broken by a repeat contact within 7 days', () => {
  const conv = (at: number, type: string, payload: Record<string, unknown> = {}): TaskEvent => ({ type, seq: ++seq, at, payload });
  const events = [conv(t0, 'conversation.created', { channel: 'chat', inboxId: 'i', customerId: 'cu' }), conv(t0 + 10 * 60 * S, 'conversation.assigned', { to: 'alex' }),
    conv(t0 + 60 * 60 * S, 'conversation.status_changed', { from: 'open', to: 'resolved', dispositionCode: 'refund' }), conv(t0 + 61 * 60 * S, 'survey.responded', { kind: 'csat', score: 4 })];
  const msgs: MessagePoint[] = [
    { seq: 1, at: t0, dir: 'in', userId: null, sentiment: -0.5 }, { seq: 2, at: t0 + 5 * S, dir: 'bot', userId: null, sentiment: null },
    { seq: 3, at: t0 + 95 * S, dir: 'agent', userId: 'alex', sentiment: null }, { seq: 4, at: t0 + 120 * S, dir: 'in', userId: null, sentiment: 0.5 },
  ];
  const f = buildConversationFact('c', events, msgs)!;
  assert.deepEqual([f.firstResponseMs, f.resolutionMs, f.fcr, f.agentId, f.botOnly], [95 * S, 60 * 60 * S, true, 'alex', false]);
  const c = conversationContributions(f, ctx);
  assert.deepEqual([sum(c, 'c', 'resolved'), sum(c, 'c', 'fcr_resolved'), sum(c, 'c', 'csat_positive'), sum(c, 'c', 'sentiment_milli'), sum(c, 'c', 'sentiment_messages')], [1, 1, 1, 0, 2]);
  const repeat = buildConversationFact('c', events, msgs, [{ conversationId: 'c2', openedAt: t0 + 3 * 86_400_000, dispositionCode: null }])!;
  assert.equal(repeat.fcr, false, 'a new contact 3 days later');
  const otherTopic = buildConversationFact('c', events, msgs, [{ conversationId: 'c2', openedAt: t0 + 3 * 86_400_000, dispositionCode: 'billing' }])!;
  assert.equal(otherTopic.fcr, true, 'another topic');
  const late = buildConversationFact('c', events, msgs, [{ conversationId: 'c2', openedAt: t0 + 8 * 86_400_000, dispositionCode: null }])!;
  assert.equal(late.fcr, true, 'after 7 days');
  const reopened = buildConversationFact('c', [...events, conv(t0 + 2 * 3_600_000, 'conversation.reopened'), conv(t0 + 3 * 3_600_000, 'conversation.status_changed', { from: 'open', to: 'resolved' })], msgs)!;
  assert.deepEqual([reopened.fcr, reopened.resolutionMs, reopened.reopens], [false, 3 * 3_600_000, 1]);
  const bot = buildConversationFact('b', [events[0]!, events[2]!], [msgs[0]!, msgs[1]!])!;
  assert.equal(bot.botOnly, true);
  assert.equal(sum(conversationContributions(bot, ctx), 'c', 'bot_resolved'), 1);
  assert.equal(sum(conversationContributions(bot, ctx), 'c', 'resolved'), 0);
});
