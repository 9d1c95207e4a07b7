import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { createServer, type Server } from '../src/main.ts';
import { createLogger } from '../src/logger.ts';
import { DEMO_PASSWORD } from '../src/seed.ts';
import { dbKinds, freshDatabase, testHasher, type TestDatabase } from './helpers/db.ts';
import { demo } from './helpers/server.ts';

/** WEBHOOK_ALLOW_PRIVATE off (the default), and every log line kept to look for secrets in. */
for (const kind of await dbKinds()) {
  describe(`webhook address checks and secrecy on ${kind}`, () => {
    let db: TestDatabase;
    let server: Server;
    let admin = '';
    const logged: string[] = [];
    const req = (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) =>
      server.app.inject({ method, url, headers: { cookie: admin }, ...(body !== undefined ? { payload: body as object } : {}) });

    before(async () => {
      db = await freshDatabase(kind);
      const config = loadConfig({ LOG_LEVEL: 'trace', JOBS: 'false', PORT: '0' }, '/nonexistent');
      assert.equal(config.WEBHOOK_ALLOW_PRIVATE, false, 'private addresses are refused by default');
      const sink = new Writable({ write(chunk, _enc, cb) { logged.push(String(chunk)); cb(); } });
      server = await createServer(config, { database: db.database, hasher: testHasher, log: createLogger('trace', sink), seed: false });
      const res = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: demo.admin, password: DEMO_PASSWORD } });
      assert.equal(res.statusCode, 200, res.body);
      admin = `sb_session=${res.cookies.find((c) => c.name === 'sb_session')!.value}`;
    });
    after(async () => {
      await server?.close();
      await db?.drop();
    });

    test('loopback, private, link-local and metadata URLs are refused with a 400 naming the URL', async () => {
      for (const url of ['http://127.0.0.1:8080/hook', 'http://localhost/hook', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/hook', 'https://10.0.0.7/hook', 'http://192.168.1.20/', 'http://[::ffff:127.0.0.1]/', 'http://metadata.google.internal/']) {
        const res = await req('POST', '/api/v1/webhooks', { url, events: ['ticket.*'] });
        assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
        const err = res.json().error as { message: string; details: { path: string }[] };
        assert.ok(err.message.includes(url), err.message);
        assert.match(err.message, /WEBHOOK_ALLOW_PRIVATE/);
        assert.deepEqual(err.details.map((d) => d.path), ['url']);
      }
      const rows = await db.database.db.selectFrom('webhook_endpoints').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      assert.equal(rows.n, 0, 'nothing was written');
    });

    test('an address that turns private after creation is refused again at send time; the secret is never logged', async () => {
      // A public address literal passes the create-time check without DNS.
      const res = await req('POST', '/api/v1/webhooks', { url: 'http://93.184.216.34/hook', events: ['ticket.*'] });
      assert.equal(res.statusCode, 201, res.body);
      const { endpoint, secret } = res.json() as { endpoint: { id: string }; secret: string };
      const moved = await req('PATCH', `/api/v1/webhooks/${endpoint.id}`, { url: 'http://127.0.0.1:9/hook' });
      assert.equal(moved.statusCode, 400, 'an update is checked like a creation');
      // As if DNS had changed since: the stored URL now points at this machine.
      await sql`UPDATE webhook_endpoints SET url = 'http://127.0.0.1:9/hook' WHERE id = ${endpoint.id}`.execute(db.database.db);
      const ping = await req('POST', `/api/v1/webhooks/${endpoint.id}/test`);
      assert.equal(ping.statusCode, 200, ping.body);
      assert.equal(ping.json().status, 'dead');
      assert.equal(ping.json().lastStatusCode, null);
      assert.match(ping.json().lastError, /loopback, private, link-local or metadata/);

      const rotated = await req('POST', `/api/v1/webhooks/${endpoint.id}/rotate-secret`);
      assert.equal(rotated.statusCode, 200);
      const newSecret = rotated.json().secret as string;
      for (const path of [`/api/v1/webhooks/${endpoint.id}`, '/api/v1/webhooks', `/api/v1/webhooks/${endpoint.id}/deliveries`]) {
        const body = (await req('GET', path)).body;
        assert.ok(!body.includes(secret) && !body.includes(newSecret), path);
      }
      const text = logged.join('');
      assert.ok(text.length > 0 && text.includes('/api/v1/webhooks'), 'requests were logged at trace level');
      assert.ok(!text.includes(secret) && !text.includes(newSecret), 'no secret in the logs');
    });
  });
}
