import { sql, type RawBuilder } from 'kysely';
import { counterNames, packContributions, unpackContributions, type Contribution, type Counters, type RowKind } from '../core/analytics/contributions.ts';
import type { Executor } from './executor.ts';

/** Analytics facts, rollups and the fold cursor (0023_analytics.sql); every query scoped by tenant. */

export interface EventRow {
  seq: number;
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  at: number;
}

export interface FactRow {
  factId: string;
  kind: 'task' | 'conversation' | 'sla' | 'presence';
  at: Date;
  conversationId: string | null;
  customerId: string | null;
  queueId: string;
  channel: string;
  inboxId: string;
  agentId: string;
  teamId: string;
  tags: string[];
  intent: string;
  outcome: string | null;
  waitMs: number | null;
  handleMs: number | null;
  firstResponseAt: Date | null;
  firstResponseMs: number | null;
  resolvedAt: Date | null;
  resolutionMs: number | null;
  fcr: boolean | null;
  transfers: number;
  contributions: Contribution[];
  state: Record<string, unknown>;
}

export interface RollupFilter {
  kinds: readonly RowKind[];
  queueId?: string;
  channel?: string;
  inboxId?: string;
  agentId?: string;
  teamId?: string;
}

const counterCols = sql.raw(counterNames.join(', '));
const sumCols = sql.raw(counterNames.map((n) => `sum(${n})::float8 as ${n}`).join(', '));
const dimCols = ['queue_id', 'channel', 'inbox_id', 'agent_id', 'team_id'] as const;
export type DimColumn = (typeof dimCols)[number];

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const countersOf = (r: Record<string, unknown>): Counters => counterNames.map((n) => Number(r[n] ?? 0));

function filterSql(f: RollupFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`kind = any(${[...f.kinds]}::text[])`];
  if (f.queueId !== undefined) parts.push(sql`queue_id = ${f.queueId}`);
  if (f.channel !== undefined) parts.push(sql`channel = ${f.channel}`);
  if (f.inboxId !== undefined) parts.push(sql`inbox_id = ${f.inboxId}`);
  if (f.agentId !== undefined) parts.push(sql`agent_id = ${f.agentId}`);
  if (f.teamId !== undefined) parts.push(sql`team_id = ${f.teamId}`);
  return sql.join(parts, sql` and `);
}

/** Grains of the lean day rollups (migration 0029): 'a' keeps agent and team, 'q' queue, channel and inbox. */
type Grain = 'a' | 'q';
const grainsOf: Record<RowKind, readonly Grain[]> = { a: ['a'], p: ['a'], c: ['a', 'q'], q: ['q'], s: ['q'] };
/** The lean grain that holds every row a day-table read needs (its kinds, filters and split), if one does. */
export function leanGrain(f: RollupFilter, by: DimColumn | undefined): Grain | null {
  const agentSide = f.agentId !== undefined || f.teamId !== undefined || by === 'agent_id' || by === 'team_id';
  const queueSide = f.queueId !== undefined || f.channel !== undefined || f.inboxId !== undefined || by === 'queue_id' || by === 'channel' || by === 'inbox_id';
  if (!queueSide && f.kinds.every((k) => grainsOf[k].includes('a'))) return 'a';
  if (!agentSide && f.kinds.every((k) => grainsOf[k].includes('q'))) return 'q';
  return null;
}

/** Which facts stand behind a figure (drill-down). */
const drillConditions = {
  answered: sql`outcome = 'answered'`,
  abandoned: sql`outcome = 'abandoned'`,
  short_abandoned: sql`outcome = 'short_abandoned'`,
  not_short: sql`outcome is distinct from 'short_abandoned'`,
  in_sl: sql`(state->>'inServiceLevel') = 'true'`,
  handled: sql`handle_ms is not null`,
  transferred: sql`transfers > 0 and handle_ms is not null`,
  resolved: sql`outcome = 'resolved'`,
  fcr: sql`outcome = 'resolved' and fcr`,
  not_fcr: sql`outcome = 'resolved' and not fcr`,
} as const;
export type DrillCondition = keyof typeof drillConditions;

/** Message texts are not read by analytics: leave them in the database (less to send and parse). */
const slimPayload = sql`case when type = 'message.created' then payload - 'text' - 'metadata' else payload end`;

