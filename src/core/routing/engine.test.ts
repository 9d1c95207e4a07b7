import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from './engine.ts';
import { T0, agent, counterIds, queue, rule, target, task, taskRow, workflow } from './engine-fixtures.ts';
import type { RoutingEffect, RoutingQueue, RoutingAgent, CompiledWorkflow, Offer } from './types.ts';

const MIN = 60_000;

function setup(opts: { queues?: RoutingQueue[]; agents?: RoutingAgent[]; wf?: CompiledWorkflow | null; isOpen?: (c: string, n: number) => boolean } = {}) {
  const e = createEngine({ newId: counterIds() });
  e.load({ workflow: opts.wf ?? null, queues: opts.queues ?? [queue('q')], agents: opts.agents ?? [], tasks: [], offers: [], isOpen: opts.isOpen });
  return e;
}
const tr = (f: RoutingEffect | undefined) => (f && 'trace' in f ? f.trace : []);
const offers = (fx: RoutingEffect[]) => fx.filter((f): f is Extract<RoutingEffect, { kind: 'offer' }> => f.kind === 'offer');
const offerOf = (fx: RoutingEffect[], taskId: string): Offer | undefined => offers(fx).find((o) => o.offer.taskId === taskId)?.offer;

test('waiting order: priority first, then age, then id; aging lets an old low-priority task overtake', () => {
  const e = setup({ queues: [queue('q', { agingPerMinute: 2 })] });
  e.addTask(task('low-old', { priority: 10, enqueuedAt: T0, queueId: 'q' }), T0);
  e.addTask(task('high-new', { priority: 50, enqueuedAt: T0 + 10 * MIN, queueId: 'q' }), T0 + 10 * MIN);
  e.addTask(task('b-same', { priority: 50, enqueuedAt: T0 + 10 * MIN, queueId: 'q' }), T0 + 10 * MIN);
  // at +10 min: low-old is at 10 + 20 = 30 < 50: served last; the two tied ones by id
  assert.deepEqual(e.waiting('q', T0 + 10 * MIN).map((t) => t.id), ['b-same', 'high-new', 'low-old']);
  assert.deepEqual(e.position('low-old', T0 + 10 * MIN), { position: 3, waiting: 3, queueId: 'q' });
  // at +40 min: low-old 10 + 80 = 90, the others 50 + 60 = 110: still behind. At +60: 130 vs 150...
  // equal rate means it never overtakes by aging alone unless it is older: it is older, so gap stays 40-20=20 points.
  // A bigger gap in arrival closes it: a task arriving 30 min later with +40 priority falls behind.
  e.addTask(task('late', { priority: 60, enqueuedAt: T0 + 40 * MIN, queueId: 'q' }), T0 + 40 * MIN);
  // low-old: 10 + 2*40 = 90; late: 60 + 0 = 60
  const order = e.waiting('q', T0 + 40 * MIN).map((t) => t.id);
  assert.ok(order.indexOf('low-old') < order.indexOf('late'), order.join(','));
  // and an agent takes the head first
  e.upsertAgent(agent('a1', { capacity: { voice: 1, chat: 1, email: 0, messaging: 0, ticket: 0 } }), T0 + 40 * MIN);
  const fx = e.decide(T0 + 40 * MIN);
  assert.equal(offers(fx).length, 1);
  assert.equal(offers(fx)[0]?.offer.taskId, 'b-same');
});

test('without aging, an old low-priority task waits; with aging it overtakes a newer high-priority one', () => {
  for (const aging of [0, 1]) {
    const e = setup({ queues: [queue('q', { agingPerMinute: aging })] });
    e.addTask(task('old-low', { priority: 20, enqueuedAt: T0, queueId: 'q' }), T0);
    e.addTask(task('new-high', { priority: 50, enqueuedAt: T0 + 60 * MIN, queueId: 'q' }), T0 + 60 * MIN);
    const head = e.waiting('q', T0 + 60 * MIN)[0]?.id;
    assert.equal(head, aging ? 'old-low' : 'new-high');
  }
});

