import { sql } from 'kysely';
import type { Executor } from './executor.ts';
import { executePrepared } from './prepared.ts';
import { conversationCols, type ConversationRow } from './conversations.repo.ts';
import type { AppendedHook } from './events.repo.ts';
import type { IdentityKind } from './schema.ts';

// The conversation columns, aliased as ConversationRow, read from the updated rows (`c`). Tags come
// as JSON: node-postgres parses a text[] character by character in JavaScript, JSON natively.
const convColumns = sql.raw(conversationCols.map((c) => {
  const [col, alias] = c.split(' as ');
  if (col === 'tags') return 'array_to_json(c.tags) as "tags"';
  return alias ? `c.${col} as "${alias}"` : `c.${col}`;
}).join(', '));

/** One inbound plain-text message of a batch, with everything decided before the statement. */
export interface BatchItem {
  providerMessageId: string;
  identity: { kind: IdentityKind; value: string };
  messageId: string;
  eventId: string;
  text: string;
  /** The text as the event's payload carries it (cut to its length there). */
  payloadText: string;
  sentiment: number | null;
  at: Date;
}

/** The statement of `write` (exported for EXPLAIN in diagnostics). */
export function writeStatement(tenantId: string, inboxId: string, at: Date, items: BatchItem[]) {
  return sql<ConversationRow & { k: number; seq: number; customer_id: string; queued: number }>`
    with w as (
      select * from unnest(
        ${items.map((_, k) => k)}::int[], ${items.map((i) => i.providerMessageId)}::text[],
        ${items.map((i) => i.identity.kind)}::text[], ${items.map((i) => i.identity.value)}::text[],
        ${items.map((i) => i.messageId)}::uuid[], ${items.map((i) => i.eventId)}::uuid[],
        ${items.map((i) => i.text)}::text[], ${items.map((i) => i.payloadText)}::text[],
        ${items.map((i) => i.sentiment)}::float8[], ${items.map((i) => i.at.toISOString())}::timestamptz[]
      ) as w(k, pid, kind, value, mid, eid, text, ptext, sentiment, at)
    ), owners as (
      select i.kind::text as kind, i.value, c.id, c.merged_into
      from customer_identities i
      join customers c on c.tenant_id = i.tenant_id and c.id = i.customer_id
      join (select distinct kind, value from w) v on v.kind = i.kind::text and v.value = i.value
      where i.tenant_id = ${tenantId}::uuid
      order by c.id
      for share of c
    ), latest as (
      select distinct on (customer_id) id, customer_id, status from conversations
      where tenant_id = ${tenantId}::uuid and inbox_id = ${inboxId}::uuid and customer_id in (select id from owners where merged_into is null)
      order by customer_id, id desc
    ), items as (
      select w.*, o.id as customer_id, l.id as conversation_id
      from w
      join owners o on o.kind = w.kind and o.value = w.value and o.merged_into is null
      join latest l on l.customer_id = o.id and l.status = 'open'
      where not exists (
        select 1 from messages m
        where m.tenant_id = ${tenantId}::uuid and m.inbox_id = ${inboxId}::uuid and m.provider_message_id = w.pid
      )
    ), counts as (
      select conversation_id, count(*)::int as n from items group by conversation_id
    ), c as (
      update conversations c set last_seq = c.last_seq + n.n, last_message_at = ${at}::timestamptz, updated_at = ${at}::timestamptz
      from counts n
      where c.tenant_id = ${tenantId}::uuid and c.id = n.conversation_id and c.status = 'open'
      returning c.*, n.n
    ), numbered as (
      select i.*, c.last_seq - c.n + row_number() over (partition by i.conversation_id order by i.k) as seq, c.assignee_id
      from items i join c on c.id = i.conversation_id
    ), msgs as (
      insert into messages (id, tenant_id, conversation_id, inbox_id, seq, direction, author_user_id, text, html, provider_message_id, delivery_status, created_at, sentiment)
      select n.mid, ${tenantId}::uuid, n.conversation_id, ${inboxId}::uuid, n.seq, 'inbound', null, n.text, null, n.pid, 'received', n.at, n.sentiment
      from numbered n
      returning id
    ), t as (
      update tenants s set event_seq = s.event_seq + (select count(*) from numbered)
      where s.id = ${tenantId}::uuid and exists (select 1 from numbered)
      returning s.event_seq - (select count(*) from numbered) as base
    ), ev as (
      insert into events (id, tenant_id, seq, type, aggregate_type, aggregate_id, actor_id, topics, payload, created_at)
      select n.eid, ${tenantId}::uuid, t.base + row_number() over (order by n.k), 'message.created', 'message', n.mid::text, null,
        array['tenant', 'conversation:' || n.conversation_id::text] || case when n.assignee_id is null then array[]::text[] else array['user:' || n.assignee_id::text] end,
        jsonb_build_object(
          'conversationId', n.conversation_id, 'inboxId', ${inboxId}::uuid, 'customerId', n.customer_id, 'seq', n.seq,
          'direction', 'inbound', 'assigneeId', n.assignee_id, 'text', n.ptext, 'sentiment', n.sentiment
        ),
        ${at}::timestamptz
      from numbered n, t
      returning id, seq
    ), queued as (
      insert into outbox (tenant_id, event_id, seq, created_at)
      select ${tenantId}::uuid, ev.id, ev.seq, ${at}::timestamptz from ev order by ev.seq
      returning 1
    )
    select n.k, n.seq, n.customer_id, ${convColumns}, (select count(*) from queued)::int as queued
    from numbered n join c on c.id = n.conversation_id
    order by n.k`;
}

