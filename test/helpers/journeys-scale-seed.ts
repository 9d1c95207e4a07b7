import { sql } from 'kysely';
import type { Db } from '../../src/storage/db.ts';

/**
 * Seeds the demo workspace (PostgreSQL) with `members` customers named "Scale-n" and as many
 * named "Other-n", each with three conversations over the 90 days before `now` on mixed channels
 * (chat ones with a bot session, most handed over), queue abandons on some calls, a help center
 * visit, an order and three message events per conversation (which journeys must skip).
 * Used by test/journeys-scale.test.ts and bench/journeys.ts.
 */
export async function seedJourneyScale(db: Db, now: Date, members: number): Promise<{ tenantId: string; events: number }> {
  const MEMBERS = members;
  const tenantId = (await sql<{ id: string }>`SELECT id FROM tenants WHERE slug = 'demo'`.execute(db)).rows[0]!.id;
  await sql`
    INSERT INTO inboxes (id, tenant_id, name, channel, settings, created_at)
    SELECT gen_random_uuid(), ${tenantId}, 'Scale ' || ch, ch, '{}', ${now} FROM unnest(ARRAY['chat', 'voice', 'email', 'whatsapp']) AS ch`.execute(db);
  await sql`
    INSERT INTO customers (id, tenant_id, name, created_at, updated_at)
    SELECT gen_random_uuid(), ${tenantId}, CASE WHEN n <= ${MEMBERS} THEN 'Scale-' ELSE 'Other-' END || n, ${now}, ${now} FROM generate_series(1, ${2 * MEMBERS}) AS n`.execute(db);
  // Three conversations per customer within the last 90 days, round-robin over the four channels.
  await sql`
    CREATE TABLE journey_scale_conv AS
    SELECT gen_random_uuid() AS id, c.id AS customer_id, i.id AS inbox_id, i.channel,
           ${now}::timestamptz - ((abs(hashtext(c.id::text || k)) % (89 * 24)) || ' hours')::interval AS at, k
    FROM customers c CROSS JOIN generate_series(1, 3) AS k
    JOIN LATERAL (SELECT id, channel FROM inboxes WHERE tenant_id = ${tenantId} AND name LIKE 'Scale %' ORDER BY id OFFSET (abs(hashtext(c.id::text || k || 'ch')) % 4) LIMIT 1) i ON true
    WHERE c.tenant_id = ${tenantId} AND (c.name LIKE 'Scale-%' OR c.name LIKE 'Other-%')`.execute(db);
  await sql`INSERT INTO conversations (id, tenant_id, inbox_id, customer_id, created_at, updated_at) SELECT id, ${tenantId}, inbox_id, customer_id, at, at FROM journey_scale_conv`.execute(db);
  const ev = (type: string, aggType: string, agg: string, at: string, payload: string, from: string) =>
    sql`INSERT INTO events (id, tenant_id, type, aggregate_type, aggregate_id, topics, payload, created_at)
        SELECT gen_random_uuid(), ${tenantId}, ${type}, ${aggType}, ${sql.raw(agg)}, '{tenant}', ${sql.raw(payload)}, ${sql.raw(at)} FROM ${sql.raw(from)}`.execute(db);
  await ev('conversation.created', 'conversation', 'v.id::text', 'v.at', "jsonb_build_object('channel', v.channel)", 'journey_scale_conv v');
  await ev('flow.session_started', 'conversation', 'v.id::text', 'v.at', "'{}'::jsonb", "journey_scale_conv v WHERE v.channel = 'chat'");
  await ev('flow.handed_over', 'conversation', 'v.id::text', "v.at + interval '3 minutes'", "'{}'::jsonb", "journey_scale_conv v WHERE v.channel = 'chat' AND v.k <> 2");
  await ev('task.abandoned', 'task', 'gen_random_uuid()::text', "v.at + interval '2 minutes'", "jsonb_build_object('sourceType', 'conversation', 'sourceId', v.id)", "journey_scale_conv v WHERE v.channel = 'voice' AND v.k = 3");
  await ev('message.created', 'message', 'gen_random_uuid()::text', "v.at + (m || ' minutes')::interval", "jsonb_build_object('conversationId', v.id)", 'journey_scale_conv v CROSS JOIN generate_series(1, 3) AS m');
  await ev('help_center.article_viewed', 'kb_article', 'gen_random_uuid()::text', "v.at - interval '1 hour'", "jsonb_build_object('customerId', v.customer_id, 'title', 'Returns')", 'journey_scale_conv v WHERE v.k = 1');
  await sql`INSERT INTO orders (id, tenant_id, customer_id, external_id, ordered_at, status, currency, total, source)
            SELECT gen_random_uuid(), ${tenantId}, v.customer_id, 'scale-' || v.id, v.at + interval '1 day', 'paid', 'GBP', 10, 'api' FROM journey_scale_conv v WHERE v.k = 2`.execute(db);
  await sql`DROP TABLE journey_scale_conv`.execute(db);
  await sql`ANALYZE`.execute(db);
  const events = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM events WHERE tenant_id = ${tenantId}`.execute(db)).rows[0]!.n;
  return { tenantId, events };
}
