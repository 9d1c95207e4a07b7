import type { IdentityKind } from '../../storage/schema.ts';
import type { ConversationRow } from '../../storage/conversations.repo.ts';
import type { MessageRow } from '../../storage/messages.repo.ts';
import type { EventDraft } from '../../storage/events.repo.ts';
import { notFound } from '../errors.ts';
import type { CoreDeps } from '../deps.ts';
import { draftEvent } from '../events/draft.ts';
import { normalizeIdentity } from '../customers/identities.ts';
import { htmlToText, sanitizeMessageHtml } from './sanitize.ts';
import { inboundSentiment } from '../sentiment/index.ts';
import { attachUploads, discardBlobs, recordInbound, storeInbound, type InboundFile, type StoredBlob } from '../attachments/service.ts';

export interface IntakeInput {
  inboxId: string;
  providerMessageId?: string;
  from: { kind: IdentityKind; value: string; name?: string };
  text: string;
  html?: string;
  /** When the provider says the message was sent; never later than now. */
  at?: Date;
  /** Files on the message; stored before the transaction, removed again if it fails. */
  attachments?: InboundFile[];
  /** Earlier uploads (a widget visitor's, `visitor` = `<inbox id>:<visitor id>`) put on the message in its transaction. */
  uploads?: { ids: string[]; visitor: string };
}

export interface IntakeResult {
  conversation: ConversationRow;
  message: MessageRow;
  /** false when the provider message id was seen before: nothing was written. */
  created: boolean;
}

/** Thrown inside the transaction to roll it back when a racing request stored the same provider message. */
class DuplicateMessage extends Error {}

export const conversationTopics = (id: string, ...userIds: (string | null | undefined)[]) => [
  'tenant',
  `conversation:${id}`,
  ...[...new Set(userIds.filter((u): u is string => !!u))].map((u) => `user:${u}`),
];

/** The text and safe HTML of a message body: HTML sanitized, text derived from it when missing. */
export function messageBody(text: string, html: string | undefined): { text: string; html: string | null } {
  const clean = html?.trim() ? sanitizeMessageHtml(html) : null;
  return { text: text.trim() ? text : clean ? htmlToText(clean) : '', html: clean || null };
}

/**
 * An inbound message joins its customer's conversation on the inbox, in one transaction: the
 * customer is found or created by the normalized identity; the latest conversation is appended to
 * when open or resolved within the inbox's reopen window (it reopens), else a new one starts.
 * Idempotent on (inbox, provider message id).
 */
