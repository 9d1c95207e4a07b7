import { sql } from 'kysely';
import type { HistoryDay } from '../core/analytics-history/types.ts';
import { notFound } from '../core/errors.ts';
import type { Db } from './db.ts';
import type { Executor } from './executor.ts';

/**
 * Writes generated history (src/core/analytics-history) in bulk, one local day per transaction:
 * customers, conversations (resolved, so the live desk and routing leave them alone), messages,
 * survey answers, and the day's events. Rows go in multi-row INSERTs of a few thousand, each one
 * JSON parameter (no bind-parameter limit). Events are numbered here, in the same transaction
 * (`tenants.event_seq` moved by n, events get base + 1..n in time order), and get NO outbox
 * rows: nothing is published on the bus, so no webhook, socket or automation sees them.
 *
 * Followers that read the events table by seq would replay every history event: the routing
 * leader and the SLA engine for nothing (the conversations are resolved), search one day at a
 * time (a full rebuild from the rows, requested once at the end, is far cheaper). When such a
 * follower's cursor stands exactly at the base (it had read everything before), it is moved past
 * the day's events in the same transaction; one that lags keeps its place and reads them
 * (harmlessly). Analytics rollups read them as usual.
 */

export const HISTORY_CHUNK = 4000;

export interface HistoryWriteResult {
  events: number;
  conversations: number;
  messages: number;
  customers: number;
  /** The seq before the day's first event. */
  baseSeq: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

async function chunked<T>(rows: T[], size: number, fn: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await fn(rows.slice(i, i + size));
}

/** Rows of a day as JSON-ready records (snake_case keys matching the recordset definitions below). */
function rowsOf(day: HistoryDay) {
  const customers = day.customers.map((c) => ({ id: c.id, name: c.name, at: iso(c.createdAt) }));
  const conversations = day.conversations.map((c) => ({
    id: c.id, inbox_id: c.inboxId, customer_id: c.customerId, assignee_id: c.assigneeId, tags: c.tags, subject: c.subject,
    last_seq: c.messages.length > 0 ? c.messages[c.messages.length - 1]!.seq : 0,
    last_message_at: c.messages.length > 0 ? iso(c.messages[c.messages.length - 1]!.at) : null,
    created_at: iso(c.createdAt), resolved_at: iso(c.resolvedAt),
  }));
  const messages = day.conversations.flatMap((c) => c.messages.map((m) => ({
    id: m.id, conversation_id: c.id, inbox_id: c.inboxId, seq: m.seq, direction: m.direction, author_user_id: m.authorUserId, text: m.text,
    delivery_status: m.direction === 'inbound' ? 'received' : 'delivered', sentiment: m.sentiment, at: iso(m.at),
  })));
  const surveys = day.conversations.flatMap((c) => c.surveys.map((s) => ({ id: s.id, customer_id: c.customerId, kind: s.kind, score: s.score, conversation_id: c.id, at: iso(s.at) })));
  return { customers, conversations, messages, surveys };
}

/** Moves a follower's cursor past [base+1, base+n] when it had read everything up to base. */
async function skipFollower(tx: Executor, table: 'routing_cursors' | 'sla_cursors' | 'search_cursors', tenantId: string, base: number, n: number): Promise<void> {
  const col = sql.ref(table === 'search_cursors' ? 'seq' : 'last_seq');
  await sql`update ${sql.table(table)} set ${col} = ${base + n} where tenant_id = ${tenantId}::uuid and ${col} = ${base}`.execute(tx);
}

/**
 * Asks search to rebuild the tenant's index from its rows (once, when history is complete): a
 * cursor at 0 is the indexer's "never indexed" (src/core/search/indexer.ts indexTenant).
 */
export async function requestSearchRebuild(db: Executor, tenantId: string): Promise<void> {
  await sql`update search_cursors set seq = 0 where tenant_id = ${tenantId}::uuid`.execute(db);
}

/** Writes one generated day for a tenant in one transaction; returns what was written. */
export async function writeHistoryDay(db: Db, tenantId: string, day: HistoryDay, o: { chunk?: number; skipFollowers?: boolean } = {}): Promise<HistoryWriteResult> {
  const size = o.chunk ?? HISTORY_CHUNK;
  const rows = rowsOf(day);
  return db.transaction().execute(async (tx) => {
    // The tenant first: numbering locks its row (and proves it exists) before any row is written.
    const n = day.events.length;
    const seq = await sql<{ base: string | number }>`
      update tenants set event_seq = event_seq + ${n} where id = ${tenantId}::uuid returning event_seq - ${n} as base`.execute(tx);
    if (seq.rows.length === 0) throw notFound('Tenant');
    const base = Number(seq.rows[0]!.base);
    await chunked(rows.customers, size, (part) => sql`
      insert into customers (id, tenant_id, name, attributes, consent, created_at, updated_at)
      select x.id, ${tenantId}::uuid, x.name, '{}'::jsonb, '{}'::jsonb, x.at, x.at
      from jsonb_to_recordset(${JSON.stringify(part)}::jsonb) as x(id uuid, name text, at timestamptz)`.execute(tx));
    await chunked(rows.conversations, size, (part) => sql`
      insert into conversations (id, tenant_id, inbox_id, customer_id, status, assignee_id, tags, subject, last_seq, last_message_at, created_at, updated_at, resolved_at)
      select x.id, ${tenantId}::uuid, x.inbox_id, x.customer_id, 'resolved', x.assignee_id, x.tags, x.subject, x.last_seq, x.last_message_at, x.created_at, x.resolved_at, x.resolved_at
      from jsonb_to_recordset(${JSON.stringify(part)}::jsonb)
        as x(id uuid, inbox_id uuid, customer_id uuid, assignee_id uuid, tags text[], subject text, last_seq integer, last_message_at timestamptz, created_at timestamptz, resolved_at timestamptz)`.execute(tx));
    await chunked(rows.messages, size, (part) => sql`
      insert into messages (id, tenant_id, conversation_id, inbox_id, seq, direction, author_user_id, text, delivery_status, sentiment, created_at)
      select x.id, ${tenantId}::uuid, x.conversation_id, x.inbox_id, x.seq, x.direction, x.author_user_id, x.text, x.delivery_status, x.sentiment, x.at
      from jsonb_to_recordset(${JSON.stringify(part)}::jsonb)
        as x(id uuid, conversation_id uuid, inbox_id uuid, seq integer, direction text, author_user_id uuid, text text, delivery_status text, sentiment real, at timestamptz)`.execute(tx));
    await chunked(rows.surveys, size, (part) => sql`
      insert into survey_responses (id, tenant_id, customer_id, kind, score, comment, conversation_id, ticket_id, responded_at, created_at)
      select x.id, ${tenantId}::uuid, x.customer_id, x.kind, x.score, null, x.conversation_id, null, x.at, x.at
      from jsonb_to_recordset(${JSON.stringify(part)}::jsonb) as x(id uuid, customer_id uuid, kind text, score integer, conversation_id uuid, at timestamptz)`.execute(tx));

    if (n > 0) {
      const events = day.events.map((e, i) => ({
        id: e.id, n: i + 1, type: e.type, aggregate_type: e.aggregateType, aggregate_id: e.aggregateId, actor_id: e.actorId, topics: e.topics, payload: e.payload, at: iso(e.at),
      }));
      await chunked(events, size, (part) => sql`
        insert into events (id, tenant_id, seq, type, aggregate_type, aggregate_id, actor_id, topics, payload, created_at)
        select x.id, ${tenantId}::uuid, ${base}::bigint + x.n, x.type, x.aggregate_type, x.aggregate_id, x.actor_id, x.topics, x.payload, x.at
        from jsonb_to_recordset(${JSON.stringify(part)}::jsonb)
          as x(id uuid, n bigint, type text, aggregate_type text, aggregate_id text, actor_id uuid, topics text[], payload jsonb, at timestamptz)`.execute(tx));
      if (o.skipFollowers ?? true) {
        await skipFollower(tx, 'routing_cursors', tenantId, base, n);
        await skipFollower(tx, 'sla_cursors', tenantId, base, n);
        await skipFollower(tx, 'search_cursors', tenantId, base, n);
      }
    }
    return { events: n, conversations: rows.conversations.length, messages: rows.messages.length, customers: rows.customers.length, baseSeq: base };
  });
}
