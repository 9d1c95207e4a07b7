import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RoutingAgent, TaskAttributes } from '../types.ts';
import { check, type Scope } from './check.ts';
import { compile } from './compile.ts';
import { compileAgentSelector, compileTaskFilter, ExprError, parse, validateExpression } from './index.ts';

const teams = [{ id: 't-sales', name: 'Sales' }, { id: 't-pl', name: 'Polish desk' }];
const skills = ['billing', 'tech', 'sales'];

function agent(p: Partial<RoutingAgent> = {}): RoutingAgent {
  return {
    id: 'a1', name: 'Ann', presence: 'available', awayReason: null, presenceSince: 0, wrapUpUntil: 0, idleSince: 0,
    skills: {}, languages: [], teamIds: [], capacity: { voice: 1, chat: 3, email: 5, messaging: 5, ticket: 10 }, missedInRow: 0, role: 'agent', ...p,
  };
}

const f = (src: string) => compileTaskFilter(src);
const sel = (src: string) => compileAgentSelector(src, { skills, teams });

test('task filters: comparisons, membership, logic', () => {
  const chatVip = f('channel == "chat" && "vip" in tags');
  assert.equal(chatVip({ channel: 'chat', tags: ['vip', 'x'] }), true);
  assert.equal(chatVip({ channel: 'chat', tags: ['x'] }), false);
  assert.equal(chatVip({ channel: 'email', tags: ['vip'] }), false);
  assert.equal(f('language in ["pl", "cy"]')({ language: 'cy' }), true);
  assert.equal(f('language in ["pl", "cy"]')({ language: 'de' }), false);
  assert.equal(f('tags in ["a", "b"]')({ tags: ['z', 'b'] }), true, 'list in list: any overlap');
  assert.equal(f('tags in ["a", "b"]')({ tags: ['z'] }), false);
  assert.equal(f('channel == "chat" || priority == "urgent"')({ channel: 'email', priority: 'urgent' }), true);
  assert.equal(f('!(channel == "chat")')({ channel: 'chat' }), false);
  assert.equal(f('channel != "chat"')({ channel: 'email' }), true);
  assert.equal(f('custom.seats >= 10')({ 'custom.seats': 10 }), true);
  assert.equal(f('custom.seats > 10')({ 'custom.seats': 10 }), false);
  assert.equal(f('custom.seats < 10.5')({ 'custom.seats': 10 }), true);
  assert.equal(f('custom.seats <= 9')({ 'custom.seats': 10 }), false);
  assert.equal(f('custom.vip')({ 'custom.vip': true }), true, 'a bare attribute is true when set');
  assert.equal(f('custom.vip')({ 'custom.vip': false }), false);
  assert.equal(f('custom.vip')({}), false);
  assert.equal(f('a == 1 || b == 2 || c == 3'.replace(/[abc] ==/g, (m) => `custom.${m}`))({ 'custom.c': 3 }), true, 'n-ary or');
  assert.equal(f('custom.a == 1 && custom.b == 2 && custom.c == 3')({ 'custom.a': 1, 'custom.b': 2, 'custom.c': 4 }), false, 'n-ary and');
  assert.equal(f('segment == []')({ segment: [] }), true);
  assert.equal(f('custom.x == custom.y')({ 'custom.x': 'a', 'custom.y': 'a' }), true);
  assert.equal(f('custom.x < custom.y')({ 'custom.x': 1, 'custom.y': 2 }), true);
  assert.equal(f('custom.plan == "5"')({ 'custom.plan': 5 }), false, 'no coercion between numbers and strings');
  assert.equal(f('(channel == "chat") == true')({ channel: 'chat' }), true);
  assert.equal(f('true')({}), true);
  assert.equal(f('  ')({}), true, 'an empty filter matches every task');
});

test('missing attributes are null: null == null, in on a missing list is false, ordering is false', () => {
  assert.equal(f('intent == null')({}), true);
  assert.equal(f('intent == null')({ intent: null }), true);
  assert.equal(f('intent == null')({ intent: 'billing' }), false);
  assert.equal(f('intent != null')({}), false);
  assert.equal(f('intent != "billing"')({}), true);
  assert.equal(f('intent == "billing"')({}), false);
  assert.equal(f('"x" in tags')({}), false);
  assert.equal(f('!("x" in tags)')({}), true);
  assert.equal(f('custom.n > 1')({}), false);
  assert.equal(f('custom.n < 1')({}), false);
  assert.equal(f('custom.n < 1')({ 'custom.n': 'zero' }), false, 'ordering of a non-number is false');
  assert.equal(f('intent in [null, "x"]')({}), true);
  assert.equal(f('"x" in custom.list')({ 'custom.list': 'x' }), false, 'in on a non-list is false');
  assert.equal(f('custom.list == "x"')({ 'custom.list': ['x', 'y'] }), true, 'a list equals a value it holds');
  assert.equal(f('custom.list == null')({ 'custom.list': [] }), false);
  assert.equal(f('custom.a == custom.b')({}), true, 'two missing attributes are both null');
});

