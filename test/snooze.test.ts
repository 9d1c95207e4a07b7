import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import { wakeSnoozed } from '../src/core/conversations/snooze.ts';
import { createUnitOfWork } from '../src/storage/repos.ts';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

for (const kind of await dbKinds()) {
  describe(`snoozed conversations wake on time on ${kind}`, () => {
    let t: TestServer;
    let current = new Date();
    const clock = { now: () => current };
    before(async () => {
      t = await startTestServer(kind, { clock });
    });
    after(() => t.close());

    test('a snoozed conversation opens again when its time comes, with an event; others wait', async () => {
      const admin = await t.login(demo.admin);
      const inbox = await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Snooze inbox', channel: 'api' } });
      const conv = async (value: string) => {
        const r = await t.req('POST', `/api/v1/inboxes/${inbox.json().id}/messages`, { cookie: admin, body: { from: { kind: 'email', value }, text: 'hi' } });
        assert.equal(r.statusCode, 201, r.body);
        return r.json().conversation.id as string;
      };
      const soon = await conv('soon@snooze.example');
      const later = await conv('later@snooze.example');
      const snooze = async (id: string, minutes: number) => {
        const r = await t.req('PATCH', `/api/v1/conversations/${id}`, {
          cookie: admin,
          body: { status: 'snoozed', snoozedUntil: new Date(current.getTime() + minutes * 60_000).toISOString() },
        });
        assert.equal(r.statusCode, 200, r.body);
      };
      await snooze(soon, 10);
      await snooze(later, 120);
      const deps = { uow: createUnitOfWork(t.server.database.db, () => t.server.dispatcher.poke()), clock, newId: uuidv7 };
      const status = async (id: string) => (await t.req('GET', `/api/v1/conversations/${id}`, { cookie: admin })).json().status as string;

      assert.equal(await wakeSnoozed(deps), 0, 'nothing is due yet');
      current = new Date(current.getTime() + 11 * 60_000);
      assert.equal(await wakeSnoozed(deps), 1);
      assert.equal(await status(soon), 'open');
      assert.equal(await status(later), 'snoozed');
      const events = (await t.req('GET', '/api/v1/events?type=conversation.status_changed&limit=1000', { cookie: admin })).json().items as { aggregateId: string; payload: { reason?: string } }[];
      assert.ok(events.some((e) => e.aggregateId === soon && e.payload.reason === 'snooze_ended'));
      assert.equal(await wakeSnoozed(deps), 0, 'waking is done once');
    });
  });
}
