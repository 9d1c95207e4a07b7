import type { Conversation, Inbox, Message } from '../../contracts/conversations.ts';
import type { ConversationRow } from '../../storage/conversations.repo.ts';
import type { InboxRow } from '../../storage/inboxes.repo.ts';
import type { MessageRow } from '../../storage/messages.repo.ts';
import { attachmentUrl, type AttachmentRef } from '../../contracts/attachments.ts';
import type { AttachmentRow } from '../../storage/attachments.repo.ts';

/** Inbox, conversation and message rows to wire shapes. */
const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export const inboxDto = (i: InboxRow): Inbox => ({
  id: i.id,
  name: i.name,
  channel: i.channel,
  reopenWindowMs: i.reopenWindowMs,
  settings: i.settings,
  createdAt: iso(i.createdAt),
});

export const conversationDto = (c: ConversationRow): Conversation => ({
  id: c.id,
  inboxId: c.inboxId,
  customerId: c.customerId,
  status: c.status,
  snoozedUntil: isoOrNull(c.snoozedUntil),
  priority: c.priority,
  assigneeId: c.assigneeId,
  teamId: c.teamId,
  tags: c.tags,
  subject: c.subject,
  lastSeq: c.lastSeq,
  lastMessageAt: isoOrNull(c.lastMessageAt),
  createdAt: iso(c.createdAt),
  updatedAt: iso(c.updatedAt),
  resolvedAt: isoOrNull(c.resolvedAt),
});

export const attachmentRefDto = (a: AttachmentRow): AttachmentRef => ({
  id: a.id,
  filename: a.filename,
  contentType: a.contentType,
  size: a.sizeBytes,
  url: attachmentUrl(a.id),
});

/** A message with its attachments (load them for a whole page at once: services.attachments.forMessages). */
export const messageDto = (m: MessageRow, attachments: AttachmentRow[] = []): Message => ({
  id: m.id,
  conversationId: m.conversationId,
  inboxId: m.inboxId,
  seq: m.seq,
  direction: m.direction,
  authorUserId: m.authorUserId,
  authorKind: m.authorKind ?? null,
  text: m.text,
  html: m.html,
  providerMessageId: m.providerMessageId,
  deliveryStatus: m.deliveryStatus,
  createdAt: iso(m.createdAt),
  attachments: attachments.map(attachmentRefDto),
});
