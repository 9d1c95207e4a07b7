import { z } from 'zod';
import { languages } from './common.ts';

/**
 * The chat widget's wire protocol (docs/decisions/014-chat-widget.md).
 *
 * HTTP under WIDGET_API_BASE (no staff cookie, CORS open); every call but config and sessions
 * takes `Authorization: Bearer <token>` (or `?token=` where a header cannot be sent: the socket,
 * and <img>/<a> attachment URLs). Errors use the API's usual body `{ error: { code, message,
 * details? } }` (contracts/common.ts errorBody).
 *
 * The widget bundle must stay small: import this file with `import type` only (plus the plain
 * constants below if needed); the server validates with the schemas.
 */

export const WIDGET_API_BASE = '/api/widget/v1';
export const WIDGET_WS_PATH = '/widget/ws';
/** Token lifetime; a new session call renews it. */
export const WIDGET_TOKEN_TTL_MS = 24 * 3_600_000;
/** Default attachment limits when the inbox sets none. */
export const WIDGET_DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const WIDGET_DEFAULT_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'] as const;
/** Rate limits (014): per visitor 20 messages / 10 s; per IP 120 requests+messages / min; sessions 30 / min / IP. */
export const WIDGET_LIMITS = {
  visitorMessages: { max: 20, windowMs: 10_000 },
  ipMessages: { max: 120, windowMs: 60_000 },
  ipSessions: { max: 30, windowMs: 60_000 },
} as const;
export const WIDGET_MAX_TEXT = 10_000;

const language = z.enum(languages);
export type WidgetLanguage = z.infer<typeof language>;
/** Text per language; a missing language falls back to the inbox's first language, then 'en'. */
const localized = z.partialRecord(language, z.string());
export type Localized = z.infer<typeof localized>;

// ---------------------------------------------------------------- config

/** A select option's value: what the session sends, the `prechat_<key>` attribute, and the tag when the field tags. */
export const PRECHAT_OPTION_VALUE = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const prechatOption = z.object({
  value: z.string().regex(PRECHAT_OPTION_VALUE, 'must be 1 to 40 lower-case letters, digits or dashes, starting with a letter or digit'),
  label: localized,
});
export type PrechatOption = z.infer<typeof prechatOption>;

export const prechatField = z
  .object({
    /** The key in `prechat` of the session body: 'name' and 'email' are known to the server (customer name, email identity). */
    key: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, 'must start with a lower-case letter, then up to 39 letters, digits or _'),
    type: z.enum(['text', 'email', 'tel', 'select']),
    required: z.boolean(),
    label: localized,
    /** A select's choices (1 to 20); only a select has them. */
    options: z.array(prechatOption).min(1).max(20).optional(),
    /** A select only: the chosen value is added to the new customer's tags (e.g. routing by topic). */
    tag: z.boolean().optional(),
  })
  .superRefine((f, ctx) => {
    if (f.type === 'select' && !f.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'a select field needs 1 to 20 options' });
    if (f.type !== 'select' && f.options !== undefined) ctx.addIssue({ code: 'custom', path: ['options'], message: 'only a select field has options' });
    if (f.type !== 'select' && f.tag) ctx.addIssue({ code: 'custom', path: ['tag'], message: 'only a select field can tag the customer' });
    const seen = new Set<string>();
    f.options?.forEach((o, i) => {
      if (seen.has(o.value)) ctx.addIssue({ code: 'custom', path: ['options', i, 'value'], message: `"${o.value}" is listed twice` });
      seen.add(o.value);
    });
  });
export type PrechatField = z.infer<typeof prechatField>;

export const widgetConfig = z.object({
  inboxId: z.uuid(),
  available: z.literal(true),
  name: z.string(),
  languages: z.array(language).min(1),
  greeting: localized,
  theme: z.object({
    /** `#rrggbb` */
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    position: z.enum(['left', 'right']),
    logoUrl: z.string().nullable(),
  }),
  prechatFields: z.array(prechatField),
  businessHours: z.object({
    open: z.boolean(),
    /** When it opens next (null while open, or if the calendar never opens). */
    nextOpenAt: z.iso.datetime().nullable(),
    /** Shown when closed ("we reply by email within…"): the visitor leaves an email (POST /offline). */
    closedMessage: localized,
  }),
  attachments: z.object({ maxBytes: z.number().int(), contentTypes: z.array(z.string()) }),
  csat: z.boolean(),
});
export type WidgetConfig = z.infer<typeof widgetConfig>;
/** GET /inboxes/:inboxId/config on a disabled, unknown, non-chat inbox: 404 with error code 'unavailable'. */

// ---------------------------------------------------------------- sessions

export const widgetIdentity = z.object({
  id: z.string().trim().min(1).max(255),
  email: z.email().max(320).optional(),
  name: z.string().trim().max(200).optional(),
  /** Epoch SECONDS. */
  expiresAt: z.number().int(),
  /** hex HMAC-SHA256 over `${id}|${email ?? ''}|${expiresAt}` with the inbox's identity secret. */
  signature: z.string().max(256),
});
export type WidgetIdentity = z.infer<typeof widgetIdentity>;

