import { z } from 'zod';

/**
 * Websocket protocol on /ws. Topics:
 *  - `user:<id>`      the user's own events (their conversations, sessions)
 *  - `team:<id>`      a team's queues (members, supervisors, admins)
 *  - `tenant`         tenant-wide admin events (users, teams)
 *  - `wallboard`      the tenant's live wallboard (supervisors, admins)
 *  - `conversation:<id>` one conversation's messages and changes (conversations.read)
 */
export const clientFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('subscribe'),
    topics: z.array(z.string().max(100)).min(1).max(100),
    /** The last tenant sequence number the client saw; it gets everything after it. */
    since: z.number().int().min(0).optional(),
  }),
  z.object({ type: z.literal('unsubscribe'), topics: z.array(z.string().max(100)).min(1).max(100) }),
  z.object({ type: z.literal('ping') }),
  /** The agent is (not) typing in a conversation: ephemeral, sent to the visitor and other followers. */
  z.object({ type: z.literal('typing'), conversationId: z.uuid(), on: z.boolean() }),
]);
export type ClientFrame = z.infer<typeof clientFrame>;

export const eventFrame = z.object({
  type: z.literal('event'),
  seq: z.number().int(),
  event: z.object({
    id: z.uuid(),
    type: z.string(),
    aggregateType: z.string(),
    aggregateId: z.string(),
    actorId: z.uuid().nullable(),
    topics: z.array(z.string()),
    payload: z.record(z.string(), z.unknown()),
    createdAt: z.iso.datetime(),
  }),
});
export type EventFrame = z.infer<typeof eventFrame>;

export const serverFrame = z.discriminatedUnion('type', [
  eventFrame,
  z.object({ type: z.literal('subscribed'), topics: z.array(z.string()), seq: z.number().int() }),
  z.object({ type: z.literal('unsubscribed'), topics: z.array(z.string()) }),
  z.object({ type: z.literal('pong') }),
  /** Someone is (not) typing in a conversation the socket follows (not stored; 014-chat-widget.md). */
  z.object({ type: z.literal('typing'), conversationId: z.uuid(), who: z.enum(['customer', 'agent']), userId: z.uuid().optional(), on: z.boolean() }),
  z.object({
    type: z.literal('error'),
    code: z.string(),
    message: z.string(),
  }),
]);
export type ServerFrame = z.infer<typeof serverFrame>;
