/**
 * The messages a widget shows: each message once (by id, and by clientId for the visitor's own
 * sends that are not acknowledged yet), confirmed messages in seq order, pending sends after
 * them in the order they were sent. Pure functions over an immutable value.
 */
import type { WidgetAttachment, WidgetMessage } from '../../../src/contracts/widget.ts';
import type { PendingSend } from './outbox.ts';

export type ItemStatus = 'pending' | 'failed' | 'sent';

export interface TimelineItem {
  /** Stable render key: the clientId for the visitor's own sends, else the message id. */
  key: string;
  id: string | null;
  seq: number | null;
  clientId: string | null;
  direction: 'inbound' | 'outbound';
  text: string;
  authorName: string | null;
  /** ISO time. */
  at: string;
  attachments: WidgetAttachment[];
  bot?: boolean;
  choices?: WidgetMessage['choices'];
  status: ItemStatus;
  error?: string;
}

export interface Timeline {
  items: readonly TimelineItem[];
  /** Highest seq shown (0 when none): the `hello` after a reconnect asks for what follows. */
  lastSeq: number;
}

export const emptyTimeline: Timeline = { items: [], lastSeq: 0 };

function order(items: TimelineItem[]): Timeline {
  const confirmed = items.filter((i) => i.seq !== null).sort((a, b) => a.seq! - b.seq!);
  const pending = items.filter((i) => i.seq === null);
  const lastSeq = confirmed.length ? confirmed[confirmed.length - 1]!.seq! : 0;
  return { items: [...confirmed, ...pending], lastSeq };
}

function fromMessage(m: WidgetMessage): TimelineItem {
  return {
    key: m.clientId ?? m.id,
    id: m.id,
    seq: m.seq,
    clientId: m.clientId,
    direction: m.direction,
    text: m.text,
    authorName: m.authorName,
    at: m.at,
    attachments: m.attachments,
    ...(m.bot && { bot: true }),
    ...(m.choices?.length && { choices: m.choices }),
    status: 'sent',
  };
}

/** Adds or updates messages from the server (welcome, message frames, history). */
export function addMessages(t: Timeline, messages: readonly WidgetMessage[]): Timeline {
  if (!messages.length) return t;
  const items = [...t.items];
  for (const m of messages) {
    const next = fromMessage(m);
    const at = items.findIndex((i) => (i.id !== null && i.id === m.id) || (m.clientId !== null && i.clientId === m.clientId));
    if (at >= 0) items[at] = { ...next, key: items[at]!.key };
    else items.push(next);
  }
  return order(items);
}

/** Shows a send the server has not acknowledged yet (no-op when that clientId is already shown). */
export function addPending(t: Timeline, p: PendingSend): Timeline {
  if (t.items.some((i) => i.clientId === p.clientId)) return t;
  const item: TimelineItem = {
    key: p.clientId,
    id: null,
    seq: null,
    clientId: p.clientId,
    direction: 'inbound',
    text: p.text,
    authorName: null,
    at: new Date(p.at).toISOString(),
    attachments: [],
    status: 'pending',
  };
  return { items: [...t.items, item], lastSeq: t.lastSeq };
}

/** The server stored a send: it gets its id and seq (and moves into seq order). */
export function applyAck(t: Timeline, ack: { clientId: string; seq: number; messageId: string }): Timeline {
  const mine = t.items.findIndex((i) => i.clientId === ack.clientId);
  if (mine < 0) return t;
  const items = [...t.items];
  const other = items.findIndex((i, n) => n !== mine && i.id === ack.messageId);
  if (other >= 0) {
    items.splice(mine, 1);
    return order(items);
  }
  const { error: _dropped, ...rest } = items[mine]!;
  items[mine] = { ...rest, id: ack.messageId, seq: ack.seq, status: 'sent' };
  return order(items);
}

/** The server refused a send (e.g. rate limited, invalid): the message stays, marked. */
export function markFailed(t: Timeline, clientId: string, error: string): Timeline {
  let changed = false;
  const items = t.items.map((i) => {
    if (i.clientId !== clientId || i.seq !== null) return i;
    changed = true;
    return { ...i, status: 'failed' as const, error };
  });
  return changed ? { items, lastSeq: t.lastSeq } : t;
}

/** A failed send goes back to pending (before a resend). */
export function markPending(t: Timeline, clientId: string): Timeline {
  const items = t.items.map((i) => (i.clientId === clientId && i.seq === null ? { ...i, status: 'pending' as const, error: undefined } : i));
  return { items, lastSeq: t.lastSeq };
}
