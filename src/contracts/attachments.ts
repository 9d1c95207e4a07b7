import { z } from 'zod';

/** How a message shows a file: enough to list it and fetch it. */
export const attachmentRef = z.object({
  id: z.uuid(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  /** Relative URL of the bytes (GET, same authentication as the API). */
  url: z.string(),
});
export type AttachmentRef = z.infer<typeof attachmentRef>;

/** An uploaded file: its reference plus where it belongs (null until attached to a message). */
export const attachment = attachmentRef.extend({
  sha256: z.string(),
  conversationId: z.uuid().nullable(),
  messageId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
});
export type Attachment = z.infer<typeof attachment>;

export const uploadQuery = z.object({
  filename: z.string().max(1000).optional(),
});

export const downloadQuery = z.object({
  /** `inline` shows a PNG, JPEG, GIF or WebP image in the browser; any other file is always downloaded. */
  disposition: z.enum(['inline', 'attachment']).default('attachment'),
});

/** Files on an inbound message handed in as JSON (the API channel). */
export const inboundAttachment = z.object({
  filename: z.string().min(1).max(1000),
  contentType: z.string().max(255).optional(),
  dataBase64: z.base64(),
});

/** At most this many files on one message. */
export const MAX_MESSAGE_ATTACHMENTS = 10;
export const attachmentIds = z.array(z.uuid()).max(MAX_MESSAGE_ATTACHMENTS);
export const inboundAttachments = z.array(inboundAttachment).max(MAX_MESSAGE_ATTACHMENTS);

export const attachmentUrl = (id: string) => `/api/v1/attachments/${id}`;
