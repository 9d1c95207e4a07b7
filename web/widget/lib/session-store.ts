/**
 * The visitor's session kept per inbox in localStorage (token, visitorId, expiry), so a reload or
 * another tab continues the same conversation. Other tabs hear of a new session through the
 * storage event (and BroadcastChannel where available).
 */
import type { StorageLike } from './outbox.ts';

export interface StoredSession {
  token: string;
  visitorId: string;
  /** Epoch ms. */
  expiresAt: number;
  conversationId: string | null;
  /** Whether the pre-chat form was done (a reload does not ask again). */
  prechatDone: boolean;
}

export function sessionKey(inboxId: string): string {
  return `sb-widget:${inboxId}:session`;
}

export function readSession(storage: StorageLike, inboxId: string): StoredSession | null {
  try {
    const v = JSON.parse(storage.getItem(sessionKey(inboxId)) ?? 'null') as StoredSession | null;
    if (!v || typeof v.token !== 'string' || typeof v.visitorId !== 'string' || typeof v.expiresAt !== 'number') return null;
    return { ...v, conversationId: v.conversationId ?? null, prechatDone: v.prechatDone === true };
  } catch {
    return null;
  }
}

export function writeSession(storage: StorageLike, inboxId: string, s: StoredSession): void {
  try {
    storage.setItem(sessionKey(inboxId), JSON.stringify(s));
  } catch {
    // private mode: this tab still works
  }
}

/** A session is usable while it has more than a minute left. */
export function isFresh(s: StoredSession | null, now: number): s is StoredSession {
  return !!s && s.expiresAt - now > 60_000;
}
