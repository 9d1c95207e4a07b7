import { test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { tenantPoker } from './tenant-poker.ts';

const log = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('pokes during a run fold into one more run; without a gap it starts right after', async () => {
  const starts: number[] = [];
  const p = tenantPoker(async () => {
    starts.push(performance.now());
    await sleep(20);
  }, log, 'test');
  p.poke('a');
  p.poke('a');
  p.poke('a');
  await p.idle();
  assert.equal(starts.length, 2, 'three pokes, two runs');
  assert.ok(starts[1]! - starts[0]! < 150, `the second run started ${starts[1]! - starts[0]!} ms after the first`);
});

test('with minGapMs, runs of one tenant start that far apart; the first after a quiet spell is not delayed; tenants do not wait for each other', async () => {
  const starts = new Map<string, number[]>();
  const p = tenantPoker(async (t) => {
    starts.set(t, [...(starts.get(t) ?? []), performance.now()]);
    await sleep(5);
  }, log, 'test', { minGapMs: 300 });
  const t0 = performance.now();
  p.poke('a');
  p.poke('b');
  await sleep(1);
  p.poke('a'); // during a's first run
  await p.idle();
  const a = starts.get('a')!;
  assert.equal(a.length, 2);
  assert.ok(a[0]! - t0 < 150, 'the first run is immediate');
  assert.ok(a[1]! - a[0]! >= 295, `the second run waited for the gap: ${a[1]! - a[0]!} ms`);
  assert.ok(starts.get('b')![0]! - t0 < 150, 'another tenant runs at once');
  await sleep(320);
  const t1 = performance.now();
  p.poke('a');
  await p.idle();
  assert.ok(starts.get('a')![2]! - t1 < 150, 'after a quiet spell longer than the gap: no delay');
});

test('stop during the gap runs nothing more', async () => {
  let runs = 0;
  const p = tenantPoker(async () => {
    runs++;
  }, log, 'test', { minGapMs: 200 });
  p.poke('a');
  await p.idle();
  p.poke('a');
  await sleep(10);
  await p.stop();
  assert.equal(runs, 1);
});

test('a run that reads batch after batch ends after the batch in hand once stop is asked', async () => {
  let batches = 0;
  const p = tenantPoker(async (_t, stopped) => {
    // A follower kept behind by a writer: never caught up on its own.
    while (!stopped()) {
      batches++;
      await sleep(5);
    }
  }, log, 'test');
  p.poke('a');
  await sleep(30);
  assert.ok(batches > 0);
  const stopping = p.stop();
  const done = await Promise.race([stopping.then(() => 'stopped'), sleep(1000).then(() => 'still running')]);
  assert.equal(done, 'stopped');
  const after = batches;
  await sleep(20);
  assert.equal(batches, after, 'no batch after stop');
});
