import type { Executor } from './executor.ts';

export interface SentimentPointRow {
  messageId: string;
  seq: number;
  at: Date;
  score: number;
}

/** Sentiment reads of a conversation (issue 8): its scored inbound messages and its last drop alert. */
export function sentimentRepo(db: Executor) {
  return {
    /** The latest `limit` scored inbound messages, oldest first (by the conversation's own order). */
    async inboundScores(tenantId: string, conversationId: string, limit = 500): Promise<SentimentPointRow[]> {
      const rows = await db
        .selectFrom('messages')
        .select(['id', 'seq', 'created_at', 'sentiment'])
        .where('tenant_id', '=', tenantId)
        .where('conversation_id', '=', conversationId)
        .where('direction', '=', 'inbound')
        .where('sentiment', 'is not', null)
        .orderBy('seq', 'desc')
        .limit(limit)
        .execute();
      return rows.reverse().map((r) => ({ messageId: r.id, seq: Number(r.seq), at: new Date(r.created_at), score: Number(r.sentiment) }));
    },
    /** Locks the conversation row for the rest of the transaction: drop checks of one conversation take turns. */
    async lockConversation(tenantId: string, id: string): Promise<{ status: string; assigneeId: string | null } | undefined> {
      const r = await db
        .selectFrom('conversations')
        .select(['status', 'assignee_id'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      return r && { status: r.status, assigneeId: r.assignee_id };
    },
    /** The message seq of the conversation's latest sentiment-drop alert, if any. */
    async lastDropSeq(tenantId: string, conversationId: string): Promise<number | null> {
      const r = await db
        .selectFrom('events')
        .select('payload')
        .where('tenant_id', '=', tenantId)
        .where('aggregate_type', '=', 'conversation')
        .where('aggregate_id', '=', conversationId)
        .where('type', '=', 'conversation.sentiment_dropped')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      const seq = (r?.payload as { seq?: unknown } | undefined)?.seq;
      return typeof seq === 'number' ? seq : null;
    },
  };
}