test('longest idle picks the agent idle the longest; the trace lists candidates with reasons and counts', () => {
  const e = setup({
    agents: [
      agent('recent', { idleSince: T0 - 1000 }),
      agent('oldest', { idleSince: T0 - 9000 }),
      agent('middle', { idleSince: T0 - 5000 }),
      agent('away', { presence: 'away', awayReason: 'lunch' }),
    ],
  });
  e.addTask(task('t1', { queueId: 'q' }), T0);
  const fx = e.decide(T0);
  const o = offers(fx)[0];
  assert.equal(o?.offer.userId, 'oldest');
  const considered = o?.trace.find((x) => x.step === 'considered');
  assert.match(considered?.message ?? '', /4 agents considered: 3 eligible, 1 busy or unavailable, 0 lack skills; chose oldest by longest idle/);
  assert.deepEqual(considered?.candidates?.map((c) => [c.userId, c.reason]), [['oldest', 'chosen'], ['middle', 'outranked'], ['recent', 'outranked'], ['away', 'away']]);
  assert.ok(o?.trace.some((x) => x.step === 'offered' && x.message.includes('oldest')));
});

test('most skilled picks the highest skill score; agents without the skill are not considered eligible', () => {
  const wf = workflow([rule('r', [target('q', { skills: { billing: 3 } })])]);
  const e = setup({ wf, agents: [agent('b4', { skills: { billing: 4 } }), agent('b9', { skills: { billing: 9 } }), agent('none')], queues: [queue('q', { strategy: 'most_skilled' })] });
  e.addTask(task('t1'), T0);
  const o = offers(e.decide(T0))[0];
  assert.equal(o?.offer.userId, 'b9');
  const c = o?.trace.find((x) => x.step === 'considered');
  assert.match(c?.message ?? '', /3 agents considered: 2 eligible, 0 busy or unavailable, 1 lack skills/);
  assert.equal(c?.candidates?.[0]?.score, 9);
});

test('round robin rotates through the agents; least busy picks the lowest share of capacity used', () => {
  const rr = setup({ queues: [queue('q', { strategy: 'round_robin', autoAccept: true })], agents: [agent('a'), agent('b'), agent('c')] });
  const got: string[] = [];
  for (let i = 0; i < 6; i++) {
    rr.addTask(task(`t${i}`, { queueId: 'q', enqueuedAt: T0 + i }), T0 + i);
    got.push(offers(rr.decide(T0 + i))[0]?.offer.userId ?? '-');
    rr.endTask(`t${i}`, 'completed', T0 + i);
  }
  assert.deepEqual(got, ['a', 'b', 'c', 'a', 'b', 'c']);

  const lb = setup({ queues: [queue('q', { strategy: 'least_busy', autoAccept: true })], agents: [agent('x', { idleSince: T0 - 9000 }), agent('y', { idleSince: T0 - 1000 })] });
  lb.addTask(task('t1', { queueId: 'q' }), T0);
  assert.equal(offers(lb.decide(T0))[0]?.offer.userId, 'x');
  lb.addTask(task('t2', { queueId: 'q', enqueuedAt: T0 + 1 }), T0 + 1);
  assert.equal(offers(lb.decide(T0 + 1))[0]?.offer.userId, 'y', 'x already holds a chat');
});

test('sticky: the customer last agent is preferred within stickyMs, not after', () => {
  for (const [at, want] of [[T0 + 5 * MIN, 'last'], [T0 + 20 * MIN, 'idle']] as const) {
    const e = setup({ queues: [queue('q', { stickyMs: 10 * MIN })], agents: [agent('idle', { idleSince: T0 - 99_999 }), agent('last', { idleSince: T0 })] });
    e.addTask(task('t', { queueId: 'q', lastAgent: { userId: 'last', at: T0 } }), at);
    const o = offers(e.decide(at))[0];
    assert.equal(o?.offer.userId, want);
    if (want === 'last') assert.match(o?.trace[0]?.message ?? '', /sticky/);
  }
});

