import type { ConversationStatus, Priority } from '../contracts/conversations.ts';
import type { Page } from '../contracts/common.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

export interface ConversationRow {
  id: string;
  tenantId: string;
  inboxId: string;
  customerId: string;
  status: ConversationStatus;
  snoozedUntil: Date | null;
  priority: Priority;
  assigneeId: string | null;
  teamId: string | null;
  tags: string[];
  subject: string | null;
  lastSeq: number;
  lastMessageAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
}

export interface ConversationFilter {
  status?: ConversationStatus;
  inboxId?: string;
  assigneeId?: string;
  customerId?: string;
}

export interface ConversationPatch {
  status?: ConversationStatus;
  snoozedUntil?: Date | null;
  priority?: Priority;
  assigneeId?: string | null;
  teamId?: string | null;
  resolvedAt?: Date | null;
}

export const conversationCols = [
  'id',
  'tenant_id as tenantId',
  'inbox_id as inboxId',
  'customer_id as customerId',
  'status',
  'snoozed_until as snoozedUntil',
  'priority',
  'assignee_id as assigneeId',
  'team_id as teamId',
  'tags',
  'subject',
  'last_seq as lastSeq',
  'last_message_at as lastMessageAt',
  'created_at as createdAt',
  'updated_at as updatedAt',
  'resolved_at as resolvedAt',
] as const;
const cols = conversationCols;

export function conversationsRepo(db: Executor) {
  return {
    async insert(c: { id: string; tenantId: string; inboxId: string; customerId: string; at: Date }): Promise<void> {
      await db
        .insertInto('conversations')
        .values({ id: c.id, tenant_id: c.tenantId, inbox_id: c.inboxId, customer_id: c.customerId, assignee_id: null, team_id: null, subject: null, snoozed_until: null, last_message_at: null, resolved_at: null, created_at: c.at, updated_at: c.at })
        .execute();
    },
    async byId(tenantId: string, id: string): Promise<ConversationRow | undefined> {
      return db.selectFrom('conversations').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    },
    /** The customer's newest conversation on an inbox (the one a new inbound message may join). */
    async latestFor(tenantId: string, inboxId: string, customerId: string): Promise<ConversationRow | undefined> {
      return db
        .selectFrom('conversations')
        .select(cols)
        .where('tenant_id', '=', tenantId)
        .where('customer_id', '=', customerId)
        .where('inbox_id', '=', inboxId)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
    },
    /**
     * Locks the customer row until the transaction ends, so two inbound messages of one customer
     * never both decide to open a new conversation. Returns the row as locked: a merge that
     * committed meanwhile shows in `mergedInto`.
     */
    async lockCustomer(tenantId: string, customerId: string): Promise<{ mergedInto: string | null } | undefined> {
      return db
        .selectFrom('customers')
        .select('merged_into as mergedInto')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', customerId)
        .forUpdate()
        .executeTakeFirst();
    },
    async list(tenantId: string, args: PageArgs & ConversationFilter): Promise<Page<ConversationRow>> {
      let q = db.selectFrom('conversations').select(cols).where('tenant_id', '=', tenantId);
      if (args.status) q = q.where('status', '=', args.status);
      if (args.inboxId) q = q.where('inbox_id', '=', args.inboxId);
      if (args.assigneeId) q = q.where('assignee_id', '=', args.assigneeId);
      if (args.customerId) q = q.where('customer_id', '=', args.customerId);
      return keysetPage(q, 'id', args, 'desc');
    },
    /**
     * Opens snoozed conversations whose time has come, in every tenant (a system job), oldest
     * first, at most `limit`; returns what it opened.
     */
    async wakeDue(now: Date, limit: number): Promise<{ id: string; tenantId: string; assigneeId: string | null }[]> {
      const due = db
        .selectFrom('conversations')
        .select('id')
        .where('status', '=', 'snoozed')
        .where('snoozed_until', '<=', now)
        .orderBy('snoozed_until')
        .limit(limit);
      return db
        .updateTable('conversations')
        .set({ status: 'open', snoozed_until: null, updated_at: now })
        .where('id', 'in', due)
        .where('status', '=', 'snoozed')
        .returning(['id', 'tenant_id as tenantId', 'assignee_id as assigneeId'])
        .execute();
    },
    async update(tenantId: string, id: string, patch: ConversationPatch, at: Date): Promise<boolean> {
      const r = await db
        .updateTable('conversations')
        .set({
          ...(patch.status !== undefined && { status: patch.status }),
          ...(patch.snoozedUntil !== undefined && { snoozed_until: patch.snoozedUntil }),
          ...(patch.priority !== undefined && { priority: patch.priority }),
          ...(patch.assigneeId !== undefined && { assignee_id: patch.assigneeId }),
          ...(patch.teamId !== undefined && { team_id: patch.teamId }),
          ...(patch.resolvedAt !== undefined && { resolved_at: patch.resolvedAt }),
          updated_at: at,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /**
     * The next message seq of a conversation. The row lock the UPDATE takes holds until commit, so
     * concurrent writers get distinct seqs and a rolled-back one leaves no gap.
     */
    async nextSeq(tenantId: string, id: string, at: Date): Promise<number> {
      const r = await db
        .updateTable('conversations')
        .set((eb) => ({ last_seq: eb('last_seq', '+', 1), last_message_at: at, updated_at: at }))
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .returning('last_seq')
        .executeTakeFirstOrThrow();
      return Number(r.last_seq);
    },
  };
}
export type ConversationsRepo = ReturnType<typeof conversationsRepo>;
