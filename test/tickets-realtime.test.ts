/** Per-team ticket visibility on the websocket: `ticket:<id>` only for tickets the user may see; note texts never on `tenant`. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';
import { sleep, wsClient, type Client } from './helpers/ws.ts';

for (const kind of await dbKinds()) {
  describe(`ticket topics on the websocket on ${kind}`, () => {
    let t: TestServer;
    let wsUrl = '';
    const open: Client[] = [];
    const socket = async (cookie: string) => {
      const c = wsClient(wsUrl, { cookie });
      open.push(c);
      await c.opened;
      return c;
    };

    before(async () => {
      t = await startTestServer(kind, { listen: true });
      wsUrl = `${t.server.url!.replace(/^http/, 'ws')}/ws`;
    });
    after(async () => {
      for (const c of open) c.close();
      await t.close();
    });

    test('an agent may not follow another team’s ticket; its own team’s and a followed one are fine; supervisors follow any', async () => {
      const sup = await t.login(demo.supervisor);
      const alex = await t.login(demo.alex);
      const teams = (await t.req('GET', '/api/v1/teams?limit=50', { cookie: sup })).json().items as { id: string; name: string }[];
      const sales = teams.find((x) => x.name === 'Sales')!.id;
      const support = teams.find((x) => x.name === 'Support')!.id;
      const mk = async (body: Record<string, unknown>) => (await t.req('POST', '/api/v1/tickets', { cookie: sup, body })).json() as { id: string };
      const hidden = await mk({ subject: 'Sales secret', teamId: sales });
      const own = await mk({ subject: 'Support thing', teamId: support });

      const a = await socket(alex);
      a.send({ type: 'subscribe', topics: [`ticket:${hidden.id}`] });
      const denied = await a.next((f) => f.type === 'error' || f.type === 'subscribed', 'answer');
      assert.equal(denied.type, 'error');
      assert.equal(denied.code, 'forbidden');
      a.send({ type: 'subscribe', topics: [`ticket:${own.id}`, 'tenant'] });
      const ok = await a.next((f) => f.type === 'subscribed', 'subscribed', 5000, a.frames.length);
      assert.ok(ok.topics?.includes(`ticket:${own.id}`));
      a.send({ type: 'subscribe', topics: ['ticket:not-a-uuid'] });
      assert.equal((await a.next((f) => f.type === 'error', 'error', 5000, a.frames.length)).code, 'forbidden');

      // A note on the hidden ticket reaches the supervisor following it, never Alex's `tenant` subscription.
      const s = await socket(sup);
      s.send({ type: 'subscribe', topics: [`ticket:${hidden.id}`] });
      await s.next((f) => f.type === 'subscribed', 'subscribed');
      const before = a.frames.length;
      assert.equal((await t.req('POST', `/api/v1/tickets/${hidden.id}/comments`, { cookie: sup, body: { text: 'the price is 42' } })).statusCode, 201);
      await s.next((f) => f.type === 'event' && f.event?.type === 'ticket.comment_added', 'note event');
      await sleep(300);
      assert.ok(!a.frames.slice(before).some((f) => f.event?.type === 'ticket.comment_added'), 'alex must not get the note');

      // Once Alex follows the ticket, he may subscribe.
      assert.equal((await t.req('PUT', `/api/v1/tickets/${hidden.id}/followers/${(await t.req('GET', '/api/v1/auth/me', { cookie: alex })).json().user.id}`, { cookie: sup })).statusCode, 204);
      a.send({ type: 'subscribe', topics: [`ticket:${hidden.id}`] });
      const now = await a.next((f) => f.type === 'subscribed' && !!f.topics?.includes(`ticket:${hidden.id}`), 'subscribed after following', 5000, before);
      assert.ok(now);
    });

    test('on `tenant`, an agent gets another team’s ticket events without their payload; the supervisor gets them whole', async () => {
      const sup = await t.login(demo.supervisor);
      const alex = await t.login(demo.alex);
      const teams = (await t.req('GET', '/api/v1/teams?limit=50', { cookie: sup })).json().items as { id: string; name: string }[];
      const sales = teams.find((x) => x.name === 'Sales')!.id;
      const support = teams.find((x) => x.name === 'Support')!.id;
      const a = await socket(alex);
      const s = await socket(sup);
      for (const c of [a, s]) {
        c.send({ type: 'subscribe', topics: ['tenant'] });
        await c.next((f) => f.type === 'subscribed', 'subscribed');
      }
      const fromA = a.frames.length;
      const hidden = (await t.req('POST', '/api/v1/tickets', { cookie: sup, body: { subject: 'Quarterly price list for Sales only', teamId: sales } })).json() as { id: string };
      const own = (await t.req('POST', '/api/v1/tickets', { cookie: sup, body: { subject: 'Support printer jam', teamId: support } })).json() as { id: string };
      const isCreated = (id: string) => (f: { type: string; event?: { type: string; aggregateId: string } }) => f.type === 'event' && f.event?.type === 'ticket.created' && f.event.aggregateId === id;
      const supSees = await s.next(isCreated(hidden.id), 'supervisor gets the hidden ticket');
      assert.equal((supSees.event!.payload as { subject?: string }).subject, 'Quarterly price list for Sales only');
      const alexHidden = await a.next(isCreated(hidden.id), 'alex gets a bare event', 5000, fromA);
      assert.deepEqual(alexHidden.event!.payload, { redacted: true });
      assert.ok(!JSON.stringify(a.frames.slice(fromA)).includes('Quarterly price list'), 'the subject never reaches alex');
      // Events of tickets Alex may see are still redacted on `tenant` (he learns details from the ticket topic or the API).
      const alexOwn = await a.next(isCreated(own.id), 'alex gets his team’s ticket event', 5000, fromA);
      assert.equal(alexOwn.event!.aggregateId, own.id);
    });
  });
}
