import type { SurveyKind } from '../../contracts/surveys.ts';

/** One invitation to deliver, after its row and `survey.sent` event committed. */
export interface SurveyDelivery {
  tenantId: string;
  invitationId: string;
  conversationId: string | null;
  customerId: string;
  kind: SurveyKind;
  language: string;
  /** The public page's URL (carries the token); never logged. */
  link: string;
  question: string;
  /** The address from `addressOf` (an email address, a phone number), or null for in-session channels. */
  to: string | null;
  workspaceName: string;
  expiresAt: Date;
}

/**
 * How a survey reaches the customer on one channel. Adding SMS or a post-call survey is one more
 * entry in the map given to the surveys service: an `address` kind to look up, and `send`.
 */
export interface SurveySender {
  /** What address the customer needs on this channel; 'session' when the open session carries it (chat). */
  address: 'email' | 'phone' | 'session';
  send(d: SurveyDelivery): Promise<void>;
}

export type SurveySenders = Partial<Record<string, SurveySender>>;

/**
 * Chat: the widget asks for the rating itself when the conversation is resolved (its `csat_request`
 * frame), and the answer is linked to this invitation; nothing more to send.
 */
export const chatSurveySender: SurveySender = { address: 'session', send: async () => {} };
