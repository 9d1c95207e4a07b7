/**
 * The analytics fold's cost per message against the length of the conversation it joins
 * (src/jobs/analytics-rollups.ts). A conversation's fact is rewritten at each batch that brings it
 * a message; what the fact keeps about its messages decides whether that costs the same for the
 * 400th message as for the 4th.
 *
 *   npx tsx bench/analytics-fold.ts
 *   BENCH_MESSAGES=40000 BENCH_LONG=800 npx tsx bench/analytics-fold.ts
 *
 * Two tenants get the same number of messages (BENCH_MESSAGES, default 20,000), inbound and
 * replies by a person alternating, in batches of 50 (one message for each of 50 conversations, as
 * a poke of the fold sees them under live traffic), each batch folded as it is written:
 * - baseline: conversations of 10 messages (new conversations keep coming);
 * - long: 50 conversations of BENCH_MESSAGES / 50 messages each (400 by default).
 * Only the folds are timed. Prints µs per message for each and the ratio long / baseline: near 1
 * when the fold's cost does not grow with a conversation's length. Needs PostgreSQL
 * (TEST_DATABASE_URL or the local server); its scratch database is dropped at the end.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import { createRollupProcessor } from '../src/jobs/analytics-rollups.ts';
import { sequenceAll } from '../src/storage/event-sequencer.ts';
import { createRepos } from '../src/storage/repos.ts';
import { draftEvent } from '../src/core/events/draft.ts';
import type { Db } from '../src/storage/db.ts';
import { freshDatabase } from '../test/helpers/db.ts';

const num = (v: string | undefined, d: number) => (Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : d);
const MESSAGES = num(process.env.BENCH_MESSAGES, 20_000);
const BATCH = 50;
const SHORT = 10;
const LONG = num(process.env.BENCH_LONG, Math.floor(MESSAGES / BATCH));

type Draft = { type: string; aggregateType: string; aggregateId: string; payload: Record<string, unknown>; actorId: string | null };

async function scenario(db: Db, name: string, perConversation: number): Promise<{ name: string; usPerMessage: number; factBytes: number }> {
  const tenantId = randomUUID();
  await sql`insert into tenants (id, slug, name) values (${tenantId}, ${`fold-${tenantId.slice(0, 8)}`}, ${name})`.execute(db);
  const agent = randomUUID();
  const fold = createRollupProcessor(db);
  const repos = createRepos(db);
  const t0 = Date.now() - 30 * 86_400_000;
  const write = async (drafts: Draft[], at: number) => {
    await repos.events.append(tenantId, drafts.map((d) => draftEvent(randomUUID, { ...d, topics: ['tenant'] })), new Date(at));
    await sequenceAll(db);
  };
  // Conversations are opened in groups of BATCH; each group then gets its messages round by round,
  // one per conversation per batch. Opening them is folded but not timed.
  let foldMs = 0;
  let sent = 0;
  let group = 0;
  while (sent < MESSAGES) {
    const convs = Array.from({ length: BATCH }, () => randomUUID());
    const opened = t0 + group++ * 3_600_000;
    await write(convs.map((c) => ({ type: 'conversation.created', aggregateType: 'conversation', aggregateId: c, actorId: null, payload: { inboxId: 'bench', customerId: randomUUID(), channel: 'chat' } })), opened);
    await fold.processTenant(tenantId);
    for (let i = 0; i < perConversation && sent < MESSAGES; i++) {
      const at = opened + (i + 1) * 20_000;
      const inbound = i % 2 === 0;
      await write(convs.map((c) => ({
        type: 'message.created', aggregateType: 'message', aggregateId: randomUUID(), actorId: inbound ? null : agent,
        payload: { conversationId: c, direction: inbound ? 'inbound' : 'outbound', authorUserId: inbound ? null : agent, sentiment: inbound ? 0.25 : null, text: 'hello' },
      })), at);
      const t = performance.now();
      await fold.processTenant(tenantId);
      foldMs += performance.now() - t;
      sent += BATCH;
    }
  }
  const size = await sql<{ bytes: number }>`select avg(pg_column_size(state))::int as bytes from analytics_facts where tenant_id = ${tenantId} and kind = 'conversation'`.execute(db);
  return { name, usPerMessage: (foldMs * 1000) / sent, factBytes: size.rows[0]?.bytes ?? 0 };
}

const fresh = await freshDatabase('postgres');
try {
  const db = fresh.database.db;
  console.log(`analytics fold: ${MESSAGES.toLocaleString('en')} messages per scenario in batches of ${BATCH}; node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`);
  const base = await scenario(db, 'baseline', SHORT);
  const long = await scenario(db, 'long', LONG);
  console.log('');
  console.log('| conversations of | fold per message (µs) | conversation fact state (bytes, avg) | ratio to baseline |');
  console.log('|---|---:|---:|---:|');
  console.log(`| ${SHORT} messages (baseline) | ${base.usPerMessage.toFixed(0)} | ${base.factBytes} | 1 |`);
  console.log(`| ${LONG} messages | ${long.usPerMessage.toFixed(0)} | ${long.factBytes} | ${(long.usPerMessage / base.usPerMessage).toFixed(2)} |`);
} finally {
  await fresh.drop();
}
