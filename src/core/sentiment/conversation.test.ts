import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dropAlert, trendDirection } from './conversation.ts';
import { sentimentTrend } from './trend.ts';

const pts = (xs: number[]) => xs.map((score, i) => ({ seq: i + 1, score }));

test('dropAlert: a sharp drop alerts when none was raised before', () => {
  const t = dropAlert(pts([0.6, 0.5, -0.7]), null);
  assert.ok(t);
  assert.equal(t.lastThirdMean, -0.7);
  assert.equal(dropAlert(pts([0.6, 0.5, 0.4]), null), null, 'no drop, no alert');
  assert.equal(dropAlert(pts([0.6, -0.7]), null), null, 'too few messages');
});

test('dropAlert: once per drop; again only after the mood recovered', () => {
  // Alerted at seq 3; still bad at 4: no second alert.
  assert.equal(dropAlert(pts([0.6, 0.5, -0.7, -0.8]), 3), null);
  // Recovered at 4-6 (no sharp drop, last third positive), fell again at 7-9: a new alert.
  const again = pts([0.6, 0.5, -0.7, 0.6, 0.7, 0.8, -0.8, -0.9, -0.9]);
  assert.ok(dropAlert(again, 3));
  // An alert at the latest message already: nothing more.
  assert.equal(dropAlert(again, 9), null);
  // Options reach the check: a stricter threshold holds the alert back.
  assert.equal(dropAlert(pts([0.6, 0.5, -0.7]), null, { threshold: 2 }), null);
});

test('trendDirection: falling and rising beyond 0.15, else steady', () => {
  assert.equal(trendDirection(sentimentTrend([{ at: 1, score: 0.5 }, { at: 2, score: -0.5 }])), 'falling');
  assert.equal(trendDirection(sentimentTrend([{ at: 1, score: -0.5 }, { at: 2, score: 0.5 }])), 'rising');
  assert.equal(trendDirection(sentimentTrend([{ at: 1, score: 0.3 }, { at: 2, score: 0.25 }])), 'steady');
  assert.equal(trendDirection(sentimentTrend([{ at: 1, score: -0.9 }])), 'steady', 'one message has no direction');
});
