import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, createConnection, type ConnectionStatus } from '../../web/widget/lib/connection.ts';
import { createOutbox, memoryStorage, outboxKey } from '../../web/widget/lib/outbox.ts';
import { addMessages, addPending, applyAck, emptyTimeline, type Timeline } from '../../web/widget/lib/timeline.ts';
import type { WidgetServerFrame } from '../../src/contracts/widget.ts';
import { fakeSockets, fakeTimers, flush } from './fakes.ts';

const inbox = '0190a000-0000-7000-8000-000000000001';
const conv = '0190a000-0000-7000-8000-0000000000c1';
const mid = (n: number): string => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** A connection wired like the widget does it: frames go into a timeline. */
function setup(opts: { storage?: ReturnType<typeof memoryStorage>; random?: () => number } = {}) {
  const storage = opts.storage ?? memoryStorage();
  const timers = fakeTimers();
  const sockets = fakeSockets();
  const outbox = createOutbox(storage, inbox);
  const statuses: ConnectionStatus[] = [];
  const frames: WidgetServerFrame[] = [];
  let timeline: Timeline = emptyTimeline;
  let ids = 0;
  let token = 'tok1';
  let unauth = 0;
  const conn = createConnection({
    url: () => `ws://x/widget/ws?token=${token}`,
    open: sockets.open,
    timers,
    outbox,
    lastSeq: () => timeline.lastSeq,
    newId: () => `c${++ids}`,
    random: opts.random ?? (() => 1),
    onStatus: (s) => statuses.push(s),
    onUnauthenticated: () => {
      unauth++;
      token = `tok${unauth + 1}`;
    },
    onFrame(f) {
      frames.push(f);
      if (f.type === 'welcome') timeline = addMessages(timeline, f.messages);
      if (f.type === 'message') timeline = addMessages(timeline, [f]);
      if (f.type === 'ack') timeline = applyAck(timeline, f);
    },
  });
  const send = (text: string) => {
    const p = conn.send(text);
    timeline = addPending(timeline, p);
    return p;
  };
  return { conn, storage, timers, sockets, outbox, statuses, frames, send, timeline: () => timeline, unauthCount: () => unauth };
}

const msg = (seq: number, over: Partial<{ clientId: string | null; direction: 'inbound' | 'outbound'; text: string }> = {}) => ({
  id: mid(seq),
  seq,
  direction: over.direction ?? 'inbound',
  clientId: over.clientId ?? null,
  text: over.text ?? `m${seq}`,
  authorName: over.direction === 'outbound' ? 'Agent' : null,
  at: new Date(seq * 1000).toISOString(),
  attachments: [],
});
const welcome = (messages: ReturnType<typeof msg>[] = []) => ({ type: 'welcome', conversationId: conv, messages, status: 'open' });

