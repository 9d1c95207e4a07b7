import { sql, type RawBuilder } from 'kysely';
import type { CompareOp, SegmentCondition, SegmentDefinition } from '../../contracts/segments.ts';

/**
 * Compiles a validated segment definition into one SQL condition over `customers c` (the alias
 * the segments repo queries with). Every user value goes in as a parameter; identifiers and
 * operators come only from the closed maps below, never from input.
 */

const DAY = 86_400_000;
const ago = (now: Date, days: number) => new Date(now.getTime() - days * DAY);

/** Closed set: a comparison op → its SQL operator. */
const OPS: Record<CompareOp, string> = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };
const FIELD_COLUMNS = { name: 'c.name', company: 'c.company', language: 'c.language', timezone: 'c.time_zone' } as const;
const NOT_SPENDING = ['cancelled', 'refunded'];

type Cond = RawBuilder<boolean>;
const TRUE: Cond = sql<boolean>`TRUE`;
const FALSE: Cond = sql<boolean>`FALSE`;
const likeEscape = (s: string) => `%${s.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
/** `lhs op value`; a number is cast to numeric so counts, sums and averages compare alike. */
const cmp = (lhs: RawBuilder<unknown>, op: CompareOp, value: unknown): Cond =>
  typeof value === 'number' ? sql<boolean>`(${lhs} ${sql.raw(OPS[op])} ${value}::numeric)` : sql<boolean>`(${lhs} ${sql.raw(OPS[op])} ${value})`;

function combine(match: 'all' | 'any', parts: Cond[]): Cond {
  if (parts.length === 0) return match === 'all' ? TRUE : FALSE;
  return sql<boolean>`(${sql.join(parts, sql.raw(match === 'all' ? ' AND ' : ' OR '))})`;
}

function condition(c: SegmentCondition, now: Date): Cond {
  switch (c.kind) {
    case 'group':
      return combine(c.match, c.conditions.map((x) => condition(x, now)));
    case 'field': {
      const col = sql.ref(FIELD_COLUMNS[c.field]);
      if (c.op === 'empty') return sql<boolean>`(${col} IS NULL OR btrim(${col}) = '')`;
      if (c.op === 'eq') return sql<boolean>`(lower(${col}) = lower(${c.value ?? ''}))`;
      return sql<boolean>`(${col} ILIKE ${likeEscape(c.value ?? '')})`;
    }
    case 'tag':
      return c.op === 'has' ? sql<boolean>`(${c.value} = ANY(c.tags))` : sql<boolean>`(NOT (${c.value} = ANY(c.tags)))`;
    case 'attribute': {
      const v = sql`(c.attributes -> ${c.key})`;
      if (c.op === 'exists') return sql<boolean>`(${v} IS NOT NULL)`;
      if (c.op === 'contains') return sql<boolean>`(jsonb_typeof(${v}) = 'string' AND (c.attributes ->> ${c.key}) ILIKE ${likeEscape(String(c.value))})`;
      if (c.op === 'eq') return sql<boolean>`(${v} = ${JSON.stringify(c.value)}::jsonb)`;
      if (c.op === 'neq') return sql<boolean>`(${v} IS NULL OR ${v} <> ${JSON.stringify(c.value)}::jsonb)`;
      // gt/gte/lt/lte: only number-valued attributes compare; the CASE keeps the cast away from other types.
      return cmp(sql`(CASE WHEN jsonb_typeof(${v}) = 'number' THEN (c.attributes ->> ${c.key})::numeric END)`, c.op, c.value);
    }
    case 'consent':
      // Consent never recorded counts as not given.
      return c.value
        ? sql<boolean>`((c.consent -> ${c.channel}) = 'true'::jsonb)`
        : sql<boolean>`((c.consent -> ${c.channel}) IS NULL OR (c.consent -> ${c.channel}) <> 'true'::jsonb)`;
    case 'orders': {
      const base = sql`FROM orders o WHERE o.tenant_id = c.tenant_id AND o.customer_id = c.id AND o.status NOT IN (${sql.join(NOT_SPENDING)}) AND o.ordered_at <= ${now}`;
      if (c.metric === 'days_since_last_order') {
        // Customers who never ordered have no "days since" and do not match (use order_count = 0 for them).
        return cmp(sql`(SELECT floor(extract(epoch FROM (${now}::timestamptz - max(o.ordered_at))) / 86400) ${base})`, c.op, c.value);
      }
      const since = ago(now, c.days!);
      const agg = c.metric === 'total_spent' ? sql`coalesce(sum(o.total), 0)` : sql`count(*)`;
      return cmp(sql`(SELECT ${agg} ${base} AND o.ordered_at > ${since})`, c.op, c.value);
    }
    case 'surveys': {
      const since = ago(now, c.days);
      const kind = c.metric === 'latest_nps' ? 'nps' : 'csat';
      const where = sql`FROM survey_responses s WHERE s.tenant_id = c.tenant_id AND s.customer_id = c.id AND s.kind = ${kind} AND s.responded_at > ${since} AND s.responded_at <= ${now}`;
      if (c.metric === 'latest_nps') return cmp(sql`(SELECT s.score ${where} ORDER BY s.responded_at DESC, s.id DESC LIMIT 1)`, c.op, c.value);
      return cmp(sql`(SELECT ${c.metric === 'avg_csat' ? sql`avg(s.score)` : sql`min(s.score)`} ${where})`, c.op, c.value);
    }
    case 'activity': {
      if (c.metric === 'last_contact') {
        const since = ago(now, c.days!);
        const recent = sql<boolean>`EXISTS (SELECT 1 FROM conversations v WHERE v.tenant_id = c.tenant_id AND v.customer_id = c.id AND coalesce(v.last_message_at, v.created_at) > ${since})`;
        return c.op === 'within' ? sql<boolean>`(${recent})` : sql<boolean>`(NOT ${recent})`;
      }
      return cmp(sql`(SELECT count(*) FROM tickets t WHERE t.tenant_id = c.tenant_id AND t.requester_id = c.id AND t.status NOT IN ('solved', 'closed'))`, c.op as CompareOp, c.value);
    }
    case 'health': {
      // The stored latest score (docs/health-score.md); a customer never scored does not match.
      if (c.metric === 'band') return sql<boolean>`EXISTS (SELECT 1 FROM customer_health h WHERE h.tenant_id = c.tenant_id AND h.customer_id = c.id AND h.band = ${c.value})`;
      return cmp(sql`(SELECT h.score FROM customer_health h WHERE h.tenant_id = c.tenant_id AND h.customer_id = c.id)`, c.op!, c.value);
    }
  }
}

/** The whole definition as one condition over `customers c`, windows ending at `now`. */
export function compileSegment(def: SegmentDefinition, now: Date): RawBuilder<boolean> {
  return combine(def.match, def.conditions.map((c) => condition(c, now)));
}
