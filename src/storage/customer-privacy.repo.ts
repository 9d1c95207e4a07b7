import { sql } from 'kysely';
import type { Executor } from './executor.ts';

const camel = (k: string) => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** A row as exported: camelCase keys, no tenant id, dates as ISO strings. */
function exportRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === 'tenant_id') continue;
    out[camel(k)] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

/**
 * What privacy requests read and rewrite across the tables that hold a customer's data.
 * Tables added by later features join here: a table that holds personal data must be exported
 * by `collect` and blanked or deleted by `erase` (the privacy test checks both for every table
 * with a customer_id column).
 */
export function customerPrivacyRepo(db: Executor) {
  const rows = async (query: ReturnType<typeof sql>) => ((await query.execute(db)).rows as Record<string, unknown>[]).map(exportRow);
  const exists = async (table: string) =>
    (await sql<{ t: string | null }>`SELECT to_regclass(${`public.${table}`})::text AS t`.execute(db)).rows[0]?.t != null;

  return {
    /** The customers merged into this one (still recorded as merged). */
    async sourcesOf(tenantId: string, customerId: string): Promise<string[]> {
      const r = await db.selectFrom('customers').select('id').where('tenant_id', '=', tenantId).where('merged_into', '=', customerId).execute();
      return r.map((x) => x.id);
    },

    async collect(tenantId: string, ids: string[]) {
      const customers = await rows(sql`SELECT * FROM customers WHERE tenant_id = ${tenantId} AND id = ANY(${ids}::uuid[]) ORDER BY created_at`);
      const identities = await rows(sql`SELECT * FROM customer_identities WHERE tenant_id = ${tenantId} AND customer_id = ANY(${ids}::uuid[]) ORDER BY created_at`);
      const merges = await rows(sql`SELECT * FROM customer_merges WHERE tenant_id = ${tenantId} AND (survivor_id = ANY(${ids}::uuid[]) OR source_id = ANY(${ids}::uuid[])) ORDER BY merged_at`);
      const conversations = await rows(sql`SELECT c.*, i.name AS inbox_name, i.channel FROM conversations c JOIN inboxes i ON i.tenant_id = c.tenant_id AND i.id = c.inbox_id
        WHERE c.tenant_id = ${tenantId} AND c.customer_id = ANY(${ids}::uuid[]) ORDER BY c.created_at`);
      const messages = await rows(sql`SELECT m.* FROM messages m JOIN conversations c ON c.tenant_id = m.tenant_id AND c.id = m.conversation_id
        WHERE c.tenant_id = ${tenantId} AND c.customer_id = ANY(${ids}::uuid[]) ORDER BY m.conversation_id, m.seq`);
      const tickets = await rows(sql`SELECT * FROM tickets WHERE tenant_id = ${tenantId} AND requester_id = ANY(${ids}::uuid[]) ORDER BY number`);
      const ticketComments = await rows(sql`SELECT tc.* FROM ticket_comments tc JOIN tickets t ON t.tenant_id = tc.tenant_id AND t.id = tc.ticket_id
        WHERE t.tenant_id = ${tenantId} AND t.requester_id = ANY(${ids}::uuid[]) ORDER BY tc.ticket_id, tc.created_at`);
      const notes = await rows(sql`SELECT * FROM customer_notes WHERE tenant_id = ${tenantId} AND customer_id = ANY(${ids}::uuid[]) ORDER BY created_at`);
      const optional: Record<string, Record<string, unknown>[]> = {};
      for (const [key, table] of [['orders', 'orders'], ['surveyResponses', 'survey_responses'], ['health', 'customer_health']] as const) {
        if (await exists(table)) optional[key] = await rows(sql`SELECT * FROM ${sql.table(table)} WHERE tenant_id = ${tenantId} AND customer_id = ANY(${ids}::uuid[])`);
      }
      if (await exists('attachments')) {
        optional.attachments = await rows(sql`SELECT a.id, a.message_id, a.conversation_id, a.filename, a.content_type, a.size_bytes, a.sha256, a.created_at FROM attachments a
          JOIN conversations c ON c.tenant_id = a.tenant_id AND c.id = a.conversation_id
          WHERE a.tenant_id = ${tenantId} AND c.customer_id = ANY(${ids}::uuid[])`);
      }
      return { customers, identities, merges, conversations, messages, tickets, ticketComments, notes, ...optional };
    },

    /**
     * Blanks or deletes the personal data of these customers. Must run in a transaction: it turns
     * on the one exception to the events' append-only rule (payload scrubbing) for that
     * transaction only. Returns how many rows of each kind changed, and the blob keys of deleted
     * attachments (to remove from storage after commit).
     */
    async erase(tenantId: string, ids: string[], at: Date, personalKeys: string[]) {
      await sql`SELECT set_config('switchboard.erasure', 'on', true)`.execute(db);
      const n = async (q: ReturnType<typeof sql>) => (await q.execute(db)).rows as { id: string }[];
      const removed: Record<string, number> = {};
      removed.customers = (await n(sql`UPDATE customers SET name = '', language = NULL, time_zone = NULL, company = NULL, tags = '{}', attributes = '{}', consent = '{}', erased_at = ${at}, updated_at = ${at}
        WHERE tenant_id = ${tenantId} AND id = ANY(${ids}::uuid[]) RETURNING id`)).length;
      removed.identities = (await n(sql`DELETE FROM customer_identities WHERE tenant_id = ${tenantId} AND customer_id = ANY(${ids}::uuid[]) RETURNING id`)).length;
      removed.notes = (await n(sql`DELETE FROM customer_notes WHERE tenant_id = ${tenantId} AND customer_id = ANY(${ids}::uuid[]) RETURNING id`)).length;
      const conversations = (await n(sql`UPDATE conversations SET subject = NULL, tags = '{}' WHERE tenant_id = ${tenantId} AND customer_id = ANY(${ids}::uuid[]) RETURNING id`)).map((r) => r.id);
      removed.conversations = conversations.length;
      const messages = (await n(sql`UPDATE messages SET text = '', html = NULL WHERE tenant_id = ${tenantId} AND conversation_id = ANY(${conversations}::uuid[]) RETURNING id`)).map((r) => r.id);
      removed.messages = messages.length;
      const tickets = (await n(sql`UPDATE tickets SET subject = '[erased]', custom = '{}' WHERE tenant_id = ${tenantId} AND requester_id = ANY(${ids}::uuid[]) RETURNING id`)).map((r) => r.id);
      removed.tickets = tickets.length;
      removed.ticketComments = (await n(sql`UPDATE ticket_comments SET text = '', html = NULL WHERE tenant_id = ${tenantId} AND ticket_id = ANY(${tickets}::uuid[]) RETURNING id`)).length;
      await sql`UPDATE customer_merges SET filled = '{}' WHERE tenant_id = ${tenantId} AND (survivor_id = ANY(${ids}::uuid[]) OR source_id = ANY(${ids}::uuid[]))`.execute(db);
      if (await exists('survey_responses')) {
        removed.surveyComments = (await n(sql`UPDATE survey_responses SET comment = NULL WHERE tenant_id = ${tenantId} AND customer_id = ANY(${ids}::uuid[]) AND comment IS NOT NULL RETURNING id`)).length;
      }
      // The VoC analysis of those comments (themes are words of the comment): 0025_surveys.sql.
      if (await exists('survey_comment_insights')) await sql`DELETE FROM survey_comment_insights WHERE tenant_id = ${tenantId} AND response_id IN (SELECT id FROM survey_responses WHERE tenant_id = ${tenantId} AND customer_id = ANY(${ids}::uuid[]))`.execute(db);
      if (await exists('customer_health')) await sql`DELETE FROM customer_health WHERE tenant_id = ${tenantId} AND customer_id = ANY(${ids}::uuid[])`.execute(db);
      let blobKeys: string[] = [];
      if (await exists('attachments')) {
        const gone = (await sql<{ storage_key: string }>`DELETE FROM attachments WHERE tenant_id = ${tenantId} AND conversation_id = ANY(${conversations}::uuid[]) RETURNING storage_key`.execute(db)).rows;
        blobKeys = gone.map((g) => g.storage_key);
        removed.attachments = gone.length;
      }
      if (await exists('search_documents')) {
        // The indexer also drops them on customer.erased; deleting here means no search finds the text in the meantime.
        await sql`DELETE FROM search_documents WHERE tenant_id = ${tenantId}
          AND (customer_id = ANY(${ids}::uuid[]) OR conversation_id = ANY(${conversations}::uuid[]) OR ticket_id = ANY(${tickets}::uuid[]))`.execute(db);
      }
      if (await exists('routing_tasks')) {
        // Routing keeps what its reports need (channel, kind, priority, inbox, team); the rest
        // (language, tags, custom fields) describes the person.
        await sql`UPDATE routing_tasks SET attributes = jsonb_strip_nulls(jsonb_build_object('channel', attributes->'channel', 'kind', attributes->'kind',
            'priority', attributes->'priority', 'inboxId', attributes->'inboxId', 'teamId', attributes->'teamId', 'erased', true))
          WHERE tenant_id = ${tenantId} AND source_type = 'conversation' AND source_id = ANY(${conversations}::uuid[])`.execute(db);
      }
      const aggregates = [...ids, ...conversations, ...messages, ...tickets];
      const scrubbed = await sql<{ id: string }>`UPDATE events SET payload = (payload - ${personalKeys}::text[]) || '{"erased": true}'::jsonb
        WHERE tenant_id = ${tenantId} AND aggregate_id = ANY(${aggregates}::text[]) RETURNING id`.execute(db);
      removed.eventsScrubbed = scrubbed.rows.length;
      if (await exists('webhook_deliveries')) {
        await sql`DELETE FROM webhook_deliveries WHERE tenant_id = ${tenantId} AND event_id = ANY(${scrubbed.rows.map((r) => r.id)}::uuid[])`.execute(db);
      }
      return { removed, blobKeys };
    },
  };
}
