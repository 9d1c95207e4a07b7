import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choiceOf, handoverNote, renderOutput } from './render.ts';
import { FlowHttpError, httpPort, type Fetch } from './http-port.ts';
import { latinGuess, visitorLanguage } from './language.ts';
import { confidenceOf, firstSentences } from './kb-port.ts';
import { demoIntents, shopAssistant } from './seed-demo.ts';
import { flowIssues } from './validation.ts';
import { flowRoutingGate, withFlowHandover } from './routing-hook.ts';

const LANGS = ['en', 'cy', 'pl', 'hi', 'zh-Hans', 'zh-Hant'];

test('choices render as numbered text with the options in the metadata; a reply by number or label picks one', () => {
  const b = renderOutput({ kind: 'choices', prompt: 'Did that help?', options: [{ key: 'yes', label: 'Yes' }, { key: 'no', label: 'No' }] });
  assert.equal(b.text, 'Did that help?\n1. Yes\n2. No');
  assert.deepEqual(b.metadata, { kind: 'choices', options: [{ key: 'yes', label: 'Yes', number: 1 }, { key: 'no', label: 'No', number: 2 }] });
  const opts = [{ key: 'yes', label: 'Yes' }, { key: 'no', label: 'No' }];
  assert.equal(choiceOf('2', opts), 'no');
  assert.equal(choiceOf(' yes! ', opts), 'yes');
  assert.equal(choiceOf('3', opts), null);
  assert.equal(choiceOf('maybe', opts), null);
  assert.equal(choiceOf('1', []), null);
  assert.deepEqual(renderOutput({ kind: 'text', text: 'Hi' }), { text: 'Hi', metadata: null });
});

test('the hand-over note has the reason, intent, variables and transcript', () => {
  const n = handoverNote({ reason: 'kb_no', note: 'refund', intent: 'returns', language: 'zh-Hans', variables: { question: '退款', intent: 'returns', order: null }, transcript: [{ from: 'customer', text: '我想退款', at: '' }, { from: 'bot', text: 'Line 1\nLine 2', at: '' }] });
  assert.match(n, /^Bot hand-over \(kb no\): refund/);
  assert.match(n, /Intent: returns · Language: zh-Hans/);
  assert.match(n, /- question: 退款/);
  assert.match(n, /- order: —/);
  assert.doesNotMatch(n, /- intent:/);
  assert.match(n, /Customer: 我想退款\nBot: Line 1 \/ Line 2$/);
});

const fakeFetch = (f: (url: string, init: RequestInit) => Promise<Response>): Fetch => f;
const port = (fetch: Fetch, hosts = ['api.shop.example', 'localhost'], max?: number) => httpPort(async () => hosts, fetch, max);

test('HTTP port: only allow-listed https hosts; no redirects; JSON parsed', async () => {
  const calls: { url: string; init: RequestInit }[] = [];
  const ok = port(fakeFetch(async (url, init) => {
    calls.push({ url, init });
    return new Response(JSON.stringify({ status: 'shipped' }), { status: 200 });
  }));
  assert.deepEqual(await ok({ method: 'GET', url: 'https://api.shop.example/o/1', headers: {}, timeoutMs: 1000 }), { status: 200, json: { status: 'shipped' } });
  assert.equal(calls[0]!.init.redirect, 'manual');
  await assert.rejects(ok({ method: 'GET', url: 'https://evil.example/o/1', headers: {}, timeoutMs: 1000 }), (e: FlowHttpError) => e.reason === 'not_allowed');
  await assert.rejects(ok({ method: 'GET', url: 'http://api.shop.example/o/1', headers: {}, timeoutMs: 1000 }), (e: FlowHttpError) => e.reason === 'not_allowed');
  await assert.rejects(ok({ method: 'GET', url: 'https://10.0.0.1/x', headers: {}, timeoutMs: 1000 }), FlowHttpError);
  assert.equal(calls.length, 1, 'refused URLs are never fetched');
});

test('HTTP port: garbage, oversized bodies and timeouts are errors (the error port), empty bodies are not', async () => {
  const garbage = port(fakeFetch(async () => new Response('<html>oops', { status: 200 })));
  await assert.rejects(garbage({ method: 'GET', url: 'https://api.shop.example/', headers: {}, timeoutMs: 1000 }), (e: FlowHttpError) => e.reason === 'not_json');
  const empty = port(fakeFetch(async () => new Response(null, { status: 204 })));
  assert.deepEqual(await empty({ method: 'DELETE', url: 'https://api.shop.example/', headers: {}, timeoutMs: 1000 }), { status: 204 });
  const big = port(fakeFetch(async () => new Response('x'.repeat(5000), { status: 200 })), undefined, 1000);
  await assert.rejects(big({ method: 'GET', url: 'https://api.shop.example/', headers: {}, timeoutMs: 1000 }), (e: FlowHttpError) => e.reason === 'too_large');
  const slow = port(fakeFetch((_u, init) => new Promise((_r, reject) => init.signal!.addEventListener('abort', () => reject(new Error('aborted'))))));
  const t0 = Date.now();
  await assert.rejects(slow({ method: 'GET', url: 'https://api.shop.example/', headers: {}, timeoutMs: 100 }), (e: FlowHttpError) => e.reason === 'timeout');
  assert.ok(Date.now() - t0 < 2000);
  const down = port(fakeFetch(async () => { throw new Error('ECONNREFUSED'); }));
  await assert.rejects(down({ method: 'GET', url: 'https://api.shop.example/', headers: {}, timeoutMs: 1000 }), (e: FlowHttpError) => e.reason === 'network');
});

