import { z } from 'zod';
import { listQuery } from './common.ts';
import { attachmentIds, attachmentRef, inboundAttachments } from './attachments.ts';

export const channels = ['chat', 'email', 'sms', 'whatsapp', 'messenger', 'telegram', 'voice', 'api'] as const;
export type Channel = (typeof channels)[number];
export const conversationStatuses = ['open', 'pending', 'snoozed', 'resolved'] as const;
export type ConversationStatus = (typeof conversationStatuses)[number];
export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof priorities)[number];
export const messageDirections = ['inbound', 'outbound', 'note'] as const;
export const deliveryStatuses = ['received', 'queued', 'sent', 'delivered', 'read', 'failed'] as const;
export const intakeIdentityKinds = ['email', 'phone', 'visitor', 'whatsapp', 'messenger', 'telegram', 'external'] as const;

export const MAX_REOPEN_WINDOW_MS = 90 * 24 * 3_600_000;
export const DEFAULT_REOPEN_WINDOW_MS = 7 * 24 * 3_600_000;
const reopenWindowMs = z.number().int().min(0).max(MAX_REOPEN_WINDOW_MS);
const settings = z.record(z.string(), z.unknown());

export const inbox = z.object({
  id: z.uuid(),
  name: z.string(),
  channel: z.enum(channels),
  reopenWindowMs: z.number().int(),
  settings,
  createdAt: z.iso.datetime(),
});
export type Inbox = z.infer<typeof inbox>;

export const createInboxBody = z.object({
  name: z.string().trim().min(1).max(120),
  channel: z.enum(channels),
  reopenWindowMs: reopenWindowMs.default(DEFAULT_REOPEN_WINDOW_MS),
  settings: settings.default({}),
});
export const updateInboxBody = z
  .object({ name: z.string().trim().min(1).max(120).optional(), reopenWindowMs: reopenWindowMs.optional(), settings: settings.optional() })
  .strict();

export const conversation = z.object({
  id: z.uuid(),
  inboxId: z.uuid(),
  customerId: z.uuid(),
  status: z.enum(conversationStatuses),
  snoozedUntil: z.iso.datetime().nullable(),
  priority: z.enum(priorities),
  assigneeId: z.uuid().nullable(),
  teamId: z.uuid().nullable(),
  tags: z.array(z.string()),
  subject: z.string().nullable(),
  lastSeq: z.number().int(),
  lastMessageAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
  /** Who the customer is, on lists: saves a request per row. */
  customer: z.object({ id: z.uuid(), name: z.string(), identity: z.string().nullable() }).optional(),
});
export type Conversation = z.infer<typeof conversation>;

export const message = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  inboxId: z.uuid(),
  seq: z.number().int(),
  direction: z.enum(messageDirections),
  authorUserId: z.uuid().nullable(),
  /** 'bot' when the answering bot wrote it (issue 7); null for people and customers. */
  authorKind: z.enum(['bot']).nullable().optional(),
  text: z.string(),
  html: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  deliveryStatus: z.enum(deliveryStatuses),
  createdAt: z.iso.datetime(),
  /** Files on the message (0011_attachments.sql). */
  attachments: z.array(attachmentRef),
});
export type Message = z.infer<typeof message>;

const text = z.string().max(100_000).default('');
const html = z.string().max(1_000_000).optional();
const hasContent = (b: { text: string; html?: string }) => b.text.trim().length > 0 || (b.html ?? '').trim().length > 0;
const contentMessage = { message: 'a message needs text or html', path: ['text'] };

/** An inbound message as a channel (here: the API channel) hands it over. */
export const intakeBody = z
  .object({
    providerMessageId: z.string().trim().min(1).max(255).optional(),
    from: z.object({ kind: z.enum(intakeIdentityKinds), value: z.string().max(320), name: z.string().trim().max(200).optional() }),
    text,
    html,
    at: z.iso.datetime().optional(),
    /** Files, base64-encoded; each at most ATTACHMENT_MAX_BYTES. */
    attachments: inboundAttachments.optional(),
  })
  .refine((b) => hasContent(b) || (b.attachments?.length ?? 0) > 0, contentMessage);
export type IntakeBody = z.infer<typeof intakeBody>;
export const intakeResponse = z.object({ conversation, message });

export const postMessageBody = z
  .object({ kind: z.enum(['reply', 'note']), text, html, attachmentIds: attachmentIds.optional() })
  .refine((b) => hasContent(b) || (b.attachmentIds?.length ?? 0) > 0, contentMessage);

export const updateConversationBody = z
  .object({
    status: z.enum(conversationStatuses).optional(),
    snoozedUntil: z.iso.datetime().optional(),
    priority: z.enum(priorities).optional(),
    assigneeId: z.uuid().nullable().optional(),
    teamId: z.uuid().nullable().optional(),
    /** Replaces the tags: trimmed, lower-cased, each at most 40 characters, at most 20. */
    tags: z.array(z.string().trim().toLowerCase().min(1, 'a tag cannot be empty').max(40)).max(20).optional(),
  })
  .strict();

export const listConversationsQuery = listQuery.omit({ q: true }).extend({
  status: z.enum(conversationStatuses).optional(),
  inboxId: z.uuid().optional(),
  assigneeId: z.uuid().optional(),
  customerId: z.uuid().optional(),
});
export const listMessagesQuery = listQuery.omit({ q: true }).extend({
  /** Messages after this seq (oldest first): lets a client open a thread at its newest page. */
  afterSeq: z.coerce.number().int().min(0).optional(),
});
