import type { CoreDeps } from '../deps.ts';
import type { StoredEvent } from '../../storage/events.repo.ts';
import { draftEvent } from '../events/draft.ts';
import { parseSurveySettings, questionText, surveyLanguage } from './settings.ts';
import { hashSurveyToken, newSurveyToken } from './token.ts';
import { expiryOf, mayInvite } from './throttle.ts';
import type { SurveyDelivery, SurveySenders } from './senders.ts';

export type InviteOutcome =
  | { sent: true; invitationId: string; channel: string }
  | { sent: false; reason: 'not_resolution' | 'disabled' | 'no_conversation' | 'no_sender' | 'bot_only' | 'no_address' | 'throttled' | 'duplicate' };

export type InviteDeps = Pick<CoreDeps, 'repos' | 'uow' | 'clock' | 'newId' | 'settings'>;

/**
 * A conversation was resolved: invite its customer to the tenant's survey by the conversation's
 * channel, unless surveys are off, only the bot talked, the channel cannot carry a survey, the
 * customer has no address there, or they were invited within the throttle window. The invitation
 * and its `survey.sent` event commit together; delivery follows the commit. Idempotent per event.
 */
export async function inviteOnResolution(d: InviteDeps, senders: SurveySenders, e: StoredEvent): Promise<{ outcome: InviteOutcome; delivery?: SurveyDelivery }> {
  const no = (reason: Extract<InviteOutcome, { sent: false }>['reason']) => ({ outcome: { sent: false as const, reason } });
  if (e.type !== 'conversation.status_changed' || (e.payload as { to?: unknown }).to !== 'resolved' || e.aggregateType !== 'conversation') return no('not_resolution');
  const tenantId = e.tenantId;
  const stored = await d.repos.surveys.settings(tenantId);
  const settings = parseSurveySettings(stored?.settings);
  if (!settings.enabled) return no('disabled');
  const conv = await d.repos.conversations.byId(tenantId, e.aggregateId);
  if (!conv) return no('no_conversation');
  const inbox = await d.repos.inboxes.byId(tenantId, conv.inboxId);
  const channel = inbox?.channel ?? '';
  const sender = senders[channel];
  if (!sender) return no('no_sender');
  if (!(await d.repos.surveys.staffReplied(tenantId, conv.id))) return no('bot_only');
  let customer = await d.repos.customers.byId(tenantId, conv.customerId);
  if (customer?.mergedInto) customer = await d.repos.customers.byId(tenantId, customer.mergedInto);
  if (!customer || customer.erasedAt) return no('no_conversation');
  const to = sender.address === 'email' ? await d.repos.surveys.customerEmail(tenantId, customer.id) : null;
  if (sender.address !== 'session' && !to) return no('no_address');

  const now = d.clock.now();
  const language = surveyLanguage(customer.language);
  const kind = settings.atResolution;
  const token = newSurveyToken();
  const id = d.newId();
  const expiresAt = expiryOf(now, settings.linkValidityDays);
  const customerId = customer.id;
  const result = await d.uow(async (r) => {
    await r.surveys.lockCustomer(tenantId, customerId);
    if (await r.surveys.bySourceEvent(tenantId, e.id)) return 'duplicate' as const;
    if (!mayInvite(await r.surveys.lastInvitedAt(tenantId, customerId), now, settings.throttleDays)) return 'throttled' as const;
    const inserted = await r.surveys.insertInvitation({
      id, tenantId, customerId, conversationId: conv.id, sourceEventId: e.id, channel, kind, language, tokenHash: hashSurveyToken(token),
      sentAt: now, expiresAt, answeredAt: null, responseId: null,
    });
    if (!inserted) return 'duplicate' as const;
    await r.events.append(tenantId, [draftEvent(d.newId, {
      type: 'survey.sent', aggregateType: 'conversation', aggregateId: conv.id, actorId: null, topics: ['tenant', `conversation:${conv.id}`],
      payload: { invitationId: id, conversationId: conv.id, customerId, channel, kind },
    })], now);
    return 'sent' as const;
  });
  if (result !== 'sent') return no(result);
  const tenant = await d.repos.tenants.byId(tenantId);
  const delivery: SurveyDelivery = {
    tenantId, invitationId: id, conversationId: conv.id, customerId, kind, language, to, expiresAt,
    link: `${d.settings.publicUrl.replace(/\/+$/, '')}/survey/${token}`,
    question: questionText(settings, kind, language),
    workspaceName: tenant?.name ?? '',
  };
  return { outcome: { sent: true, invitationId: id, channel }, delivery };
}
