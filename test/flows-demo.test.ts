import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';
import { demoChatInbox, sendMsg, sessionOk, W } from './widget-helpers.ts';

/**
 * Issue 7's "done when", on the demo workspace as seeded: a visitor asks in Welsh what time the shop
 * opens and the bot answers with the opening-hours article; a visitor asks for a refund in Chinese,
 * is not helped, and is handed to a person (Billing) who sees the transcript.
 */

interface WMsg { seq: number; direction: 'inbound' | 'outbound'; text: string }

async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

for (const kind of await dbKinds()) {
  describe(`demo bot "Shop assistant" (${kind})`, () => {
    let t: TestServer;
    let admin = '';
    let inboxId = '';
    let tenantId = '';

    const history = async (token: string) => (await t.req('GET', `${W}/messages`, { token })).json().messages as WMsg[];
    const say = async (token: string, text: string) => {
      const r = await sendMsg(t, token, { clientId: `c-${Math.random()}`, text });
      assert.ok(r.statusCode === 201 || r.statusCode === 200, r.body);
      return r.json() as { conversationId: string; seq: number };
    };
    const botAfter = (token: string, seq: number, count = 1) =>
      waitFor(`the bot's answer after seq ${seq}`, async () => {
        await t.server.flows.idle();
        const out = (await history(token)).filter((m) => m.direction === 'outbound' && m.seq > seq);
        return out.length >= count ? out : null;
      });
    const metadataOf = async (conversationId: string) =>
      (await t.server.database.db.selectFrom('messages').select(['seq', 'metadata', 'direction']).where('conversation_id', '=', conversationId).orderBy('seq').execute()).map((m) => ({ ...m, metadata: m.metadata as { kind?: string; articleId?: string } | null }));

    before(async () => {
      t = await startTestServer(kind, { flows: true, env: { ROUTING: 'true' } });
      admin = await t.login(demo.admin);
      inboxId = (await demoChatInbox(t, admin)).id;
      tenantId = (await t.server.database.db.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id;
    });
    after(() => t?.close());

    test('the demo chat inbox runs the published "Shop assistant" with five intents', async () => {
      const a = (await t.req('GET', '/api/v1/flow-assignments', { cookie: admin })).json().items as { inboxId: string; flowName: string | null }[];
      assert.equal(a.find((x) => x.inboxId === inboxId)?.flowName, 'Shop assistant');
      const intents = (await t.req('GET', '/api/v1/flow-intents', { cookie: admin })).json().items as { name: string }[];
      assert.deepEqual(intents.map((i) => i.name).sort(), ['delivery', 'human', 'opening_hours', 'payment', 'returns']);
    });

    test('Welsh: "what time do you open?" gets the opening-hours article, in Welsh', async () => {
      const v = await sessionOk(t, inboxId, { language: 'cy' });
      const q = await say(v.token, "Faint o'r gloch ydych chi'n agor?");
      const out = await botAfter(v.token, q.seq, 3);
      const text = out.map((m) => m.text).join('\n');
      assert.match(text, /Helo, fi yw cynorthwyydd y siop/, 'greeted in Welsh');
      assert.match(text, /Oriau agor/, `the Welsh opening-hours article: ${text}`);
      assert.match(text, /9 y bore/);
      const article = (await metadataOf(q.conversationId)).find((m) => m.metadata?.kind === 'article');
      const kb = await t.server.database.db.selectFrom('kb_translations').select(['article_id', 'title']).where('language', '=', 'cy').where('title', 'like', 'Oriau agor y siop%').executeTakeFirstOrThrow();
      assert.equal(article?.metadata?.articleId, kb.article_id);
    });

    test('Chinese: a refund request the bot cannot settle is handed to Billing with the transcript', async () => {
      const v = await sessionOk(t, inboxId, { language: 'zh-Hans' });
      const q = await say(v.token, '我想申请退款，商品有质量问题');
      const first = await botAfter(v.token, q.seq);
      const asked = (await metadataOf(q.conversationId)).some((m) => m.metadata?.kind === 'choices');
      if (asked) {
        // The bot offered an article and asks whether it answered the question: no.
        const no = await say(v.token, '没有');
        await botAfter(v.token, no.seq);
      } else assert.ok(first.length > 0);
      const task = await waitFor('the routing task', async () => {
        await t.server.routing!.settle(tenantId);
        return t.server.database.db.selectFrom('routing_tasks').selectAll().where('source_id', '=', q.conversationId).executeTakeFirst();
      });
      const billing = await t.server.database.db.selectFrom('routing_queues').select('id').where('name', '=', 'Billing').executeTakeFirstOrThrow();
      assert.equal(task.queue_id, billing.id, 'refunds go to Billing');
      const attrs = task.attributes as Record<string, unknown>;
      assert.equal(attrs.intent, 'returns');
      assert.equal(attrs.language, 'zh-Hans');
      assert.equal(attrs['flow.question'], '我想申请退款，商品有质量问题');
      // What the agent sees in the conversation: the bot's note with the transcript.
      const msgs = (await t.req('GET', `/api/v1/conversations/${q.conversationId}/messages?limit=100`, { cookie: admin })).json().items as { direction: string; text: string }[];
      const note = msgs.find((m) => m.direction === 'note');
      assert.ok(note, 'a note for the agent');
      assert.match(note.text, /Customer: 我想申请退款，商品有质量问题/);
      assert.match(note.text, /Intent: returns/);
      assert.match(note.text, /Bot: /);
    });

    test('Polish: a payment problem the bot cannot settle goes through the routing workflow to the Polish billing agent', async () => {
      const v = await sessionOk(t, inboxId, { language: 'pl' });
      const q = await say(v.token, 'Moja karta została odrzucona, a pieniądze zniknęły z konta');
      await botAfter(v.token, q.seq);
      if ((await metadataOf(q.conversationId)).some((m) => m.metadata?.kind === 'choices')) {
        const no = await say(v.token, 'Nie');
        await botAfter(v.token, no.seq);
      }
      const task = await waitFor('the routing task', async () => {
        await t.server.routing!.settle(tenantId);
        return t.server.database.db.selectFrom('routing_tasks').selectAll().where('source_id', '=', q.conversationId).executeTakeFirst();
      });
      // The hand-over names no queue: the workflow's "Billing in Polish" rule places it.
      assert.equal(task.rule_id, 'billing-pl');
      const attrs = task.attributes as Record<string, unknown>;
      assert.equal(attrs.intent, 'payment');
      assert.equal(attrs.language, 'pl');
      const kasia = await t.server.database.db.selectFrom('users').select('id').where('email', '=', 'kasia@demo.example').executeTakeFirstOrThrow();
      const offer = await waitFor('the offer', async () => {
        await t.server.routing!.settle(tenantId);
        return t.server.database.db.selectFrom('routing_offers').select(['user_id', 'status']).where('task_id', '=', task.id).executeTakeFirst();
      });
      assert.deepEqual(offer, { user_id: kasia.id, status: 'pending' });
    });
  });
}
