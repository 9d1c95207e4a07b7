import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { step, MAX_VISITS_PER_STEP } from './engine.ts';
import { buildFlow, edge, fakePorts, node, NOW } from './test-kit.ts';
import type { FlowOutput, FlowState, StepResult } from './types.ts';

const texts = (r: StepResult) => r.outputs.map((o: FlowOutput) => (o.kind === 'text' ? o.text : o.kind === 'choices' ? o.prompt : o.kind === 'article' ? o.title : o.prompt));
const bye = (id = 'bye', en = 'Bye') => node(id, 'end', { text: { en } });

describe('flow engine: node types', () => {
  test('message interpolates variables, falls back to English, then end', async () => {
    const f = buildFlow(
      [node('hi', 'message', { text: { en: 'Hello {{customer.first_name}}, {{plan}}', pl: 'Cześć {{customer.first_name}}' } }), bye()],
      [edge('hi', 'next', 'bye')],
      { variables: [{ name: 'plan', type: 'string', default: 'gold' }] },
    );
    const en = await step(f, null, { kind: 'start', language: 'hi', customer: { first_name: 'Asha' } }, fakePorts(), NOW);
    assert.deepEqual(texts(en), ['Hello Asha, gold', 'Bye']);
    assert.equal(en.status, 'ended');
    assert.deepEqual(en.effects, [{ kind: 'end' }]);
    const pl = await step(f, null, { kind: 'start', language: 'pl', customer: { first_name: 'Ola' } }, fakePorts(), NOW);
    assert.equal(texts(pl)[0], 'Cześć Ola');
  });

  test('ask: email is validated, re-prompted, saved normalized', async () => {
    const f = buildFlow(
      [node('q', 'ask', { prompt: { en: 'Your email?' }, kind: 'email', variable: 'email', retries: 1 }), node('ok', 'message', { text: { en: 'Thanks {{email}}' } }), bye(), bye('err', 'Error branch')],
      [edge('q', 'next', 'ok'), edge('ok', 'next', 'bye'), edge('q', 'error', 'err')],
    );
    let r = await step(f, null, { kind: 'start' }, fakePorts(), NOW);
    assert.deepEqual(texts(r), ['Your email?']);
    assert.equal(r.status, 'waiting');
    r = await step(f, r.state, { kind: 'text', text: 'not an email' }, fakePorts(), NOW);
    assert.deepEqual(texts(r), ['That does not look like a valid email address. Please try again.', 'Your email?']);
    r = await step(f, r.state, { kind: 'text', text: ' Ann@Example.COM ' }, fakePorts(), NOW);
    assert.deepEqual(texts(r), ['Thanks Ann@example.com', 'Bye']);
    // two wrong answers with retries: 1 → error port
    let s = await step(f, null, { kind: 'start' }, fakePorts(), NOW);
    s = await step(f, s.state, { kind: 'text', text: 'x' }, fakePorts(), NOW);
    s = await step(f, s.state, { kind: 'text', text: 'y' }, fakePorts(), NOW);
    assert.deepEqual(texts(s), ['Error branch']);
  });

  test('ask: phone, number, date, regex and quick replies', async () => {
    const run = async (kind: string, answer: string, extra: Record<string, unknown> = {}) => {
      const f = buildFlow(
        [node('q', 'ask', { prompt: { en: '?' }, kind, variable: 'v', ...extra }), node('ok', 'message', { text: { en: '={{v}}' } }), bye()],
        [edge('q', 'next', 'ok'), edge('ok', 'next', 'bye')],
      );
      const s = await step(f, null, { kind: 'start', language: 'pl' }, fakePorts(), NOW);
      const r = await step(f, s.state, { kind: 'text', text: answer }, fakePorts(), NOW);
      return r.state.variables.v ?? null;
    };
    assert.equal(await run('phone', '601 234 567'), '+48601234567');
    assert.equal(await run('phone', '12'), null);
    assert.equal(await run('number', '12,5'), 12.5);
    assert.equal(await run('date', '31.12.2026'), '2026-12-31');
    assert.equal(await run('date', '31.02.2026'), null);
    assert.equal(await run('regex', 'AB1234', { pattern: '[A-Z]{2}\\d{4}' }), 'AB1234');
    assert.equal(await run('regex', 'AB12345', { pattern: '[A-Z]{2}\\d{4}' }), null);
    assert.equal(await run('text', 'Tak', { quickReplies: [{ key: 'y', label: { en: 'Yes', pl: 'Tak' } }] }), 'y');
  });

  test('menu: choice, dtmf, number or label; nomatch after retries', async () => {
    const f = buildFlow(
      [
        node('m', 'menu', { prompt: { en: 'Pick' }, retries: 1, options: [{ key: 'ret', label: { en: 'Returns', cy: 'Dychwelyd' } }, { key: 'del', label: { en: 'Delivery' }, dtmf: '9' }] }),
        bye('r', 'R'), bye('d', 'D'), bye('n', 'N'),
      ],
      [edge('m', 'option:ret', 'r'), edge('m', 'option:del', 'd'), edge('m', 'nomatch', 'n')],
    );
    const start = await step(f, null, { kind: 'start' }, fakePorts(), NOW);
    const choices = start.outputs[0];
    assert.ok(choices?.kind === 'choices');
    assert.deepEqual(choices.options.map((o) => o.dtmf), ['1', '9']);
    const after = async (input: Parameters<typeof step>[2]) => texts(await step(f, start.state, input, fakePorts(), NOW));
    assert.deepEqual(await after({ kind: 'choice', key: 'del' }), ['D']);
    assert.deepEqual(await after({ kind: 'dtmf', digits: '9' }), ['D']);
    assert.deepEqual(await after({ kind: 'text', text: '1' }), ['R']);
    assert.deepEqual(await after({ kind: 'text', text: 'dychwelyd' }), ['R']);
    const wrong = await step(f, start.state, { kind: 'text', text: 'pizza' }, fakePorts(), NOW);
    assert.deepEqual(texts(wrong), ['Please choose one of the options.', 'Pick']);
    assert.deepEqual(texts(await step(f, wrong.state, { kind: 'dtmf', digits: '5' }, fakePorts(), NOW)), ['N']);
  });

  test('condition (all/any, ops), set (literal, template, expression)', async () => {
    const f = buildFlow(
      [
        node('s', 'set', { assignments: [{ variable: 'n', mode: 'expression', value: '(n + 2) * 3' }, { variable: 'who', mode: 'template', value: '{{customer.name}}!' }, { variable: 'flag', value: true }] }),
        node('c', 'condition', { match: 'all', rules: [{ left: 'n', op: 'gt', value: 5 }, { left: 'who', op: 'contains', value: 'ann' }, { left: 'flag', op: 'eq', value: true }, { left: 'customer.email', op: 'matches', value: '@shop\\.example$' }, { left: 'customer.missing', op: 'neq', value: 'x' }] }),
        bye('t', 'T'), bye('f', 'F'),
      ],
      [edge('s', 'next', 'c'), edge('c', 'true', 't'), edge('c', 'false', 'f')],
      { variables: [{ name: 'n', type: 'number', default: 1 }, { name: 'who', type: 'string' }, { name: 'flag', type: 'boolean' }] },
    );
    const yes = await step(f, null, { kind: 'start', customer: { name: 'Ann', email: 'ann@shop.example' } }, fakePorts(), NOW);
    assert.equal(yes.state.variables.n, 9);
    assert.equal(yes.state.variables.who, 'Ann!');
    assert.deepEqual(texts(yes), ['T']);
    const no = await step(f, null, { kind: 'start', customer: { name: 'Bob', email: 'bob@shop.example' } }, fakePorts(), NOW);
    assert.deepEqual(texts(no), ['F']);
  });

  const orderFlow = () => buildFlow(
    [
      node('h', 'http', { url: 'https://api.shop.example/orders/{{order}}?x=1', method: 'POST', headers: { 'X-Order': '{{order}}' }, body: '{"id":"{{order}}"}', timeoutMs: 3000, mapping: { st: 'json.order.status', code: 'status', first: 'json.items[0].name' } }),
      node('ok', 'message', { text: { en: 'Status: {{st}} ({{code}}) {{first}}' } }), bye(), bye('err', 'Sorry, the order service is not answering.'),
    ],
    [edge('h', 'next', 'ok'), edge('ok', 'next', 'bye'), edge('h', 'error', 'err')],
    { variables: [{ name: 'order', type: 'string', default: 'A/1"x' }, { name: 'st', type: 'string' }, { name: 'code', type: 'number' }, { name: 'first', type: 'string' }] },
  );

  test('http: request built from templates (escaped), response mapped', async () => {
    const ports = fakePorts({ http: async () => ({ status: 200, json: { order: { status: 'shipped' }, items: [{ name: 'Mug' }] } }) });
    const r = await step(orderFlow(), null, { kind: 'start' }, ports, NOW);
    assert.deepEqual(texts(r), ['Status: shipped (200) Mug', 'Bye']);
    const req = ports.calls.http[0]!;
    assert.equal(req.url, 'https://api.shop.example/orders/A%2F1%22x?x=1');
    assert.equal(req.body, '{"id":"A/1\\"x"}');
    assert.deepEqual(JSON.parse(req.body!), { id: 'A/1"x' });
    assert.equal(req.timeoutMs, 3000);
    assert.equal(req.headers['X-Order'], 'A/1"x');
  });

  test('http: timeout, garbage, 500 → error port, no stack trace', async () => {
    const cases = [
      async () => { throw Object.assign(new Error('The operation was aborted due to timeout'), { stack: 'AbortError at fetch (node:internal)' }); },
      async () => ({ status: 200, json: undefined }),
      async () => ({ status: 500, json: { error: 'TypeError: x is undefined at /srv/app.js:12' } }),
    ];
    for (const http of cases) {
      const r = await step(orderFlow(), null, { kind: 'start' }, fakePorts({ http }), NOW);
      assert.deepEqual(texts(r), ['Sorry, the order service is not answering.']);
      assert.doesNotMatch(JSON.stringify(r), /abort|TypeError|node:internal|app\.js/i);
    }
  });

  test('business hours, language branch, intent with attribute effect', async () => {
    const f = buildFlow(
      [
        node('b', 'business_hours', { calendarId: 'cal-1' }),
        node('l', 'language', { languages: ['cy', 'pl'] }),
        node('i', 'intent', {}),
        bye('closed', 'Closed'), bye('cy', 'Cymraeg'), bye('ref', 'Refund {{intent}}'), bye('nm', 'No match'), bye('any', 'Any'),
      ],
      [edge('b', 'open', 'l'), edge('b', 'closed', 'closed'), edge('l', 'lang:cy', 'cy'), edge('l', 'next', 'i'), edge('i', 'option:refund', 'ref'), edge('i', 'match', 'any'), edge('i', 'nomatch', 'nm')],
    );
    const intents = { refund: 'refund', ship: 'delivery' };
    assert.deepEqual(texts(await step(f, null, { kind: 'start' }, fakePorts({ open: false }), NOW)), ['Closed']);
    assert.deepEqual(texts(await step(f, null, { kind: 'start', language: 'cy' }, fakePorts(), NOW)), ['Cymraeg']);
    const ref = await step(f, null, { kind: 'text', text: 'I want a refund' }, fakePorts({ intents }), NOW);
    assert.deepEqual(texts(ref), ['Refund refund']);
    assert.deepEqual(ref.effects[0], { kind: 'set_attribute', name: 'intent', value: 'refund' });
    assert.deepEqual(texts(await step(f, null, { kind: 'text', text: 'ship it' }, fakePorts({ intents }), NOW)), ['Any']);
    const nm = await step(f, null, { kind: 'text', text: 'hello' }, fakePorts({ intents }), NOW);
    assert.deepEqual(texts(nm), ['No match']);
    assert.equal(nm.state.variables.intent, null);
  });

  test('language node that asks the customer', async () => {
    const f = buildFlow(
      [node('l', 'language', { languages: ['en', 'pl'], ask: true }), node('hi', 'message', { text: { en: 'Hello', pl: 'Dzień dobry' } }), bye()],
      [edge('l', 'next', 'hi'), edge('hi', 'next', 'bye')],
    );
    const s = await step(f, null, { kind: 'start' }, fakePorts(), NOW);
    assert.deepEqual(s.outputs[0], { kind: 'choices', prompt: 'Which language would you like to use?', options: [{ key: 'en', label: 'English', dtmf: '1' }, { key: 'pl', label: 'Polski', dtmf: '2' }] });
    const r = await step(f, s.state, { kind: 'text', text: 'polski' }, fakePorts(), NOW);
    assert.equal(r.state.language, 'pl');
    assert.equal(texts(r)[0], 'Dzień dobry');
  });

  test('handover node carries queue, skills, priority, note, variables and transcript', async () => {
    const f = buildFlow(
      [node('q', 'ask', { prompt: { en: 'Order number?' }, kind: 'number', variable: 'order' }), node('h', 'handover', { queueId: 'billing', skills: ['pl'], priority: 5, note: 'Order {{order}}', text: { en: 'Connecting you.' } })],
      [edge('q', 'next', 'h')],
    );
    const s = await step(f, null, { kind: 'start' }, fakePorts(), NOW);
    const r = await step(f, s.state, { kind: 'text', text: '1042' }, fakePorts(), NOW);
    assert.equal(r.status, 'handover');
    const h = r.effects[0];
    assert.ok(h?.kind === 'handover');
    assert.deepEqual({ ...h, transcript: h.transcript.map((t) => `${t.from}: ${t.text}`) }, {
      kind: 'handover', queueId: 'billing', skills: ['pl'], priority: 5, note: 'Order 1042', reason: 'node', variables: { order: 1042 },
      transcript: ['bot: Order number?', 'customer: 1042', 'bot: Connecting you.'],
    });
    // after the hand-over the engine does nothing more
    const later = await step(f, r.state, { kind: 'text', text: 'hello?' }, fakePorts(), NOW);
    assert.deepEqual(later.outputs, []);
    assert.equal(later.status, 'handover');
  });

  test('create_ticket: next with the number, error port on failure without details', async () => {
    const f = buildFlow(
      [node('t', 'create_ticket', { subject: 'Call back {{customer.phone}}', priority: 'high', variable: 'ticket' }), node('ok', 'message', { text: { en: 'Ticket #{{ticket}}' } }), bye(), bye('err', 'Could not create')],
      [edge('t', 'next', 'ok'), edge('ok', 'next', 'bye'), edge('t', 'error', 'err')],
    );
    const ports = fakePorts();
    assert.deepEqual(texts(await step(f, null, { kind: 'start', customer: { phone: '+441234' } }, ports, NOW)), ['Ticket #1042', 'Bye']);
    assert.equal(ports.calls.tickets[0]?.subject, 'Call back +441234');
    assert.equal(ports.calls.tickets[0]?.priority, 'high');
    const bad = await step(f, null, { kind: 'start' }, fakePorts({ ticketFails: true }), NOW);
    assert.deepEqual(texts(bad), ['Could not create']);
    assert.doesNotMatch(JSON.stringify(bad), /10\.0\.0\.5/);
  });

  test('csat: 1–5 from buttons, keys or text; one retry then on', async () => {
    const f = buildFlow([node('c', 'csat', {}), bye()], [edge('c', 'next', 'bye')]);
    const s = await step(f, null, { kind: 'start', language: 'zh-Hant' }, fakePorts(), NOW);
    assert.deepEqual(s.outputs[0], { kind: 'csat', prompt: '請為我們的服務評分，1（差）到 5（非常好）。' });
    assert.equal((await step(f, s.state, { kind: 'choice', key: '4' }, fakePorts(), NOW)).state.variables.csat, 4);
    assert.equal((await step(f, s.state, { kind: 'text', text: '５分' }, fakePorts(), NOW)).state.variables.csat, 5);
    const w = await step(f, s.state, { kind: 'text', text: 'meh' }, fakePorts(), NOW);
    assert.equal(w.status, 'waiting');
    const w2 = await step(f, w.state, { kind: 'text', text: 'meh' }, fakePorts(), NOW);
    assert.equal(w2.status, 'ended');
    assert.equal(w2.state.variables.csat, null);
  });
});

