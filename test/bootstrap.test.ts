/**
 * A production install: no demo data. The first start invites ADMIN_EMAIL (the link in the log
 * without SMTP), the admin sets a password and signs in; later starts change nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { loadConfig } from '../src/config.ts';
import { createServer } from '../src/main.ts';
import { createLogger } from '../src/logger.ts';
import { openDatabase, type Database } from '../src/storage/db.ts';
import { createPostgresDatabase, dbKinds, testHasher, type DbKind } from './helpers/db.ts';

async function emptyDatabase(kind: DbKind): Promise<{ database: Database; drop(): Promise<void> }> {
  if (kind === 'pglite') {
    const database = await openDatabase({ memory: true });
    return { database, drop: () => database.close() };
  }
  const created = await createPostgresDatabase('sb_b');
  const database = await openDatabase({ url: created.url, poolSize: 3 });
  return {
    database,
    async drop() {
      await database.close();
      await created.drop();
    },
  };
}

async function start(database: Database, env: Record<string, string>) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _e, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  const config = loadConfig({ LOG_LEVEL: 'info', JOBS: 'false', PORT: '0', SEED_DEMO: 'false', ...env }, '/nonexistent');
  const server = await createServer(config, { database, hasher: testHasher, log: createLogger('info', sink) });
  return { server, log: () => lines.join('') };
}

for (const kind of await dbKinds()) {
  test(`first start without demo data invites ADMIN_EMAIL, once (${kind})`, async () => {
    const db = await emptyDatabase(kind);
    try {
      const first = await start(db.database, { ADMIN_EMAIL: 'Owner@Example.org', WORKSPACE_NAME: 'Acme Support', DEFAULT_WORKSPACE: 'acme' });
      const link = /"link":"([^"]+)"/.exec(first.log())?.[1];
      assert.ok(link, `the invitation link is in the log: ${first.log().slice(0, 500)}`);
      const token = link.split('/invite/')[1]!;
      const lookup = await first.server.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` });
      assert.equal(lookup.statusCode, 200, lookup.body);
      assert.deepEqual({ email: lookup.json().email, workspace: lookup.json().workspace }, { email: 'owner@example.org', workspace: 'acme' });
      const accept = await first.server.app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, payload: { password: 'the-owners-password' } });
      assert.equal(accept.statusCode, 200, accept.body);
      assert.equal(accept.json().user.role, 'admin');
      assert.equal(accept.json().tenant.name, 'Acme Support');
      await first.server.close();

      const second = await start(db.database, { ADMIN_EMAIL: 'someone-else@example.org', DEFAULT_WORKSPACE: 'acme' });
      assert.ok(!second.log().includes('/invite/'), 'no second invitation');
      const login = await second.server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'owner@example.org', password: 'the-owners-password' } });
      assert.equal(login.statusCode, 200, login.body);
      const tenants = await db.database.db.selectFrom('tenants').select('slug').execute();
      assert.deepEqual(tenants.map((t) => t.slug), ['acme']);
      await second.server.close();
    } finally {
      await db.drop();
    }
  });
}

test('without ADMIN_EMAIL an empty install says what to set', async () => {
  const db = await emptyDatabase((await dbKinds()).includes('postgres') ? 'postgres' : 'pglite');
  try {
    const s = await start(db.database, {});
    assert.match(s.log(), /set ADMIN_EMAIL to invite the first admin/);
    await s.server.close();
  } finally {
    await db.drop();
  }
});
