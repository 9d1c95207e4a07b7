import { z } from 'zod';
import { listQuery, uuid } from './common.ts';
import { priorities } from './conversations.ts';
import { tags } from './customers.ts';

export const ticketStatuses = ['new', 'open', 'pending', 'on-hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];
export const ticketTypes = ['question', 'incident', 'problem', 'task'] as const;
export type TicketType = (typeof ticketTypes)[number];
export const ticketFieldTypes = ['text', 'number', 'date', 'dropdown', 'checkbox'] as const;
export type TicketFieldType = (typeof ticketFieldTypes)[number];

/** A custom field value as stored: text, number, date (YYYY-MM-DD), dropdown option or checkbox. */
export const customValue = z.union([z.string().max(10_000), z.number(), z.boolean()]);
export type CustomValue = z.infer<typeof customValue>;
/** Custom values by field key; null (on update) clears a value. Checked against ticket_fields by core. */
const customInput = z.record(z.string().min(1).max(64), customValue.nullable()).refine((o) => Object.keys(o).length <= 100, 'at most 100 custom fields');

export const ticket = z.object({
  id: z.uuid(),
  number: z.number().int(),
  subject: z.string(),
  status: z.enum(ticketStatuses),
  priority: z.enum(priorities),
  type: z.enum(ticketTypes).nullable(),
  requesterId: z.uuid().nullable(),
  assigneeId: z.uuid().nullable(),
  teamId: z.uuid().nullable(),
  tags: z.array(z.string()),
  custom: z.record(z.string(), customValue),
  followerIds: z.array(z.uuid()),
  conversationIds: z.array(z.uuid()),
  createdBy: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  solvedAt: z.iso.datetime().nullable(),
  closedAt: z.iso.datetime().nullable(),
  /** Set when this ticket was merged into another (it is then closed). */
  mergedIntoId: z.uuid().nullable(),
});
export type Ticket = z.infer<typeof ticket>;

const subject = z.string().trim().min(1).max(250);

export const createTicketBody = z
  .object({
    subject,
    status: z.enum(ticketStatuses).exclude(['closed']).default('new'),
    priority: z.enum(priorities).default('normal'),
    type: z.enum(ticketTypes).nullable().default(null),
    requesterId: z.uuid().nullable().default(null),
    assigneeId: z.uuid().nullable().default(null),
    teamId: z.uuid().nullable().default(null),
    tags: tags.default([]),
    custom: customInput.default({}),
    followerIds: z.array(z.uuid()).max(50).default([]),
    conversationIds: z.array(z.uuid()).max(20).default([]),
  })
  .strict();
export type CreateTicketBody = z.infer<typeof createTicketBody>;

/** Every field optional; tags replace; custom merges key by key (null clears one). */
export const updateTicketBody = z
  .object({
    subject: subject.optional(),
    status: z.enum(ticketStatuses).optional(),
    priority: z.enum(priorities).optional(),
    type: z.enum(ticketTypes).nullable().optional(),
    requesterId: z.uuid().nullable().optional(),
    assigneeId: z.uuid().nullable().optional(),
    teamId: z.uuid().nullable().optional(),
    tags: tags.optional(),
    custom: customInput.optional(),
  })
  .strict();
export type UpdateTicketBody = z.infer<typeof updateTicketBody>;

export const listTicketsQuery = listQuery.extend({
  status: z.enum(ticketStatuses).optional(),
  assigneeId: z.uuid().optional(),
  requesterId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  conversationId: z.uuid().optional(),
  tag: z.string().trim().min(1).max(50).optional(),
});

export const followerParams = z.object({ id: uuid, userId: uuid });
export const ticketConversationParams = z.object({ id: uuid, conversationId: uuid });

export const ticketComment = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  authorId: z.uuid().nullable(),
  text: z.string(),
  html: z.string().nullable(),
  mentions: z.array(z.uuid()),
  /** A public reply to the requester (true) or an internal note (false). */
  public: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type TicketComment = z.infer<typeof ticketComment>;

export const createCommentBody = z
  .object({
    text: z.string().max(100_000).default(''),
    html: z.string().max(1_000_000).optional(),
    /** Users to notify besides those written as @email in the text. */
    mentions: z.array(z.uuid()).max(50).default([]),
    /** true: a public reply to the requester (event ticket.replied); false: an internal note. */
    public: z.boolean().default(false),
  })
  .strict()
  .refine((b) => b.text.trim().length > 0 || (b.html ?? '').trim().length > 0, { message: 'a note needs text or html', path: ['text'] });

export const ticketHistoryEntry = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  type: z.string(),
  actorId: z.uuid().nullable(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
});
export type TicketHistoryEntry = z.infer<typeof ticketHistoryEntry>;
export const historyQuery = listQuery.omit({ q: true });

