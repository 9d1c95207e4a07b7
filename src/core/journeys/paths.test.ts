import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTouchpoints, type JourneySignal, type TouchpointKind } from './touchpoints.ts';
import { analysePaths, MAX_PATH_STEPS, pathOf } from './paths.ts';

const H = 3_600_000;
const t0 = Date.parse('2026-11-02T09:00:00Z');
let n = 0;
/** One customer's touchpoints from a list of kinds an hour apart. */
function person(customerId: string, kinds: (TouchpointKind | 'voice')[]): JourneySignal[] {
  return kinds.map((k, i) => {
    const at = new Date(t0 + i * H);
    const conversationId = `conv-${n++}`;
    if (k === 'help_center') return { type: 'help_center', at, customerId, channel: null, conversationId: null, ref: 'art' };
    if (k === 'purchase') return { type: 'purchase', at, customerId, channel: null, conversationId: null, ref: 'o' };
    return { type: 'conversation', at, customerId, channel: k === 'call' ? 'voice' : k, conversationId, ref: null };
  });
}

test('a path collapses consecutive repeats', () => {
  const { touchpoints } = buildTouchpoints(person('x', ['help_center', 'help_center', 'call', 'call', 'help_center']));
  assert.deepEqual(pathOf(touchpoints), ['help_center', 'call', 'help_center']);
});

test('paths, contact rates and conditional findings over five customers (hand-counted)', () => {
  // a: help_center → call        b: help_center → call        c: help_center → purchase
  // d: call → help_center        e: nothing in the range
  const signals = [
    ...person('a', ['help_center', 'call']),
    ...person('b', ['help_center', 'help_center', 'call']),
    ...person('c', ['help_center', 'purchase']),
    ...person('d', ['call', 'help_center']),
  ].sort((x, y) => x.at.getTime() - y.at.getTime());
  const { touchpoints, outcomes } = buildTouchpoints(signals);
  const r = analysePaths(5, touchpoints, outcomes, { asOf: new Date(t0 + 100 * H), topN: 2, after: 'help_center', then: 'call' });

  assert.equal(r.customers, 5);
  assert.equal(r.withJourney, 4);
  // Top 2 of three distinct paths: help_center>call (a, b) = 2/4, then the 2-step paths by name.
  assert.deepEqual(r.paths.map((p) => [p.kinds.join('>'), p.customers, p.share]), [['help_center>call', 2, 0.5], ['call>help_center', 1, 0.25]]);
  // Contact rates over all five customers.
  assert.deepEqual(r.channels.map((c) => [c.kind, c.customers, c.rate, c.touchpoints, c.perCustomer]), [
    ['help_center', 4, 0.8, 5, 1],
    ['call', 3, 0.6, 3, 0.6],
    ['purchase', 1, 0.2, 1, 0.2],
  ]);
  // Of the 4 who used the help center, 3 also called, 2 called after their first visit (d called before).
  assert.deepEqual(r.finding, { after: 'help_center', then: 'call', customersAfter: 4, thenAnyTime: 3, thenAfter: 2, share: 0.5, baseRate: 0.6, interest: 0.4 });
  // Every ordered pair of the kinds used, most interesting first: call→help_center: 3 callers, 1 visited after
  // (d), share 1/3 vs base 0.8 → 3 × 0.4667 = 1.4.
  assert.equal(r.conditionals.length, 6);
  assert.deepEqual([r.conditionals[0]!.after, r.conditionals[0]!.then, r.conditionals[0]!.interest], ['call', 'help_center', 1.4]);
  for (let i = 1; i < r.conditionals.length; i++) assert.ok(r.conditionals[i - 1]!.interest >= r.conditionals[i]!.interest, 'sorted by interest');
  // Contacts: the three calls, none after another contact, so no repeats. c's visit is followed by no contact;
  // a's visit and b's last visit are followed by a call within 24 h: two failed self-services (b's first visit
  // is followed by another visit, which is where b's self-service failed).
  assert.equal(r.contacts, 3);
  assert.equal(r.repeats, 0);
  assert.deepEqual(r.drops, { bot_abandoned: 0, queue_abandoned: 0, self_service_failed: 2 });
});

test('long paths are cut and marked; an empty set gives zero rates, not NaN', () => {
  const kinds: TouchpointKind[] = [];
  for (let i = 0; i < MAX_PATH_STEPS + 2; i++) kinds.push(i % 2 ? 'call' : 'email');
  const { touchpoints, outcomes } = buildTouchpoints(person('z', kinds));
  const r = analysePaths(1, touchpoints, outcomes, { asOf: new Date(t0 + 100 * H), topN: 10 });
  assert.equal(r.paths[0]!.kinds.length, MAX_PATH_STEPS);
  assert.equal(r.paths[0]!.truncated, true);
  assert.equal(r.repeats, MAX_PATH_STEPS + 1, 'each contact after the first is within 7 days of the previous');
  assert.equal(r.finding, null);

  const empty = analysePaths(0, [], { botResolved: new Map(), queueAbandoned: new Map() }, { asOf: new Date(), topN: 5, after: 'call', then: 'email' });
  assert.deepEqual(empty.finding, { after: 'call', then: 'email', customersAfter: 0, thenAnyTime: 0, thenAfter: 0, share: 0, baseRate: 0, interest: 0 });
  assert.deepEqual(empty.paths, []);
});

test('many customers\' touchpoints in any order (sorted: false) give the same analysis as time order', () => {
  const signals = [
    ...person('p', ['help_center', 'call', 'email', 'call']),
    ...person('q', ['call', 'purchase', 'help_center']),
    ...person('r', ['email', 'email', 'help_center', 'call']),
  ];
  const ordered = [...signals].sort((x, y) => x.at.getTime() - y.at.getTime());
  const shuffled = [...signals].reverse();
  const args = { asOf: new Date(t0 + 100 * H), topN: 10, after: 'help_center' as const, then: 'call' as const };
  const a = buildTouchpoints(ordered);
  const b = buildTouchpoints(shuffled, { sorted: false });
  assert.deepEqual(analysePaths(3, b.touchpoints, b.outcomes, args), analysePaths(3, a.touchpoints, a.outcomes, args));
  // p and r called after their first visit; q visited last.
  assert.deepEqual(analysePaths(3, b.touchpoints, b.outcomes, args).finding?.thenAfter, 2);
});
