import type { ConversationStatus, Priority } from '../../../src/contracts/conversations.ts';
import type { IdentityKindName } from '../../../src/contracts/customers.ts';

/** Mirrors the contracts' lists (imported as types only, so zod stays out of the bundle). */
export const STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const satisfies readonly ConversationStatus[];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const satisfies readonly Priority[];
export const IDENTITY_KINDS = ['email', 'phone', 'visitor', 'whatsapp', 'messenger', 'telegram', 'external'] as const satisfies readonly IdentityKindName[];

export function isStatus(value: unknown): value is ConversationStatus {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

/** Events after which a conversation (or a list of them) is worth reading again. */
export function isConversationEvent(type: string): boolean {
  return type === 'message.created' || type.startsWith('conversation.');
}
