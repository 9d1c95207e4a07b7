import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

for (const kind of await dbKinds()) {
  describe(`Idempotency-Key on ${kind}`, () => {
    let t: TestServer;
    let admin = '';
    const teamsNamed = async (name: string) =>
      t.server.database.db.selectFrom('teams').select(['id', 'name']).where('name', '=', name).execute();
    const post = (key: string, body: unknown, cookie = admin) =>
      t.req('POST', '/api/v1/teams', { cookie, body, headers: { 'idempotency-key': key } });

    before(async () => {
      t = await startTestServer(kind);
      admin = await t.login(demo.admin);
    });
    after(() => t?.close());

    test('a repeat gets the same status and body, marked replayed, and creates nothing more', async () => {
      const key = 'create-team-0001';
      const body = { name: 'Idem Team', description: 'once' };
      const first = await post(key, body);
      assert.equal(first.statusCode, 201, first.body);
      assert.equal(first.headers['idempotent-replayed'], undefined);
      const second = await post(key, body);
      assert.equal(second.statusCode, 201, second.body);
      assert.equal(second.headers['idempotent-replayed'], 'true');
      assert.match(String(second.headers['content-type']), /application\/json/);
      assert.deepEqual(second.json(), first.json());
      const third = await post(key, body);
      assert.equal(third.statusCode, 201);
      assert.deepEqual(third.json(), first.json());
      assert.equal((await teamsNamed('Idem Team')).length, 1, 'only one team exists');
      const events = await t.server.database.db.selectFrom('events').select('id').where('type', '=', 'team.created').where('aggregate_id', '=', first.json().id).execute();
      assert.equal(events.length, 1, 'one team.created event');
    });

    test('the same key with a different body is a 409 and changes nothing', async () => {
      const key = 'create-team-0002';
      assert.equal((await post(key, { name: 'Idem Two' })).statusCode, 201);
      const other = await post(key, { name: 'Idem Two Other' });
      assert.equal(other.statusCode, 409, other.body);
      assert.equal(other.json().error.code, 'conflict');
      assert.equal(other.headers['idempotent-replayed'], undefined);
      assert.equal((await teamsNamed('Idem Two Other')).length, 0);
      // The key still replays its own request.
      const again = await post(key, { name: 'Idem Two' });
      assert.equal(again.statusCode, 201);
      assert.equal(again.headers['idempotent-replayed'], 'true');
    });

    test('a failed request frees its key', async () => {
      const key = 'create-team-0003';
      const dup = await post(key, { name: 'Support' });
      assert.equal(dup.statusCode, 409, dup.body);
      assert.equal((await teamsNamed('Support')).length, 1);
      // Retrying the failed request runs it again (not a replay of the failure)...
      const retry = await post(key, { name: 'Support' });
      assert.equal(retry.statusCode, 409);
      assert.equal(retry.headers['idempotent-replayed'], undefined);
      // ...and the key may be used for a corrected request.
      const fixed = await post(key, { name: 'Idem Three' });
      assert.equal(fixed.statusCode, 201, fixed.body);
      assert.equal(fixed.headers['idempotent-replayed'], undefined);
      assert.equal((await teamsNamed('Idem Three')).length, 1);
    });

    test('a key is scoped to its caller: another user with the same key runs their own request', async () => {
      const token = (await t.req('POST', '/api/v1/tokens', { cookie: admin, body: { name: 'idem', scope: 'admin' } })).json().secret as string;
      const key = 'create-team-0004';
      assert.equal((await post(key, { name: 'Idem Four' })).statusCode, 201);
      const viaToken = await t.req('POST', '/api/v1/teams', { token, body: { name: 'Idem Four B' }, headers: { 'idempotency-key': key } });
      assert.equal(viaToken.statusCode, 201, viaToken.body);
      assert.equal(viaToken.headers['idempotent-replayed'], undefined);
      assert.equal((await teamsNamed('Idem Four B')).length, 1);
    });

    test('a key of the wrong format is a 400 and the request does not run', async () => {
      for (const key of ['short', 'has spaces in it', 'x'.repeat(201), 'emoji-🙂-key']) {
        const res = await post(key, { name: 'Never Made' });
        assert.equal(res.statusCode, 400, `${key}: ${res.body}`);
        assert.equal(res.json().error.code, 'invalid');
        assert.ok((res.json().error.details as { path: string }[]).some((d) => d.path === 'Idempotency-Key'));
      }
      assert.equal((await teamsNamed('Never Made')).length, 0);
    });

    test('without a key, two identical posts are two requests', async () => {
      const a = await t.req('POST', '/api/v1/teams', { cookie: admin, body: { name: 'No Key' } });
      const b = await t.req('POST', '/api/v1/teams', { cookie: admin, body: { name: 'No Key' } });
      assert.equal(a.statusCode, 201);
      assert.equal(b.statusCode, 409);
    });
  });
}
