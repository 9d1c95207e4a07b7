import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../errors.ts';
import type { RoutingAgent, WorkflowRuleSource, WorkflowSource, WorkflowTargetSource } from './types.ts';
import { compileWorkflow, matchRule, validateWorkflow, type WorkflowCatalog } from './workflow.ts';

const catalog: WorkflowCatalog = {
  queues: [{ id: 'q-billing', name: 'Billing' }, { id: 'q-support', name: 'Support' }, { id: 'q-overflow', name: 'Overflow' }],
  skills: ['billing', 'tech'],
  teams: [{ id: 't-pl', name: 'Polish desk' }],
};

const target = (p: Partial<WorkflowTargetSource> = {}): WorkflowTargetSource => ({ queueId: 'q-billing', agents: '', priorityBoost: 0, timeoutSeconds: null, skipWhen: [], ...p });
const rule = (p: Partial<WorkflowRuleSource> = {}): WorkflowRuleSource => ({ id: 'r1', name: 'Rule', filter: '', priority: 50, targets: [target()], finally: 'stay', ...p });

const good: WorkflowSource = {
  rules: [
    rule({
      id: 'pl-billing', name: 'Polish billing chats', filter: 'channel == "chat" && intent == "billing" && language == "pl"', priority: 70,
      targets: [
        target({ agents: 'billing >= 5 && lang == "pl"', timeoutSeconds: 60, skipWhen: ['no_agents_logged_in'] }),
        target({ agents: 'billing >= 1 || team == "Polish desk"', priorityBoost: 10, timeoutSeconds: 120 }),
        target({ queueId: 'q-overflow', timeoutSeconds: null, skipWhen: ['outside_business_hours', 'no_agents_available'] }),
      ],
      finally: 'callback',
    }),
    rule({ id: 'vip', name: 'VIP chats', filter: '"vip" in tags', targets: [target({ queueId: 'q-support', agents: 'tech > 3' })] }),
    rule({ id: 'rest', name: 'Everything else', filter: '', priority: 10, targets: [target({ queueId: 'q-support' })] }),
  ],
};

function agent(p: Partial<RoutingAgent>): RoutingAgent {
  return {
    id: 'a', name: 'A', presence: 'available', awayReason: null, presenceSince: 0, wrapUpUntil: 0, idleSince: 0, skills: {}, languages: [], teamIds: [],
    capacity: { voice: 1, chat: 3, email: 5, messaging: 5, ticket: 10 }, missedInRow: 0, role: 'agent', ...p,
  };
}

test('a good workflow validates clean and compiles', () => {
  assert.deepEqual(validateWorkflow(good, catalog), []);
  const wf = compileWorkflow(good, 7, catalog);
  assert.equal(wf.version, 7);
  assert.equal(wf.rules.length, 3);
  const [r0] = wf.rules;
  assert.equal(r0!.id, 'pl-billing');
  assert.equal(r0!.priority, 70);
  assert.equal(r0!.finally, 'callback');
  assert.equal(r0!.filterSource, good.rules[0]!.filter);
  assert.deepEqual(r0!.targets.map((t) => t.timeoutMs), [60_000, 120_000, null]);
  assert.deepEqual(r0!.targets.map((t) => t.priorityBoost), [0, 10, 0]);
  assert.deepEqual(r0!.targets[2]!.skipWhen, ['outside_business_hours', 'no_agents_available']);
  assert.equal(r0!.targets[0]!.agentsSource, 'billing >= 5 && lang == "pl"');
  assert.equal(r0!.targets[2]!.agentFilter, undefined, 'an empty selector: every agent of the queue');
  const polish = agent({ skills: { billing: 6 }, languages: ['pl'] });
  const english = agent({ skills: { billing: 9 }, languages: ['en'] });
  const desk = agent({ teamIds: ['t-pl'] });
  assert.equal(r0!.targets[0]!.agentFilter!(polish), true);
  assert.equal(r0!.targets[0]!.agentFilter!(english), false);
  assert.equal(r0!.targets[1]!.agentFilter!(english), true);
  assert.equal(r0!.targets[1]!.agentFilter!(desk), true);
  assert.equal(r0!.targets[0]!.skillScore(polish), 6);
  assert.equal(r0!.targets[2]!.skillScore(polish), 0);
});

test('matchRule picks the first matching rule; null when none', () => {
  const wf = compileWorkflow(good, 1, catalog);
  assert.equal(matchRule(wf, { channel: 'chat', intent: 'billing', language: 'pl', tags: ['vip'] })?.id, 'pl-billing');
  assert.equal(matchRule(wf, { channel: 'chat', intent: 'billing', language: 'en', tags: ['vip'] })?.id, 'vip');
  assert.equal(matchRule(wf, { channel: 'email' })?.id, 'rest');
  const noCatchAll = compileWorkflow({ rules: good.rules.slice(0, 2) }, 2, catalog);
  assert.equal(matchRule(noCatchAll, { channel: 'email' }), null);
  assert.equal(matchRule(compileWorkflow({ rules: [] }, 3, catalog), {}), null);
});

function errorsFor(rules: WorkflowRuleSource[]) {
  return validateWorkflow({ rules }, catalog);
}