export function analyticsRepo(db: Executor) {
  async function upsertRollups(table: '15m' | 'day' | 'lean', tenantId: string, rows: readonly { key: string; grain?: Grain; dims: Contribution; v: Counters }[]): Promise<void> {
    if (rows.length === 0) return;
    const keys = rows.map((r) => r.key);
    const col = (i: number) => rows.map((r) => r.v[i] ?? 0);
    const dims = (n: keyof Contribution) => rows.map((r) => String(r.dims[n]));
    const counters = sql.join(counterNames.map((_, i) => sql`${col(i)}::bigint[]`));
    const updates = sql.raw(counterNames.map((n) => `${n} = t.${n} + excluded.${n}`).join(', '));
    if (table === '15m') {
      await sql`insert into analytics_rollups_15m as t (tenant_id, bucket, kind, queue_id, channel, inbox_id, agent_id, team_id, ${counterCols})
        select ${tenantId}::uuid, * from unnest(${keys}::timestamptz[], ${dims('k')}::text[], ${dims('queue')}::text[], ${dims('channel')}::text[], ${dims('inbox')}::text[], ${dims('agent')}::text[], ${dims('team')}::text[], ${counters})
        on conflict (tenant_id, bucket, kind, queue_id, channel, inbox_id, agent_id, team_id) do update set ${updates}`.execute(db);
    } else if (table === 'lean') {
      await sql`insert into analytics_rollups_day_lean as t (tenant_id, day, grain, kind, queue_id, channel, inbox_id, agent_id, team_id, ${counterCols})
        select ${tenantId}::uuid, * from unnest(${keys}::date[], ${rows.map((r) => r.grain ?? 'a')}::text[], ${dims('k')}::text[], ${dims('queue')}::text[], ${dims('channel')}::text[], ${dims('inbox')}::text[], ${dims('agent')}::text[], ${dims('team')}::text[], ${counters})
        on conflict (tenant_id, day, grain, kind, queue_id, channel, inbox_id, agent_id, team_id) do update set ${updates}`.execute(db);
    } else {
      await sql`insert into analytics_rollups_day as t (tenant_id, day, kind, queue_id, channel, inbox_id, agent_id, team_id, ${counterCols})
        select ${tenantId}::uuid, * from unnest(${keys}::date[], ${dims('k')}::text[], ${dims('queue')}::text[], ${dims('channel')}::text[], ${dims('inbox')}::text[], ${dims('agent')}::text[], ${dims('team')}::text[], ${counters})
        on conflict (tenant_id, day, kind, queue_id, channel, inbox_id, agent_id, team_id) do update set ${updates}`.execute(db);
    }
  }

  return {
    /** The fold cursor, locked for this transaction (one folder per tenant at a time). */
    async lockCursor(tenantId: string): Promise<number> {
      await sql`insert into analytics_cursors (tenant_id) values (${tenantId}) on conflict do nothing`.execute(db);
      const r = await sql<{ s: string }>`select processed_seq as s from analytics_cursors where tenant_id = ${tenantId} for update`.execute(db);
      return Number(r.rows[0]?.s ?? 0);
    },
    async setCursor(tenantId: string, seq: number): Promise<void> {
      await sql`update analytics_cursors set processed_seq = ${seq}, updated_at = now() where tenant_id = ${tenantId}`.execute(db);
    },
    async cursor(tenantId: string) {
      const r = await sql<{ processed_seq: string; rebuild_state: 'idle' | 'running' | 'failed'; rebuild_progress: number; rebuild_started_at: Date | null; rebuild_finished_at: Date | null; rebuild_error: string | null; event_seq: string }>`
        select coalesce(c.processed_seq, 0) as processed_seq, coalesce(c.rebuild_state, 'idle') as rebuild_state, coalesce(c.rebuild_progress, 0) as rebuild_progress,
               c.rebuild_started_at, c.rebuild_finished_at, c.rebuild_error, t.event_seq
        from tenants t left join analytics_cursors c on c.tenant_id = t.id where t.id = ${tenantId}`.execute(db);
      const x = r.rows[0];
      if (!x) return null;
      return {
        processedSeq: Number(x.processed_seq), currentSeq: Number(x.event_seq),
        rebuild: { state: x.rebuild_state, progress: Number(x.rebuild_progress), startedAt: x.rebuild_started_at, finishedAt: x.rebuild_finished_at, error: x.rebuild_error },
      };
    },
    async setRebuild(tenantId: string, s: { state: 'idle' | 'running' | 'failed'; progress: number; started?: Date; finished?: Date; error?: string | null }): Promise<void> {
      await sql`insert into analytics_cursors (tenant_id) values (${tenantId}) on conflict do nothing`.execute(db);
      await sql`update analytics_cursors set rebuild_state = ${s.state}, rebuild_progress = ${s.progress},
          rebuild_started_at = coalesce(${s.started ?? null}::timestamptz, rebuild_started_at),
          rebuild_finished_at = ${s.finished ?? null}::timestamptz, rebuild_error = ${s.error ?? null}
        where tenant_id = ${tenantId}`.execute(db);
    },
    /** Tenants whose events are ahead of their cursor. */
    async tenantsBehind(): Promise<string[]> {
      const r = await sql<{ id: string }>`select t.id from tenants t left join analytics_cursors c on c.tenant_id = t.id
        where t.event_seq > coalesce(c.processed_seq, 0)`.execute(db);
      return r.rows.map((x) => x.id);
    },
    async eventsAfter(tenantId: string, after: number, limit: number): Promise<EventRow[]> {
      const r = await sql<{ seq: string; type: string; aggregate_type: string; aggregate_id: string; payload: Record<string, unknown>; created_at: Date }>`
        select seq, type, aggregate_type, aggregate_id, ${slimPayload} as payload, created_at from events
        where tenant_id = ${tenantId} and seq > ${after} and seq is not null order by seq limit ${limit}`.execute(db);
      return r.rows.map((x) => ({ seq: Number(x.seq), type: x.type, aggregateType: x.aggregate_type, aggregateId: x.aggregate_id, payload: x.payload, at: new Date(x.created_at).getTime() }));
    },
    /** Every numbered event (up to `maxSeq`) of these aggregates. */
    async aggregateEvents(tenantId: string, aggregateType: string, ids: readonly string[], maxSeq: number): Promise<EventRow[]> {
      if (ids.length === 0) return [];
      const r = await sql<{ seq: string; type: string; aggregate_id: string; payload: Record<string, unknown>; created_at: Date }>`
        select seq, type, aggregate_id, payload, created_at from events
        where tenant_id = ${tenantId} and aggregate_type = ${aggregateType} and aggregate_id = any(${[...ids]}::text[]) and seq is not null and seq <= ${maxSeq}`.execute(db);
      return r.rows.map((x) => ({ seq: Number(x.seq), type: x.type, aggregateType, aggregateId: x.aggregate_id, payload: x.payload, at: new Date(x.created_at).getTime() }));
    },
    /** A task's conversation: inbox, customer, tags now, and the intent its fact recorded. */
    async conversationsInfo(tenantId: string, ids: readonly string[]): Promise<Map<string, { inboxId: string; customerId: string; tags: string[]; intent: string }>> {
      if (ids.length === 0) return new Map();
      const r = await sql<{ id: string; inbox_id: string; customer_id: string; tags: string[]; intent: string | null }>`select c.id, c.inbox_id, c.customer_id, c.tags, f.intent
        from conversations c left join analytics_facts f on f.tenant_id = c.tenant_id and f.fact_id = 'c:' || c.id::text
        where c.tenant_id = ${tenantId} and c.id = any(${[...ids]}::uuid[])`.execute(db);
      return new Map(r.rows.map((x) => [x.id, { inboxId: x.inbox_id, customerId: x.customer_id, tags: x.tags ?? [], intent: x.intent ?? '' }]));
    },
    async taskIdsOfConversations(tenantId: string, conversationIds: readonly string[]): Promise<string[]> {
      if (conversationIds.length === 0) return [];
      const r = await sql<{ fact_id: string }>`select fact_id from analytics_facts where tenant_id = ${tenantId} and kind = 'task' and conversation_id = any(${[...conversationIds]}::uuid[])`.execute(db);
      return r.rows.map((x) => x.fact_id.slice(2));
    },
    /** Each user's team (the first by team id when several): the team dimension of their work. */
    async teamOfUsers(tenantId: string): Promise<Map<string, string>> {
      const r = await sql<{ user_id: string; team_id: string }>`select distinct on (user_id) user_id, team_id from team_members
        where tenant_id = ${tenantId} order by user_id, team_id`.execute(db);
      return new Map(r.rows.map((x) => [x.user_id, x.team_id]));
    },
    async facts(tenantId: string, factIds: readonly string[]): Promise<Map<string, { contributions: Contribution[]; state: Record<string, unknown> }>> {
      if (factIds.length === 0) return new Map();
      const r = await sql<{ fact_id: string; contributions: Contribution[]; state: Record<string, unknown> }>`
        select fact_id, contributions, state from analytics_facts where tenant_id = ${tenantId} and fact_id = any(${[...factIds]}::text[])`.execute(db);
      return new Map(r.rows.map((x) => [x.fact_id, { contributions: unpackContributions(x.contributions), state: x.state }]));
    },
    /** Conversations of these customers opened or resolved since `since` (FCR neighbours). */
    async customerConversations(tenantId: string, customerIds: readonly string[], since: Date): Promise<{ conversationId: string; customerId: string; openedAt: number; resolvedAt: number | null; dispositionCode: string | null }[]> {
      if (customerIds.length === 0) return [];
      const r = await sql<{ conversation_id: string; customer_id: string; at: Date; resolved_at: Date | null; disposition: string | null }>`
        select conversation_id, customer_id, at, resolved_at, state->>'disposition' as disposition from analytics_facts
        where tenant_id = ${tenantId} and kind = 'conversation' and customer_id = any(${[...customerIds]}::uuid[]) and (at >= ${since} or resolved_at >= ${since})`.execute(db);
      return r.rows.map((x) => ({ conversationId: x.conversation_id, customerId: x.customer_id, openedAt: new Date(x.at).getTime(), resolvedAt: x.resolved_at ? new Date(x.resolved_at).getTime() : null, dispositionCode: x.disposition }));
    },
    async upsertFacts(tenantId: string, rows: readonly FactRow[]): Promise<void> {
      // 1,000 rows a statement: one JSON parameter read by jsonb_to_recordset (far cheaper than two
      // dozen escaped arrays), small enough to stay in work_mem (5,000 a statement took twice as long).
      for (let i = 0; i < rows.length; i += 1000) {
        const json = JSON.stringify(rows.slice(i, i + 1000).map((r) => ({
          fact_id: r.factId, kind: r.kind, at: r.at.toISOString(), conversation_id: r.conversationId, customer_id: r.customerId, queue_id: r.queueId, channel: r.channel,
          inbox_id: r.inboxId, agent_id: r.agentId, team_id: r.teamId, tags: r.tags, intent: r.intent, outcome: r.outcome, wait_ms: r.waitMs, handle_ms: r.handleMs,
          first_response_at: r.firstResponseAt?.toISOString() ?? null, first_response_ms: r.firstResponseMs, resolved_at: r.resolvedAt?.toISOString() ?? null,
          resolution_ms: r.resolutionMs, fcr: r.fcr, transfers: r.transfers, contributions: packContributions(r.contributions), state: r.state,
        })));
        await sql`insert into analytics_facts as f (tenant_id, fact_id, kind, at, conversation_id, customer_id, queue_id, channel, inbox_id, agent_id, team_id, tags, intent, outcome,
            wait_ms, handle_ms, first_response_at, first_response_ms, resolved_at, resolution_ms, fcr, transfers, contributions, state, updated_at)
          select ${tenantId}::uuid, u.fact_id, u.kind, u.at, u.conversation_id, u.customer_id, u.queue_id, u.channel, u.inbox_id, u.agent_id, u.team_id,
            u.tags, u.intent, u.outcome, u.wait_ms, u.handle_ms, u.first_response_at, u.first_response_ms, u.resolved_at, u.resolution_ms, u.fcr, u.transfers,
            u.contributions, u.state, now()
          from jsonb_to_recordset(${json}::jsonb) as u(fact_id text, kind text, at timestamptz, conversation_id uuid, customer_id uuid, queue_id text, channel text,
            inbox_id text, agent_id text, team_id text, tags text[], intent text, outcome text, wait_ms bigint, handle_ms bigint, first_response_at timestamptz,
            first_response_ms bigint, resolved_at timestamptz, resolution_ms bigint, fcr boolean, transfers int, contributions jsonb, state jsonb)
          on conflict (tenant_id, fact_id) do update set kind = excluded.kind, at = excluded.at, conversation_id = excluded.conversation_id, customer_id = excluded.customer_id,
            queue_id = excluded.queue_id, channel = excluded.channel, inbox_id = excluded.inbox_id, agent_id = excluded.agent_id, team_id = excluded.team_id, tags = excluded.tags, intent = excluded.intent,
            outcome = excluded.outcome, wait_ms = excluded.wait_ms, handle_ms = excluded.handle_ms, first_response_at = excluded.first_response_at,
            first_response_ms = excluded.first_response_ms, resolved_at = excluded.resolved_at, resolution_ms = excluded.resolution_ms, fcr = excluded.fcr,
            transfers = excluded.transfers, contributions = excluded.contributions, state = excluded.state, updated_at = now()`.execute(db);
      }
    },
    /** Adds deltas to both rollup tables; `dayOf` maps a 15-minute bucket to the tenant-local date (YYYY-MM-DD). */
    async applyRollups(tenantId: string, deltas: readonly Contribution[], dayOf: (bucketMs: number) => string): Promise<void> {
      const quarter = deltas.map((c) => ({ key: new Date(c.b).toISOString(), dims: c, v: c.v }));
      const byDay = new Map<string, { key: string; dims: Contribution; v: Counters }>();
      for (const c of deltas) {
        const day = dayOf(c.b);
        const k = `${day}|${c.k}|${c.queue}|${c.channel}|${c.inbox}|${c.agent}|${c.team}`;
        const r = byDay.get(k);
        if (r) for (let i = 0; i < r.v.length; i++) r.v[i] = (r.v[i] ?? 0) + (c.v[i] ?? 0);
        else byDay.set(k, { key: day, dims: c, v: [...c.v] });
      }
      for (let i = 0; i < quarter.length; i += 2000) await upsertRollups('15m', tenantId, quarter.slice(i, i + 2000));
      const days = [...byDay.values()];
      for (let i = 0; i < days.length; i += 2000) await upsertRollups('day', tenantId, days.slice(i, i + 2000));
      // The lean day rows: the same sums without the dimensions a grain does not keep (migration 0029).
      const lean = new Map<string, { key: string; grain: Grain; dims: Contribution; v: Counters }>();
      for (const r of days) {
        for (const grain of grainsOf[r.dims.k]) {
          const dims = grain === 'a' ? { ...r.dims, queue: '', channel: '', inbox: '' } : { ...r.dims, agent: '', team: '' };
          const k = `${r.key}|${grain}|${dims.k}|${dims.queue}|${dims.channel}|${dims.inbox}|${dims.agent}|${dims.team}`;
          const l = lean.get(k);
          if (l) for (let i = 0; i < l.v.length; i++) l.v[i] = (l.v[i] ?? 0) + (r.v[i] ?? 0);
          else lean.set(k, { key: r.key, grain, dims, v: [...r.v] });
        }
      }
      const leanRows = [...lean.values()];
      for (let i = 0; i < leanRows.length; i += 2000) await upsertRollups('lean', tenantId, leanRows.slice(i, i + 2000));
    },
    /** Empties a tenant's facts and rollups (the start of a rebuild, in its transaction). */
    async reset(tenantId: string): Promise<void> {
      await sql`delete from analytics_rollups_15m where tenant_id = ${tenantId}`.execute(db);
      await sql`delete from analytics_rollups_day where tenant_id = ${tenantId}`.execute(db);
      await sql`delete from analytics_rollups_day_lean where tenant_id = ${tenantId}`.execute(db);
      await sql`delete from analytics_facts where tenant_id = ${tenantId}`.execute(db);
      await sql`update analytics_cursors set processed_seq = 0 where tenant_id = ${tenantId}`.execute(db);
    },

    /**
     * Sums of rollup rows in [from, to), grouped by an optional time expression (a SQL bucket label
     * computed in the tenant's time zone) and an optional dimension column.
     */
    async sumRollups(tenantId: string, o: { table: '15m' | 'day'; from: Date; to: Date; filter: RollupFilter; timeZone: string; timeUnit?: 'minute15' | 'minute30' | 'hour' | 'day' | 'week' | 'month' | 'dow_hour'; by?: DimColumn }): Promise<{ t: string | null; dim: string | null; v: Counters }[]> {
      const tz = o.timeZone;
      const timeCol = o.table === '15m' ? sql`bucket` : sql`day`;
      const local = o.table === '15m' ? sql`(bucket at time zone ${tz})` : sql`day::timestamp`;
      let tExpr: RawBuilder<unknown> = sql`null::text`;
      if (o.timeUnit === 'minute15') tExpr = sql`to_char(${local}, 'YYYY-MM-DD"T"HH24:MI')`;
      else if (o.timeUnit === 'minute30') tExpr = sql`to_char(date_trunc('hour', ${local}) + (floor(extract(minute from ${local}) / 30) * interval '30 minutes'), 'YYYY-MM-DD"T"HH24:MI')`;
      else if (o.timeUnit === 'hour' || o.timeUnit === 'day' || o.timeUnit === 'week' || o.timeUnit === 'month') tExpr = sql`to_char(date_trunc(${o.timeUnit}, ${local}), 'YYYY-MM-DD"T"HH24:MI')`;
      else if (o.timeUnit === 'dow_hour') tExpr = sql`(extract(isodow from ${local})::int - 1) || ':' || extract(hour from ${local})::int`;
      const dExpr = o.by ? sql.raw(o.by) : sql`null::text`;
      const range = o.table === '15m'
        ? sql`bucket >= ${o.from} and bucket < ${o.to}`
        : sql`day >= (${o.from}::timestamptz at time zone ${tz})::date and day < (${o.to}::timestamptz at time zone ${tz})::date`;
      const grain = o.table === 'day' ? leanGrain(o.filter, o.by) : null;
      const r = await sql<Record<string, unknown> & { t: string | null; dim: string | null }>`
        select ${tExpr} as t, ${dExpr} as dim, ${sumCols} from ${sql.raw(o.table === '15m' ? 'analytics_rollups_15m' : grain ? 'analytics_rollups_day_lean' : 'analytics_rollups_day')}
        where tenant_id = ${tenantId} and ${range} and ${grain ? sql`grain = ${grain} and ` : sql``}${filterSql(o.filter)}
        group by 1, 2`.execute(db);
      void timeCol;
      return r.rows.map((x) => ({ t: x.t, dim: x.dim, v: countersOf(x) }));
    },

    /** Facts of a kind in [from, to) by their `at`, with filters (segment/tag reports, drill-down, distributions). */
    async factsInRange(tenantId: string, o: { kind: 'task' | 'conversation'; from: Date; to: Date; timeColumn?: 'at' | 'resolved_at' | 'first_response_at'; queueId?: string; channel?: string; inboxId?: string; agentId?: string; teamId?: string; tag?: string; intent?: string; customerIds?: readonly string[]; condition?: DrillCondition; after?: { at: Date; id: string }; limit?: number }) {
      const col = sql.raw(o.timeColumn ?? 'at');
      const parts: RawBuilder<unknown>[] = [sql`tenant_id = ${tenantId}`, sql`kind = ${o.kind}`, sql`${col} >= ${o.from}`, sql`${col} < ${o.to}`, sql`outcome is distinct from 'stub'`];
      if (o.queueId !== undefined) parts.push(sql`queue_id = ${o.queueId}`);
      if (o.channel !== undefined) parts.push(sql`channel = ${o.channel}`);
      if (o.inboxId !== undefined) parts.push(sql`inbox_id = ${o.inboxId}`);
      if (o.agentId !== undefined) parts.push(sql`agent_id = ${o.agentId}`);
      if (o.teamId !== undefined) parts.push(sql`team_id = ${o.teamId}`);
      if (o.tag !== undefined) parts.push(sql`${o.tag} = any(tags)`);
      if (o.intent !== undefined) parts.push(sql`intent = ${o.intent}`);
      if (o.customerIds !== undefined) parts.push(sql`customer_id = any(${[...o.customerIds]}::uuid[])`);
      if (o.condition) parts.push(drillConditions[o.condition]);
      if (o.after) parts.push(sql`(${col}, fact_id) > (${o.after.at}, ${o.after.id})`);
      const r = await sql<Record<string, unknown>>`select fact_id, kind, at, conversation_id, customer_id, queue_id, channel, inbox_id, agent_id, team_id, tags, intent, outcome,
          wait_ms, handle_ms, first_response_at, first_response_ms, resolved_at, resolution_ms, fcr, transfers, contributions, ${col} as sort_at
        from analytics_facts where ${sql.join(parts, sql` and `)} order by ${col}, fact_id ${o.limit ? sql`limit ${o.limit}` : sql``}`.execute(db);
      return r.rows.map((x) => ({
        factId: String(x.fact_id), at: new Date(x.at as Date), sortAt: new Date(x.sort_at as Date), conversationId: (x.conversation_id as string | null) ?? null, customerId: (x.customer_id as string | null) ?? null,
        queueId: String(x.queue_id), channel: String(x.channel), inboxId: String(x.inbox_id), agentId: String(x.agent_id), teamId: String(x.team_id), tags: (x.tags as string[]) ?? [], intent: String(x.intent ?? ''),
        outcome: (x.outcome as string | null) ?? null, waitMs: num(x.wait_ms), handleMs: num(x.handle_ms), firstResponseMs: num(x.first_response_ms), resolutionMs: num(x.resolution_ms),
        resolvedAt: x.resolved_at ? new Date(x.resolved_at as Date) : null, fcr: (x.fcr as boolean | null) ?? null, transfers: Number(x.transfers), contributions: unpackContributions(x.contributions),
      }));
    },
  };
}
export type AnalyticsRepo = ReturnType<typeof analyticsRepo>;

