import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { invalid, notFound } from '../errors.ts';
import { draftEvent } from '../events/draft.ts';
import { attachUploads } from '../attachments/service.ts';
import { conversationTopics } from '../conversations/intake.ts';

/** The agent's own desk: assigned conversations with unread counts, read markers, notes with @mentions. */
export function deskActions(d: CoreDeps) {
  return {
    /** The user's assigned open and pending conversations with what the list shows. */
    async deskList(p: Principal, limit: number) {
      const rows = await d.repos.deskConversations.assigned(p.tenantId, p.userId, limit);
      const extras = await d.repos.deskConversations.extras(p.tenantId, p.userId, rows.map((c) => c.id));
      return rows.map((c) => ({ conversation: c, extras: extras.get(c.id)! }));
    },

    /** Moves the user's read marker to `seq` (never back). */
    async markRead(p: Principal, conversationId: string, seq: number) {
      const now = d.clock.now();
      return d.uow(async (r) => {
        const conv = await r.conversations.byId(p.tenantId, conversationId);
        if (!conv) throw notFound('Conversation');
        if (seq > conv.lastSeq) throw invalid(`The conversation's last message is ${conv.lastSeq}; seq cannot be beyond it`, [{ path: 'seq', message: `at most ${conv.lastSeq}` }]);
        const stored = await r.deskConversations.markRead(p.tenantId, p.userId, conversationId, seq, now);
        const { unread } = await r.deskConversations.unread(p.tenantId, p.userId, conversationId);
        // The user's other tabs and windows update their counts.
        await r.events.append(p.tenantId, [draftEvent(d.newId, {
          type: 'conversation.read', aggregateType: 'conversation', aggregateId: conversationId, actorId: p.userId, topics: [`user:${p.userId}`], payload: { seq: stored, unread },
        })], now);
        return { conversationId, seq: stored, unread };
      });
    },

    /**
     * An internal note; every mentioned user gets a `conversation.mentioned` event on their own
     * topic. The note, its events and the mentions commit together.
     */
    async postNote(p: Principal, conversationId: string, input: { text: string; mentionIds: string[]; attachmentIds?: string[] }) {
      const now = d.clock.now();
      const messageId = d.newId();
      const mentionIds = [...new Set(input.mentionIds)];
      const attachmentIds = input.attachmentIds ?? [];
      await d.uow(async (r) => {
        const conv = await r.conversations.byId(p.tenantId, conversationId);
        if (!conv) throw notFound('Conversation');
        const problems: { path: string; message: string }[] = [];
        for (const [i, uid] of input.mentionIds.entries()) {
          const u = await r.users.byId(p.tenantId, uid);
          if (!u || !u.active) problems.push({ path: `mentionIds.${i}`, message: u ? 'user is deactivated' : 'unknown user' });
        }
        if (problems.length) throw invalid('Only active users of this workspace can be mentioned', problems);
        const author = await r.users.byId(p.tenantId, p.userId);
        const seq = await r.conversations.nextSeq(p.tenantId, conversationId, now);
        await r.messages.insert({
          id: messageId, tenantId: p.tenantId, conversationId, inboxId: conv.inboxId, seq, direction: 'note', authorUserId: p.userId,
          text: input.text, html: null, providerMessageId: null, deliveryStatus: 'received', at: now,
        });
        await attachUploads(r, p.tenantId, attachmentIds, conversationId, messageId);
        const excerpt = input.text.slice(0, 280);
        await r.events.append(p.tenantId, [
          draftEvent(d.newId, {
            type: 'message.created', aggregateType: 'message', aggregateId: messageId, actorId: p.userId, topics: conversationTopics(conversationId, conv.assigneeId),
            payload: { conversationId, inboxId: conv.inboxId, customerId: conv.customerId, seq, direction: 'note', authorUserId: p.userId, text: input.text.slice(0, 1000), ...(mentionIds.length > 0 && { mentionIds }), ...(attachmentIds.length > 0 && { attachmentIds }) },
          }),
          ...mentionIds.map((uid) => draftEvent(d.newId, {
            type: 'conversation.mentioned', aggregateType: 'conversation', aggregateId: conversationId, actorId: p.userId, topics: [`user:${uid}`],
            payload: { conversationId, messageId, userId: uid, byUserId: p.userId, byName: author?.name ?? null, excerpt },
          })),
        ], now);
      });
      return (await d.repos.messages.byId(p.tenantId, messageId))!;
    },
  };
}
