import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

for (const kind of await dbKinds()) {
  describe(`smoke on ${kind}`, () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer(kind);
    });
    after(() => t.close());

    test('admin signs in and lists users', async () => {
      const cookie = await t.login(demo.admin);
      const res = await t.req('GET', '/api/v1/users?limit=10', { cookie });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().items.length, 6, 'the six demo people');
    });
  });
}
