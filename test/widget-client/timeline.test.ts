import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addMessages, addPending, applyAck, emptyTimeline, markFailed, markPending } from '../../web/widget/lib/timeline.ts';

const id = (n: number): string => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const m = (seq: number, clientId: string | null = null, text = `m${seq}`) => ({
  id: id(seq),
  seq,
  direction: clientId ? ('inbound' as const) : ('outbound' as const),
  clientId,
  text,
  authorName: clientId ? null : 'Ola',
  at: new Date(seq * 1000).toISOString(),
  attachments: [],
});

describe('widget timeline (dedupe and order)', () => {
  it('shows each message once, in seq order, whatever order and how often they arrive', () => {
    let t = addMessages(emptyTimeline, [m(3), m(1)]);
    t = addMessages(t, [m(2), m(3), m(1)]);
    t = addMessages(t, [m(2)]);
    assert.deepEqual(t.items.map((i) => i.seq), [1, 2, 3]);
    assert.equal(t.lastSeq, 3);
  });

  it('an update of a known message replaces it in place', () => {
    let t = addMessages(emptyTimeline, [m(1, null, 'first')]);
    t = addMessages(t, [m(1, null, 'edited')]);
    assert.deepEqual(t.items.map((i) => i.text), ['edited']);
  });

  it('pending sends come after confirmed messages and become confirmed by ack or by message', () => {
    let t = addMessages(emptyTimeline, [m(1)]);
    t = addPending(t, { clientId: 'a', text: 'mine a', at: 5000 });
    t = addPending(t, { clientId: 'b', text: 'mine b', at: 6000 });
    t = addPending(t, { clientId: 'a', text: 'mine a', at: 5000 });
    assert.deepEqual(t.items.map((i) => [i.text, i.status]), [['m1', 'sent'], ['mine a', 'pending'], ['mine b', 'pending']]);
    // Agent replies in between: seq 2. Then "b" is stored as 4 and "a" as 3 (ack order differs).
    t = addMessages(t, [m(2)]);
    t = applyAck(t, { clientId: 'b', seq: 4, messageId: id(4) });
    t = addMessages(t, [m(3, 'a', 'mine a')]);
    assert.deepEqual(t.items.map((i) => `${i.seq}:${i.text}`), ['1:m1', '2:m2', '3:mine a', '4:mine b']);
    // A late ack for "a" and a late echo of "b" change nothing.
    t = applyAck(t, { clientId: 'a', seq: 3, messageId: id(3) });
    t = addMessages(t, [m(4, 'b', 'mine b')]);
    assert.equal(t.items.length, 4);
    assert.equal(t.items.find((i) => i.clientId === 'a')!.key, 'a', 'the render key stays the clientId');
  });

  it('an ack for a message already shown by id (another tab) removes the pending copy', () => {
    let t = addPending(emptyTimeline, { clientId: 'x', text: 'hi', at: 1 });
    t = addMessages(t, [{ ...m(7, null, 'hi'), direction: 'inbound', authorName: null }]);
    t = applyAck(t, { clientId: 'x', seq: 7, messageId: id(7) });
    assert.deepEqual(t.items.map((i) => i.seq), [7]);
  });

  it('marks a refused send as failed and back to pending for a retry', () => {
    let t = addPending(emptyTimeline, { clientId: 'x', text: 'hi', at: 1 });
    t = markFailed(t, 'x', 'too fast');
    assert.equal(t.items[0]!.status, 'failed');
    assert.equal(t.items[0]!.error, 'too fast');
    assert.equal(markFailed(t, 'nope', 'e'), t);
    t = markPending(t, 'x');
    assert.equal(t.items[0]!.status, 'pending');
  });

  it("keeps the bot's mark and quick replies; a later copy without them clears them", () => {
    const choices = [{ key: 'yes', label: 'Yes', number: 1 }, { key: 'no', label: 'No', number: 2 }];
    let t = addMessages(emptyTimeline, [{ ...m(1), bot: true, choices }, m(2)]);
    assert.equal(t.items[0]!.bot, true);
    assert.deepEqual(t.items[0]!.choices, choices);
    assert.equal(t.items[1]!.bot, undefined);
    assert.equal(t.items[1]!.choices, undefined);
    t = addMessages(t, [{ ...m(1), bot: true }]);
    assert.equal(t.items[0]!.choices, undefined);
  });
});
