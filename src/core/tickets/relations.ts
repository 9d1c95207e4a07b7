import type { EventDraft } from '../../storage/events.repo.ts';
import { invalid, notFound } from '../errors.ts';
import type { CoreDeps } from '../deps.ts';
import type { Principal } from '../auth/principal.ts';
import { draftEvent } from '../events/draft.ts';
import { insertComment, type CommentInput } from './change.ts';
import { ticketTopics } from './shared.ts';
import { mustGetVisibleTicket } from './visibility.ts';

/** Followers, linked conversations, internal notes and the history of a ticket. */
export function relationActions(d: CoreDeps) {
  const event = (p: Principal, id: string, type: string, topics: string[], payload: Record<string, unknown>): EventDraft =>
    draftEvent(d.newId, { type, aggregateType: 'ticket', aggregateId: id, actorId: p.userId, topics, payload });

  return {
    /** Adds (idempotent) or removes a follower; the user must be an active user of the tenant to follow. */
    async setFollower(p: Principal, id: string, userId: string, follow: boolean): Promise<void> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const t = await mustGetVisibleTicket(r, p, id);
        const u = await r.users.byId(p.tenantId, userId);
        if (!u) throw notFound('User');
        if (follow && !u.active) throw invalid('A deactivated user cannot follow a ticket', [{ path: 'userId', message: 'user is deactivated' }]);
        const changed = follow ? await r.tickets.addFollower(p.tenantId, id, userId, now) : await r.tickets.removeFollower(p.tenantId, id, userId);
        if (!follow && !changed) throw notFound('Follower');
        if (changed) await r.events.append(p.tenantId, [event(p, id, follow ? 'ticket.follower_added' : 'ticket.follower_removed', ticketTopics(id, t.assigneeId, userId), { userId })], now);
      });
    },

    /** Links (idempotent) or unlinks a conversation of the same tenant. */
    async setLink(p: Principal, id: string, conversationId: string, linked: boolean): Promise<void> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const t = await mustGetVisibleTicket(r, p, id);
        if (!(await r.conversations.byId(p.tenantId, conversationId))) throw notFound('Conversation');
        const changed = linked ? await r.tickets.link(p.tenantId, id, conversationId, p.userId, now) : await r.tickets.unlink(p.tenantId, id, conversationId);
        if (!linked && !changed) throw notFound('Link between this ticket and conversation');
        if (changed) {
          const topics = [...ticketTopics(id, t.assigneeId), `conversation:${conversationId}`];
          await r.events.append(p.tenantId, [event(p, id, linked ? 'ticket.conversation_linked' : 'ticket.conversation_unlinked', topics, { conversationId, number: t.number })], now);
        }
      });
    },

    async comments(p: Principal, id: string, args: { limit: number; cursor?: string }) {
      await mustGetVisibleTicket(d.repos, p, id);
      return d.repos.ticketComments.list(p.tenantId, id, args);
    },

    /**
     * An internal note (`ticket.comment_added`) or, with `public`, a reply to the requester
     * (`ticket.replied` with { commentId, public: true, authorId }; a closed ticket takes no more
     * replies). Mentioned users, given as ids or written `@email` in the text, must be active users
     * of the tenant (unknown ids are a 400; an @email of nobody is plain text); each gets the event
     * on `user:<id>`.
     */
    async addComment(p: Principal, id: string, input: CommentInput) {
      const now = d.clock.now();
      const commentId = await d.uow(async (r) => insertComment(d, r, p, await mustGetVisibleTicket(r, p, id), input, now));
      return (await d.repos.ticketComments.byId(p.tenantId, commentId))!;
    },

    /** Who changed what: the ticket's events, newest first. */
    async history(p: Principal, id: string, args: { limit: number; cursor?: string }) {
      await mustGetVisibleTicket(d.repos, p, id);
      return d.repos.ticketHistory.list(p.tenantId, id, args);
    },
  };
}