export function intakeAction(d: CoreDeps) {
  async function existing(tenantId: string, inboxId: string, providerMessageId: string): Promise<IntakeResult | undefined> {
    const message = await d.repos.messages.byProviderId(tenantId, inboxId, providerMessageId);
    if (!message) return undefined;
    const conversation = await d.repos.conversations.byId(tenantId, message.conversationId);
    return conversation && { conversation, message, created: false };
  }

  return async function intake(tenantId: string, input: IntakeInput): Promise<IntakeResult> {
    const inbox = await d.repos.inboxes.byId(tenantId, input.inboxId);
    if (!inbox) throw notFound('Inbox');
    const country = typeof inbox.settings.defaultCountry === 'string' ? inbox.settings.defaultCountry : undefined;
    const value = normalizeIdentity(input.from.kind, input.from.value, country);
    const pid = input.providerMessageId ?? null;
    if (pid) {
      const seen = await existing(tenantId, inbox.id, pid);
      if (seen) return seen;
    }
    const body = messageBody(input.text, input.html);
    const sentiment = inboundSentiment(body.text);
    const now = d.clock.now();
    const at = input.at && input.at < now ? input.at : now;
    const messageId = d.newId();
    const files: StoredBlob[] = input.attachments?.length ? await storeInbound(d, tenantId, input.attachments) : [];

    let conversationId = '';
    try {
      await d.uow(async (r) => {
        let { customerId } = await r.customers.resolveIdentity(tenantId, { kind: input.from.kind, value }, { newId: d.newId, name: input.from.name, at: now });
        // A merge may have committed between the look-up and the lock: follow the identity to its new owner.
        for (let hop = 0; hop < 5; hop++) {
          const locked = await r.conversations.lockCustomer(tenantId, customerId);
          if (!locked?.mergedInto) break;
          customerId = (await r.customers.identityOwner(tenantId, input.from.kind, value)) ?? locked.mergedInto;
        }
        const latest = await r.conversations.latestFor(tenantId, inbox.id, customerId);
        const events: EventDraft[] = [];
        let conv = latest;
        const withinWindow = latest?.resolvedAt ? now.getTime() - latest.resolvedAt.getTime() <= inbox.reopenWindowMs : false;
        if (!latest || (latest.status === 'resolved' && !withinWindow)) {
          conversationId = d.newId();
          await r.conversations.insert({ id: conversationId, tenantId, inboxId: inbox.id, customerId, at: now });
          events.push(draftEvent(d.newId, { type: 'conversation.created', aggregateType: 'conversation', aggregateId: conversationId, actorId: null, topics: conversationTopics(conversationId), payload: { inboxId: inbox.id, customerId, channel: inbox.channel } }));
          conv = undefined;
        } else {
          conversationId = latest.id;
          if (latest.status === 'resolved') {
            await r.conversations.update(tenantId, latest.id, { status: 'open', resolvedAt: null, snoozedUntil: null }, now);
            events.push(draftEvent(d.newId, { type: 'conversation.reopened', aggregateType: 'conversation', aggregateId: latest.id, actorId: null, topics: conversationTopics(latest.id, latest.assigneeId), payload: { resolvedAt: latest.resolvedAt!.toISOString(), reason: 'inbound_message' } }));
          } else if (latest.status !== 'open') {
            // A customer writing again wakes a snoozed or pending conversation.
            await r.conversations.update(tenantId, latest.id, { status: 'open', snoozedUntil: null }, now);
            events.push(draftEvent(d.newId, { type: 'conversation.status_changed', aggregateType: 'conversation', aggregateId: latest.id, actorId: null, topics: conversationTopics(latest.id, latest.assigneeId), payload: { from: latest.status, to: 'open', reason: 'inbound_message' } }));
          }
        }
        const seq = await r.conversations.nextSeq(tenantId, conversationId, now);
        const inserted = await r.messages.insert({
          id: messageId, tenantId, conversationId, inboxId: inbox.id, seq, direction: 'inbound', authorUserId: null,
          text: body.text, html: body.html, providerMessageId: pid, deliveryStatus: 'received', at, sentiment,
        });
        if (!inserted) throw new DuplicateMessage();
        await recordInbound(r, tenantId, files, conversationId, messageId, now);
        const uploaded = input.uploads?.ids ?? [];
        await attachUploads(r, tenantId, uploaded, conversationId, messageId, input.uploads?.visitor);
        const attachmentIds = [...files.map((f) => f.id), ...uploaded];
        events.push(draftEvent(d.newId, {
          type: 'message.created', aggregateType: 'message', aggregateId: messageId, actorId: null,
          topics: conversationTopics(conversationId, conv?.assigneeId),
          payload: { conversationId, inboxId: inbox.id, customerId, seq, direction: 'inbound', assigneeId: conv?.assigneeId ?? null, text: body.text.slice(0, 1000), sentiment, ...(attachmentIds.length > 0 && { attachmentIds }) },
        }));
        await r.events.append(tenantId, events, now);
      });
    } catch (e) {
      await discardBlobs(d, files);
      if (e instanceof DuplicateMessage && pid) {
        const seen = await existing(tenantId, inbox.id, pid);
        if (seen) return seen;
      }
      throw e;
    }
    const [conversation, message] = await Promise.all([d.repos.conversations.byId(tenantId, conversationId), d.repos.messages.byId(tenantId, messageId)]);
    return { conversation: conversation!, message: message!, created: true };
  };
}
