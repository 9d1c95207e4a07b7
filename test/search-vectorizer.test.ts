/**
 * The search analysis thread (src/core/search/vectorizer.ts): big batches are analyzed on a worker
 * and give exactly the vectors the main thread gives; small ones stay here; a failing worker costs
 * nothing but time (the batch is analyzed here) and is retried after a minute; the worker bundle
 * that `npm start` runs answers the same.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { documentVector } from '../src/core/search/terms.ts';
import { createVectorizer, type TextPair } from '../src/core/search/vectorizer.ts';

const texts: TextPair[] = [
  ['', 'Dzień dobry, mam pytanie o zamówienie nr 4411 — kiedy dotrze?'],
  ['Ad-daliad', 'Rwy eisiau ad-daliad am fy archeb, diolch yn fawr'],
  ['', 'मेरा ऑर्डर कहाँ है? कृपया जल्दी बताइए'],
  ['退货政策', '我想退货，請問退貨流程是什麼？'],
  ["O'Brien", "back\\slash refund it's <b>bold</b> & 'quoted'"],
  ['', ''],
];
/** Enough text to go to the worker at the default threshold. */
const big: TextPair[] = Array.from({ length: 60 }, (_, i) => texts[i % texts.length]!).map(([t, b], i) => [t, `${b} #${i} ${'lorem ipsum '.repeat(8)}`] as const);
const expected = (pairs: readonly TextPair[]) => pairs.map(([t, b]) => documentVector(t, b));

test('a big batch is analyzed on the worker thread and gives exactly the main thread\'s vectors, in order', async () => {
  const v = createVectorizer();
  try {
    assert.equal(v.running(), false, 'no thread before it is needed');
    const got = await v.vectorize(big);
    assert.equal(v.running(), true, 'the batch went to the worker');
    assert.deepEqual(got, expected(big));
    // Several batches at once come back each to its own caller.
    const parts = [big.slice(0, 30).concat(big.slice(0, 30)), big.slice(30).concat(big.slice(30)), [...big].reverse()];
    const answers = await Promise.all(parts.map((p) => v.vectorize(p)));
    answers.forEach((a, i) => assert.deepEqual(a, expected(parts[i]!)));
  } finally {
    await v.close();
  }
  assert.equal(v.running(), false);
});

test('a small batch is analyzed here without starting a thread', async () => {
  const v = createVectorizer();
  try {
    assert.deepEqual(await v.vectorize(texts), expected(texts));
    assert.deepEqual(await v.vectorize([]), []);
    assert.equal(v.running(), false);
  } finally {
    await v.close();
  }
});

test('a worker that dies or answers nonsense: the batch is analyzed here, the error is told, and the thread is retried after a minute', async () => {
  let clock = 1_000_000;
  let spawned = 0;
  const errors: unknown[] = [];
  const v = createVectorizer({
    minChars: 1,
    now: () => clock,
    onError: (e) => errors.push(e),
    spawn: () => {
      spawned++;
      // First a thread that exits at once, then one that answers an error.
      return spawned === 1
        ? new Worker('process.exit(3)', { eval: true })
        : new Worker("require('node:worker_threads').parentPort.on('message', (m) => require('node:worker_threads').parentPort.postMessage({ id: m.id, error: 'boom' }))", { eval: true });
    },
  });
  try {
    assert.deepEqual(await v.vectorize(texts), expected(texts), 'the batch is still analyzed');
    assert.equal(errors.length, 1);
    assert.match(String(errors[0]), /exited \(code 3\)/);
    assert.equal(v.running(), false);
    // Within the minute: here, no new thread.
    clock += 59_000;
    assert.deepEqual(await v.vectorize(texts), expected(texts));
    assert.equal(spawned, 1);
    // After it: a new thread; its error answer is not used, the batch is analyzed here.
    clock += 2_000;
    assert.deepEqual(await v.vectorize(texts), expected(texts));
    assert.equal(spawned, 2);
  } finally {
    await v.close();
  }
});

test('after close, batches are analyzed here', async () => {
  const v = createVectorizer({ minChars: 1 });
  await v.vectorize(texts);
  assert.equal(v.running(), true);
  await v.close();
  assert.equal(v.running(), false);
  assert.deepEqual(await v.vectorize(big), expected(big));
  assert.equal(v.running(), false);
});

test('the worker bundle npm start runs (scripts/launch.mjs) gives the same vectors', async () => {
  const built = spawnSync(process.execPath, ['scripts/launch.mjs', '--build-only'], { encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr);
  const v = createVectorizer({ minChars: 1, spawn: () => new Worker(resolve('dist/search-vector-worker.mjs')) });
  try {
    assert.deepEqual(await v.vectorize(big), expected(big));
    assert.equal(v.running(), true);
  } finally {
    await v.close();
  }
});
