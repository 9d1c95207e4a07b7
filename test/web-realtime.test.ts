import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, createRealtimeClient, type RealtimeEvent, type RealtimeOptions, type SocketLike, type Timers } from '../web/src/lib/realtime.ts';

/** A clock that only moves when told to. */
class FakeClock implements Timers {
  now = 0;
  private next = 1;
  private pending = new Map<number, { at: number; fn: () => void }>();
  delays: number[] = [];
  set(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { at: this.now + ms, fn });
    this.delays.push(ms);
    return id;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Runs every timer due within `ms`, in order. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.now = due[1].at;
      due[1].fn();
    }
    this.now = end;
  }
}

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  closedWith: number | null = null;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close(code = 1000) {
    this.closedWith = code;
    this.readyState = 3;
  }
  // Server side of the fake:
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  frame(f: unknown) {
    this.onmessage?.({ data: JSON.stringify(f) });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
}

const ev = (seq: number, topics = ['tenant'], type = 'team.created') => ({
  type: 'event',
  seq,
  event: {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    type,
    aggregateType: 'team',
    aggregateId: 't1',
    actorId: null,
    topics,
    payload: {},
    createdAt: new Date(0).toISOString(),
  },
});

function setup(over: Partial<RealtimeOptions> = {}) {
  const clock = new FakeClock();
  const sockets: FakeSocket[] = [];
  const statuses: string[] = [];
  let sessionEnded = 0;
  const client = createRealtimeClient({
    url: 'ws://test/ws',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    timers: clock,
    random: () => 1,
    onSessionEnded: () => sessionEnded++,
    ...over,
  });
  client.onStatus((s) => statuses.push(s));
  const last = () => sockets[sockets.length - 1]!;
  return { clock, sockets, statuses, client, last, ended: () => sessionEnded };
}