test('capacity per channel and voice exclusivity', () => {
  const e = setup({ queues: [queue('q', { autoAccept: true })], agents: [agent('a', { capacity: { voice: 1, chat: 2, email: 5, messaging: 0, ticket: 0 } })] });
  e.addTask(task('c1', { queueId: 'q' }), T0);
  e.addTask(task('c2', { queueId: 'q', enqueuedAt: T0 + 1 }), T0);
  e.addTask(task('c3', { queueId: 'q', enqueuedAt: T0 + 2 }), T0);
  e.addTask(task('v1', { queueId: 'q', kind: 'call', enqueuedAt: T0 + 3 }), T0);
  const fx = e.decide(T0);
  assert.deepEqual(offers(fx).map((o) => o.offer.taskId), ['c1', 'c2'], 'two chats, no third, no call while chatting');
  assert.deepEqual({ ...e.usage('a') }, { voice: 0, chat: 2, email: 0, messaging: 0, ticket: 0 });
  e.endTask('c1', 'completed', T0 + 10);
  assert.deepEqual(offers(e.decide(T0 + 10)).map((o) => o.offer.taskId), ['c3']);
  e.endTask('c2', 'completed', T0 + 20);
  e.endTask('c3', 'completed', T0 + 20);
  e.addTask(task('m1', { queueId: 'q', kind: 'email', enqueuedAt: T0 + 21 }), T0 + 21);
  // the call is older than the email: the free agent takes the call, then nothing else while on it
  assert.deepEqual(offers(e.decide(T0 + 21)).map((o) => o.offer.taskId), ['v1']);
  assert.deepEqual(offers(e.decide(T0 + 22)), []);
  assert.equal(e.task('m1')?.status, 'queued');
});

test('offer timeout: the task goes to the next agent; after 3 misses the agent is set away', () => {
  const e = setup({ queues: [queue('q', { offerTimeoutMs: 10_000 })], agents: [agent('slow', { idleSince: T0 - 9000 }), agent('next', { idleSince: T0 - 1000 })] });
  let now = T0;
  for (let i = 0; i < 3; i++) {
    e.addTask(task(`t${i}`, { queueId: 'q', enqueuedAt: now }), now);
    const o = offerOf(e.tick(now), `t${i}`);
    assert.equal(o?.userId, 'slow');
    assert.equal(e.nextWakeAt(), o?.expiresAt);
    now = o!.expiresAt;
    const fx = e.tick(now);
    const exp = fx.find((f) => f.kind === 'offer_expired');
    assert.ok(exp && exp.kind === 'offer_expired' && exp.userId === 'slow');
    assert.match(exp.trace[0]?.message ?? '', /did not answer within 10 s/);
    assert.equal(offerOf(fx, `t${i}`)?.userId, 'next', 'straight to the next agent');
    assert.deepEqual(e.task(`t${i}`)?.declinedBy, ['slow']);
    const r = e.accept(offerOf(fx, `t${i}`)!.id, 'next', now + 1);
    assert.ok(r.ok);
    e.endTask(`t${i}`, 'completed', now + 2);
    if (i < 2) assert.equal(e.agent('slow')?.presence, 'available');
    else {
      assert.ok(fx.some((f) => f.kind === 'agent_away' && f.userId === 'slow' && f.reason === 'missed_offers'));
      assert.equal(e.agent('slow')?.presence, 'away');
      assert.equal(e.agent('slow')?.awayReason, 'missed_offers');
    }
  }
});

test('reject: back in line at its place, not offered to that agent again, no missed count', () => {
  const e = setup({ agents: [agent('a', { idleSince: T0 - 9000 }), agent('b', { capacity: { voice: 1, chat: 0, email: 0, messaging: 0, ticket: 0 } })] });
  e.addTask(task('t', { queueId: 'q' }), T0);
  const o = offerOf(e.decide(T0), 't')!;
  const r = e.reject(o.id, 'a', T0 + 1000);
  assert.ok(r.ok);
  assert.match(r.ok ? (r.effects[0] as { trace: { message: string }[] }).trace[0]!.message : '', /rejected/);
  assert.equal(e.agent('a')?.missedInRow, 0);
  assert.equal(e.task('t')?.status, 'queued');
  assert.deepEqual(e.decide(T0 + 1000), [], 'a declined, b has no chat capacity');
  assert.deepEqual(e.pendingOffers(), []);
  assert.equal(e.usage('a').chat, 0);
});

