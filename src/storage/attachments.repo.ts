import type { Executor } from './executor.ts';

export interface AttachmentRow {
  id: string;
  tenantId: string;
  conversationId: string | null;
  messageId: string | null;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string | null;
  /** `<inbox id>:<visitor id>` when a widget visitor uploaded it. */
  uploadedByVisitor: string | null;
  createdAt: Date;
}

const cols = [
  'id',
  'tenant_id as tenantId',
  'conversation_id as conversationId',
  'message_id as messageId',
  'filename',
  'content_type as contentType',
  'size_bytes as sizeBytes',
  'sha256',
  'storage_key as storageKey',
  'uploaded_by as uploadedBy',
  'uploaded_by_visitor as uploadedByVisitor',
  'created_at as createdAt',
] as const;

/** Attachment metadata; the bytes are in the blob store under storageKey. */
export function attachmentsRepo(db: Executor) {
  return {
    async insert(a: Omit<AttachmentRow, 'createdAt' | 'uploadedByVisitor'> & { uploadedByVisitor?: string | null; at: Date }): Promise<void> {
      await db
        .insertInto('attachments')
        .values({
          id: a.id,
          tenant_id: a.tenantId,
          conversation_id: a.conversationId,
          message_id: a.messageId,
          filename: a.filename,
          content_type: a.contentType,
          size_bytes: a.sizeBytes,
          sha256: a.sha256,
          storage_key: a.storageKey,
          uploaded_by: a.uploadedBy,
          uploaded_by_visitor: a.uploadedByVisitor ?? null,
          created_at: a.at,
        })
        .execute();
    },
    async byId(tenantId: string, id: string): Promise<AttachmentRow | undefined> {
      return db.selectFrom('attachments').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    },
    /** The tenant's attachments among `ids`, locked until the transaction ends (call inside one). */
    async lockMany(tenantId: string, ids: string[]): Promise<AttachmentRow[]> {
      if (ids.length === 0) return [];
      return db.selectFrom('attachments').select(cols).where('tenant_id', '=', tenantId).where('id', 'in', ids).orderBy('id').forUpdate().execute();
    },
    /** Attaches unattached uploads to a message; returns how many were attached. */
    async attach(tenantId: string, ids: string[], conversationId: string, messageId: string): Promise<number> {
      if (ids.length === 0) return 0;
      const r = await db
        .updateTable('attachments')
        .set({ conversation_id: conversationId, message_id: messageId })
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', ids)
        .where('message_id', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    /** Every attachment of these messages, in one query, oldest first per message. */
    async forMessages(tenantId: string, messageIds: string[]): Promise<AttachmentRow[]> {
      if (messageIds.length === 0) return [];
      return db.selectFrom('attachments').select(cols).where('tenant_id', '=', tenantId).where('message_id', 'in', messageIds).orderBy('message_id').orderBy('id').execute();
    },
    /**
     * Deletes up to `limit` uploads (any tenant) never attached and created before `before`;
     * returns their keys so that the caller removes the blobs. A row attached meanwhile is kept.
     */
    /** Uploads never put on a message (nor on a knowledge-base article) by `before`. */
    async purgeUnattached(before: Date, limit: number): Promise<{ tenantId: string; id: string; storageKey: string }[]> {
      return db
        .deleteFrom('attachments')
        .where('id', 'in', (q) =>
          q
            .selectFrom('attachments')
            .select('id')
            .where('message_id', 'is', null)
            .where('created_at', '<', before)
            // Knowledge-base images are held by their article, not by a message.
            .where((eb) => eb.not(eb.exists(eb.selectFrom('kb_article_attachments as k').select('k.attachment_id').whereRef('k.attachment_id', '=', 'attachments.id'))))
            .orderBy('created_at')
            .limit(limit))
        .where('message_id', 'is', null)
        .returning(['tenant_id as tenantId', 'id', 'storage_key as storageKey'])
        .execute();
    },
  };
}
export type AttachmentsRepo = ReturnType<typeof attachmentsRepo>;
