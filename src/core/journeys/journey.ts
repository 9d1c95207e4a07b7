import type { JourneyOutcomes, Touchpoint } from './touchpoints.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface JourneyOptions {
  /** A contact within this long after the previous contact is a repeat. Default 7 days. */
  repeatWindowMs: number;
  /** A help center visit followed by a contact within this long is a failed self-service. Default 24 h. */
  selfServiceWindowMs: number;
  /** A bot session younger than this at `asOf` may still end well: not yet a drop. Default 24 h. */
  botGraceMs: number;
}

export const DEFAULT_JOURNEY_OPTIONS: JourneyOptions = { repeatWindowMs: 7 * DAY, selfServiceWindowMs: DAY, botGraceMs: DAY };

export type DropReason = 'bot_abandoned' | 'queue_abandoned' | 'self_service_failed';

/** `index` and friends point into the journey's touchpoints. */
export interface Repeat {
  index: number;
  previousIndex: number;
  gapMs: number;
}

export interface Drop {
  index: number;
  reason: DropReason;
  /** self_service_failed: the contact that followed the visit. */
  contactIndex: number | null;
}

export interface Journey {
  touchpoints: Touchpoint[];
  repeats: Repeat[];
  drops: Drop[];
}

/**
 * One customer's journey: touchpoints in time order with repeats and drops marked.
 *
 * Repeat: a contact (an assisted touchpoint: chat, email, call, sms, whatsapp, messaging, a bot's
 * hand-over, a ticket not made from a conversation) that starts within `repeatWindowMs` after the
 * customer's previous contact. It points at that previous contact.
 *
 * Drops, each at the touchpoint where the customer fell out:
 * - bot_abandoned: a bot session with no hand-over and no resolution by the bot (the flow's end),
 *   started at least `botGraceMs` before `asOf` (younger sessions may still end well).
 * - queue_abandoned: a contact whose routing task was abandoned (the customer left the queue before
 *   an agent accepted), marked on that conversation's last contact touchpoint.
 * - self_service_failed: a help center visit followed by a contact within `selfServiceWindowMs`,
 *   with no other visit between them (several visits before one contact are one failure, at the last).
 *
 * `touchpoints` must be one customer's, in time order.
 */
export function analyseJourney(touchpoints: Touchpoint[], outcomes: JourneyOutcomes, asOf: Date, opts: JourneyOptions = DEFAULT_JOURNEY_OPTIONS): Journey {
  const repeats: Repeat[] = [];
  const drops: Drop[] = [];
  let lastContact = -1;
  touchpoints.forEach((t, i) => {
    if (!t.contact) return;
    if (lastContact >= 0) {
      const gapMs = t.at.getTime() - touchpoints[lastContact]!.at.getTime();
      if (gapMs <= opts.repeatWindowMs) repeats.push({ index: i, previousIndex: lastContact, gapMs });
    }
    lastContact = i;
  });

  const handedOver = new Set(touchpoints.filter((t) => t.kind === 'handover' && t.conversationId).map((t) => t.conversationId!));
  const lastContactOf = new Map<string, number>();
  touchpoints.forEach((t, i) => {
    if (t.contact && t.conversationId) lastContactOf.set(t.conversationId, i);
  });
  touchpoints.forEach((t, i) => {
    if (t.kind === 'bot' && t.conversationId) {
      const ended = handedOver.has(t.conversationId) || outcomes.botResolved.has(t.conversationId);
      if (!ended && asOf.getTime() - t.at.getTime() >= opts.botGraceMs) drops.push({ index: i, reason: 'bot_abandoned', contactIndex: null });
    }
    if (t.contact && t.conversationId && outcomes.queueAbandoned.has(t.conversationId) && lastContactOf.get(t.conversationId) === i) {
      drops.push({ index: i, reason: 'queue_abandoned', contactIndex: null });
    }
    if (t.kind === 'help_center') {
      for (let j = i + 1; j < touchpoints.length; j++) {
        const n = touchpoints[j]!;
        if (n.at.getTime() - t.at.getTime() > opts.selfServiceWindowMs || n.kind === 'help_center') break;
        if (n.contact) {
          drops.push({ index: i, reason: 'self_service_failed', contactIndex: j });
          break;
        }
      }
    }
  });
  drops.sort((a, b) => a.index - b.index);
  return { touchpoints, repeats, drops };
}
