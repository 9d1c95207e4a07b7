/**
 * An inbound message racing a merge of its customer lands on the survivor (PostgreSQL: real
 * concurrent transactions; PGlite runs one transaction at a time, so the race cannot happen there).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { postgresAvailable } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';
import { sleep } from './helpers/ws.ts';

const skip = !(await postgresAvailable()) && !process.env.CI ? 'PostgreSQL is not reachable here' : false;
let t: TestServer;
before(async () => {
  if (!skip) t = await startTestServer('postgres');
});
after(async () => {
  await t?.close();
});

test('a message arriving while its customer is being merged goes to the survivor', { skip }, async () => {
  const admin = await t.login(demo.admin);
  const mk = async (name: string, email: string) => {
    const r = await t.req('POST', '/api/v1/customers', { cookie: admin, body: { name, identities: [{ kind: 'email', value: email }] } });
    assert.equal(r.statusCode, 201, r.body);
    return r.json().id as string;
  };
  const survivor = await mk('Race Survivor', 'survivor@race.example');
  const source = await mk('Race Source', 'source@race.example');
  const inbox = await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Race inbox', channel: 'api' } });
  const inboxId = inbox.json().id as string;

  // A merge in flight: the source locked, its identity moved and marked merged, not yet committed.
  const merging = new pg.Client({ connectionString: t.db.url });
  await merging.connect();
  try {
    await merging.query('begin');
    await merging.query('select id from customers where id = $1 for update', [source]);
    await merging.query('update customer_identities set customer_id = $1 where customer_id = $2', [survivor, source]);
    await merging.query('update customers set merged_into = $1 where id = $2', [survivor, source]);

    const pending = t.req('POST', `/api/v1/inboxes/${inboxId}/messages`, {
      cookie: admin,
      body: { providerMessageId: 'race-1', from: { kind: 'email', value: 'source@race.example' }, text: 'hello during the merge' },
    });
    await sleep(300); // intake has looked the identity up (the source) and now waits for the lock
    await merging.query('commit');
    const res = await pending;
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().conversation.customerId, survivor);
  } finally {
    await merging.end();
  }
});