describe('flow engine: safety and persistence', () => {
  test('step limit stops a runaway loop (flow not validated) with a hand-over', async () => {
    const f = buildFlow(
      [node('s', 'set', { assignments: [{ variable: 'n', mode: 'expression', value: 'n + 1' }] }), node('c', 'condition', { rules: [{ left: 'n', op: 'lt', value: 0 }] })],
      [edge('s', 'next', 'c'), edge('c', 'false', 's'), edge('c', 'true', 's', 'c.t')],
      { variables: [{ name: 'n', type: 'number', default: 0 }], handover: { queueId: 'fallback', skills: [], priority: 1 } },
    );
    const r = await step(f, null, { kind: 'start' }, fakePorts(), NOW);
    assert.equal(r.status, 'handover');
    assert.deepEqual(texts(r), ['Sorry, something went wrong.', 'I am passing you to a member of our team.']);
    const h = r.effects.find((e) => e.kind === 'handover');
    assert.ok(h?.kind === 'handover' && h.reason === 'step_limit' && h.queueId === 'fallback');
    assert.ok(r.state.visits > MAX_VISITS_PER_STEP && (r.state.variables.n as number) <= MAX_VISITS_PER_STEP);
  });

  test('a missing optional port hands over instead of stalling', async () => {
    const f = buildFlow([node('q', 'ask', { prompt: { en: 'Email?' }, kind: 'email', variable: 'e', retries: 0 })], []);
    const s = await step(f, null, { kind: 'start' }, fakePorts(), NOW);
    const r = await step(f, s.state, { kind: 'text', text: 'nope' }, fakePorts(), NOW);
    assert.equal(r.status, 'handover');
    assert.equal((r.effects[0] as { reason: string }).reason, 'invalid_answer');
  });

  test('a port that throws mid-flow is apologised for, not shown', async () => {
    const f = buildFlow([node('k', 'kb_answer', {}), bye(), node('h', 'handover', {})], [edge('k', 'yes', 'bye'), edge('k', 'handover', 'h')]);
    const ports = { ...fakePorts(), isOpen: async () => true, kbAnswer: async () => { throw new Error('ECONNREFUSED 127.0.0.1:5432'); } };
    const r = await step(f, null, { kind: 'text', text: 'opening hours?' }, ports, NOW);
    assert.equal(r.status, 'handover');
    assert.doesNotMatch(JSON.stringify(r), /ECONNREFUSED/);
  });

  test('resume from a JSON round-tripped state gives the same next step', async () => {
    const f = buildFlow(
      [node('m', 'menu', { prompt: { en: 'Pick' }, options: [{ key: 'a', label: { en: 'A' } }] }), node('q', 'ask', { prompt: { en: 'Name?' }, kind: 'text', variable: 'name' }), node('ok', 'message', { text: { en: 'Hi {{name}}' } }), bye()],
      [edge('m', 'option:a', 'q'), edge('q', 'next', 'ok'), edge('ok', 'next', 'bye')],
    );
    const s1 = await step(f, null, { kind: 'start' }, fakePorts(), NOW);
    const s2 = await step(f, s1.state, { kind: 'choice', key: 'a' }, fakePorts(), NOW);
    const stored = JSON.parse(JSON.stringify(s2.state)) as FlowState;
    const direct = await step(f, s2.state, { kind: 'text', text: 'Ann' }, fakePorts(), NOW);
    const resumed = await step(f, stored, { kind: 'text', text: 'Ann' }, fakePorts(), NOW);
    assert.deepEqual(resumed, direct);
    assert.deepEqual(texts(resumed), ['Hi Ann', 'Bye']);
    // the input state is not mutated
    assert.equal(s2.state.nodeId, 'q');
    assert.equal(s2.state.status, 'waiting');
  });

  test('a damaged stored state does not crash the engine', async () => {
    const f = buildFlow([node('q', 'ask', { prompt: { en: 'Name?' }, kind: 'text', variable: 'name' }), node('ok', 'message', { text: { en: 'Hi {{name}}' } }), bye()], [edge('q', 'next', 'ok'), edge('ok', 'next', 'bye')]);
    const damaged = { v: 1, status: 'waiting', nodeId: 'q', transcript: 'oops', variables: null } as unknown as FlowState;
    const r = await step(f, damaged, { kind: 'text', text: 'Ann' }, fakePorts(), NOW);
    assert.deepEqual(texts(r), ['Hi Ann', 'Bye']);
    const gone = await step(f, { ...damaged, nodeId: 'deleted-node' } as FlowState, { kind: 'text', text: 'Ann' }, fakePorts(), NOW);
    assert.equal(gone.status, 'handover');
    assert.deepEqual(texts(gone), ['Sorry, something went wrong.', 'I am passing you to a member of our team.']);
  });

  test('browser language tags are understood; Chinese falls back to the other script first', async () => {
    const f = buildFlow([node('hi', 'message', { text: { en: 'Hello', 'zh-Hans': '你好', cy: 'Helo' } }), bye()], [edge('hi', 'next', 'bye')]);
    const first = async (language: string) => texts(await step(f, null, { kind: 'start', language }, fakePorts(), NOW))[0];
    assert.equal(await first('zh-TW'), '你好');
    assert.equal(await first('cy-GB'), 'Helo');
    assert.equal(await first('de-DE'), 'Hello');
    assert.equal((await step(f, null, { kind: 'start', language: 'zh-HK' }, fakePorts(), NOW)).state.language, 'zh-Hant');
  });

  test('a first message asking for a person hands over before the flow starts talking', async () => {
    const f = buildFlow([node('hi', 'message', { text: { en: 'Hello' } }), bye()], [edge('hi', 'next', 'bye')], { handover: { queueId: 'q-1', skills: ['pl'], priority: 2 } });
    const r = await step(f, null, { kind: 'text', text: 'Chcę rozmawiać z konsultantem' }, fakePorts(), NOW);
    assert.equal(r.status, 'handover');
    const h = r.effects[0];
    assert.ok(h?.kind === 'handover' && h.reason === 'human_request' && h.queueId === 'q-1' && h.priority === 2);
    assert.deepEqual(h.transcript.map((t) => t.from), ['customer', 'bot']);
  });

  test('timeouts: the timeout port when connected, otherwise a missed answer', async () => {
    const f = buildFlow(
      [node('q', 'ask', { prompt: { en: 'Order number?' }, kind: 'number', variable: 'order', retries: 1 }), node('ok', 'message', { text: { en: 'Order {{order}}' } }), bye(), bye('t', 'Still there?'), bye('err', 'Giving up')],
      [edge('q', 'next', 'ok'), edge('ok', 'next', 'bye'), edge('q', 'error', 'err')],
    );
    const s = await step(f, null, { kind: 'start' }, fakePorts(), NOW);
    const t1 = await step(f, s.state, { kind: 'timeout' }, fakePorts(), NOW);
    assert.deepEqual(texts(t1), ['Please enter a number.', 'Order number?']);
    assert.deepEqual(texts(await step(f, t1.state, { kind: 'timeout' }, fakePorts(), NOW)), ['Giving up']);
    assert.deepEqual(texts(await step(f, t1.state, { kind: 'dtmf', digits: '1042#' }, fakePorts(), NOW)), ['Order 1042', 'Bye']);
    const withPort = buildFlow(
      [node('q', 'ask', { prompt: { en: 'Order number?' }, kind: 'number', variable: 'order' }), bye(), bye('t', 'Still there?')],
      [edge('q', 'next', 'bye'), edge('q', 'timeout', 't')],
    );
    const s2 = await step(withPort, null, { kind: 'start' }, fakePorts(), NOW);
    assert.deepEqual(texts(await step(withPort, s2.state, { kind: 'timeout' }, fakePorts(), NOW)), ['Still there?']);
  });

  test('a set step can switch the conversation language', async () => {
    const f = buildFlow(
      [node('s', 'set', { assignments: [{ variable: 'language', value: 'zh-TW' }] }), node('hi', 'message', { text: { en: 'Hello', 'zh-Hant': '您好' } }), bye()],
      [edge('s', 'next', 'hi'), edge('hi', 'next', 'bye')],
    );
    const r = await step(f, null, { kind: 'start', language: 'en' }, fakePorts(), NOW);
    assert.equal(r.state.language, 'zh-Hant');
    assert.equal(texts(r)[0], '您好');
    assert.equal(r.state.variables.language, undefined);
  });
});
