import { sql } from 'kysely';
import type { Priority } from '../contracts/conversations.ts';
import type { Page } from '../contracts/common.ts';
import type { TicketStatus, TicketType } from '../contracts/tickets.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';
import { visibleTicketsWhere, type TicketScope } from './ticket-visibility.repo.ts';

export type CustomValues = Record<string, string | number | boolean>;

export interface TicketRow {
  id: string;
  tenantId: string;
  number: number;
  subject: string;
  status: TicketStatus;
  priority: Priority;
  type: TicketType | null;
  requesterId: string | null;
  assigneeId: string | null;
  teamId: string | null;
  tags: string[];
  custom: CustomValues;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  solvedAt: Date | null;
  closedAt: Date | null;
  mergedIntoId: string | null;
}

export interface TicketFilter {
  status?: TicketStatus;
  assigneeId?: string;
  requesterId?: string;
  teamId?: string;
  conversationId?: string;
  tag?: string;
  q?: string;
}

export interface TicketPatch {
  subject?: string;
  status?: TicketStatus;
  priority?: Priority;
  type?: TicketType | null;
  requesterId?: string | null;
  assigneeId?: string | null;
  teamId?: string | null;
  tags?: string[];
  custom?: CustomValues;
  solvedAt?: Date | null;
  closedAt?: Date | null;
  mergedIntoId?: string | null;
}

export type TicketInsert = Omit<TicketRow, 'updatedAt' | 'solvedAt' | 'closedAt' | 'mergedIntoId'> & { solvedAt: Date | null };

const cols = [
  'id',
  'tenant_id as tenantId',
  'number',
  'subject',
  'status',
  'priority',
  'type',
  'requester_id as requesterId',
  'assignee_id as assigneeId',
  'team_id as teamId',
  'tags',
  'custom',
  'created_by as createdBy',
  'created_at as createdAt',
  'updated_at as updatedAt',
  'solved_at as solvedAt',
  'closed_at as closedAt',
  'merged_into_id as mergedIntoId',
] as const;

