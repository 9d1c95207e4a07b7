import type { TicketStatus } from '../../contracts/tickets.ts';
import { AppError } from '../errors.ts';

/**
 * May a ticket go from one status to another? `new` is the starting state only; `closed` is final
 * and is reached from `solved` only; every other move (solved → open reopens) is allowed.
 * Throws a conflict that says what to do instead.
 */
export function checkTransition(number: number, from: TicketStatus, to: TicketStatus): void {
  if (from === to) return;
  if (from === 'closed') {
    throw new AppError('conflict', `Ticket #${number} is closed and cannot be reopened or changed; create a follow-up ticket instead`);
  }
  if (to === 'new') {
    throw new AppError('conflict', `Ticket #${number} is ${from}; a ticket cannot go back to new. Use open or pending`);
  }
  if (to === 'closed' && from !== 'solved') {
    throw new AppError('conflict', `Ticket #${number} is ${from}; solve it before closing it`);
  }
}

/** The timestamps a move stamps or clears: solvedAt on entering solved (cleared on reopening), closedAt on closing. */
export function transitionStamps(from: TicketStatus, to: TicketStatus, now: Date): { solvedAt?: Date | null; closedAt?: Date | null } {
  if (from === to) return {};
  if (to === 'solved') return { solvedAt: now };
  if (to === 'closed') return { closedAt: now };
  if (from === 'solved') return { solvedAt: null };
  return {};
}