test('agent selectors: skill levels, lang, team, name, role', () => {
  const pl = sel('billing >= 5 && lang == "pl"');
  assert.equal(pl.filter!(agent({ skills: { billing: 6 }, languages: ['en', 'pl'] })), true);
  assert.equal(pl.filter!(agent({ skills: { billing: 4 }, languages: ['pl'] })), false);
  assert.equal(pl.filter!(agent({ skills: { billing: 9 }, languages: ['en'] })), false);
  assert.equal(pl.filter!(agent({ languages: ['pl'] })), false, 'a missing skill is level 0');
  assert.equal(sel('billing == 0').filter!(agent()), true);
  assert.equal(sel('billing').filter!(agent({ skills: { billing: 1 } })), true, 'a bare skill: the agent has it');
  assert.equal(sel('billing').filter!(agent()), false);
  assert.equal(sel('!billing').filter!(agent()), true);
  assert.equal(sel('lang in ["pl", "cy"]').filter!(agent({ languages: ['cy'] })), true);
  assert.equal(sel('lang in ["pl", "cy"]').filter!(agent({ languages: ['de'] })), false);
  assert.equal(sel('"pl" in lang').filter!(agent({ languages: ['pl'] })), true);
  assert.equal(sel('lang != "pl"').filter!(agent({ languages: ['pl'] })), false);
  assert.equal(sel('lang != "pl"').filter!(agent({ languages: ['de'] })), true);
  assert.equal(sel('team == "Sales"').filter!(agent({ teamIds: ['t-sales'] })), true);
  assert.equal(sel('team == "sales"').filter!(agent({ teamIds: ['t-sales'] })), true, 'team names ignore case');
  assert.equal(sel('team == "Sales"').filter!(agent({ teamIds: ['t-pl'] })), false);
  assert.equal(sel('team != "Sales"').filter!(agent({ teamIds: ['t-pl'] })), true);
  assert.equal(sel('team in ["Sales", "Polish desk"]').filter!(agent({ teamIds: ['t-pl'] })), true);
  assert.equal(sel('"Polish desk" in team').filter!(agent({ teamIds: ['t-pl'] })), true);
  assert.equal(sel('name == "Ann" && role == "agent"').filter!(agent()), true);
  assert.equal(sel('billing > tech').filter!(agent({ skills: { billing: 3, tech: 2 } })), true);
  assert.equal(sel('').filter, undefined, 'an empty selector has no filter');
});

test('skillScore sums the levels of the skills the selector names', () => {
  const s = sel('billing >= 5 || (tech > 2 && lang == "pl") || billing == 10');
  assert.equal(s.skillScore(agent({ skills: { billing: 6, tech: 3, sales: 9 } })), 9);
  assert.equal(s.skillScore(agent({ skills: { sales: 9 } })), 0);
  assert.equal(sel('billing').skillScore(agent({ skills: { billing: 7 } })), 7);
  assert.equal(sel('lang == "pl"').skillScore(agent({ skills: { billing: 7 } })), 0);
  assert.equal(sel('').skillScore(agent({ skills: { billing: 7 } })), 0);
});

test('compile helpers throw the typed error; validateExpression returns it', () => {
  assert.throws(() => compileTaskFilter('langauge == "pl"'), (e: unknown) => e instanceof ExprError && e.column === 1 && /unknown attribute/.test(e.message));
  assert.throws(() => compileAgentSelector('biling >= 3', { skills, teams }), (e: unknown) => e instanceof ExprError && /unknown skill 'biling'/.test(e.message));
  assert.throws(() => compileTaskFilter('channel =='), ExprError);
  assert.equal(validateExpression('channel == "chat"', { kind: 'task' }), null);
  assert.equal(validateExpression('channel ==', { kind: 'task' })?.column, 11);
});

test('random checked expressions compile and evaluate without throwing', () => {
  let seed = 7;
  const rand = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const names = ['channel', 'tags', 'custom.n', 'intent', 'segment', 'language'];
  const atoms = ['"chat"', '3', 'null', 'true', '["chat", "vip"]', ...names];
  const ops = ['==', '!=', '<', '>=', 'in'];
  const gen = (d: number): string => {
    switch (d > 3 ? 0 : rand(5)) {
      case 0: return `${atoms[rand(atoms.length)]} ${ops[rand(ops.length)]} ${atoms[rand(atoms.length)]}`;
      case 1: return `!${gen(d + 1)}`;
      case 2: return `(${gen(d + 1)})`;
      case 3: return `${gen(d + 1)} && ${gen(d + 1)}`;
      default: return `${gen(d + 1)} || ${gen(d + 1)}`;
    }
  };
  const samples: TaskAttributes[] = [{}, { channel: 'chat', tags: ['vip'], 'custom.n': 3, intent: null, segment: [] }, { channel: 'email', 'custom.n': 'x', tags: [] }];
  const scope: Scope = { kind: 'task' };
  let compiled = 0;
  for (let i = 0; i < 3000; i++) {
    const ast = parse(gen(0));
    if (check(ast, scope).length) continue;
    const pred: (t: TaskAttributes) => boolean = compile<TaskAttributes>(ast, scope);
    for (const s of samples) assert.equal(typeof pred(s), 'boolean');
    compiled++;
  }
  assert.ok(compiled > 100, `compiled ${compiled}`);
});

test('evaluation is fast (identifiers resolved at compile time)', () => {
  const s = sel('billing >= 5 && lang == "pl" || team == "Sales" && tech > 2');
  const agents = Array.from({ length: 1000 }, (_, i) => agent({ skills: { billing: i % 11, tech: i % 7 }, languages: i % 3 ? ['pl'] : ['en'], teamIds: i % 5 ? [] : ['t-sales'] }));
  const t0 = performance.now();
  let n = 0;
  for (let r = 0; r < 1000; r++) for (const a of agents) if (s.filter!(a)) n++;
  const ms = performance.now() - t0;
  assert.ok(n > 0);
  // a million evaluations; generous bound so a slow CI machine does not flake
  assert.ok(ms < 2000, `1e6 evaluations took ${ms.toFixed(0)} ms`);
});
