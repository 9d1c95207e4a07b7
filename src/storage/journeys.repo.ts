import { sql, type RawBuilder } from 'kysely';
import type { JourneySignal } from '../core/journeys/touchpoints.ts';
import type { Executor } from './executor.ts';

/** Which customers a journey query reads: one (and those merged into it) or a set by a condition over `customers c`. */
export type JourneyScope = { customerId: string } | { where: RawBuilder<boolean> | null };

type SignalRow = {
  type: JourneySignal['type'];
  at_ms: number | string;
  customer_id: string;
  channel: string | null;
  conversation_id: string | null;
  ref: string | null;
  linked: boolean;
  label: string | null;
};

/** Conversation events that make touchpoints or outcomes (status changes only when the bot ended the flow). */
const CONVERSATION_TYPES = ['conversation.created', 'flow.session_started', 'flow.handed_over'];

/**
 * What a journey reads, in one statement: the customers in scope (with everyone merged into
 * them, whose rows count for their survivor), then one pass over the range's events of those
 * customers' conversations, their tickets' creation, their abandoned queue tasks and their
 * help center article views, plus their orders (by `ordered_at`) and survey answers.
 * Every branch is scoped by tenant; the partial indexes of migration 0028 serve the two
 * branches that find their customer or conversation only in the payload.
 */