test('accept conflicts: expired, another agent, unknown; nothing changes', () => {
  const e = setup({ agents: [agent('a'), agent('b', { presence: 'offline' })] });
  e.addTask(task('t', { queueId: 'q' }), T0);
  const o = offerOf(e.decide(T0), 't')!;
  const other = e.accept(o.id, 'b', T0 + 1);
  assert.deepEqual([other.ok, !other.ok && other.code], [false, 'conflict']);
  const unknown = e.accept('nope', 'a', T0 + 1);
  assert.deepEqual([unknown.ok, !unknown.ok && unknown.code], [false, 'conflict']);
  const late = e.accept(o.id, 'a', o.expiresAt);
  assert.ok(!late.ok && late.code === 'conflict' && /expired/.test(late.message));
  assert.equal(e.task('t')?.status, 'offered');
  assert.equal(e.pendingOffers().length, 1);
  const good = e.accept(o.id, 'a', o.expiresAt - 1);
  assert.ok(good.ok);
  assert.equal(e.task('t')?.status, 'assigned');
  assert.equal(e.task('t')?.assignedUserId, 'a');
  const again = e.accept(o.id, 'a', o.expiresAt - 1);
  assert.ok(!again.ok && again.code === 'conflict');
});

test('removeAgent: offers and assigned tasks go back to their original place in line', () => {
  const e = setup({ agents: [agent('a', { capacity: { voice: 1, chat: 2, email: 0, messaging: 0, ticket: 0 } })] });
  e.addTask(task('t1', { queueId: 'q', enqueuedAt: T0 }), T0);
  e.addTask(task('t2', { queueId: 'q', enqueuedAt: T0 + 1 }), T0);
  e.addTask(task('t3', { queueId: 'q', enqueuedAt: T0 + 2 }), T0);
  const fx = e.decide(T0);
  assert.ok(e.accept(offerOf(fx, 't1')!.id, 'a', T0 + 5).ok);
  const fx2 = e.removeAgent('a', T0 + 10);
  assert.deepEqual(fx2.map((f) => f.kind), ['requeued', 'requeued']);
  const withdrawn = fx2.find((f) => f.kind === 'requeued' && f.taskId === 't2');
  assert.ok(withdrawn && withdrawn.kind === 'requeued' && withdrawn.offerId === offerOf(fx, 't2')!.id);
  assert.deepEqual(e.waiting('q', T0 + 10).map((t) => t.id), ['t1', 't2', 't3']);
  assert.deepEqual(e.pendingOffers(), []);
  assert.equal(e.agent('a'), undefined);
  assert.equal(e.task('t1')?.assignedUserId, null);
});

test('target timeout widens to the next target, then overflows to voicemail; traces explain each step', () => {
  const wf = workflow([rule('pl-billing', [
    target('q', { skills: { billing: 5 }, lang: 'pl', timeoutMs: 60_000 }),
    target('wide', { timeoutMs: 120_000, priorityBoost: 10 }),
  ], { finally: 'voicemail', filterSource: 'intent == "billing"', priority: 40 })]);
  const e = setup({ wf, queues: [queue('q'), queue('wide', { teamIds: ['team-x'] })], agents: [agent('busy-pl', { skills: { billing: 7 }, languages: ['pl'], presence: 'away' })] });
  const add = e.addTask(task('t', { priority: 25 }), T0);
  assert.equal(add[0]?.kind, 'target_changed');
  assert.deepEqual(tr(add[0]).map((x) => x.step), ['rule_matched', 'target', 'considered']);
  // The rule raises a low task to its 40; an urgent task keeps its own higher priority.
  e.addTask(task('urgent', { priority: 100 }), T0);
  assert.equal(e.task('urgent')?.priority, 100);
  e.endTask('urgent', 'cancelled', T0);
  assert.match(tr(add[0])[1]?.message ?? '', /queue q for agents matching `billing >= 5 && lang == "pl"` for up to 60 s/);
  assert.equal(e.task('t')?.priority, 40);
  assert.equal(e.nextWakeAt(), T0 + 60_000);
  assert.deepEqual(e.tick(T0 + 59_999), []);
  const fx = e.tick(T0 + 60_000);
  const ch = fx[0];
  assert.ok(ch && ch.kind === 'target_changed' && ch.queueId === 'wide' && ch.targetIndex === 1);
  assert.deepEqual(ch.trace.map((x) => x.step).slice(0, 2), ['target_timeout', 'target']);
  assert.match(ch.trace[0]?.message ?? '', /No agent took it within 60 s on target 1/);
  assert.equal(e.position('t', T0 + 60_000)?.queueId, 'wide');
  const fx2 = e.tick(T0 + 180_000);
  const ov = fx2[0];
  assert.ok(ov && ov.kind === 'overflowed' && ov.action === 'voicemail');
  assert.equal(e.task('t'), undefined);
  assert.equal(e.nextWakeAt(), null);
});

