import { sql, type RawBuilder } from 'kysely';
import type { Executor } from './executor.ts';
import type { SearchKind } from './schema.ts';
import { visibleTicketsWhere, type TicketScope } from './ticket-visibility.repo.ts';

export type { SearchKind } from './schema.ts';

/** One row of the index, as the indexer writes it. */
export interface SearchDoc {
  kind: SearchKind;
  refId: string;
  conversationId: string | null;
  customerId: string | null;
  ticketId: string | null;
  inboxId: string | null;
  status: string | null;
  body: string;
  /** A tsvector literal (core/search/terms.ts). */
  tokens: string;
  createdAt: Date;
}

export interface MessageSource { id: string; conversationId: string; inboxId: string; customerId: string; status: string; text: string; createdAt: Date }
export interface ConversationSource { id: string; inboxId: string; customerId: string; status: string; subject: string | null; tags: string[]; customerName: string; createdAt: Date }
export interface CustomerSource { id: string; name: string; company: string | null; tags: string[]; identities: string[]; createdAt: Date; gone: boolean }
export interface TicketSource { id: string; number: number; subject: string; status: string; tags: string[]; requesterId: string | null; comments: string; createdAt: Date }

export interface SearchFilter {
  kinds: SearchKind[];
  inboxId?: string;
  customerId?: string;
  status?: string;
  from?: Date;
  to?: Date;
}
export interface SearchAfter {
  rank: string;
  at: string;
  id: string;
}
export interface SearchHit {
  kind: SearchKind;
  refId: string;
  conversationId: string | null;
  customerId: string | null;
  ticketId: string | null;
  inboxId: string | null;
  status: string | null;
  body: string;
  createdAt: Date;
  /** created_at as PostgreSQL prints it: exact to the microsecond, for the cursor. */
  atKey: string;
  rank: number;
  /** The rank as PostgreSQL prints it (a real), for the cursor. */
  rankKey: string;
}

/** Rows written per INSERT. */
const WRITE_BATCH = 500;

const uuidList = (ids: readonly string[]): RawBuilder<unknown> => sql`${sql.val([...ids])}::uuid[]`;

