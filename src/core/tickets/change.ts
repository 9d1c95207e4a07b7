import type { UpdateTicketBody } from '../../contracts/tickets.ts';
import type { EventDraft } from '../../storage/events.repo.ts';
import type { Repos } from '../../storage/repos.ts';
import type { TicketPatch, TicketRow } from '../../storage/tickets.repo.ts';
import { AppError, invalid } from '../errors.ts';
import type { CoreDeps } from '../deps.ts';
import type { Principal } from '../auth/principal.ts';
import { draftEvent } from '../events/draft.ts';
import { messageBody } from '../conversations/intake.ts';
import { applyCustom } from './custom-fields.ts';
import { mentionedEmails } from './mentions.ts';
import { checkRefs, ticketTopics } from './shared.ts';
import { checkTransition, transitionStamps } from './status.ts';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Applies a change to a locked ticket inside the caller's transaction: checks it, writes the patch
 * and appends one `ticket.<what>` event per changed field. Returns whether anything changed.
 */
export async function changeTicket(d: CoreDeps, r: Repos, p: Principal, before: TicketRow, change: UpdateTicketBody, now: Date): Promise<boolean> {
  const id = before.id;
  const followers = (await r.tickets.followers(p.tenantId, [id])).map((f) => f.userId);
  const assignee = change.assigneeId !== undefined ? change.assigneeId : before.assigneeId;
  const patch: TicketPatch = {};
  const events: EventDraft[] = [];
  const ev = (what: string, payload: Record<string, unknown>, ...users: (string | null)[]) =>
    events.push(draftEvent(d.newId, { type: `ticket.${what}`, aggregateType: 'ticket', aggregateId: id, actorId: p.userId, topics: ticketTopics(id, assignee, ...followers, ...users), payload }));

  if (change.status !== undefined) checkTransition(before.number, before.status, change.status);
  if (before.status === 'closed' && Object.keys(change).length > 0) {
    throw new AppError('conflict', `Ticket #${before.number} is closed and cannot be changed; create a follow-up ticket instead`);
  }
  await checkRefs(r, p.tenantId, {
    requesterId: change.requesterId !== before.requesterId ? change.requesterId : undefined,
    assigneeId: change.assigneeId !== before.assigneeId ? change.assigneeId : undefined,
    teamId: change.teamId !== before.teamId ? change.teamId : undefined,
  });
  if (change.custom !== undefined) {
    const custom = applyCustom(await r.ticketFields.all(p.tenantId), before.custom, change.custom, false);
    if (!same(custom, before.custom)) {
      patch.custom = custom;
      for (const key of [...new Set([...Object.keys(before.custom), ...Object.keys(custom)])].sort()) {
        if (!same(before.custom[key], custom[key])) ev('field_changed', { field: key, from: before.custom[key] ?? null, to: custom[key] ?? null });
      }
    }
  }
  if (change.status !== undefined && change.status !== before.status) {
    patch.status = change.status;
    Object.assign(patch, transitionStamps(before.status, change.status, now));
    ev('status_changed', { from: before.status, to: change.status, number: before.number });
  }
  const simple = [['subject', 'subject_changed'], ['priority', 'priority_changed'], ['type', 'type_changed'], ['requesterId', 'requester_changed'], ['teamId', 'team_changed'], ['tags', 'tags_changed']] as const;
  for (const [key, what] of simple) {
    const to = change[key];
    if (to !== undefined && !same(to, before[key])) {
      (patch as Record<string, unknown>)[key] = to;
      ev(what, { from: before[key], to });
    }
  }
  if (change.assigneeId !== undefined && change.assigneeId !== before.assigneeId) {
    patch.assigneeId = change.assigneeId;
    ev('assigned', { from: before.assigneeId, to: change.assigneeId }, before.assigneeId);
  }
  if (events.length === 0) return false;
  await r.tickets.update(p.tenantId, id, patch, now);
  await r.events.append(p.tenantId, events, now);
  return true;
}

export interface CommentInput {
  text: string;
  html?: string;
  mentions: string[];
  public?: boolean;
}

/**
 * Writes a note or public reply on a ticket inside the caller's transaction and appends its event
 * (`ticket.comment_added`, or `ticket.replied` with { commentId, public: true, authorId }).
 */
export async function insertComment(d: CoreDeps, r: Repos, p: Principal, t: TicketRow, input: CommentInput, now: Date): Promise<string> {
  const isPublic = input.public === true;
  const body = messageBody(input.text, input.html);
  if (!body.text.trim() && !body.html) throw invalid('The note is empty once unsafe HTML is removed; write some text', [{ path: 'text', message: 'empty' }]);
  if (isPublic && t.status === 'closed') throw new AppError('conflict', `Ticket #${t.number} is closed and takes no more replies; create a follow-up ticket instead`);
  const mentions: string[] = [];
  for (const [i, userId] of input.mentions.entries()) {
    const u = await r.users.byId(p.tenantId, userId);
    if (!u || !u.active) throw invalid('A mentioned user is not an active user of this workspace', [{ path: `mentions.${i}`, message: u ? 'user is deactivated' : 'unknown user' }]);
    if (!mentions.includes(u.id)) mentions.push(u.id);
  }
  for (const email of mentionedEmails(body.text)) {
    const u = await r.users.byEmail(p.tenantId, email);
    if (u?.active && !mentions.includes(u.id)) mentions.push(u.id);
  }
  const commentId = d.newId();
  const followers = (await r.tickets.followers(p.tenantId, [t.id])).map((f) => f.userId);
  await r.ticketComments.insert({ id: commentId, tenantId: p.tenantId, ticketId: t.id, authorId: p.userId, text: body.text, html: body.html, mentions, public: isPublic, at: now });
  // Not on `tenant`: the text reaches only those following this ticket (or named in it), never agents who may not see it.
  const topics = ticketTopics(t.id, t.assigneeId, ...followers, ...mentions).filter((x) => x !== 'tenant');
  const text = body.text.slice(0, 1000);
  const payload = isPublic ? { commentId, public: true, authorId: p.userId, number: t.number, mentions, text } : { commentId, number: t.number, mentions, text };
  await r.events.append(p.tenantId, [draftEvent(d.newId, { type: isPublic ? 'ticket.replied' : 'ticket.comment_added', aggregateType: 'ticket', aggregateId: t.id, actorId: p.userId, topics, payload })], now);
  return commentId;
}
