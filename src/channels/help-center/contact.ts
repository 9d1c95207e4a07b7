import type { CoreDeps } from '../../core/deps.ts';
import { normalizeIdentity } from '../../core/customers/identities.ts';
import { draftEvent } from '../../core/events/draft.ts';
import { checkFormToken } from './form-token.ts';
import { stringsFor } from './strings.ts';

export interface ContactInput {
  token: string;
  website: string;
  name: string;
  email: string;
  subject: string;
  message: string;
}

export type ContactResult =
  | { ok: true; ticketId: string | null }
  | { ok: false; status: 400 | 403; error: string; field: 'token' | 'email' | 'message' };

export const MAX_CONTACT_MESSAGE = 5000;

/**
 * The contact form: checks the signed form token, the honeypot, the email and the message, then in
 * one transaction finds or creates the requester by email identity and opens a ticket with the
 * message as its first (public, customer-written) comment. A filled honeypot "succeeds" silently.
 */
export async function submitContact(d: CoreDeps, tenantId: string, lang: string, input: ContactInput, nowMs: number): Promise<ContactResult> {
  const s = stringsFor(lang);
  const settings = await d.repos.helpCenter.settings(tenantId);
  const check = settings ? checkFormToken(settings.formSecret, tenantId, input.token, nowMs) : 'invalid';
  if (check !== 'ok') return { ok: false, status: 403, error: s.badToken, field: 'token' };
  if (input.website.trim() !== '') return { ok: true, ticketId: null };
  let email: string;
  try {
    email = normalizeIdentity('email', input.email);
  } catch {
    return { ok: false, status: 400, error: s.badEmail, field: 'email' };
  }
  const message = input.message.trim();
  if (!message || message.length > MAX_CONTACT_MESSAGE) return { ok: false, status: 400, error: s.badMessage, field: 'message' };
  const name = input.name.trim().slice(0, 200);
  const subject = (input.subject.trim() || message.split('\n')[0]!).slice(0, 200);
  const now = d.clock.now();
  const ticketId = d.newId();
  await d.uow(async (r) => {
    const { customerId } = await r.customers.resolveIdentity(tenantId, { kind: 'email', value: email }, { newId: d.newId, name: name || undefined, language: lang, at: now });
    const number = await r.tickets.nextNumber(tenantId);
    const tags = ['help-center'];
    await r.tickets.insert({
      id: ticketId, tenantId, number, subject, status: 'new', priority: 'normal', type: null, requesterId: customerId,
      assigneeId: null, teamId: null, tags, custom: {}, createdBy: null, createdAt: now, solvedAt: null,
    });
    const commentId = d.newId();
    await r.ticketComments.insert({ id: commentId, tenantId, ticketId, authorId: null, text: message, html: null, mentions: [], public: true, at: now });
    await r.events.append(tenantId, [draftEvent(d.newId, {
      type: 'ticket.created', aggregateType: 'ticket', aggregateId: ticketId, actorId: null,
      topics: ['tenant', `ticket:${ticketId}`],
      payload: { number, subject, status: 'new', priority: 'normal', type: null, requesterId: customerId, assigneeId: null, teamId: null, tags, custom: {}, followerIds: [], conversationIds: [], replyTo: email, source: 'help_center', language: lang, commentId },
    })], now);
  });
  return { ok: true, ticketId };
}
