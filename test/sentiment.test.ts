/**
 * Sentiment (issue 8): inbound messages are scored when written (single and batched intake), the
 * score is stored and carried by message.created; a conversation's trend is readable; a sharp
 * drop alerts the supervisor once and raises the waiting task's priority.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';
import { demoChatInbox, sendMsg, sessionOk } from './widget-helpers.ts';
import { scoreSentiment } from '../src/core/sentiment/index.ts';

interface EventJson { type: string; aggregateId: string; topics: string[]; payload: Record<string, unknown> }
const unknownId = '0190a000-0000-7000-8000-000000000000';

for (const kind of await dbKinds()) {
  describe(`sentiment on ${kind}`, () => {
    let t: TestServer;
    let admin = '';
    let agent = '';
    let apiInbox = '';
    let phone = 0;
    const newPhone = () => `+44 20 7946 ${String(5000 + ++phone)}`;

    before(async () => {
      t = await startTestServer(kind);
      admin = await t.login(demo.admin);
      agent = await t.login(demo.alex);
      const res = await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Sentiment API', channel: 'api' } });
      assert.equal(res.statusCode, 201, res.body);
      apiInbox = res.json().id;
    });
    after(() => t?.close());

    const events = async (type: string) =>
      (await t.req('GET', `/api/v1/events?type=${type}&limit=1000`, { cookie: admin })).json().items as EventJson[];
    const stored = async (messageId: string) =>
      (await t.server.database.db.selectFrom('messages').select('sentiment').where('id', '=', messageId).executeTakeFirstOrThrow()).sentiment;
    const say = async (from: string, text: string) => {
      const res = await t.req('POST', `/api/v1/inboxes/${apiInbox}/messages`, { cookie: agent, body: { from: { kind: 'phone', value: from }, text } });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as { conversation: { id: string }; message: { id: string; seq: number } };
    };
    const until = async <T>(what: string, fn: () => Promise<T | undefined | false>, ms = 8000): Promise<T> => {
      const end = Date.now() + ms;
      for (;;) {
        const v = await fn();
        if (v) return v;
        if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    test('API intake: the inbound message gets its score stored and in the message.created event', async () => {
      const text = 'The parcel arrived broken and nobody answers. Terrible service!';
      const expected = scoreSentiment(text).score;
      assert.ok(expected < -0.5);
      const r = await say(newPhone(), text);
      assert.ok(Math.abs(Number(await stored(r.message.id)) - expected) < 1e-3, 'stored on the row');
      const ev = (await events('message.created')).find((e) => e.aggregateId === r.message.id);
      assert.equal(ev?.payload.sentiment, expected, 'the event carries the score (3 decimals)');
      const neutral = await say(newPhone(), 'What time do you open on Saturday?');
      assert.equal(Number(await stored(neutral.message.id)), 0);
      const welsh = await say(newPhone(), "Diolch yn fawr, mae'r gwasanaeth yn wych");
      assert.ok(Number(await stored(welsh.message.id)) > 0.5, 'Welsh detected and scored');
    });

    test('batched widget intake: every message of a batch is scored and its event carries the score', async () => {
      const inbox = await demoChatInbox(t, admin);
      const v = await sessionOk(t, inbox.id, { prechat: { name: 'Sian' } });
      const first = await sendMsg(t, v.token, { clientId: randomUUID(), text: 'hello' });
      assert.equal(first.statusCode, 201, first.body);
      const texts = ['Dziękuję, wszystko działa świetnie', 'To jest fatalna obsługa', '谢谢，服务很好', 'बहुत घटिया सेवा'];
      const res = await Promise.all(texts.map((text) => sendMsg(t, v.token, { clientId: randomUUID(), text })));
      // Batched intake answers before its events are numbered (decision 016, amendment): number them.
      await t.server.dispatcher.drain();
      const msgEvents = await events('message.created');
      for (const [i, r] of res.entries()) {
        assert.equal(r.statusCode, 201, r.body);
        const id = r.json().messageId as string;
        const expected = scoreSentiment(texts[i]!).score;
        assert.ok(Math.abs(Number(await stored(id)) - expected) < 1e-3, texts[i]);
        assert.equal(msgEvents.find((e) => e.aggregateId === id)?.payload.sentiment, expected, texts[i]);
      }
    });

    test('GET /conversations/:id/sentiment: points of inbound messages in order, trend and direction; 404 and 400', async () => {
      const from = newPhone();
      const a = await say(from, 'Thanks, great service');
      const note = await t.req('POST', `/api/v1/conversations/${a.conversation.id}/messages`, { cookie: agent, body: { kind: 'note', text: 'Terrible weather today, awful' } });
      assert.equal(note.statusCode, 201, note.body);
      await say(from, 'Actually the app is useless and I am very angry');
      const res = await t.req('GET', `/api/v1/conversations/${a.conversation.id}/sentiment`, { cookie: agent });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.equal(body.points.length, 2, 'only inbound messages');
      assert.deepEqual(body.points.map((p: { seq: number }) => p.seq), [1, 3]);
      assert.ok(body.points[0].score > 0 && body.points[1].score < 0);
      assert.equal(body.trend.count, 2);
      assert.equal(body.trend.lastThirdMean, body.points[1].score);
      assert.equal(body.direction, 'falling');
      assert.equal((await t.req('GET', `/api/v1/conversations/${unknownId}/sentiment`, { cookie: agent })).statusCode, 404);
      const bad = await t.req('GET', '/api/v1/conversations/not-an-id/sentiment', { cookie: agent });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.equal((await t.req('GET', `/api/v1/conversations/${a.conversation.id}/sentiment`)).statusCode, 401);
    });

    test('sharp drop: one alert on the wallboard topic, the waiting task\'s priority raised once', async () => {
      const from = newPhone();
      const first = await say(from, 'Hi, thanks, the new plan looks great');
      const conv = first.conversation.id;
      const db = t.server.database.db;
      const task = await until('the routing task', async () =>
        db.selectFrom('routing_tasks').select(['id', 'priority', 'status']).where('source_id', '=', conv).executeTakeFirst());
      assert.ok(['queued', 'offered'].includes(task.status), task.status);
      await say(from, 'Lovely, happy with it so far');
      await say(from, 'Wait, I was charged twice. This is unacceptable, terrible!');
      const drop = await until('the drop alert', async () => (await events('conversation.sentiment_dropped')).find((e) => e.aggregateId === conv));
      assert.ok(drop.topics.includes('wallboard'), 'the supervisor sees it');
      assert.equal(drop.payload.conversationId, conv);
      assert.equal(drop.payload.seq, 3);
      assert.ok(Number(drop.payload.lastThirdMean) < -0.25 && Number(drop.payload.from) > 0.25, JSON.stringify(drop.payload));
      const raised = await until('the raised priority', async () => {
        const row = await db.selectFrom('routing_tasks').select('priority').where('id', '=', task.id).executeTakeFirstOrThrow();
        return row.priority > task.priority && row;
      });
      assert.equal(raised.priority, Math.min(100, task.priority + 25));
      assert.ok((await events('task.priority_raised')).some((e) => e.aggregateId === task.id && e.payload.reason === 'sentiment_drop'));

      // Still bad: no second alert for the same drop.
      const more = await say(from, 'Still awful, I am furious');
      const res = await t.req('GET', `/api/v1/conversations/${conv}/sentiment`, { cookie: agent });
      assert.equal(res.json().sharpDrop, true);
      await new Promise((r) => setTimeout(r, 500));
      assert.equal((await events('conversation.sentiment_dropped')).filter((e) => e.aggregateId === conv).length, 1, `one alert (last message seq ${more.message.seq})`);
      const after = await db.selectFrom('routing_tasks').select('priority').where('id', '=', task.id).executeTakeFirstOrThrow();
      assert.equal(after.priority, raised.priority, 'raised once');
    });
  });
}
