import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbKinds } from './helpers/db.ts';
import { DEMO_PASSWORD, demo, startTestServer, type TestServer } from './helpers/server.ts';

const LOGIN = '/api/v1/auth/login';
const WRONG = 'Wr0ng-Passw0rd-Zebra-8841';
const MAX_FAILURES = 3;
const LOCKOUT_MINUTES = 15;
const IP_MAX = 5;

/** Each test signs in from its own client address (the server trusts the inject client as a proxy), so per-IP counters stay apart. */
const from = (ip: string) => ({ 'x-forwarded-for': ip });

for (const kind of await dbKinds()) {
  describe(`auth API on ${kind}`, () => {
    let t: TestServer;
    let current = new Date();
    const advance = (ms: number) => {
      current = new Date(current.getTime() + ms);
    };
    const login = (email: string, password: string, ip: string, workspace?: string) =>
      t.req('POST', LOGIN, { body: { email, password, workspace }, headers: from(ip) });
    const cookieOf = (res: { cookies: { name: string; value: string }[] }) => {
      const c = res.cookies.find((x) => x.name === 'sb_session');
      assert.ok(c, 'a session cookie was set');
      return `sb_session=${c.value}`;
    };

    before(async () => {
      t = await startTestServer(kind, {
        env: { TRUST_PROXY: '127.0.0.1', LOGIN_MAX_FAILURES: String(MAX_FAILURES), LOGIN_LOCKOUT_MINUTES: String(LOCKOUT_MINUTES), LOGIN_IP_MAX_PER_MINUTE: String(IP_MAX) },
        clock: { now: () => current },
      });
    });
    after(() => t?.close());

    test('signing in sets an httpOnly, SameSite=Lax session cookie and returns me', async () => {
      const res = await login(demo.admin, DEMO_PASSWORD, '10.0.1.1');
      assert.equal(res.statusCode, 200, res.body);
      const c = res.cookies.find((x) => x.name === 'sb_session') as Record<string, unknown> | undefined;
      assert.ok(c, 'cookie sb_session');
      assert.equal(c.httpOnly, true);
      assert.equal(c.sameSite, 'Lax');
      assert.equal(c.path, '/');
      assert.match(String(c.value), /^sbs_/);
      const raw = String(res.headers['set-cookie']);
      assert.match(raw, /HttpOnly/i);
      assert.match(raw, /SameSite=Lax/i);
      const body = res.json();
      assert.equal(body.user.email, demo.admin);
      assert.equal(body.tenant.slug, 'demo');
      assert.ok(!res.body.includes('passwordHash') && !res.body.includes('argon2'), 'no hash in the response');
      const me = await t.req('GET', '/api/v1/auth/me', { cookie: `sb_session=${c.value}` });
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().user.email, demo.admin);
      // Email is case-insensitive and trimmed.
      const upper = await login('  ADMIN@Demo.Example ', DEMO_PASSWORD, '10.0.1.1');
      assert.equal(upper.statusCode, 200, upper.body);
    });

    test('an unknown email and a wrong password give the same 401', async () => {
      const unknown = await login('nobody@demo.example', WRONG, '10.0.2.1');
      const wrong = await login(demo.supervisor, WRONG, '10.0.2.1');
      const workspace = await login(demo.supervisor, DEMO_PASSWORD, '10.0.2.1', 'no-such-workspace');
      for (const r of [unknown, wrong, workspace]) {
        assert.equal(r.statusCode, 401, r.body);
        assert.equal(r.json().error.code, 'unauthenticated');
        assert.equal(r.cookies.find((x) => x.name === 'sb_session'), undefined, 'no cookie on failure');
      }
      assert.equal(unknown.json().error.message, wrong.json().error.message);
      assert.equal(workspace.json().error.message, wrong.json().error.message);
      assert.deepEqual(Object.keys(unknown.json().error).sort(), Object.keys(wrong.json().error).sort());
    });

    test('a body that fails the schema is a 400 naming each bad field', async () => {
      const res = await t.req('POST', LOGIN, { body: { email: '', password: 12345 }, headers: from('10.0.3.1') });
      assert.equal(res.statusCode, 400, res.body);
      const err = res.json().error;
      assert.equal(err.code, 'invalid');
      const paths = (err.details as { path: string }[]).map((d) => d.path).sort();
      assert.deepEqual(paths, ['email', 'password']);
      assert.match(err.message, /email/);
      assert.match(err.message, /password/);
      const missing = await t.req('POST', LOGIN, { body: { workspace: 'demo' }, headers: from('10.0.3.1') });
      assert.equal(missing.statusCode, 400);
      assert.deepEqual((missing.json().error.details as { path: string }[]).map((d) => d.path).sort(), ['email', 'password']);
    });

    test(`an account locks after ${MAX_FAILURES} failures, even for the right password, and unlocks by itself`, async () => {
      const ip = '10.0.4.1';
      for (let i = 0; i < MAX_FAILURES; i++) {
        const r = await login(demo.priya, WRONG, ip);
        assert.equal(r.statusCode, 401, `attempt ${i + 1}: ${r.body}`);
      }
      const locked = await login(demo.priya, DEMO_PASSWORD, ip);
      assert.equal(locked.statusCode, 429, locked.body);
      assert.equal(locked.json().error.code, 'rate_limited');
      assert.ok(Number(locked.headers['retry-after']) > 0, 'retry-after header');
      assert.ok(Number(locked.headers['retry-after']) <= LOCKOUT_MINUTES * 60);
      // From another address too: the lock is on the account.
      assert.equal((await login(demo.priya, DEMO_PASSWORD, '10.0.4.2')).statusCode, 429);
      // Other accounts are not affected.
      assert.equal((await login(demo.wen, DEMO_PASSWORD, ip)).statusCode, 200);
      advance((LOCKOUT_MINUTES - 1) * 60_000);
      assert.equal((await login(demo.priya, DEMO_PASSWORD, '10.0.4.3')).statusCode, 429, 'still locked a minute before the end');
      advance(2 * 60_000);
      const ok = await login(demo.priya, DEMO_PASSWORD, '10.0.4.4');
      assert.equal(ok.statusCode, 200, ok.body);
      // A success resets the count: one more failure does not lock again.
      assert.equal((await login(demo.priya, WRONG, '10.0.4.5')).statusCode, 401);
      assert.equal((await login(demo.priya, DEMO_PASSWORD, '10.0.4.5')).statusCode, 200);
    });

    test(`more than ${IP_MAX} failures a minute from one address gives 429 with retry-after`, async () => {
      current = new Date(Math.floor(current.getTime() / 60_000) * 60_000 + 5_000); // early in a minute window
      const ip = '10.0.5.1';
      for (let i = 0; i < IP_MAX; i++) {
        const r = await login(`ghost${i}@demo.example`, WRONG, ip);
        assert.equal(r.statusCode, 401, `attempt ${i + 1}: ${r.body}`);
      }
      const limited = await login(demo.admin, DEMO_PASSWORD, ip);
      assert.equal(limited.statusCode, 429, limited.body);
      assert.equal(limited.json().error.code, 'rate_limited');
      const retry = Number(limited.headers['retry-after']);
      assert.ok(retry > 0 && retry <= 60, `retry-after ${String(limited.headers['retry-after'])}`);
      assert.equal((await login(demo.admin, DEMO_PASSWORD, '10.0.5.2')).statusCode, 200, 'another address is fine');
      advance(61_000);
      assert.equal((await login(demo.admin, DEMO_PASSWORD, ip)).statusCode, 200, 'the next minute is fine');
    });

    test('logout revokes the session', async () => {
      const cookie = cookieOf(await login(demo.alex, DEMO_PASSWORD, '10.0.6.1'));
      assert.equal((await t.req('GET', '/api/v1/auth/me', { cookie })).statusCode, 200);
      const out = await t.req('POST', '/api/v1/auth/logout', { cookie });
      assert.equal(out.statusCode, 204);
      const cleared = out.cookies.find((x) => x.name === 'sb_session');
      assert.ok(cleared && cleared.value === '', 'the cookie is cleared');
      const me = await t.req('GET', '/api/v1/auth/me', { cookie });
      assert.equal(me.statusCode, 401);
      assert.equal(me.json().error.code, 'unauthenticated');
    });

    test('my sessions: listed with current, and another one can be revoked', async () => {
      const a = cookieOf(await login(demo.supervisor, DEMO_PASSWORD, '10.0.7.1'));
      const b = cookieOf(await login(demo.supervisor, DEMO_PASSWORD, '10.0.7.2'));
      const list = await t.req('GET', '/api/v1/me/sessions', { cookie: a });
      assert.equal(list.statusCode, 200, list.body);
      const items = list.json().items as { id: string; current: boolean; ip: string | null }[];
      assert.ok(items.length >= 2);
      assert.equal(items.filter((s) => s.current).length, 1, 'exactly one is current');
      const mine = items.find((s) => s.current)!;
      assert.equal(mine.ip, '10.0.7.1');
      const other = items.find((s) => s.ip === '10.0.7.2' && !s.current);
      assert.ok(other, 'the other session is listed');
      assert.ok(!list.body.includes(a.split('=')[1]!) && !list.body.includes(b.split('=')[1]!), 'no session secret in the list');
      const del = await t.req('DELETE', `/api/v1/me/sessions/${other.id}`, { cookie: a });
      assert.equal(del.statusCode, 204, del.body);
      assert.equal((await t.req('GET', '/api/v1/auth/me', { cookie: b })).statusCode, 401);
      assert.equal((await t.req('GET', '/api/v1/auth/me', { cookie: a })).statusCode, 200);
      assert.equal((await t.req('DELETE', `/api/v1/me/sessions/${other.id}`, { cookie: a })).statusCode, 404, 'already revoked');
      const after = (await t.req('GET', '/api/v1/me/sessions', { cookie: a })).json().items as { id: string }[];
      assert.ok(!after.some((s) => s.id === other.id));
    });

    test('changing my password ends my other sessions; a wrong current password is a 400', async () => {
      const ip = '10.0.8.1';
      const a = cookieOf(await login(demo.wen, DEMO_PASSWORD, ip));
      const b = cookieOf(await login(demo.wen, DEMO_PASSWORD, ip));
      const next = 'a-brand-new-passphrase-77';
      const bad = await t.req('POST', '/api/v1/me/password', { cookie: a, body: { currentPassword: WRONG, newPassword: next } });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.equal(bad.json().error.code, 'invalid');
      assert.ok((bad.json().error.details as { path: string }[]).some((d) => d.path === 'currentPassword'));
      assert.equal((await t.req('GET', '/api/v1/auth/me', { cookie: b })).statusCode, 200, 'a failed change ends nothing');
      const short = await t.req('POST', '/api/v1/me/password', { cookie: a, body: { currentPassword: DEMO_PASSWORD, newPassword: 'short' } });
      assert.equal(short.statusCode, 400);
      assert.ok((short.json().error.details as { path: string }[]).some((d) => d.path === 'newPassword'));
      const ok = await t.req('POST', '/api/v1/me/password', { cookie: a, body: { currentPassword: DEMO_PASSWORD, newPassword: next } });
      assert.equal(ok.statusCode, 204, ok.body);
      assert.equal((await t.req('GET', '/api/v1/auth/me', { cookie: b })).statusCode, 401, 'the other session ended');
      assert.equal((await t.req('GET', '/api/v1/auth/me', { cookie: a })).statusCode, 200, 'this session lives on');
      assert.equal((await login(demo.wen, DEMO_PASSWORD, ip)).statusCode, 401, 'the old password is gone');
      assert.equal((await login(demo.wen, next, ip)).statusCode, 200, 'the new password works');
    });

    test('PATCH /me changes my language; an unknown language is a 400 naming it', async () => {
      const cookie = cookieOf(await login(demo.alex, DEMO_PASSWORD, '10.0.9.1'));
      const res = await t.req('PATCH', '/api/v1/me', { cookie, body: { language: 'pl' } });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().user.language, 'pl');
      assert.equal((await t.req('GET', '/api/v1/auth/me', { cookie })).json().user.language, 'pl');
      const bad = await t.req('PATCH', '/api/v1/me', { cookie, body: { language: 'klingon' } });
      assert.equal(bad.statusCode, 400);
      assert.ok((bad.json().error.details as { path: string }[]).some((d) => d.path === 'language'), bad.body);
      const role = await t.req('PATCH', '/api/v1/me', { cookie, body: { role: 'admin' } });
      assert.equal(role.statusCode, 400, 'I cannot make myself an admin');
      assert.equal((await t.req('GET', '/api/v1/auth/me', { cookie })).json().user.role, 'agent');
    });

    test('failed sign-ins are audited, and no audit entry holds a password', async () => {
      const admin = cookieOf(await login(demo.admin, DEMO_PASSWORD, '10.0.10.1'));
      const res = await t.req('GET', '/api/v1/audit?action=auth.login_failed&limit=200', { cookie: admin });
      assert.equal(res.statusCode, 200, res.body);
      const items = res.json().items as { action: string; details: { reason?: string; email?: string }; ip: string | null }[];
      assert.ok(items.length >= 5);
      assert.ok(items.every((e) => e.action === 'auth.login_failed'));
      const reasons = new Set(items.map((e) => e.details.reason));
      for (const r of ['unknown_email', 'wrong_password', 'locked']) assert.ok(reasons.has(r), `reason ${r} audited`);
      assert.ok(items.some((e) => e.details.email === 'nobody@demo.example' && e.ip === '10.0.2.1'));
      const all = await t.req('GET', '/api/v1/audit?limit=200', { cookie: admin });
      assert.equal(all.statusCode, 200);
      assert.ok(all.json().items.some((e: { action: string }) => e.action === 'auth.password_changed'));
      for (const secret of [WRONG, DEMO_PASSWORD, 'a-brand-new-passphrase-77']) {
        assert.ok(!all.body.includes(secret), `audit holds the password ${secret}`);
      }
      const rows = await t.server.database.db.selectFrom('audit_log').selectAll().execute();
      assert.ok(!JSON.stringify(rows).includes(WRONG), 'nor does the table');
      // Only admins read the audit log.
      const agent = cookieOf(await login(demo.alex, DEMO_PASSWORD, '10.0.10.2'));
      assert.equal((await t.req('GET', '/api/v1/audit', { cookie: agent })).statusCode, 403);
    });
  });
}