export function journeysRepo(db: Executor) {
  return {
    /** Whether a known reader's view of an article was recorded since `since` (partial index of 0028). */
    async viewedSince(tenantId: string, customerId: string, articleId: string, since: Date): Promise<boolean> {
      const r = await sql<{ one: number }>`
        SELECT 1 AS one FROM events
        WHERE tenant_id = ${tenantId} AND type = 'help_center.article_viewed' AND (payload ->> 'customerId') = ${customerId}
          AND created_at >= ${since}::timestamptz AND (payload ->> 'articleId') = ${articleId}
        LIMIT 1`.execute(db);
      return r.rows.length > 0;
    },

    /** Customers of a set (not merged away). */
    async countCustomers(tenantId: string, where: RawBuilder<boolean> | null): Promise<number> {
      const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM customers c WHERE c.tenant_id = ${tenantId} AND c.merged_into IS NULL AND ${where ?? sql`TRUE`}`.execute(db);
      return r.rows[0]?.n ?? 0;
    },

    /**
     * The signals of the customers in scope in [from, to), in no particular order (core sorts the
     * touchpoints), each tied to the surviving customer. At most `limit` rows; `more` says whether the range held more (the caller refuses then).
     */
    async signals(tenantId: string, scope: JourneyScope, from: Date, to: Date, limit: number, opts: { lean?: boolean } = {}): Promise<{ signals: JourneySignal[]; more: boolean }> {
      const q = signalsQuery(tenantId, scope, from, to, limit, opts.lean);
      // One read of up to some 100,000 rows: JIT compilation would cost seconds (PostgreSQL turns it on
      // for the join estimates), and the hash joins want more than the default 4 MB of work memory.
      const run = async (x: Executor) => {
        await sql`SET LOCAL jit = off`.execute(x);
        await sql`SET LOCAL work_mem = '32MB'`.execute(x);
        return q.execute(x);
      };
      const r = db.isTransaction ? await run(db) : await db.transaction().execute(run);
      const more = r.rows.length > limit;
      const rows = more ? r.rows.slice(0, limit) : r.rows;
      return {
        more,
        signals: rows.map((x) => ({
          type: x.type, at: new Date(Number(x.at_ms)), customerId: x.customer_id, channel: x.channel, conversationId: x.conversation_id, ref: x.ref, linked: x.linked, label: x.label,
        })),
      };
    },
  };
}
export type JourneysRepo = ReturnType<typeof journeysRepo>;

/**
 * The one statement of `signals` (exported for EXPLAIN in the scale test). `lean` leaves out the
 * labels and refs (a segment's paths need neither), so a large read moves less data.
 */
export function signalsQuery(tenantId: string, scope: JourneyScope, from: Date, to: Date, limit: number, lean = false) {
  const base = 'customerId' in scope
    ? sql`SELECT c.id FROM customers c WHERE c.tenant_id = ${tenantId} AND c.id = ${scope.customerId}`
    : sql`SELECT c.id FROM customers c WHERE c.tenant_id = ${tenantId} AND c.merged_into IS NULL AND ${scope.where ?? sql`TRUE`}`;
  const range = (col: RawBuilder<unknown>) => sql`${col} >= ${from}::timestamptz AND ${col} < ${to}::timestamptz`;
  const detail = (expr: RawBuilder<unknown>) => (lean ? sql`NULL::text` : expr);
  return sql<SignalRow>`
    WITH RECURSIVE cust(id, owner) AS (
      SELECT b.id, b.id FROM (${base}) b
      UNION ALL
      SELECT c.id, k.owner FROM customers c JOIN cust k ON c.merged_into = k.id WHERE c.tenant_id = ${tenantId}
    ),
    conv AS MATERIALIZED (
      SELECT cv.id, cv.id::text AS key, k.owner, i.channel
      FROM conversations cv
      JOIN cust k ON cv.customer_id = k.id
      JOIN inboxes i ON i.tenant_id = cv.tenant_id AND i.id = cv.inbox_id
      WHERE cv.tenant_id = ${tenantId}
    )
    SELECT x.type, (extract(epoch FROM x.at) * 1000)::float8 AS at_ms, x.customer_id, x.channel, x.conversation_id, x.ref, x.linked, x.label FROM (
      SELECT CASE e.type WHEN 'conversation.created' THEN 'conversation' WHEN 'flow.session_started' THEN 'bot_started'
               WHEN 'flow.handed_over' THEN 'handover' ELSE 'bot_resolved' END AS type,
             e.created_at AS at, v.owner AS customer_id, v.channel, v.id::text AS conversation_id, NULL::text AS ref, false AS linked, NULL::text AS label
      FROM events e JOIN conv v ON e.aggregate_id = v.key
      WHERE e.tenant_id = ${tenantId} AND e.aggregate_type = 'conversation' AND ${range(sql`e.created_at`)}
        AND (e.type IN (${sql.join(CONVERSATION_TYPES)}) OR (e.type = 'conversation.status_changed' AND e.payload ->> 'reason' = 'flow_ended'))
      UNION ALL
      SELECT 'queue_abandoned', e.created_at, v.owner, v.channel, v.id::text, NULL, false, NULL
      FROM events e JOIN conv v ON (e.payload ->> 'sourceId') = v.key
      WHERE e.tenant_id = ${tenantId} AND e.type = 'task.abandoned' AND ${range(sql`e.created_at`)}
      UNION ALL
      SELECT 'ticket', e.created_at, k.owner, NULL, e.payload -> 'conversationIds' ->> 0, ${detail(sql`t.id::text`)},
             (jsonb_typeof(e.payload -> 'conversationIds') = 'array' AND jsonb_array_length(e.payload -> 'conversationIds') > 0), ${detail(sql`t.subject`)}
      FROM tickets t
      JOIN cust k ON t.requester_id = k.id
      JOIN events e ON e.tenant_id = t.tenant_id AND e.aggregate_type = 'ticket' AND e.aggregate_id = t.id::text AND e.type = 'ticket.created'
      WHERE t.tenant_id = ${tenantId} AND ${range(sql`e.created_at`)}
      UNION ALL
      SELECT 'help_center', e.created_at, k.owner, NULL, NULL, ${detail(sql`e.payload ->> 'articleId'`)}, false, ${detail(sql`e.payload ->> 'title'`)}
      FROM events e JOIN cust k ON (e.payload ->> 'customerId') = k.id::text
      WHERE e.tenant_id = ${tenantId} AND e.type = 'help_center.article_viewed' AND ${range(sql`e.created_at`)}
      UNION ALL
      SELECT 'purchase', o.ordered_at, k.owner, NULL, NULL, ${detail(sql`o.id::text`)}, false, ${detail(sql`o.currency || ' ' || o.total::text`)}
      FROM orders o JOIN cust k ON o.customer_id = k.id
      WHERE o.tenant_id = ${tenantId} AND o.status NOT IN ('cancelled', 'refunded') AND ${range(sql`o.ordered_at`)}
      UNION ALL
      SELECT 'survey', s.responded_at, k.owner, NULL, s.conversation_id::text, ${detail(sql`s.id::text`)}, false, ${detail(sql`s.kind || ' ' || s.score::text`)}
      FROM survey_responses s JOIN cust k ON s.customer_id = k.id
      WHERE s.tenant_id = ${tenantId} AND ${range(sql`s.responded_at`)}
    ) x
    LIMIT ${limit + 1}`;
}
