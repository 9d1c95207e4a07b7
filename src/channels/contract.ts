/**
 * The one interface every channel adapter implements (ARCHITECTURE.md, "channels/"). Kept minimal:
 * what live chat needs. An adapter turns its provider's input into an inbound message for core, and
 * hears the committed outbound messages of its inboxes to deliver them. Email, SMS and the messaging
 * apps add their own adapters behind the same shape.
 */

/** An inbound message as an adapter hands it to core (intake is idempotent on providerMessageId). */
export interface InboundMessage {
  tenantId: string;
  inboxId: string;
  /** The provider's id of the message (chat: the widget's clientId). */
  providerMessageId: string;
  from: { kind: 'visitor' | 'external' | 'email' | 'phone'; value: string; name?: string };
  text: string;
  attachmentIds?: string[];
}

/** An outbound message committed by core that the adapter should deliver. */
export interface OutboundMessage {
  tenantId: string;
  inboxId: string;
  conversationId: string;
  messageId: string;
  seq: number;
}

export interface ChannelAdapter {
  /** The inbox channel this adapter serves. */
  readonly channel: 'chat' | 'email' | 'sms' | 'whatsapp' | 'messenger' | 'telegram' | 'voice' | 'api';
  /** Deliver an outbound message (chat: to the visitor's open sockets; nothing to do when none is open). */
  deliver(m: OutboundMessage): void | Promise<void>;
  /** Stop: close connections, drop timers. */
  close(): void | Promise<void>;
}
