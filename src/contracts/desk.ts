import { z } from 'zod';
import { listQuery } from './common.ts';
import { attachmentIds } from './attachments.ts';
import { channels, conversation } from './conversations.ts';

/** The agent desk: canned responses, disposition codes, wrap-up, read markers, notes with mentions. */

const slug = (max: number) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .min(1)
    .max(max)
    .regex(/^[a-z0-9_-]+$/, 'use lower-case letters, digits, - and _ only');

export const cannedResponse = z.object({
  id: z.uuid(),
  shortcut: z.string(),
  title: z.string(),
  body: z.string(),
  createdBy: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type CannedResponse = z.infer<typeof cannedResponse>;

export const cannedBody = z
  .object({
    shortcut: slug(40),
    title: z.string().trim().min(1).max(120),
    body: z.string().trim().min(1).max(5000),
  })
  .strict();
export const cannedPatch = cannedBody.partial().strict();
export const cannedListQuery = listQuery;

export const renderCannedBody = z.object({ conversationId: z.uuid() }).strict();
export const renderedCanned = z.object({ text: z.string(), unknown: z.array(z.string()) });

export const disposition = z.object({
  id: z.uuid(),
  code: z.string(),
  label: z.string(),
  active: z.boolean(),
  position: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Disposition = z.infer<typeof disposition>;
export const dispositionBody = z
  .object({ code: slug(40), label: z.string().trim().min(1).max(120), active: z.boolean().default(true), position: z.number().int().min(0).max(10_000).default(0) })
  .strict();
export const dispositionPatch = z
  .object({ code: slug(40), label: z.string().trim().min(1).max(120), active: z.boolean(), position: z.number().int().min(0).max(10_000) })
  .partial()
  .strict();
export const dispositionListQuery = z.object({ includeInactive: z.enum(['true', 'false']).optional() });

export const wrapUp = z.object({
  conversationId: z.uuid(),
  dispositionCode: z.string().nullable(),
  dispositionLabel: z.string().nullable(),
  note: z.string().nullable(),
  wrappedUpBy: z.uuid().nullable(),
  wrappedUpAt: z.iso.datetime(),
});
export type WrapUp = z.infer<typeof wrapUp>;
/** Resolve with a disposition: required when the workspace has any active code. */
export const wrapUpBody = z
  .object({ dispositionCode: z.string().trim().toLowerCase().max(40).optional(), note: z.string().trim().max(2000).optional() })
  .strict();
export const wrapUpResult = z.object({ conversation, wrapUp });

export const readBody = z.object({ seq: z.number().int().min(0) }).strict();
export const readMarker = z.object({ conversationId: z.uuid(), seq: z.number().int(), unread: z.number().int() });

/** An internal note; `mentionIds` are users picked from the @ autocomplete: each gets a notification. */
export const noteBody = z
  .object({
    text: z.string().trim().min(1, 'write the note').max(100_000),
    mentionIds: z.array(z.uuid()).max(20).default([]),
    attachmentIds: attachmentIds.optional(),
  })
  .strict();

/** One row of the agent's desk list: the conversation and what the list shows beside it. */
export const deskConversation = conversation.extend({
  channel: z.enum(channels),
  inboxName: z.string(),
  unread: z.number().int(),
  readSeq: z.number().int(),
  lastMessage: z.object({ seq: z.number().int(), direction: z.string(), text: z.string(), at: z.iso.datetime() }).nullable(),
  /** When the customer's oldest unanswered message arrived; null when the agent spoke last. */
  waitingSince: z.iso.datetime().nullable(),
  ticketIds: z.array(z.uuid()),
});
export type DeskConversation = z.infer<typeof deskConversation>;
export const deskListQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) });

/** Sent to a mentioned user's topic (user:<id>). */
export const mentionEventType = 'conversation.mentioned';
export const tagsEventType = 'conversation.tags_changed';
