import type { Ticket, TicketComment, TicketField, TicketHistoryEntry, TicketMacro, TicketViewDef } from '../../contracts/tickets.ts';
import type { TicketViewRow } from '../../storage/ticket-views.repo.ts';
import type { TicketMacroRow } from '../../storage/ticket-macros.repo.ts';
import type { TicketView } from '../../core/tickets/service.ts';
import type { StoredEvent } from '../../storage/events.repo.ts';
import type { TicketCommentRow } from '../../storage/ticket-comments.repo.ts';
import type { TicketFieldRow } from '../../storage/ticket-fields.repo.ts';

/** Ticket, note, history and field rows to wire shapes. */
const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export const ticketDto = (t: TicketView): Ticket => ({
  id: t.id,
  number: t.number,
  subject: t.subject,
  status: t.status,
  priority: t.priority,
  type: t.type,
  requesterId: t.requesterId,
  assigneeId: t.assigneeId,
  teamId: t.teamId,
  tags: t.tags,
  custom: t.custom,
  followerIds: t.followerIds,
  conversationIds: t.conversationIds,
  createdBy: t.createdBy,
  createdAt: iso(t.createdAt),
  updatedAt: iso(t.updatedAt),
  solvedAt: isoOrNull(t.solvedAt),
  closedAt: isoOrNull(t.closedAt),
  mergedIntoId: t.mergedIntoId,
});

export const ticketCommentDto = (c: TicketCommentRow): TicketComment => ({
  id: c.id,
  ticketId: c.ticketId,
  authorId: c.authorId,
  text: c.text,
  html: c.html,
  mentions: c.mentions,
  public: c.public,
  createdAt: iso(c.createdAt),
});

export const ticketHistoryDto = (e: StoredEvent): TicketHistoryEntry => ({
  id: e.id,
  seq: e.seq,
  type: e.type,
  actorId: e.actorId,
  payload: e.payload,
  createdAt: iso(e.createdAt),
});

export const ticketFieldDto = (f: TicketFieldRow): TicketField => ({
  id: f.id,
  key: f.key,
  label: f.label,
  type: f.type,
  options: f.options,
  required: f.required,
  createdAt: iso(f.createdAt),
  updatedAt: iso(f.updatedAt),
});

export const ticketViewDto = (v: TicketViewRow & { count?: number }): TicketViewDef => ({
  id: v.id,
  name: v.name,
  ownerId: v.ownerId,
  scope: v.scope,
  teamId: v.teamId,
  filters: v.filters,
  sort: v.sort,
  position: v.position,
  ...(v.count !== undefined && { count: v.count }),
  createdAt: iso(v.createdAt),
  updatedAt: iso(v.updatedAt),
});

export const ticketMacroDto = (m: TicketMacroRow): TicketMacro => ({
  id: m.id,
  name: m.name,
  description: m.description,
  ownerId: m.ownerId,
  scope: m.scope,
  teamId: m.teamId,
  actions: m.actions,
  usageCount: m.usageCount,
  createdAt: iso(m.createdAt),
  updatedAt: iso(m.updatedAt),
});
