import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

interface TokenJson { id: string; name: string; scope: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }

for (const kind of await dbKinds()) {
  describe(`API tokens on ${kind}`, () => {
    let t: TestServer;
    let admin = '';
    const create = async (name: string, scope: 'read' | 'write' | 'admin', cookie = admin) => {
      const res = await t.req('POST', '/api/v1/tokens', { cookie, body: { name, scope } });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as { token: TokenJson; secret: string };
    };

    before(async () => {
      t = await startTestServer(kind);
      admin = await t.login(demo.admin);
    });
    after(() => t?.close());

    test('an admin creates a token: 201, the secret once, and lists never show it', async () => {
      const res = await t.req('POST', '/api/v1/tokens', { cookie: admin, body: { name: 'CI export', scope: 'read' } });
      assert.equal(res.statusCode, 201, res.body);
      const { token, secret } = res.json() as { token: TokenJson; secret: string };
      assert.match(secret, /^sbt_[A-Za-z0-9_-]{20,}$/);
      assert.equal(token.name, 'CI export');
      assert.equal(token.scope, 'read');
      assert.equal(token.lastUsedAt, null);
      assert.equal(token.revokedAt, null);
      const list = await t.req('GET', '/api/v1/tokens', { cookie: admin });
      assert.equal(list.statusCode, 200);
      assert.ok((list.json().items as TokenJson[]).some((x) => x.id === token.id));
      assert.ok(!list.body.includes(secret), 'the list does not show the secret');
      assert.ok(!list.body.includes(secret.slice(4)), 'nor its body');
      assert.ok(!/secret|hash/i.test(list.body), 'no secret or hash field');
      const bad = await t.req('POST', '/api/v1/tokens', { cookie: admin, body: { name: '', scope: 'root' } });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual((bad.json().error.details as { path: string }[]).map((d) => d.path).sort(), ['name', 'scope']);
    });

    test('Bearer auth works and records lastUsedAt', async () => {
      const { token, secret } = await create('bearer', 'read');
      const me = await t.req('GET', '/api/v1/auth/me', { token: secret });
      assert.equal(me.statusCode, 200, me.body);
      assert.equal(me.json().user.email, demo.admin);
      const perms = me.json().permissions as string[];
      assert.ok(perms.includes('users.read') && !perms.includes('teams.manage'), 'a read token narrows the admin');
      const listed = (await t.req('GET', '/api/v1/tokens', { cookie: admin })).json().items as TokenJson[];
      const row = listed.find((x) => x.id === token.id)!;
      assert.ok(row.lastUsedAt, 'lastUsedAt is set');
      assert.ok(Math.abs(Date.parse(row.lastUsedAt) - Date.now()) < 60_000);
      // Also accepted with a lower-case scheme.
      const lower = await t.req('GET', '/api/v1/users', { headers: { authorization: `bearer ${secret}` } });
      assert.equal(lower.statusCode, 200);
    });

    test('a read token reads but cannot write', async () => {
      const { secret } = await create('reader', 'read');
      const users = await t.req('GET', '/api/v1/users', { token: secret });
      assert.equal(users.statusCode, 200);
      assert.ok(users.json().items.length >= 5);
      const team = await t.req('POST', '/api/v1/teams', { token: secret, body: { name: 'From read token' } });
      assert.equal(team.statusCode, 403, team.body);
      assert.equal(team.json().error.code, 'forbidden');
      assert.equal((await t.req('POST', '/api/v1/tokens', { token: secret, body: { name: 'escalate', scope: 'admin' } })).statusCode, 403);
      const rows = await t.server.database.db.selectFrom('teams').select('id').where('name', '=', 'From read token').execute();
      assert.equal(rows.length, 0);
    });

    test('a write token of an admin cannot manage teams; an admin token can', async () => {
      const { secret: write } = await create('writer', 'write');
      assert.equal((await t.req('POST', '/api/v1/teams', { token: write, body: { name: 'From write token' } })).statusCode, 403);
      const { secret } = await create('automation', 'admin');
      const res = await t.req('POST', '/api/v1/teams', { token: secret, body: { name: 'From admin token' } });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().name, 'From admin token');
    });

    test('a token cannot exceed its owner\'s role', async () => {
      // A supervisor has no tokens.manage, so a token for one is made directly.
      const { secrets } = await import('../src/security/secrets.ts');
      const { createRepos } = await import('../src/storage/repos.ts');
      const { v7 } = await import('uuid');
      const repos = createRepos(t.server.database.db);
      const tenant = (await repos.tenants.bySlug('demo'))!;
      const sup = (await repos.users.byEmail(tenant.id, demo.supervisor))!;
      const secret = secrets.token('sbt_');
      await repos.tokens.insert({ id: v7(), tenantId: tenant.id, userId: sup.id, name: 'sup admin-scope', scope: 'admin', tokenHash: secrets.digest(secret), createdAt: new Date() });
      assert.equal((await t.req('GET', '/api/v1/users', { token: secret })).statusCode, 200);
      assert.equal((await t.req('POST', '/api/v1/teams', { token: secret, body: { name: 'From sup token' } })).statusCode, 403);
      assert.equal((await t.req('GET', '/api/v1/audit', { token: secret })).statusCode, 403);
    });

    test('a revoked token is a 401; revoking twice is a 409; both events are audited', async () => {
      const { token, secret } = await create('short-lived', 'admin');
      assert.equal((await t.req('GET', '/api/v1/users', { token: secret })).statusCode, 200);
      const del = await t.req('DELETE', `/api/v1/tokens/${token.id}`, { cookie: admin });
      assert.equal(del.statusCode, 204, del.body);
      const after1 = await t.req('GET', '/api/v1/users', { token: secret });
      assert.equal(after1.statusCode, 401);
      assert.equal(after1.json().error.code, 'unauthenticated');
      assert.equal((await t.req('DELETE', `/api/v1/tokens/${token.id}`, { cookie: admin })).statusCode, 409);
      assert.equal((await t.req('DELETE', '/api/v1/tokens/0190a000-0000-7000-8000-000000000000', { cookie: admin })).statusCode, 404);
      const listed = ((await t.req('GET', '/api/v1/tokens', { cookie: admin })).json().items as TokenJson[]).find((x) => x.id === token.id);
      assert.ok(listed?.revokedAt, 'revokedAt is shown');

      const audit = (await t.req('GET', '/api/v1/audit?limit=200', { cookie: admin })).json().items as { action: string; targetId: string; details: Record<string, unknown> }[];
      const created = audit.find((e) => e.action === 'token.created' && e.targetId === token.id);
      const deleted = audit.find((e) => e.action === 'token.deleted' && e.targetId === token.id);
      assert.ok(created, 'token.created');
      assert.ok(deleted, 'token.deleted');
      assert.deepEqual(created.details, { name: 'short-lived', scope: 'admin' });
      assert.equal(audit.filter((e) => e.action === 'token.deleted' && e.targetId === token.id).length, 1, 'the refused second revoke is not audited');
      assert.ok(!JSON.stringify(audit).includes(secret), 'no secret in the audit');
    });

    test('a token stops working when its owner is deactivated', async () => {
      const inv = await t.req('POST', '/api/v1/users/invitations', { cookie: admin, body: { email: 'second.admin@demo.example', name: 'Second Admin', role: 'admin' } });
      assert.equal(inv.statusCode, 201);
      const link = inv.json().link as string;
      const acc = await t.req('POST', `/api/v1/invitations/${link.split('/invite/')[1]}/accept`, { body: { password: 'second-admin-pass' } });
      assert.equal(acc.statusCode, 200);
      const cookie = `sb_session=${acc.cookies.find((c) => c.name === 'sb_session')!.value}`;
      const { secret } = await create('owned by second', 'admin', cookie);
      assert.equal((await t.req('GET', '/api/v1/users', { token: secret })).statusCode, 200);
      const userId = (acc.json().user as { id: string }).id;
      assert.equal((await t.req('PATCH', `/api/v1/users/${userId}`, { cookie: admin, body: { active: false } })).statusCode, 200);
      assert.equal((await t.req('GET', '/api/v1/users', { token: secret })).statusCode, 401);
    });

    test('agents and supervisors cannot manage tokens', async () => {
      const { token } = await create('admin-owned', 'read');
      for (const email of [demo.alex, demo.supervisor]) {
        const cookie = await t.login(email);
        assert.equal((await t.req('GET', '/api/v1/tokens', { cookie })).statusCode, 403, email);
        const c = await t.req('POST', '/api/v1/tokens', { cookie, body: { name: 'mine', scope: 'read' } });
        assert.equal(c.statusCode, 403, email);
        assert.equal(c.json().error.code, 'forbidden');
        assert.equal((await t.req('DELETE', `/api/v1/tokens/${token.id}`, { cookie })).statusCode, 403, email);
      }
      const still = ((await t.req('GET', '/api/v1/tokens', { cookie: admin })).json().items as TokenJson[]).find((x) => x.id === token.id);
      assert.equal(still?.revokedAt, null);
    });

    test('only the hash of a token is stored', async () => {
      const { token, secret } = await create('stored', 'write');
      const rows = await t.server.database.db.selectFrom('api_tokens').selectAll().where('id', '=', token.id).execute();
      assert.equal(rows.length, 1);
      const row = rows[0] as Record<string, unknown>;
      for (const [col, value] of Object.entries(row)) {
        const text = value instanceof Date ? value.toISOString() : String(value);
        assert.ok(!text.includes(secret) && !text.includes(secret.slice(4)), `column ${col} holds the secret`);
      }
      const { createHash } = await import('node:crypto');
      const digest = createHash('sha256').update(secret).digest('hex');
      assert.ok(Object.values(row).includes(digest), 'the SHA-256 digest of the secret is what is stored');
      const everything = JSON.stringify(await t.server.database.db.selectFrom('api_tokens').selectAll().execute());
      assert.ok(!everything.includes(secret.slice(4)));
    });
  });
}
