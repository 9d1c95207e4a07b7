import { sql } from 'kysely';
import type { Executor } from './executor.ts';
import { conversationCols, type ConversationRow } from './conversations.repo.ts';
import type { MessageRow } from './messages.repo.ts';
import type { IdentityKind } from './schema.ts';

// The conversation columns, aliased as ConversationRow, for a raw RETURNING.
const returning = sql.raw(conversationCols.map((c) => {
  const [col, alias] = c.split(' as ');
  return alias ? `c.${col} as "${alias}"` : `c.${col}`;
}).join(', '));

/**
 * The few set-based statements of batched message intake (core/conversations/intake-batch.ts): a
 * tick's inbound messages of one tenant in one transaction, a statement per step instead of a
 * statement per step per message. Every query is scoped by the tenant.
 */
export function intakeBatchRepo(db: Executor) {
  return {
    /**
     * What a batch needs to know before it writes, in one statement: which provider message ids
     * the inbox already has; the owners of these identities, their customer rows share-locked (in
     * id order) until the transaction ends (batches do not wait for each other, while a merge, or
     * single intake, which locks the row for update, waits for the batch; merged ones say so); and
     * each unmerged owner's latest conversation on the inbox.
     */
    async prepare(tenantId: string, inboxId: string, providerIds: string[], identities: { kind: IdentityKind; value: string }[]): Promise<{
      seen: Set<string>;
      owners: Map<string, { customerId: string; mergedInto: string | null }>;
      latest: Map<string, { id: string; status: string }>;
    }> {
      const rows = await sql<{ k: 's' | 'o' | 'l'; a: string; b: string | null; c: string | null; d: string | null }>`
        with owners as (
          select i.kind::text as kind, i.value, c.id, c.merged_into
          from customer_identities i
          join customers c on c.tenant_id = i.tenant_id and c.id = i.customer_id
          join unnest(${identities.map((i) => i.kind)}::text[], ${identities.map((i) => i.value)}::text[]) as w(kind, value)
            on w.kind = i.kind::text and w.value = i.value
          where i.tenant_id = ${tenantId}::uuid
          order by c.id
          for share of c
        )
        select 's' as k, provider_message_id as a, null as b, null as c, null as d from messages
          where tenant_id = ${tenantId}::uuid and inbox_id = ${inboxId}::uuid and provider_message_id = any(${providerIds}::text[])
        union all
        select 'o', kind, value, id::text, merged_into::text from owners
        union all
        select * from (select distinct on (customer_id) 'l', id::text, customer_id::text, status, null from conversations
          where tenant_id = ${tenantId}::uuid and inbox_id = ${inboxId}::uuid and customer_id in (select id from owners where merged_into is null)
          order by customer_id, id desc) l`.execute(db);
      const out = { seen: new Set<string>(), owners: new Map<string, { customerId: string; mergedInto: string | null }>(), latest: new Map<string, { id: string; status: string }>() };
      for (const r of rows.rows) {
        if (r.k === 's') out.seen.add(r.a);
        else if (r.k === 'o') out.owners.set(`${r.a}:${r.b}`, { customerId: r.c!, mergedInto: r.d });
        else out.latest.set(r.b!, { id: r.a, status: r.c! });
      }
      return out;
    },
    /**
     * Takes `count` message numbers on each open conversation (the row lock orders writers of one
     * conversation); returns the rows after the update. A conversation that is no longer open is left
     * out, untouched.
     */
    async takeSeqs(tenantId: string, counts: Map<string, number>, at: Date): Promise<ConversationRow[]> {
      if (counts.size === 0) return [];
      const ids = [...counts.keys()].sort();
      const rows = await sql<ConversationRow>`
        update conversations c set last_seq = c.last_seq + w.n, last_message_at = ${at}::timestamptz, updated_at = ${at}::timestamptz
        from unnest(${ids}::uuid[], ${ids.map((id) => counts.get(id)!)}::int[]) as w(id, n)
        where c.tenant_id = ${tenantId}::uuid and c.id = w.id and c.status = 'open'
        returning ${returning}`.execute(db);
      return rows.rows.map((r) => ({ ...r, lastSeq: Number(r.lastSeq) }));
    },
    /** Inserts the messages; false (and nothing should commit) when any provider id was taken meanwhile. */
    async insertMessages(rows: (Omit<MessageRow, 'createdAt'> & { at: Date; sentiment?: number | null })[]): Promise<boolean> {
      if (rows.length === 0) return true;
      const r = await db
        .insertInto('messages')
        .values(rows.map((m) => ({
          id: m.id, tenant_id: m.tenantId, conversation_id: m.conversationId, inbox_id: m.inboxId, seq: m.seq, direction: m.direction,
          author_user_id: m.authorUserId, text: m.text, html: m.html, provider_message_id: m.providerMessageId, delivery_status: m.deliveryStatus, created_at: m.at,
          sentiment: m.sentiment ?? null,
        })))
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .execute();
      return r.length === rows.length;
    },
  };
}
