import type { ConversationStatus, Priority } from '../../contracts/conversations.ts';
import type { ConversationFilter, ConversationPatch } from '../../storage/conversations.repo.ts';
import type { EventDraft } from '../../storage/events.repo.ts';
import { invalid, notFound } from '../errors.ts';
import type { CoreDeps } from '../deps.ts';
import type { Principal } from '../auth/principal.ts';
import { draftEvent } from '../events/draft.ts';
import { attachUploads } from '../attachments/service.ts';
import { inboxActions } from './inboxes.ts';
import { conversationTopics, intakeAction, messageBody } from './intake.ts';

export type { IntakeInput, IntakeResult } from './intake.ts';

export interface ConversationChange {
  status?: ConversationStatus;
  snoozedUntil?: Date;
  priority?: Priority;
  assigneeId?: string | null;
  teamId?: string | null;
  /** Replaces the tags (already trimmed and lower-cased by the contract); duplicates dropped. */
  tags?: string[];
}

/** Inboxes, conversations and their messages: intake of inbound messages and agents' actions. */
export function createConversationsService(d: CoreDeps) {
  async function mustGet(tenantId: string, id: string) {
    const c = await d.repos.conversations.byId(tenantId, id);
    if (!c) throw notFound('Conversation');
    return c;
  }

  return {
    ...inboxActions(d),
    intake: intakeAction(d),

    list: (p: Principal, args: { limit: number; cursor?: string } & ConversationFilter) => d.repos.conversations.list(p.tenantId, args),
    get: (p: Principal, id: string) => mustGet(p.tenantId, id),

    async messages(p: Principal, id: string, args: { limit: number; cursor?: string; afterSeq?: number }) {
      await mustGet(p.tenantId, id);
      // Whispers (supervisor notes for one agent) are for that agent and supervisors only.
      return d.repos.messages.list(p.tenantId, id, { ...args, ...(!p.permissions.has('routing.supervise') && { whispersFor: p.userId }) });
    },

    /** An agent's reply to the customer (queued for the channel to send) or internal note. */
    async postMessage(p: Principal, id: string, input: { kind: 'reply' | 'note'; text: string; html?: string; attachmentIds?: string[] }) {
      const body = messageBody(input.text, input.html);
      const attachmentIds = input.attachmentIds ?? [];
      if (!body.text.trim() && !body.html && attachmentIds.length === 0) throw invalid('The message is empty once unsafe HTML is removed; write some text', [{ path: 'text', message: 'empty' }]);
      const now = d.clock.now();
      const messageId = d.newId();
      const direction = input.kind === 'reply' ? 'outbound' : 'note';
      await d.uow(async (r) => {
        const conv = await r.conversations.byId(p.tenantId, id);
        if (!conv) throw notFound('Conversation');
        const seq = await r.conversations.nextSeq(p.tenantId, id, now);
        await r.messages.insert({
          id: messageId, tenantId: p.tenantId, conversationId: id, inboxId: conv.inboxId, seq, direction, authorUserId: p.userId,
          text: body.text, html: body.html, providerMessageId: null, deliveryStatus: direction === 'outbound' ? 'queued' : 'received', at: now,
        });
        await attachUploads(r, p.tenantId, attachmentIds, id, messageId);
        await r.events.append(p.tenantId, [draftEvent(d.newId, {
          type: 'message.created', aggregateType: 'message', aggregateId: messageId, actorId: p.userId,
          topics: conversationTopics(id, conv.assigneeId),
          payload: { conversationId: id, inboxId: conv.inboxId, customerId: conv.customerId, seq, direction, authorUserId: p.userId, text: body.text.slice(0, 1000), ...(attachmentIds.length > 0 && { attachmentIds }) },
        })], now);
      });
      return (await d.repos.messages.byId(p.tenantId, messageId))!;
    },

    /** Status (snoozed needs a future snoozedUntil; resolved stamps resolvedAt), priority, assignee, team. */
    async update(p: Principal, id: string, change: ConversationChange) {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const before = await r.conversations.byId(p.tenantId, id);
        if (!before) throw notFound('Conversation');
        const patch: ConversationPatch = {};
        const events: EventDraft[] = [];
        const ev = (type: string, payload: Record<string, unknown>, ...users: (string | null)[]) =>
          events.push(draftEvent(d.newId, { type, aggregateType: 'conversation', aggregateId: id, actorId: p.userId, topics: conversationTopics(id, ...users), payload }));
        const assignee = change.assigneeId !== undefined ? change.assigneeId : before.assigneeId;

        const status = change.status ?? before.status;
        if (change.snoozedUntil !== undefined && status !== 'snoozed') {
          throw invalid('snoozedUntil applies only to a snoozed conversation; send status "snoozed" with it', [{ path: 'snoozedUntil', message: 'only with status snoozed' }]);
        }
        if (change.status === 'snoozed' || change.snoozedUntil !== undefined) {
          const until = change.snoozedUntil ?? before.snoozedUntil;
          if (!until || until <= now) throw invalid('Snoozing needs snoozedUntil in the future', [{ path: 'snoozedUntil', message: 'must be a future time' }]);
          patch.snoozedUntil = until;
        }
        if (change.status !== undefined && (change.status !== before.status || change.snoozedUntil !== undefined)) {
          patch.status = change.status;
          if (change.status === 'resolved') patch.resolvedAt = now;
          else if (before.status === 'resolved') patch.resolvedAt = null;
          if (change.status !== 'snoozed') patch.snoozedUntil = null;
          ev('conversation.status_changed', { from: before.status, to: change.status, snoozedUntil: patch.snoozedUntil?.toISOString() ?? null }, assignee);
        } else if (patch.snoozedUntil) {
          ev('conversation.status_changed', { from: before.status, to: 'snoozed', snoozedUntil: patch.snoozedUntil.toISOString() }, assignee);
        }

        if (change.priority !== undefined && change.priority !== before.priority) {
          patch.priority = change.priority;
          ev('conversation.priority_changed', { from: before.priority, to: change.priority }, assignee);
        }
        if (change.assigneeId !== undefined && change.assigneeId !== before.assigneeId) {
          if (change.assigneeId) {
            const u = await r.users.byId(p.tenantId, change.assigneeId);
            if (!u || !u.active) throw invalid('The assignee must be an active user of this workspace', [{ path: 'assigneeId', message: u ? 'user is deactivated' : 'unknown user' }]);
          }
          patch.assigneeId = change.assigneeId;
          ev('conversation.assigned', { from: before.assigneeId, to: change.assigneeId }, before.assigneeId, change.assigneeId);
        }
        if (change.teamId !== undefined && change.teamId !== before.teamId) {
          if (change.teamId && !(await r.teams.byId(p.tenantId, change.teamId))) throw invalid('The team does not exist in this workspace', [{ path: 'teamId', message: 'unknown team' }]);
          patch.teamId = change.teamId;
          ev('conversation.team_changed', { from: before.teamId, to: change.teamId }, assignee);
        }
        if (change.tags !== undefined) {
          const tags = [...new Set(change.tags)];
          const same = tags.length === before.tags.length && tags.every((t, i) => t === before.tags[i]);
          if (!same) {
            await r.deskConversations.setTags(p.tenantId, id, tags, now);
            ev('conversation.tags_changed', { from: before.tags, to: tags, added: tags.filter((t) => !before.tags.includes(t)), removed: before.tags.filter((t) => !tags.includes(t)) }, assignee);
          }
        }
        if (events.length === 0) return;
        await r.conversations.update(p.tenantId, id, patch, now);
        await r.events.append(p.tenantId, events, now);
      });
      return mustGet(p.tenantId, id);
    },
  };
}
export type ConversationsService = ReturnType<typeof createConversationsService>;