test('expression errors carry the path, column and reason', () => {
  const errs = errorsFor([
    rule({ id: 'a', filter: 'langauge == "pl"' }),
    rule({ id: 'b', filter: 'channel == ', targets: [target({ timeoutSeconds: 30 }), target({ agents: 'biling >= 3' })] }),
  ]);
  assert.deepEqual(errs.map((e) => [e.path, e.column]), [['rules[0].filter', 1], ['rules[1].filter', 12], ['rules[1].targets[1].agents', 1]]);
  assert.match(errs[0]!.message, /unknown attribute 'langauge'/);
  assert.match(errs[1]!.message, /expected a value after '=='/);
  assert.match(errs[2]!.message, /unknown skill 'biling' \(did you mean 'billing'\?\)/);
  assert.match(errorsFor([rule({ targets: [target({ agents: 'team == "Sales"' })] })])[0]!.message, /unknown team "Sales"/);
});

test('structural errors: queues, ids, timeouts, loops, skip conditions, fields', () => {
  const cases: [WorkflowRuleSource[], string, RegExp][] = [
    [[rule({ targets: [target({ queueId: 'q-nope' })] })], 'rules[0].targets[0].queueId', /queue 'q-nope' does not exist/],
    [[rule({ id: 'x' }), rule({ id: 'x' })], 'rules[1].id', /rule id 'x' is already used by rules\[0\]/],
    [[rule({ id: ' ' })], 'rules[0].id', /needs an id/],
    [[rule({ name: '' })], 'rules[0].name', /needs a name/],
    [[rule({ priority: 101 })], 'rules[0].priority', /0 to 100/],
    [[rule({ finally: 'email' as never })], 'rules[0].finally', /stay, voicemail, callback/],
    [[rule({ targets: [] })], 'rules[0].targets', /at least one target/],
    [[rule({ targets: [target({ timeoutSeconds: null }), target({ queueId: 'q-support' })] })], 'rules[0].targets[0].timeoutSeconds', /only the last target may wait without a time limit; targets after this one \(1 to 1\) would never be reached/],
    [[rule({ targets: [target({ timeoutSeconds: 0 })] })], 'rules[0].targets[0].timeoutSeconds', /positive number/],
    [[rule({ targets: [target({ timeoutSeconds: 30 }), target({ queueId: 'q-support', timeoutSeconds: 30 }), target({ queueId: 'q-billing' })] })],
      'rules[0].targets[2].queueId', /overflow loop: the targets go back to queue 'Billing' after leaving it \(Billing -> Support -> Billing\)/],
    [[rule({ targets: [target({ skipWhen: ['always' as never] })] })], 'rules[0].targets[0].skipWhen[0]', /unknown skip condition "always"; use one of no_agents_logged_in, no_agents_available, outside_business_hours/],
    [[rule({ targets: [target({ skipWhen: ['no_agents_available', 'no_agents_available'] })] })], 'rules[0].targets[0].skipWhen', /listed twice/],
    [[rule({ targets: [target({ skipWhen: 'no_agents_available' as never })] })], 'rules[0].targets[0].skipWhen', /must be a list/],
    [[rule({ targets: [target({ priorityBoost: 500 })] })], 'rules[0].targets[0].priorityBoost', /-100 to 100/],
    [[rule({ filter: 5 as never })], 'rules[0].filter', /must be text/],
    [[null as never], 'rules[0]', /must be a rule/],
    [[rule({ targets: [null as never] })], 'rules[0].targets[0]', /must be a target/],
  ];
  for (const [rules, path, re] of cases) {
    const errs = errorsFor(rules);
    assert.equal(errs.length, 1, `${path}: ${JSON.stringify(errs)}`);
    assert.equal(errs[0]!.path, path);
    assert.match(errs[0]!.message, re, path);
  }
  assert.deepEqual(validateWorkflow({} as never, catalog), [{ path: 'rules', message: 'must be a list of rules' }]);
});

test('staying in a queue with a wider selector is not a loop; A -> B -> C is fine', () => {
  assert.deepEqual(errorsFor([rule({ targets: [target({ agents: 'billing >= 8', timeoutSeconds: 30 }), target({ agents: 'billing >= 1', timeoutSeconds: 30 }), target({ queueId: 'q-support' })] })]), []);
  assert.deepEqual(errorsFor([rule({ targets: [target({ timeoutSeconds: 30 }), target({ queueId: 'q-support', timeoutSeconds: 30 }), target({ queueId: 'q-overflow' })] })]), []);
  // a timed-out last target is fine too (finally decides what happens next)
  assert.deepEqual(errorsFor([rule({ targets: [target({ timeoutSeconds: 30 })] })]), []);
});

test('compileWorkflow throws AppError invalid with every problem as details', () => {
  const bad = { rules: [rule({ id: 'a', filter: 'langauge == "pl"' }), rule({ id: 'a', targets: [target({ queueId: 'q-nope' })] })] };
  let thrown: unknown;
  try { compileWorkflow(bad, 2, catalog); } catch (e) { thrown = e; }
  assert.ok(thrown instanceof AppError);
  assert.equal(thrown.code, 'invalid');
  assert.match(thrown.message, /^The workflow was not saved: rules\[0\]\.filter: unknown attribute 'langauge'.* \(and 2 more problems\); fix it and save again$/);
  const details = thrown.details as { path: string; message: string; column?: number }[];
  assert.deepEqual(details.map((d) => d.path), ['rules[0].filter', 'rules[1].id', 'rules[1].targets[0].queueId']);
  assert.equal(details[0]!.column, 1);
  assert.equal(details[1]!.column, undefined);
});
