import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

function assertError(res: LightMyRequestResponse, status: number, code: string) {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /application\/json/);
  const body = res.json() as { error: { code: string; message: string } };
  assert.deepEqual(Object.keys(body), ['error']);
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
  assert.ok(body.error.message.length > 10, 'the message says what was wrong');
}

for (const kind of await dbKinds()) {
  describe(`errors, ops and docs on ${kind}`, () => {
    let t: TestServer;
    let admin = '';

    before(async () => {
      t = await startTestServer(kind);
      admin = await t.login(demo.admin);
    });
    after(() => t?.close());

    test('an unknown API route is a 404 error body', async () => {
      for (const [method, url] of [['GET', '/api/v1/nope'], ['POST', '/api/v1/users/x/y/z'], ['DELETE', '/api/v2/users']] as const) {
        const res = await t.req(method, url, { cookie: admin });
        assertError(res, 404, 'not_found');
        assert.match(res.json().error.message, /\/api\/docs/);
      }
      const anon = await t.req('GET', '/api/v1/does-not-exist?x=1');
      assertError(anon, 404, 'not_found');
      assert.ok(!anon.json().error.message.includes('x=1'), 'the query string is not echoed');
    });

    test('a body that is not JSON is a 400 invalid', async () => {
      const res = await t.server.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"email": "admin@demo.example", "password": ',
      });
      assertError(res, 400, 'invalid');
      assert.match(res.json().error.message, /JSON/);
      const teams = await t.server.app.inject({ method: 'POST', url: '/api/v1/teams', headers: { 'content-type': 'application/json', cookie: admin }, payload: 'not json' });
      assertError(teams, 400, 'invalid');
    });

    test('a wrong content type is a 4xx error body', async () => {
      const res = await t.server.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'text/plain' },
        payload: 'email=admin@demo.example&password=switchboard-demo',
      });
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${res.statusCode}`);
      assertError(res, res.statusCode, 'invalid');
      assert.ok(!res.json().error.message.includes('undefined'), res.json().error.message);
      assert.match(res.json().error.message, /body/);
      const form = await t.server.app.inject({
        method: 'POST',
        url: '/api/v1/teams',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: admin },
        payload: 'name=Form',
      });
      assert.ok(form.statusCode >= 400 && form.statusCode < 500, `${form.statusCode}`);
      assertError(form, form.statusCode, 'invalid');
      assert.match(form.json().error.message, /application\/json/, 'says what to send instead');
      const empty = await t.server.app.inject({ method: 'POST', url: '/api/v1/teams', headers: { 'content-type': 'application/json', cookie: admin }, payload: '' });
      assert.equal(empty.statusCode, 400);
      assertError(empty, 400, 'invalid');
    });

    test('/healthz and /readyz', async () => {
      const h = await t.req('GET', '/healthz');
      assert.equal(h.statusCode, 200);
      assert.deepEqual(h.json(), { status: 'ok' });
      const r = await t.req('GET', '/readyz');
      assert.equal(r.statusCode, 200);
      assert.deepEqual(r.json(), { status: 'ready' });
    });

    test('/metrics exposes request durations by route and websocket connections', async () => {
      await t.req('GET', '/api/v1/users', { cookie: admin });
      const res = await t.req('GET', '/metrics');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /text\/plain/);
      assert.match(res.body, /^# TYPE switchboard_http_request_duration_seconds histogram$/m);
      assert.match(res.body, /^# TYPE switchboard_websocket_connections gauge$/m);
      assert.match(res.body, /switchboard_http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/users"[^}]*\} [1-9]/);
      assert.ok(!/route="\/api\/v1\/users\/[0-9a-f]{8}-/.test(res.body), 'routes are templates, not raw URLs');
    });

    test('responses carry security headers: a strict content security policy, no framing, no sniffing', async () => {
      const res = await t.req('GET', '/api/v1/auth/me', { cookie: admin });
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['strict-transport-security'], undefined, 'no HSTS on a plain-http install');
    });

    test('/metrics counts failed sign-ins', async () => {
      const count = async () => Number(/^switchboard_login_failures_total (\d+)/m.exec((await t.req('GET', '/metrics')).body)?.[1] ?? NaN);
      const before = await count();
      const bad = await t.req('POST', '/api/v1/auth/login', { body: { email: 'admin@demo.example', password: 'wrong-password' } });
      assert.equal(bad.statusCode, 401);
      assert.equal(await count(), before + 1);
    });

    test('/api/docs/json is OpenAPI 3.1 with the auth and users paths', async () => {
      const res = await t.req('GET', '/api/docs/json');
      assert.equal(res.statusCode, 200);
      const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
      assert.match(doc.openapi, /^3\.1\./);
      assert.ok(doc.paths['/api/v1/auth/login']?.post, 'POST /api/v1/auth/login');
      assert.ok(doc.paths['/api/v1/users']?.get, 'GET /api/v1/users');
      assert.ok(doc.paths['/api/v1/users/{id}']?.patch, 'PATCH /api/v1/users/{id}');
      assert.equal(doc.paths['/healthz'], undefined, 'ops routes are hidden');
      const login = doc.paths['/api/v1/auth/login']!.post as { requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } };
      const props = login.requestBody?.content?.['application/json']?.schema?.properties ?? {};
      assert.ok('email' in props && 'password' in props, 'the login body schema is documented');
    });

    test('a cookie-authenticated write from another site is a 403; same-site and token writes are not', async () => {
      const evil = await t.req('POST', '/api/v1/teams', { cookie: admin, body: { name: 'CSRF Team' }, headers: { origin: 'https://evil.example' } });
      assertError(evil, 403, 'forbidden');
      for (const origin of ['null', 'not a url']) {
        const odd = await t.req('POST', '/api/v1/teams', { cookie: admin, body: { name: 'CSRF Team' }, headers: { origin } });
        assertError(odd, 403, 'forbidden');
      }
      const del = await t.req('POST', '/api/v1/auth/logout', { cookie: admin, headers: { origin: 'https://evil.example' } });
      assertError(del, 403, 'forbidden');
      assert.equal((await t.req('GET', '/api/v1/auth/me', { cookie: admin })).statusCode, 200, 'the cross-site logout did nothing');
      const rows = await t.server.database.db.selectFrom('teams').select('id').where('name', '=', 'CSRF Team').execute();
      assert.equal(rows.length, 0, 'nothing was created');
      // A cross-site GET is allowed (reads are safe; SameSite=Lax guards the rest).
      assert.equal((await t.req('GET', '/api/v1/users', { cookie: admin, headers: { origin: 'https://evil.example' } })).statusCode, 200);
      const same = await t.req('POST', '/api/v1/teams', { cookie: admin, body: { name: 'Same Site Team' }, headers: { origin: t.config.publicUrl } });
      assert.equal(same.statusCode, 201, same.body);
      const token = (await t.req('POST', '/api/v1/tokens', { cookie: admin, body: { name: 'csrf', scope: 'admin' } })).json().secret as string;
      const viaToken = await t.req('POST', '/api/v1/teams', { token, body: { name: 'Token Team' }, headers: { origin: 'https://evil.example' } });
      assert.equal(viaToken.statusCode, 201, 'tokens are not ambient credentials');
    });

    test('internal details never reach the client', async () => {
      const res = await t.req('GET', '/api/v1/users/not-a-uuid', { cookie: admin });
      assertError(res, 400, 'invalid');
      assert.ok(!/stack|node_modules|at \w+ \(/.test(res.body));
    });
  });
}
