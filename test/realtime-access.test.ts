/**
 * A socket lives no longer than the access it was opened with: signing out, revoking the
 * session from another one, changing the password, deactivating the user and revoking an API
 * token each close it (code 4001), through the event bus, so on every node.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbKinds } from './helpers/db.ts';
import { demo, DEMO_PASSWORD, startTestServer, type TestServer } from './helpers/server.ts';
import { sleep, wsClient, type Client } from './helpers/ws.ts';

const closedWithin = (c: Client, ms: number) => Promise.race([c.closed, sleep(ms).then(() => 'still open' as const)]);

for (const kind of await dbKinds()) {
  describe(`socket access ends with the credential on ${kind}`, () => {
    let t: TestServer;
    let wsUrl: string;
    let admin: string;
    const open: Client[] = [];
    const socket = async (headers: Record<string, string>) => {
      const c = wsClient(wsUrl, headers);
      open.push(c);
      await c.opened;
      c.send({ type: 'ping' });
      await c.next((f) => f.type === 'pong', 'pong');
      return c;
    };
    const sessionIdOf = async (cookie: string) => {
      const res = await t.req('GET', '/api/v1/me/sessions', { cookie });
      return (res.json().items as { id: string; current: boolean }[]).find((s) => s.current)!.id;
    };

    before(async () => {
      t = await startTestServer(kind, { listen: true });
      wsUrl = `${t.server.url!.replace(/^http/, 'ws')}/ws`;
      admin = await t.login(demo.admin);
    });
    after(async () => {
      for (const c of open) c.close();
      await t.close();
    });

    test('signing out closes that session’s socket and no other', async () => {
      const mine = await t.login(demo.alex);
      const other = await t.login(demo.alex);
      const a = await socket({ cookie: mine });
      const b = await socket({ cookie: other });
      assert.equal((await t.req('POST', '/api/v1/auth/logout', { cookie: mine, body: {} })).statusCode, 204);
      assert.equal(await closedWithin(a, 5000), 4001);
      assert.equal(await closedWithin(b, 300), 'still open');
    });

    test('revoking a session from another one closes its socket', async () => {
      const phone = await t.login(demo.priya);
      const laptop = await t.login(demo.priya);
      const s = await socket({ cookie: phone });
      const id = await sessionIdOf(phone);
      assert.equal((await t.req('DELETE', `/api/v1/me/sessions/${id}`, { cookie: laptop })).statusCode, 204);
      assert.equal(await closedWithin(s, 5000), 4001);
    });

    test('changing the password closes the other sessions’ sockets, not this one', async () => {
      const here = await t.login(demo.wen);
      const there = await t.login(demo.wen);
      const keep = await socket({ cookie: here });
      const drop = await socket({ cookie: there });
      const res = await t.req('POST', '/api/v1/me/password', { cookie: here, body: { currentPassword: DEMO_PASSWORD, newPassword: 'another-long-password' } });
      assert.equal(res.statusCode, 204, res.body);
      assert.equal(await closedWithin(drop, 5000), 4001);
      assert.equal(await closedWithin(keep, 300), 'still open');
    });

    test('deactivating a user closes their sockets', async () => {
      const sup = await t.login(demo.supervisor);
      const s = await socket({ cookie: sup });
      const me = (await t.req('GET', '/api/v1/auth/me', { cookie: sup })).json().user.id as string;
      const res = await t.req('PATCH', `/api/v1/users/${me}`, { cookie: admin, body: { active: false } });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(await closedWithin(s, 5000), 4001);
    });

    test('revoking an API token closes the sockets opened with it', async () => {
      const created = await t.req('POST', '/api/v1/tokens', { cookie: admin, body: { name: 'wallboard screen', scope: 'read' } });
      assert.equal(created.statusCode, 201, created.body);
      const { token, secret } = created.json() as { token: { id: string }; secret: string };
      const s = await socket({ authorization: `Bearer ${secret}` });
      const adminSocket = await socket({ cookie: admin });
      assert.equal((await t.req('DELETE', `/api/v1/tokens/${token.id}`, { cookie: admin })).statusCode, 204);
      assert.equal(await closedWithin(s, 5000), 4001);
      assert.equal(await closedWithin(adminSocket, 300), 'still open');
    });
  });
}
