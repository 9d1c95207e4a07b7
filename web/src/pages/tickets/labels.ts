import type { TicketStatus } from '../../api/tickets.ts';

export const TICKET_STATUSES = ['new', 'open', 'pending', 'on-hold', 'solved', 'closed'] as const satisfies readonly TicketStatus[];
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TICKET_TYPES = ['question', 'incident', 'problem', 'task'] as const;

/**
 * The statuses a ticket may move to from `from`, itself included, following the server's rule
 * (src/core/tickets/status.ts): new is a start only, closed only from solved and final.
 */
export function allowedStatuses(from: TicketStatus): TicketStatus[] {
  if (from === 'closed') return ['closed'];
  return TICKET_STATUSES.filter((s) => s === from || (s !== 'new' && (s !== 'closed' || from === 'solved')));
}

/** Is this realtime event about tickets (so lists and counts should refresh)? */
export const isTicketEvent = (type: string) => type.startsWith('ticket.') || type.startsWith('ticket_view.') || type.startsWith('ticket_macro.');

/** "a, b ,c" → ['a', 'b', 'c'] without blanks or duplicates. */
export const parseTags = (s: string) => [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))];
