import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as httpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { edge, node, rawFlow } from '../src/core/flows/test-kit.ts';
import { v7 as uuidv7 } from 'uuid';
import { createServer, type Server } from '../src/main.ts';
import { createRepos, createUnitOfWork } from '../src/storage/repos.ts';
import { createFlowRuntime } from '../src/core/flows-runtime/runtime.ts';
import { systemClock } from '../src/core/context.ts';
import type { CoreDeps } from '../src/core/deps.ts';
import { createLogger } from '../src/logger.ts';
import { dbKinds, testHasher } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';
import { demoChatInbox, W } from './widget-helpers.ts';

interface WMsg { seq: number; direction: 'inbound' | 'outbound'; text: string }

/** Polls until `check` returns a value (the bus and the bot run after the request returns). */
async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A bot that answers opening hours, asks whether that helped, and hands over on "no". */
const faqFlow = (supportQueue: string) =>
  rawFlow(
    [
      node('hi', 'message', { text: { en: 'Hello from the bot.' } }),
      node('q', 'ask', { prompt: { en: 'How can I help?' }, kind: 'text', variable: 'question' }),
      node('intent', 'intent', {}),
      node('ans', 'message', { text: { en: 'We open at 9 am.' } }),
      node('check', 'menu', { prompt: { en: 'Did that answer your question?' }, options: [{ key: 'yes', label: { en: 'Yes' } }, { key: 'no', label: { en: 'No' } }] }),
      node('bye', 'end', { text: { en: 'Glad to help!' } }),
      node('human', 'handover', { queueId: supportQueue, note: 'asked: {{question}}' }),
    ],
    [edge('hi', 'next', 'q'), edge('q', 'next', 'intent'), edge('intent', 'option:opening_hours', 'ans'), edge('intent', 'nomatch', 'human'), edge('ans', 'next', 'check'), edge('check', 'option:yes', 'bye'), edge('check', 'option:no', 'human')],
    { variables: [{ name: 'question', type: 'string' }] },
  );

/** Looks an order up over HTTP; on any failure says sorry (the error port). */
const httpFlow = (port: number) =>
  rawFlow(
    [
      node('ask', 'ask', { prompt: { en: 'Which order?' }, kind: 'text', variable: 'path' }),
      node('call', 'http', { url: `http://127.0.0.1:${port}/{{path}}`, timeoutMs: 300, mapping: { status: 'json.status' } }),
      node('ok', 'message', { text: { en: 'Your order is {{status}}.' } }),
      node('sorry', 'message', { text: { en: 'Sorry, I cannot look that up right now.' } }),
      node('done', 'end'),
      node('done2', 'end'),
    ],
    [edge('ask', 'next', 'call'), edge('call', 'next', 'ok'), edge('call', 'error', 'sorry'), edge('ok', 'next', 'done'), edge('sorry', 'next', 'done2')],
    { variables: [{ name: 'path', type: 'string' }, { name: 'status', type: 'string' }] },
  );