test('visitor language: short Welsh, Polish and English openers; scripts decide Hindi and Chinese', () => {
  assert.equal(visitorLanguage("Faint o'r gloch ydych chi'n agor?", LANGS, 'en'), 'cy');
  assert.equal(visitorLanguage('Pryd ydych chi ar agor?', LANGS, 'en'), 'cy');
  assert.equal(visitorLanguage('Gdzie jest moje zamówienie?', LANGS, 'en'), 'pl');
  assert.equal(visitorLanguage('What time do you open?', LANGS, 'cy'), 'en');
  assert.equal(visitorLanguage('आप कितने बजे खुलते हैं?', LANGS, 'en'), 'hi');
  assert.equal(visitorLanguage('我想申请退款', LANGS, 'en'), 'zh-Hans');
  assert.equal(latinGuess('ok', LANGS), null, 'too little to tell');
  assert.equal(latinGuess('Pryd ydych chi ar agor?', ['en', 'pl']), null, 'only the tenant’s languages');
});

test('KB confidence: a full-text match clears the default threshold, a title-similarity hit does not', () => {
  assert.ok(confidenceOf(0.05) >= 0.55);
  assert.ok(confidenceOf(2) <= 1 && confidenceOf(2) > 0.99);
  assert.ok(confidenceOf(0.9e-4) < 0.5);
  assert.equal(confidenceOf(0), 0);
  assert.equal(firstSentences('One. Two.', 100), 'One. Two.');
  const long = `${'A sentence here. '.repeat(60)}`;
  assert.ok(firstSentences(long, 100).length <= 100);
  assert.ok(firstSentences(long, 100).endsWith('.'));
});

test('the demo flow passes every publish check; its intents have examples in all six languages', () => {
  const issues = flowIssues(shopAssistant(), { allowedHosts: [], intents: Object.keys(demoIntents), calendarIds: new Set(), queueIds: new Set(['q-support', 'q-billing']) });
  assert.deepEqual(issues, []);
  const withoutIntents = flowIssues(shopAssistant(), { allowedHosts: [], intents: [], calendarIds: new Set(), queueIds: new Set(['q-support', 'q-billing']) });
  assert.ok(withoutIntents.some((i) => i.nodeId === 'intent' && i.code === 'unknown_intent'));
  for (const [name, examples] of Object.entries(demoIntents)) {
    assert.ok(examples.some((e) => /\p{Script=Han}/u.test(e)), `${name} has Chinese examples`);
    assert.ok(examples.some((e) => /\p{Script=Devanagari}/u.test(e)), `${name} has Hindi examples`);
    assert.ok(examples.length >= 18, `${name}: three or more per language`);
  }
});

test('routing hook: a hand-over event becomes a task with the intent, variables, queue and priority; a held conversation gets none', async () => {
  const holds = new Set(['held']);
  const r = { flowSessions: { botHolds: async (_t: string, id: string) => holds.has(id) } };
  const ev = (type: string, payload: Record<string, unknown>) => ({ id: 'e', type, aggregateId: 'c1', actorId: null, payload, createdAt: new Date() });
  assert.equal(await flowRoutingGate(r, 't', ev('message.created', {}), { kind: 'consider_conversation', conversationId: 'held' }), null);
  const free = { kind: 'consider_conversation' as const, conversationId: 'free' };
  assert.equal(await flowRoutingGate(r, 't', ev('message.created', {}), free), free);
  const byAgent = { ...ev('conversation.status_changed', { to: 'open' }), actorId: 'agent-1' };
  assert.deepEqual(await flowRoutingGate(r, 't', byAgent, { kind: 'consider_conversation', conversationId: 'held' }), { kind: 'consider_conversation', conversationId: 'held' }, 'a person reopening is not held');
  const a = await flowRoutingGate(r, 't', ev('flow.handed_over', { conversationId: 'held', flowId: 'f', version: 1, queueId: 'q1', skills: ['billing'], priority: 80, reason: 'kb_no', intent: 'returns', language: 'pl', variables: { order: '42', nested: { no: 1 } } }), null);
  assert.equal(a?.kind, 'consider_conversation');
  const spec = withFlowHandover(a!, { kind: 'chat', priority: 50, attributes: { intent: null, language: 'en', channel: 'chat' } });
  assert.deepEqual(spec, {
    kind: 'chat', priority: 80, queueId: 'q1',
    attributes: { intent: 'returns', language: 'pl', channel: 'chat', handoverReason: 'kb_no', handoverSkills: ['billing'], 'flow.order': '42' },
  });
  assert.equal(withFlowHandover(free, { priority: 50, attributes: {} }).queueId, undefined);
});
