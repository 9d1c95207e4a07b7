import { touchpointKinds } from '../../contracts/journeys.ts';

/**
 * Touchpoints: the moments a customer met the business, on any channel, in time order.
 * Built from what the repo reads out of the events table (and orders, whose real time is
 * `ordered_at`). Pure: no I/O, no clock. Definitions: docs/journeys.md.
 */

export const TOUCHPOINT_KINDS = touchpointKinds;
export type TouchpointKind = (typeof TOUCHPOINT_KINDS)[number];

/** Kinds where a person of the business works for the customer: these are "contacts". */
export const ASSISTED_KINDS: readonly TouchpointKind[] = ['handover', 'chat', 'email', 'call', 'sms', 'whatsapp', 'messaging', 'ticket'];

/** One row the repo read, already tied to the (surviving) customer it concerns. */
export interface JourneySignal {
  type: 'conversation' | 'bot_started' | 'handover' | 'bot_resolved' | 'queue_abandoned' | 'ticket' | 'purchase' | 'survey' | 'help_center';
  at: Date;
  customerId: string;
  /** Inbox channel for conversation signals (chat, email, voice, sms, whatsapp, messenger, telegram, api). */
  channel: string | null;
  conversationId: string | null;
  /** Ticket id, order id or article id, by type. */
  ref: string | null;
  /** Tickets: created from a conversation (then the conversation is the contact, not the ticket). */
  linked?: boolean;
  /** A short human text: subject, article title, order total. */
  label?: string | null;
}

export interface Touchpoint {
  at: Date;
  kind: TouchpointKind;
  channel: string | null;
  customerId: string;
  conversationId: string | null;
  ref: string | null;
  label: string | null;
  /** True when this touchpoint is a contact (an assisted channel; see ASSISTED_KINDS and `ticket` below). */
  contact: boolean;
}

/** The kind a conversation's channel makes: voice is a call, the messaging apps are `messaging`. */
export function kindOfChannel(channel: string | null): TouchpointKind {
  switch (channel) {
    case 'voice':
      return 'call';
    case 'email':
    case 'sms':
    case 'whatsapp':
    case 'chat':
      return channel;
    case 'messenger':
    case 'telegram':
      return 'messaging';
    default:
      return 'chat';
  }
}

/** Outcomes that are not touchpoints of their own but decide drops (see journey.ts). */
export interface JourneyOutcomes {
  /** Conversation ids whose bot session ended with the bot's resolution (`flow_ended`). */
  botResolved: Map<string, Date>;
  /** Conversation ids whose routing task was abandoned in the queue, with when. */
  queueAbandoned: Map<string, Date>;
}

const RANK = new Map<TouchpointKind, number>(TOUCHPOINT_KINDS.map((k, i) => [k, i]));
/** Time order; at the same instant, the order of TOUCHPOINT_KINDS (a visit before the bot before its hand-over). */
const order = (a: Touchpoint, b: Touchpoint) => a.at.getTime() - b.at.getTime() || RANK.get(a.kind)! - RANK.get(b.kind)!;

/**
 * Signals → time-ordered touchpoints and outcomes.
 * - A conversation is a touchpoint of its channel's kind, unless a bot session started in it: then
 *   the bot is the touchpoint and only its hand-over (a `handover` touchpoint) is a contact.
 * - A ticket is a contact only when not created from a conversation (a form, an e-mail, the API).
 * - Bot resolutions and queue abandons are outcomes, used for drops.
 * Touchpoints come in time order unless `sorted: false` (then group them with byCustomer).
 */
export function buildTouchpoints(signals: readonly JourneySignal[], opts: { sorted?: boolean } = {}): { touchpoints: Touchpoint[]; outcomes: JourneyOutcomes } {
  const botConversations = new Set(signals.filter((s) => s.type === 'bot_started' && s.conversationId).map((s) => s.conversationId!));
  const outcomes: JourneyOutcomes = { botResolved: new Map(), queueAbandoned: new Map() };
  const touchpoints: Touchpoint[] = [];
  const tp = (s: JourneySignal, kind: TouchpointKind, contact: boolean) =>
    touchpoints.push({ at: s.at, kind, channel: s.channel, customerId: s.customerId, conversationId: s.conversationId, ref: s.ref, label: s.label ?? null, contact });
  for (const s of signals) {
    switch (s.type) {
      case 'conversation':
        if (!s.conversationId || !botConversations.has(s.conversationId)) tp(s, kindOfChannel(s.channel), true);
        break;
      case 'bot_started':
        tp(s, 'bot', false);
        break;
      case 'handover':
        tp(s, 'handover', true);
        break;
      case 'ticket':
        tp(s, 'ticket', !s.linked);
        break;
      case 'purchase':
        tp(s, 'purchase', false);
        break;
      case 'survey':
        tp(s, 'survey', false);
        break;
      case 'help_center':
        tp(s, 'help_center', false);
        break;
      case 'bot_resolved':
        if (s.conversationId && !outcomes.botResolved.has(s.conversationId)) outcomes.botResolved.set(s.conversationId, s.at);
        break;
      case 'queue_abandoned':
        if (s.conversationId && !outcomes.queueAbandoned.has(s.conversationId)) outcomes.queueAbandoned.set(s.conversationId, s.at);
        break;
    }
  }
  // Many customers' touchpoints need no global order: byCustomer sorts each customer's few (cheaper).
  if (opts.sorted !== false) touchpoints.sort(order);
  return { touchpoints, outcomes };
}

/** Touchpoints grouped by customer, each list in time order. */
export function byCustomer(touchpoints: readonly Touchpoint[]): Map<string, Touchpoint[]> {
  const m = new Map<string, Touchpoint[]>();
  for (const t of touchpoints) {
    const list = m.get(t.customerId);
    if (list) list.push(t);
    else m.set(t.customerId, [t]);
  }
  for (const list of m.values()) if (list.length > 1) list.sort(order);
  return m;
}
