import { z } from 'zod';
import { uuid } from './common.ts';

export const timelineKinds = ['conversation', 'call', 'message', 'ticket', 'order', 'survey', 'note'] as const;

export const timelineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z.string().max(200).optional(),
  /** Comma-separated kinds to show, e.g. `ticket,order`; all when absent. */
  kinds: z
    .string()
    .max(200)
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const list = [...new Set(s.split(',').map((k) => k.trim()).filter(Boolean))];
      const bad = list.filter((k) => !(timelineKinds as readonly string[]).includes(k));
      if (bad.length) {
        ctx.addIssue({ code: 'custom', message: `unknown kind ${bad.map((b) => `"${b.slice(0, 20)}"`).join(', ')}; use ${timelineKinds.join(', ')}` });
        return z.NEVER;
      }
      return list as (typeof timelineKinds)[number][];
    }),
});

export const timelineItem = z.object({
  kind: z.enum(timelineKinds),
  id: uuid,
  at: z.iso.datetime(),
  conversationId: uuid.nullable(),
  ticketId: uuid.nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineItem = z.infer<typeof timelineItem>;

export const createNoteBody = z.object({
  text: z.string().trim().min(1, 'a note needs some text').max(10_000),
  html: z.string().max(50_000).nullable().optional(),
});

export const customerNote = z.object({
  id: uuid,
  customerId: uuid,
  authorId: uuid.nullable(),
  text: z.string(),
  html: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type CustomerNote = z.infer<typeof customerNote>;

export const eraseBody = z.object({
  /** The customer's id again, so an erasure is never a slip of the wrong id. */
  confirm: uuid,
  reason: z.string().trim().max(500).optional(),
});

export const erasureResult = z.object({
  customerId: uuid,
  erasedAt: z.iso.datetime(),
  removed: z.record(z.string(), z.number().int()),
});
export type ErasureResult = z.infer<typeof erasureResult>;