for (const kind of await dbKinds()) {
  describe(`flows runtime on the chat channel (${kind})`, () => {
    let t: TestServer;
    let server: Server;
    let admin = '';
    let inboxId = '';
    let tenantId = '';
    let supportQueue = '';
    let fake: HttpServer;
    let fakePort = 0;
    let hits = 0;

    const inject = (method: 'GET' | 'POST' | 'PUT', url: string, o: { cookie?: string; token?: string; body?: unknown } = {}) =>
      server.app.inject({ method, url, headers: { ...(o.cookie && { cookie: o.cookie }), ...(o.token && { authorization: `Bearer ${o.token}` }) }, ...(o.body !== undefined && { payload: o.body as object }) });
    const history = async (token: string) => ((await inject('GET', `${W}/messages`, { token })).json().messages as WMsg[]);
    const say = async (token: string, text: string) => {
      const r = await inject('POST', `${W}/messages`, { token, body: { clientId: `c-${Math.random()}`, text } });
      assert.ok(r.statusCode === 201 || r.statusCode === 200, r.body);
      return r.json() as { conversationId: string; seq: number };
    };
    /** Waits until the bot has answered the visitor's message at `seq`. */
    const botAfter = async (token: string, seq: number, count = 1) =>
      waitFor(`a bot answer after seq ${seq}`, async () => {
        await server.flows.idle();
        const out = (await history(token)).filter((m) => m.direction === 'outbound' && m.seq > seq);
        return out.length >= count ? out : null;
      });
    /** A new anonymous visitor of the demo chat inbox (on the current server, restarts included). */
    async function visitor(language = 'en') {
      const r = await inject('POST', `${W}/inboxes/${inboxId}/sessions`, { body: { language } });
      assert.equal(r.statusCode, 201, r.body);
      return r.json() as { token: string };
    }
    async function useFlow(definition: unknown, name: string) {
      const f = await inject('POST', '/api/v1/flows', { cookie: admin, body: { name, definition } });
      assert.equal(f.statusCode, 201, f.body);
      const p = await inject('POST', `/api/v1/flows/${f.json().id}/publish`, { cookie: admin, body: {} });
      assert.equal(p.statusCode, 200, p.body);
      const a = await inject('PUT', `/api/v1/inboxes/${inboxId}/flow`, { cookie: admin, body: { flowId: f.json().id } });
      assert.equal(a.statusCode, 200, a.body);
    }

    before(async () => {
      t = await startTestServer(kind, { flows: true, env: { ROUTING: 'true' } });
      server = t.server;
      admin = await t.login(demo.admin);
      inboxId = (await demoChatInbox(t, admin)).id;
      tenantId = (await t.server.database.db.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id;
      supportQueue = (await t.server.database.db.selectFrom('routing_queues').select('id').where('name', '=', 'Support').executeTakeFirstOrThrow()).id;
      fake = httpServer((req, res) => {
        if (req.url === '/slow') return; // never answers
        if (req.url === '/count') {
          hits++;
          return void setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'counted' })), 120);
        }
        if (req.url === '/garbage') return void res.writeHead(200, { 'content-type': 'application/json' }).end('<html>Internal error at line 3</html>');
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'shipped' }));
      });
      await new Promise<void>((r) => fake.listen(0, '127.0.0.1', () => r()));
      fakePort = (fake.address() as AddressInfo).port;
    });
    after(async () => {
      fake?.closeAllConnections();
      fake?.close();
      await server?.close().catch(() => {});
      await t?.db.drop();
    });

    test('a visitor gets bot answers, says "no", and is handed over: routing task with the intent and variables, note with the transcript', async () => {
      await useFlow(faqFlow(supportQueue), 'FAQ test');
      const v = await visitor();
      const first = await say(v.token, 'What time do you open?');
      const bot = await botAfter(v.token, first.seq, 3);
      assert.deepEqual(bot.map((m) => m.text), ['Hello from the bot.', 'We open at 9 am.', 'Did that answer your question?\n1. Yes\n2. No']);
      // The widget gets the quick replies as data (drawn as buttons), and knows the bot wrote them.
      const asked = bot[2] as WMsg & { bot?: boolean; choices?: { key: string; label: string; number: number }[] };
      assert.equal(asked.bot, true);
      assert.deepEqual(asked.choices?.map((c) => [c.label, c.number]), [['Yes', 1], ['No', 2]]);
      assert.equal((bot[0] as WMsg & { choices?: unknown }).choices, undefined, 'a plain bot message has no quick replies');
      // No task while the bot has the conversation.
      await server.routing!.settle(tenantId);
      const none = await t.server.database.db.selectFrom('routing_tasks').select('id').where('source_id', '=', first.conversationId).execute();
      assert.equal(none.length, 0, 'no routing task in the bot phase');

      const no = await say(v.token, '2');
      const handover = await botAfter(v.token, no.seq);
      assert.match(handover[0]!.text, /team/i, 'the bot says it passes the visitor on');
      const task = await waitFor('the routing task', async () => {
        await server.routing!.settle(tenantId);
        return t.server.database.db.selectFrom('routing_tasks').selectAll().where('source_id', '=', first.conversationId).executeTakeFirst();
      });
      const attrs = task.attributes as Record<string, unknown>;
      assert.equal(attrs.intent, 'opening_hours');
      assert.equal(attrs['flow.question'], 'What time do you open?');
      assert.equal(attrs.handoverReason, 'node');
      assert.equal(task.queue_id, supportQueue);
      const notes = await t.server.database.db.selectFrom('messages').select(['text', 'author_kind']).where('conversation_id', '=', first.conversationId).where('direction', '=', 'note').execute();
      assert.equal(notes.length, 1);
      assert.equal(notes[0]!.author_kind, 'bot');
      assert.match(notes[0]!.text, /Intent: opening_hours/);
      assert.match(notes[0]!.text, /question: What time do you open\?/);
      assert.match(notes[0]!.text, /Customer: What time do you open\?/);
      assert.match(notes[0]!.text, /Bot: We open at 9 am\./);
      // The agent now has it: the bot stays quiet.
      const later = await say(v.token, 'hello?');
      await new Promise((r) => setTimeout(r, 200));
      await server.flows.idle();
      assert.equal((await history(v.token)).filter((m) => m.seq > later.seq).length, 0, 'no bot reply after the hand-over');
      const bots = await t.server.database.db.selectFrom('messages').select(['author_kind', 'metadata']).where('conversation_id', '=', first.conversationId).where('direction', '=', 'outbound').execute();
      assert.ok(bots.every((m) => m.author_kind === 'bot'));
      assert.ok(bots.some((m) => (m.metadata as { kind?: string } | null)?.kind === 'choices'), 'the choices are in the metadata');
    });

    test('a restart mid-flow resumes the session on the version it started with', async () => {
      await useFlow(faqFlow(supportQueue), 'FAQ restart');
      const v = await visitor();
      const first = await say(v.token, 'What time do you open?');
      await botAfter(v.token, first.seq, 3);
      // A new version while the session waits: it keeps the old one.
      await useFlow(rawFlow([node('x', 'message', { text: { en: 'NEW VERSION' } }), node('y', 'end')], [edge('x', 'next', 'y')]), 'Other flow');
      await server.close();
      server = await createServer(t.config, { database: t.db.database, hasher: testHasher, log: createLogger('silent'), seed: false });
      const yes = await say(v.token, 'Yes');
      const out = await botAfter(v.token, yes.seq);
      assert.deepEqual(out.map((m) => m.text), ['Glad to help!']);
      const conv = await t.server.database.db.selectFrom('conversations').select('status').where('id', '=', first.conversationId).executeTakeFirstOrThrow();
      assert.equal(conv.status, 'resolved', 'the flow ended: the conversation is resolved');
    });

    test('a visitor message stored while no node ran the bot is answered at the next start', async () => {
      await useFlow(faqFlow(supportQueue), 'FAQ resume');
      const v = await visitor();
      const first = await say(v.token, 'What time do you open?');
      await botAfter(v.token, first.seq, 3);
      await server.close();
      // The message arrives (stored) but no runtime sees its event.
      const db = t.db.database.db;
      const inboxRow = await db.selectFrom('conversations').select(['inbox_id']).where('id', '=', first.conversationId).executeTakeFirstOrThrow();
      const seq = await db.transaction().execute(async (tx) => {
        const r = createRepos(tx);
        const n = await r.conversations.nextSeq(tenantId, first.conversationId, new Date());
        await r.messages.insert({ id: uuidv7(), tenantId, conversationId: first.conversationId, inboxId: inboxRow.inbox_id, seq: n, direction: 'inbound', authorUserId: null, text: '1', html: null, providerMessageId: null, deliveryStatus: 'received', at: new Date() });
        return n;
      });
      server = await createServer(t.config, { database: t.db.database, hasher: testHasher, log: createLogger('silent'), seed: false });
      const out = await botAfter(v.token, seq);
      assert.deepEqual(out.map((m) => m.text), ['Glad to help!']);
    });

    for (const [path, what] of [['slow', 'times out'], ['garbage', 'returns garbage']] as const) {
      test(`an HTTP step whose server ${what} takes the error branch; the visitor sees no internals`, async () => {
        await inject('PUT', '/api/v1/flow-allowed-hosts', { cookie: admin, body: { hosts: ['127.0.0.1'] } });
        await useFlow(httpFlow(fakePort), `HTTP ${path}`);
        const v = await visitor();
        // The first message answers the flow's opening free-text question (the order path).
        const ask = await say(v.token, path);
        const out = await botAfter(v.token, ask.seq);
        assert.deepEqual(out.map((m) => m.text), ['Sorry, I cannot look that up right now.']);
        const all = (await history(v.token)).map((m) => m.text).join('\n');
        assert.doesNotMatch(all, /Error|at line|timeout|ECONN|stack|json/i);
      });
    }

    test('two nodes see the same visitor message: one feeds the bot, the HTTP step runs once', async () => {
      await inject('PUT', '/api/v1/flow-allowed-hosts', { cookie: admin, body: { hosts: ['127.0.0.1'] } });
      await useFlow(httpFlow(fakePort), 'HTTP two nodes');
      const db = t.db.database.db;
      const other = createFlowRuntime({ repos: createRepos(db), uow: createUnitOfWork(db, () => server.dispatcher.poke()), clock: systemClock, newId: uuidv7 } as unknown as CoreDeps);
      hits = 0;
      const v = await visitor();
      const ask = await say(v.token, 'count');
      await other.feed(tenantId, ask.conversationId);
      const out = await botAfter(v.token, ask.seq);
      await other.idle();
      await server.flows.idle();
      assert.deepEqual(out.map((m) => m.text), ['Your order is counted.']);
      assert.equal(hits, 1, 'the HTTP step ran on one node only');
      assert.equal((await history(v.token)).filter((m) => m.direction === 'outbound').length, 1);
    });

    test('an HTTP step whose server answers maps the JSON', async () => {
      await useFlow(httpFlow(fakePort), 'HTTP ok');
      const v = await visitor();
      const ask = await say(v.token, 'orders/42');
      assert.deepEqual((await botAfter(v.token, ask.seq)).map((m) => m.text), ['Your order is shipped.']);
    });
  });
}
