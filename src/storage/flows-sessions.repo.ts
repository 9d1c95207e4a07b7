import { sql } from 'kysely';
import type { Executor } from './executor.ts';

export type FlowSessionStatus = 'active' | 'handover' | 'ended';
export interface FlowSessionRow {
  id: string;
  tenantId: string;
  conversationId: string;
  flowId: string;
  version: number;
  state: unknown;
  status: FlowSessionStatus;
  lastSeq: number;
  createdAt: Date;
  updatedAt: Date;
}

const cols = ['id', 'tenant_id as tenantId', 'conversation_id as conversationId', 'flow_id as flowId', 'version', 'state', 'status', 'last_seq as lastSeq', 'created_at as createdAt', 'updated_at as updatedAt'] as const;

/** Flow sessions (one active per conversation) and the bot's marks on the messages it writes. */
export function flowSessionsRepo(db: Executor) {
  return {
    /** The conversation's newest session, locked when `lock` (the runtime feeds one message at a time). */
    async latest(tenantId: string, conversationId: string, lock = false): Promise<FlowSessionRow | undefined> {
      let q = db.selectFrom('flow_sessions').select(cols).where('tenant_id', '=', tenantId).where('conversation_id', '=', conversationId).orderBy('id', 'desc').limit(1);
      if (lock) q = q.forUpdate();
      return q.executeTakeFirst();
    },
    byId: (tenantId: string, id: string): Promise<FlowSessionRow | undefined> =>
      db.selectFrom('flow_sessions').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
    async insert(s: { id: string; tenantId: string; conversationId: string; flowId: string; version: number; state: unknown; status: FlowSessionStatus; lastSeq: number; at: Date }): Promise<void> {
      await db
        .insertInto('flow_sessions')
        .values({ id: s.id, tenant_id: s.tenantId, conversation_id: s.conversationId, flow_id: s.flowId, version: s.version, state: JSON.stringify(s.state), status: s.status, last_seq: s.lastSeq, created_at: s.at, updated_at: s.at })
        .execute();
    },
    async update(tenantId: string, id: string, p: { state: unknown; status: FlowSessionStatus; lastSeq: number }, at: Date): Promise<void> {
      await db
        .updateTable('flow_sessions')
        .set({ state: JSON.stringify(p.state), status: p.status, last_seq: p.lastSeq, updated_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },
    /** Marks a message as written by the bot, with structured extras (quick-reply options). */
    async markBotMessage(tenantId: string, messageId: string, metadata: Record<string, unknown> | null): Promise<void> {
      await db
        .updateTable('messages')
        .set({ author_kind: 'bot', metadata: metadata ? JSON.stringify(metadata) : null })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', messageId)
        .execute();
    },
    async messageMarks(tenantId: string, messageIds: string[]): Promise<Map<string, { authorKind: 'bot' | null; metadata: unknown }>> {
      if (messageIds.length === 0) return new Map();
      const rows = await db.selectFrom('messages').select(['id', 'author_kind', 'metadata']).where('tenant_id', '=', tenantId).where('id', 'in', messageIds).execute();
      return new Map(rows.map((r) => [r.id, { authorKind: r.author_kind, metadata: r.metadata }]));
    },
    /**
     * Whether a bot holds the conversation back from routing (as of an event at `eventAt`): its inbox
     * has a flow with a published version, and the conversation's newest session is not a hand-over
     * made before that event. "No session yet" holds too: the runtime starts it after intake commits.
     * A hand-over made after the event holds it as well: its own event (flow.handed_over) routes it.
     */
    async botHolds(tenantId: string, conversationId: string, eventAt: Date): Promise<boolean> {
      const r = await db
        .selectFrom('conversations as c')
        .innerJoin('inbox_flows as f', (j) => j.onRef('f.tenant_id', '=', 'c.tenant_id').onRef('f.inbox_id', '=', 'c.inbox_id'))
        .leftJoin(
          (eb) => eb.selectFrom('flow_sessions as s').select(['s.status', 's.updated_at']).where('s.tenant_id', '=', tenantId).where('s.conversation_id', '=', conversationId).orderBy('s.id', 'desc').limit(1).as('s'),
          (j) => j.onTrue(),
        )
        .select([
          sql<boolean>`exists (select 1 from flow_versions v where v.tenant_id = f.tenant_id and v.flow_id = f.flow_id and v.status = 'published')`.as('published'),
          's.status as sessionStatus',
          's.updated_at as sessionAt',
        ])
        .where('c.tenant_id', '=', tenantId)
        .where('c.id', '=', conversationId)
        .executeTakeFirst();
      if (!r || r.published !== true) return false;
      if (r.sessionStatus !== 'handover') return true;
      return !!r.sessionAt && eventAt.getTime() <= new Date(r.sessionAt).getTime();
    },
    /** The conversation has a routing task that is not over (it is with routing or a person, not the bot). */
    async hasLiveTask(tenantId: string, conversationId: string): Promise<boolean> {
      const r = await db
        .selectFrom('routing_tasks')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('source_type', '=', 'conversation')
        .where('source_id', '=', conversationId)
        .where('status', 'in', ['queued', 'offered', 'assigned', 'wrap_up'])
        .executeTakeFirst();
      return !!r;
    },
    /** The customer's messages after a seq, oldest first (what the bot has not read yet). */
    inboundAfter: (tenantId: string, conversationId: string, afterSeq: number, limit = 20): Promise<{ id: string; seq: number; text: string }[]> =>
      db.selectFrom('messages').select(['id', 'seq', 'text']).where('tenant_id', '=', tenantId).where('conversation_id', '=', conversationId).where('direction', '=', 'inbound').where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute(),
    async lastInboundSeq(tenantId: string, conversationId: string): Promise<number> {
      const r = await db.selectFrom('messages').select((eb) => eb.fn.max('seq').as('m')).where('tenant_id', '=', tenantId).where('conversation_id', '=', conversationId).where('direction', '=', 'inbound').executeTakeFirst();
      return Number(r?.m ?? 0);
    },
    /**
     * Active sessions (every tenant) with visitor messages the bot has not read: what a node that
     * stopped between a message and its answer must pick up at start. A system query, by design.
     */
    async activeWithUnread(limit = 500): Promise<{ tenantId: string; conversationId: string }[]> {
      return db
        .selectFrom('flow_sessions as s')
        .select(['s.tenant_id as tenantId', 's.conversation_id as conversationId'])
        .where('s.status', '=', 'active')
        .where(({ exists, selectFrom }) => exists(
          selectFrom('messages as m').select('m.id').whereRef('m.tenant_id', '=', 's.tenant_id').whereRef('m.conversation_id', '=', 's.conversation_id').where('m.direction', '=', 'inbound').whereRef('m.seq', '>', 's.last_seq'),
        ))
        .limit(limit)
        .execute();
    },
    /** Takes (or renews) the lease on feeding a conversation to its bot; false while another node holds it. */
    async claim(tenantId: string, conversationId: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
      const until = new Date(now.getTime() + leaseMs);
      const r = await db
        .insertInto('flow_claims')
        .values({ tenant_id: tenantId, conversation_id: conversationId, owner, until })
        .onConflict((oc) => oc.columns(['tenant_id', 'conversation_id']).doUpdateSet({ owner, until }).where((eb) => eb.or([eb('flow_claims.owner', '=', owner), eb('flow_claims.until', '<', now)])))
        .returning('owner')
        .executeTakeFirst();
      return r?.owner === owner;
    },
    async release(tenantId: string, conversationId: string, owner: string): Promise<void> {
      await db.deleteFrom('flow_claims').where('tenant_id', '=', tenantId).where('conversation_id', '=', conversationId).where('owner', '=', owner).execute();
    },
    /** Serializes the bot's writes on one conversation. */
    async lockConversation(tenantId: string, conversationId: string): Promise<{ assigneeId: string | null; status: string } | undefined> {
      const r = await db.selectFrom('conversations').select(['assignee_id', 'status']).where('tenant_id', '=', tenantId).where('id', '=', conversationId).forUpdate().executeTakeFirst();
      return r && { assigneeId: r.assignee_id, status: r.status };
    },
  };
}
export type FlowSessionsRepo = ReturnType<typeof flowSessionsRepo>;