test('skip conditions: nobody logged in, nobody available, outside business hours; finally stay keeps the last target', () => {
  const wf = workflow([rule('r', [
    target('closed', { skipWhen: ['outside_business_hours'], timeoutMs: 1000 }),
    target('q', { skills: { fr: 1 }, skipWhen: ['no_agents_logged_in'], timeoutMs: 1000 }),
    target('q', { skills: { de: 1 }, skipWhen: ['no_agents_available'], timeoutMs: 1000 }),
    target('last', { timeoutMs: 1000 }),
  ], { finally: 'stay' })]);
  const e = setup({
    wf, isOpen: (cal) => cal !== 'cal-closed',
    queues: [queue('closed', { calendarId: 'cal-closed' }), queue('q'), queue('last', { teamIds: ['nobody'] })],
    agents: [agent('fr-off', { skills: { fr: 3 }, presence: 'offline' }), agent('de-away', { skills: { de: 3 }, presence: 'away' })],
  });
  const fx = e.addTask(task('t'), T0);
  const steps = tr(fx[0]).filter((x) => x.step === 'target_skipped').map((x) => x.message) ?? [];
  assert.equal(steps.length, 3);
  assert.match(steps[0]!, /outside business hours/);
  assert.match(steps[1]!, /no agent who matches it is logged in/);
  assert.match(steps[2]!, /no agent who matches it is available now/);
  assert.equal(e.task('t')?.queueId, 'last');
  assert.equal(e.task('t')?.targetIndex, 3);
  const fx2 = e.tick(T0 + 1000);
  assert.ok(fx2[0]?.kind === 'target_changed');
  assert.match(fx2[0].trace.map((x) => x.message).join(' '), /rule says stay/);
  assert.equal(e.task('t')?.queueId, 'last');
  assert.equal(e.nextWakeAt(), null, 'staying: no more timeouts');
});

test('every target skipped with finally callback: overflowed at once', () => {
  const wf = workflow([rule('r', [target('q', { skipWhen: ['no_agents_available'] })], { finally: 'callback' })]);
  const e = setup({ wf });
  const fx = e.addTask(task('t'), T0);
  assert.equal(fx[0]?.kind, 'overflowed');
  assert.ok(fx[0]?.kind === 'overflowed' && fx[0].action === 'callback');
  assert.equal(e.task('t'), undefined);
});

test('no rule matches: the task waits unplaced and the trace says so', () => {
  const wf = workflow([rule('email-only', [target('q')], { when: (a) => a.channel === 'email' })]);
  const e = setup({ wf, agents: [agent('a')] });
  const fx = e.addTask(task('t', { attributes: { channel: 'chat' } }), T0);
  assert.equal(fx[0]?.kind, 'trace');
  assert.equal(tr(fx[0])[0]?.step, 'no_rule');
  assert.deepEqual(e.decide(T0), []);
  assert.equal(e.task('t')?.queueId, null);
});

test('auto-accept: the offer effect says so and the task is assigned at once', () => {
  const e = setup({ queues: [queue('q', { autoAccept: true })], agents: [agent('a')] });
  e.addTask(task('t', { queueId: 'q' }), T0);
  const o = offers(e.decide(T0))[0];
  assert.equal(o?.autoAccept, true);
  assert.ok(o?.trace.some((x) => x.step === 'auto_accepted'));
  assert.equal(e.task('t')?.status, 'assigned');
  assert.deepEqual(e.pendingOffers(), []);
  assert.equal(e.usage('a').chat, 1);
  assert.equal(e.nextWakeAt(), null);
});