/** What the statement stored for one item. */
export interface BatchStored {
  /** The item's index in the list given. */
  index: number;
  seq: number;
  customerId: string;
  conversation: ConversationRow;
}

/**
 * Batched message intake (core/conversations/intake-batch.ts) as ONE statement, its own
 * transaction (decision 024): a tick's inbound messages of one tenant and inbox, where single
 * intake spends about ten round trips per message and a batch of separate statements six.
 */
export function intakeBatchRepo(db: Executor, appended?: AppendedHook) {
  return {
    /**
     * Stores the items that are the common case — a known sender (not merged) writing to its latest
     * conversation on the inbox, which is open, with a provider id the inbox has not seen — and
     * leaves the rest untouched, for single intake. For those it stores, in one statement:
     * - share-locks the senders' customer rows (in id order), so a merge waits for it;
     * - takes message numbers on each conversation (its row lock orders writers of a conversation),
     *   in the order of the list;
     * - inserts the messages; a provider id stored meanwhile by another writer is a unique
     *   violation, and the whole statement fails, storing nothing;
     * - appends a `message.created` event per message, with its outbox row, numbered here: the
     *   tenant's counter row is locked last (after every conversation), until this statement commits,
     *   so event seqs stay gapless and in commit order (decision 024).
     * The event's topics and payload are what single intake writes (conversationTopics, and the
     * payload of intake.ts); the batch test compares them.
     */
    async write(tenantId: string, inboxId: string, at: Date, items: BatchItem[]): Promise<BatchStored[]> {
      if (items.length === 0) return [];
      const r = await executePrepared(db, writeStatement(tenantId, inboxId, at, items));
      if (r.rows.length > 0) {
        // Every stored message has its event, unless the tenant row was deleted under the statement:
        // then the tenant's conversations and messages go with it, and nothing stored is usable.
        if (Number(r.rows[0]!.queued) !== r.rows.length) throw new Error(`tenant ${tenantId} not found: its events cannot be numbered`);
        appended?.({ numbered: true });
      }
      return r.rows.map((x) => {
        const { k, seq, customer_id, queued: _q, ...conv } = x;
        return { index: Number(k), seq: Number(seq), customerId: customer_id, conversation: { ...(conv as ConversationRow), lastSeq: Number(conv.lastSeq) } };
      });
    },
  };
}
