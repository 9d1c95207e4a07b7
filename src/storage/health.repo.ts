import { sql } from 'kysely';
import type { Page } from '../contracts/common.ts';
import { AppError } from '../core/errors.ts';
import type { Executor } from './executor.ts';

const DAY = 86_400_000;
const ago = (now: Date, days: number) => new Date(now.getTime() - days * DAY);

/** The raw numbers behind a customer's health signals (core/health/signals.ts shapes them). */
export interface RawSignals {
  avgCsat: number | null;
  csatCount: number;
  latestNps: number | null;
  avgSentiment: number | null;
  sentimentCount: number;
  openTickets: number;
  conversations30d: number;
  conversations180d: number;
  lastOrderAt: Date | null;
  spendLast90d: number;
  spendPrev90d: number;
}

export interface HealthRow {
  customerId: string;
  score: number;
  band: 'healthy' | 'watch' | 'at_risk';
  factors: unknown[];
  computedAt: Date;
}

export interface AtRiskRow extends HealthRow {
  name: string;
  company: string | null;
  tags: string[];
}

export interface AtRiskFilter {
  band?: 'healthy' | 'watch' | 'at_risk';
  minScore?: number;
  maxScore?: number;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const COUNTING = ['cancelled', 'refunded'];

/** Keyset cursor over (score, customer id), lowest first. */
function encodeScoreCursor(score: number, id: string) {
  return Buffer.from(`${score}:${id}`, 'utf8').toString('base64url');
}
function decodeScoreCursor(cursor: string | undefined): { score: number; id: string } | undefined {
  if (!cursor) return undefined;
  const m = /^(\d{1,3}):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new AppError('invalid', 'The cursor is not one this API returned; pass nextCursor from the previous page unchanged', [{ path: 'cursor', message: 'unknown cursor' }]);
  return { score: Number(m[1]), id: m[2]! };
}

/** Health signals and stored scores; every query scoped by tenant. */
export function healthRepo(db: Executor) {
  return {
    /** Everything the score reads about one customer, as of `now` (windows end at `now`). */
    async rawSignals(tenantId: string, customerId: string, now: Date): Promise<RawSignals> {
      const d30 = ago(now, 30);
      const d90 = ago(now, 90);
      const d180 = ago(now, 180);
      const r = await sql<Record<string, unknown>>`
        SELECT
          (SELECT avg(score)::float8 FROM survey_responses
            WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} AND kind = 'csat' AND responded_at > ${d90} AND responded_at <= ${now}) AS avg_csat,
          (SELECT count(*)::int FROM survey_responses
            WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} AND kind = 'csat' AND responded_at > ${d90} AND responded_at <= ${now}) AS csat_count,
          (SELECT score FROM survey_responses
            WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} AND kind = 'nps' AND responded_at > ${d90} AND responded_at <= ${now}
            ORDER BY responded_at DESC, id DESC LIMIT 1) AS latest_nps,
          (SELECT avg(m.sentiment)::float8 FROM messages m
            JOIN conversations c ON c.tenant_id = m.tenant_id AND c.id = m.conversation_id
            WHERE c.tenant_id = ${tenantId} AND c.customer_id = ${customerId} AND m.direction = 'inbound'
              AND m.sentiment IS NOT NULL AND m.created_at > ${d30} AND m.created_at <= ${now}) AS avg_sentiment,
          (SELECT count(*)::int FROM messages m
            JOIN conversations c ON c.tenant_id = m.tenant_id AND c.id = m.conversation_id
            WHERE c.tenant_id = ${tenantId} AND c.customer_id = ${customerId} AND m.direction = 'inbound'
              AND m.sentiment IS NOT NULL AND m.created_at > ${d30} AND m.created_at <= ${now}) AS sentiment_count,
          (SELECT count(*)::int FROM tickets
            WHERE tenant_id = ${tenantId} AND requester_id = ${customerId} AND status NOT IN ('solved', 'closed')) AS open_tickets,
          (SELECT count(*)::int FROM conversations
            WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} AND created_at > ${d30} AND created_at <= ${now}) AS conversations_30d,
          (SELECT count(*)::int FROM conversations
            WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} AND created_at > ${d180} AND created_at <= ${now}) AS conversations_180d,
          (SELECT max(ordered_at) FROM orders
            WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} AND status NOT IN (${sql.join(COUNTING)}) AND ordered_at <= ${now}) AS last_order_at,
          (SELECT coalesce(sum(total), 0)::float8 FROM orders
            WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} AND status NOT IN (${sql.join(COUNTING)}) AND ordered_at > ${d90} AND ordered_at <= ${now}) AS spend_last_90d,
          (SELECT coalesce(sum(total), 0)::float8 FROM orders
            WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} AND status NOT IN (${sql.join(COUNTING)}) AND ordered_at > ${d180} AND ordered_at <= ${d90}) AS spend_prev_90d
      `.execute(db);
      const x = r.rows[0]!;
      const last = x.last_order_at;
      return {
        avgCsat: num(x.avg_csat),
        csatCount: Number(x.csat_count),
        latestNps: num(x.latest_nps),
        avgSentiment: num(x.avg_sentiment),
        sentimentCount: Number(x.sentiment_count),
        openTickets: Number(x.open_tickets),
        conversations30d: Number(x.conversations_30d),
        conversations180d: Number(x.conversations_180d),
        lastOrderAt: last === null || last === undefined ? null : new Date(last as string | Date),
        spendLast90d: Number(x.spend_last_90d),
        spendPrev90d: Number(x.spend_prev_90d),
      };
    },

    /**
     * Open tickets of the customer whose SLA was breached. SLA (`ticket_sla`, migration 0007) is
     * another part of issue 4: until that table exists this answers null, which the score treats
     * as "not available" (neutral).
     */
    async breachedTicketsOrNull(tenantId: string, customerId: string): Promise<number | null> {
      const has = await sql<{ present: boolean }>`SELECT to_regclass('ticket_sla') IS NOT NULL AS present`.execute(db);
      if (!has.rows[0]?.present) return null;
      try {
        const r = await sql<{ n: number }>`
          SELECT count(DISTINCT t.id)::int AS n FROM tickets t
          WHERE t.tenant_id = ${tenantId} AND t.requester_id = ${customerId} AND t.status NOT IN ('solved', 'closed')
            AND EXISTS (SELECT 1 FROM ticket_sla s WHERE s.tenant_id = t.tenant_id AND s.ticket_id = t.id AND s.breached_at IS NOT NULL)`.execute(db);
        return Number(r.rows[0]?.n ?? 0);
      } catch {
        // ticket_sla exists but not in the shape assumed (tenant_id, ticket_id, breached_at): not available.
        // Never called inside a transaction (core/health/signals.ts reads outside one), so a failed read aborts nothing.
        return null;
      }
    },

    async get(tenantId: string, customerId: string): Promise<HealthRow | undefined> {
      return db
        .selectFrom('customer_health')
        .select(['customer_id as customerId', 'score', 'band', 'factors', 'computed_at as computedAt'])
        .where('tenant_id', '=', tenantId)
        .where('customer_id', '=', customerId)
        .executeTakeFirst();
    },

    async upsert(tenantId: string, h: HealthRow): Promise<void> {
      const factors = JSON.stringify(h.factors);
      await db
        .insertInto('customer_health')
        .values({ tenant_id: tenantId, customer_id: h.customerId, score: h.score, band: h.band, factors, computed_at: h.computedAt })
        .onConflict((oc) => oc.columns(['tenant_id', 'customer_id']).doUpdateSet({ score: h.score, band: h.band, factors, computed_at: h.computedAt }))
        .execute();
    },

    /** Every workspace, for the hourly job (which then works one tenant at a time). */
    async tenantIds(): Promise<string[]> {
      return (await db.selectFrom('tenants').select('id').orderBy('id').execute()).map((r) => r.id);
    },

    /** Live (not merged) customers of a tenant in id order, a batch after `afterId`. */
    async customerBatch(tenantId: string, afterId: string | null, limit: number): Promise<string[]> {
      let q = db.selectFrom('customers').select('id').where('tenant_id', '=', tenantId).where('merged_into', 'is', null);
      if (afterId) q = q.where('id', '>', afterId);
      return (await q.orderBy('id').limit(limit).execute()).map((r) => r.id);
    },

    /** Stored scores, lowest first (live customers only), keyset on (score, customer id). */
    async atRisk(tenantId: string, args: { limit: number; cursor?: string } & AtRiskFilter): Promise<Page<AtRiskRow>> {
      const after = decodeScoreCursor(args.cursor);
      let q = db
        .selectFrom('customer_health as h')
        .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'h.tenant_id').onRef('c.id', '=', 'h.customer_id'))
        .select(['h.customer_id as customerId', 'h.score', 'h.band', 'h.factors', 'h.computed_at as computedAt', 'c.name', 'c.company', 'c.tags'])
        .where('h.tenant_id', '=', tenantId)
        .where('c.merged_into', 'is', null);
      if (args.band) q = q.where('h.band', '=', args.band);
      if (args.minScore !== undefined) q = q.where('h.score', '>=', args.minScore);
      if (args.maxScore !== undefined) q = q.where('h.score', '<=', args.maxScore);
      if (after) q = q.where((eb) => eb.or([eb('h.score', '>', after.score), eb.and([eb('h.score', '=', after.score), eb('h.customer_id', '>', after.id)])]));
      const rows = await q.orderBy('h.score', 'asc').orderBy('h.customer_id', 'asc').limit(args.limit + 1).execute();
      const more = rows.length > args.limit;
      const items = more ? rows.slice(0, args.limit) : rows;
      const last = items[items.length - 1];
      return { items, nextCursor: more && last ? encodeScoreCursor(last.score, last.customerId) : null };
    },
  };
}
export type HealthRepo = ReturnType<typeof healthRepo>;