describe('realtime client (web)', () => {
  test('subscribes on open, re-subscribes with since after a drop, drops duplicates', () => {
    const { client, clock, sockets, last, statuses } = setup();
    const seen: number[] = [];
    client.subscribe(['tenant'], (_e: RealtimeEvent, seq) => seen.push(seq));
    client.start();
    assert.equal(client.status, 'connecting');
    last().open();
    assert.equal(client.status, 'live');
    assert.deepEqual(last().sent, [{ type: 'subscribe', topics: ['tenant'] }]);
    last().frame({ type: 'subscribed', topics: ['tenant'], seq: 10 });
    last().frame(ev(11));
    last().frame(ev(12));
    last().frame(ev(12)); // duplicate
    assert.deepEqual(seen, [11, 12]);

    last().drop();
    assert.equal(client.status, 'reconnecting');
    clock.advance(500);
    assert.equal(sockets.length, 2);
    last().open();
    assert.deepEqual(last().sent, [{ type: 'subscribe', topics: ['tenant'], since: 12 }]);
    // The catch-up replays from since; anything already seen is dropped.
    last().frame(ev(12));
    last().frame(ev(13));
    last().frame({ type: 'subscribed', topics: ['tenant'], seq: 13 });
    assert.deepEqual(seen, [11, 12, 13]);
    assert.equal(client.lastSeq, 13);
    assert.deepEqual(statuses, ['live', 'reconnecting', 'live']);
    client.close();
    assert.equal(client.status, 'offline');
  });

  test('topics are reference-counted and handlers only see their topics', () => {
    const { client, last } = setup();
    client.start();
    last().open();
    const a: string[] = [];
    const b: string[] = [];
    const offA = client.subscribe(['tenant', 'team:1'], (e) => a.push(e.type));
    const offB = client.subscribe(['tenant'], (e) => b.push(e.type));
    last().frame(ev(1, ['team:1'], 'x'));
    last().frame(ev(2, ['tenant', 'team:1'], 'y'));
    assert.deepEqual(a, ['x', 'y']);
    assert.deepEqual(b, ['y']);
    offA();
    offA(); // idempotent
    offB();
    assert.deepEqual(last().sent, [
      { type: 'subscribe', topics: ['tenant', 'team:1'] },
      { type: 'unsubscribe', topics: ['team:1'] },
      { type: 'unsubscribe', topics: ['tenant'] },
    ]);
  });

  test('backoff doubles from 0.5 s, is capped at 30 s, and resets after a stable connection', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, () => 1)),
      [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000],
    );
    // Jitter: between half and all of the step.
    for (let i = 0; i < 50; i++) {
      const d = backoffDelay(3, Math.random);
      assert.ok(d >= 2000 && d <= 4000, String(d));
    }

    const { client, clock, sockets, last } = setup({ stableAfterMs: 10_000 });
    client.start();
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      last().drop(1006);
      const before = clock.now;
      const n = sockets.length;
      while (sockets.length === n) clock.advance(100);
      waits.push(clock.now - before);
    }
    assert.deepEqual(waits, [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    assert.equal(client.status, 'offline'); // after several failures in a row
    last().open();
    assert.equal(client.status, 'live');
    clock.advance(10_000); // stable
    last().drop(1006);
    const before = clock.now;
    const n = sockets.length;
    while (sockets.length === n) clock.advance(100);
    assert.equal(clock.now - before, 500);
  });

  test('close codes 4001 and 4401 end the session: no reconnect', () => {
    for (const code of [4001, 4401]) {
      const { client, clock, sockets, last, ended } = setup();
      client.subscribe(['tenant'], () => {});
      client.start();
      last().open();
      last().drop(code);
      clock.advance(120_000);
      assert.equal(sockets.length, 1, `no reconnect after ${code}`);
      assert.equal(client.status, 'offline');
      assert.equal(ended(), 1);
      client.retryNow();
      client.start();
      assert.equal(sockets.length, 1);
    }
  });

  test('a ping every 25 s; no pong within 10 s closes the socket and reconnects', () => {
    const { client, clock, sockets, last } = setup();
    client.start();
    last().open();
    clock.advance(25_000);
    assert.deepEqual(last().sent.at(-1), { type: 'ping' });
    clock.advance(5_000);
    last().frame({ type: 'pong' });
    clock.advance(10_000);
    assert.equal(sockets.length, 1, 'a pong keeps the connection');
    assert.equal(last().closedWith, null);

    clock.advance(10_000); // second ping at 50 s
    assert.deepEqual(
      last().sent.filter((f) => f.type === 'ping'),
      [{ type: 'ping' }, { type: 'ping' }],
    );
    const dead = last();
    clock.advance(10_000); // no pong
    assert.equal(dead.closedWith, 4000);
    assert.equal(client.status, 'reconnecting');
    clock.advance(500);
    assert.equal(sockets.length, 2);
    // The dead socket's late close event changes nothing.
    dead.drop(1006);
    assert.equal(sockets.length, 2);
  });

  test('server error frames are reported', () => {
    const errors: string[] = [];
    const { client, last } = setup({ onError: (code) => errors.push(code) });
    client.start();
    last().open();
    last().frame({ type: 'error', code: 'forbidden', message: 'no' });
    assert.deepEqual(errors, ['forbidden']);
  });

  test('typing goes out on the shared socket and typing frames reach their listeners until they unsubscribe', () => {
    const { client, last } = setup();
    const cid = '00000000-0000-4000-8000-000000000001';
    client.sendTyping(cid, true); // not connected yet: dropped, it is ephemeral
    client.start();
    const heard: boolean[] = [];
    const off = client.onTyping((t) => {
      if (t.conversationId === cid && t.who === 'customer') heard.push(t.on);
    });
    last().open();
    client.sendTyping(cid, true);
    assert.deepEqual(last().sent.filter((f) => f.type === 'typing'), [{ type: 'typing', conversationId: cid, on: true }]);
    last().frame({ type: 'typing', conversationId: cid, who: 'customer', on: true });
    last().frame({ type: 'typing', conversationId: cid, who: 'customer', on: false });
    off();
    last().frame({ type: 'typing', conversationId: cid, who: 'customer', on: true });
    assert.deepEqual(heard, [true, false]);
  });
});
