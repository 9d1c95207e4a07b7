import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, type Scope } from './check.ts';
import { parse } from './parser.ts';

const task: Scope = { kind: 'task' };
const agent: Scope = { kind: 'agent', skills: ['billing', 'tech-support', 'sales'], teams: [{ id: 't-1', name: 'Sales' }, { id: 't-2', name: 'Polish desk' }] };

const errorsOf = (src: string, scope: Scope) => check(parse(src), scope);

test('good filters and selectors check clean', () => {
  for (const src of [
    'channel == "chat"', 'channel == "chat" && "vip" in tags', 'language in ["pl", "cy"] || priority == "urgent"',
    'custom.plan == "gold"', 'custom.seats > 10', 'intent == null', '!("spam" in tags)', 'segment == []',
    'kind != "email" && inboxId == "abc" && teamId != null && customerId != null', 'tags in ["a", "b"]', 'custom.flag', 'true',
  ]) assert.deepEqual(errorsOf(src, task).map((e) => e.message), [], src);
  for (const src of [
    'billing >= 5 && lang == "pl"', 'billing', 'tech-support > 3 || sales >= 7', 'lang in ["pl", "cy"]', '"pl" in lang',
    'team == "Sales"', 'team != "polish desk"', 'team in ["Sales", "Polish desk"]', 'name == "Ann" || role == "supervisor"',
    'billing > sales', '!lang == "de"',
  ]) assert.deepEqual(errorsOf(src, agent).map((e) => e.message), [], src);
});

test('unknown names are errors with the column and what is known', () => {
  const [e] = errorsOf('langauge == "pl"', task);
  assert.equal(e!.column, 1);
  assert.match(e!.message, /^unknown attribute 'langauge' \(did you mean 'language'\?\) at column 1; known: channel, kind, language, priority, tags, inboxId, teamId, customerId, segment, intent, custom.<name>$/);
  const [s] = errorsOf('lang == "pl" && biling >= 3', agent);
  assert.equal(s!.column, 17);
  assert.match(s!.message, /^unknown skill 'biling' \(did you mean 'billing'\?\) at column 17; known skills: billing, tech-support, sales; also lang, team, name, role$/);
  // a task attribute is not an agent name, and the other way round
  assert.match(errorsOf('channel == "chat"', agent)[0]!.message, /unknown skill 'channel'/);
  assert.match(errorsOf('billing > 3', task)[0]!.message, /unknown attribute 'billing'/);
  assert.match(errorsOf('custom == 1', task)[0]!.message, /unknown attribute 'custom'/);
  assert.match(errorsOf('zzz > 1', { kind: 'agent', skills: [], teams: [] })[0]!.message, /no skills yet/);
  // no suggestion when nothing is close
  assert.doesNotMatch(errorsOf('qqqqqq == 1', task)[0]!.message, /did you mean/);
  // every unknown name is reported
  assert.equal(errorsOf('a == 1 && b == 2', task).length, 2);
  // team names are checked too
  const [t] = errorsOf('team == "Sals"', agent);
  assert.equal(t!.column, 9);
  assert.match(t!.message, /unknown team "Sals" \(did you mean 'Sales'\?\) at column 9; known: Sales, Polish desk/);
  assert.match(errorsOf('team in ["Sales", "Nope"]', agent)[0]!.message, /unknown team "Nope"/);
});

test('type errors', () => {
  const cases: [string, Scope, number, RegExp][] = [
    ['billing == "x"', agent, 9, /cannot compare skill 'billing' \(a level 0..10\) with a string at column 9/],
    ['billing >= "5"', agent, 12, /a string is not a number at column 12; '>=' compares numbers only/],
    ['language < "x"', task, 1, /'language' \(text\) is not a number at column 1; '<' compares numbers only/],
    ['"a" < "b"', task, 1, /not a number/],
    ['billing < null', agent, 11, /null is not a number/],
    ['"x" in channel', task, 8, /'in' needs a list on its right side but 'channel' \(text\) is not a list at column 8/],
    ['billing in 5', agent, 12, /needs a list/],
    ['tags == "vip"', task, 1, /'tags' is a list at column 1; test membership with "vip" in tags/],
    ['channel == 3', task, 9, /cannot compare 'channel' \(text\) with a number/],
    ['channel == true', task, 9, /cannot compare/],
    ['lang == 3', agent, 6, /cannot compare 'lang' \(a set\) with a number/],
    ['lang < 3', agent, 1, /not a number/],
    ['team > "Sales"', agent, 6, /'>' cannot be used with team/],
    ['team == name', agent, 9, /team names in quotes/],
    ['team == 3', agent, 9, /a team is named in quotes/],
    ['"x"', task, 1, /a value alone is not a condition/],
    ['5 && channel == "x"', task, 1, /a value alone is not a condition at column 1; compare it, e.g. channel == "chat"/],
    ['["a"]', task, 1, /a list alone is not a condition/],
    ['(channel == "a") in tags', task, 2, /left side of 'in' must be a value/],
    ['language in [1, 2]', task, 14, /cannot look for 'language' \(text\) among numbers/],
    ['billing in ["x"]', agent, 13, /cannot look for skill 'billing' .* among strings/],
  ];
  for (const [src, scope, column, re] of cases) {
    const errs = errorsOf(src, scope);
    assert.equal(errs.length, 1, `${src}: ${errs.map((e) => e.message).join(' | ')}`);
    assert.equal(errs[0]!.column, column, `${src}: ${errs[0]!.message}`);
    assert.match(errs[0]!.message, re, src);
  }
});