const measureCols = { wait: ['task', 'wait_ms', 'at'], handle: ['task', 'handle_ms', 'resolved_at'], firstResponse: ['conversation', 'first_response_ms', 'first_response_at'], resolution: ['conversation', 'resolution_ms', 'resolved_at'] } as const;
export type Measure = keyof typeof measureCols;

/** Report helpers that read facts and names (analytics reports). */
export function analyticsReadRepo(db: Executor) {
  const filters = (o: { queueId?: string; channel?: string; inboxId?: string; agentId?: string; teamId?: string; tag?: string; intent?: string; customerIds?: readonly string[] }) => {
    const parts: RawBuilder<unknown>[] = [];
    if (o.queueId !== undefined) parts.push(sql`queue_id = ${o.queueId}`);
    if (o.channel !== undefined) parts.push(sql`channel = ${o.channel}`);
    if (o.inboxId !== undefined) parts.push(sql`inbox_id = ${o.inboxId}`);
    if (o.agentId !== undefined) parts.push(sql`agent_id = ${o.agentId}`);
    if (o.teamId !== undefined) parts.push(sql`team_id = ${o.teamId}`);
    if (o.tag !== undefined) parts.push(sql`${o.tag} = any(tags)`);
    if (o.intent !== undefined) parts.push(sql`intent = ${o.intent}`);
    if (o.customerIds !== undefined) parts.push(sql`customer_id = any(${[...o.customerIds]}::uuid[])`);
    return parts.length ? sql` and ${sql.join(parts, sql` and `)}` : sql``;
  };
  return {
    /** Median, p90 and a histogram (counts per [edge_i, edge_i+1), last open) of a measure, in ms. */
    async distribution(tenantId: string, measure: Measure, from: Date, to: Date, edgesMs: readonly number[], f: Parameters<typeof filters>[0]) {
      const [kind, col, timeCol] = measureCols[measure];
      const c = sql.raw(col);
      const t = sql.raw(timeCol);
      const where = sql`tenant_id = ${tenantId} and kind = ${kind} and ${t} >= ${from} and ${t} < ${to} and ${c} is not null ${filters(f)}`;
      const p = await sql<{ n: number; p50: string | null; p90: string | null }>`select count(*)::int as n, percentile_disc(0.5) within group (order by ${c}) as p50,
          percentile_disc(0.9) within group (order by ${c}) as p90 from analytics_facts where ${where}`.execute(db);
      const h = await sql<{ b: number; n: number }>`select width_bucket(${c}::float8, ${[...edgesMs]}::float8[]) as b, count(*)::int as n from analytics_facts where ${where} group by 1`.execute(db);
      const x = p.rows[0]!;
      return { count: Number(x.n), p50: x.p50 === null ? null : Number(x.p50), p90: x.p90 === null ? null : Number(x.p90), buckets: new Map(h.rows.map((r) => [Number(r.b), Number(r.n)])) };
    },
    /** Conversation counts per disposition code (resolutions in range). */
    async dispositions(tenantId: string, from: Date, to: Date, f: Parameters<typeof filters>[0]) {
      const r = await sql<{ code: string | null; n: number; fcr: number }>`select state->>'disposition' as code, count(*)::int as n, count(*) filter (where fcr)::int as fcr
        from analytics_facts where tenant_id = ${tenantId} and kind = 'conversation' and outcome = 'resolved' and resolved_at >= ${from} and resolved_at < ${to} ${filters(f)}
        group by 1 order by 2 desc limit 200`.execute(db);
      return r.rows.map((x) => ({ code: x.code, count: Number(x.n), fcr: Number(x.fcr) }));
    },
    /** Recent survey comments in range, newest first. */
    async comments(tenantId: string, from: Date, to: Date, limit: number) {
      const r = await sql<{ kind: 'csat' | 'nps'; score: number; comment: string; responded_at: Date; conversation_id: string | null }>`
        select kind, score, comment, responded_at, conversation_id from survey_responses
        where tenant_id = ${tenantId} and responded_at >= ${from} and responded_at < ${to} and comment is not null and comment <> ''
        order by responded_at desc limit ${limit}`.execute(db);
      return r.rows.map((x) => ({ kind: x.kind, score: Number(x.score), comment: x.comment, at: new Date(x.responded_at), conversationId: x.conversation_id }));
    },
    /** Agents' open presence stretches (since their last change), for the live part of presence time. */
    async openPresence(tenantId: string): Promise<{ agentId: string; teamId: string; since: number; presence: string }[]> {
      const r = await sql<{ agent_id: string; team_id: string; state: { since: number; presence: string } }>`
        select agent_id, team_id, state from analytics_facts where tenant_id = ${tenantId} and kind = 'presence' and outcome <> 'offline'`.execute(db);
      return r.rows.map((x) => ({ agentId: x.agent_id, teamId: x.team_id, since: Number(x.state.since), presence: String(x.state.presence) }));
    },
    /** Every event of the kinds reports read, created in [from, to) (the raw-scan baseline of bench/reports.ts). */
    async eventsInRange(tenantId: string, from: Date, to: Date): Promise<EventRow[]> {
      const r = await sql<{ seq: string; type: string; aggregate_type: string; aggregate_id: string; payload: Record<string, unknown>; created_at: Date }>`
        select seq, type, aggregate_type, aggregate_id, payload, created_at from events
        where tenant_id = ${tenantId} and created_at >= ${from} and created_at < ${to} and seq is not null
          and (aggregate_type in ('task', 'conversation', 'agent') or type in ('message.created', 'sla.breached'))`.execute(db);
      return r.rows.map((x) => ({ seq: Number(x.seq), type: x.type, aggregateType: x.aggregate_type, aggregateId: x.aggregate_id, payload: x.payload, at: new Date(x.created_at).getTime() }));
    },
    /** Display names of the ids a report shows. */
    async labels(tenantId: string) {
      const [q, u, t, i] = await Promise.all([
        sql<{ id: string; name: string }>`select id, name from routing_queues where tenant_id = ${tenantId}`.execute(db),
        sql<{ id: string; name: string }>`select id, name from users where tenant_id = ${tenantId}`.execute(db),
        sql<{ id: string; name: string }>`select id, name from teams where tenant_id = ${tenantId}`.execute(db),
        sql<{ id: string; name: string }>`select id, name from inboxes where tenant_id = ${tenantId}`.execute(db),
      ]);
      const m = (rows: { id: string; name: string }[]) => new Map(rows.map((x) => [x.id, x.name]));
      return { queue: m(q.rows), agent: m(u.rows), team: m(t.rows), inbox: m(i.rows) };
    },
    async customerNames(tenantId: string, ids: readonly string[]): Promise<Map<string, string | null>> {
      if (ids.length === 0) return new Map();
      const r = await sql<{ id: string; name: string | null }>`select id, name from customers where tenant_id = ${tenantId} and id = any(${[...ids]}::uuid[])`.execute(db);
      return new Map(r.rows.map((x) => [x.id, x.name]));
    },
  };
}
export type AnalyticsReadRepo = ReturnType<typeof analyticsReadRepo>;