describe('widget connection', () => {
  it('says hello with the last seq after open, and sends after welcome', async () => {
    const h = setup();
    h.conn.start();
    await flush();
    const s = h.sockets.last();
    assert.equal(s.url, 'ws://x/widget/ws?token=tok1');
    s.accept();
    assert.deepEqual(s.sent, [{ type: 'hello', lastSeq: 0 }]);
    s.push(welcome([msg(1, { direction: 'outbound' })]));
    h.send('hello there');
    assert.deepEqual(s.sent[1], { type: 'send', clientId: 'c1', text: 'hello there' });
    assert.equal(h.outbox.list().length, 1, 'kept until acknowledged');
    s.push({ type: 'ack', clientId: 'c1', seq: 2, messageId: mid(2), conversationId: conv });
    assert.equal(h.outbox.list().length, 0);
    assert.equal(h.storage.data.has(outboxKey(inbox)), false, 'an empty outbox leaves nothing in storage');
    assert.deepEqual(h.timeline().items.map((i) => [i.seq, i.text, i.status]), [[1, 'm1', 'sent'], [2, 'hello there', 'sent']]);
  });

  it('keeps sends made while disconnected and resends them in order after welcome, once each', async () => {
    const h = setup();
    h.conn.start();
    await flush();
    h.sockets.last().accept();
    h.sockets.last().push(welcome());
    h.send('one');
    h.sockets.last().drop();
    assert.equal(h.conn.status, 'reconnecting');
    h.send('two');
    h.send('three');
    assert.deepEqual(h.outbox.list().map((p) => p.text), ['one', 'two', 'three']);
    await h.timers.advance(500);
    const s2 = h.sockets.last();
    assert.equal(h.sockets.all.length, 2);
    s2.accept();
    assert.deepEqual(s2.sent, [{ type: 'hello', lastSeq: 0 }], 'nothing is sent before welcome');
    // The server had stored "one" before the drop (its ack was lost): welcome carries it.
    s2.push(welcome([msg(1, { clientId: 'c1', text: 'one' })]));
    assert.deepEqual((s2.sent as Record<string, unknown>[]).slice(1).map((f) => f.text), ['two', 'three'], '"one" is not sent again; the rest in order');
    s2.push({ type: 'ack', clientId: 'c2', seq: 2, messageId: mid(2), conversationId: conv });
    s2.push({ type: 'ack', clientId: 'c3', seq: 3, messageId: mid(3), conversationId: conv });
    // The server echoes the visitor's own messages as message frames too.
    s2.push({ type: 'message', conversationId: conv, ...msg(3, { clientId: 'c3', text: 'three' }) });
    assert.deepEqual(h.timeline().items.map((i) => `${i.seq}:${i.text}`), ['1:one', '2:two', '3:three']);
    assert.equal(h.outbox.list().length, 0);
  });

  it('resends what a previous page left unacknowledged (localStorage per inbox)', async () => {
    const storage = memoryStorage();
    const first = setup({ storage });
    first.conn.start();
    await flush();
    first.sockets.last().accept();
    first.sockets.last().push(welcome());
    first.send('before reload');
    first.conn.stop();
    const other = createOutbox(storage, '0190a000-0000-7000-8000-0000000000ff');
    assert.equal(other.list().length, 0, 'another inbox has its own outbox');

    const second = setup({ storage });
    second.conn.start();
    await flush();
    second.sockets.last().accept();
    second.sockets.last().push(welcome());
    assert.deepEqual(second.sockets.last().sent[1], { type: 'send', clientId: 'c1', text: 'before reload' });
  });

  it('reconnects with exponential backoff and resets it after welcome', async () => {
    const h = setup();
    h.conn.start();
    await flush();
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      h.sockets.last().drop();
      const before = h.sockets.all.length;
      let waited = 0;
      while (h.sockets.all.length === before) {
        await h.timers.advance(100);
        waited += 100;
      }
      delays.push(waited);
    }
    assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000]);
    h.sockets.last().accept();
    h.sockets.last().push(welcome());
    assert.equal(h.conn.attempt, 0);
    h.sockets.last().drop();
    await h.timers.advance(500);
    assert.equal(h.sockets.all.length, 7, 'back to the first delay');
  });

  it('caps the backoff and adds jitter', () => {
    assert.equal(backoffDelay(30, () => 1), 30_000);
    assert.equal(backoffDelay(3, () => 0), 2_000);
    assert.equal(backoffDelay(0, () => 0.5), 375);
  });

  it('treats a silent socket as dead: ping, no answer, reconnect', async () => {
    const h = setup();
    h.conn.start();
    await flush();
    const s = h.sockets.last();
    s.accept();
    s.push(welcome());
    await h.timers.advance(25_000);
    assert.deepEqual(s.sent.at(-1), { type: 'ping' });
    s.push({ type: 'pong' });
    await h.timers.advance(25_000);
    assert.equal(h.sockets.all.length, 1, 'a pong keeps it');
    await h.timers.advance(10_000);
    assert.equal(s.closed, true);
    assert.equal(h.conn.status, 'reconnecting');
    await h.timers.advance(500);
    assert.equal(h.sockets.all.length, 2);
  });

  it('holds sends while rate limited and resends after retryAfterMs', async () => {
    const h = setup();
    h.conn.start();
    await flush();
    const s = h.sockets.last();
    s.accept();
    s.push(welcome());
    h.send('a');
    s.push({ type: 'error', code: 'rate_limited', message: 'slow down', clientId: 'c1', retryAfterMs: 3000 });
    h.send('b');
    assert.deepEqual(s.sent.filter((f) => f.type === 'send').map((f) => f.text), ['a'], '"b" waits');
    await h.timers.advance(3000);
    assert.deepEqual(s.sent.filter((f) => f.type === 'send').map((f) => f.text), ['a', 'a', 'b'], 'both resent in order');
    assert.equal(h.frames.filter((f) => f.type === 'error').length, 1, 'the UI hears about it');
  });

  it('drops a send the server refused for good, and can retry it by hand', async () => {
    const h = setup();
    h.conn.start();
    await flush();
    const s = h.sockets.last();
    s.accept();
    s.push(welcome());
    const p = h.send('x'.repeat(5));
    s.push({ type: 'error', code: 'invalid', message: 'bad', clientId: 'c1' });
    assert.equal(h.outbox.list().length, 0);
    h.conn.retry(p);
    assert.equal(s.sent.filter((f) => f.type === 'send' && f.clientId === 'c1').length, 2);
  });

  it('renews the session when the token is refused, then reconnects with the new token', async () => {
    const h = setup();
    h.conn.start();
    await flush();
    h.sockets.last().accept();
    h.sockets.last().push({ type: 'error', code: 'unauthenticated', message: 'expired' });
    await flush();
    assert.equal(h.unauthCount(), 1);
    await h.timers.advance(500);
    assert.equal(h.sockets.last().url, 'ws://x/widget/ws?token=tok2');
  });

  it('renews the session when the socket is closed with 4401 (token refused at connect)', async () => {
    const h = setup();
    h.conn.start();
    await flush();
    h.sockets.last().drop(4401);
    await flush();
    assert.equal(h.unauthCount(), 1);
    await h.timers.advance(500);
    assert.equal(h.sockets.last().url, 'ws://x/widget/ws?token=tok2');
    h.sockets.last().drop(1006);
    await flush();
    assert.equal(h.unauthCount(), 1, 'an ordinary drop keeps the token');
  });

  it('ignores events of a replaced socket and stops for good on stop()', async () => {
    const h = setup();
    h.conn.start();
    await flush();
    const old = h.sockets.last();
    old.drop();
    await h.timers.advance(500);
    old.push(welcome([msg(9)]));
    assert.equal(h.timeline().items.length, 0, 'frames from the old socket are ignored');
    h.conn.stop();
    assert.equal(h.sockets.last().closed, true);
    await h.timers.advance(60_000);
    assert.equal(h.sockets.all.length, 2);
    assert.equal(h.conn.status, 'stopped');
  });

  it('does not send typing, read or csat frames while not connected', async () => {
    const h = setup();
    h.conn.start();
    await flush();
    h.sockets.last().accept();
    h.conn.typing(true);
    assert.equal(h.conn.csat(5), false);
    assert.deepEqual(h.sockets.last().sent, [{ type: 'hello', lastSeq: 0 }]);
    h.sockets.last().push(welcome());
    h.conn.typing(true);
    h.conn.read(4);
    assert.equal(h.conn.csat(4, 'great'), true);
    assert.deepEqual(h.sockets.last().sent.slice(1), [
      { type: 'typing', on: true },
      { type: 'read', seq: 4 },
      { type: 'csat', score: 4, comment: 'great' },
    ]);
  });

  it('reconnects when the URL cannot be made (session call failed)', async () => {
    const sockets = fakeSockets();
    const timers = fakeTimers();
    let fail = true;
    const conn = createConnection({
      url: async () => {
        if (fail) throw new Error('offline');
        return 'ws://x';
      },
      open: sockets.open,
      timers,
      outbox: createOutbox(memoryStorage(), inbox),
      lastSeq: () => 0,
      newId: () => 'id',
      onFrame: () => {},
      random: () => 1,
    });
    conn.start();
    await flush();
    assert.equal(sockets.all.length, 0);
    assert.equal(conn.status, 'reconnecting');
    fail = false;
    conn.wake();
    await flush();
    assert.equal(sockets.all.length, 1);
  });
});
