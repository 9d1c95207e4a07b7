import type { Page } from '../contracts/common.ts';
import { AppError } from '../core/errors.ts';
import type { Executor } from './executor.ts';
import type { MessagesTable } from './schema.ts';

type Direction = MessagesTable['direction'];
export type DeliveryStatus = 'received' | 'queued' | 'sent' | 'delivered' | 'read' | 'failed';

export interface MessageRow {
  id: string;
  tenantId: string;
  conversationId: string;
  inboxId: string;
  seq: number;
  direction: Direction;
  authorUserId: string | null;
  text: string;
  html: string | null;
  providerMessageId: string | null;
  deliveryStatus: DeliveryStatus;
  createdAt: Date;
  /** 'bot' for the answering bot's messages (0020); absent on rows built in code before insert. */
  authorKind?: 'bot' | null;
}

const cols = [
  'id',
  'tenant_id as tenantId',
  'conversation_id as conversationId',
  'inbox_id as inboxId',
  'seq',
  'direction',
  'author_user_id as authorUserId',
  'text',
  'html',
  'provider_message_id as providerMessageId',
  'delivery_status as deliveryStatus',
  'created_at as createdAt',
  'author_kind as authorKind',
] as const;

/** Message pages are keyed by seq (the conversation's own order), not by id or clock. */
const encodeSeq = (seq: number) => Buffer.from(`seq:${seq}`, 'utf8').toString('base64url');
function decodeSeq(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  const m = /^seq:(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) {
    throw new AppError('invalid', 'The cursor is not one this API returned; pass nextCursor from the previous page unchanged', [{ path: 'cursor', message: 'unknown cursor' }]);
  }
  return Number(m[1]);
}

export function messagesRepo(db: Executor) {
  return {
    /**
     * Inserts a message; false (and nothing written) when a message with the same provider id is
     * already in the inbox. Must run inside the transaction that reserved the seq.
     */
    async insert(m: Omit<MessageRow, 'createdAt'> & { at: Date; sentiment?: number | null }): Promise<boolean> {
      const r = await db
        .insertInto('messages')
        .values({
          id: m.id,
          tenant_id: m.tenantId,
          conversation_id: m.conversationId,
          inbox_id: m.inboxId,
          seq: m.seq,
          direction: m.direction,
          author_user_id: m.authorUserId,
          text: m.text,
          html: m.html,
          provider_message_id: m.providerMessageId,
          delivery_status: m.deliveryStatus,
          created_at: m.at,
          sentiment: m.sentiment ?? null,
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'inbox_id', 'provider_message_id']).where('provider_message_id', 'is not', null).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async byId(tenantId: string, id: string): Promise<MessageRow | undefined> {
      return db.selectFrom('messages').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    },
    async byProviderId(tenantId: string, inboxId: string, providerMessageId: string): Promise<MessageRow | undefined> {
      return db
        .selectFrom('messages')
        .select(cols)
        .where('tenant_id', '=', tenantId)
        .where('inbox_id', '=', inboxId)
        .where('provider_message_id', '=', providerMessageId)
        .executeTakeFirst();
    },
    /** A conversation's messages in seq order, oldest first. */
    /**
     * `whispersFor`: a user who is not a supervisor sees only the whispers meant for them (a
     * whisper is a note with whisper_to set); left out, every message is listed.
     */
    async list(tenantId: string, conversationId: string, args: { limit: number; cursor?: string; afterSeq?: number; whispersFor?: string }): Promise<Page<MessageRow>> {
      const after = decodeSeq(args.cursor) ?? args.afterSeq;
      let q = db.selectFrom('messages').select(cols).where('tenant_id', '=', tenantId).where('conversation_id', '=', conversationId);
      if (args.whispersFor) {
        const viewer = args.whispersFor;
        q = q.where((eb) => eb.or([eb('whisper_to', 'is', null), eb('whisper_to', '=', viewer)]));
      }
      if (after !== undefined) q = q.where('seq', '>', after);
      const rows = await q.orderBy('seq').limit(args.limit + 1).execute();
      const more = rows.length > args.limit;
      const items = more ? rows.slice(0, args.limit) : rows;
      return { items, nextCursor: more ? encodeSeq(items[items.length - 1]!.seq) : null };
    },
  };
}
export type MessagesRepo = ReturnType<typeof messagesRepo>;
