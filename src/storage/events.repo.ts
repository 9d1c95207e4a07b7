import { sql } from 'kysely';
import type { Executor } from './executor.ts';

export interface EventDraft {
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  actorId: string | null;
  topics: string[];
  payload: Record<string, unknown>;
}

/** An event as written by append: numbered later, after commit. */
export interface AppendedEvent extends EventDraft {
  tenantId: string;
  createdAt: Date;
}

/** A numbered (sequenced) event; every read below returns only these. */
export interface StoredEvent extends AppendedEvent {
  seq: number;
}

/** Told when a statement appended events (the unit of work then asks for their numbering and delivery); `numbered` when it numbered them itself. */
export type AppendedHook = (o: { numbered: boolean }) => void;

const cols = [
  'id',
  'tenant_id as tenantId',
  'seq',
  'type',
  'aggregate_type as aggregateType',
  'aggregate_id as aggregateId',
  'actor_id as actorId',
  'topics',
  'payload',
  'created_at as createdAt',
] as const;

export function eventsRepo(db: Executor, appended?: AppendedHook) {
  return {
    /**
     * Appends events and their outbox rows in one statement. Must run inside the transaction that
     * changes the state they describe. The events carry no seq yet: the sequencer numbers them after
     * commit (event-sequencer.ts, decision 016), so writers of one tenant never wait for each other.
     */
    async append(tenantId: string, drafts: EventDraft[], at: Date): Promise<AppendedEvent[]> {
      if (drafts.length === 0) return [];
      const rows = drafts.map((d) => ({
        id: d.id, type: d.type, aggregate_type: d.aggregateType, aggregate_id: d.aggregateId, actor_id: d.actorId, topics: d.topics, payload: d.payload,
      }));
      await sql`
        with e as (
          insert into events (id, tenant_id, seq, type, aggregate_type, aggregate_id, actor_id, topics, payload, created_at)
          select x.id, ${tenantId}::uuid, null, x.type, x.aggregate_type, x.aggregate_id, x.actor_id, x.topics, x.payload, ${at}::timestamptz
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            as x(id uuid, type text, aggregate_type text, aggregate_id text, actor_id uuid, topics text[], payload jsonb)
          returning id
        )
        insert into outbox (tenant_id, event_id, seq, created_at)
        select ${tenantId}::uuid, x.id, null, ${at}::timestamptz
        from unnest(${rows.map((r) => r.id)}::uuid[]) with ordinality as x(id, n)
        order by x.n`.execute(db);
      appended?.({ numbered: false });
      return drafts.map((d) => ({ ...d, tenantId, createdAt: at }));
    },
    /** Events after `afterSeq` on any of `topics`, oldest first (websocket catch-up). */
    async since(tenantId: string, afterSeq: number, topics: string[], limit: number): Promise<StoredEvent[]> {
      if (topics.length === 0) return [];
      return db
        .selectFrom('events')
        .select(cols)
        .$narrowType<{ seq: number }>()
        .where('tenant_id', '=', tenantId)
        .where('seq', '>', afterSeq)
        .where(sql<boolean>`topics && ${sql.val(topics)}::text[]`)
        .orderBy('seq')
        .limit(limit)
        .execute();
    },
    async list(tenantId: string, args: { afterSeq: number; limit: number; type?: string }): Promise<StoredEvent[]> {
      let q = db.selectFrom('events').select(cols).$narrowType<{ seq: number }>().where('tenant_id', '=', tenantId).where('seq', '>', args.afterSeq);
      if (args.type) q = q.where('type', '=', args.type);
      return q.orderBy('seq').limit(args.limit).execute();
    },
  };
}
export type EventsRepo = ReturnType<typeof eventsRepo>;
