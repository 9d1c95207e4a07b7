import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHeap } from './heap.ts';

interface Item { v: number; i: number }

test('heap: pops in order, removes by tracked index, finds the best item matching a predicate', () => {
  const h = createHeap<Item>((a, b) => a.v < b.v, (x, i) => (x.i = i));
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const items = Array.from({ length: 500 }, () => ({ v: Math.floor(rnd() * 1000), i: -1 }));
  for (const x of items) h.push(x);
  for (const x of items.filter((_, k) => k % 3 === 0)) assert.equal(h.removeAt(x.i), x);
  const kept = items.filter((_, k) => k % 3 !== 0);
  assert.ok(items.filter((_, k) => k % 3 === 0).every((x) => x.i === -1));
  const odd = kept.filter((x) => x.v % 2 === 1).sort((a, b) => a.v - b.v)[0];
  assert.equal(h.firstWhere((x) => x.v % 2 === 1)?.v, odd?.v);
  assert.equal(h.firstWhere(() => false), undefined);
  const out: number[] = [];
  while (h.size) out.push(h.pop()!.v);
  assert.deepEqual(out, kept.map((x) => x.v).sort((a, b) => a - b));
  assert.equal(h.firstWhere(() => true), undefined);
});
