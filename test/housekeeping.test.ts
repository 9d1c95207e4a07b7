import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { housekeeping } from '../src/jobs/housekeeping.ts';
import { createRepos } from '../src/storage/repos.ts';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

const DAY = 86_400_000;

for (const kind of await dbKinds()) {
  describe(`housekeeping on ${kind}`, () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer(kind);
    });
    after(() => t.close());

    test('removes what has served its purpose and keeps the rest, events and audit untouched', async () => {
      const db = t.server.database.db;
      const r = createRepos(db);
      const now = new Date();
      const old = new Date(now.getTime() - 40 * DAY);
      const admin = await t.login(demo.admin);
      await t.req('POST', '/api/v1/teams', { cookie: admin, body: { name: 'Housekeeping' }, headers: { 'idempotency-key': 'housekeeping-key-1' } });
      await t.server.dispatcher.drain();
      // Age some rows by hand: one delivered outbox row, the idempotency key, a login window, a session.
      const someOutbox = await db.selectFrom('outbox').select('id').where('delivered_at', 'is not', null).executeTakeFirstOrThrow();
      await db.updateTable('outbox').set({ delivered_at: old }).where('id', '=', someOutbox.id).execute();
      await db.updateTable('idempotency_keys').set({ created_at: old }).execute();
      await r.loginAttempts.addFailure('192.0.2.1', old);
      await r.loginAttempts.addFailure('192.0.2.2', new Date(Math.floor(now.getTime() / 60_000) * 60_000));
      const sessions = await db.selectFrom('sessions').select('id').execute();
      await db.updateTable('sessions').set({ expires_at: old }).where('id', '=', sessions[0]!.id).execute();
      const eventsBefore = (await db.selectFrom('events').select('id').execute()).length;
      const auditBefore = (await db.selectFrom('audit_log').select('id').execute()).length;

      const removed = await housekeeping(db, now);
      assert.deepEqual(removed, { deliveredOutboxMs: 1, idempotencyKeysMs: 1, loginWindowsMs: 1, endedSessionsMs: 1 });
      assert.equal((await db.selectFrom('sessions').select('id').execute()).length, sessions.length - 1);
      assert.equal(await r.loginAttempts.failures('192.0.2.2', new Date(Math.floor(now.getTime() / 60_000) * 60_000)), 1);
      assert.equal((await db.selectFrom('events').select('id').execute()).length, eventsBefore);
      assert.equal((await db.selectFrom('audit_log').select('id').execute()).length, auditBefore);
      assert.deepEqual(await housekeeping(db, now), { deliveredOutboxMs: 0, idempotencyKeysMs: 0, loginWindowsMs: 0, endedSessionsMs: 0 });
    });
  });
}
