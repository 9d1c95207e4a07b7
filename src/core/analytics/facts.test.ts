import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildConversationFact, conversationBase, finishConversationFact, foldMessages, packSummary, unpackSummary, type MessagePoint, type MessageSummary } from './conversation-facts.ts';
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

/**
 * What a conversation's messages give its fact, straight from every message (what the fold computed
 * before it kept a summary): ordered by time then seq, each seq once.
 */
function fromEveryMessage(points: readonly MessagePoint[]) {
  const seen = new Set<number>();
  const msgs = [...points].sort((a, b) => a.at - b.at || a.seq - b.seq).filter((m) => (seen.has(m.seq) ? false : (seen.add(m.seq), true)));
  let firstIn: number | null = null;
  let firstResponse: number | null = null;
  let agent: string | null = null;
  let replied = false;
  const sentiment = new Map<number, { milli: number; n: number }>();
  for (const m of msgs) {
    if (m.dir === 'in') {
      firstIn ??= m.at;
      if (m.sentiment !== null) {
        const b = Math.floor(m.at / BUCKET_MS) * BUCKET_MS;
        const x = sentiment.get(b) ?? { milli: 0, n: 0 };
        sentiment.set(b, { milli: x.milli + Math.round(m.sentiment * 1000), n: x.n + 1 });
      }
    } else if (m.dir === 'agent') {
      replied = true;
      if (firstIn !== null && firstResponse === null) firstResponse = m.at;
      agent ??= m.userId;
    }
  }
  return { firstIn, firstResponse, agent, botOnly: !replied, sentiment: [...sentiment].sort((a, b) => a[0] - b[0]).map(([at, x]) => ({ at, ...x })) };
}

test('message summary: folded in batches, with late and repeated messages, it gives what every message gives, and stays small', () => {
  let rnd = 42;
  const random = () => ((rnd = (rnd * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const created = { type: 'conversation.created', seq: 0, at: t0, payload: { channel: 'chat', customerId: 'cu' } };
  const base = conversationBase('c', [created])!;
  for (let round = 0; round < 300; round++) {
    // Seqs in order of arrival; times mostly rising, some late (earlier than what came before), some equal.
    const n = 1 + Math.floor(random() * 40);
    const points: MessagePoint[] = [];
    let at = t0;
    for (let i = 1; i <= n; i++) {
      const r = random();
      at = r < 0.15 ? at - Math.floor(random() * 40 * 60 * S) : r < 0.25 ? at : at + Math.floor(random() * 20 * 60 * S);
      const dirs = ['in', 'in', 'agent', 'bot', 'note'] as const;
      const dir = dirs[Math.floor(random() * dirs.length)]!;
      points.push({ seq: i, at, dir, userId: dir === 'agent' ? (random() < 0.5 ? 'alex' : 'priya') : null, sentiment: dir === 'in' && random() < 0.8 ? Math.round((random() * 2 - 1) * 1000) / 1000 : null });
    }
    // Folded in random batches, through the stored form, with some messages delivered again.
    let summary: MessageSummary | null = null;
    for (let i = 0; i < n;) {
      const k = 1 + Math.floor(random() * 6);
      const batch = points.slice(i, i + k);
      if (random() < 0.3 && i > 0) batch.unshift(points[i - 1]!);
      summary = unpackSummary(JSON.parse(JSON.stringify(packSummary(foldMessages(summary, batch)))));
      i += k;
    }
    const want = fromEveryMessage(points);
    const f = finishConversationFact(base, summary!, false);
    assert.deepEqual(
      { firstIn: f.firstInboundAt, firstResponse: f.firstResponseAt, agent: f.agentId, botOnly: f.botOnly, sentiment: [...f.sentiments].sort((a, b) => a.at - b.at) },
      want, `round ${round}`,
    );
    assert.equal(f.firstResponseMs, want.firstResponse === null ? null : want.firstResponse - want.firstIn!);
    const folded = buildConversationFact('c', [created], points)!;
    assert.deepEqual([folded.firstResponseAt, folded.agentId, folded.sentiments.length], [f.firstResponseAt, f.agentId, f.sentiments.length], 'all at once');
  }
  // A long conversation in order: what is kept does not grow with its messages.
  const long: MessagePoint[] = Array.from({ length: 2000 }, (_, i) => ({ seq: i + 1, at: t0 + i * 1000, dir: i % 2 ? 'agent' : 'in', userId: i % 2 ? 'alex' : null, sentiment: i % 2 ? null : 0.5 }));
  let s: MessageSummary | null = null;
  for (let i = 0; i < long.length; i += 10) s = foldMessages(s, long.slice(i, i + 10));
  assert.deepEqual([s!.replies.length, s!.sentiment.length, s!.maxSeq], [1, Math.ceil((2000 * 1000) / BUCKET_MS), 2000]);
  assert.ok(JSON.stringify(packSummary(s!)).length < 400, 'a few hundred bytes for 2,000 messages');
});