test('transfer to a queue keeps the original place; to an agent offers to that agent only', () => {
  const e = setup({ queues: [queue('q'), queue('q2')], agents: [agent('a', { teamIds: ['t-a'] })] });
  const q2only = queue('q2', { teamIds: ['nobody'] });
  e.upsertQueue(q2only);
  e.addTask(task('old', { queueId: 'q', enqueuedAt: T0 }), T0);
  e.addTask(task('new', { queueId: 'q2', enqueuedAt: T0 + 5 * MIN }), T0 + 5 * MIN);
  const o = offerOf(e.decide(T0 + 5 * MIN), 'old')!;
  assert.ok(e.accept(o.id, 'a', T0 + 5 * MIN + 1000).ok);
  const r = e.transfer('old', { queueId: 'q2' }, T0 + 7 * MIN, 'needs billing');
  assert.ok(r.ok && r.effects[0]?.kind === 'requeued' && /keeps its place in line\. Note: needs billing/.test(r.effects[0].trace[0]!.message));
  assert.equal(e.usage('a').chat, 0);
  assert.deepEqual(e.waiting('q2', T0 + 7 * MIN).map((t) => t.id), ['old', 'new']);
  assert.deepEqual(e.position('old', T0 + 7 * MIN), { position: 1, waiting: 2, queueId: 'q2' });
  const r2 = e.transfer('new', { userId: 'a' }, T0 + 8 * MIN);
  assert.ok(r2.ok && r2.effects[0]?.kind === 'offer' && r2.effects[0].offer.userId === 'a');
  assert.equal(e.task('new')?.status, 'offered');
  const bad = e.transfer('new', { queueId: 'zzz' }, T0);
  assert.ok(!bad.ok && bad.code === 'not_found');
  assert.equal(e.task('new')?.status, 'offered', 'a failed transfer changes nothing');
});

test('load: a snapshot with an offered task, an assigned one and a queued one', () => {
  const e = createEngine({ newId: counterIds() });
  const offer: Offer = { id: 'o1', taskId: 'off', userId: 'a', offeredAt: T0, expiresAt: T0 + 30_000 };
  e.load({
    workflow: null, queues: [queue('q')], offers: [offer],
    agents: [agent('a', { capacity: { voice: 1, chat: 2, email: 0, messaging: 0, ticket: 0 } })],
    tasks: [
      taskRow('off', { status: 'offered', queueId: 'q' }),
      taskRow('asg', { status: 'assigned', queueId: 'q', assignedUserId: 'a' }),
      taskRow('wait', { status: 'queued', queueId: 'q', enqueuedAt: T0 + 1 }),
      taskRow('gone', { status: 'completed', queueId: 'q' }),
    ],
  });
  assert.deepEqual(e.pendingOffers(), [offer]);
  assert.equal(e.usage('a').chat, 2);
  assert.equal(e.task('gone'), undefined);
  assert.deepEqual(e.decide(T0), [], 'a is full');
  assert.equal(e.nextWakeAt(), T0 + 30_000);
  const fx = e.tick(T0 + 30_000);
  assert.deepEqual(fx.map((f) => f.kind), ['offer_expired', 'offer']);
  assert.equal(offerOf(fx, 'wait')?.userId, 'a', 'the freed slot takes the next task; a missed "off" so not that one');
  assert.deepEqual(e.waiting('q', T0 + 30_000).map((t) => t.id), ['off']);
  assert.equal(e.agent('a')?.missedInRow, 1);
});