export const sessionBody = z.object({
  /** The id the widget kept from an earlier session (localStorage); a new one is made when absent. */
  visitorId: z.uuid().optional(),
  language: language.default('en'),
  prechat: z.record(z.string().max(40), z.string().max(500)).optional(),
  identity: widgetIdentity.optional(),
});
export type SessionBody = z.input<typeof sessionBody>;

export const sessionResponse = z.object({
  token: z.string(),
  visitorId: z.uuid(),
  verified: z.boolean(),
  /** The visitor's latest conversation on this inbox, if any. */
  conversationId: z.uuid().nullable(),
  expiresAt: z.iso.datetime(),
});
export type SessionResponse = z.infer<typeof sessionResponse>;

// ---------------------------------------------------------------- messages

export const widgetAttachment = z.object({
  id: z.uuid(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  /** `${WIDGET_API_BASE}/attachments/<id>`: append `?token=` for <img>/<a>. */
  url: z.string(),
});
export type WidgetAttachment = z.infer<typeof widgetAttachment>;

/** A message as the visitor sees it: plain text only (never HTML); notes and whispers never appear. */
export const widgetMessage = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  direction: z.enum(['inbound', 'outbound']),
  /** The visitor's own messages carry the clientId they were sent with (null for agent messages). */
  clientId: z.string().nullable(),
  text: z.string(),
  /** The agent's display name on outbound messages; null on the visitor's own. */
  authorName: z.string().nullable(),
  at: z.iso.datetime(),
  attachments: z.array(widgetAttachment),
  /** Written by the answering bot (issue 7), not a person. */
  bot: z.boolean().optional(),
  /** The bot's quick replies: the widget draws them as buttons; sending the label (or the number) picks one. */
  choices: z.array(z.object({ key: z.string(), label: z.string(), number: z.number().int() })).optional(),
});
export type WidgetMessage = z.infer<typeof widgetMessage>;

export const clientId = z.string().trim().min(1).max(100);
export const sendBody = z
  .object({ clientId, text: z.string().max(WIDGET_MAX_TEXT).default(''), attachmentIds: z.array(z.uuid()).max(10).optional() })
  .refine((b) => b.text.trim().length > 0 || (b.attachmentIds?.length ?? 0) > 0, { message: 'a message needs text or an attachment', path: ['text'] });
export type SendBody = z.input<typeof sendBody>;

export const ack = z.object({ clientId: z.string(), seq: z.number().int(), messageId: z.uuid(), conversationId: z.uuid() });
export type Ack = z.infer<typeof ack>;

export const historyQuery = z.object({ afterSeq: z.coerce.number().int().min(0).default(0) });
export const historyResponse = z.object({
  conversationId: z.uuid().nullable(),
  messages: z.array(widgetMessage),
  receipt: z.object({ deliveredSeq: z.number().int(), readSeq: z.number().int() }),
});
export type HistoryResponse = z.infer<typeof historyResponse>;

/** POST /attachments: raw body, `Content-Type` of the file, `?filename=`. 413 too large, 415 type not allowed. */
export const uploadResponse = widgetAttachment;

/** A rating: CSAT 1–5 (the default kind) or NPS 0–10, as the `csat_request` frame asked. */
export const csatBody = z.object({
  conversationId: z.uuid(),
  kind: z.enum(['csat', 'nps']).optional(),
  score: z.number().int().min(0).max(10),
  comment: z.string().trim().max(2000).optional(),
}).refine((b) => b.kind === 'nps' || b.score >= 1 && b.score <= 5, { path: ['score'], message: 'a CSAT score is 1 to 5' });
export type CsatBody = z.input<typeof csatBody>;
/** 201 {id}; a second answer for the same conversation: 409 conflict. */

export const offlineBody = z.object({
  email: z.email().max(320),
  name: z.string().trim().max(200).optional(),
  text: z.string().trim().min(1).max(WIDGET_MAX_TEXT),
});
export type OfflineBody = z.input<typeof offlineBody>;
export const offlineResponse = z.object({ ticketId: z.uuid() });

// ---------------------------------------------------------------- socket: GET /widget/ws?token=

export const widgetClientFrame = z.discriminatedUnion('type', [
  /** First frame after connect: the last seq the widget shows; the server answers `welcome`. */
  z.object({ type: z.literal('hello'), lastSeq: z.number().int().min(0).default(0) }),
  z.object({ type: z.literal('send'), clientId, text: z.string().max(WIDGET_MAX_TEXT).default(''), attachmentIds: z.array(z.uuid()).max(10).optional() }),
  z.object({ type: z.literal('typing'), on: z.boolean() }),
  /** The visitor has seen agent messages up to seq. */
  z.object({ type: z.literal('read'), seq: z.number().int().min(0) }),
  /** CSAT for the conversation (the current one when conversationId is absent). */
  z.object({ type: z.literal('csat'), kind: z.enum(['csat', 'nps']).optional(), score: z.number().int().min(0).max(10), comment: z.string().trim().max(2000).optional(), conversationId: z.uuid().optional() }),
  z.object({ type: z.literal('ping') }),
]);
export type WidgetClientFrame = z.input<typeof widgetClientFrame>;

