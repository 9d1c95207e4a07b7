import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateWaitMs } from './eta.ts';

test('null without a position; 0 at position 0', () => {
  assert.equal(estimateWaitMs({ position: null, recentHandleMs: [60_000], agentsServing: 2 }), null);
  assert.equal(estimateWaitMs({ position: 0, recentHandleMs: [60_000], agentsServing: 2 }), 0);
});

test('position × mean handle time ÷ agents, rounded up to 15 s', () => {
  // mean 4 min, position 3, 2 agents: 6 min
  assert.equal(estimateWaitMs({ position: 3, recentHandleMs: [180_000, 300_000], agentsServing: 2 }), 360_000);
  // 100 s / 1 agent -> 105 s
  assert.equal(estimateWaitMs({ position: 1, recentHandleMs: [100_000], agentsServing: 1 }), 105_000);
  // exactly on a step stays
  assert.equal(estimateWaitMs({ position: 2, recentHandleMs: [15_000], agentsServing: 1 }), 30_000);
  // a tiny wait is still at least one step
  assert.equal(estimateWaitMs({ position: 1, recentHandleMs: [1], agentsServing: 10 }), 15_000);
  // more agents, shorter wait
  const one = estimateWaitMs({ position: 10, recentHandleMs: [120_000], agentsServing: 1 })!;
  const four = estimateWaitMs({ position: 10, recentHandleMs: [120_000], agentsServing: 4 })!;
  assert.equal(one, 1_200_000);
  assert.equal(four, 300_000);
});

test('no history: 5 minutes a task; no agents counts as one', () => {
  assert.equal(estimateWaitMs({ position: 2, recentHandleMs: [], agentsServing: 0 }), 600_000);
  assert.equal(estimateWaitMs({ position: 1, recentHandleMs: [], agentsServing: -3 }), 300_000);
  assert.equal(estimateWaitMs({ position: 1, recentHandleMs: [Number.NaN, -5], agentsServing: 1 }), 300_000, 'invalid samples are ignored');
});

test('only the last 50 handle times count', () => {
  const old = Array.from({ length: 100 }, () => 3_600_000);
  const recent = Array.from({ length: 50 }, () => 60_000);
  assert.equal(estimateWaitMs({ position: 1, recentHandleMs: [...old, ...recent], agentsServing: 1 }), 60_000);
  assert.equal(estimateWaitMs({ position: 1, recentHandleMs: [...old, ...recent.slice(1)], agentsServing: 1 }), Math.ceil((3_600_000 + 49 * 60_000) / 50 / 15_000) * 15_000);
});
