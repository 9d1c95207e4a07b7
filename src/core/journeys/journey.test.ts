import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTouchpoints, kindOfChannel, type JourneySignal } from './touchpoints.ts';
import { analyseJourney, DEFAULT_JOURNEY_OPTIONS } from './journey.ts';

const H = 3_600_000;
const D = 24 * H;
const t0 = Date.parse('2026-11-02T09:00:00Z');
const at = (ms: number) => new Date(t0 + ms);
const sig = (type: JourneySignal['type'], ms: number, extra: Partial<JourneySignal> = {}): JourneySignal => ({ type, at: at(ms), customerId: 'c1', channel: null, conversationId: null, ref: null, ...extra });

test('channels map to kinds: voice is a call, messenger and telegram are messaging', () => {
  assert.equal(kindOfChannel('voice'), 'call');
  assert.equal(kindOfChannel('email'), 'email');
  assert.equal(kindOfChannel('telegram'), 'messaging');
  assert.equal(kindOfChannel('messenger'), 'messaging');
  assert.equal(kindOfChannel('whatsapp'), 'whatsapp');
});

test('a bot conversation shows the bot and its hand-over, not the chat; a linked ticket is no contact', () => {
  const { touchpoints, outcomes } = buildTouchpoints([
    sig('handover', 5 * 60_000, { channel: 'chat', conversationId: 'v1' }),
    sig('conversation', 0, { channel: 'chat', conversationId: 'v1' }),
    sig('bot_started', 0, { channel: 'chat', conversationId: 'v1' }),
    sig('ticket', 10 * 60_000, { ref: 't1', linked: true }),
    sig('ticket', 2 * D, { ref: 't2', linked: false }),
    sig('conversation', 3 * D, { channel: 'voice', conversationId: 'v2' }),
    sig('queue_abandoned', 3 * D + 60_000, { conversationId: 'v2' }),
  ]);
  assert.deepEqual(touchpoints.map((t) => [t.kind, t.contact]), [['bot', false], ['handover', true], ['ticket', false], ['ticket', true], ['call', true]]);
  assert.deepEqual([...outcomes.queueAbandoned.keys()], ['v2']);
  assert.equal(outcomes.botResolved.size, 0);
});

test('repeats: a contact within 7 days of the previous contact; the gap is measured from that one', () => {
  const { touchpoints, outcomes } = buildTouchpoints([
    sig('conversation', 0, { channel: 'email', conversationId: 'a' }),
    sig('purchase', 1 * D, { ref: 'o1' }),
    sig('conversation', 6 * D, { channel: 'voice', conversationId: 'b' }), // 6 d after a: repeat
    sig('conversation', 14 * D, { channel: 'chat', conversationId: 'c' }), // 8 d after b: not
    sig('conversation', 14 * D + 2 * H, { channel: 'sms', conversationId: 'd' }), // 2 h after c: repeat
  ]);
  const j = analyseJourney(touchpoints, outcomes, at(30 * D));
  assert.deepEqual(j.touchpoints.map((t) => t.kind), ['email', 'purchase', 'call', 'chat', 'sms']);
  assert.deepEqual(j.repeats, [{ index: 2, previousIndex: 0, gapMs: 6 * D }, { index: 4, previousIndex: 3, gapMs: 2 * H }]);
  assert.deepEqual(j.drops, []);
  // A 1-day window keeps only the 2-hour repeat.
  const narrow = analyseJourney(touchpoints, outcomes, at(30 * D), { ...DEFAULT_JOURNEY_OPTIONS, repeatWindowMs: D });
  assert.deepEqual(narrow.repeats.map((r) => r.index), [4]);
});

test('drops: an unanswered bot, a queue abandon, a help center visit followed by a contact', () => {
  const { touchpoints, outcomes } = buildTouchpoints([
    sig('help_center', 0, { ref: 'art1', label: 'Returns' }),
    sig('conversation', 2 * H, { channel: 'chat', conversationId: 'bot1' }),
    sig('bot_started', 2 * H, { channel: 'chat', conversationId: 'bot1' }), // no hand-over, no end: dropped
    sig('conversation', 3 * H, { channel: 'voice', conversationId: 'call1' }), // contact 3 h after the visit
    sig('queue_abandoned', 3 * H + 90_000, { conversationId: 'call1' }),
    sig('conversation', 5 * D, { channel: 'chat', conversationId: 'bot2' }),
    sig('bot_started', 5 * D, { channel: 'chat', conversationId: 'bot2' }),
    sig('bot_resolved', 5 * D + 60_000, { conversationId: 'bot2' }), // the bot resolved it: no drop
    sig('help_center', 9 * D, { ref: 'art2' }), // nothing after: self-service worked
    sig('conversation', 20 * D, { channel: 'chat', conversationId: 'bot3' }),
    sig('bot_started', 20 * D, { channel: 'chat', conversationId: 'bot3' }), // 2 h before asOf: still open
  ]);
  const j = analyseJourney(touchpoints, outcomes, at(20 * D + 2 * H));
  assert.deepEqual(j.touchpoints.map((t) => t.kind), ['help_center', 'bot', 'call', 'bot', 'help_center', 'bot']);
  assert.deepEqual(j.drops, [
    { index: 0, reason: 'self_service_failed', contactIndex: 2 },
    { index: 1, reason: 'bot_abandoned', contactIndex: null },
    { index: 2, reason: 'queue_abandoned', contactIndex: null },
  ]);
  assert.deepEqual(j.repeats, []);
});

test('a visit followed by a contact after the self-service window is not a failure', () => {
  const { touchpoints, outcomes } = buildTouchpoints([
    sig('help_center', 0, { ref: 'a' }),
    sig('purchase', H, { ref: 'o' }),
    sig('conversation', D + 1, { channel: 'email', conversationId: 'e' }),
  ]);
  assert.deepEqual(analyseJourney(touchpoints, outcomes, at(3 * D)).drops, []);
});