export function searchRepo(db: Executor) {
  return {
    /** The tenant's cursor row, created at 0 and locked until the transaction ends. */
    async lockCursor(tenantId: string): Promise<{ seq: number; generation: number }> {
      await db.insertInto('search_cursors').values({ tenant_id: tenantId }).onConflict((oc) => oc.column('tenant_id').doNothing()).execute();
      const row = await db.selectFrom('search_cursors').select(['seq', 'generation']).where('tenant_id', '=', tenantId).forUpdate().executeTakeFirstOrThrow();
      return { seq: Number(row.seq), generation: Number(row.generation) };
    },
    async cursor(tenantId: string): Promise<{ seq: number; generation: number }> {
      const row = await db.selectFrom('search_cursors').select(['seq', 'generation']).where('tenant_id', '=', tenantId).executeTakeFirst();
      return { seq: Number(row?.seq ?? 0), generation: Number(row?.generation ?? 0) };
    },
    async setCursor(tenantId: string, seq: number, generation: number, at: Date): Promise<void> {
      await db.updateTable('search_cursors').set({ seq, generation, updated_at: at }).where('tenant_id', '=', tenantId).execute();
    },
    /** Tenants whose events the indexer has not read to the end. */
    async tenantsBehind(): Promise<string[]> {
      const rows = await db
        .selectFrom('tenants as t')
        .leftJoin('search_cursors as c', 'c.tenant_id', 't.id')
        .select('t.id')
        .where(sql<boolean>`t.event_seq > coalesce(c.seq, 0)`)
        .execute();
      return rows.map((r) => r.id);
    },
    async eventSeq(tenantId: string): Promise<number> {
      const row = await db.selectFrom('tenants').select('event_seq').where('id', '=', tenantId).executeTakeFirst();
      return Number(row?.event_seq ?? 0);
    },

    async upsert(tenantId: string, docs: SearchDoc[], generation: number): Promise<void> {
      // A column array per field (not a VALUES row per document): a dozen parameters a statement
      // instead of thousands, which PostgreSQL parses and plans faster (bench/chat-intake.ts).
      for (let i = 0; i < docs.length; i += WRITE_BATCH) {
        const chunk = docs.slice(i, i + WRITE_BATCH);
        const col = <T>(f: (d: SearchDoc) => T) => chunk.map(f);
        await sql`insert into search_documents as sd (tenant_id, kind, ref_id, conversation_id, customer_id, ticket_id, inbox_id, status, body, tokens, created_at, generation)
          select ${tenantId}::uuid, u.kind, u.ref_id, u.conversation_id, u.customer_id, u.ticket_id, u.inbox_id, u.status, u.body, u.tokens::tsvector, u.created_at, ${generation}::int
          from unnest(${col((d) => d.kind)}::text[], ${col((d) => d.refId)}::uuid[], ${col((d) => d.conversationId)}::uuid[], ${col((d) => d.customerId)}::uuid[],
            ${col((d) => d.ticketId)}::uuid[], ${col((d) => d.inboxId)}::uuid[], ${col((d) => d.status)}::text[], ${col((d) => d.body)}::text[], ${col((d) => d.tokens)}::text[],
            ${col((d) => new Date(d.createdAt).toISOString())}::timestamptz[])
            as u(kind, ref_id, conversation_id, customer_id, ticket_id, inbox_id, status, body, tokens, created_at)
          on conflict (tenant_id, kind, ref_id) do update set conversation_id = excluded.conversation_id, customer_id = excluded.customer_id, ticket_id = excluded.ticket_id,
            inbox_id = excluded.inbox_id, status = excluded.status, body = excluded.body, tokens = excluded.tokens, created_at = excluded.created_at, generation = excluded.generation`.execute(db);
      }
    },
    async remove(tenantId: string, kind: SearchKind, refIds: readonly string[]): Promise<void> {
      if (refIds.length === 0) return;
      await db.deleteFrom('search_documents').where('tenant_id', '=', tenantId).where('kind', '=', kind).where('ref_id', 'in', [...refIds]).execute();
    },
    /** After a rebuild: what it did not write again no longer exists. */
    async removeOlderThan(tenantId: string, generation: number): Promise<number> {
      const r = await db.deleteFrom('search_documents').where('tenant_id', '=', tenantId).where('generation', '<', generation).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    /** Message documents of these conversations take the conversation's inbox, customer and status. */
    async refreshMessagesOf(tenantId: string, conversationIds: readonly string[]): Promise<void> {
      if (conversationIds.length === 0) return;
      await sql`UPDATE search_documents sd SET inbox_id = c.inbox_id, customer_id = c.customer_id, status = c.status
        FROM conversations c
        WHERE sd.tenant_id = ${tenantId} AND sd.kind = 'message' AND sd.conversation_id = ANY(${uuidList(conversationIds)})
          AND c.tenant_id = sd.tenant_id AND c.id = sd.conversation_id
          AND (sd.inbox_id IS DISTINCT FROM c.inbox_id OR sd.customer_id IS DISTINCT FROM c.customer_id OR sd.status IS DISTINCT FROM c.status)`.execute(db);
    },

    // --- reading the present rows ---

    async idsAfter(tenantId: string, kind: SearchKind, afterId: string | null, limit: number): Promise<string[]> {
      const table = ({ message: 'messages', conversation: 'conversations', customer: 'customers', ticket: 'tickets' } as const)[kind];
      let q = db.selectFrom(table).select('id').where('tenant_id', '=', tenantId);
      if (afterId) q = q.where('id', '>', afterId);
      const rows = await q.orderBy('id').limit(limit).execute();
      return rows.map((r) => r.id);
    },
    async messages(tenantId: string, ids: readonly string[]): Promise<MessageSource[]> {
      if (ids.length === 0) return [];
      return db
        .selectFrom('messages as m')
        .innerJoin('conversations as c', (j) => j.onRef('c.tenant_id', '=', 'm.tenant_id').onRef('c.id', '=', 'm.conversation_id'))
        .select(['m.id', 'm.conversation_id as conversationId', 'c.inbox_id as inboxId', 'c.customer_id as customerId', 'c.status', 'm.text', 'm.created_at as createdAt'])
        .where('m.tenant_id', '=', tenantId)
        .where('m.id', 'in', [...ids])
        .execute();
    },
    async messageIdsOf(tenantId: string, conversationIds: readonly string[]): Promise<string[]> {
      if (conversationIds.length === 0) return [];
      const rows = await db.selectFrom('messages').select('id').where('tenant_id', '=', tenantId).where('conversation_id', 'in', [...conversationIds]).execute();
      return rows.map((r) => r.id);
    },
    /** Conversations of these customers now, and those the index still files under them. */
    async conversationIdsOf(tenantId: string, customerIds: readonly string[]): Promise<string[]> {
      if (customerIds.length === 0) return [];
      const rows = await sql<{ id: string }>`SELECT id FROM conversations WHERE tenant_id = ${tenantId} AND customer_id = ANY(${uuidList(customerIds)})
        UNION SELECT ref_id FROM search_documents WHERE tenant_id = ${tenantId} AND kind = 'conversation' AND customer_id = ANY(${uuidList(customerIds)})`.execute(db);
      return rows.rows.map((r) => r.id);
    },
    async conversations(tenantId: string, ids: readonly string[]): Promise<ConversationSource[]> {
      if (ids.length === 0) return [];
      return db
        .selectFrom('conversations as c')
        .innerJoin('customers as cu', (j) => j.onRef('cu.tenant_id', '=', 'c.tenant_id').onRef('cu.id', '=', 'c.customer_id'))
        .select(['c.id', 'c.inbox_id as inboxId', 'c.customer_id as customerId', 'c.status', 'c.subject', 'c.tags', 'cu.name as customerName', 'c.created_at as createdAt'])
        .where('c.tenant_id', '=', tenantId)
        .where('c.id', 'in', [...ids])
        .execute();
    },
    async customers(tenantId: string, ids: readonly string[]): Promise<CustomerSource[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('customers as c')
        .select((eb) => [
          'c.id',
          'c.name',
          'c.company',
          'c.tags',
          'c.created_at as createdAt',
          sql<boolean>`(c.merged_into IS NOT NULL OR c.erased_at IS NOT NULL)`.as('gone'),
          eb
            .selectFrom('customer_identities as i')
            .select(sql<string[]>`coalesce(array_agg(i.value ORDER BY i.value), '{}')`.as('v'))
            .whereRef('i.tenant_id', '=', 'c.tenant_id')
            .whereRef('i.customer_id', '=', 'c.id')
            .as('identities'),
        ])
        .where('c.tenant_id', '=', tenantId)
        .where('c.id', 'in', [...ids])
        .execute();
      return rows.map((r) => ({ ...r, identities: r.identities ?? [] }));
    },
    async tickets(tenantId: string, ids: readonly string[]): Promise<TicketSource[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('tickets as t')
        .select((eb) => [
          't.id',
          't.number',
          't.subject',
          't.status',
          't.tags',
          't.requester_id as requesterId',
          't.created_at as createdAt',
          eb
            .selectFrom('ticket_comments as tc')
            .select(sql<string>`left(coalesce(string_agg(tc.text, ' ' ORDER BY tc.id), ''), 20000)`.as('x'))
            .whereRef('tc.tenant_id', '=', 't.tenant_id')
            .whereRef('tc.ticket_id', '=', 't.id')
            .as('comments'),
        ])
        .where('t.tenant_id', '=', tenantId)
        .where('t.id', 'in', [...ids])
        .execute();
      return rows.map((r) => ({ ...r, number: Number(r.number), comments: r.comments ?? '' }));
    },

    // --- searching ---

    /**
     * One page of matches, best first (ts_rank, then newest). Ranking is done within the newest
     * `window` matches of the tenant, found in one of two ways (docs/decisions/009-search.md):
     * first by walking the tenant's newest `walk` documents (recency index, stops at `window`
     * matches), which is cheap and enough for any term that is not rare; only when that finds
     * fewer than `window` does the GIN index collect every match. The planner's own estimates
     * are poor for phrases and CJK pairs (correlated lexemes), so the choice is not left to it.
     */
    async search(tenantId: string, tsquery: string, f: SearchFilter, scope: TicketScope, page: { limit: number; after?: SearchAfter }, window = 500, walk = 20_000): Promise<SearchHit[]> {
      if (f.kinds.length === 0) return [];
      const conds = [sql`sd.tenant_id = ${tenantId}`, sql`sd.kind IN (${sql.join(f.kinds)})`];
      if (f.inboxId) conds.push(sql`sd.inbox_id = ${f.inboxId}`);
      if (f.customerId) conds.push(sql`sd.customer_id = ${f.customerId}`);
      if (f.status) conds.push(sql`sd.status = ${f.status}`);
      if (f.from) conds.push(sql`sd.created_at >= ${f.from}`);
      if (f.to) conds.push(sql`sd.created_at < ${f.to}`);
      if (f.kinds.includes('ticket') && !scope.all) {
        conds.push(sql`(sd.kind <> 'ticket' OR EXISTS (SELECT 1 FROM tickets vt WHERE vt.tenant_id = sd.tenant_id AND vt.id = sd.ref_id AND ${visibleTicketsWhere(null as never, scope, 'vt')}))`);
      }
      const where = sql.join(conds, sql` AND `);
      const cols = sql`sd.kind, sd.ref_id, sd.conversation_id, sd.customer_id, sd.ticket_id, sd.inbox_id, sd.status, sd.body, sd.created_at, sd.tokens`;
      const after = page.after
        ? sql`WHERE (r.rank, r.created_at, r.ref_id) < (${page.after.rank}::real, ${page.after.at}::timestamptz, ${page.after.id}::uuid)`
        : sql``;
      const rows = await sql<SearchHit>`
        WITH recent AS MATERIALIZED (
          SELECT w.* FROM (
            SELECT ${cols} FROM search_documents sd WHERE ${where}
            ORDER BY sd.created_at DESC, sd.ref_id DESC LIMIT ${walk}
          ) w
          WHERE w.tokens @@ ${tsquery}::tsquery
          ORDER BY w.created_at DESC, w.ref_id DESC
          LIMIT ${window}
        ), enough AS (
          SELECT count(*) >= ${window} AS yes FROM recent
        ), cand AS (
          SELECT * FROM recent WHERE (SELECT yes FROM enough)
          UNION ALL
          SELECT * FROM (
            SELECT ${cols} FROM search_documents sd
            WHERE ${where} AND sd.tokens @@ ${tsquery}::tsquery AND NOT (SELECT yes FROM enough)
            ORDER BY sd.created_at DESC, sd.ref_id DESC
            LIMIT ${window}
          ) g
        ), r AS (
          SELECT cand.*, ts_rank(cand.tokens, ${tsquery}::tsquery) AS rank FROM cand
        )
        SELECT r.kind, r.ref_id AS "refId", r.conversation_id AS "conversationId", r.customer_id AS "customerId", r.ticket_id AS "ticketId",
          r.inbox_id AS "inboxId", r.status, r.body, r.created_at AS "createdAt", r.created_at::text AS "atKey", r.rank, r.rank::text AS "rankKey"
        FROM r ${after}
        ORDER BY r.rank DESC, r.created_at DESC, r.ref_id DESC
        LIMIT ${page.limit + 1}`.execute(db);
      return rows.rows.map((h) => ({ ...h, rank: Number(h.rank) }));
    },
    /** Names and subjects for the results' titles. */
    async labels(tenantId: string, ids: { customers: string[]; conversations: string[]; tickets: string[] }) {
      const [customers, conversations, tickets] = await Promise.all([
        ids.customers.length ? db.selectFrom('customers').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', 'in', ids.customers).execute() : [],
        ids.conversations.length ? db.selectFrom('conversations').select(['id', 'subject']).where('tenant_id', '=', tenantId).where('id', 'in', ids.conversations).execute() : [],
        ids.tickets.length ? db.selectFrom('tickets').select(['id', 'number', 'subject']).where('tenant_id', '=', tenantId).where('id', 'in', ids.tickets).execute() : [],
      ]);
      return {
        customers: new Map(customers.map((c) => [c.id, c.name])),
        conversations: new Map(conversations.map((c) => [c.id, c.subject])),
        tickets: new Map(tickets.map((t) => [t.id, { number: Number(t.number), subject: t.subject }])),
      };
    },
  };
}
export type SearchRepo = ReturnType<typeof searchRepo>;