test('applyTask mirrors changes made elsewhere: accepted, moved, ended', () => {
  const e = setup({ queues: [queue('q'), queue('q2')], agents: [agent('a', { capacity: { voice: 1, chat: 1, email: 0, messaging: 0, ticket: 0 } })] });
  e.addTask(task('t1', { queueId: 'q' }), T0);
  e.addTask(task('t2', { queueId: 'q', enqueuedAt: T0 + 1 }), T0);
  const o = offerOf(e.decide(T0), 't1')!;
  // accepted through the service on another node
  e.applyTask({ ...e.task('t1')!, status: 'assigned', assignedUserId: 'a' }, null, T0 + 10);
  assert.deepEqual(e.pendingOffers(), []);
  assert.equal(e.usage('a').chat, 1, 'capacity still used, not counted twice');
  assert.equal(e.accept(o.id, 'a', T0 + 11).ok, false, 'the engine offer is gone');
  // a supervisor moved t2 to q2
  e.applyTask({ ...e.task('t2')!, queueId: 'q2' }, null, T0 + 20);
  assert.deepEqual(e.waiting('q', T0 + 20).map((t) => t.id), []);
  assert.deepEqual(e.waiting('q2', T0 + 20).map((t) => t.id), ['t2']);
  // t1 completed: the agent is free and takes t2
  assert.deepEqual(e.applyTask({ ...e.task('t1')!, status: 'completed' }, null, T0 + 30), []);
  assert.equal(e.task('t1'), undefined);
  assert.equal(e.usage('a').chat, 0);
  assert.equal(offerOf(e.decide(T0 + 30), 't2')?.userId, 'a');
});

test('wrap-up: no offers until it ends; nextWakeAt wakes for it', () => {
  const e = setup({ queues: [queue('q', { wrapUpMs: 15_000, autoAccept: true })], agents: [agent('a', { capacity: { voice: 1, chat: 1, email: 0, messaging: 0, ticket: 0 } })] });
  e.addTask(task('t1', { queueId: 'q' }), T0);
  e.addTask(task('t2', { queueId: 'q', enqueuedAt: T0 + 1 }), T0);
  assert.equal(offers(e.decide(T0)).length, 1);
  e.endTask('t1', 'completed', T0 + 1000);
  assert.deepEqual(e.decide(T0 + 1000), []);
  assert.equal(e.nextWakeAt(), T0 + 16_000);
  assert.equal(offerOf(e.tick(T0 + 16_000), 't2')?.userId, 'a');
});

test('tasks that cannot be served do not block the ones behind them (per-agent lines)', () => {
  const wf = workflow([
    rule('de', [target('q', { skills: { de: 1 } })], { when: (a) => a.language === 'de', priority: 90 }),
    rule('any', [target('q')]),
  ]);
  const e = setup({ wf, agents: [agent('en')] });
  e.addTask(task('german', { attributes: { language: 'de' } }), T0);
  e.addTask(task('english', { attributes: { language: 'en' }, enqueuedAt: T0 + 1 }), T0 + 1);
  assert.deepEqual(e.waiting('q', T0 + 1).map((t) => t.id), ['german', 'english']);
  assert.equal(offerOf(e.decide(T0 + 1), 'english')?.userId, 'en');
});

test('upsertAgent: an agent becoming available gets the best task of the queues they serve', () => {
  const e = setup({ queues: [queue('q1', { teamIds: ['t1'] }), queue('q2', { teamIds: ['t2'] })], agents: [agent('a', { presence: 'offline', teamIds: ['t1', 't2'] })] });
  e.addTask(task('low', { queueId: 'q1', priority: 10 }), T0);
  e.addTask(task('high', { queueId: 'q2', priority: 80, enqueuedAt: T0 + 5 }), T0);
  assert.deepEqual(e.decide(T0), []);
  e.upsertAgent(agent('a', { teamIds: ['t1', 't2'], capacity: { voice: 1, chat: 1, email: 0, messaging: 0, ticket: 0 } }), T0 + 10);
  assert.deepEqual(offers(e.decide(T0 + 10)).map((o) => o.offer.taskId), ['high']);
  // decide with a limit
  e.upsertAgent(agent('b', { teamIds: ['t1'] }), T0 + 11);
  e.addTask(task('x', { queueId: 'q1', enqueuedAt: T0 + 11 }), T0 + 11);
  assert.equal(e.decide(T0 + 11, 1).length, 1);
  assert.equal(e.decide(T0 + 11, 1).length, 1);
  assert.equal(e.decide(T0 + 11, 1).length, 0);
});
