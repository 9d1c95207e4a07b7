import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { demo, startTestServer } from '../test/helpers/server.ts';
import { demoChatInbox, sendMsg, session } from '../test/widget-helpers.ts';
import { writeStatement } from '../src/storage/intake-batch.repo.ts';

const t = await startTestServer('postgres');
const admin = await t.login(demo.admin);
const inbox = await demoChatInbox(t, admin);
const visitors = [];
for (let i = 0; i < 60; i++) {
  const v = (await session(t, inbox.id, { prechat: { name: `V${i}` } }, `127.3.0.${i + 1}`)).json();
  await sendMsg(t, v.token, { clientId: randomUUID(), text: 'hi' });
  visitors.push(v);
}
const db = t.server.database.db;
await sql`analyze`.execute(db);
const tenantId = (await db.selectFrom('inboxes').select('tenant_id').where('id', '=', inbox.id).executeTakeFirstOrThrow()).tenant_id;
const now = new Date();
const items = visitors.slice(0, 40).map((v) => ({ providerMessageId: `${v.visitorId}:${randomUUID()}`, identity: { kind: 'visitor' as const, value: v.visitorId }, messageId: uuidv7(), eventId: uuidv7(), text: 'hello there, how are you', payloadText: 'hello there, how are you', sentiment: 0.1, at: now }));
const c = writeStatement(tenantId, inbox.id, now, items).compile(db);
await db.transaction().execute(async (tx) => {
  const r = await tx.executeQuery({ ...c, sql: 'explain (analyze, buffers, timing) ' + c.sql } as never);
  console.log((r.rows as { 'QUERY PLAN': string }[]).map((x) => x['QUERY PLAN']).join('\n'));
  throw new Error('rollback');
}).catch((e) => console.log(String(e)));
await t.close();
