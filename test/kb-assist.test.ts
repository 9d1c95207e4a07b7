/**
 * Answer drafting (issue 7, optional): with DRAFT_AI_URL set, an agent gets a reply drafted by an
 * OpenAI-compatible endpoint (here a fake one on loopback) from the conversation's customer messages
 * and the best knowledge-base articles; failures of the endpoint are a clear 503; off by default.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';
import { demoChatInbox, sendMsg, sessionOk } from './widget-helpers.ts';

interface Seen { auth: string | undefined; body: { model: string; messages: { role: string; content: string }[] } }

function fakeModel(): Promise<{ server: Server; url: string; seen: Seen[]; mode: { answer: 'ok' | 'error' | 'garbage' | 'slow' } }> {
  const seen: Seen[] = [];
  const mode = { answer: 'ok' as 'ok' | 'error' | 'garbage' | 'slow' };
  const server = createServer(async (req: IncomingMessage, res) => {
    let raw = '';
    for await (const c of req) raw += c;
    if (req.url !== '/v1/chat/completions' || req.method !== 'POST') return void res.writeHead(404).end();
    seen.push({ auth: req.headers.authorization, body: JSON.parse(raw) });
    if (mode.answer === 'error') return void res.writeHead(500).end('{"error":"boom at /secret/path"}');
    if (mode.answer === 'garbage') return void res.writeHead(200, { 'content-type': 'application/json' }).end('<html>not json');
    if (mode.answer === 'slow') return void setTimeout(() => res.writeHead(200).end('{}'), 3000);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'We are open 9 to 5.' } }] }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const a = server.address() as { port: number };
    resolve({ server, url: `http://127.0.0.1:${a.port}/v1`, seen, mode });
  }));
}

for (const kind of await dbKinds()) {
  describe(`answer drafting on ${kind}`, () => {
    let t: TestServer;
    let off: TestServer;
    let fake: Awaited<ReturnType<typeof fakeModel>>;
    let agent: string;
    let conversationId: string;
    before(async () => {
      fake = await fakeModel();
      t = await startTestServer(kind, { env: { DRAFT_AI_URL: fake.url, DRAFT_AI_KEY: 'sk-test-not-logged', DRAFT_AI_MODEL: 'tiny-model', DRAFT_AI_TIMEOUT_MS: '1000' } });
      off = await startTestServer(kind);
      agent = await t.login(demo.alex);
      const admin = await t.login(demo.admin);
      const inbox = await demoChatInbox(t, admin);
      const v = await sessionOk(t, inbox.id, { prechat: { name: 'Gwen' } });
      const m = await sendMsg(t, v.token, { clientId: randomUUID(), text: 'What are your opening hours?' });
      assert.equal(m.statusCode, 201, m.body);
      conversationId = m.json().conversationId;
    });
    after(async () => {
      await t.close();
      await off.close();
      fake.server.close();
    });

    test('a draft grounded in the articles that match the customer, with its sources; the key only in the header', async () => {
      fake.mode.answer = 'ok';
      assert.deepEqual((await t.req('GET', '/api/v1/kb-assist', { cookie: agent })).json(), { drafting: true });
      const r = await t.req('POST', `/api/v1/conversations/${conversationId}/draft-answer`, { cookie: agent });
      assert.equal(r.statusCode, 200, r.body);
      const d = r.json();
      assert.equal(d.text, 'We are open 9 to 5.');
      const req = fake.seen.at(-1)!;
      assert.equal(req.auth, 'Bearer sk-test-not-logged');
      assert.equal(req.body.model, 'tiny-model');
      assert.match(req.body.messages[1]!.content, /opening hours/);
      assert.ok(d.sources.length >= 1, 'the knowledge base had something to say');
      for (const s of d.sources) assert.ok(req.body.messages[0]!.content.includes(s.title), `source "${s.title}" was given to the model`);
      assert.ok(!JSON.stringify(d).includes('sk-test'), 'the key never comes back');
    });

    test('the endpoint failing, answering garbage or too slowly: 503 saying what failed, nothing of its body', async () => {
      for (const [answer, why] of [['error', /HTTP 500/], ['garbage', /not JSON/], ['slow', /no answer within 1 s/]] as const) {
        fake.mode.answer = answer;
        const r = await t.req('POST', `/api/v1/conversations/${conversationId}/draft-answer`, { cookie: agent });
        assert.equal(r.statusCode, 503, `${answer}: ${r.body}`);
        assert.match(r.json().error.message, why);
        assert.ok(!r.body.includes('/secret/path'));
      }
      fake.mode.answer = 'ok';
    });

    test('unknown conversation 404; without DRAFT_AI_URL it is off and says how to turn it on', async () => {
      assert.equal((await t.req('POST', `/api/v1/conversations/${randomUUID()}/draft-answer`, { cookie: agent })).statusCode, 404);
      const offAgent = await off.login(demo.alex);
      assert.deepEqual((await off.req('GET', '/api/v1/kb-assist', { cookie: offAgent })).json(), { drafting: false });
      const conv = await off.server.database.db.selectFrom('conversations').select('id').executeTakeFirstOrThrow();
      const r = await off.req('POST', `/api/v1/conversations/${conv.id}/draft-answer`, { cookie: offAgent });
      assert.equal(r.statusCode, 503);
      assert.match(r.json().error.message, /DRAFT_AI_URL/);
    });
  });
}
