import { z } from 'zod';
import { languages } from '../../contracts/common.ts';
import { prechatField, WIDGET_DEFAULT_CONTENT_TYPES, WIDGET_DEFAULT_MAX_BYTES } from '../../contracts/widget.ts';

const lang = z.enum(languages);
const localized = z.partialRecord(lang, z.string().max(2000));

/**
 * A chat inbox's `settings` as the widget reads them. Every field has a default, and a malformed
 * field falls back to its default rather than taking the widget down.
 */
export const chatSettings = z.object({
  enabled: z.boolean().catch(false).default(false),
  identitySecret: z.string().min(16).optional().catch(undefined),
  languages: z.array(lang).min(1).catch(['en']).default(['en']),
  greeting: localized.catch({}).default({}),
  theme: z
    .object({
      color: z.string().regex(/^#[0-9a-fA-F]{6}$/).catch('#1f6feb').default('#1f6feb'),
      position: z.enum(['left', 'right']).catch('right').default('right'),
      logoUrl: z.string().max(2000).nullable().catch(null).default(null),
    })
    .catch({ color: '#1f6feb', position: 'right', logoUrl: null })
    .default({ color: '#1f6feb', position: 'right', logoUrl: null }),
  prechatFields: z.array(prechatField).max(10).catch([]).default([]),
  /** A business calendar id (src/core/sla); none = always open. */
  calendarId: z.uuid().nullable().catch(null).default(null),
  closedMessage: localized.catch({}).default({}),
  attachments: z
    .object({ maxBytes: z.number().int().min(1).catch(WIDGET_DEFAULT_MAX_BYTES), contentTypes: z.array(z.string()).catch([...WIDGET_DEFAULT_CONTENT_TYPES]) })
    .catch({ maxBytes: WIDGET_DEFAULT_MAX_BYTES, contentTypes: [...WIDGET_DEFAULT_CONTENT_TYPES] })
    .default({ maxBytes: WIDGET_DEFAULT_MAX_BYTES, contentTypes: [...WIDGET_DEFAULT_CONTENT_TYPES] }),
  csat: z.boolean().catch(true).default(true),
});
export type ChatSettings = z.infer<typeof chatSettings>;

export const parseChatSettings = (raw: unknown): ChatSettings => chatSettings.parse(raw && typeof raw === 'object' ? raw : {});