export const queueInfo = z.object({ position: z.number().int(), waiting: z.number().int(), etaSeconds: z.number().int().nullable() });
export type QueueInfo = z.infer<typeof queueInfo>;
export const receipt = z.object({
  /** Highest seq of the visitor's own messages that reached the agent side (stored). */
  deliveredSeq: z.number().int(),
  /** Highest seq the agent side has read. */
  readSeq: z.number().int(),
});

export const widgetErrorCodes = ['invalid', 'unauthenticated', 'not_found', 'conflict', 'rate_limited', 'unavailable', 'too_large', 'unsupported_type', 'internal'] as const;
export type WidgetErrorCode = (typeof widgetErrorCodes)[number];

export const widgetServerFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    conversationId: z.uuid().nullable(),
    /** Messages after the hello's lastSeq, oldest first. */
    messages: z.array(widgetMessage),
    queue: queueInfo.optional(),
    receipt: receipt.optional(),
    status: z.enum(['open', 'pending', 'snoozed', 'resolved']).nullable(),
  }),
  z.object({ type: z.literal('ack'), clientId: z.string(), seq: z.number().int(), messageId: z.uuid(), conversationId: z.uuid() }),
  z.object({ type: z.literal('message'), conversationId: z.uuid() }).extend(widgetMessage.shape),
  z.object({ type: z.literal('typing'), on: z.boolean() }),
  z.object({ type: z.literal('receipt') }).extend(receipt.shape),
  z.object({ type: z.literal('queue') }).extend(queueInfo.shape),
  /** Ask for a rating: `kind` nps is 0–10 (the workspace's survey at resolution), else CSAT 1–5. */
  z.object({ type: z.literal('csat_request'), conversationId: z.uuid(), kind: z.enum(['csat', 'nps']).optional() }),
  z.object({ type: z.literal('resolved'), conversationId: z.uuid() }),
  z.object({ type: z.literal('csat_saved'), conversationId: z.uuid() }),
  z.object({
    type: z.literal('error'),
    code: z.enum(widgetErrorCodes),
    message: z.string(),
    /** The clientId of the `send` that failed, so the widget can mark that message. */
    clientId: z.string().optional(),
    retryAfterMs: z.number().int().optional(),
  }),
  z.object({ type: z.literal('pong') }),
]);
export type WidgetServerFrame = z.infer<typeof widgetServerFrame>;

// ---------------------------------------------------------------- admin: GET/PUT /api/v1/inboxes/:id/widget-settings

const adminText = z.partialRecord(language, z.string().trim().max(2000));
const httpsUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((s) => {
    try {
      return new URL(s).protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an https:// address');
const contentType = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/, 'must be a content type like image/png');

/** The widget part of a chat inbox's settings, as an admin edits it (never the identity secret). */
export const widgetSettingsShape = z.object({
  enabled: z.boolean(),
  /**
   * The name in the widget's header ("Chat with …"), e.g. the company; null = the inbox's name.
   * Left out of a PUT it is null, so bodies written before it existed still save.
   */
  title: z.string().trim().min(1, 'must not be empty (null shows the inbox name)').max(80).nullable().default(null),
  languages: z.array(language).min(1).max(6),
  greeting: adminText,
  closedMessage: adminText,
  theme: z.object({
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f6feb'),
    position: z.enum(['left', 'right']),
    logoUrl: httpsUrl.nullable(),
  }),
  prechatFields: z.array(prechatField).max(10),
  /** A business calendar of the workspace; null = always open. */
  calendarId: z.uuid().nullable(),
  attachments: z.object({
    maxBytes: z.number().int().min(1024).max(1024 * 1024 * 1024),
    contentTypes: z.array(contentType).min(1).max(30),
  }),
  csat: z.boolean(),
});
export type WidgetSettings = z.infer<typeof widgetSettingsShape>;

/** PUT body: every field; unknown keys are refused; keys and option values must be unique. */
export const widgetSettingsBody = widgetSettingsShape.strict().superRefine((s, ctx) => {
  if (new Set(s.languages).size !== s.languages.length) ctx.addIssue({ code: 'custom', path: ['languages'], message: 'lists a language twice' });
  const keys = new Set<string>();
  s.prechatFields.forEach((f, i) => {
    if (keys.has(f.key)) ctx.addIssue({ code: 'custom', path: ['prechatFields', i, 'key'], message: `"${f.key}" is used by another field` });
    keys.add(f.key);
  });
});
export type WidgetSettingsBody = z.input<typeof widgetSettingsBody>;

export const widgetSettingsView = z.object({
  inboxId: z.uuid(),
  name: z.string(),
  settings: widgetSettingsShape,
  /** Whether the inbox has an identity secret (rotate it with POST /api/v1/inboxes/:id/identity-secret; never shown here). */
  hasIdentitySecret: z.boolean(),
});
export type WidgetSettingsView = z.infer<typeof widgetSettingsView>;