type Raw = Omit<TicketRow, 'number' | 'custom'> & { number: number | string; custom: Record<string, unknown> };
/** The select list and row mapping, for other ticket queries (views). */
export const ticketCols = cols;
export const toTicketRow = (r: Raw): TicketRow => toRow(r);
const toRow = (r: Raw): TicketRow => ({ ...r, number: Number(r.number), custom: r.custom as CustomValues });
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Tickets with their followers and linked conversations; every query scoped by tenant. */
export function ticketsRepo(db: Executor) {
  return {
    /**
     * The tenant's next ticket number. The counter row stays locked until the transaction ends, so
     * concurrent creators get consecutive numbers and a rolled-back one leaves no gap.
     */
    async nextNumber(tenantId: string): Promise<number> {
      const r = await db
        .insertInto('ticket_counters')
        .values({ tenant_id: tenantId, last_number: 1 })
        .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ last_number: sql`ticket_counters.last_number + 1` }))
        .returning('last_number')
        .executeTakeFirstOrThrow();
      return Number(r.last_number);
    },
    async insert(t: TicketInsert): Promise<void> {
      await db
        .insertInto('tickets')
        .values({
          id: t.id, tenant_id: t.tenantId, number: t.number, subject: t.subject, status: t.status, priority: t.priority, type: t.type,
          requester_id: t.requesterId, assignee_id: t.assigneeId, team_id: t.teamId, tags: t.tags, custom: JSON.stringify(t.custom),
          created_by: t.createdBy, created_at: t.createdAt, updated_at: t.createdAt, solved_at: t.solvedAt, closed_at: null,
        })
        .execute();
    },
    async byId(tenantId: string, id: string): Promise<TicketRow | undefined> {
      const r = await db.selectFrom('tickets').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return r && toRow(r);
    },
    /** Locks the ticket row until the transaction ends: concurrent changes apply one after another. */
    async lock(tenantId: string, id: string): Promise<TicketRow | undefined> {
      const r = await db.selectFrom('tickets').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
      return r && toRow(r);
    },
    async list(tenantId: string, args: PageArgs & TicketFilter & { scope?: TicketScope }): Promise<Page<TicketRow>> {
      let q = db.selectFrom('tickets').select(cols).where('tenant_id', '=', tenantId);
      if (args.scope && !args.scope.all) {
        const scope = args.scope;
        q = q.where((eb) => visibleTicketsWhere(eb, scope));
      }
      if (args.status) q = q.where('status', '=', args.status);
      if (args.assigneeId) q = q.where('assignee_id', '=', args.assigneeId);
      if (args.requesterId) q = q.where('requester_id', '=', args.requesterId);
      if (args.teamId) q = q.where('team_id', '=', args.teamId);
      if (args.tag) q = q.where(sql<boolean>`tags @> ARRAY[${args.tag}]::text[]`);
      if (args.conversationId) {
        const cid = args.conversationId;
        q = q.where('id', 'in', (eb) => eb.selectFrom('ticket_conversations').select('ticket_id').where('tenant_id', '=', tenantId).where('conversation_id', '=', cid));
      }
      if (args.q) {
        const pattern = `%${likeEscape(args.q)}%`;
        const num = /^#?(\d{1,15})$/.exec(args.q)?.[1];
        q = q.where((eb) => eb.or([eb('subject', 'ilike', pattern), ...(num ? [eb('number', '=', Number(num))] : [])]));
      }
      const page = await keysetPage(q, 'id', args, 'desc');
      return { items: page.items.map(toRow), nextCursor: page.nextCursor };
    },
    async update(tenantId: string, id: string, p: TicketPatch, at: Date): Promise<void> {
      await db
        .updateTable('tickets')
        .set({
          ...(p.subject !== undefined && { subject: p.subject }),
          ...(p.status !== undefined && { status: p.status }),
          ...(p.priority !== undefined && { priority: p.priority }),
          ...(p.type !== undefined && { type: p.type }),
          ...(p.requesterId !== undefined && { requester_id: p.requesterId }),
          ...(p.assigneeId !== undefined && { assignee_id: p.assigneeId }),
          ...(p.teamId !== undefined && { team_id: p.teamId }),
          ...(p.tags !== undefined && { tags: p.tags }),
          ...(p.custom !== undefined && { custom: JSON.stringify(p.custom) }),
          ...(p.solvedAt !== undefined && { solved_at: p.solvedAt }),
          ...(p.closedAt !== undefined && { closed_at: p.closedAt }),
          ...(p.mergedIntoId !== undefined && { merged_into_id: p.mergedIntoId }),
          updated_at: at,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },
    /** Drops a deleted field's values from every ticket of the tenant. */
    async dropCustomKey(tenantId: string, key: string): Promise<void> {
      await db
        .updateTable('tickets')
        .set({ custom: sql`custom - ${key}::text` })
        .where('tenant_id', '=', tenantId)
        .where(sql<boolean>`jsonb_exists(custom, ${key}::text)`)
        .execute();
    },

    async followers(tenantId: string, ticketIds: string[]): Promise<{ ticketId: string; userId: string }[]> {
      if (ticketIds.length === 0) return [];
      return db.selectFrom('ticket_followers').select(['ticket_id as ticketId', 'user_id as userId']).where('tenant_id', '=', tenantId).where('ticket_id', 'in', ticketIds).orderBy('added_at').orderBy('user_id').execute();
    },
    async addFollower(tenantId: string, ticketId: string, userId: string, at: Date): Promise<boolean> {
      const r = await db.insertInto('ticket_followers').values({ tenant_id: tenantId, ticket_id: ticketId, user_id: userId, added_at: at }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async removeFollower(tenantId: string, ticketId: string, userId: string): Promise<boolean> {
      const r = await db.deleteFrom('ticket_followers').where('tenant_id', '=', tenantId).where('ticket_id', '=', ticketId).where('user_id', '=', userId).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    async conversations(tenantId: string, ticketIds: string[]): Promise<{ ticketId: string; conversationId: string }[]> {
      if (ticketIds.length === 0) return [];
      return db
        .selectFrom('ticket_conversations')
        .select(['ticket_id as ticketId', 'conversation_id as conversationId'])
        .where('tenant_id', '=', tenantId)
        .where('ticket_id', 'in', ticketIds)
        .orderBy('linked_at')
        .orderBy('conversation_id')
        .execute();
    },
    async link(tenantId: string, ticketId: string, conversationId: string, by: string | null, at: Date): Promise<boolean> {
      const r = await db
        .insertInto('ticket_conversations')
        .values({ tenant_id: tenantId, ticket_id: ticketId, conversation_id: conversationId, linked_by: by, linked_at: at })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async unlink(tenantId: string, ticketId: string, conversationId: string): Promise<boolean> {
      const r = await db.deleteFrom('ticket_conversations').where('tenant_id', '=', tenantId).where('ticket_id', '=', ticketId).where('conversation_id', '=', conversationId).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
export type TicketsRepo = ReturnType<typeof ticketsRepo>;
