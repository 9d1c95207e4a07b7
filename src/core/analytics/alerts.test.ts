import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateAlerts, figureOf, metricUnit, thresholdProblem, type AlertQueue, type AlertRuleInput } from './alerts.ts';

const Q1 = '00000000-0000-7000-8000-000000000001';
const Q2 = '00000000-0000-7000-8000-000000000002';

function queue(id: string, over: Partial<AlertQueue> & { sl?: number | null; slInterval?: number | null; aht?: number | null; asa?: number | null; abandon?: number | null } = {}): AlertQueue {
  return {
    queueId: id,
    waiting: over.waiting ?? 0,
    offered: over.offered ?? 0,
    longestWaitSeconds: over.longestWaitSeconds ?? 0,
    agents: over.agents ?? { available: 2 },
    today: { serviceLevel: over.sl ?? null, abandonRate: over.abandon ?? null, asaSeconds: over.asa ?? null, ahtSeconds: over.aht ?? null },
    interval: { serviceLevel: over.slInterval ?? null },
  };
}
let n = 0;
const rule = (r: Partial<AlertRuleInput> & Pick<AlertRuleInput, 'metric' | 'comparator' | 'threshold'>): AlertRuleInput => ({
  id: `10000000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
  queueId: null,
  enabled: true,
  ...r,
});

describe('evaluateAlerts', () => {
  test('longest wait above 120 s alerts only on the queue that crosses it, strictly', () => {
    const r = rule({ metric: 'longest_wait_seconds', comparator: 'above', threshold: 120 });
    const view = { queues: [queue(Q1, { waiting: 1, longestWaitSeconds: 161 }), queue(Q2, { waiting: 2, longestWaitSeconds: 120 })] };
    assert.deepEqual(evaluateAlerts(view, [r]), [{ ruleId: r.id, queueId: Q1, metric: 'longest_wait_seconds', comparator: 'above', value: 161, threshold: 120 }]);
  });

  test('a null figure never alerts: no answer yet means no service level, ASA or AHT', () => {
    const rules = [
      rule({ metric: 'service_level_today', comparator: 'below', threshold: 0.8 }),
      rule({ metric: 'service_level_interval', comparator: 'below', threshold: 0.8 }),
      rule({ metric: 'asa_seconds_today', comparator: 'above', threshold: 0 }),
      rule({ metric: 'aht_seconds_today', comparator: 'above', threshold: 0 }),
      rule({ metric: 'abandon_rate_today', comparator: 'above', threshold: 0 }),
    ];
    assert.deepEqual(evaluateAlerts({ queues: [queue(Q1)] }, rules), []);
    // Nobody waiting: a stale longest wait does not alert either.
    assert.deepEqual(evaluateAlerts({ queues: [queue(Q1, { longestWaitSeconds: 999 })] }, [rule({ metric: 'longest_wait_seconds', comparator: 'above', threshold: 1 })]), []);
  });

  test('a rate alerts only once a task of the period has an outcome', () => {
    const sl = rule({ metric: 'service_level_today', comparator: 'below', threshold: 0.8 });
    const slI = rule({ metric: 'service_level_interval', comparator: 'below', threshold: 0.8 });
    const ab = rule({ metric: 'abandon_rate_today', comparator: 'below', threshold: 0.5 });
    // Two chats waiting a few seconds: the service level reads 0 %, but nobody was failed yet.
    const waitingOnly = { ...queue(Q1, { waiting: 2, sl: 0, slInterval: 0, abandon: 0 }) };
    waitingOnly.today = { ...waitingOnly.today, answered: 0, abandoned: 0 };
    waitingOnly.interval = { serviceLevel: 0, answered: 0, abandoned: 0 };
    assert.deepEqual(evaluateAlerts({ queues: [waitingOnly] }, [sl, slI, ab]), []);
    // One abandoned after the threshold: now the rates are judged.
    const failed = { ...waitingOnly, today: { ...waitingOnly.today, abandoned: 1 }, interval: { serviceLevel: 0, answered: 0, abandoned: 1 } };
    assert.deepEqual(evaluateAlerts({ queues: [failed] }, [sl, slI, ab]).map((a) => a.ruleId), [sl.id, slI.id, ab.id]);
  });

  test('service level below the target alerts; at the target it does not', () => {
    const r = rule({ metric: 'service_level_today', comparator: 'below', threshold: 0.8 });
    assert.equal(evaluateAlerts({ queues: [queue(Q1, { sl: 0.75 })] }, [r]).length, 1);
    assert.equal(evaluateAlerts({ queues: [queue(Q1, { sl: 0.8 })] }, [r]).length, 0);
    const i = rule({ metric: 'service_level_interval', comparator: 'below', threshold: 0.9 });
    assert.deepEqual(evaluateAlerts({ queues: [queue(Q1, { sl: 1, slInterval: 0.5 })] }, [r, i]).map((a) => [a.ruleId, a.value]), [[i.id, 0.5]]);
  });

  test('a queue\'s own rule replaces the every-queue rule of the same metric and comparator', () => {
    const all = rule({ metric: 'longest_wait_seconds', comparator: 'above', threshold: 120 });
    const vip = rule({ metric: 'longest_wait_seconds', comparator: 'above', threshold: 30, queueId: Q2 });
    const view = { queues: [queue(Q1, { waiting: 1, longestWaitSeconds: 60 }), queue(Q2, { waiting: 1, longestWaitSeconds: 60 })] };
    assert.deepEqual(evaluateAlerts(view, [all, vip]).map((a) => [a.queueId, a.ruleId]), [[Q2, vip.id]]);
    // With Q2's rule disabled, the every-queue rule applies to Q2 again.
    const late = { queues: [queue(Q2, { waiting: 1, longestWaitSeconds: 200 })] };
    assert.deepEqual(evaluateAlerts(late, [all, { ...vip, enabled: false }]).map((a) => a.ruleId), [all.id]);
  });

  test('disabled rules and rules of other queues are skipped; waiting counts offered tasks too', () => {
    const off = rule({ metric: 'waiting', comparator: 'above', threshold: 0, enabled: false });
    const other = rule({ metric: 'waiting', comparator: 'above', threshold: 0, queueId: Q2 });
    const mine = rule({ metric: 'waiting', comparator: 'above', threshold: 2, queueId: Q1 });
    const view = { queues: [queue(Q1, { waiting: 2, offered: 1 })] };
    assert.deepEqual(evaluateAlerts(view, [off, other, mine]).map((a) => [a.ruleId, a.value]), [[mine.id, 3]]);
  });

  test('agents available below a floor alerts, including at zero', () => {
    const r = rule({ metric: 'agents_available', comparator: 'below', threshold: 1 });
    assert.deepEqual(evaluateAlerts({ queues: [queue(Q1, { agents: { available: 0 } }), queue(Q2)] }, [r]).map((a) => [a.queueId, a.value]), [[Q1, 0]]);
  });

  test('a view without interval figures (older server) reads as nothing measured', () => {
    const q = queue(Q1);
    delete q.interval;
    assert.equal(figureOf(q, 'service_level_interval'), null);
  });
});

describe('thresholdProblem', () => {
  test('rates are fractions 0..1, seconds up to a day, counts whole numbers', () => {
    assert.equal(metricUnit('service_level_interval'), 'fraction');
    assert.equal(metricUnit('asa_seconds_today'), 'seconds');
    assert.equal(metricUnit('longest_wait_seconds'), 'seconds');
    assert.equal(metricUnit('agents_available'), 'count');
    assert.equal(thresholdProblem('service_level_today', 'below', 0.8), null);
    assert.match(thresholdProblem('service_level_today', 'below', 80)!, /fraction from 0 to 1/);
    assert.match(thresholdProblem('abandon_rate_today', 'above', 1.5)!, /fraction/);
    assert.equal(thresholdProblem('longest_wait_seconds', 'above', 120), null);
    assert.match(thresholdProblem('longest_wait_seconds', 'above', 90_000)!, /seconds/);
    assert.match(thresholdProblem('asa_seconds_today', 'above', -1)!, /seconds/);
    assert.equal(thresholdProblem('waiting', 'above', 5), null);
    assert.match(thresholdProblem('waiting', 'above', 2.5)!, /whole number/);
    assert.match(thresholdProblem('waiting', 'above', Number.NaN)!, /number/);
  });

  test('rules that could never alert are refused', () => {
    assert.match(thresholdProblem('agents_available', 'below', 0)!, /never alert/);
    assert.match(thresholdProblem('service_level_today', 'above', 1)!, /never alert/);
    assert.equal(thresholdProblem('service_level_today', 'below', 1), null);
  });
});
