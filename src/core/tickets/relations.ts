import type { EventDraft } from '../../storage/events.repo.ts';
import { invalid, notFound } from '../errors.ts';
import type { CoreDeps } from '../deps.ts';
import type { Principal } from '../auth/principal.ts';
import { draftEvent } from '../events/draft.ts';
import { messageBody } from '../conversations/intake.ts';
import { mentionedEmails } from './mentions.ts';
import { mustGetTicket, ticketTopics } from './shared.ts';

/** Followers, linked conversations, internal notes and the history of a ticket. */
export function relationActions(d: CoreDeps) {
  const event = (p: Principal, id: string, type: string, topics: string[], payload: Record<string, unknown>): EventDraft =>
    draftEvent(d.newId, { type, aggregateType: 'ticket', aggregateId: id, actorId: p.userId, topics, payload });

  return {
    /** Adds (idempotent) or removes a follower; the user must be an active user of the tenant to follow. */
    async setFollower(p: Principal, id: string, userId: string, follow: boolean): Promise<void> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const t = await mustGetTicket(r, p.tenantId, id);
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
        const t = await mustGetTicket(r, p.tenantId, id);
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
      await mustGetTicket(d.repos, p.tenantId, id);
      return d.repos.ticketComments.list(p.tenantId, id, args);
    },

    /**
     * An internal note. Mentioned users, given as ids or written `@email` in the text, must be
     * active users of the tenant (unknown ids are a 400; an @email of nobody is plain text); each
     * gets the event on `user:<id>`.
     */
    async addComment(p: Principal, id: string, input: { text: string; html?: string; mentions: string[] }) {
      const body = messageBody(input.text, input.html);
      if (!body.text.trim() && !body.html) throw invalid('The note is empty once unsafe HTML is removed; write some text', [{ path: 'text', message: 'empty' }]);
      const now = d.clock.now();
      const commentId = d.newId();
      await d.uow(async (r) => {
        const t = await mustGetTicket(r, p.tenantId, id);
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
        const followers = (await r.tickets.followers(p.tenantId, [id])).map((f) => f.userId);
        await r.ticketComments.insert({ id: commentId, tenantId: p.tenantId, ticketId: id, authorId: p.userId, text: body.text, html: body.html, mentions, at: now });
        await r.events.append(p.tenantId, [event(p, id, 'ticket.comment_added', ticketTopics(id, t.assigneeId, ...followers, ...mentions), { commentId, number: t.number, mentions, text: body.text.slice(0, 1000) })], now);
      });
      return (await d.repos.ticketComments.byId(p.tenantId, commentId))!;
    },

    /** Who changed what: the ticket's events, newest first. */
    async history(p: Principal, id: string, args: { limit: number; cursor?: string }) {
      await mustGetTicket(d.repos, p.tenantId, id);
      return d.repos.ticketHistory.list(p.tenantId, id, args);
    },
  };
}