const fieldKey = z.string().trim().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be 1..64 lower-case letters, digits or _, starting with a letter');
const options = z.array(z.string().trim().min(1).max(200)).max(500).transform((l) => [...new Set(l)]);

export const ticketField = z.object({
  id: z.uuid(),
  key: z.string(),
  label: z.string(),
  type: z.enum(ticketFieldTypes),
  options: z.array(z.string()),
  required: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TicketField = z.infer<typeof ticketField>;

export const createTicketFieldBody = z
  .object({
    key: fieldKey,
    label: z.string().trim().min(1).max(120),
    type: z.enum(ticketFieldTypes),
    options: options.default([]),
    required: z.boolean().default(false),
  })
  .strict();
export type CreateTicketFieldBody = z.infer<typeof createTicketFieldBody>;

/** key and type never change (stored values depend on them): delete and create anew instead. */
export const updateTicketFieldBody = z
  .object({ label: z.string().trim().min(1).max(120).optional(), options: options.optional(), required: z.boolean().optional() })
  .strict();
export type UpdateTicketFieldBody = z.infer<typeof updateTicketFieldBody>;
export const listTicketFieldsQuery = listQuery.omit({ q: true });

// ---- Views, macros, bulk and merge (0008_ticket_workflows.sql) ----

export const shareScopes = ['everyone', 'team', 'me'] as const;
export type ShareScope = (typeof shareScopes)[number];
export const viewSortFields = ['created', 'updated', 'priority', 'number', 'status'] as const;
export type ViewSortField = (typeof viewSortFields)[number];

const dateTime = z.iso.datetime({ offset: true });
export const viewFilters = z
  .object({
    status: z.array(z.enum(ticketStatuses)).max(6).optional(),
    priority: z.array(z.enum(priorities)).max(4).optional(),
    /** `me` (the viewer), `unassigned`, or a user id. */
    assignee: z.union([z.literal('me'), z.literal('unassigned'), z.uuid()]).optional(),
    teamId: z.uuid().optional(),
    /** Tickets carrying all of these tags. */
    tags: z.array(z.string().trim().min(1).max(50)).max(20).optional(),
    requesterId: z.uuid().optional(),
    type: z.enum(ticketTypes).optional(),
    createdAfter: dateTime.optional(),
    createdBefore: dateTime.optional(),
    q: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type ViewFilters = z.infer<typeof viewFilters>;
export const viewSort = z.object({ field: z.enum(viewSortFields), direction: z.enum(['asc', 'desc']) }).strict();
export type ViewSort = z.infer<typeof viewSort>;

export const ticketView = z.object({
  id: z.uuid(),
  name: z.string(),
  ownerId: z.uuid().nullable(),
  scope: z.enum(shareScopes),
  teamId: z.uuid().nullable(),
  filters: viewFilters,
  sort: viewSort,
  position: z.number().int(),
  /** Tickets in the view that the viewer may see (list responses only). */
  count: z.number().int().optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TicketViewDef = z.infer<typeof ticketView>;

const name = z.string().trim().min(1).max(120);
export const createTicketViewBody = z
  .object({
    name,
    scope: z.enum(shareScopes).default('me'),
    teamId: z.uuid().nullable().default(null),
    filters: viewFilters.default({}),
    sort: viewSort.default({ field: 'updated', direction: 'desc' }),
    position: z.number().int().min(0).max(10_000).default(100),
  })
  .strict();
export type CreateTicketViewBody = z.infer<typeof createTicketViewBody>;
export const updateTicketViewBody = z
  .object({
    name: name.optional(),
    scope: z.enum(shareScopes).optional(),
    teamId: z.uuid().nullable().optional(),
    filters: viewFilters.optional(),
    sort: viewSort.optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();
export type UpdateTicketViewBody = z.infer<typeof updateTicketViewBody>;
export const viewTicketsQuery = listQuery.omit({ q: true });

export const macroActions = z
  .object({
    status: z.enum(ticketStatuses).exclude(['new']).optional(),
    priority: z.enum(priorities).optional(),
    type: z.enum(ticketTypes).nullable().optional(),
    /** A user id, `current` (whoever applies the macro) or null (unassign). */
    assignee: z.union([z.uuid(), z.literal('current')]).nullable().optional(),
    teamId: z.uuid().nullable().optional(),
    addTags: z.array(z.string().trim().min(1).max(50)).max(20).optional(),
    removeTags: z.array(z.string().trim().min(1).max(50)).max(20).optional(),
    publicReply: z.string().trim().min(1).max(20_000).optional(),
    internalNote: z.string().trim().min(1).max(20_000).optional(),
  })
  .strict();
export type MacroActions = z.infer<typeof macroActions>;

export const ticketMacro = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  ownerId: z.uuid().nullable(),
  scope: z.enum(shareScopes),
  teamId: z.uuid().nullable(),
  actions: macroActions,
  usageCount: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TicketMacro = z.infer<typeof ticketMacro>;
export const createTicketMacroBody = z
  .object({
    name,
    description: z.string().trim().max(500).default(''),
    scope: z.enum(shareScopes).default('me'),
    teamId: z.uuid().nullable().default(null),
    actions: macroActions.refine((a) => Object.keys(a).length > 0, 'a macro needs at least one action'),
  })
  .strict();
export type CreateTicketMacroBody = z.infer<typeof createTicketMacroBody>;
export const updateTicketMacroBody = z
  .object({
    name: name.optional(),
    description: z.string().trim().max(500).optional(),
    scope: z.enum(shareScopes).optional(),
    teamId: z.uuid().nullable().optional(),
    actions: macroActions.refine((a) => Object.keys(a).length > 0, 'a macro needs at least one action').optional(),
  })
  .strict();
export type UpdateTicketMacroBody = z.infer<typeof updateTicketMacroBody>;
export const listMacrosQuery = listQuery;

export const applyMacroBody = z.object({ macroId: z.uuid() }).strict();

export const bulkTicketsBody = z
  .object({
    ids: z.array(z.uuid()).min(1).max(100).transform((l) => [...new Set(l)]),
    change: updateTicketBody.pick({ status: true, priority: true, type: true, assigneeId: true, teamId: true, tags: true }).optional(),
    macroId: z.uuid().optional(),
  })
  .strict()
  .refine((b) => (b.change && Object.keys(b.change).length > 0) || b.macroId, { message: 'give a change or a macroId', path: ['change'] });
export type BulkTicketsBody = z.infer<typeof bulkTicketsBody>;
export const bulkResult = z.object({
  results: z.array(z.object({ id: z.uuid(), ok: z.boolean(), error: z.object({ code: z.string(), message: z.string() }).optional() })),
});
export type BulkResult = z.infer<typeof bulkResult>;

export const mergeTicketsBody = z.object({ sourceIds: z.array(z.uuid()).min(1).max(20).transform((l) => [...new Set(l)]) }).strict();
export type MergeTicketsBody = z.infer<typeof mergeTicketsBody>;
