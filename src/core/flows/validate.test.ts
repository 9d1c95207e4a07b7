import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { validateFlow, checkFlow, type FlowError } from './validate.ts';
import { edge, node, rawFlow } from './test-kit.ts';
import { nodePorts, flowDefinition } from './schema.ts';
import { urlProblem, isPrivateIp } from './url-policy.ts';

const ctx = { allowedHosts: ['api.shop.example', '*.orders.example', 'localhost'] };
const hello = (id = 'hi') => node(id, 'message', { text: { en: 'Hello' } });
const bye = (id = 'bye') => node(id, 'end', {});
/** A good flow to break in each test: hi → bye. */
const good = () => rawFlow([hello(), bye()], [edge('hi', 'next', 'bye')]);
const only = (errors: FlowError[]) => {
  assert.equal(errors.length, 1, JSON.stringify(errors, null, 1));
  return errors[0]!;
};

describe('validateFlow', () => {
  test('a correct flow has no errors and is parsed with defaults', () => {
    assert.deepEqual(validateFlow(good(), ctx), []);
    const r = checkFlow(good(), ctx);
    assert.equal(r.ok, true);
    assert.deepEqual(r.flow?.variables, []);
  });

  test('dangling edge: the target node does not exist', () => {
    const f = good();
    f.edges!.push(edge('bye', 'next', 'ask-2', 'e3'));
    const errors = validateFlow(f, ctx);
    const e = errors.find((x) => x.edgeId === 'e3' && x.path === 'edges.1.target');
    assert.ok(e, JSON.stringify(errors));
    assert.equal(e.message, "Edge e3 points to node 'ask-2' which does not exist");
  });

  test('dangling edge: the source node does not exist', () => {
    const f = good();
    f.edges!.push(edge('ghost', 'next', 'bye', 'e9'));
    const e = only(validateFlow(f, ctx));
    assert.equal(e.edgeId, 'e9');
    assert.match(e.message, /starts at node 'ghost' which does not exist/);
  });

  test('an edge from a port the node does not have', () => {
    const f = good();
    f.edges![0] = edge('hi', 'true', 'bye', 'e1');
    const errors = validateFlow(f, ctx);
    assert.ok(errors.some((e) => e.edgeId === 'e1' && /port 'true', which a message node does not have/.test(e.message)));
    assert.ok(errors.some((e) => e.nodeId === 'hi' && /'next' port/.test(e.message)), 'the next port is now missing too');
  });

  test('required port missing: a condition without its false branch', () => {
    const f = rawFlow(
      [node('c', 'condition', { rules: [{ left: 'customer.vip', op: 'exists' }] }), bye()],
      [edge('c', 'true', 'bye')],
    );
    const e = only(validateFlow(f, ctx));
    assert.equal(e.nodeId, 'c');
    assert.equal(e.message, "Node 'c' (condition) has nothing connected to its 'false' port");
  });

  test('required port missing: every menu option needs an edge', () => {
    const f = rawFlow(
      [node('m', 'menu', { prompt: { en: 'Pick' }, options: [{ key: 'a', label: { en: 'A' } }, { key: 'b', label: { en: 'B' } }] }), bye()],
      [edge('m', 'option:a', 'bye')],
    );
    assert.match(only(validateFlow(f, ctx)).message, /'option:b' port/);
  });

  test('two edges from one port', () => {
    const f = rawFlow([hello(), bye(), bye('bye2')], [edge('hi', 'next', 'bye', 'e1'), edge('hi', 'next', 'bye2', 'e2')]);
    const errors = validateFlow(f, ctx);
    assert.ok(errors.some((e) => e.edgeId === 'e2' && /two edges from its 'next' port \(e1 and e2\)/.test(e.message)));
  });

  test('unreachable node', () => {
    const f = good();
    f.nodes.push(node('lost', 'end', {}));
    const e = only(validateFlow(f, ctx));
    assert.equal(e.nodeId, 'lost');
    assert.equal(e.message, "Node 'lost' cannot be reached from the start node 'hi'");
  });

  test('start node missing', () => {
    const f = { ...good(), start: 'nope' };
    const errors = validateFlow(f, ctx);
    assert.ok(errors.some((e) => e.path === 'start' && /'nope' does not exist/.test(e.message)));
  });

  test('cycle with no input step', () => {
    const f = rawFlow(
      [hello('a'), node('s', 'set', { assignments: [{ variable: 'n', mode: 'expression', value: 'n + 1' }] }), node('c', 'condition', { rules: [{ left: 'n', op: 'gt', value: 3 }] }), bye()],
      [edge('a', 'next', 's'), edge('s', 'next', 'c'), edge('c', 'false', 's'), edge('c', 'true', 'bye')],
      { variables: [{ name: 'n', type: 'number', default: 0 }] },
    );
    const e = only(validateFlow(f, ctx));
    assert.equal(e.nodeId, 's');
    assert.match(e.message, /'s' → 'c' → 's' form a loop with no step that waits for the customer/);
  });

  test('a loop through an ask step is fine', () => {
    const f = rawFlow(
      [node('q', 'ask', { prompt: { en: 'Order number?' }, kind: 'number', variable: 'order' }), node('c', 'condition', { rules: [{ left: 'order', op: 'gt', value: 0 }] }), bye()],
      [edge('q', 'next', 'c'), edge('c', 'false', 'q'), edge('c', 'true', 'bye')],
    );
    assert.deepEqual(validateFlow(f, ctx), []);
  });

  test('unknown variable in a template and in a condition', () => {
    const f = rawFlow(
      [node('hi', 'message', { text: { en: 'Hi {{customer.first_name}}, order {{ordr}}' } }), node('c', 'condition', { rules: [{ left: 'total', op: 'gt', value: 10 }] }), bye(), bye('b2')],
      [edge('hi', 'next', 'c'), edge('c', 'true', 'bye'), edge('c', 'false', 'b2')],
      { variables: [{ name: 'order', type: 'string' }] },
    );
    const errors = validateFlow(f, ctx);
    assert.equal(errors.length, 2, JSON.stringify(errors));
    assert.deepEqual(errors.map((e) => e.nodeId), ['hi', 'c']);
    assert.match(errors[0]!.message, /uses the variable ordr, which is not declared/);
    assert.equal(errors[0]!.path, 'nodes.0.data.text.en');
    assert.match(errors[1]!.message, /uses the variable total/);
  });

  test('variables set by a node, system values and customer fields are known', () => {
    const f = rawFlow(
      [node('q', 'ask', { prompt: { en: 'Email?' }, kind: 'email', variable: 'email' }), node('hi', 'message', { text: { en: '{{email}} {{last_input}} {{language}} {{intent}} {{customer.anything}}' } }), bye()],
      [edge('q', 'next', 'hi'), edge('hi', 'next', 'bye')],
    );
    assert.deepEqual(validateFlow(f, ctx), []);
  });

  test('malformed placeholder', () => {
    const f = rawFlow([node('hi', 'message', { text: { en: 'Hi {{first name}}' } }), bye()], [edge('hi', 'next', 'bye')]);
    assert.match(only(validateFlow(f, ctx)).message, /\{\{first name\}\} is not a variable name/);
  });

  const httpFlow = (url: string) => rawFlow(
    [node('h', 'http', { url, mapping: { status_text: 'json.status' } }), bye(), bye('err')],
    [edge('h', 'next', 'bye'), edge('h', 'error', 'err')],
  );

  test('disallowed URL: host not on the allow-list', () => {
    const e = only(validateFlow(httpFlow('https://evil.example/orders'), ctx));
    assert.equal(e.nodeId, 'h');
    assert.equal(e.path, 'nodes.0.data.url');
    assert.match(e.message, /the host evil\.example is not on the allow-list/);
  });

  test('disallowed URL: plain http, private IPs, host from a variable, credentials', () => {
    assert.match(only(validateFlow(httpFlow('http://api.shop.example/x'), ctx)).message, /only https:\/\//);
    assert.match(only(validateFlow(httpFlow('https://10.1.2.3/x'), { allowedHosts: ['10.1.2.3'] })).message, /private network/);
    assert.match(only(validateFlow(httpFlow('https://{{customer.host}}/x'), ctx)).message, /host of the URL must be written out/);
    assert.match(only(validateFlow(httpFlow('https://u:p@api.shop.example/x'), ctx)).message, /passwords/);
    assert.match(only(validateFlow(httpFlow('ftp://api.shop.example/x'), ctx)).message, /only https/);
    assert.match(only(validateFlow(httpFlow('/relative'), ctx)).message, /not an absolute URL/);
  });

  test('allowed URLs: exact host, wildcard subdomain, localhost over http for tests', () => {
    assert.deepEqual(validateFlow(httpFlow('https://api.shop.example/orders/{{customer.id}}'), ctx), []);
    assert.deepEqual(validateFlow(httpFlow('https://eu.orders.example/x'), ctx), []);
    assert.deepEqual(validateFlow(httpFlow('http://localhost:4010/x'), ctx), []);
    assert.ok(urlProblem('https://orders.example/x', ctx.allowedHosts), 'the bare domain is not its own subdomain');
    assert.equal(isPrivateIp('192.168.1.1'), true);
    assert.equal(isPrivateIp('172.20.0.1'), true);
    assert.equal(isPrivateIp('[fd00::1]'), true);
    assert.equal(isPrivateIp('93.184.216.34'), false);
    assert.equal(isPrivateIp('[::ffff:a00:1]'), true, 'IPv4-mapped 10.0.0.1 as the URL parser writes it');
    assert.match(urlProblem('https://[::ffff:10.0.0.1]/x', ['[::ffff:a00:1]'])!, /private network/);
    assert.match(urlProblem('https://0xa000001/x', ['10.0.0.1'])!, /private network/, 'numeric forms are normalized first');
    assert.match(urlProblem('https://169.254.169.254/latest/meta-data', ['169.254.169.254'])!, /private network/);
  });

  test('bad regex: invalid, catastrophic, missing', () => {
    const ask = (pattern?: string) => rawFlow(
      [node('q', 'ask', { prompt: { en: 'Code?' }, kind: 'regex', variable: 'code', ...(pattern ? { pattern } : {}) }), bye()],
      [edge('q', 'next', 'bye')],
    );
    assert.match(only(validateFlow(ask('[a-'), ctx)).message, /not a valid regular expression/);
    assert.match(only(validateFlow(ask('(a+)+$'), ctx)).message, /nested quantifiers/);
    assert.match(only(validateFlow(ask('(\\w)\\1'), ctx)).message, /back-references/);
    assert.match(only(validateFlow(ask(), ctx)).message, /needs a pattern/);
    assert.deepEqual(validateFlow(ask('[A-Z]{2}\\d{4}'), ctx), []);
    const cond = rawFlow(
      [node('c', 'condition', { rules: [{ left: 'last_input', op: 'matches', value: '(x*)*' }] }), bye(), bye('b2')],
      [edge('c', 'true', 'bye'), edge('c', 'false', 'b2')],
    );
    assert.equal(only(validateFlow(cond, ctx)).path, 'nodes.0.data.rules.0.value');
  });

  test('zod shape errors are mapped to the node', () => {
    const f = good();
    (f.nodes[0] as { data: unknown }).data = { text: {} };
    f.nodes.push({ id: 'x', type: 'teleport', position: { x: 0, y: 0 }, data: {} } as never);
    const errors = validateFlow(f, ctx);
    assert.ok(errors.some((e) => e.nodeId === 'hi' && e.path === 'nodes.0.data.text' && /at least one language/.test(e.message)), JSON.stringify(errors));
    assert.ok(errors.some((e) => e.nodeId === 'x' && e.path === 'nodes.2.type'));
    const http = rawFlow([node('h', 'http', { url: 'https://api.shop.example', timeoutMs: 60000 })], []);
    const e = validateFlow(http, ctx).find((x) => x.nodeId === 'h');
    assert.ok(e && e.path === 'nodes.0.data.timeoutMs', JSON.stringify(e));
    assert.deepEqual(validateFlow(null, ctx).length > 0, true);
    assert.ok(validateFlow({ version: 2 }, ctx).some((x) => x.path === 'version'));
  });

  test('unknown queue and calendar when the lists are given; duplicate ids and keys', () => {
    const f = rawFlow(
      [node('b', 'business_hours', { calendarId: 'cal-x' }), node('h', 'handover', { queueId: 'q-x' }), node('h2', 'handover', {})],
      [edge('b', 'open', 'h'), edge('b', 'closed', 'h2')],
    );
    const errors = validateFlow(f, { allowedHosts: [], knownQueues: ['q-1'], knownCalendars: ['cal-1'] });
    assert.deepEqual(errors.map((e) => e.nodeId), ['b', 'h']);
    const dup = rawFlow([hello(), hello(), bye()], [edge('hi', 'next', 'bye')]);
    assert.ok(validateFlow(dup, ctx).some((e) => /Two nodes have the id 'hi'/.test(e.message)));
    const menu = rawFlow(
      [node('m', 'menu', { prompt: { en: 'Pick' }, options: [{ key: 'a', label: { en: 'A' }, dtmf: '1' }, { key: 'b', label: { en: 'B' }, dtmf: '1' }] }), bye()],
      [edge('m', 'option:a', 'bye'), edge('m', 'option:b', 'bye', 'e2')],
    );
    assert.match(only(validateFlow(menu, ctx)).message, /key to press "1" is used twice/);
  });

  test('set expressions that do not parse', () => {
    const f = rawFlow(
      [node('s', 'set', { assignments: [{ variable: 'n', mode: 'expression', value: 'n + * 2' }] }), bye()],
      [edge('s', 'next', 'bye')],
    );
    assert.match(only(validateFlow(f, ctx)).message, /cannot be read: unexpected "\*"/);
  });

  test('nodePorts lists the handles the editor draws', () => {
    const f = flowDefinition.parse(rawFlow([node('k', 'kb_answer', {})], []));
    assert.deepEqual(nodePorts(f.nodes[0]!).filter((p) => p.required).map((p) => p.port), ['yes', 'handover']);
  });

  test('writes: built-in values are read-only, ask answers fit the declared type', () => {
    const f = rawFlow(
      [node('s', 'set', { assignments: [{ variable: 'last_input', value: 'x' }, { variable: 'language', value: 'pl' }] }), node('q', 'ask', { prompt: { en: 'Age?' }, kind: 'number', variable: 'name' }), bye()],
      [edge('s', 'next', 'q'), edge('q', 'next', 'bye')],
      { variables: [{ name: 'name', type: 'string' }] },
    );
    const errors = validateFlow(f, ctx);
    assert.equal(errors.length, 2, JSON.stringify(errors));
    assert.match(errors[0]!.message, /last_input is set by the bot itself/);
    assert.match(errors[1]!.message, /a number answer cannot be saved in name, which is declared as string/);
  });
});
