import { sql } from 'kysely';
import type { Executor } from './executor.ts';
import type { ConversationRow } from './conversations.repo.ts';

export interface DeskExtras {
  readSeq: number;
  unread: number;
  lastMessage: { seq: number; direction: string; text: string; at: Date } | null;
  waitingSince: Date | null;
  ticketIds: string[];
  channel: string;
  inboxName: string;
}

const convCols = [
  'c.id', 'c.tenant_id as tenantId', 'c.inbox_id as inboxId', 'c.customer_id as customerId', 'c.status', 'c.snoozed_until as snoozedUntil', 'c.priority',
  'c.assignee_id as assigneeId', 'c.team_id as teamId', 'c.tags', 'c.subject', 'c.last_seq as lastSeq', 'c.last_message_at as lastMessageAt',
  'c.created_at as createdAt', 'c.updated_at as updatedAt', 'c.resolved_at as resolvedAt',
] as const;

/** The desk's reads and writes on conversations: tags, per-user read markers, the agent's list. */
export function deskConversationsRepo(db: Executor) {
  return {
    async setTags(tenantId: string, id: string, tags: string[], at: Date): Promise<void> {
      await db.updateTable('conversations').set({ tags, updated_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    },

    /** Moves the user's read marker forward (never back); returns the marker now stored. */
    async markRead(tenantId: string, userId: string, conversationId: string, seq: number, at: Date): Promise<number> {
      const r = await db
        .insertInto('conversation_reads')
        .values({ tenant_id: tenantId, user_id: userId, conversation_id: conversationId, seq, updated_at: at })
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'user_id', 'conversation_id']).doUpdateSet({ seq: sql`greatest(conversation_reads.seq, excluded.seq)`, updated_at: at }),
        )
        .returning('seq')
        .executeTakeFirstOrThrow();
      return Number(r.seq);
    },

    /** Inbound messages after the marker. */
    async unread(tenantId: string, userId: string, conversationId: string): Promise<{ readSeq: number; unread: number }> {
      const read = await db.selectFrom('conversation_reads').select('seq').where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('conversation_id', '=', conversationId).executeTakeFirst();
      const readSeq = read ? Number(read.seq) : 0;
      const n = await db
        .selectFrom('messages')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('tenant_id', '=', tenantId)
        .where('conversation_id', '=', conversationId)
        .where('direction', '=', 'inbound')
        .where('seq', '>', readSeq)
        .executeTakeFirstOrThrow();
      return { readSeq, unread: Number(n.n) };
    },

    /** The user's assigned open and pending conversations, most recent activity first. */
    async assigned(tenantId: string, userId: string, limit: number): Promise<ConversationRow[]> {
      return (await db
        .selectFrom('conversations as c')
        .select(convCols)
        .where('c.tenant_id', '=', tenantId)
        .where('c.assignee_id', '=', userId)
        .where('c.status', 'in', ['open', 'pending'])
        .orderBy(sql`c.last_message_at desc nulls last`)
        .orderBy('c.id', 'desc')
        .limit(limit)
        .execute()) as ConversationRow[];
    },

    /** What the list shows beside each conversation, in a fixed number of queries. */
    async extras(tenantId: string, userId: string, ids: string[]): Promise<Map<string, DeskExtras>> {
      const out = new Map<string, DeskExtras>();
      if (ids.length === 0) return out;
      const [reads, counts, lasts, waits, tickets, inboxes] = await Promise.all([
        db.selectFrom('conversation_reads').select(['conversation_id as id', 'seq']).where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('conversation_id', 'in', ids).execute(),
        db
          .selectFrom('messages as m')
          .leftJoin('conversation_reads as r', (j) => j.onRef('r.tenant_id', '=', 'm.tenant_id').onRef('r.conversation_id', '=', 'm.conversation_id').on('r.user_id', '=', userId))
          .select(['m.conversation_id as id', sql<number>`count(*)::int`.as('n')])
          .where('m.tenant_id', '=', tenantId)
          .where('m.conversation_id', 'in', ids)
          .where('m.direction', '=', 'inbound')
          .where(sql<boolean>`m.seq > coalesce(r.seq, 0)`)
          .groupBy('m.conversation_id')
          .execute(),
        db
          .selectFrom('messages as m')
          .select(['m.conversation_id as id', 'm.seq', 'm.direction', 'm.text', 'm.created_at as at'])
          .where('m.tenant_id', '=', tenantId)
          .where('m.conversation_id', 'in', ids)
          .where('m.direction', '!=', 'note')
          .where((eb) =>
            eb('m.seq', '=', eb.selectFrom('messages as x').select(sql<number>`max(x.seq)`.as('s')).whereRef('x.tenant_id', '=', 'm.tenant_id').whereRef('x.conversation_id', '=', 'm.conversation_id').where('x.direction', '!=', 'note')),
          )
          .execute(),
        // The first inbound message after the last outbound one: the customer has been waiting since.
        db
          .selectFrom('messages as m')
          .select(['m.conversation_id as id', sql<Date>`min(m.created_at)`.as('at')])
          .where('m.tenant_id', '=', tenantId)
          .where('m.conversation_id', 'in', ids)
          .where('m.direction', '=', 'inbound')
          .where(sql<boolean>`m.seq > coalesce((select max(o.seq) from messages o where o.tenant_id = m.tenant_id and o.conversation_id = m.conversation_id and o.direction = 'outbound'), 0)`)
          .groupBy('m.conversation_id')
          .execute(),
        db.selectFrom('ticket_conversations').select(['conversation_id as id', 'ticket_id as ticketId']).where('tenant_id', '=', tenantId).where('conversation_id', 'in', ids).orderBy('ticket_id').execute(),
        db
          .selectFrom('conversations as c')
          .innerJoin('inboxes as i', (j) => j.onRef('i.tenant_id', '=', 'c.tenant_id').onRef('i.id', '=', 'c.inbox_id'))
          .select(['c.id', 'i.channel', 'i.name'])
          .where('c.tenant_id', '=', tenantId)
          .where('c.id', 'in', ids)
          .execute(),
      ]);
      for (const r of inboxes) out.set(r.id, { readSeq: 0, unread: 0, lastMessage: null, waitingSince: null, ticketIds: [], channel: r.channel, inboxName: r.name });
      for (const r of reads) { const e = out.get(r.id); if (e) e.readSeq = Number(r.seq); }
      for (const r of counts) { const e = out.get(r.id); if (e) e.unread = Number(r.n); }
      for (const r of lasts) { const e = out.get(r.id); if (e) e.lastMessage = { seq: Number(r.seq), direction: r.direction, text: r.text.slice(0, 200), at: new Date(r.at) }; }
      for (const r of waits) { const e = out.get(r.id); if (e && r.at) e.waitingSince = new Date(r.at); }
      for (const r of tickets) out.get(r.id)?.ticketIds.push(r.ticketId);
      return out;
    },
  };
}
export type DeskConversationsRepo = ReturnType<typeof deskConversationsRepo>;
