import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRefetchScheduler, type SchedulerTimers } from '../web/src/pages/wallboard/refetch-scheduler.ts';

/** Timers that only move when told to. */
class FakeTimers implements SchedulerTimers {
  t = 1_000;
  private id = 0;
  private pending = new Map<number, { at: number; fn: () => void }>();
  now = () => this.t;
  set = (fn: () => void, ms: number) => {
    this.pending.set(++this.id, { at: this.t + ms, fn });
    return this.id;
  };
  clear = (h: unknown) => void this.pending.delete(h as number);
  async advance(ms: number) {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, x]) => x.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.t = due[1].at;
      due[1].fn();
      await flush();
    }
    this.t = end;
    await flush();
  }
}
const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

/** A fetch that stays open until `finish()`; records when each started. */
function fakeFetch(clock: FakeTimers) {
  const starts: number[] = [];
  let open: (() => void) | null = null;
  return {
    starts,
    run: () => {
      starts.push(clock.t);
      return new Promise<void>((resolve) => (open = resolve));
    },
    async finish() {
      open?.();
      open = null;
      await flush();
    },
  };
}

describe('wallboard refetch scheduler', () => {
  test('a burst of events is one refetch; the next starts no sooner than 500 ms after it', async () => {
    const clock = new FakeTimers();
    const f = fakeFetch(clock);
    const s = createRefetchScheduler(f.run, 500, clock);
    for (let i = 0; i < 20; i++) s.request();
    await clock.advance(0);
    assert.deepEqual(f.starts, [1_000], 'the first event is answered at once');
    await f.finish();
    await clock.advance(100);
    for (let i = 0; i < 5; i++) s.request();
    await clock.advance(350);
    assert.equal(f.starts.length, 1, 'still within 500 ms of the last start');
    await clock.advance(50);
    assert.deepEqual(f.starts, [1_000, 1_500]);
    await f.finish();
    await clock.advance(5_000);
    assert.equal(f.starts.length, 2, 'nothing more without events');
  });

  test('an event during a fetch gets exactly one more fetch after it, never two at once', async () => {
    const clock = new FakeTimers();
    const f = fakeFetch(clock);
    const s = createRefetchScheduler(f.run, 500, clock);
    s.request();
    await clock.advance(0);
    await clock.advance(800); // a slow fetch
    s.request();
    s.request();
    await clock.advance(1_000);
    assert.equal(f.starts.length, 1, 'not while one is in flight');
    await f.finish();
    await clock.advance(0);
    assert.deepEqual(f.starts, [1_000, 2_800], 'one more right after (the gap has passed)');
    await f.finish();
    await clock.advance(2_000);
    assert.equal(f.starts.length, 2);
  });

  test('now() skips the gap (resync after a reconnect), and nothing runs after dispose', async () => {
    const clock = new FakeTimers();
    const f = fakeFetch(clock);
    const s = createRefetchScheduler(f.run, 500, clock);
    s.now();
    await f.finish();
    await clock.advance(10);
    s.request();
    s.now();
    assert.deepEqual(f.starts, [1_000, 1_010]);
    await f.finish();
    s.request();
    s.dispose();
    await clock.advance(2_000);
    assert.equal(f.starts.length, 2);
  });

  test('cancel() drops a waiting request and the one owed after a running fetch', async () => {
    const clock = new FakeTimers();
    const f = fakeFetch(clock);
    const s = createRefetchScheduler(f.run, 500, clock);
    s.now();
    s.request(); // owed after the running one
    s.cancel();
    await f.finish();
    await clock.advance(1_000);
    assert.deepEqual(f.starts, [1_000]);
    s.request();
    await clock.advance(0);
    assert.equal(f.starts.length, 2, 'requests work again after a cancel');
  });

  test('a failed fetch does not stop later ones', async () => {
    const clock = new FakeTimers();
    let calls = 0;
    const s = createRefetchScheduler(async () => {
      calls++;
      throw new Error('offline');
    }, 500, clock);
    s.now();
    await flush();
    await clock.advance(600);
    s.request();
    await clock.advance(0);
    assert.equal(calls, 2);
  });
});
