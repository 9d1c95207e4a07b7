import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DAY, runSimulation } from './helpers/routing-sim.ts';

const MONDAY = Date.UTC(2025, 0, 6, 0, 0, 0);

test('a simulated week: invariants hold after every step and every task ends answered, abandoned or overflowed', () => {
  const t = Date.now();
  const r = runSimulation({ days: 7, agents: 30, seed: 20250106, start: MONDAY });
  const ms = Date.now() - t;
  // A few thousand tasks over the week, most answered, some abandoned and overflowed, every path exercised.
  assert.ok(r.tasks > 2000 && r.tasks < 6000, `tasks ${r.tasks}`);
  assert.equal(r.outcomes.answered + r.outcomes.abandoned + r.outcomes.overflowed, r.tasks);
  assert.ok(r.outcomes.answered > r.tasks * 0.6, JSON.stringify(r.outcomes));
  assert.ok(r.expired > 0 && r.rejected > 0 && r.awaySet > 0, JSON.stringify(r));
  assert.ok(r.checks >= r.steps && r.steps > 10_000, `steps ${r.steps}`);
  // No starvation: low-priority work is served within a bound even on busy days (aging), not only at the drain.
  assert.ok(r.maxWaitLowPriorityMs < DAY / 2, `low priority waited ${r.maxWaitLowPriorityMs} ms`);
  assert.ok(ms < 20_000, `took ${ms} ms`);
  console.log(`simulated week: ${JSON.stringify(r)} in ${ms} ms`);
});

test('the simulation is deterministic for a seed and holds on other seeds', () => {
  const a = runSimulation({ days: 2, agents: 12, seed: 7, start: MONDAY });
  const b = runSimulation({ days: 2, agents: 12, seed: 7, start: MONDAY });
  assert.deepEqual(a, b);
  for (const seed of [1, 2, 3]) runSimulation({ days: 2, agents: 8, seed, start: MONDAY });
});
