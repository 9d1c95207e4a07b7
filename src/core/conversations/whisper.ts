import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { draftEvent } from '../events/draft.ts';
import type { WhisperRow } from '../../storage/wallboard.repo.ts';

export const whisperMaxLength = 2000;

/**
 * Whispers: a supervisor's note on a live conversation for its agent only (issue 6). Stored as a
 * note message (visitors never get notes) with whisper_to = the conversation's assignee, and a
 * message.created event (direction note, whisper: true) on `user:<agent>` and `conversation:<id>`
 * only, never the tenant-wide topic.
 */
export function createWhisperService(d: CoreDeps) {
  return {
    async whisper(p: Principal, conversationId: string, rawText: string): Promise<WhisperRow> {
      const text = rawText.trim();
      if (!text) throw invalid('Write something to whisper', [{ path: 'text', message: 'must not be empty' }]);
      if (text.length > whisperMaxLength) throw invalid(`A whisper is at most ${whisperMaxLength} characters`, [{ path: 'text', message: `longer than ${whisperMaxLength} characters` }]);
      const now = d.clock.now();
      const id = await d.uow(async (r) => {
        const conv = await r.conversations.byId(p.tenantId, conversationId);
        if (!conv) throw notFound('Conversation');
        if (conv.status === 'resolved') throw conflict('The conversation is resolved; whisper to a live conversation');
        const agent = conv.assigneeId;
        if (!agent) throw conflict('Nobody is on this conversation yet; assign it to an agent (or take it over) before whispering');
        if (agent === p.userId) throw conflict('You are the agent on this conversation; write an internal note instead of a whisper');
        const messageId = d.newId();
        const seq = await r.conversations.nextSeq(p.tenantId, conv.id, now);
        await r.messages.insert({
          id: messageId, tenantId: p.tenantId, conversationId: conv.id, inboxId: conv.inboxId, seq, direction: 'note', authorUserId: p.userId,
          text, html: null, providerMessageId: null, deliveryStatus: 'received', at: now,
        });
        await r.wallboard.markWhisper(p.tenantId, messageId, agent);
        await r.events.append(p.tenantId, [draftEvent(d.newId, {
          type: 'message.created', aggregateType: 'message', aggregateId: messageId, actorId: p.userId,
          // Not on conversation:<id>: other agents following the conversation must not get it; supervisors follow the wallboard.
          topics: [`user:${agent}`, 'wallboard'],
          payload: { conversationId: conv.id, inboxId: conv.inboxId, customerId: conv.customerId, seq, direction: 'note', authorUserId: p.userId, text: text.slice(0, 1000), whisper: true, whisperTo: agent },
        })], now);
        return messageId;
      });
      const rows = await d.repos.wallboard.whispers(p.tenantId, conversationId);
      return rows.find((w) => w.id === id)!;
    },

    /** Supervisors see every whisper of the conversation; an agent only those meant for them. */
    async list(p: Principal, conversationId: string): Promise<WhisperRow[]> {
      const conv = await d.repos.conversations.byId(p.tenantId, conversationId);
      if (!conv) throw notFound('Conversation');
      return d.repos.wallboard.whispers(p.tenantId, conversationId, p.permissions.has('routing.supervise') ? undefined : p.userId);
    },
  };
}
export type WhisperService = ReturnType<typeof createWhisperService>;
